"""The outbox in the Wagtail admin: a subscription's secret is shown once, rotation keeps the
old one signing for the window, and a dead delivery shows its error and can be replayed."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from outbox.models import Delivery, Subscription
from outbox.webhooks import signing_secrets, subscribe


@pytest.fixture
def admin_client(client, db):
    user = get_user_model().objects.create_superuser("editor", "editor@example.org", "pw")
    client.force_login(user)
    return client


def shown_secret(response):
    return re.search(
        r"<code id=\"webhook-secret\" data-webhook-secret>([^<]+)</code>", response.content.decode()
    ).group(1)


def test_adding_a_subscription_shows_its_secret_once(admin_client, receiver):
    response = admin_client.post(
        reverse("webhooks:add"),
        {
            "name": "Creative Ports portal",
            "url": receiver.url,
            "events": ["course.published"],
            "is_active": "on",
        },
    )
    assert response.status_code == 200
    secret = shown_secret(response)
    subscription = Subscription.objects.get()
    assert secret.startswith("whsec_") and subscription.secret == secret
    assert subscription.events == ["course.published"]
    for url in (reverse("webhooks:index"), reverse("webhooks:edit", args=[subscription.pk])):
        assert secret not in admin_client.get(url).content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "http://10.0.0.5/hook",
        "http://169.254.169.254/latest/meta-data/",
        "http://192.168.1.1/",
        "ftp://example.org/",
    ],
)
def test_an_endpoint_inside_the_network_is_refused(admin_client, url):
    response = admin_client.post(
        reverse("webhooks:add"), {"name": "Inside", "url": url, "is_active": "on"}
    )
    assert response.status_code == 200
    assert not Subscription.objects.exists()


def test_rotation_shows_the_new_secret_and_keeps_the_old_one_for_the_window(admin_client, receiver):
    subscription, old = subscribe("Portal", receiver.url)
    assert admin_client.get(reverse("webhooks:rotate", args=[subscription.pk])).status_code == 200
    response = admin_client.post(reverse("webhooks:rotate", args=[subscription.pk]))
    new = shown_secret(response)
    subscription.refresh_from_db()
    assert new != old and subscription.secret == new
    assert signing_secrets(subscription) == [new, old]
    later = subscription.previous_secret_expires_at + timezone.timedelta(seconds=1)
    assert signing_secrets(subscription, now=later) == [new]


def test_a_dead_delivery_shows_its_error_and_is_replayed(
    admin_client, course, receiver, django_capture_on_commit_callbacks, settings
):
    settings.HARBOUR_OUTBOX_MAX_ATTEMPTS = 1
    subscription, secret = subscribe("Portal", receiver.url)
    receiver.secrets = [secret]
    receiver.statuses = [500]
    with django_capture_on_commit_callbacks(execute=True):
        course.save_revision().publish()
    dead = Delivery.objects.get()
    assert dead.status == "dead"
    page = admin_client.get(reverse("webhook_deliveries:index") + "?status=dead").content.decode()
    assert "HTTP 500" in page
    assert reverse("webhook_deliveries:replay", args=[dead.pk]) in page
    inspect = admin_client.get(reverse("webhook_deliveries:inspect", args=[dead.pk]))
    assert inspect.status_code == 200 and "HTTP 500" in inspect.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(reverse("webhook_deliveries:replay", args=[dead.pk]))
    assert response.status_code == 302
    dead.refresh_from_db()
    assert dead.status == "delivered"
    assert len(set(receiver.ids())) == 1 and len(receiver.verified) == 2
