"""Webhooks as a partner receives them: signed per Standard Webhooks (checked by the
``standardwebhooks`` library), valid across a secret rotation, refused by the receiver when
stale, and never sent to an address inside the network."""

import time

import pytest
from django.test import override_settings
from standardwebhooks.webhooks import Webhook, WebhookVerificationError

from outbox import net
from outbox.models import Delivery
from outbox.webhooks import payload, rotate, sign, subscribe

from .test_outbox import publish


@pytest.fixture
def deliver_now(django_capture_on_commit_callbacks):
    def run(action, *args):
        with django_capture_on_commit_callbacks(execute=True):
            return action(*args)

    return run


def test_publishing_sends_one_signed_small_payload(course, receiver, deliver_now):
    subscription, secret = subscribe("Portal", receiver.url)
    receiver.secrets = [secret]
    deliver_now(publish, course)
    assert len(receiver.received) == 1
    headers, body, verified = receiver.received[0]
    assert verified is not None
    assert headers["webhook-id"].startswith("msg_")
    assert headers["webhook-signature"].startswith("v1,")
    assert abs(int(headers["webhook-timestamp"]) - time.time()) < 60
    assert len(body) < 600
    assert verified["data"]["object"] == {
        "type": "course",
        "id": str(course.pk),
        "translation_key": str(course.translation_key),
        "locale": "en",
        "url": f"http://testserver/api/v1/courses/{course.pk}/",
    }


def test_a_rotation_keeps_deliveries_valid_for_both_secrets(course, receiver, deliver_now):
    subscription, old = subscribe("Portal", receiver.url)
    receiver.secrets = [old]
    new = rotate(subscription)
    deliver_now(publish, course)
    # A receiver that has not switched yet, and one that has, both accept it.
    headers, body, verified = receiver.received[0]
    assert verified is not None
    assert Webhook(new).verify(body, headers) == verified
    assert len(headers["webhook-signature"].split(" ")) == 2


def test_after_the_window_only_the_new_secret_signs(course, receiver, deliver_now):
    subscription, old = subscribe("Portal", receiver.url)
    with override_settings(HARBOUR_WEBHOOK_ROTATION_HOURS=0):
        new = rotate(subscription)
    receiver.secrets = [old]
    deliver_now(publish, course)
    headers, body, verified = receiver.received[0]
    assert verified is None  # the old secret has stopped signing: the receiver answered 401
    assert Webhook(new).verify(body, headers)["type"] == "course.published"
    assert Delivery.objects.get().last_error.startswith("HTTP 401")


def test_a_stale_timestamp_is_rejected_by_the_receiver(course, receiver, deliver_now):
    subscription, secret = subscribe("Portal", receiver.url)
    receiver.secrets = [secret]
    deliver_now(publish, course)
    headers, body, _verified = receiver.received[0]
    # The same request replayed ten minutes later, re-signed for its old time: refused.
    stale = str(int(headers["webhook-timestamp"]) - 600)
    replayed = dict(headers, **{"webhook-timestamp": stale})
    replayed["webhook-signature"] = sign(secret, headers["webhook-id"], stale, body)
    with pytest.raises(WebhookVerificationError, match="too old"):
        Webhook(secret).verify(body, replayed)


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:9/hook",
        "http://localhost:9/hook",
        "http://10.1.2.3/hook",
        "http://172.16.0.1/hook",
        "http://192.168.0.10/hook",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]:9/hook",
        "http://[fe80::1]/hook",
        "http://0.0.0.0/hook",
    ],
)
@override_settings(HARBOUR_OUTBOX_ALLOW_LOOPBACK=False)
def test_addresses_inside_the_network_are_refused_and_the_delivery_is_dead(
    course, deliver_now, url
):
    subscribe("Inside", url)
    deliver_now(publish, course)
    delivery = Delivery.objects.get()
    assert delivery.status == "dead" and delivery.attempts == 1
    assert "not a public address" in delivery.last_error
    assert delivery.log.get().status_code is None


def test_loopback_is_allowed_only_by_the_setting(db):
    with override_settings(HARBOUR_OUTBOX_ALLOW_LOOPBACK=True):
        net.check_url("http://127.0.0.1:8000/hook")
        with pytest.raises(net.Refused):
            net.check_url("http://10.0.0.1/hook")
    with pytest.raises(net.Refused):
        net.check_url("http://127.0.0.1:8000/hook", loopback_ok=False)
    net.check_address("93.184.215.14", loopback_ok=False)  # a public address passes


def test_the_payload_is_versioned_and_links_to_the_api(course):
    from outbox.models import Event

    publish(course)
    body = payload(Event.objects.get())
    assert set(body) == {"type", "timestamp", "version", "data"}
    assert body["version"] == "1"
