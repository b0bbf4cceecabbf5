"""xAPI 1.0.3 statements to a real LRS (Ralph, started by the tests on a loopback port):
delivered once, never duplicated by a resend, kept and delivered later when the LRS is down
or refuses the credentials, valid for Ralph's strict model, and with no personal data in the
actor."""

import json

import pytest
from django.core.management import call_command
from django.test import override_settings

from lms import services
from lms.services.accounts import export_learner_data
from outbox import xapi
from outbox.models import Delivery, Event

from .ralph import Ralph, install

PYTHON, NO_RALPH = install()
pytestmark = pytest.mark.skipif(NO_RALPH is not None, reason=NO_RALPH or "")


@pytest.fixture
def lrs(tmp_path):
    # Its filesystem backend takes one write per data directory: one server per test.
    server = Ralph(PYTHON, tmp_path / "ralph").start()
    yield server
    server.stop()


def lrs_settings(server, password=Ralph.PASSWORD):
    return override_settings(
        HARBOUR_XAPI_ENDPOINT=server.endpoint,
        HARBOUR_XAPI_USERNAME=Ralph.USERNAME,
        HARBOUR_XAPI_PASSWORD=password,
    )


def answers(lesson, correct):
    return {
        block.id: [
            next(str(i) for i, c in enumerate(block.value["choices"]) if c["correct"] == correct)
        ]
        for block in lesson.quiz_blocks()[0].value["questions"].bound_blocks
    }


@pytest.fixture
def attempt(learner, quiz_lesson, quiz_id, django_capture_on_commit_callbacks):
    """A failed quiz attempt: one statement (a pass would complete the lesson too, and
    Ralph's filesystem backend takes one write per directory)."""

    def run():
        with django_capture_on_commit_callbacks(execute=True):
            services.grade_quiz(learner, quiz_lesson, quiz_id, answers(quiz_lesson, False))
        return Delivery.objects.get(kind="xapi")

    return run


def test_a_quiz_attempt_reaches_the_lrs_once_even_when_resent(
    lrs, attempt, learner, quiz_lesson, course, django_capture_on_commit_callbacks
):
    with lrs_settings(lrs):
        delivery = attempt()
        assert delivery.status == "delivered", delivery.last_error
        stored = lrs.statements()
        assert len(stored) == 1
        statement = stored[0]
        assert statement["id"] == xapi.statement_id(delivery.event)
        assert statement["verb"]["id"] == "http://adlnet.gov/expapi/verbs/failed"
        assert statement["result"]["score"] == {"raw": 0, "min": 0, "max": 100, "scaled": 0.0}
        assert statement["result"]["success"] is False
        assert statement["result"]["duration"].startswith("PT")
        context = statement["context"]
        assert context["language"] == "en"
        assert context["contextActivities"]["grouping"][0]["id"].endswith(
            f"/course/{course.translation_key}"
        )
        assert context["contextActivities"]["parent"][0]["id"].endswith(
            f"/lesson/{quiz_lesson.translation_key}"
        )
        assert context["registration"] == delivery.event.data["registration"]

        # The resend (a replay) is the same statement: the LRS keeps one.
        with django_capture_on_commit_callbacks(execute=True):
            call_command("replay_events", "--event", str(delivery.event_id))
        delivery.refresh_from_db()
        assert delivery.status == "delivered"
        assert [row.status_code for row in delivery.log.all()] == [204, 204]
        assert [row["id"] for row in lrs.statements()] == [statement["id"]]

        # No personal data in the actor: an account on the site, with an opaque name.
        actor = statement["actor"]
        assert set(actor) <= {"objectType", "account"}
        assert actor["account"]["homePage"] == "http://testserver"
        dumped = json.dumps(statement)
        for personal in (learner.username, learner.email, learner.first_name, learner.last_name):
            assert personal not in dumped


@override_settings(HARBOUR_OUTBOX_BACKOFF_SECONDS=0)
def test_statements_wait_while_the_lrs_is_down_or_refuses_and_go_later(attempt, tmp_path):
    server = Ralph(PYTHON, tmp_path / "ralph")  # not started yet: nothing listens on its port
    with lrs_settings(server):
        delivery = attempt()
        assert delivery.status == "pending" and "ConnectionError" in delivery.last_error
    server.start()
    try:
        with (
            lrs_settings(server, password="wrong"),
            override_settings(HARBOUR_OUTBOX_BACKOFF_SECONDS=0),
        ):
            call_command("replay_events", "--due")
            delivery.refresh_from_db()
            assert delivery.status == "pending" and delivery.last_error.startswith("HTTP 401")
        with lrs_settings(server):
            call_command("replay_events", "--due")
            delivery.refresh_from_db()
            assert delivery.status == "delivered"
            assert [row["id"] for row in server.statements()] == [xapi.statement_id(delivery.event)]
    finally:
        server.stop()


def test_every_statement_harbour_builds_is_valid_for_ralphs_model(
    course, learner, quiz_lesson, quiz_id, tmp_path
):
    with override_settings(HARBOUR_XAPI_ENDPOINT="http://127.0.0.1:9/xAPI/"):
        lessons = list(course.get_lessons().specific())
        services.record_progress(learner, lessons[0], position="p. 2", time_spent=120)
        services.grade_quiz(learner, quiz_lesson, quiz_id, answers(quiz_lesson, False))
        services.grade_quiz(learner, quiz_lesson, quiz_id, answers(quiz_lesson, True))
        for lesson in lessons:
            services.record_progress(learner, lesson, status="completed", time_spent=600)
    statements = [
        xapi.build(event) for event in Event.objects.filter(type__in=xapi.STATEMENT_EVENTS)
    ]
    assert {s["verb"]["display"]["en-US"] for s in statements} >= {"progressed", "completed"}
    assert any(s["object"]["definition"]["type"].endswith("/course") for s in statements)
    progressed = next(s for s in statements if s["verb"]["display"]["en-US"] == "progressed")
    assert progressed["result"]["extensions"][xapi.PROGRESS] == 13  # 2 of 15 minutes
    assert Ralph(PYTHON, tmp_path).validate(statements) == []
    # The learner's export holds their statements; deleting the account stops them.
    exported = export_learner_data(learner)["xapi_statements"]
    assert len(exported) == len(statements)
    learner.delete()
    assert not Delivery.objects.filter(kind="xapi").exists()


def test_without_an_lrs_nothing_is_queued(attempt, learner):
    with pytest.raises(Delivery.DoesNotExist):
        attempt()
    assert Event.objects.filter(type="quiz.attempted").count() == 1
    assert export_learner_data(learner)["xapi_statements"] == []
