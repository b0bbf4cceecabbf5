"""A learner at 360 px, without JavaScript doing the work: says what they seek on the
match-making page, gets a suggested partner with its reasons, writes to it and sees the
email reach the partner's private contact in the outbox; axe-core on the page."""

import pytest
from django.core import mail

from network.models import Competency, PartnerCompetencies
from tests import factories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct-horse-battery"
PRIVATE = "private-contact@goethe.example"


def test_a_learner_finds_a_partner_and_writes_to_it(page, home, screenshot, axe_check):
    locale = factories.locale()
    germany = factories.CountryFactory(code="DE", name="Germany")
    factories.CountryFactory(code="PL", name="Poland")
    goethe = factories.PartnerFactory(
        name="Goethe-Institut", slug="goethe-institut", country=germany
    )
    entry = Competency.objects.create(slug="market-entry", name="Market entry", locale=locale)
    record = PartnerCompetencies.objects.create(partner=goethe, contact_email=PRIVATE)
    record.offers.set([entry])
    record.save()
    user = factories.verified_user(username="ada", email="ada@example.org")
    user.set_password(PASSWORD)
    user.save()

    page.set_viewport_size({"width": 360, "height": 800})
    page.goto("/en/accounts/login/")
    page.fill("#id_username", "ada")
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    page.goto("/en/match/")
    page.get_by_label("Market entry").nth(1).check()
    page.select_option("#id_country", "PL")
    page.get_by_role("button", name="Save and suggest").click()

    suggestion = page.locator(".suggestions li.panel").first
    assert "Goethe-Institut" in suggestion.inner_text()
    assert "offers Market entry in Germany" in suggestion.inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    axe_check(page, "match-making page")
    screenshot(page, "match-suggestions-360")

    suggestion.locator("summary").click()
    suggestion.get_by_label("Your message").fill("Shall we cooperate on market entry?")
    with page.expect_navigation():
        suggestion.get_by_role("button", name="Send").click()
    assert "Your message is on its way to Goethe-Institut" in page.content()
    assert PRIVATE not in page.content()
    screenshot(page, "match-contact-sent-360")
    assert [m.to for m in mail.outbox] == [[PRIVATE]]
