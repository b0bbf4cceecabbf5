"""The pages learners use, as the learner side sees them: served courses and lessons by id,
a course's source translation and its lessons, and the errors a learner's request can meet.

"The course's lessons" are the served lessons of the course's source translation (the one in
the fallback locale when it is served, otherwise the oldest served translation), so a learner
who switches from Polish to English keeps every lesson they completed, and a lesson added in
English counts for everyone.
"""

import copy

from django.db.models import Q, Subquery
from django.db.models.functions import Length, Substr
from django.utils.translation import gettext as _
from wagtail.models import Page

from courses.models import CoursePage, LessonPage
from courses.querysets import served_inline
from lms import i18n
from lms.api.cache import ALL, expect, memo_on, page_id_tag
from lms.memo import MAX_KEPT


class LearnerError(Exception):
    """Input a learner or client sent that we refuse; the message is safe to show them."""

    def __init__(self, message, field=None):
        super().__init__(message)
        self.message = message
        self.field = field


class NotFound(LearnerError):
    """The page, quiz or record does not exist, or is not visible to this learner."""


MAX_ID = 2**63 - 1


def valid_id(value):
    # An id beyond the database's integer range is simply not there (not an overflow error).
    return isinstance(value, int) and 0 < value <= MAX_ID


def live_course(course_id):
    """The served course with this page id, in any locale."""
    course = None
    if valid_id(course_id):
        course = CoursePage.objects.served().filter(pk=course_id).first()
    if course is None:
        raise NotFound(_("There is no published course with id %(id)s.") % {"id": course_id})
    return course


# lesson id → what a kept look-up of it depends on (``live_lesson``), learned from the look-up
# before: the response cache's ``all`` (moves, view restrictions, unpublished sections,
# locales) and the ``pageid`` tags of the lesson and its course (every save of either).
_lesson_tags = {}


def expect_lesson(lesson_id):
    """A request that will look up this lesson fetches the versions its look-up reads with its
    first read of versions (``lms.memo.expect``), once the process knows them."""
    tags = _lesson_tags.get(lesson_id)
    if tags is not None:
        expect(tags)


def live_lesson(lesson_id):
    """The served lesson with this page id, in any locale: its course is live too. The lesson
    and its course (its parent page) come in one query, each with its locale and each checked
    as served inside it (``served_inline``); ``lesson_course()`` then reuses the course.

    From the third look-up of an id on, the process answers from what it kept
    (``lms.api.cache.memo_on``) while the versions of the tags the look-up before learned
    stay the same: a learner's player reports progress on the same lesson again and again.
    Each caller gets its own copies."""
    if not valid_id(lesson_id):
        raise _no_lesson(lesson_id)
    tags = _lesson_tags.get(lesson_id)
    if tags is None:
        lesson = _served_lesson(lesson_id)
    else:
        kept = memo_on(tags, ("live_lesson", lesson_id, tags), lambda: _served_lesson(lesson_id))
        lesson = copy.copy(kept)
        if "_live_course" in kept.__dict__:
            lesson._live_course = copy.copy(kept._live_course)
    course = lesson.__dict__.get("_live_course")
    learned = (ALL, page_id_tag(lesson_id), page_id_tag(course.pk)) if course else None
    if learned != tags:
        # The first look-up, or the lesson has moved to another course (a move bumps ``all``).
        if len(_lesson_tags) >= MAX_KEPT:
            _lesson_tags.clear()
        _lesson_tags[lesson_id] = learned
    return lesson


def _no_lesson(lesson_id):
    return NotFound(_("There is no published lesson with id %(id)s.") % {"id": lesson_id})


def _served_lesson(lesson_id):
    lesson = course = None
    parent_path = (
        Page.objects.filter(pk=lesson_id)
        .annotate(parent_path=Substr("path", 1, Length("path") - Page.steplen))
        .order_by()
        .values("parent_path")[:1]
    )
    # Two index look-ups (the id, the parent's unique path), not a scan of the tree.
    pages = (
        served_inline(Page.objects.all())
        .filter(Q(pk=lesson_id) | Q(path=Subquery(parent_path)))
        .select_related("locale", "lessonpage", "coursepage")
        .order_by()
    )
    for page in pages:
        if page.pk == lesson_id:
            lesson = getattr(page, "lessonpage", None)
        else:
            course = getattr(page, "coursepage", None)
    if lesson is None:
        raise _no_lesson(lesson_id)
    if course is not None:
        lesson._live_course = course
    return lesson


def lesson_course(lesson):
    # Kept on the lesson: a request that records progress and then answers with it asks
    # twice for the same lesson's course.
    course = getattr(lesson, "_live_course", None)
    if course is None:
        course = (
            CoursePage.objects.served_inline()
            .select_related("locale")
            .filter(path=lesson.path[: -CoursePage.steplen])
            .first()
        )
        if course is None:
            raise NotFound(_("This lesson does not belong to a published course."))
        lesson._live_course = course
    return course


def _pick_source(pages):
    default = i18n.fallback_locale_code()
    for page in pages:
        if page.locale.language_code == default:
            return page
    return min(pages, key=lambda page: page.pk)


def source_courses(course_keys):
    """``{course_key: source CoursePage}`` for the keys that have a served course."""
    by_key = {}
    pages = CoursePage.objects.served().filter(translation_key__in=set(course_keys))
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
    lessons = LessonPage.objects.served().filter(condition).select_related("locale")
    for lesson in lessons.order_by("path"):
        result[by_path[lesson.path[: -LessonPage.steplen]]].append(lesson)
    return result


def localized(model, pages, locale_code):
    """``{translation_key: page}``: each page in the locale when it is served there, else
    itself (lms.i18n picks)."""
    requested = i18n.requested_locale(locale_code)
    return i18n.pick_translations(model.objects.served(), pages, [requested.locale_id])


def quiz_ids(lesson):
    return [block.id for block in lesson.body if block.block_type == "quiz"]


def find_quiz(lesson, quiz_id):
    for block in lesson.body:
        if block.block_type == "quiz" and block.id == quiz_id:
            return block
    raise NotFound(_("This lesson has no quiz with id %(id)s.") % {"id": quiz_id})
