"""The learner side: enrolment, progress, quizzes, certificates and the learner's own data.

The web pages, the API and the admin report all call these functions; none of them writes a
learner model directly. Progress belongs to translation keys (see ``pages``).

- ``pages``: served courses and lessons, a course's source translation and its lessons;
- ``progress``: a learner's progress in their courses, read in a fixed number of queries;
- ``enrolment``: enrolling and recording progress, idempotently, under a row lock;
- ``quizzes``: attempts graded on the server;
- ``reflections``: the learner's private notes on a lesson's reflection blocks;
- ``certificates``: completion, issuing and verifying certificates;
- ``credentials``: certificates as signed Open Badges 3.0 credentials, the issuer's DID
  document, the revocation status list, and checking a credential someone holds;
- ``accounts``: the profile, the data export and the deletion of an account; revoking
  tokens and sessions; the log-in lockout's wait and message;
- ``verification``: the signed, expiring link that confirms a learner's email address.

The editors' report is in ``lms.reports``.
"""

from lms.models import LessonProgress

from .accounts import (
    delete_learner,
    export_learner_data,
    lockout_message,
    lockout_wait,
    log_out_everywhere,
    profile_for,
    revoke_tokens,
)
from .certificates import (
    asks_to_confirm_name,
    certificate_course,
    check_completion,
    issue_certificate,
    learner_name,
    new_certificate_code,
    normalise_code,
    rename_learner,
    verify_certificate,
)
from .enrolment import MAX_POSITION_LENGTH, MAX_TIME_SPENT, enrol, open_lesson, record_progress
from .events import expect_events
from .pages import (
    LearnerError,
    NotFound,
    expect_lesson,
    find_quiz,
    lesson_course,
    lessons_of,
    live_course,
    live_lesson,
    localized,
    quiz_ids,
    source_courses,
    valid_id,
)
from .progress import (
    CourseState,
    LessonState,
    course_progress,
    course_states,
    lesson_done,
    lesson_progress,
    lesson_state,
    lesson_status,
    passed_quizzes,
    progress_summary,
    resume_point,
    shown_status,
    suggested_courses,
)
from .quizzes import QuizError, grade, grade_quiz, question_name, quiz_attempts
from .reflections import (
    MAX_REFLECTION_LENGTH,
    lesson_reflections,
    reflection_blocks,
    reflections,
    save_reflection,
)

Status = LessonProgress.Status

__all__ = [
    "MAX_POSITION_LENGTH",
    "MAX_REFLECTION_LENGTH",
    "MAX_TIME_SPENT",
    "CourseState",
    "LearnerError",
    "LessonState",
    "NotFound",
    "QuizError",
    "Status",
    "asks_to_confirm_name",
    "certificate_course",
    "check_completion",
    "course_progress",
    "course_states",
    "delete_learner",
    "enrol",
    "expect_events",
    "expect_lesson",
    "export_learner_data",
    "find_quiz",
    "grade",
    "grade_quiz",
    "issue_certificate",
    "learner_name",
    "lesson_course",
    "lesson_done",
    "lesson_progress",
    "lesson_state",
    "lesson_status",
    "lessons_of",
    "live_course",
    "live_lesson",
    "localized",
    "lockout_message",
    "lockout_wait",
    "log_out_everywhere",
    "new_certificate_code",
    "normalise_code",
    "open_lesson",
    "passed_quizzes",
    "profile_for",
    "progress_summary",
    "question_name",
    "quiz_attempts",
    "lesson_reflections",
    "reflection_blocks",
    "reflections",
    "quiz_ids",
    "record_progress",
    "resume_point",
    "rename_learner",
    "revoke_tokens",
    "save_reflection",
    "shown_status",
    "source_courses",
    "suggested_courses",
    "valid_id",
    "verify_certificate",
]
