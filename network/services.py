"""The calendar's logic, shared by the pages, the API, the feeds and the admin.

- ``served_events()``: the events that may be served (live, public, under live pages).
- ``record_publication(event)``: called when an event is published; raises the SEQUENCE of
  its iCalendar entry when a significant field changed (one read, at most one write).
- ``sequences(events)``: ``{translation_key: sequence}`` for a list of events, one query.
- ``editions(series, requested)``: a series' events in order, with who hosted each, and the
  next edition.
"""

import hashlib
import json
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from lms.i18n import localized_queryset

from .models import EventCalendarState, EventPage

# What calendars must be told about again when it changes (RFC 5545, 3.8.7.4).
SIGNIFICANT = (
    "starts_at",
    "ends_at",
    "all_day",
    "timezone",
    "online",
    "online_url",
    "venue_address",
    "city",
    "cancelled",
)


def served_events(hidden=None):
    return EventPage.objects.served(hidden)


def fingerprint(event):
    values = {name: getattr(event, name) for name in SIGNIFICANT}
    text = json.dumps(values, default=str, sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()


def record_publication(event):
    """Keep the event's SEQUENCE: 0 when first published, one more after each publication
    that changed a significant field. A translation shares its source's entry."""
    current = fingerprint(event)
    with transaction.atomic():
        state, created = EventCalendarState.objects.select_for_update().get_or_create(
            translation_key=event.translation_key,
            defaults={"fingerprint": current, "sequence": 0},
        )
        if not created and state.fingerprint != current:
            state.fingerprint = current
            state.sequence += 1
            state.save(update_fields=["fingerprint", "sequence", "updated_at"])
    return state


def sequences(events):
    keys = {event.translation_key for event in events}
    return dict(
        EventCalendarState.objects.filter(translation_key__in=keys).values_list(
            "translation_key", "sequence"
        )
    )


@dataclass
class Edition:
    event: EventPage
    hosts: list
    is_next: bool


def editions(series, requested):
    """The series' events in the requested locale (else the fallback), oldest first, with
    their hosts; the first that has not ended is the next edition. Three queries."""
    events = (
        localized_queryset(
            served_events().filter(series__translation_key=series.translation_key), requested
        )
        .select_related("locale")
        .prefetch_related("hosts")
        .order_by("starts_at", "pk")
    )
    now = timezone.now()
    found, next_seen = [], False
    for event in events:
        is_next = not next_seen and event.ends_at >= now
        next_seen = next_seen or is_next
        found.append(Edition(event, list(event.hosts.all()), is_next))
    return found


# --- Focus countries --------------------------------------------------------------------------


def localized_periods(requested):
    from .models import FocusPeriod

    return localized_queryset(FocusPeriod.objects.all(), requested).select_related(
        "country", "locale"
    )


def current_focus(requested, today=None):
    """The current focus period in the requested locale (else the fallback's): the one that
    covers today, else the last one that has begun; None before the schedule starts. One
    query."""
    today = today or timezone.localdate()
    return (
        localized_periods(requested)
        .filter(starts_on__lte=today)
        .order_by("-starts_on", "pk")
        .first()
    )


@dataclass
class Schedule:
    current: object
    coming: list
    past: list


def focus_schedule(requested, today=None):
    """The current period, the coming ones (soonest first) and the past ones (latest
    first). One query."""
    today = today or timezone.localdate()
    periods = list(localized_periods(requested).order_by("starts_on", "pk"))
    started = [period for period in periods if period.starts_on <= today]
    current = started[-1] if started else None
    return Schedule(
        current=current,
        coming=[period for period in periods if period.starts_on > today],
        past=[period for period in reversed(started) if period is not current],
    )
