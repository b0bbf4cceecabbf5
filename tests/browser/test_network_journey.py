"""A member of the CCI network in Polish, in a real browser: sees the focus country and the
coming events on the home page, finds a webinar on the calendar with its filters, opens it, adds it to a calendar
(downloads the .ics, parsed back here), reads the series with its rotating hosts and the
focus country's page, and the competency map down to the filtered directory; at
360 px without sideways scrolling, with axe-core on each new page type and screenshots in
tests/browser/screenshots/."""

import datetime

import icalendar
import pytest
from django.utils import timezone

from network.models import Competency, FocusPeriod, PartnerCompetencies
from tests import factories
from tests.api.conftest import translate, translate_snippet
from tests.network.conftest import days_from_now

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def calendar(home):
    index = factories.EventIndexPageFactory(parent=home, locale=home.locale)
    poland = factories.CountryFactory(code="PL", name="Poland")
    media_dizajn = factories.PartnerFactory(
        name="Media Dizajn", slug="media-dizajn", city="Szczecin", country=poland
    )
    creative_estonia = factories.PartnerFactory(name="Creative Estonia", slug="creative-estonia")
    series = factories.EventSeriesFactory(
        name="CCI Contact Desk network meetings", slug="contact-desk-meetings"
    )

    def event(**fields):
        hosts = fields.pop("hosts", [])
        page = factories.EventPageFactory(parent=index, locale=home.locale, **fields)
        page.hosts.set(hosts)
        page.save_revision().publish()
        return page

    webinar = event(
        title="Sample webinar: tools of internationalisation",
        kind="webinar",
        online=True,
        online_url="https://harbour.example/webinar",
        sample=True,
        hosts=[media_dizajn],
        starts_at=days_from_now(20),
        ends_at=days_from_now(20, hour=12),
    )
    event(title="Workshop in Szczecin", kind="workshop", hosts=[media_dizajn])
    event(
        title="Network meeting 2024",
        kind="network_meeting",
        series=series,
        hosts=[creative_estonia],
        starts_at=days_from_now(-300),
        ends_at=days_from_now(-299),
    )
    event(
        title="Next network meeting",
        kind="network_meeting",
        series=series,
        hosts=[media_dizajn],
        starts_at=days_from_now(60),
        ends_at=days_from_now(61),
    )
    translate(webinar, "pl", title="Przykładowe webinarium: narzędzia umiędzynarodowienia")
    translate_snippet(poland, "pl", name="Polska")
    today = timezone.localdate()
    focus = FocusPeriod.objects.create(
        locale=home.locale,
        country=poland,
        starts_on=today - datetime.timedelta(days=5),
        ends_on=today + datetime.timedelta(days=85),
        headline="Poland: partners from Szczecin to Elbląg",
        innovation_group="moderate",
    )
    focus.partners.set([media_dizajn])
    focus.save()
    translate_snippet(focus, "pl", headline="Polska: partnerzy od Szczecina po Elbląg")
    design = factories.SubsectorFactory(slug="design", name="Design")
    media_dizajn.subsectors.set([design])
    media_dizajn.save()
    mentoring = Competency.objects.create(slug="mentoring", name="Mentoring", locale=home.locale)
    market = Competency.objects.create(slug="market-entry", name="Market entry", locale=home.locale)
    declared = PartnerCompetencies.objects.create(
        partner=media_dizajn, contact_email="private@media-dizajn.example"
    )
    declared.offers.set([mentoring])
    declared.seeks.set([market])
    declared.save()
    return webinar


def no_sideways_scroll(page):
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_a_polish_member_finds_an_event_adds_it_to_a_calendar_and_reads_the_series(
    page, calendar, screenshot, axe_check
):
    page.set_viewport_size({"width": 360, "height": 800})
    page.goto("/pl/")
    focus = page.locator("section[aria-labelledby=focus-heading]").inner_text()
    assert "Polska" in focus and "partnerzy od Szczecina po Elbląg" in focus
    teaser = page.locator("section[aria-labelledby=events-heading]")
    assert "Przykładowe webinarium" in teaser.inner_text()
    assert no_sideways_scroll(page)
    screenshot(page, "network-01-home-pl")

    page.locator(".site-menu > summary").click()  # at 360 px the links are in the menu
    with page.expect_navigation():  # the new page's document, not the old one's
        page.locator(".site-nav a[href='/pl/events/']").click()
    assert page.url.endswith("/pl/events/")
    assert no_sideways_scroll(page)
    axe_check(page, "calendar page")
    screenshot(page, "network-02-calendar-pl")

    page.locator(".filters-toggle > summary").click()  # folded at 360 px
    page.select_option("select[name=kind]", "webinar")
    with page.expect_navigation():
        page.locator("form.filters button[type=submit]").click()
    cards = page.locator("section[aria-labelledby=upcoming-heading] .event-card")
    assert cards.count() == 1
    assert "Przykładowe webinarium" in cards.first.inner_text()
    feed = page.locator(".feed-link a").get_attribute("href")
    assert feed == "/pl/calendar.ics?kind=webinar"
    screenshot(page, "network-03-calendar-webinars-pl")

    with page.expect_navigation():
        cards.first.locator("a").first.click()
    assert page.locator("h1").inner_text().startswith("Przykładowe webinarium")
    assert page.locator("p.notice", has_text="Przykładowe wydarzenie").count() == 1
    assert no_sideways_scroll(page)
    axe_check(page, "event page")
    screenshot(page, "network-04-event-pl")

    with page.expect_download() as download_info:
        page.locator(".event-aside a[href^='/pl/calendar/'][href$='.ics']").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".ics")
    ics = icalendar.Calendar.from_ical(open(download.path(), "rb").read())
    (entry,) = ics.walk("VEVENT")
    assert str(entry["SUMMARY"]).startswith("[Przykład] Przykładowe webinarium")
    assert str(entry["UID"]) == f"event-{calendar.translation_key}@harbour"
    assert entry.start.utcoffset() in {datetime.timedelta(hours=1), datetime.timedelta(hours=2)}

    page.goto("/pl/events/series/contact-desk-meetings/")
    next_edition = page.locator("section[aria-labelledby=next-heading]").inner_text()
    assert "Next network meeting" in next_edition and "Media Dizajn" in next_edition
    assert "Creative Estonia" in page.locator("table").inner_text()
    assert no_sideways_scroll(page)
    axe_check(page, "series page")
    screenshot(page, "network-05-series-pl")

    page.goto("/pl/")
    with page.expect_navigation():
        page.locator("a[href='/pl/focus/']").click()
    now = page.locator("section[aria-labelledby=current-focus-heading]").inner_text()
    assert "Polska" in now and "Media Dizajn" in now
    assert no_sideways_scroll(page)
    axe_check(page, "focus page")
    screenshot(page, "network-06-focus-pl")

    page.goto("/pl/")
    with page.expect_navigation():
        page.locator("a[href='/pl/competencies/']").click()
    assert page.locator("svg.heat-map").count() == 2
    with page.expect_navigation():
        page.locator("a[href='/pl/partners/?subsector=design&country=PL']").click()
    assert "Media Dizajn" in page.locator("main").inner_text()
    page.go_back()
    assert no_sideways_scroll(page)
    assert "private@media-dizajn.example" not in page.content()
    axe_check(page, "competency map")
    screenshot(page, "network-07-competencies-pl")
