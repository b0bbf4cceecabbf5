"""The CCI network's listings cost a fixed number of queries, however many partners, requests
or periods they show: match-making suggestions (API and page), the learner's contact
requests, the competency map page, the focus page and the partner map. The competency map's
API and the focus countries' list have theirs beside their other tests (test_competencies.py,
test_focus.py)."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework.authtoken.models import Token

from network.models import (
    Competency,
    ContactRequest,
    FocusPeriod,
    MatchProfile,
    PartnerCompetencies,
)
from tests import factories
from tests.api.conftest import translate_snippet

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def uncached(settings):
    # What is measured is the work of a response, not a copy kept by a response cache.
    settings.HARBOUR_API_CACHE = False


def queries(get):
    """The queries of ``get()`` once warm (Wagtail's site and locale caches filled)."""
    get()
    with CaptureQueriesContext(connection) as captured:
        response = get()
    assert response.status_code == 200, response.content[:500]
    return len(captured)


@pytest.fixture
def vocabulary(locales):
    made = {
        slug: Competency.objects.create(slug=slug, name=name, locale=factories.locale())
        for slug, name in (("market-entry", "Market entry"), ("mentoring", "Mentoring"))
    }
    translate_snippet(made["mentoring"], "pl", name="Mentoring (pl)")
    return made


@pytest.fixture
def add_partners(directory, vocabulary):
    """``add(count)``: partners that complement the learner below, with their competencies,
    subsectors and coordinates, in Germany and Poland by turns."""
    made = []

    def add(count):
        for _number in range(count):
            number = len(made)
            partner = factories.PartnerFactory(
                name=f"Partner {number:02d}",
                slug=f"partner-{number:02d}",
                country=directory["DE" if number % 2 else "PL"],
                city=f"Town {number % 4}",
                latitude=Decimal("54.1") + Decimal(number % 4),
                longitude=Decimal("14.5") + Decimal(number % 4),
            )
            partner.subsectors.set([directory["design"], directory["music"]])
            partner.save()
            record = PartnerCompetencies.objects.create(partner=partner)
            record.offers.set([vocabulary["market-entry"], vocabulary["mentoring"]])
            record.seeks.set([vocabulary["mentoring"]])
            record.save()
            made.append(partner)
        return made

    return add


@pytest.fixture
def learner(directory, vocabulary):
    user = factories.UserFactory()
    profile = MatchProfile.objects.create(user=user, country=directory["PL"])
    profile.offers.set([vocabulary["mentoring"]])
    profile.seeks.set([vocabulary["market-entry"]])
    profile.subsectors.set([directory["design"]])
    return user


def write_requests(user, partners, editor):
    """A contact request of ``user`` to each partner, every other one answered by ``editor``."""
    for number, partner in enumerate(partners):
        answered = {}
        if number % 2:
            answered = {
                "answered_at": timezone.now(),
                "answered_by": editor,
                "answered_by_name": "Editor",
                "reply_from": "editor@partner.example",
                "reply": "Yes, gladly.",
            }
        ContactRequest.objects.create(
            user=user, partner=partner, message="Shall we meet?", **answered
        )


@pytest.mark.parametrize("locale", ["en", "pl"])
def test_match_suggestions_cost_the_same_for_3_or_30_partners(
    client, learner, add_partners, django_assert_num_queries, locale
):
    token = Token.objects.create(user=learner).key

    def get():
        return client.get(
            f"/api/v1/match/suggestions/?locale={locale}", HTTP_AUTHORIZATION=f"Token {token}"
        )

    add_partners(2)  # and the directory's Goethe-Institut, which offers nothing yet
    PartnerCompetencies.objects.create(partner=factories.PartnerFactory(name="Third"))
    three = queries(get)
    assert len(get().json()["results"]) == 2
    add_partners(27)
    get()
    with django_assert_num_queries(three):
        data = get().json()
    assert len(data["results"]) == 20  # the first 20 of 29
    if locale == "pl":
        assert "Mentoring (pl)" in data["results"][0]["reasons"][1]
    print(f"match suggestions ({locale}): {three} queries for 3 and for 30 partners")


def test_the_match_page_costs_the_same_for_3_or_30_partners(
    client, learner, add_partners, django_assert_num_queries
):
    client.force_login(learner)
    editor = factories.UserFactory()
    write_requests(learner, add_partners(3), editor)
    three = queries(lambda: client.get("/en/match/"))
    write_requests(learner, add_partners(27)[3:], editor)
    client.get("/en/match/")
    with django_assert_num_queries(three):
        page = client.get("/en/match/")
    html = page.content.decode()
    assert html.count("Yes, gladly.") == 14  # every other one answered: 1 of 3, then 13 of 27
    assert html.count("Partner ") >= 20
    print(f"match page: {three} queries for 3 and for 30 partners")


def test_the_contact_requests_cost_the_same_for_2_or_12(
    client, learner, add_partners, directory, django_assert_num_queries
):
    token = Token.objects.create(user=learner).key
    partners = add_partners(12)

    def get():
        return client.get("/api/v1/contact-requests/", HTTP_AUTHORIZATION=f"Token {token}")

    editor = factories.UserFactory()

    def write(count, start):
        write_requests(learner, partners[start : start + count], editor)

    write(2, 0)
    two = queries(get)
    assert get().json()["count"] == 2
    write(10, 2)
    get()
    with django_assert_num_queries(two):
        data = get().json()
    assert data["count"] == 12
    assert {item["partner_name"] for item in data["results"]} >= {"Partner 00", "Partner 11"}
    assert sorted(item["status"] for item in data["results"]) == ["answered"] * 6 + ["sent"] * 6
    print(f"contact requests: {two} queries for 2 and for 12")


def test_the_competency_map_page_costs_the_same_for_2_or_12_partners(
    client, add_partners, django_assert_num_queries
):
    add_partners(2)
    two = queries(lambda: client.get("/pl/competencies/"))
    add_partners(10)
    client.get("/pl/competencies/")
    with django_assert_num_queries(two):
        page = client.get("/pl/competencies/")
    assert "Mentoring (pl)" in page.content.decode()
    print(f"competency map page: {two} queries for 2 and for 12 partners")


def test_the_focus_page_costs_the_same_for_3_or_12_periods(
    client, home, directory, django_assert_num_queries
):
    countries = [directory["PL"], directory["DE"]] + [
        factories.CountryFactory(code=code, name=code) for code in ("EE", "DK", "LT", "LV")
    ]
    today = timezone.localdate()

    def add(count, start):
        for number in range(start, start + count):
            period = FocusPeriod(
                country=countries[number % len(countries)],
                starts_on=today + datetime.timedelta(days=30 * number - 45),
                ends_on=today + datetime.timedelta(days=30 * number - 16),
                headline=f"Focus {number}",
                locale=factories.locale(),
            )
            period.full_clean()
            period.save()
            period.partners.set([directory["goethe"]])

    add(3, 0)
    three = queries(lambda: client.get("/de/focus/"))
    add(9, 3)
    client.get("/de/focus/")
    with django_assert_num_queries(three):
        page = client.get("/de/focus/")
    assert "Focus 11" in page.content.decode()
    print(f"focus page: {three} queries for 3 and for 12 periods")


@pytest.mark.parametrize("language", ["en", "da"])
def test_the_partner_map_costs_the_same_for_3_or_30_partners(
    client, add_partners, django_assert_num_queries, language
):
    url = f"/{language}/partners/"
    add_partners(2)  # with the directory's Goethe-Institut, which has no coordinates
    three = queries(lambda: client.get(url))
    add_partners(27)
    client.get(url)
    with django_assert_num_queries(three):
        page = client.get(url)
    assert page.content.decode().count('class="marker') == 4  # four towns
    print(f"partner map ({language}): {three} queries for 3 and for 30 partners")


def test_a_partner_page_costs_the_same_whatever_the_directory_holds(
    client, add_partners, django_assert_num_queries
):
    add_partners(3)
    url = "/en/partners/partner-01/"
    three = queries(lambda: client.get(url))
    add_partners(27)
    with django_assert_num_queries(three):
        client.get(url)
