"""The learner's own data: profile, export and deletion."""

from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.models import Certificate, Enrolment, Profile, QuizAttempt

from .pages import LearnerError


def profile_for(user):
    profile, _created = Profile.objects.get_or_create(user=user)
    return profile


def _iso(value):
    return value.isoformat() if isinstance(value, datetime) else value


def export_learner_data(user):
    """Everything Harbour stores about the learner, as JSON-ready data."""
    profile = Profile.objects.filter(user=user).first()
    enrolments = Enrolment.objects.filter(user=user).prefetch_related("lesson_progress")
    return {
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
        }
        if profile
        else None,
        "enrolments": [
            {
                "course_translation_key": str(enrolment.course_key),
                "locale": enrolment.locale,
                "enrolled_at": _iso(enrolment.enrolled_at),
                "completed_at": _iso(enrolment.completed_at),
                "lessons": [
                    {
                        "lesson_translation_key": str(row.lesson_key),
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
                "quiz": attempt.quiz_id,
                "locale": attempt.locale,
                "answers": attempt.answers,
                "score": attempt.score,
                "passed": attempt.passed,
                "created_at": _iso(attempt.created_at),
            }
            for attempt in QuizAttempt.objects.filter(user=user).order_by("created_at", "id")
        ],
        "certificates": [
            {
                "code": certificate.code,
                "course_translation_key": str(certificate.course_key),
                "course_title": certificate.course_title,
                "learner_name": certificate.learner_name,
                "issued_at": _iso(certificate.issued_at),
            }
            for certificate in Certificate.objects.filter(user=user)
        ],
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
