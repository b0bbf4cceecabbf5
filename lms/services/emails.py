"""Email that tells a learner something: their certificate is issued, and (when they opted in
on their profile) a new lesson is published in a course they are taking or completed.

Each email is sent by a task on the queue (django-tasks), after the transaction that caused
it commits, and is written in the learner's preferred language. A lesson email carries a
signed unsubscribe link that works without logging in.
"""

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django_tasks import task

from courses.models import CoursePage, LessonPage
from lms import i18n
from lms.models import Certificate, Enrolment, Profile

from .pages import lesson_course, localized

UNSUBSCRIBE_SALT = "harbour.lesson-emails.unsubscribe"


def site_url(path):
    """An absolute link for an email, which has no request to take a host from."""
    if path and path.startswith("/") and not path.startswith("//"):
        return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path
    return path


def language_of(user):
    profile = Profile.objects.filter(user=user).first()
    code = profile.preferred_language if profile else ""
    return code if code in i18n.supported_locale_codes() else i18n.fallback_locale_code()


def unsubscribe_token(user):
    return signing.dumps(user.pk, salt=UNSUBSCRIBE_SALT)


def unsubscribe_user_id(token):
    """The learner a token was made for, or None when it was changed or is not a token."""
    try:
        return int(signing.loads(token, salt=UNSUBSCRIBE_SALT))
    except (signing.BadSignature, TypeError, ValueError):
        return None


def unsubscribe(token):
    """Turns the lesson emails off for the token's learner; False for a bad token."""
    user_id = unsubscribe_user_id(token)
    if user_id is None:
        return False
    Profile.objects.filter(user_id=user_id).update(lesson_emails=False)
    return True


def send_rendered(template, context, *, to, language, reply_to=None, headers=None):
    """Render ``<template>_subject.txt`` (on one line) and ``<template>.txt`` in ``language``
    and send them to ``to`` from ``DEFAULT_FROM_EMAIL``: how every Harbour email is made."""
    with translation.override(language):
        subject = render_to_string(f"{template}_subject.txt", context)
        body = render_to_string(f"{template}.txt", context)
    EmailMessage(
        " ".join(subject.split()), body, to=to, reply_to=reply_to, headers=headers or {}
    ).send()


def _send(user, template, context, headers=None):
    language = language_of(user)
    send_rendered(
        f"lms/email/{template}",
        {"user": user, "language": language, **context},
        to=[user.email],
        language=language,
        headers=headers,
    )


# The certificate -------------------------------------------------------------------------


@task()
def send_certificate_email(certificate_id):
    certificate = Certificate.objects.select_related("user").filter(pk=certificate_id).first()
    if certificate is None or certificate.user is None or not certificate.user.email:
        return 0
    user = certificate.user
    language = language_of(user)
    from .certificates import certificate_course

    course = certificate_course(certificate, language)
    with translation.override(language):
        certificate_url = site_url(reverse("lms:certificate", kwargs={"code": certificate.code}))
    _send(
        user,
        "certificate_issued",
        {
            "certificate": certificate,
            "course_title": course.title if course else certificate.course_title,
            "certificate_url": certificate_url,
        },
    )
    return 1


def certificate_issued(certificate):
    """Queues the certificate email once the certificate's transaction commits."""
    transaction.on_commit(lambda: send_certificate_email.enqueue(certificate.pk))


# A new lesson ----------------------------------------------------------------------------


def lesson_recipients(course_key):
    """The active learners enrolled in the course (taking it or completed) who opted in."""
    user_ids = Enrolment.objects.filter(
        course_key=course_key,
        user__is_active=True,
        user__profile__lesson_emails=True,
    ).values("user_id")
    return (
        Profile.objects.filter(user_id__in=user_ids)
        .exclude(user__email="")
        .select_related("user")
        .order_by("user_id")
    )


@task()
def send_lesson_emails(lesson_id):
    lesson = LessonPage.objects.served().select_related("locale").filter(pk=lesson_id).first()
    if lesson is None:
        return 0
    course = lesson_course(lesson)
    sent = 0
    for profile in lesson_recipients(course.translation_key):
        user = profile.user
        language = language_of(user)
        own_lesson = localized(LessonPage, [lesson], language)[lesson.translation_key]
        own_course = localized(CoursePage, [course], language)[course.translation_key]
        with translation.override(language):
            unsubscribe_url = site_url(
                reverse("lms:unsubscribe", kwargs={"token": unsubscribe_token(user)})
            )
        _send(
            user,
            "lesson_published",
            {
                "lesson": own_lesson,
                "course": own_course,
                "lesson_url": site_url(own_lesson.get_url()),
                "unsubscribe_url": unsubscribe_url,
            },
            headers={"List-Unsubscribe": f"<{unsubscribe_url}>"},
        )
        sent += 1
    return sent


def lesson_published(sender, instance, **kwargs):
    """page_published of a LessonPage: on the lesson's first publication in any language,
    queues the email to the learners of its course who asked for it."""
    if instance.first_published_at != instance.last_published_at:
        return
    earlier = (
        LessonPage.objects.filter(translation_key=instance.translation_key)
        .exclude(pk=instance.pk)
        .exclude(first_published_at=None)
    )
    if earlier.exists():
        return
    lesson_id = instance.pk
    transaction.on_commit(lambda: send_lesson_emails.enqueue(lesson_id))
