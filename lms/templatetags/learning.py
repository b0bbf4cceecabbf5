"""``{% load learning %}``: the learner's progress on course and lesson pages.

- ``{% course_progress page as progress %}``: a dict with percent, completed, total,
  is_complete, enrolled, next_lesson, new_lessons (plus lessons, certificate, enrolment).
- ``{% lesson_status page as status %}``: "not_started", "in_progress" or "completed", by
  the completion rule (lms.services.progress).
- ``{% lesson_state page [course] as state %}``: the lesson's LessonState in its course
  (status, quizzes_to_pass, is_done…) or None; pass the course when the page has it.
- ``{% lesson_record page as record %}``: the LessonProgress row (position, time spent) or None.
- ``{% last_quiz_attempt page quiz_id as attempt %}``: the learner's latest attempt or None.
- ``{% quiz_history page quiz_id as attempts %}``: the learner's attempts, newest first.
- ``{% quiz_questions block as questions %}``: the quiz's questions, each with its number and,
  after answers the grader refused, its error and the choices the learner had chosen.
- ``{% reflection_note page block as note %}``: the learner's private note on a reflection
  block: ``text`` and, after a note that could not be saved, ``error`` (the text is kept).

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
def quiz_history(context, page, quiz_id):
    user = _user(context)
    if user is None or not user.is_authenticated:
        return []
    return _cached(
        context,
        "quiz",
        (page.pk, quiz_id),
        lambda: list(services.quiz_attempts(user, page).filter(quiz_id=quiz_id)),
    )


@register.simple_tag(takes_context=True)
def last_quiz_attempt(context, page, quiz_id):
    attempts = quiz_history(context, page, quiz_id)
    return attempts[0] if attempts else None


@register.simple_tag(takes_context=True)
def quiz_questions(context, block):
    request = context.get("request")
    feedback = getattr(request, "quiz_feedback", None) or {}
    if feedback.get("block_id") != block.id:
        feedback = {}
    errors, answers = feedback.get("errors", {}), feedback.get("answers", {})
    return [
        {
            "id": bound.id,
            "number": number,
            "value": bound.value,
            "error": errors.get(bound.id, ""),
            "chosen": [str(choice) for choice in answers.get(bound.id, [])],
        }
        for number, bound in enumerate(block.value["questions"].bound_blocks, start=1)
    ]


@register.simple_tag(takes_context=True)
def quiz_error(context, block):
    """The refused answers' message for this quiz, or ""."""
    feedback = getattr(context.get("request"), "quiz_feedback", None) or {}
    return feedback.get("message", "") if feedback.get("block_id") == block.id else ""


@register.simple_tag(takes_context=True)
def reflection_note(context, page, block):
    request = context.get("request")
    feedback = getattr(request, "reflection_feedback", None) or {}
    if feedback.get("block_id") == block.id:
        return {"text": feedback["text"], "error": feedback["message"]}
    user = _user(context)
    notes = _cached(context, "reflections", page.pk, lambda: services.reflections(user, page))
    note = notes.get(block.id)
    return {"text": note.text if note else "", "error": ""}
