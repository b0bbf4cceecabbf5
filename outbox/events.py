"""Recording domain events. ``record()`` runs inside the caller's transaction: the event and
its deliveries commit or roll back with the change that caused them, and the deliveries are
queued only once that transaction has committed.

Event ids are deterministic (UUIDv5 of a name the caller gives, e.g. the page revision or the
quiz attempt), so recording the same happening twice stores it once, and a resend always
carries the same id.
"""

import uuid

from django.core.cache import caches
from django.db import connection, transaction
from django.utils import timezone

from lms import memo

from .models import Delivery, Event, FeedCounter, Subscription

SUBSCRIPTIONS_VERSION = "harbour:outbox:subscriptions"
NAMESPACE = uuid.UUID("6f1c6d0e-3d5c-5b8e-9a3e-4861726f7572")

CONTENT_TYPES = ("course", "lesson", "case_study", "partner")
CONTENT_EVENTS = tuple(
    f"{kind}.{action}"
    for kind in CONTENT_TYPES
    for action in ("published", "unpublished", "deleted")
    if not (kind == "partner" and action == "unpublished")
)
LEARNER_EVENTS = (
    "enrolment.created",
    "lesson.progressed",
    "lesson.completed",
    "quiz.attempted",
    "course.completed",
    "certificate.issued",
)
EVENT_TYPES = CONTENT_EVENTS + LEARNER_EVENTS


def event_id(name):
    return uuid.uuid5(NAMESPACE, name)


def _versions_store():
    # The cache object itself, not the ``cache`` proxy: lms.memo.one_read() knows a store by
    # its object, so these versions come in the same read as the response cache's while both
    # live in the default cache (as they do unless HARBOUR_API_CACHE_ALIAS names another).
    return caches["default"]


def expect_subscriptions():
    """A request that will record an event fetches the subscriptions' version with its first
    read of versions (``lms.memo.expect``)."""
    memo.expect(_versions_store(), [SUBSCRIPTIONS_VERSION])


def active_subscriptions():
    """The active webhook subscriptions, kept in this process (``lms.memo``) until one is
    saved or deleted: one cache read (at most one per API request) instead of a query. A subscription changed by
    ``QuerySet.update()`` sends no signal: call ``subscriptions_changed()`` after it."""
    store = _versions_store()
    version = memo.versions(store, [SUBSCRIPTIONS_VERSION])[SUBSCRIPTIONS_VERSION]
    return memo.kept(
        ("outbox", "subscriptions"),
        version,
        lambda: tuple(Subscription.objects.filter(is_active=True)),
    )


def subscriptions_changed(**kwargs):
    memo.bump(_versions_store(), [SUBSCRIPTIONS_VERSION])


def _increment(identifier):
    """The next number unless the event ``identifier`` is stored already; None when it is or
    when the counter row does not exist yet. One statement (UPDATE … RETURNING, PostgreSQL and
    SQLite 3.35+), which also takes the counter's row lock."""
    counter = connection.ops.quote_name(FeedCounter._meta.db_table)
    event = connection.ops.quote_name(Event._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f'UPDATE {counter} SET "last" = "last" + 1 WHERE "id" = 1 AND NOT EXISTS '
            f'(SELECT 1 FROM {event} WHERE "id" = %s) RETURNING "last"',
            [Event._meta.pk.get_db_prep_value(identifier, connection)],
        )
        found = cursor.fetchone()
    return found[0] if found else None


def _next_seq(identifier):
    """The event's number, or None when it is stored already. The row lock is held until the
    caller's transaction ends: numbers follow commit order."""
    seq = _increment(identifier)
    if seq is None:
        if Event.objects.filter(pk=identifier).exists():
            return None
        # The first event of a database: writers that start together each try to create the
        # row; ON CONFLICT DO NOTHING makes the others wait for the first and then count on.
        FeedCounter.objects.bulk_create([FeedCounter(pk=1, last=0)], ignore_conflicts=True)
        seq = _increment(identifier)
    return seq


def _insert_numbered(event):
    """PostgreSQL: number and store ``event`` in one statement, the counter's UPDATE in a
    data-modifying CTE feeding the INSERT. True when stored; False when the event is stored
    already or the counter row does not exist yet (nothing is written then)."""
    quote = connection.ops.quote_name
    fields = [field for field in Event._meta.concrete_fields if field.attname != "seq"]
    columns = ", ".join(quote(field.column) for field in fields)
    values = ", ".join(f"CAST(%s AS {field.db_type(connection)})" for field in fields)
    params = [field.get_db_prep_save(getattr(event, field.attname), connection) for field in fields]
    counter, table = quote(FeedCounter._meta.db_table), quote(Event._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f'WITH "numbered" AS (UPDATE {counter} SET "last" = "last" + 1 WHERE "id" = 1 AND '
            f'NOT EXISTS (SELECT 1 FROM {table} WHERE "id" = %s) RETURNING "last") '
            f'INSERT INTO {table} ("seq", {columns}) SELECT "last", {values} FROM "numbered" '
            'RETURNING "seq"',
            [Event._meta.pk.get_db_prep_value(event.pk, connection), *params],
        )
        found = cursor.fetchone()
    if found is None:
        return False
    event.seq = found[0]
    event._state.adding = False
    event._state.db = connection.alias
    return True


def _store(event):
    """Give ``event`` the next number and store it, unless an event of its id is stored
    already (then False). On PostgreSQL one statement when the counter row exists
    (``_insert_numbered``); elsewhere the number first (UPDATE … RETURNING), then the INSERT:
    SQLite has no data-modifying CTE, and it runs one writer at a time anyway."""
    if connection.vendor == "postgresql" and _insert_numbered(event):
        return True
    seq = _next_seq(event.pk)
    if seq is None:
        return False
    event.seq = seq
    event.save(force_insert=True)
    return True


def record(
    type,
    *,
    key,
    object_type,
    object_id="",
    translation_key=None,
    locale="",
    course_id=None,
    user=None,
    data=None,
    occurred_at=None,
):
    """Store the event named ``key`` once and fan it out to its receivers. Returns the event,
    or None when an event of that key was already stored."""
    from . import ags, delivery, xapi

    assert type in EVENT_TYPES, type
    identifier = event_id(f"{type}:{key}")
    event = Event(
        id=identifier,
        type=type,
        occurred_at=occurred_at or timezone.now(),
        object_type=object_type,
        object_id=str(object_id or ""),
        translation_key=translation_key,
        locale=locale or "",
        course_id=course_id,
        user=user,
        data=data or {},
    )
    # Inside the caller's transaction no savepoint is needed: an error here fails the change.
    with transaction.atomic(savepoint=False):
        if not _store(event):
            return None
        rows = [
            Delivery(event=event, kind=Delivery.Kind.WEBHOOK, subscription=subscription)
            for subscription in active_subscriptions()
            if subscription.wants(type)
        ]
        if user is not None and xapi.configured() and xapi.builds(type):
            rows.append(Delivery(event=event, kind=Delivery.Kind.XAPI))
        if user is not None:
            rows += [
                Delivery(event=event, kind=Delivery.Kind.LTI_SCORE, line_item=line_item)
                for line_item in ags.line_items(type, user, translation_key)
            ]
        if rows:
            created = Delivery.objects.bulk_create(rows)
            ids = [row.pk for row in created if row.pk] or list(
                event.deliveries.values_list("pk", flat=True)
            )
            transaction.on_commit(lambda: delivery.enqueue_all(ids))
    return event
