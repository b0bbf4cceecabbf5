"""The outbox: events written in the transaction of their change, delivered at least once
with back-off, dead after the last try, and replayed with the same id."""

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from lms import services
from outbox import delivery as outbox_delivery
from outbox.events import event_id, record
from outbox.models import Delivery, Event
from outbox.webhooks import subscribe
from tests import factories

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


def publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def types():
    return list(Event.objects.values_list("type", flat=True))


class Rollback(Exception):
    pass


def test_a_publication_that_rolls_back_leaves_no_event(course):
    with pytest.raises(Rollback), transaction.atomic():
        publish(course)
        assert types() == ["course.published"]
        raise Rollback
    assert types() == []


def test_publishing_unpublishing_and_deleting_are_events_with_the_objects_keys(course):
    lesson = course.get_children().first().specific
    publish(course)
    publish(lesson)
    lesson.unpublish()
    lesson.delete()
    partner = factories.PartnerFactory()
    partner.delete()
    assert types() == [
        "course.published",
        "lesson.published",
        "lesson.unpublished",
        "lesson.deleted",
        "partner.published",
        "partner.deleted",
    ]
    published = Event.objects.get(type="lesson.published")
    assert published.translation_key == lesson.translation_key
    assert published.locale == "en"
    assert published.data["course"] == {
        "id": course.pk,
        "translation_key": str(course.translation_key),
    }
    # Numbers follow commit order, without gaps.
    seqs = list(Event.objects.values_list("seq", flat=True))
    assert seqs == list(range(seqs[0], seqs[0] + 6))


def test_the_learners_events_are_recorded_once_each(course, learner, quiz_lesson, quiz_id):
    lessons = list(course.get_lessons().specific())
    services.record_progress(learner, lessons[0], position="p. 2")
    services.record_progress(learner, lessons[0], position="p. 2")  # the same report: no event
    services.record_progress(learner, lessons[0], status="completed")
    questions = quiz_lesson.quiz_blocks()[0].value["questions"].bound_blocks
    answers = {
        block.id: [str(i) for i, choice in enumerate(block.value["choices"]) if choice["correct"]]
        for block in questions
    }
    services.grade_quiz(learner, quiz_lesson, quiz_id, answers)
    for lesson in lessons[1:]:
        services.record_progress(learner, lesson, status="completed")
    found = types()
    assert found[:4] == [
        "enrolment.created",
        "lesson.progressed",
        "lesson.completed",
        "quiz.attempted",
    ]
    assert found.count("lesson.completed") == 3
    assert found[-2:] == ["course.completed", "certificate.issued"]
    assert found.count("enrolment.created") == 1
    attempt = Event.objects.get(type="quiz.attempted")
    assert attempt.user == learner
    assert attempt.data["score"] == 100 and attempt.data["passed"] is True
    assert attempt.data["course"]["translation_key"] == str(course.translation_key)
    # The learner's events go with the account.
    learner.delete()
    assert not Event.objects.filter(type__in=["quiz.attempted", "course.completed"]).exists()


def test_the_event_id_is_the_same_for_the_same_happening(course):
    publish(course)
    event = Event.objects.get()
    assert event.id == event_id(f"course.published:{course.pk}:{course.live_revision_id}")


@override_settings(HARBOUR_OUTBOX_MAX_ATTEMPTS=3, HARBOUR_OUTBOX_BACKOFF_SECONDS=0)
def test_a_failing_receiver_is_retried_then_dead_then_replayed_with_the_same_id(
    course, receiver, django_capture_on_commit_callbacks
):
    subscription, secret = subscribe("Portal", receiver.url)
    receiver.secrets = [secret]
    receiver.statuses = [503, 500, 502]
    with django_capture_on_commit_callbacks(execute=True):
        publish(course)
    # The immediate backend cannot wait: the first try ran, the retries wait for --due.
    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.attempts) == ("pending", 1)
    call_command("replay_events", "--due")
    call_command("replay_events", "--due")
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == ("dead", 3)
    assert delivery.last_error.startswith("HTTP 502")
    assert [row.status_code for row in delivery.log.all()] == [502, 500, 503]

    with django_capture_on_commit_callbacks(execute=True):
        call_command("replay_events")
    delivery.refresh_from_db()
    assert delivery.status == "delivered"
    assert len(receiver.received) == 4
    assert len(set(receiver.ids())) == 1  # every try, and the replay, carry one webhook-id
    assert len(receiver.verified) == 4


def test_back_off_doubles_up_to_its_bound():
    with override_settings(
        HARBOUR_OUTBOX_BACKOFF_SECONDS=30, HARBOUR_OUTBOX_BACKOFF_MAX_SECONDS=3600
    ):
        waits = [outbox_delivery.backoff(n).total_seconds() for n in range(1, 10)]
    assert waits == [30, 60, 120, 240, 480, 960, 1920, 3600, 3600]


def test_replay_events_refuses_a_bad_event_id(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="Not an event id"):
        call_command("replay_events", "--event", "nope")


# With a worker: the database queue, as in production.
@pytest.mark.django_db(transaction=True)
@override_settings(TASKS=DATABASE_TASKS, HARBOUR_OUTBOX_BACKOFF_SECONDS=0)
def test_the_worker_delivers_once_and_retries_a_5xx_with_the_same_webhook_id(
    course, receiver, worker_process_state
):
    subscription, secret = subscribe("Portal", receiver.url, events=["course.published"])
    receiver.secrets = [secret]
    receiver.statuses = [500]
    publish(course)
    lesson = course.get_children().first().specific
    publish(lesson)  # not subscribed: no delivery
    assert receiver.received == []  # queued, not sent inside the request
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload")
    assert len(receiver.received) == 2
    assert receiver.ids()[0] == receiver.ids()[1]
    assert len(receiver.verified) == 2
    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.attempts) == ("delivered", 2)
    body = receiver.bodies()[1]
    assert body["type"] == "course.published"
    assert body["version"] == "1"
    assert body["data"]["object"]["url"] == f"http://testserver/api/v1/courses/{course.pk}/"
    assert body["data"]["object"]["translation_key"] == str(course.translation_key)


def webhook_receivers(event):
    deliveries = event.deliveries.filter(kind=Delivery.Kind.WEBHOOK)
    return set(deliveries.values_list("subscription__name", flat=True))


def test_the_active_subscriptions_are_kept_until_one_is_saved_or_deleted(db):
    """Each process keeps the active subscriptions (outbox.events.active_subscriptions) and
    reads them again after any save or delete of one."""
    recorded = iter(range(100))

    def record_one():
        with CaptureQueriesContext(connection) as queries:
            event = record("course.published", key=f"kept:{next(recorded)}", object_type="course")
        reads = [q for q in queries if 'FROM "outbox_subscription"' in q["sql"]]
        return webhook_receivers(event), len(reads)

    assert record_one() == (set(), 1)
    assert record_one() == (set(), 0)
    portal, _secret = subscribe("Portal", "https://portal.example/hooks")
    assert record_one() == ({"Portal"}, 1)
    assert record_one() == ({"Portal"}, 0)
    hub, _secret = subscribe("Hub", "https://hub.example/hooks", events=["lesson.completed"])
    assert record_one() == ({"Portal"}, 1)
    portal.is_active = False
    portal.save()
    assert record_one() == (set(), 1)
    hub.events = []
    hub.save()
    assert record_one() == ({"Hub"}, 1)
    hub.delete()
    assert record_one() == (set(), 1)
