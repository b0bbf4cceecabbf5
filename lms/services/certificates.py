"""Completion and certificates: a course completes once, and its certificate is issued once."""

import base64
import secrets

from django.db import transaction
from django.utils import timezone

from courses.models import CoursePage
from lms import i18n
from lms.models import Certificate

from . import emails, events
from .pages import localized, source_courses
from .progress import course_states


def new_certificate_code():
    """80 random bits as four groups of base32, e.g. ``K3QF-7ZPA-M2XD-4RTB``."""
    raw = base64.b32encode(secrets.token_bytes(10)).decode()
    return "-".join(raw[i : i + 4] for i in range(0, 16, 4))


def normalise_code(code):
    cleaned = "".join(ch for ch in (code or "").upper() if ch.isalnum())
    if len(cleaned) != 16:
        return None
    return "-".join(cleaned[i : i + 4] for i in range(0, 16, 4))


def learner_name(user):
    return user.get_full_name().strip() or user.get_username()


def rename_learner(user, first_name=None, last_name=None, confirm=None):
    """Change the name the learner's certificates print (their codes stay the same) and, with
    ``confirm``, record that the learner confirmed it on that certificate."""
    if first_name is not None:
        user.first_name, user.last_name = first_name.strip(), (last_name or "").strip()
        user.save(update_fields=["first_name", "last_name"])
    name = learner_name(user)
    Certificate.objects.filter(user=user).exclude(learner_name=name).update(learner_name=name)
    if confirm is not None:
        Certificate.objects.filter(pk=confirm.pk).update(name_confirmed_at=timezone.now())
    return name


def asks_to_confirm_name(certificate):
    """The learner's first certificate asks them to confirm the name it prints."""
    if certificate.name_confirmed_at is not None or not certificate.user_id:
        return False
    return not Certificate.objects.filter(
        user_id=certificate.user_id, name_confirmed_at__isnull=False
    ).exists()


def check_completion(enrolment):
    """Mark the enrolment complete and issue its certificate the first time every lesson is
    done. The caller holds the enrolment's row lock."""
    state = course_states(enrolment.user, [enrolment], enrolment.locale or None)[0]
    if not state.is_complete:
        return None
    if enrolment.completed_at is None:
        enrolment.completed_at = timezone.now()
        enrolment.save(update_fields=["completed_at"])
        events.course_completed(enrolment, state.course)
    return issue_certificate(enrolment, state.course)


def issue_certificate(enrolment, course=None):
    """The learner's certificate for the enrolment's course, created once."""
    if course is None:
        course = source_courses([enrolment.course_key]).get(enrolment.course_key)
    with transaction.atomic():
        certificate, created = Certificate.objects.get_or_create(
            user=enrolment.user,
            course_key=enrolment.course_key,
            defaults={
                "code": new_certificate_code(),
                "learner_name": learner_name(enrolment.user),
                "course_title": course.title if course else "",
                "locale": enrolment.locale,
            },
        )
        if created:
            events.certificate_issued(certificate)
            emails.certificate_issued(certificate)
    return certificate


def verify_certificate(code):
    """The certificate with this code (any case, with or without dashes), or None."""
    code = normalise_code(code)
    if code is None:
        return None
    return Certificate.objects.filter(code=code).first()


def certificate_course(certificate, locale_code=None):
    """The course a certificate is for, in the locale when it is live there, or None."""
    source = source_courses([certificate.course_key]).get(certificate.course_key)
    if source is None:
        return None
    return localized(CoursePage, [source], locale_code or i18n.active_code())[
        source.translation_key
    ]
