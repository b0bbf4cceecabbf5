"""Delivering the outbox, at least once: each delivery is tried by a task on the queue; a
failure (a network error, a timeout, or any answer but 2xx, and for an LRS 204/409 "already
stored") is retried after an exponential back-off (HARBOUR_OUTBOX_BACKOFF_SECONDS × 2^(n-1),
at most HARBOUR_OUTBOX_BACKOFF_MAX_SECONDS) until HARBOUR_OUTBOX_MAX_ATTEMPTS tries, after
which it is dead: shown in the admin with its error, until replayed (the admin, or
``manage.py replay_events``). A refused address (net.Refused) is dead at once.

The HTTP request runs outside any transaction and holds no row lock. A backend that cannot
defer tasks (the immediate one) leaves a retry pending with its time;
``manage.py replay_events --due`` sends those.
"""

import logging
import time
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks import default_task_backend

from . import net
from .models import Delivery, DeliveryAttempt

logger = logging.getLogger(__name__)

Status = Delivery.Status


def max_attempts():
    return getattr(settings, "HARBOUR_OUTBOX_MAX_ATTEMPTS", 8)


def backoff(attempts):
    base = getattr(settings, "HARBOUR_OUTBOX_BACKOFF_SECONDS", 30)
    cap = getattr(settings, "HARBOUR_OUTBOX_BACKOFF_MAX_SECONDS", 6 * 3600)
    return timedelta(seconds=min(base * 2 ** max(attempts - 1, 0), cap))


def enqueue(delivery_id, run_after=None):
    from .tasks import deliver

    try:
        if run_after is not None:
            if not default_task_backend.supports_defer:
                return False
            deliver.using(run_after=run_after).enqueue(delivery_id)
        else:
            deliver.enqueue(delivery_id)
    except Exception:  # the queue is down: the delivery stays pending, for replay_events --due
        logger.exception("Could not queue outbox delivery %s", delivery_id)
        return False
    return True


def enqueue_all(ids):
    for delivery_id in ids:
        enqueue(delivery_id)


def sender(delivery):
    from . import ags, webhooks, xapi

    return {
        Delivery.Kind.WEBHOOK: webhooks.send,
        Delivery.Kind.XAPI: xapi.send,
        Delivery.Kind.LTI_SCORE: ags.send,
    }[delivery.kind]


def succeeded(delivery, status_code):
    if 200 <= status_code < 300:
        return True
    # An LRS that already holds a statement with this id answers 409 (or 204): delivered.
    return delivery.kind == Delivery.Kind.XAPI and status_code in (204, 409)


def attempt(delivery_id):
    """Try one delivery once. Returns its status afterwards (None if it is gone)."""
    delivery = (
        Delivery.objects.select_related("event", "subscription", "line_item__identity__platform")
        .filter(pk=delivery_id)
        .first()
    )
    if delivery is None or delivery.status != Status.PENDING:
        return delivery and delivery.status
    if delivery.kind == Delivery.Kind.WEBHOOK and not (
        delivery.subscription and delivery.subscription.is_active
    ):
        return delivery.status  # paused with its subscription; replay once it is active
    started = time.monotonic()
    status_code, error, final = None, "", False
    try:
        status_code, text = sender(delivery)(delivery)
        if not succeeded(delivery, status_code):
            error = f"HTTP {status_code}: {text}".strip()
    except net.Refused as refused:
        error, final = str(refused), True
    except Exception as failure:  # noqa: BLE001 - any failure is logged and retried
        error = f"{type(failure).__name__}: {failure}"
    duration = int((time.monotonic() - started) * 1000)
    now = timezone.now()
    with transaction.atomic():
        DeliveryAttempt.objects.create(
            delivery=delivery, status_code=status_code, error=error, duration_ms=duration
        )
        delivery.attempts += 1
        delivery.last_error = error
        if not error:
            delivery.status = Status.DELIVERED
            delivery.delivered_at = now
            delivery.next_attempt_at = None
        elif final or delivery.attempts >= max_attempts():
            delivery.status = Status.DEAD
            delivery.next_attempt_at = None
        else:
            delivery.next_attempt_at = now + backoff(delivery.attempts)
        delivery.save(
            update_fields=["attempts", "last_error", "status", "delivered_at", "next_attempt_at"]
        )
    if delivery.status == Status.PENDING:
        enqueue(delivery.pk, run_after=delivery.next_attempt_at)
    elif delivery.status == Status.DEAD:
        logger.warning("Outbox delivery %s is dead: %s", delivery.pk, error)
    return delivery.status


def replay(deliveries, resend=False):
    """Make dead (or pending) deliveries pending again and queue them; ``resend`` sends
    delivered ones again too. The event, and so the webhook-id and the statement id, stays
    the same, and the log keeps every earlier try."""
    if not resend:
        deliveries = deliveries.exclude(status=Status.DELIVERED)
    ids = list(deliveries.values_list("pk", flat=True))
    # A fresh round of tries, each with its back-off; `attempts` counts the round's tries.
    Delivery.objects.filter(pk__in=ids).update(
        status=Status.PENDING, attempts=0, next_attempt_at=None
    )
    transaction.on_commit(lambda: enqueue_all(ids))
    return ids


def due(now=None):
    """Pending deliveries whose time has come (or that were never queued)."""
    now = now or timezone.now()
    pending = Delivery.objects.filter(status=Status.PENDING)
    return pending.filter(next_attempt_at__lte=now) | pending.filter(next_attempt_at=None)
