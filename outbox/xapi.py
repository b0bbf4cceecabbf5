"""xAPI 1.0.3 statements to an external LRS (HARBOUR_XAPI_ENDPOINT). Without an endpoint
nothing is built, queued or sent."""

from django.conf import settings

STATEMENT_EVENTS = ("lesson.progressed", "lesson.completed", "quiz.attempted", "course.completed")


def configured():
    return bool(getattr(settings, "HARBOUR_XAPI_ENDPOINT", ""))


def builds(event_type):
    return event_type in STATEMENT_EVENTS


def send(delivery):
    raise NotImplementedError("xAPI delivery is not available yet.")
