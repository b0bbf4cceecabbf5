"""Filters, ordering and paging of the lists; every bad value is a JSON 400 (or 404 for a
page past the end)."""

import datetime

import pytest
from django.utils import timezone

from courses.models import CoursePage
from tests import factories
from tests.api.conftest import translate


def titles(data):
    return [item["title"] for item in data["results"]]


@pytest.mark.parametrize(
    "query,expected",
    [
        ("subsector=design", {"Working across borders"}),
        ("subsector=music", {"Sound of the Baltic"}),
        ("country=DE", {"Working across borders", "Sound of the Baltic"}),
        ("country=pl", {"Working across borders"}),
        ("partner=goethe-institut", {"Working across borders"}),
        ("level=advanced", {"Sound of the Baltic"}),
        ("country=DE&level=beginner", {"Working across borders"}),
    ],
)
def test_course_filters(api, catalogue, query, expected):
    assert set(titles(api.get_json(f"/api/v1/courses/?{query}"))) == expected


def test_filters_match_translations_linking_english_snippets(api, catalogue):
    polish = translate(catalogue["borders"], "pl", title="Praca ponad granicami")
    data = api.get_json("/api/v1/courses/?locale=pl&subsector=design&country=PL")
    assert [item["id"] for item in data["results"]] == [polish.pk]


def test_updated_since(api, catalogue):
    now = timezone.now()
    CoursePage.objects.filter(pk=catalogue["sound"].pk).update(
        last_published_at=now - datetime.timedelta(days=30)
    )
    CoursePage.objects.filter(pk=catalogue["borders"].pk).update(last_published_at=now)
    since = (now - datetime.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert titles(api.get_json(f"/api/v1/courses/?updated_since={since}")) == [
        "Working across borders"
    ]
    day = (now - datetime.timedelta(days=60)).date().isoformat()
    assert set(titles(api.get_json(f"/api/v1/courses/?updated_since={day}"))) == {
        "Working across borders",
        "Sound of the Baltic",
    }


@pytest.mark.parametrize(
    "query,field",
    [
        ("updated_since=yesterday", "updated_since"),
        ("updated_since=2026-13-45", "updated_since"),
        ("level=expert", "level"),
        ("country=Poland", "country"),
        ("subsector=not a slug", "subsector"),
        ("partner=<b>", "partner"),
        ("ordering=price", "ordering"),
        ("ordering=-summary", "ordering"),
        ("page=abc", "page"),
        ("page=0", "page"),
        ("page_size=0", "page_size"),
        ("page_size=101", "page_size"),
        ("page_size=ten", "page_size"),
        ("search=" + "x" * 201, "search"),
    ],
)
def test_bad_values_are_400_naming_the_parameter(api, catalogue, query, field):
    data = api.get_json(f"/api/v1/courses/?{query}", status=400)
    assert data["code"] == "invalid"
    assert field in data["errors"] and data["errors"][field]


def test_page_past_the_end_is_json_404(api, catalogue):
    data = api.get_json("/api/v1/courses/?page=5", status=404)
    assert "5" in data["detail"]


@pytest.mark.parametrize(
    "ordering,expected",
    [
        ("title", ["Audiences abroad", "Sound of the Baltic", "Working across borders"]),
        ("-title", ["Working across borders", "Sound of the Baltic", "Audiences abroad"]),
        (
            "estimated_duration",
            ["Sound of the Baltic", "Audiences abroad", "Working across borders"],
        ),
        (
            "-estimated_duration",
            ["Working across borders", "Audiences abroad", "Sound of the Baltic"],
        ),
    ],
)
def test_ordering(api, catalogue, ordering, expected):
    assert titles(api.get_json(f"/api/v1/courses/?ordering={ordering}")) == expected


def test_ordering_by_last_published(api, catalogue):
    now = timezone.now()
    for offset, key in enumerate(["sound", "audiences", "borders"]):
        CoursePage.objects.filter(pk=catalogue[key].pk).update(
            last_published_at=now - datetime.timedelta(days=offset)
        )
    assert titles(api.get_json("/api/v1/courses/?ordering=-last_published_at")) == [
        "Sound of the Baltic",
        "Audiences abroad",
        "Working across borders",
    ]


def test_page_size_and_links(api, catalogue):
    data = api.get_json("/api/v1/courses/?page_size=2")
    assert len(data["results"]) == 2 and data["count"] == 3
    assert "page=2" in data["next"] and "page_size=2" in data["next"]
    last = api.get_json("/api/v1/courses/?page_size=2&page=2")
    assert len(last["results"]) == 1 and last["next"] is None


def test_search_uses_the_search_backend(api, catalogue):
    data = api.get_json("/api/v1/courses/?search=baltic")
    assert titles(data) == ["Sound of the Baltic"]
    assert api.get_json("/api/v1/courses/?search=zzzqqq")["count"] == 0


def test_search_in_a_locale_serves_that_locale(api, catalogue):
    polish = translate(catalogue["sound"], "pl", title="Dźwięk Bałtyku")
    data = api.get_json("/api/v1/courses/?locale=pl&search=Bałtyku")
    assert [item["id"] for item in data["results"]] == [polish.pk]


def test_search_combines_with_filters(api, catalogue):
    assert api.get_json("/api/v1/courses/?search=baltic&level=beginner")["count"] == 0


def test_case_study_filters(api, case_study_index, directory):
    studio = factories.CaseStudyPageFactory(
        parent=case_study_index, locale=case_study_index.locale, title="Studio"
    )
    studio.partners.set([directory["goethe"]])
    studio.countries.set([directory["DE"]])
    studio.subsectors.set([directory["music"]])
    studio.save()
    factories.CaseStudyPageFactory(
        parent=case_study_index, locale=case_study_index.locale, title="Festival"
    )
    for query in ["partner=goethe-institut", "country=de", "subsector=music", "search=studio"]:
        assert titles(api.get_json(f"/api/v1/case-studies/?{query}")) == ["Studio"], query
    assert titles(api.get_json("/api/v1/case-studies/?ordering=-title")) == ["Studio", "Festival"]
    api.get_json("/api/v1/case-studies/?level=beginner", status=400)


def test_partner_filters(api, directory):
    factories.PartnerFactory(slug="klaipeda-hub", name="Klaipeda Hub", country=directory["PL"])
    assert [p["slug"] for p in api.get_json("/api/v1/partners/?country=DE")["results"]] == [
        "goethe-institut"
    ]
    assert [p["slug"] for p in api.get_json("/api/v1/partners/?subsector=design")["results"]] == [
        "goethe-institut"
    ]
    assert [p["slug"] for p in api.get_json("/api/v1/partners/?kind=cultural")["results"]] == [
        "goethe-institut"
    ]
    assert [p["slug"] for p in api.get_json("/api/v1/partners/?search=klaipeda")["results"]] == [
        "klaipeda-hub"
    ]
    assert [p["slug"] for p in api.get_json("/api/v1/partners/?ordering=-name")["results"]] == [
        "klaipeda-hub",
        "goethe-institut",
    ]
    api.get_json("/api/v1/partners/?kind=pirate", status=400)


def test_an_empty_ordering_list_orders_as_usual(api, catalogue):
    """``?ordering=,`` names no field: the default order, not a server error."""
    default = api.get_json("/api/v1/courses/")["results"]
    assert api.get_json("/api/v1/courses/?ordering=,")["results"] == default
