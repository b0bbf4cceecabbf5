"""The calendar's web pages: upcoming and past events with the calendar's filters, an event
in its own timezone with "add to calendar", a series with its hosts, the home page's teaser
and the header link; all without JavaScript."""

import datetime
import re
import zoneinfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests import factories
from tests.api.conftest import translate
from tests.network.conftest import days_from_now, publish

pytestmark = pytest.mark.django_db


def text(response):
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def section(html, heading_id):
    start = html.index(f'id="{heading_id}"')
    end = html.find("</section>", start)
    return html[start:end]


def test_the_calendar_lists_upcoming_then_past_events(client, make_event):
    make_event(title="Coming workshop")
    make_event(
        title="Old forum", kind="forum", starts_at=days_from_now(-20), ends_at=days_from_now(-19)
    )

    html = text(client.get("/en/events/"))

    assert "Coming workshop" in section(html, "upcoming-heading")
    assert "Old forum" not in section(html, "upcoming-heading")
    assert "Old forum" in section(html, "past-heading")
    assert 'href="/en/calendar.ics"' in html


def test_the_calendar_filters_and_offers_the_feed_of_the_filters(client, make_event):
    make_event(title="Coming workshop")
    make_event(title="A webinar", kind="webinar", online=True, online_url="https://example.org")

    html = text(client.get("/en/events/?kind=webinar"))

    assert "A webinar" in html and "Coming workshop" not in html
    assert 'href="/en/calendar.ics?kind=webinar"' in html


def test_a_bad_filter_on_the_page_is_reported_and_ignored(client, make_event):
    make_event(title="Coming workshop")

    html = text(client.get("/en/events/?kind=party"))

    assert "Coming workshop" in html
    assert 'role="alert"' in html


def test_an_event_page_shows_its_times_in_its_timezone(client, make_event, directory):
    start = datetime.datetime(2031, 7, 3, 9, 30, tzinfo=zoneinfo.ZoneInfo("Europe/Helsinki"))
    event = make_event(
        title="Study visit to Kotka",
        kind="study_visit",
        timezone="Europe/Helsinki",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=8),
        languages=["en", "fi"],
    )
    event.hosts.set([directory["goethe"]])
    event = publish(event)

    html = text(client.get(event.url))

    assert "9:30 a.m." in html and "5:30 p.m." in html  # local time, not UTC (6:30)
    assert "Europe/Helsinki (EEST)" in html
    assert f'href="/en/calendar/{event.pk}.ics"' in html
    assert "Goethe-Institut" in html
    assert "Suomi" in html


def test_a_sample_or_cancelled_event_says_so(client, make_event):
    sample = make_event(sample=True)
    cancelled = make_event(cancelled=True)

    assert "Sample event" in text(client.get(sample.url))
    assert "This event has been cancelled." in text(client.get(cancelled.url))
    listing = text(client.get("/en/events/"))
    assert "Sample event" in listing and "Cancelled" in listing


def test_the_series_page_shows_each_edition_s_host_and_the_next(client, make_event, directory):
    series = factories.EventSeriesFactory(name="Contact Desk meetings", slug="contact-desk")
    other = factories.PartnerFactory(name="Creative Estonia", slug="creative-estonia")
    first = make_event(
        title="Meeting 2024",
        series=series,
        starts_at=days_from_now(-300),
        ends_at=days_from_now(-299),
    )
    first.hosts.set([directory["goethe"]])
    publish(first)
    second = make_event(title="Meeting next", series=series)
    second.hosts.set([other])
    publish(second)

    html = text(client.get("/en/events/series/contact-desk/"))

    next_section = section(html, "next-heading")
    assert "Meeting next" in next_section and "Creative Estonia" in next_section
    rows = re.findall(r"<tr.*?</tr>", html, re.S)[1:]
    assert ["Meeting 2024" in rows[0], "Goethe-Institut" in rows[0]] == [True, True]
    assert 'aria-current="true"' in rows[1]
    assert client.get("/en/events/series/nothing/").status_code == 404


def test_a_polish_reader_gets_the_polish_event_and_the_english_one_marked(client, make_event):
    event = make_event(title="Network meeting")
    make_event(title="Only in English")
    translate(event, "pl", title="Spotkanie sieci")

    html = text(client.get("/pl/events/"))

    assert "Spotkanie sieci" in html
    assert re.search(r'lang="en">Only in English', html)
    assert 'href="/pl/calendar.ics"' in html


def test_the_home_page_and_header_lead_to_the_calendar(client, make_event):
    make_event(title="Coming workshop")

    html = text(client.get("/en/"))

    assert "Coming workshop" in section(html, "events-heading")
    assert re.search(r'<a href="/en/events/"[^>]*>Events</a>', html)


def test_the_calendar_page_with_3_or_20_events_costs_the_same(client, make_event, directory):
    def add(count):
        for _ in range(count):
            event = make_event()
            event.hosts.set([directory["goethe"]])

    add(3)
    client.get("/en/events/")
    with CaptureQueriesContext(connection) as three:
        text(client.get("/en/events/"))
    add(17)
    with CaptureQueriesContext(connection) as twenty:
        html = text(client.get("/en/events/"))
    assert html.count('class="card event-card') == 20
    assert len(twenty) == len(three)
