"""xAPI 1.0.3 statements to an external LRS.

Configured by HARBOUR_XAPI_ENDPOINT (the LRS's base, e.g. ``https://lrs.example/xAPI/``) with
HARBOUR_XAPI_USERNAME and HARBOUR_XAPI_PASSWORD (Basic auth). Without an endpoint nothing is
built, queued or sent (outbox.events creates no xAPI delivery).

Statements, built from the learner's events alone (lms/services/events.py):

- ``lesson.progressed`` → ADL ``progressed`` a lesson, with the cmi5 progress extension
  (time spent against the lesson's estimated minutes, at most 99 until it completes);
- ``lesson.completed`` → ADL ``completed`` a lesson (completion, progress 100, duration);
- ``quiz.attempted`` → ADL ``passed`` or ``failed`` an assessment, with score raw, min, max
  and scaled, success and duration;
- ``course.completed`` → ADL ``completed`` a course.

Context: the enrolment's ``registration`` (a UUID per enrolment), the language, a lesson's
course as ``parent`` and ``grouping`` (a quiz's parent is its lesson), and Harbour's profile as
a ``category``. Activity ids are IRIs of the translation group, so a Polish and an English
attempt are the same activity.

The actor is pseudonymous: an ``account`` whose ``homePage`` is the site and whose ``name`` is
an HMAC of the learner's id under the site's secret key: stable, opaque, and meaningless
outside Harbour; no name or email leaves the site.

Statement ids are UUIDv5 of the event id: a resend is the same statement, which the LRS
answers with 204 or 409 (counted as delivered, outbox.delivery).
"""

import hashlib
import hmac
import json
import uuid

from django.conf import settings
from django.utils.translation import gettext as _

from . import net
from .events import NAMESPACE

STATEMENT_EVENTS = ("lesson.progressed", "lesson.completed", "quiz.attempted", "course.completed")
VERSION = "1.0.3"

VERBS = {
    "progressed": "http://adlnet.gov/expapi/verbs/progressed",
    "completed": "http://adlnet.gov/expapi/verbs/completed",
    "passed": "http://adlnet.gov/expapi/verbs/passed",
    "failed": "http://adlnet.gov/expapi/verbs/failed",
}
ACTIVITY_TYPES = {
    "course": "http://adlnet.gov/expapi/activities/course",
    "lesson": "http://adlnet.gov/expapi/activities/lesson",
    "assessment": "http://adlnet.gov/expapi/activities/assessment",
    "profile": "http://adlnet.gov/expapi/activities/profile",
}
PROGRESS = "https://w3id.org/xapi/cmi5/result/extensions/progress"


def configured():
    return bool(getattr(settings, "HARBOUR_XAPI_ENDPOINT", ""))


def builds(event_type):
    return event_type in STATEMENT_EVENTS


def home_page():
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def actor(user_id):
    key = hashlib.sha256(f"harbour-xapi-actor:{settings.SECRET_KEY}".encode()).digest()
    name = hmac.new(key, str(user_id).encode(), hashlib.sha256).hexdigest()[:32]
    return {"objectType": "Agent", "account": {"homePage": home_page(), "name": name}}


def statement_id(event):
    return str(uuid.uuid5(NAMESPACE, f"xapi:{event.id}"))


def activity(kind, translation_key, title, locale, *parts):
    path = "/".join([kind, str(translation_key), *parts])
    return {
        "objectType": "Activity",
        "id": f"{home_page()}/xapi/activities/{path}",
        "definition": {
            "type": ACTIVITY_TYPES["assessment" if parts else kind],
            "name": {locale or "en": title or str(translation_key)},
        },
    }


def duration(seconds):
    return f"PT{max(int(seconds or 0), 0)}S"


def build(event):
    """The statement of an event (a dict ready for JSON), or None for an event without one."""
    if not builds(event.type) or event.user_id is None:
        return None
    data = event.data
    locale = event.locale or "en"
    course = data.get("course") or {}
    course_activity = (
        activity("course", course["translation_key"], course.get("title"), locale)
        if course
        else None
    )
    lesson = data.get("lesson") or {}
    lesson_activity = (
        activity("lesson", lesson["translation_key"], lesson.get("title"), locale)
        if lesson
        else None
    )
    result, parent = {}, course_activity
    if event.type == "lesson.progressed":
        verb, target = "progressed", lesson_activity
        expected = max(int(lesson.get("estimated_minutes") or 15), 1) * 60
        progress = min(99, int(100 * (data.get("time_spent") or 0) / expected))
        result = {"extensions": {PROGRESS: progress}}
    elif event.type == "lesson.completed":
        verb, target = "completed", lesson_activity
        result = {
            "completion": True,
            "duration": duration(data.get("time_spent")),
            "extensions": {PROGRESS: 100},
        }
    elif event.type == "quiz.attempted":
        verb = "passed" if data.get("passed") else "failed"
        target = activity(
            "lesson", lesson["translation_key"], lesson.get("title"), locale, "quiz", data["quiz"]
        )
        parent = lesson_activity
        score = int(data.get("score") or 0)
        result = {
            "score": {"raw": score, "min": 0, "max": 100, "scaled": score / 100},
            "success": bool(data.get("passed")),
            "completion": True,
            "duration": duration(data.get("duration")),
        }
    else:  # course.completed
        verb, target = "completed", course_activity
        parent = None
        result = {"completion": True}
    if target is None:
        return None
    context_activities = {
        "category": [
            {
                "objectType": "Activity",
                "id": f"{home_page()}/xapi/profile/v1",
                "definition": {"type": ACTIVITY_TYPES["profile"]},
            }
        ]
    }
    if parent is not None:
        context_activities["parent"] = [parent]
    if course_activity is not None:
        context_activities["grouping"] = [course_activity]
    context = {"language": locale, "platform": "Harbour", "contextActivities": context_activities}
    if data.get("registration"):
        context["registration"] = data["registration"]
    statement = {
        "id": statement_id(event),
        "actor": actor(event.user_id),
        "verb": {"id": VERBS[verb], "display": {"en-US": verb}},
        "object": target,
        "context": context,
        "timestamp": event.occurred_at.isoformat(),
        "version": VERSION,
    }
    if result:
        statement["result"] = result
    return statement


def statements_url():
    return settings.HARBOUR_XAPI_ENDPOINT.rstrip("/") + "/statements"


def send(delivery):
    """PUT the event's statement under its id; returns the LRS's status code."""
    if not configured():
        raise net.Refused(_("No learning record store is configured (HARBOUR_XAPI_ENDPOINT)."))
    statement = build(delivery.event)
    if statement is None:
        raise net.Refused(_("This event has no xAPI statement."))
    body = json.dumps(statement, separators=(",", ":")).encode()
    response = net.put(
        f"{statements_url()}?statementId={statement['id']}",
        body=body,
        headers={
            "content-type": "application/json",
            "x-experience-api-version": VERSION,
        },
        auth=(settings.HARBOUR_XAPI_USERNAME, settings.HARBOUR_XAPI_PASSWORD),
    )
    return response.status_code, response.text[:500]


def learner_statements(user):
    """The statements built for the learner (their data export), with each one's delivery."""
    from .models import Delivery

    found = []
    for row in Delivery.objects.filter(kind=Delivery.Kind.XAPI, event__user=user).select_related(
        "event"
    ):
        statement = build(row.event)
        if statement is not None:
            found.append({"status": row.status, "statement": statement})
    return found
