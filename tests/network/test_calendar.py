"""The iCalendar feeds, parsed back with the icalendar library: the UID never changes, the
SEQUENCE rises with each significant change, times carry the event's timezone, and a
cancelled event is sent as cancelled."""

import datetime
import zoneinfo

import icalendar
import pytest

from network.calendar import uid
from tests.network.conftest import days_from_now, publish

pytestmark = pytest.mark.django_db


def parse(response):
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"].startswith("text/calendar")
    return icalendar.Calendar.from_ical(response.content)


def only_event(calendar):
    (event,) = calendar.walk("VEVENT")
    return event


def event_ics(client, event, language="en"):
    return parse(client.get(f"/{language}/calendar/{event.pk}.ics"))


def test_an_event_file_has_its_uid_times_in_its_timezone_and_place(client, make_event):
    start = datetime.datetime(2031, 3, 12, 10, tzinfo=zoneinfo.ZoneInfo("Europe/Warsaw"))
    event = make_event(
        title="Tools of internationalisation",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=6),
        latitude="53.428543",
        longitude="14.552812",
    )

    entry = only_event(event_ics(client, event))

    assert str(entry["UID"]) == f"event-{event.translation_key}@harbour"
    assert entry["SEQUENCE"] == 0
    assert str(entry["SUMMARY"]) == "Tools of internationalisation"
    assert entry.start == start
    assert entry.start.utcoffset() == datetime.timedelta(hours=1)
    assert entry["DTSTART"].params["TZID"] == "Europe/Warsaw"
    assert entry.end == start + datetime.timedelta(hours=6)
    assert "Bandurskiego 96/23" in str(entry["LOCATION"])
    assert str(entry["STATUS"]) == "CONFIRMED"
    assert entry["URL"].endswith(f"/events/{event.slug}/")
    assert entry["GEO"].latitude == pytest.approx(53.428543)


def test_the_feed_carries_the_vtimezone_of_each_timezone_used(client, make_event):
    make_event(timezone="Europe/Warsaw")
    make_event(timezone="Europe/Helsinki")

    calendar = parse(client.get("/en/calendar.ics"))

    zones = {str(zone["TZID"]) for zone in calendar.walk("VTIMEZONE")}
    assert zones == {"Europe/Warsaw", "Europe/Helsinki"}
    assert len(calendar.walk("VEVENT")) == 2


def test_a_new_time_keeps_the_uid_and_raises_the_sequence(client, make_event):
    event = make_event()
    before = only_event(event_ics(client, event))

    event.starts_at += datetime.timedelta(hours=1)
    event = publish(event)
    after = only_event(event_ics(client, event))

    assert after["UID"] == before["UID"]
    assert (before["SEQUENCE"], after["SEQUENCE"]) == (0, 1)
    assert after.start == before.start + datetime.timedelta(hours=1)


def test_a_change_of_wording_keeps_the_sequence(client, make_event):
    event = make_event()
    event.summary = "Better words."
    event = publish(event)

    assert only_event(event_ics(client, event))["SEQUENCE"] == 0


def test_publishing_an_old_draft_never_lowers_the_sequence(client, make_event):
    event = make_event()
    old_draft = event.save_revision()
    event.city = "Rostock"
    event = publish(event)
    old_draft.publish()

    assert only_event(event_ics(client, event))["SEQUENCE"] == 2


def test_a_cancelled_event_stays_in_the_feed_as_cancelled(client, make_event):
    event = make_event()
    event.cancelled = True
    event = publish(event)

    entry = only_event(parse(client.get("/en/calendar.ics")))

    assert str(entry["STATUS"]) == "CANCELLED"
    assert entry["SEQUENCE"] == 1
    assert str(entry["UID"]) == uid(event)


def test_the_uid_is_the_same_in_every_language(client, make_event):
    from tests.api.conftest import translate

    event = make_event()
    polish = translate(event, "pl", title="Narzędzia umiędzynarodowienia")

    entry = only_event(parse(client.get("/pl/calendar.ics")))

    assert str(entry["SUMMARY"]) == "Narzędzia umiędzynarodowienia"
    assert str(entry["UID"]) == uid(event) == uid(polish)


def test_the_feed_takes_the_calendar_filters(client, make_event):
    make_event(title="A workshop", kind="workshop")
    make_event(title="A webinar", kind="webinar", online=True, online_url="https://example.org/w")
    make_event(title="Long ago", starts_at=days_from_now(-30), ends_at=days_from_now(-29))

    calendar = parse(client.get("/en/calendar.ics?kind=webinar"))
    upcoming = parse(client.get("/en/calendar.ics?when=upcoming"))

    assert [str(e["SUMMARY"]) for e in calendar.walk("VEVENT")] == ["A webinar"]
    assert str(calendar.walk("VEVENT")[0]["LOCATION"]) == "https://example.org/w"
    assert {str(e["SUMMARY"]) for e in upcoming.walk("VEVENT")} == {"A workshop", "A webinar"}


def test_a_bad_filter_of_the_feed_is_a_400_naming_it(client, make_event):
    make_event()

    response = client.get("/en/calendar.ics?kind=party&month=May")

    assert response.status_code == 400
    text = response.content.decode()
    assert "kind:" in text and "month:" in text


def test_a_sample_event_says_so_in_the_calendar(client, make_event):
    event = make_event(sample=True, title="Demo workshop")

    entry = only_event(event_ics(client, event))

    assert str(entry["SUMMARY"]) == "[Sample] Demo workshop"
    assert "Sample event" in str(entry["DESCRIPTION"])
