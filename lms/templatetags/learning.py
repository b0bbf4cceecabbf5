"""``{% load learning %}``: the learner's progress on course and lesson pages.

- ``{% course_progress page as progress %}``: a dict with percent, completed, total,
  is_complete, enrolled, next_lesson, new_lessons (plus lessons, certificate, enrolment).
- ``{% lesson_status page as status %}``: "not_started", "in_progress" or "completed", by
  the completion rule (lms.services.progress).
- ``{% lesson_state page [course] as state %}``: the lesson's LessonState in its course
  (status, quizzes_to_pass, is_done…) or None; pass the course when the page has it.
- ``{% lesson_record page as record %}``: the LessonProgress row (position, time spent) or None.
- ``{% last_quiz_attempt page quiz_id as attempt %}``: the learner's latest attempt or None.

Results are kept on the request, so a page that asks twice pays once.
"""

from django import template

from lms import services

register = template.Library()


def _user(context):
    request = context.get("request")
    return getattr(request, "user", None) or context.get("user")


def _cached(context, name, key, compute):
    request = context.get("request")
    cache = getattr(request, "_learning_cache", None) if request is not None else None
    if cache is None:
        cache = {}
        if request is not None:
            request._learning_cache = cache
    if (name, key) not in cache:
        cache[(name, key)] = compute()
    return cache[(name, key)]


@register.simple_tag(takes_context=True)
def course_progress(context, page):
    user = _user(context)
    return _cached(
        context,
        "course",
        page.pk,
        lambda: services.course_progress(user, page).as_dict(),
    )


@register.simple_tag(takes_context=True)
def lesson_record(context, page):
    user = _user(context)
    return _cached(context, "lesson", page.pk, lambda: services.lesson_progress(user, page))


@register.simple_tag(takes_context=True)
def lesson_state(context, page, course=None):
    def compute():
        nonlocal course
        if course is None:
            try:
                course = services.lesson_course(page)
            except services.NotFound:
                return None
        progress = course_progress(context, course)
        return next(
            (each for each in progress["lessons"] if each.key == page.translation_key), None
        )

    return _cached(context, "state", page.pk, compute)


@register.simple_tag(takes_context=True)
def lesson_status(context, page):
    state = lesson_state(context, page)
    return state.status if state else services.Status.NOT_STARTED


@register.simple_tag(takes_context=True)
def last_quiz_attempt(context, page, quiz_id):
    user = _user(context)
    if user is None or not user.is_authenticated:
        return None
    return _cached(
        context,
        "quiz",
        (page.pk, quiz_id),
        lambda: services.quiz_attempts(user, page).filter(quiz_id=quiz_id).first(),
    )
