"""iCalendar (RFC 5545) for the event calendar, made with the ``icalendar`` library.

- UID: ``event-<translation key>@harbour``, the same in every language and for ever, so a
  calendar app updates the entry it has instead of adding a second one.
- SEQUENCE: from ``EventCalendarState`` (services.record_publication), raised by each
  published change of times, place or status.
- DTSTART and DTEND in the event's timezone (TZID) with the VTIMEZONE components the feed
  uses; DTSTAMP and LAST-MODIFIED in UTC.
- STATUS: CONFIRMED, or CANCELLED for a cancelled event, which stays in the feed so that
  subscribers' calendars remove it.

Cost: one query for the sequences of all the events, besides the events' own query.
"""

import datetime

import icalendar
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from . import services

PRODID = "-//Harbour//CCI network calendar//EN"
UID_DOMAIN = "harbour"


def uid(event):
    return f"event-{event.translation_key}@{UID_DOMAIN}"


def location(event):
    if event.online:
        return event.online_url or _("Online")
    parts = [event.venue_name, event.venue_address, event.city]
    return ", ".join(part for part in parts if part)


def description(event, url):
    lines = []
    if event.sample:
        lines.append(_("Sample event: an example, not a real date."))
    if event.summary:
        lines.append(event.summary)
    elif event.description:
        lines.append(strip_tags(event.description).strip())
    if event.registration_url:
        lines.append(_("Registration: %(url)s") % {"url": event.registration_url})
    if url:
        lines.append(url)
    return "\n\n".join(lines)


def vevent(event, sequence, url=None):
    entry = icalendar.Event()
    entry.add("uid", uid(event))
    entry.add("sequence", sequence)
    stamp = event.last_published_at or event.latest_revision_created_at
    stamp = stamp or datetime.datetime.now(datetime.UTC)
    entry.add("dtstamp", stamp.astimezone(datetime.UTC))
    entry.add("last-modified", stamp.astimezone(datetime.UTC))
    if event.all_day:
        # DATE values; DTEND is the day after the last (RFC 5545, 3.6.1).
        entry.add("dtstart", event.local_start.date())
        entry.add("dtend", event.local_end.date() + datetime.timedelta(days=1))
    else:
        entry.add("dtstart", event.local_start)
        entry.add("dtend", event.local_end)
    title = event.title
    if event.sample:
        title = _("[Sample] %(title)s") % {"title": title}
    entry.add("summary", title)
    entry.add("description", description(event, url))
    place = location(event)
    if place:
        entry.add("location", place)
    if event.latitude is not None and event.longitude is not None and not event.online:
        entry.add("geo", (float(event.latitude), float(event.longitude)))
    if url:
        entry.add("url", url)
    entry.add("categories", [str(event.get_kind_display())])
    entry.add("status", "CANCELLED" if event.cancelled else "CONFIRMED")
    entry.add("transp", "OPAQUE")
    return entry


def calendar(events, name, url_of=None):
    """The iCalendar bytes of ``events``; ``url_of(event)`` gives each one's web address."""
    events = list(events)
    found = services.sequences(events)
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    for event in events:
        url = url_of(event) if url_of else None
        cal.add_component(vevent(event, found.get(event.translation_key, 0), url))
    cal.add_missing_timezones()
    return cal.to_ical()
