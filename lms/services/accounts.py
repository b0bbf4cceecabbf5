"""The learner's own data and access: profile, export and deletion; tokens and sessions
revoked on a new password and on "log out everywhere"; the log-in lockout's wait and message."""

from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from courses.models import CoursePage, LessonPage
from lms import i18n
from lms.models import Certificate, Enrolment, Profile, QuizAttempt, Reflection
from outbox import xapi

from .pages import LearnerError, localized, source_courses


def profile_for(user):
    profile, _created = Profile.objects.get_or_create(user=user)
    return profile


def _iso(value):
    return value.isoformat() if isinstance(value, datetime) else value


class _Titles:
    """The titles of the courses, lessons and quizzes a learner's records name by key, in the
    learner's language where translated; None for a page no longer published."""

    def __init__(self, enrolments, attempts, locale_code):
        course_keys = {enrolment.course_key for enrolment in enrolments}
        course_keys |= {certificate.course_key for certificate in attempts[1]}
        lesson_keys = {row.lesson_key for e in enrolments for row in e.lesson_progress.all()}
        lesson_keys |= {attempt.lesson_key for attempt in attempts[0]}
        lesson_keys |= {reflection.lesson_key for reflection in attempts[2]}
        self.courses = localized(CoursePage, source_courses(course_keys).values(), locale_code)
        lessons = {}
        for lesson in LessonPage.objects.served().filter(translation_key__in=lesson_keys):
            lessons.setdefault(lesson.translation_key, lesson)
        self.lessons = localized(LessonPage, lessons.values(), locale_code)

    def course(self, key):
        page = self.courses.get(key)
        return page.title if page else None

    def lesson(self, key):
        page = self.lessons.get(key)
        return page.title if page else None

    def quiz(self, lesson_key, quiz_id):
        page = self.lessons.get(lesson_key)
        for block in page.body if page else ():
            if block.block_type == "quiz" and block.id == quiz_id:
                return block.value["title"]
        return None


# ``{key: function(user) -> JSON-ready data}``: sections apps above this layer add to the
# learner's data export (registered in their AppConfig.ready). Their rows go with the
# account on deletion (their foreign keys to the user cascade).
EXPORT_SECTIONS = {}


def export_learner_data(user):
    """Everything Harbour stores about the learner, as JSON-ready data: the keys, and the
    titles of what they name in the learner's preferred language, so a person can read it."""
    profile = Profile.objects.filter(user=user).first()
    enrolments = list(Enrolment.objects.filter(user=user).prefetch_related("lesson_progress"))
    attempts = list(QuizAttempt.objects.filter(user=user).order_by("created_at", "id"))
    certificates = list(Certificate.objects.filter(user=user))
    notes = list(Reflection.objects.filter(user=user))
    language = profile.preferred_language if profile else i18n.fallback_locale_code()
    titles = _Titles(enrolments, (attempts, certificates, notes), language)
    return {
        "language": language,
        "exported_at": timezone.now().isoformat(),
        "account": {
            "username": user.get_username(),
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "date_joined": _iso(user.date_joined),
            "last_login": _iso(user.last_login),
        },
        "profile": {
            "preferred_language": profile.preferred_language,
            "country": profile.country,
            "subsector": profile.subsector,
            "organisation": profile.organisation,
            "lesson_emails": profile.lesson_emails,
            "email_verified": profile.email_verified,
            "verified_email": profile.verified_email,
            "email_verified_at": _iso(profile.email_verified_at),
        }
        if profile
        else None,
        "enrolments": [
            {
                "course_translation_key": str(enrolment.course_key),
                "course_title": titles.course(enrolment.course_key),
                "locale": enrolment.locale,
                "enrolled_at": _iso(enrolment.enrolled_at),
                "completed_at": _iso(enrolment.completed_at),
                "lessons": [
                    {
                        "lesson_translation_key": str(row.lesson_key),
                        "lesson_title": titles.lesson(row.lesson_key),
                        "status": row.status,
                        "position": row.position,
                        "time_spent": row.time_spent,
                        "started_at": _iso(row.started_at),
                        "completed_at": _iso(row.completed_at),
                        "updated_at": _iso(row.updated_at),
                    }
                    for row in enrolment.lesson_progress.all()
                ],
            }
            for enrolment in enrolments
        ],
        "quiz_attempts": [
            {
                "lesson_translation_key": str(attempt.lesson_key),
                "lesson_title": titles.lesson(attempt.lesson_key),
                "quiz": attempt.quiz_id,
                "quiz_title": titles.quiz(attempt.lesson_key, attempt.quiz_id),
                "locale": attempt.locale,
                "answers": attempt.answers,
                "score": attempt.score,
                "passed": attempt.passed,
                "created_at": _iso(attempt.created_at),
            }
            for attempt in attempts
        ],
        "certificates": [
            {
                "code": certificate.code,
                "course_translation_key": str(certificate.course_key),
                "course_title": certificate.course_title,
                "learner_name": certificate.learner_name,
                "issued_at": _iso(certificate.issued_at),
            }
            for certificate in certificates
        ],
        "reflections": [
            {
                "lesson_translation_key": str(reflection.lesson_key),
                "lesson_title": titles.lesson(reflection.lesson_key),
                "reflection": reflection.block_id,
                "text": reflection.text,
                "created_at": _iso(reflection.created_at),
                "updated_at": _iso(reflection.updated_at),
            }
            for reflection in notes
        ],
        # The xAPI statements Harbour built for the learning record store, and whether each
        # has been delivered.
        "xapi_statements": xapi.learner_statements(user),
        # What apps above this layer store about the learner (the network's match-making
        # profile and contact requests), each under its own key.
        **{key: section(user) for key, section in EXPORT_SECTIONS.items()},
    }


def delete_learner(user, password):
    """Delete the account and everything personal after checking the password.

    Certificates stay verifiable by their code, but lose the learner's name and account, so a
    code someone was shown still proves that a course was completed on that date.
    """
    if not password or not user.check_password(password):
        raise LearnerError(_("The password is not correct."), "password")
    with transaction.atomic():
        Certificate.objects.filter(user=user).update(user=None, learner_name="")
        user.delete()


def revoke_tokens(user):
    """Delete the learner's API tokens: a client that held one must log in again, and the next
    log-in (POST /api/v1/auth/token/) hands out a new one."""
    from rest_framework.authtoken.models import Token

    Token.objects.filter(user=user).delete()


def end_sessions(user):
    """End every session of the learner on the site (all browsers and devices). Sessions are
    not indexed by user, so this reads each unexpired session once."""
    from django.contrib.auth import SESSION_KEY
    from django.contrib.sessions.models import Session

    ids = []
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if str(session.get_decoded().get(SESSION_KEY)) == str(user.pk):
            ids.append(session.pk)
    Session.objects.filter(pk__in=ids).delete()


def log_out_everywhere(user):
    """The learner's "log out everywhere": no token and no session of theirs is valid."""
    with transaction.atomic():
        revoke_tokens(user)
        end_sessions(user)


def revoke_tokens_on_password_change(sender, instance, raw=False, update_fields=None, **kwargs):
    """A pre_save receiver on the user model: a new password (changed, reset, set by staff)
    revokes the API tokens. Django ends the other sessions itself: their hash no longer
    matches the password."""
    if raw or instance.pk is None:
        return
    if update_fields is not None and "password" not in update_fields:
        return
    stored = sender.objects.filter(pk=instance.pk).values_list("password", flat=True).first()
    if stored is not None and stored != instance.password:
        revoke_tokens(instance)


def lockout_wait(request):
    """Seconds until a client locked out of logging in (django-axes) may try again."""
    from axes.helpers import get_cool_off

    cool_off = get_cool_off(request)
    return int(cool_off.total_seconds()) if cool_off else 0


def lockout_message(seconds):
    minutes = max(1, -(-seconds // 60))
    return ngettext(
        "Too many failed log-in attempts. Try again in %(minutes)d minute.",
        "Too many failed log-in attempts. Try again in %(minutes)d minutes.",
        minutes,
    ) % {"minutes": minutes}
