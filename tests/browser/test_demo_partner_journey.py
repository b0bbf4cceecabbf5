"""The demo's match-making, end to end, on a database loaded as `make run` loads it
(load_demo_content, then load_network_demo, with DEBUG on):

a confirmed learner finds Media Dizajn by a shared subsector and writes to it; the request
goes to the sample contact's outbox address; the demo partner editor (partner-editor /
harbour-partner) logs in to the admin, sees that request only, answers; the learner sees the
answer and the address it came from."""

import io
import time

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from network import demo
from network.models import ContactRequest
from tests import factories
from tests.conftest import tree_roots

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-harbour-pass"


@pytest.fixture
def demo_site(settings, locales):
    """The demo as `make run` loads it; DEBUG only while loading, as the commands read it.
    Wagtail's root page comes back first: an earlier transactional test's flush removed it."""
    started = time.monotonic()
    tree_roots(locales)
    settings.DEBUG = True
    call_command("load_demo_content", stdout=io.StringIO())
    call_command("load_network_demo", stdout=io.StringIO())
    settings.DEBUG = False
    print(f"demo loaded in {time.monotonic() - started:.1f}s")


def submit(page, selector="main form button[type=submit]"):
    with page.expect_navigation():
        page.locator(selector).first.click()


def test_a_learner_writes_to_the_demo_partner_and_its_editor_answers(
    page, demo_site, screenshot, axe_check
):
    learner = factories.verified_user(username="ada", email="ada@example.org")
    learner.set_password(PASSWORD)
    learner.save()
    other = factories.verified_user(username="bo", email="bo@example.org")
    goethe = ContactRequest.objects.create(
        user=other,
        partner=factories.PartnerFactory._meta.model.objects.get(
            slug="goethe-institut", locale__language_code="en"
        ),
        message="For the Goethe-Institut only",
    )

    page.goto("/en/accounts/login/")
    page.fill("#id_username", "ada")
    page.fill("#id_password", PASSWORD)
    submit(page)
    page.goto("/en/match/")
    page.locator("#id_subsectors").get_by_label("Design", exact=True).check()
    page.select_option("#id_country", "DE")
    submit(page, "section[aria-labelledby=profile-heading] button[type=submit]")
    suggestion = page.locator(".suggestions li.panel").first
    assert "Media Dizajn" in suggestion.inner_text()
    suggestion.locator("summary").click()
    suggestion.locator("textarea").fill("Could we visit your studio with a small group?")
    screenshot(page, "demo-partner-learner-writes")
    with page.expect_navigation():
        suggestion.locator("button[type=submit]").click()
    request = ContactRequest.objects.get(user=learner)
    assert request.partner.slug == "media-dizajn"
    assert mail.outbox[-1].to == [demo.SAMPLE_CONTACT_EMAIL]
    assert mail.outbox[-1].reply_to == ["ada@example.org"]
    assert demo.SAMPLE_CONTACT_EMAIL not in page.content()
    screenshot(page, "demo-partner-learner-sent")

    page.context.clear_cookies()
    page.goto("/admin/login/")
    username, password, _email = demo.PARTNER_EDITOR
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    submit(page, "form button[type=submit]")
    page.goto(reverse("wagtailsnippets_network_contactrequest:list"))
    answer = reverse("network_contact_answer", args=[request.pk])
    assert page.locator(f"a[href='{answer}']").count() == 1
    assert (
        page.locator(f"a[href='{reverse('network_contact_answer', args=[goethe.pk])}']").count()
        == 0
    )
    assert "Goethe-Institut" not in page.locator("main table").inner_text()
    screenshot(page, "demo-partner-editor-requests")
    with page.expect_navigation():
        page.locator(f"a[href='{answer}']").click()
    assert "Could we visit your studio" in page.locator("main").inner_text()
    page.fill("#id_reply", "Yes, gladly: write to us with the dates.")
    screenshot(page, "demo-partner-editor-answer")
    submit(page, "main form button[type=submit]")
    request.refresh_from_db()
    assert request.answered_at is not None and request.answered_by.username == username
    reply = mail.outbox[-1]
    assert reply.to == ["ada@example.org"] and reply.reply_to == [demo.SAMPLE_CONTACT_EMAIL]

    page.context.clear_cookies()
    page.goto("/en/accounts/login/")
    page.fill("#id_username", "ada")
    page.fill("#id_password", PASSWORD)
    submit(page)
    page.goto("/en/match/")
    answered = page.locator(".contact-requests li", has_text="Media Dizajn")
    assert "Yes, gladly" in answered.inner_text()
    assert demo.SAMPLE_CONTACT_EMAIL in answered.inner_text()
    screenshot(page, "demo-partner-learner-sees-answer")
    axe_check(page, "match-making page with the demo partner's answer")
