"""The learner side: enrolment, progress, quizzes, certificates and the learner's own data.

The web pages, the API and the admin report all call these functions; none of them writes a
learner model directly.

Progress belongs to translation keys. "The course's lessons" are the live, public lessons of
the course's source translation (the one in the default language when it is live, otherwise
the oldest live translation), so a learner who switches from Polish to English keeps every
lesson they completed, and a lesson added in English counts for everyone.
"""

import base64
import secrets
from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from courses.models import CoursePage, LessonPage

from .models import Certificate, Enrolment, LessonProgress, Profile, QuizAttempt

Status = LessonProgress.Status

MAX_TIME_SPENT = 10_000_000  # seconds; more than 100 days in one lesson is a client bug
MAX_POSITION_LENGTH = 255


class LearnerError(Exception):
    """Input a learner or client sent that we refuse; the message is safe to show them."""

    def __init__(self, message, field=None):
        super().__init__(message)
        self.message = message
        self.field = field


class NotFound(LearnerError):
    """The page, quiz or record does not exist, or is not visible to this learner."""


# --- Pages ---------------------------------------------------------------------------------


def default_locale_code():
    return getattr(settings, "HARBOUR_FALLBACK_LOCALE", settings.LANGUAGE_CODE)


def current_locale_code():
    code = (translation.get_language() or default_locale_code()).split("-")[0]
    return code if code in dict(settings.LANGUAGES) else default_locale_code()


MAX_ID = 2**63 - 1


def valid_id(value):
    # An id beyond the database's integer range is simply not there (not an overflow error).
    return isinstance(value, int) and 0 < value <= MAX_ID


def live_course(course_id):
    """The live, public course with this page id, in any locale."""
    course = None
    if valid_id(course_id):
        course = CoursePage.objects.live().public().filter(pk=course_id).first()
    if course is None:
        raise NotFound(_("There is no published course with id %(id)s.") % {"id": course_id})
    return course


def live_lesson(lesson_id):
    """The live, public lesson with this page id, in any locale, whose course is live too."""
    lesson = None
    if valid_id(lesson_id):
        lesson = (
            LessonPage.objects.live().public().select_related("locale").filter(pk=lesson_id).first()
        )
    if lesson is None:
        raise NotFound(_("There is no published lesson with id %(id)s.") % {"id": lesson_id})
    return lesson


def lesson_course(lesson):
    # Kept on the lesson: a request that records progress and then answers with it asks
    # twice for the same lesson's course.
    course = getattr(lesson, "_live_course", None)
    if course is None:
        course = (
            CoursePage.objects.live()
            .select_related("locale")
            .filter(path=lesson.path[: -CoursePage.steplen])
            .first()
        )
        if course is None:
            raise NotFound(_("This lesson does not belong to a published course."))
        lesson._live_course = course
    return course


def _pick_source(pages):
    default = default_locale_code()
    for page in pages:
        if page.locale.language_code == default:
            return page
    return min(pages, key=lambda page: page.pk)


def source_courses(course_keys):
    """``{course_key: source CoursePage}`` for the keys that have a live course; one query."""
    by_key = {}
    pages = CoursePage.objects.live().filter(translation_key__in=set(course_keys))
    for page in pages.select_related("locale"):
        by_key.setdefault(page.translation_key, []).append(page)
    return {key: _pick_source(pages) for key, pages in by_key.items()}


def lessons_of(courses):
    """``{course_key: [LessonPage, …]}`` in tree order for the given source courses; one query."""
    courses = list(courses)
    if not courses:
        return {}
    condition = Q()
    for course in courses:
        condition |= Q(path__startswith=course.path, depth=course.depth + 1)
    by_path = {course.path: course.translation_key for course in courses}
    result = {course.translation_key: [] for course in courses}
    lessons = LessonPage.objects.live().public().filter(condition).select_related("locale")
    for lesson in lessons.order_by("path"):
        result[by_path[lesson.path[: -LessonPage.steplen]]].append(lesson)
    return result


def localized(model, pages, locale_code):
    """``{translation_key: page}``: each page in the locale when it is live there, else itself."""
    pages = list(pages)
    found = {}
    if pages:
        found = {
            page.translation_key: page
            for page in model.objects.live()
            .filter(
                translation_key__in=[page.translation_key for page in pages],
                locale__language_code=locale_code,
            )
            .select_related("locale")
        }
    return {page.translation_key: found.get(page.translation_key, page) for page in pages}


def quiz_ids(lesson):
    return [block.id for block in lesson.body if block.block_type == "quiz"]


def find_quiz(lesson, quiz_id):
    for block in lesson.body:
        if block.block_type == "quiz" and block.id == quiz_id:
            return block
    raise NotFound(_("This lesson has no quiz with id %(id)s.") % {"id": quiz_id})


# --- Progress of a course ------------------------------------------------------------------


@dataclass
class LessonState:
    page: LessonPage  # in the learner's locale where it exists, for links and titles
    key: object
    status: str = Status.NOT_STARTED
    position: str = ""
    time_spent: int = 0
    quizzes: list = field(default_factory=list)
    quizzes_passed: set = field(default_factory=set)
    is_new: bool = False

    @property
    def is_done(self):
        return self.status == Status.COMPLETED and set(self.quizzes) <= self.quizzes_passed


@dataclass
class CourseState:
    key: object
    course: CoursePage | None  # None when the course is no longer published
    enrolment: Enrolment | None
    lessons: list
    certificate: Certificate | None = None

    @property
    def total(self):
        return len(self.lessons)

    @property
    def completed(self):
        return sum(1 for lesson in self.lessons if lesson.is_done)

    @property
    def percent(self):
        return round(100 * self.completed / self.total) if self.total else 0

    @property
    def is_complete(self):
        return self.total > 0 and self.completed == self.total

    @property
    def next_lesson(self):
        for lesson in self.lessons:
            if not lesson.is_done:
                return lesson.page
        return None

    @property
    def new_lessons(self):
        return [lesson.page for lesson in self.lessons if lesson.is_new]

    @property
    def time_spent(self):
        return sum(lesson.time_spent for lesson in self.lessons)

    def as_dict(self):
        """The shape the ``course_progress`` template tag promises."""
        return {
            "percent": self.percent,
            "completed": self.completed,
            "total": self.total,
            "is_complete": self.is_complete,
            "enrolled": self.enrolment is not None,
            "next_lesson": self.next_lesson,
            "new_lessons": self.new_lessons,
            "lessons": self.lessons,
            "certificate": self.certificate,
            "enrolment": self.enrolment,
        }


def course_states(user, enrolments, locale_code=None, course_keys=()):
    """The progress of each enrolment (and of each extra course key), in a fixed number of
    queries however many courses there are."""
    locale_code = locale_code or current_locale_code()
    enrolments = list(enrolments)
    keys = [enrolment.course_key for enrolment in enrolments]
    keys += [key for key in course_keys if key not in keys]
    if not keys:
        return []
    sources = source_courses(keys)
    lessons = lessons_of(sources.values())
    all_lessons = [lesson for course_lessons in lessons.values() for lesson in course_lessons]
    local_courses = localized(CoursePage, sources.values(), locale_code)
    local_lessons = localized(LessonPage, all_lessons, locale_code)

    progress, passed, certificates = {}, set(), {}
    if enrolments:
        for row in LessonProgress.objects.filter(enrolment__in=enrolments):
            progress[(row.enrolment_id, row.lesson_key)] = row
        passed = set(
            QuizAttempt.objects.filter(
                user=user,
                passed=True,
                lesson_key__in=[lesson.translation_key for lesson in all_lessons],
            )
            .order_by()
            .values_list("lesson_key", "quiz_id")
            .distinct()
        )
        certificates = {
            certificate.course_key: certificate
            for certificate in Certificate.objects.filter(user=user, course_key__in=keys)
        }

    by_key = {enrolment.course_key: enrolment for enrolment in enrolments}
    states = []
    for key in keys:
        enrolment = by_key.get(key)
        source = sources.get(key)
        lesson_states = []
        for lesson in lessons.get(key, []):
            state = LessonState(
                page=local_lessons[lesson.translation_key],
                key=lesson.translation_key,
                quizzes=quiz_ids(lesson),
            )
            state.quizzes_passed = {
                quiz for quiz in state.quizzes if (lesson.translation_key, quiz) in passed
            }
            row = progress.get((enrolment.pk, lesson.translation_key)) if enrolment else None
            if row is not None:
                state.status, state.position, state.time_spent = (
                    row.status,
                    row.position,
                    row.time_spent,
                )
            # Once a course was complete, every lesson not done since is one the editors added
            # (or gave a new quiz) after the learner finished.
            state.is_new = bool(enrolment and enrolment.completed_at and not state.is_done)
            lesson_states.append(state)
        states.append(
            CourseState(
                key=key,
                course=local_courses.get(source.translation_key) if source else None,
                enrolment=enrolment,
                lessons=lesson_states,
                certificate=certificates.get(key),
            )
        )
    return states


def course_progress(user, course, locale_code=None):
    """The learner's progress in one course (a page of any locale); anonymous users get the
    course's lessons with nothing done."""
    enrolments = []
    if user is not None and user.is_authenticated:
        enrolments = list(Enrolment.objects.filter(user=user, course_key=course.translation_key))
    states = course_states(user, enrolments, locale_code, course_keys=[course.translation_key])
    return states[0]


def lesson_progress(user, lesson):
    """The learner's LessonProgress row for a lesson of any locale, or None."""
    if user is None or not user.is_authenticated:
        return None
    return (
        LessonProgress.objects.filter(enrolment__user=user, lesson_key=lesson.translation_key)
        .select_related("enrolment")
        .first()
    )


def lesson_status(user, lesson):
    row = lesson_progress(user, lesson)
    return row.status if row else Status.NOT_STARTED


def progress_summary(user, locale_code=None):
    """Everything on the learner's dashboard and ``/api/v1/me/progress/``."""
    states = course_states(
        user, Enrolment.objects.filter(user=user).order_by("-enrolled_at", "-id"), locale_code
    )
    return {
        "courses": states,
        "enrolled": len(states),
        "completed": sum(1 for state in states if state.is_complete),
        "lessons_completed": sum(state.completed for state in states),
        "time_spent": sum(state.time_spent for state in states),
    }


# --- Changing progress ---------------------------------------------------------------------


def enrol(user, course):
    """Enrol the learner in a course (a page of any locale). Returns ``(enrolment, created)``;
    enrolling twice returns the first enrolment."""
    if not course.live:
        raise NotFound(_("There is no published course with id %(id)s.") % {"id": course.pk})
    # get_or_create catches the IntegrityError of a concurrent insert and fetches that row.
    return Enrolment.objects.get_or_create(
        user=user,
        course_key=course.translation_key,
        defaults={"locale": course.locale.language_code},
    )


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


def _locked_enrolment(user, course):
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
    ignored. The first report enrols the learner in the lesson's course.
    """
    status, position, time_spent = _clean_progress(status, position, time_spent)
    if status is None and position is None and time_spent is None:
        raise LearnerError(_("Send at least one of status, position and time_spent."))
    course = lesson_course(lesson)
    with transaction.atomic():
        enrolment = _locked_enrolment(user, course)
        row, created = LessonProgress.objects.get_or_create(
            enrolment=enrolment, lesson_key=lesson.translation_key
        )
        changed = created
        target = status
        if target is None and (position or time_spent):
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
        if changed:
            row.save()
        if row.status == Status.COMPLETED:
            check_completion(enrolment)
    return row


def _attempt_error(message, **params):
    return LearnerError(message % params if params else message, "answers")


def _clean_answers(quiz, answers):
    """``{question_id: set(choice ids)}`` for a well-formed answer to every question."""
    if not isinstance(answers, dict) or not answers:
        raise _attempt_error(_("Send an answer for each question."))
    questions = quiz.value["questions"]
    by_id = {bound.id: bound.value for bound in questions.bound_blocks}
    unknown = [str(question_id) for question_id in answers if question_id not in by_id]
    if unknown:
        raise _attempt_error(_("Unknown question id: %(ids)s."), ids=", ".join(sorted(unknown)))
    missing = [question_id for question_id in by_id if question_id not in answers]
    if missing:
        raise _attempt_error(_("Answer every question; missing: %(ids)s."), ids=", ".join(missing))
    cleaned = {}
    for question_id, chosen in answers.items():
        question = by_id[question_id]
        if isinstance(chosen, str | int) and not isinstance(chosen, bool):
            chosen = [chosen]
        if not isinstance(chosen, list) or not chosen:
            raise _attempt_error(
                _("Choose at least one answer to question %(id)s."), id=question_id
            )
        valid = {str(index) for index in range(len(question["choices"]))}
        choices = set()
        for choice in chosen:
            choice = (
                str(choice) if isinstance(choice, int) and not isinstance(choice, bool) else choice
            )
            if choice not in valid:
                raise _attempt_error(
                    _("Question %(id)s has no answer %(choice)s."), id=question_id, choice=choice
                )
            choices.add(choice)
        if question["kind"] == "single" and len(choices) > 1:
            raise _attempt_error(_("Question %(id)s takes only one answer."), id=question_id)
        cleaned[question_id] = choices
    return cleaned


def grade(quiz, cleaned):
    """Score an attempt against the stored answers: a question counts when the chosen set is
    exactly the set of correct answers. Returns ``(score %, passed, per-question results)``."""
    results = []
    for bound in quiz.value["questions"].bound_blocks:
        question = bound.value
        chosen = cleaned[bound.id]
        correct = {str(i) for i, choice in enumerate(question["choices"]) if choice["correct"]}
        results.append(
            {
                "question": bound.id,
                "text": question["question"],
                "chosen": sorted(chosen, key=int),
                "correct": chosen == correct,
                "feedback": [
                    {
                        "choice": choice_id,
                        "text": question["choices"][int(choice_id)]["text"],
                        "feedback": question["choices"][int(choice_id)]["feedback"] or "",
                    }
                    for choice_id in sorted(chosen, key=int)
                ],
                "explanation": question["explanation"] or "",
            }
        )
    right = sum(1 for result in results if result["correct"])
    score = round(100 * right / len(results)) if results else 0
    return score, score >= quiz.value["pass_mark"], results


def grade_quiz(user, lesson, quiz_id, answers):
    """Grade and record one attempt at a quiz of a lesson (a page of any locale).

    Bad input raises LearnerError and records nothing. The attempt enrols the learner and
    marks the lesson as started; passing the last quiz can complete the course.
    """
    quiz = find_quiz(lesson, quiz_id)
    cleaned = _clean_answers(quiz, answers)
    score, passed, results = grade(quiz, cleaned)
    course = lesson_course(lesson)
    with transaction.atomic():
        enrolment = _locked_enrolment(user, course)
        attempt = QuizAttempt.objects.create(
            user=user,
            lesson_key=lesson.translation_key,
            quiz_id=quiz_id,
            locale=lesson.locale.language_code,
            answers={question: sorted(choices, key=int) for question, choices in cleaned.items()},
            results=results,
            score=score,
            passed=passed,
        )
        row, _created = LessonProgress.objects.get_or_create(
            enrolment=enrolment,
            lesson_key=lesson.translation_key,
            defaults={"status": Status.IN_PROGRESS},
        )
        if row.status == Status.NOT_STARTED:
            row.status = Status.IN_PROGRESS
            row.save(update_fields=["status", "updated_at"])
        if passed and row.status == Status.COMPLETED:
            check_completion(enrolment)
    return attempt


def quiz_attempts(user, lesson):
    return QuizAttempt.objects.filter(user=user, lesson_key=lesson.translation_key)


# --- Completion and certificates -----------------------------------------------------------


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


def check_completion(enrolment):
    """Mark the enrolment complete and issue its certificate the first time every lesson is
    done. The caller holds the enrolment's row lock."""
    state = course_states(enrolment.user, [enrolment], enrolment.locale or None)[0]
    if not state.is_complete:
        return None
    if enrolment.completed_at is None:
        enrolment.completed_at = timezone.now()
        enrolment.save(update_fields=["completed_at"])
    return issue_certificate(enrolment, state.course)


def issue_certificate(enrolment, course=None):
    """The learner's certificate for the enrolment's course, created once."""
    if course is None:
        course = source_courses([enrolment.course_key]).get(enrolment.course_key)
    certificate, _created = Certificate.objects.get_or_create(
        user=enrolment.user,
        course_key=enrolment.course_key,
        defaults={
            "code": new_certificate_code(),
            "learner_name": learner_name(enrolment.user),
            "course_title": course.title if course else "",
            "locale": enrolment.locale,
        },
    )
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
    return localized(CoursePage, [source], locale_code or current_locale_code())[
        source.translation_key
    ]


# --- Accounts and the learner's own data ---------------------------------------------------


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


# --- Reports for editors -------------------------------------------------------------------


def course_report(course, locale_code=None):
    """Enrolments, completions and drop-off per lesson for a course (any locale's page);
    ``locale_code`` limits it to learners who enrolled in that language."""
    key = course.translation_key
    source = source_courses([key]).get(key, course)
    lessons = lessons_of([source]).get(key, [])
    enrolments = Enrolment.objects.filter(course_key=key)
    if locale_code:
        enrolments = enrolments.filter(locale=locale_code)
    totals = enrolments.aggregate(
        enrolments=Count("id"), completions=Count("id", filter=Q(completed_at__isnull=False))
    )
    counts = {
        row["lesson_key"]: row
        for row in LessonProgress.objects.filter(enrolment__in=enrolments)
        .values("lesson_key")
        .annotate(
            started=Count("id"),
            completed=Count("id", filter=Q(status=Status.COMPLETED)),
        )
    }
    by_locale = list(
        Enrolment.objects.filter(course_key=key)
        .values("locale")
        .annotate(
            enrolments=Count("id"),
            completions=Count("id", filter=Q(completed_at__isnull=False)),
        )
        .order_by("locale")
    )
    for row in by_locale:
        row["rate"] = _rate(row["completions"], row["enrolments"])
    total = totals["enrolments"]
    rows, previous = [], total
    for lesson in lessons:
        row = counts.get(lesson.translation_key, {})
        completed = row.get("completed", 0)
        rows.append(
            {
                "lesson": lesson,
                "started": row.get("started", 0),
                "completed": completed,
                "percent": _rate(completed, total),
                # Learners who finished the step before but not this one.
                "drop_off": max(previous - completed, 0),
            }
        )
        previous = completed
    return {
        "course": source,
        "locale": locale_code or "",
        "enrolments": total,
        "completions": totals["completions"],
        "rate": _rate(totals["completions"], total),
        "lessons": rows,
        "by_locale": by_locale,
    }


def _rate(part, whole):
    return round(100 * part / whole) if whole else 0
