"""A partner's editor fills the calendar, in a real browser: the demo partner editor of Media
Dizajn (a member of its PartnerEditors group, made as `load_network_demo` makes it) logs in
to the admin, adds an online webinar under Events, sees only Media Dizajn offered as host (a
forged choice of another partner is refused), and submits it to the English review; a
reviewer approves and publishes it; the event is then on the calendar page (whose month
filter is styled like the others), on its own page in its timezone, in the calendar's .ics
feed (parsed back with icalendar: UID, DTSTART in the event's timezone, SUMMARY) and in
GET /api/v1/events/."""

import datetime
import re
import zoneinfo

import icalendar
import pytest
from wagtail.models import WorkflowState

from courses.review import ensure_locale_review
from network import demo
from network.models import EventPage
from tests import factories
from tests.browser.conftest import is_csp_violation
from tests.browser.test_locale_review import PASSWORD, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "Webinar: selling design abroad"
ZONE = "Europe/Vilnius"


@pytest.fixture
def calendar_site(home):
    index = factories.EventIndexPageFactory(parent=home, locale=home.locale)
    poland = factories.CountryFactory(code="PL", name="Poland")
    media_dizajn = factories.PartnerFactory(
        name="Media Dizajn", slug=demo.PARTNER_EDITED, country=poland
    )
    goethe = factories.PartnerFactory(name="Goethe-Institut", slug="goethe-institut")
    demo.load_partner_editor(index, report=lambda line: None)
    review = ensure_locale_review(home)
    reviewer = factories.UserFactory(username="reviewer-en")
    reviewer.set_password(PASSWORD)
    reviewer.save()
    reviewer.groups.add(review.group)
    return {"index": index, "media_dizajn": media_dizajn, "goethe": goethe}


def fill_event(page, day):
    page.locator("#id_title").fill(TITLE)
    page.locator("#id_summary").fill("How partners find buyers for design outside Poland.")
    page.select_option("#id_kind", "webinar")
    page.locator("#id_starts_at").fill(f"{day:%Y-%m-%d} 10:00")
    page.locator("#id_ends_at").fill(f"{day:%Y-%m-%d} 11:30")
    page.keyboard.press("Escape")
    page.select_option("#id_timezone", ZONE)
    page.locator("#id_online").check()
    page.locator("#id_online_url").fill("https://harbour.example/webinar/design-abroad")


def submit_to_review(page):
    page.locator("footer .w-dropdown__toggle").click()
    page.get_by_role("button", name="Submit to English review").click()


def test_a_partner_editor_adds_an_event_and_after_review_it_is_in_the_feeds(
    page, browser, live_server, calendar_site, screenshot, axe_check
):
    index, media_dizajn, goethe = (
        calendar_site["index"],
        calendar_site["media_dizajn"],
        calendar_site["goethe"],
    )
    day = datetime.date.today() + datetime.timedelta(days=40)
    username, password, _email = demo.PARTNER_EDITOR

    # The partner editor opens the add form under Events: the host list is their own only.
    page.goto("/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/admin/$"))
    page.goto(f"/admin/pages/add/network/eventpage/{index.pk}/")
    hosts = page.locator("[data-field-input] input[name=hosts]")
    assert hosts.count() == 1
    assert hosts.first.get_attribute("value") == str(media_dizajn.pk)
    host_field = page.locator("[data-contentpath=hosts]")
    assert "Media Dizajn" in host_field.inner_text()
    assert "Goethe-Institut" not in host_field.inner_text()
    assert "You add events for your own organisation." in host_field.inner_text()
    fill_event(page, day)
    host_field.scroll_into_view_if_needed()
    screenshot(page, "partner-event-01-add-form", full_page=False)

    # A forged host (another partner's id in the checkbox) is refused by the form.
    hosts.first.evaluate("(box, pk) => { box.value = pk; box.checked = true; }", str(goethe.pk))
    submit_to_review(page)
    refusal = page.locator("[data-contentpath=hosts]").get_by_text("Select a valid choice")
    refusal.wait_for()
    refusal.scroll_into_view_if_needed()
    assert not EventPage.objects.filter(title=TITLE).exists()
    screenshot(page, "partner-event-02-other-host-refused", full_page=False)

    # With their own organisation as host it goes to the review.
    hosts = page.locator("[data-field-input] input[name=hosts]")
    assert hosts.count() == 1 and hosts.first.get_attribute("value") == str(media_dizajn.pk)
    hosts.first.check()
    submit_to_review(page)
    page.locator(".messages").get_by_text("submitted").wait_for()
    event = EventPage.objects.get(title=TITLE)
    assert not event.live
    state = WorkflowState.objects.get(base_content_type__model="page", object_id=str(event.pk))
    assert state.workflow.name == "English review"
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    screenshot(page, "partner-event-03-submitted", full_page=False)
    page.context.clear_cookies()

    # A reviewer approves and publishes it from the edit form.
    reviewer = sign_in(browser, live_server, "reviewer-en")
    blocked = []
    reviewer.on("console", lambda message: is_csp_violation(message) and blocked.append(message))
    assert TITLE in reviewer.locator("main").inner_text()
    screenshot(reviewer, "partner-event-04-awaiting-review", full_page=False)
    reviewer.goto(f"/admin/pages/{event.pk}/edit/")
    reviewer.locator("footer .w-dropdown__toggle").click()
    reviewer.get_by_role("button", name="Approve and Publish", exact=True).click()
    reviewer.wait_for_url(re.compile(r"/admin/pages/\d+/$"))
    reviewer.locator(".messages").get_by_text("has been updated").wait_for()
    screenshot(reviewer, "partner-event-05-published", full_page=False)
    event = EventPage.objects.get(pk=event.pk)
    state.refresh_from_db()
    assert event.live and state.status == WorkflowState.STATUS_APPROVED
    assert list(event.hosts.all()) == [media_dizajn]
    zone = zoneinfo.ZoneInfo(ZONE)
    assert event.starts_at == datetime.datetime.combine(day, datetime.time(10), zone)
    assert event.ends_at == datetime.datetime.combine(day, datetime.time(11, 30), zone)

    # The event is on the calendar page, in its .ics feed and in the API.
    reviewer.goto(index.url)
    listed = reviewer.locator("main li, main article", has_text=TITLE).first
    assert f"{day:%b}" in listed.inner_text() and "Webinar" in listed.inner_text()
    assert "Online" in listed.inner_text()
    # The month filter is styled like the other filters (not the browser's bare input).
    month = reviewer.locator("main input[name=month]").bounding_box()
    search = reviewer.locator("main input[name=search]").bounding_box()
    assert abs(month["height"] - search["height"]) <= 4
    assert abs(month["width"] - search["width"]) <= 2
    screenshot(reviewer, "partner-event-06-on-the-calendar")
    with reviewer.expect_navigation():
        listed.get_by_role("link", name=TITLE).click()
    assert reviewer.locator("h1").inner_text() == TITLE
    screenshot(reviewer, "partner-event-07-event-page")
    details = reviewer.locator("main").inner_text()
    assert "Media Dizajn" in details and ZONE in details
    assert f"{day.year}, 10 a.m." in details and f"{day.year}, 11:30 a.m." in details
    axe_check(reviewer, "the published event's page")

    feed = reviewer.request.get("/en/calendar.ics")
    assert feed.ok and feed.headers["content-type"].startswith("text/calendar")
    entries = [
        entry
        for entry in icalendar.Calendar.from_ical(feed.body()).walk("VEVENT")
        if str(entry["SUMMARY"]) == TITLE
    ]
    assert len(entries) == 1
    entry = entries[0]
    assert str(entry["UID"]) == f"event-{event.translation_key}@harbour"
    start = entry["DTSTART"]
    assert start.params["TZID"] == ZONE
    assert start.dt == datetime.datetime.combine(day, datetime.time(10), zone)
    assert start.dt.utcoffset() == zone.utcoffset(start.dt.replace(tzinfo=None))

    listing = reviewer.request.get("/api/v1/events/?locale=en")
    assert listing.ok
    results = listing.json()["results"]
    ours = [item for item in results if item["title"] == TITLE]
    assert len(ours) == 1
    assert ours[0]["kind"] == "webinar"
    assert ours[0]["timezone"] == ZONE
    assert ours[0]["local_start"].startswith(f"{day:%Y-%m-%d}T10:00")
    assert [host["slug"] for host in ours[0]["hosts"]] == [demo.PARTNER_EDITED]
    reviewer.context.close()
    assert not blocked, "blocked by the CSP:\n" + "\n".join(message.text for message in blocked)
