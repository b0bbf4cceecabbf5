"""Changing progress: enrolment and progress reports, merged idempotently under a row lock."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.models import Enrolment, LessonProgress

from . import events
from .certificates import check_completion
from .pages import LearnerError, NotFound, lesson_course, quiz_ids
from .progress import lesson_done, passed_quizzes

Status = LessonProgress.Status

MAX_TIME_SPENT = 10_000_000  # seconds; more than 100 days in one lesson is a client bug
MAX_POSITION_LENGTH = 255


def enrol(user, course):
    """Enrol the learner in a course (a page of any locale). Returns ``(enrolment, created)``;
    enrolling twice returns the first enrolment."""
    if not course.live:
        raise NotFound(_("There is no published course with id %(id)s.") % {"id": course.pk})
    # get_or_create catches the IntegrityError of a concurrent insert and fetches that row.
    with transaction.atomic():
        enrolment, created = Enrolment.objects.get_or_create(
            user=user,
            course_key=course.translation_key,
            defaults={"locale": course.locale.language_code},
        )
        if created:
            events.enrolment_created(enrolment, course)
    return enrolment, created


def _clean_progress(status, position, time_spent):
    if status is not None and status not in Status.values:
        raise LearnerError(
            _("Unknown status %(status)r; use one of: %(choices)s.")
            % {"status": status, "choices": ", ".join(Status.values)},
            "status",
        )
    if position is not None:
        if isinstance(position, bool) or not isinstance(position, str | int | float):
            raise LearnerError(_("The position must be a text or a number."), "position")
        position = str(position)
        if len(position) > MAX_POSITION_LENGTH:
            raise LearnerError(
                _("The position is longer than %(max)s characters.") % {"max": MAX_POSITION_LENGTH},
                "position",
            )
    if time_spent is not None:
        if isinstance(time_spent, bool) or not isinstance(time_spent, int):
            raise LearnerError(_("time_spent must be a whole number of seconds."), "time_spent")
        if not 0 <= time_spent <= MAX_TIME_SPENT:
            raise LearnerError(
                _("time_spent must be between 0 and %(max)s seconds.") % {"max": MAX_TIME_SPENT},
                "time_spent",
            )
    return status, position, time_spent


def locked_enrolment(user, course):
    if course.live:
        # The usual case, an enrolment that exists, in one query.
        enrolment = (
            Enrolment.objects.select_for_update()
            .filter(user=user, course_key=course.translation_key)
            .first()
        )
        if enrolment is not None:
            return enrolment
    enrolment, _created = enrol(user, course)
    # One writer per enrolment at a time: the completion check below must see every lesson
    # the other writers completed, or two last lessons finished at once would both miss it.
    return Enrolment.objects.select_for_update().get(pk=enrolment.pk)


def record_progress(
    user, lesson, *, status=None, position=None, time_spent=None, client_updated_at=None
):
    """Merge a progress report for a lesson (a page of any locale) and return the row.

    Writing the same report twice changes nothing. Status only moves forward (not started →
    in progress → completed), time_spent keeps the largest value reported, and a position
    older than the stored one (``client_updated_at`` before the row's ``updated_at``) is
    ignored. The first report enrols the learner in the lesson's course. By the completion
    rule a lesson with quizzes completes only when they are passed: until then "completed"
    records it as in progress.
    """
    status, position, time_spent = _clean_progress(status, position, time_spent)
    if status is None and position is None and time_spent is None:
        raise LearnerError(_("Send at least one of status, position and time_spent."))
    course = lesson_course(lesson)
    with transaction.atomic():
        enrolment = locked_enrolment(user, course)
        enrolment.user = user  # the same row, for the events without another read
        # Read after the lock, so a writer that held it before us is seen; every writer of
        # progress holds the enrolment's lock, so no other insert of this row can race ours.
        row = LessonProgress.objects.filter(
            enrolment=enrolment, lesson_key=lesson.translation_key
        ).first()
        created = row is None
        if created:
            row = LessonProgress(enrolment=enrolment, lesson_key=lesson.translation_key)
        row.enrolment = enrolment  # the locked row, for the events without another read
        changed = created
        was_completed = row.status == Status.COMPLETED
        target = status
        if target is None and (position or time_spent):
            target = Status.IN_PROGRESS
        quizzes = quiz_ids(lesson) if target == Status.COMPLETED else ()
        if quizzes and not lesson_done(target, quizzes, passed_quizzes(user, lesson)):
            target = Status.IN_PROGRESS
        if target is not None and LessonProgress.ORDER[target] > LessonProgress.ORDER[row.status]:
            row.status = target
            if target == Status.COMPLETED:
                row.completed_at = timezone.now()
            changed = True
        if time_spent is not None and time_spent > row.time_spent:
            row.time_spent = time_spent
            changed = True
        stale = not created and client_updated_at is not None and client_updated_at < row.updated_at
        if position is not None and position != row.position and not stale:
            row.position = position
            changed = True
        completed = row.status == Status.COMPLETED and not was_completed
        if changed:
            # One INSERT for a new row, one UPDATE for a known one (no get_or_create savepoint).
            row.save(force_insert=created)
            events.lesson_changed(row, lesson, course, completed)
        # The course can only become complete when one of its lessons does (here or in
        # grade_quiz, under the same lock): a report on a lesson already done changes none.
        if completed:
            check_completion(enrolment)
    return row


def open_lesson(user, lesson):
    """Opening a lesson of a course the learner is enrolled in marks it in progress; a
    learner who only browses is not enrolled by it. Returns the row or None."""
    course = lesson_course(lesson)
    enrolment = Enrolment.objects.filter(user=user, course_key=course.translation_key).first()
    if enrolment is None:
        return None
    row = LessonProgress.objects.filter(
        enrolment=enrolment, lesson_key=lesson.translation_key
    ).first()
    if row is not None and row.status != Status.NOT_STARTED:
        return row
    return record_progress(user, lesson, status=Status.IN_PROGRESS)
