"""A learner's progress in their courses, computed in a fixed number of queries.

The completion rule, the one every page, the API and the report follow (``lesson_done``): a
lesson with quizzes is done when every one of its quizzes is passed (passing the last one
records it as completed); a lesson without a quiz is done when the learner marks it done.
"""

from dataclasses import dataclass, field

from django.db.models import Q

from courses.models import CoursePage, LessonPage
from lms import i18n
from lms.models import Certificate, Enrolment, LessonProgress, Profile, QuizAttempt

from .pages import NotFound, lesson_course, lessons_of, localized, quiz_ids, source_courses

Status = LessonProgress.Status


def lesson_done(recorded_status, quizzes, quizzes_passed):
    """The completion rule: every quiz of the lesson passed, or, for a lesson without a quiz,
    marked done by the learner."""
    quizzes = set(quizzes)
    if quizzes:
        return quizzes <= set(quizzes_passed)
    return recorded_status == Status.COMPLETED


def shown_status(recorded_status, quizzes, quizzes_passed):
    """The status a learner sees, by the completion rule: a lesson recorded as completed
    that has gained a quiz since is in progress again until the quiz is passed."""
    if lesson_done(recorded_status, quizzes, quizzes_passed):
        return Status.COMPLETED
    if recorded_status != Status.NOT_STARTED or quizzes_passed:
        return Status.IN_PROGRESS
    return Status.NOT_STARTED


@dataclass
class LessonState:
    page: LessonPage  # in the learner's locale where it exists, for links and titles
    key: object
    recorded_status: str = Status.NOT_STARTED
    position: str = ""
    time_spent: int = 0
    quizzes: list = field(default_factory=list)
    quizzes_passed: set = field(default_factory=set)
    is_new: bool = False
    updated_at: object = None

    @property
    def is_done(self):
        return lesson_done(self.recorded_status, self.quizzes, self.quizzes_passed)

    @property
    def status(self):
        return shown_status(self.recorded_status, self.quizzes, self.quizzes_passed)

    @property
    def quizzes_to_pass(self):
        """How many quizzes still stand between the learner and the lesson's completion."""
        return len(set(self.quizzes) - self.quizzes_passed)


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
    locale_code = locale_code or i18n.active_code()
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
                state.recorded_status, state.position, state.time_spent = (
                    row.status,
                    row.position,
                    row.time_spent,
                )
                state.updated_at = row.updated_at
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


def lesson_state(user, lesson):
    """The learner's LessonState of a lesson (a page of any locale), by the completion rule,
    or None when the lesson's course is not served."""
    try:
        course = lesson_course(lesson)
    except NotFound:
        return None
    state = course_progress(user, course, lesson.locale.language_code)
    return next((each for each in state.lessons if each.key == lesson.translation_key), None)


def passed_quizzes(user, lesson):
    """The ids of the lesson's quizzes the learner has passed."""
    return set(
        QuizAttempt.objects.filter(user=user, lesson_key=lesson.translation_key, passed=True)
        .order_by()
        .values_list("quiz_id", flat=True)
        .distinct()
    )


def lesson_progress(user, lesson):
    """The learner's LessonProgress row for a lesson of any locale, or None."""
    if user is None or not user.is_authenticated:
        return None
    return (
        LessonProgress.objects.filter(enrolment__user=user, lesson_key=lesson.translation_key)
        .select_related("enrolment")
        .first()
    )


def lesson_status(user, lesson, row=False):
    """The lesson's status by the completion rule: "not_started", "in_progress" or
    "completed". Pass the learner's LessonProgress row (or None) when it is at hand."""
    if user is None or not user.is_authenticated:
        return Status.NOT_STARTED
    if row is False:
        row = lesson_progress(user, lesson)
    recorded = row.status if row else Status.NOT_STARTED
    quizzes = quiz_ids(lesson)
    passed = passed_quizzes(user, lesson) if quizzes else set()
    return shown_status(recorded, quizzes, passed)


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


def resume_point(states):
    """ "Continue where you left off": ``(course state, lesson state)`` of the unfinished
    lesson the learner touched last, in a course not yet complete; else the next lesson of
    the course enrolled in last; None when there is nothing to continue."""
    open_states = [state for state in states if state.course is not None and not state.is_complete]
    touched = [
        (lesson.updated_at, state, lesson)
        for state in open_states
        for lesson in state.lessons
        if lesson.updated_at is not None and not lesson.is_done
    ]
    if touched:
        _when, state, lesson = max(touched, key=lambda item: item[0])
        return state, lesson
    for state in open_states:
        for lesson in state.lessons:
            if not lesson.is_done:
                return state, lesson
    return None


def suggested_courses(user, locale_code=None, limit=3):
    """Served courses the learner is not enrolled in that match their profile's subsector or
    country (both first), in their language where translated."""
    profile = Profile.objects.filter(user=user).first()
    if profile is None or not (profile.subsector or profile.country):
        return []
    served = CoursePage.objects.served().exclude(
        translation_key__in=Enrolment.objects.filter(user=user).values("course_key")
    )

    def keys(condition):
        return set(served.filter(condition).values_list("translation_key", flat=True))

    by_subsector = keys(Q(subsectors__slug=profile.subsector)) if profile.subsector else set()
    by_country = keys(Q(countries__code=profile.country)) if profile.country else set()
    sources = source_courses(by_subsector | by_country)
    local = localized(CoursePage, sources.values(), locale_code or i18n.active_code())
    ranked = sorted(
        local.values(),
        key=lambda course: (
            -((course.translation_key in by_subsector) + (course.translation_key in by_country)),
            course.title.casefold(),
        ),
    )
    return ranked[:limit]
