"""Webhooks signed as the Standard Webhooks specification says (standardwebhooks.com).

Each request carries ``webhook-id`` (the event id, the same on every retry),
``webhook-timestamp`` (seconds since the epoch, at sending) and ``webhook-signature``:
``v1,<base64 HMAC-SHA256 of "{id}.{timestamp}.{body}">`` with the key the ``whsec_`` secret
encodes. During a rotation's overlap window both the new and the previous secret sign, the
signatures separated by a space, so a receiver holding either accepts the request.

The body is small and versioned: ``{"type", "timestamp", "version", "data": {"event_id",
"object": {"type", "id", "translation_key", "locale", "url"}}}``; ``url`` is the object's API
address, to be fetched for the content.
"""

import base64
import hashlib
import hmac
import json
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from . import net

PAYLOAD_VERSION = "1"
SECRET_PREFIX = "whsec_"

# URL names (namespace api) of each object type's detail.
API_ROUTES = {
    "course": "course-detail",
    "lesson": "lesson-detail",
    "case_study": "case-study-detail",
    "partner": "partner-detail",
    "enrolment": "enrolment-detail",
}


def new_secret():
    return SECRET_PREFIX + base64.b64encode(secrets.token_bytes(24)).decode()


def subscribe(name, url, events=()):
    """A new subscription and its secret, which is shown once and never again."""
    from .models import Subscription

    secret = new_secret()
    subscription = Subscription.objects.create(
        name=name, url=url, events=list(events), secret=secret
    )
    return subscription, secret


def rotation_window():
    return timedelta(hours=getattr(settings, "HARBOUR_WEBHOOK_ROTATION_HOURS", 24))


def rotate(subscription):
    """A new secret; the old one keeps signing for the rotation window. Returns the new one."""
    with transaction.atomic():
        subscription.previous_secret = subscription.secret
        subscription.previous_secret_expires_at = timezone.now() + rotation_window()
        subscription.secret = new_secret()
        subscription.save(update_fields=["secret", "previous_secret", "previous_secret_expires_at"])
    return subscription.secret


def signing_secrets(subscription, now=None):
    now = now or timezone.now()
    found = [subscription.secret]
    expires = subscription.previous_secret_expires_at
    if subscription.previous_secret and expires and expires > now:
        found.append(subscription.previous_secret)
    return found


def sign(secret, msg_id, timestamp, body):
    key = base64.b64decode(secret.removeprefix(SECRET_PREFIX))
    content = f"{msg_id}.{timestamp}.".encode() + body
    return "v1," + base64.b64encode(hmac.new(key, content, hashlib.sha256).digest()).decode()


def absolute(path):
    return getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/") + path


def api_link(object_type, object_id):
    name = API_ROUTES.get(object_type)
    if not name or not object_id:
        return None
    try:
        return absolute(reverse(f"api:{name}", kwargs={"pk": object_id}))
    except NoReverseMatch:
        return None


def payload(event):
    data = {
        "event_id": str(event.id),
        "object": {
            "type": event.object_type,
            "id": event.object_id or None,
            "translation_key": str(event.translation_key) if event.translation_key else None,
            "locale": event.locale or None,
            "url": api_link(event.object_type, event.object_id),
        },
    }
    data.update(event.data.get("public", {}))
    return {
        "type": event.type,
        "timestamp": event.occurred_at.isoformat(),
        "version": PAYLOAD_VERSION,
        "data": data,
    }


def message_id(event):
    return f"msg_{event.id.hex}"


def send(delivery):
    """POST the event to the subscription's URL; returns the response's status code."""
    subscription = delivery.subscription
    body = json.dumps(payload(delivery.event), separators=(",", ":")).encode()
    msg_id = message_id(delivery.event)
    timestamp = str(int(timezone.now().timestamp()))
    signatures = " ".join(
        sign(secret, msg_id, timestamp, body) for secret in signing_secrets(subscription)
    )
    response = net.post(
        subscription.url,
        body=body,
        headers={
            "content-type": "application/json",
            "user-agent": "Harbour-Webhooks/1",
            "webhook-id": msg_id,
            "webhook-timestamp": timestamp,
            "webhook-signature": signatures,
        },
    )
    return response.status_code, response.text[:500]
