"""GET /api/v1/events/ and /api/v1/events/{id}/: the content API's locale, fallback, filter
and error rules, the event's own timezone, and a fixed cost in queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests import factories
from tests.api.conftest import translate, translate_snippet
from tests.network.conftest import days_from_now

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def uncached(settings):
    settings.HARBOUR_API_CACHE = False


@pytest.fixture
def calendar(make_event, directory):
    meeting = make_event(title="Network meeting", kind="network_meeting")
    meeting.hosts.set([directory["goethe"]])
    meeting.countries.set([directory["PL"]])
    meeting.subsectors.set([directory["design"]])
    meeting.save_revision().publish()
    webinar = make_event(
        title="Webinar",
        kind="webinar",
        online=True,
        online_url="https://example.org/w",
        starts_at=days_from_now(45),
        ends_at=days_from_now(45, hour=12),
    )
    past = make_event(
        title="Forum", kind="forum", starts_at=days_from_now(-40), ends_at=days_from_now(-39)
    )
    return {"meeting": meeting, "webinar": webinar, "past": past}


def titles(data):
    return [item["title"] for item in data["results"]]


def test_the_list_serves_events_soonest_first_with_their_local_times(api, calendar):
    data = api.get_json("/api/v1/events/")

    assert titles(data) == ["Forum", "Network meeting", "Webinar"]
    meeting = data["results"][1]
    assert meeting["timezone"] == "Europe/Warsaw"
    assert meeting["local_start"].startswith(calendar["meeting"].local_start.isoformat()[:16])
    assert meeting["local_start"][-6:] in {"+01:00", "+02:00"}
    assert meeting["hosts"] == [
        {
            "id": calendar["meeting"].hosts.get().pk,
            "slug": "goethe-institut",
            "name": "Goethe-Institut",
        }
    ]
    assert meeting["is_past"] is False
    assert meeting["ics_url"] == f"http://testserver/en/calendar/{calendar['meeting'].pk}.ics"
    assert data["results"][0]["is_past"] is True


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("kind=webinar", ["Webinar"]),
        ("when=upcoming", ["Network meeting", "Webinar"]),
        ("when=past", ["Forum"]),
        ("partner=goethe-institut", ["Network meeting"]),
        ("country=pl", ["Network meeting"]),
        ("subsector=design", ["Network meeting"]),
        ("ordering=-starts_at&when=upcoming", ["Webinar", "Network meeting"]),
    ],
)
def test_the_filters_keep_what_they_name(api, calendar, query, expected):
    assert titles(api.get_json(f"/api/v1/events/?{query}")) == expected


def test_the_month_filter_keeps_the_events_of_that_month(api, calendar):
    month = calendar["past"].starts_at.strftime("%Y-%m")

    assert "Forum" in titles(api.get_json(f"/api/v1/events/?month={month}"))
    assert titles(api.get_json("/api/v1/events/?month=1999-01")) == []


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("kind=party", "kind"),
        ("month=2026-13", "month"),
        ("when=soon", "when"),
        ("partner=nobody", "partner"),
        ("country=XX", "country"),
    ],
)
def test_a_bad_filter_value_is_a_400_naming_the_parameter(api, calendar, query, field):
    data = api.get_json(f"/api/v1/events/?{query}", status=400)

    assert set(data) == {"detail", "code", "errors"}
    assert field in data["errors"]


def test_polish_is_served_where_translated_and_english_marked_as_fallback(api, calendar, directory):
    translate(calendar["meeting"], "pl", title="Spotkanie sieci")
    translate_snippet(directory["design"], "pl", name="Wzornictwo")

    data = api.get_json("/api/v1/events/?locale=pl&when=upcoming")

    by_title = {item["title"]: item for item in data["results"]}
    assert by_title["Spotkanie sieci"]["locale"] == "pl"
    assert by_title["Spotkanie sieci"]["is_fallback"] is False
    assert by_title["Spotkanie sieci"]["subsectors"][0]["name"] == "Wzornictwo"
    assert by_title["Spotkanie sieci"]["ics_url"].startswith("http://testserver/pl/calendar/")
    assert by_title["Webinar"]["is_fallback"] is True
    assert by_title["Webinar"]["locale"] == "en"


def test_the_detail_has_the_description_programme_and_related_pages(api, make_event, course):
    event = make_event(
        description="<p>Partners <b>meet</b>.</p>",
        programme=[{"type": "session", "value": {"title": "Welcome", "starts": "10:00"}}],
    )
    event.related_courses.set([course])
    event.save_revision().publish()

    data = api.get_json(f"/api/v1/events/{event.pk}/")

    assert data["description"] == "<p>Partners <b>meet</b>.</p>"
    assert data["programme"][0]["type"] == "session"
    assert data["programme"][0]["value"]["title"] == "Welcome"
    assert [item["title"] for item in data["related_courses"]] == [course.title]
    assert data["venue_address"] == "Bandurskiego 96/23, 71-685 Szczecin"


def test_a_sample_event_is_flagged(api, make_event):
    event = make_event(sample=True)

    assert api.get_json(f"/api/v1/events/{event.pk}/")["sample"] is True


def test_a_draft_event_is_never_served(api, event_index):
    draft = factories.EventPageFactory(parent=event_index, locale=event_index.locale, live=False)

    assert api.get_json("/api/v1/events/")["count"] == 0
    api.get_json(f"/api/v1/events/{draft.pk}/", status=404)


def add_events(make_event, directory, count):
    for _ in range(count):
        event = make_event()
        event.hosts.set([directory["goethe"]])
        event.subsectors.set([directory["design"], directory["music"]])
        event.countries.set([directory["PL"]])
        event.save()


@pytest.mark.parametrize("locale", ["en", "pl"])
def test_the_list_with_3_or_30_events_costs_the_same(
    api, make_event, directory, django_assert_num_queries, locale
):
    url = f"/api/v1/events/?locale={locale}&page_size=100"
    add_events(make_event, directory, 3)
    api.get_json(url)
    with CaptureQueriesContext(connection) as queries:
        api.get_json(url)
    three = len(queries)

    add_events(make_event, directory, 27)
    # Warm again, as for 3: publishing makes what the process keeps (lms/memo.py) stale.
    api.get_json(url)
    with django_assert_num_queries(three):
        data = api.get_json(url)
    assert data["count"] == 30
    print(f"events ({locale}): {three} queries for 3 and for 30 events")
