"""The rotating focus country: periods never overlap (the admin says which one is in the
way), exactly one is current once the schedule has begun, the home page features it,
/focus/ lists the schedule, and the API serves the current one and the others."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from lms.i18n import requested_locale
from network.models import FocusPeriod
from network.services import current_focus
from tests import factories
from tests.api.conftest import translate_snippet

pytestmark = pytest.mark.django_db


def day(offset):
    return timezone.localdate() + datetime.timedelta(days=offset)


@pytest.fixture
def countries(directory):
    return {
        "PL": directory["PL"],
        **{
            code: factories.CountryFactory(code=code, name=name)
            for code, name in (("EE", "Estonia"), ("DK", "Denmark"))
        },
    }


def period(country, starts, ends, **fields):
    made = FocusPeriod(
        country=country,
        starts_on=starts,
        ends_on=ends,
        headline=fields.pop("headline", f"{country.name} in focus"),
        locale=factories.locale(),
        **fields,
    )
    made.full_clean()
    made.save()
    return made


@pytest.fixture
def schedule(countries):
    return {
        "past": period(countries["DK"], day(-120), day(-31), innovation_group="leader"),
        "current": period(countries["PL"], day(-30), day(30), innovation_group="moderate"),
        "coming": period(countries["EE"], day(31), day(120)),
    }


def test_an_overlapping_period_is_refused_naming_the_one_in_the_way(schedule, countries):
    with pytest.raises(ValidationError) as refused:
        period(countries["EE"], day(20), day(40))

    message = refused.value.message_dict["starts_on"][0]
    assert "overlaps the focus on Poland" in message
    assert day(-30).isoformat() in message and day(30).isoformat() in message
    assert FocusPeriod.objects.count() == 3


def test_periods_that_touch_but_do_not_share_a_day_are_accepted(schedule, countries):
    period(countries["DK"], day(121), day(200))

    assert FocusPeriod.objects.count() == 4


def test_a_period_may_be_saved_again_without_overlapping_itself(schedule):
    current = schedule["current"]
    current.headline = "New words"
    current.full_clean()


def test_a_translation_does_not_overlap_its_source(schedule):
    translated = translate_snippet(schedule["current"], "pl", headline="Polska w centrum uwagi")
    translated.full_clean()


def test_a_period_cannot_end_before_it_starts(countries):
    with pytest.raises(ValidationError, match="cannot end before it starts"):
        period(countries["PL"], day(10), day(5))


def test_the_current_period_covers_today_and_a_gap_keeps_the_last_begun(schedule, countries):
    english = requested_locale("en")

    assert current_focus(english) == schedule["current"]
    assert current_focus(english, today=day(-200)) is None
    # After the last period has ended, it stays current until another begins.
    assert current_focus(english, today=day(500)) == schedule["coming"]
    gap = day(300)
    period(countries["DK"], day(400), day(450))
    assert current_focus(english, today=gap) == schedule["coming"]


def test_exactly_one_period_is_current_on_every_day_of_the_schedule(schedule):
    english = requested_locale("en")
    current = {current_focus(english, today=day(offset)).pk for offset in range(-120, 200, 7)}

    assert current == {period.pk for period in schedule.values()}
    for offset in range(-120, 200, 7):
        found = current_focus(english, today=day(offset))
        covering = [p for p in schedule.values() if p.starts_on <= day(offset) <= p.ends_on]
        assert covering in ([found], [])


def test_the_home_page_features_the_country_in_focus(client, home, schedule, countries):
    translate_snippet(countries["PL"], "pl", name="Polska")

    html = client.get("/pl/").content.decode()

    assert "Polska" in html[html.index('id="focus-heading"') :][:300]
    assert 'href="/pl/focus/"' in html


def test_the_focus_page_lists_now_coming_and_past(client, home, schedule, directory):
    current = schedule["current"]
    current.partners.set([directory["goethe"]])
    current.needs = "<p>Access to <b>markets</b>.</p>"
    current.save()

    html = client.get("/en/focus/").content.decode()

    now = html[html.index('id="current-focus-heading"') : html.index('id="coming-focus-heading"')]
    assert "Now: Poland" in now and "Goethe-Institut" in now and "<b>markets</b>" in now
    assert "Moderate innovator" in now
    coming = html[html.index('id="coming-focus-heading"') : html.index('id="past-focus-heading"')]
    assert "Estonia" in coming
    assert "Denmark" in html[html.index('id="past-focus-heading"') :]


def test_the_api_serves_the_current_period(api, schedule, countries):
    translate_snippet(countries["PL"], "pl", name="Polska")
    translate_snippet(schedule["current"], "pl", headline="Polska w centrum uwagi")

    data = api.get_json("/api/v1/focus-country/?locale=pl")

    assert data["headline"] == "Polska w centrum uwagi"
    assert data["locale"] == "pl"
    assert data["country"] == {"code": "PL", "name": "Polska"}
    assert data["is_current"] is True
    assert data["innovation_group"] == "moderate"


def test_the_api_says_so_before_the_schedule_begins(api, countries):
    period(countries["PL"], day(10), day(20))

    data = api.get_json("/api/v1/focus-country/", status=404)

    assert data == {"detail": "No country is in focus yet.", "code": "not_found"}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ["DK", "PL", "EE"]),
        ("?when=coming", ["EE"]),
        ("?when=past", ["DK"]),
        ("?when=current", ["PL"]),
        ("?country=ee", ["EE"]),
    ],
)
def test_the_list_serves_the_schedule_in_order(api, schedule, query, expected):
    data = api.get_json(f"/api/v1/focus-countries/{query}")

    assert [item["country"]["code"] for item in data["results"]] == expected
    assert sum(item["is_current"] for item in data["results"]) == ("PL" in expected)


def test_a_bad_when_is_a_400(api, schedule):
    data = api.get_json("/api/v1/focus-countries/?when=soon", status=400)

    assert "when" in data["errors"]


def test_the_schedule_costs_the_same_for_3_or_12_periods(api, schedule, countries, settings):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.HARBOUR_API_CACHE = False
    api.get_json("/api/v1/focus-countries/?locale=pl")
    with CaptureQueriesContext(connection) as three:
        api.get_json("/api/v1/focus-countries/?locale=pl")
    for number in range(9):
        period(countries["EE"], day(200 + 20 * number), day(210 + 20 * number))
    # Saving a network record drops what the process keeps (network/signals.py): measured warm,
    # as the 3 were.
    api.get_json("/api/v1/focus-countries/?locale=pl")
    with CaptureQueriesContext(connection) as twelve:
        data = api.get_json("/api/v1/focus-countries/?locale=pl")
    assert data["count"] == 12
    assert len(twelve) == len(three)
    print(f"focus schedule: {len(three)} queries for 3 and for 12 periods")
