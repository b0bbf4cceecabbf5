"""The learner's events for the outbox, recorded in the transaction of the change: an
enrolment, progress in a lesson, its completion, a quiz attempt, a completed course and an
issued certificate. Each names its lesson and course by page id and translation key, and its
enrolment (the xAPI registration); outbox.xapi builds statements from these alone.
"""

from outbox import events


def _page(page):
    return {
        "id": page.pk,
        "translation_key": str(page.translation_key),
        "title": page.title,
        "locale": page.locale.language_code,
    }


def _learner(enrolment, course):
    return {
        "enrolment": enrolment.pk,
        "registration": str(events.event_id(f"registration:{enrolment.pk}")),
        "course": _page(course),
    }


def expect_events():
    """A request that will record events reads the webhook subscriptions' version with its
    first read of versions."""
    events.expect_subscriptions()


def enrolment_created(enrolment, course):
    events.record(
        "enrolment.created",
        key=enrolment.pk,
        object_type="enrolment",
        object_id=enrolment.pk,
        translation_key=course.translation_key,
        locale=enrolment.locale,
        user=enrolment.user,
        data=_learner(enrolment, course),
    )


def lesson_changed(row, lesson, course, completed):
    data = _learner(row.enrolment, course) | {
        "lesson": _page(lesson) | {"estimated_minutes": lesson.estimated_minutes},
        "status": row.status,
        "time_spent": row.time_spent,
        "progress": 100 if completed else None,
    }
    events.record(
        "lesson.completed" if completed else "lesson.progressed",
        key=f"{row.pk}:{row.updated_at.isoformat()}",
        object_type="lesson",
        object_id=lesson.pk,
        translation_key=lesson.translation_key,
        locale=lesson.locale.language_code,
        user=row.enrolment.user,
        occurred_at=row.updated_at,
        data=data,
    )


def quiz_attempted(attempt, row, lesson, course):
    duration = max(int((attempt.created_at - row.started_at).total_seconds()), 0)
    data = _learner(row.enrolment, course) | {
        "lesson": _page(lesson),
        "quiz": attempt.quiz_id,
        "score": attempt.score,
        "passed": attempt.passed,
        "duration": duration,
    }
    events.record(
        "quiz.attempted",
        key=attempt.pk,
        object_type="lesson",
        object_id=lesson.pk,
        translation_key=lesson.translation_key,
        locale=attempt.locale,
        user=attempt.user,
        occurred_at=attempt.created_at,
        data=data,
    )


def course_completed(enrolment, course):
    events.record(
        "course.completed",
        key=enrolment.pk,
        object_type="course",
        object_id=course.pk if course else "",
        translation_key=enrolment.course_key,
        locale=enrolment.locale,
        user=enrolment.user,
        occurred_at=enrolment.completed_at,
        data=_learner(enrolment, course) if course else {"enrolment": enrolment.pk},
    )


def certificate_issued(certificate):
    events.record(
        "certificate.issued",
        key=certificate.pk,
        # Not the code: its public page shows the learner's name.
        object_type="certificate",
        object_id=certificate.pk,
        translation_key=certificate.course_key,
        locale=certificate.locale,
        user=certificate.user,
        occurred_at=certificate.issued_at,
    )
