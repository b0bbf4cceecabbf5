"""Quiz attempts, graded on the server against answers the client never sees."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.models import LessonProgress, QuizAttempt

from . import events
from .certificates import check_completion
from .enrolment import locked_enrolment
from .pages import LearnerError, find_quiz, lesson_course, quiz_ids
from .progress import lesson_done, passed_quizzes

Status = LessonProgress.Status


class QuizError(LearnerError):
    """Answers the grader refuses. ``questions`` maps a question id to what is wrong with its
    answer, so a page can show each message beside its question."""

    def __init__(self, message, questions=None):
        super().__init__(message, "answers")
        self.questions = questions or {}


def question_name(number, question):
    """A question as a learner knows it: by its number and text, never by its id."""
    return _("question %(number)s, “%(text)s”") % {"number": number, "text": question["question"]}


def _question_error(question_id, question, number, chosen):
    """What is wrong with the answer to one question, or None; and the chosen choice ids."""
    name = question_name(number, question)
    if chosen is None:
        return _("Answer %(question)s.") % {"question": name}, set()
    if isinstance(chosen, str | int) and not isinstance(chosen, bool):
        chosen = [chosen]
    if not isinstance(chosen, list) or not chosen:
        return _("Choose at least one answer to %(question)s.") % {"question": name}, set()
    valid = {str(index) for index in range(len(question["choices"]))}
    choices = set()
    for choice in chosen:
        choice = str(choice) if isinstance(choice, int) and not isinstance(choice, bool) else choice
        if choice not in valid:
            message = _("There is no answer %(choice)s to %(question)s.")
            return message % {"choice": choice, "question": name}, set()
        choices.add(choice)
    if question["kind"] == "single" and len(choices) > 1:
        return _("Choose only one answer to %(question)s.") % {"question": name}, set()
    return None, choices


def _clean_answers(quiz, answers):
    """``{question_id: set(choice ids)}`` for a well-formed answer to every question."""
    if not isinstance(answers, dict):
        raise QuizError(_("Send an answer for each question."))
    questions = quiz.value["questions"]
    by_id = {bound.id: bound.value for bound in questions.bound_blocks}
    unknown = [str(question_id) for question_id in answers if question_id not in by_id]
    if unknown:
        # Ids a client made up: there is no question text to name them by.
        raise QuizError(_("Unknown question id: %(ids)s.") % {"ids": ", ".join(sorted(unknown))})
    cleaned, errors = {}, {}
    for number, (question_id, question) in enumerate(by_id.items(), start=1):
        error, choices = _question_error(question_id, question, number, answers.get(question_id))
        if error:
            errors[question_id] = error
        cleaned[question_id] = choices
    if errors:
        raise QuizError(" ".join(errors.values()), errors)
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
    marks the lesson as started; passing the lesson's last quiz completes the lesson (the
    completion rule), and can complete the course.
    """
    quiz = find_quiz(lesson, quiz_id)
    cleaned = _clean_answers(quiz, answers)
    score, passed, results = grade(quiz, cleaned)
    course = lesson_course(lesson)
    with transaction.atomic():
        enrolment = locked_enrolment(user, course)
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
        events.quiz_attempted(attempt, row, lesson, course)
        if passed and lesson_done(row.status, quiz_ids(lesson), passed_quizzes(user, lesson)):
            if row.status != Status.COMPLETED:
                row.status = Status.COMPLETED
                row.completed_at = timezone.now()
                row.save(update_fields=["status", "completed_at", "updated_at"])
                events.lesson_changed(row, lesson, course, True)
            check_completion(enrolment)
    return attempt


def quiz_attempts(user, lesson):
    return QuizAttempt.objects.filter(user=user, lesson_key=lesson.translation_key)
