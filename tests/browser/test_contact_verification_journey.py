"""Contact requests in a browser, under the CSP:

- a learner signs up in Swedish and finds, instead of a form to write to a suggested partner,
  a line leading to the notice with the button that sends a new link; opens the emailed link,
  confirms, and then writes;
- a partner's editor, in the Wagtail admin, edits their organisation's offers and seeks,
  sees only their organisation's contact requests, answers one; the learner then sees the
  answer and the address it came from.

axe-core runs on the learner's pages (match-making, the confirmation page)."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.urls import reverse

from network.models import Competency, ContactRequest, PartnerCompetencies, PartnerEditors
from tests import factories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-harbour-pass"
GOETHE_PRIVATE = "private-contact@goethe.example"
MEDIA_PRIVATE = "private-contact@media-dizajn.example"
LINK = re.compile(r"http://testserver(/sv/learn/email/confirm/[^/\s]+/)")


@pytest.fixture
def partners(home):
    locale = factories.locale()
    germany = factories.CountryFactory(code="DE", name="Germany")
    poland = factories.CountryFactory(code="PL", name="Poland")
    goethe = factories.PartnerFactory(
        name="Goethe-Institut", slug="goethe-institut", country=germany
    )
    media = factories.PartnerFactory(name="Media Dizajn", slug="media-dizajn", country=poland)
    entry = Competency.objects.create(slug="market-entry", name="Market entry", locale=locale)
    mentoring = Competency.objects.create(slug="mentoring", name="Mentoring", locale=locale)
    goethe_record = PartnerCompetencies.objects.create(partner=goethe, contact_email=GOETHE_PRIVATE)
    goethe_record.offers.set([entry])
    goethe_record.save()
    media_record = PartnerCompetencies.objects.create(partner=media, contact_email=MEDIA_PRIVATE)
    media_record.offers.set([mentoring])
    media_record.save()
    return {
        "goethe": goethe,
        "media": media,
        "goethe_record": goethe_record,
        "entry": entry,
        "mentoring": mentoring,
    }


def submit(page, selector="main form button[type=submit]"):
    with page.expect_navigation():
        page.locator(selector).first.click()


def test_a_learner_in_swedish_confirms_their_email_then_writes_to_a_partner(
    page, partners, screenshot, axe_check
):
    page.set_viewport_size({"width": 360, "height": 800})
    page.goto("/sv/accounts/signup/")
    page.fill("#id_username", "astrid")
    page.fill("#id_first_name", "Astrid")
    page.fill("#id_email", "astrid@example.se")
    page.fill("#id_password1", PASSWORD)
    page.fill("#id_password2", PASSWORD)
    page.select_option("#id_preferred_language", "sv")
    submit(page)
    (welcome,) = mail.outbox
    assert welcome.to == ["astrid@example.se"]

    page.goto("/sv/match/")
    page.get_by_label("Market entry").nth(1).check()
    page.select_option("#id_country", "PL")
    submit(page, "section[aria-labelledby=profile-heading] button[type=submit]")
    suggestion = page.locator(".suggestions li.panel").first
    assert "Goethe-Institut" in suggestion.inner_text()

    # Unverified: no form to write in, but a line that leads to the notice and its button,
    # which the page says once (no error message repeats it).
    assert suggestion.locator("form, summary, textarea").count() == 0
    suggestion.locator("a[href='#email-verification']").click()
    assert page.url.endswith("/sv/match/#email-verification")
    notice = page.locator("#email-verification")
    assert notice.is_visible()
    assert notice.evaluate("node => node.getBoundingClientRect().top") < 800
    assert page.locator(".email-state").count() == 1
    assert page.locator(".messages .error").count() == 0
    resend = notice.locator("button[type=submit]")
    assert resend.is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    screenshot(page, "contact-unverified-sv-360")
    axe_check(page, "match-making page, unverified")
    assert not ContactRequest.objects.exists()

    with page.expect_navigation():
        resend.click()
    assert len(mail.outbox) == 2
    assert page.url.endswith("/sv/match/")
    path = LINK.search(mail.outbox[-1].body).group(1)

    page.goto(path)
    screenshot(page, "email-verify-confirm-sv-360")
    axe_check(page, "email confirmation page")
    submit(page)
    assert page.locator("main [role=status]").is_visible()
    screenshot(page, "email-verify-done-sv-360")
    axe_check(page, "email confirmed page")

    page.goto("/sv/match/")
    assert page.locator(".email-state button").count() == 0
    suggestion = page.locator(".suggestions li.panel").first
    suggestion.locator("summary").click()
    suggestion.locator("textarea").fill("Vi vill gärna samarbeta om marknadsinträde.")
    with page.expect_navigation():
        suggestion.locator("button[type=submit]").click()
    assert ContactRequest.objects.filter(user__username="astrid").count() == 1
    assert mail.outbox[-1].to == [GOETHE_PRIVATE]
    assert GOETHE_PRIVATE not in page.content()
    screenshot(page, "contact-sent-verified-sv-360")


def partner_editor(partner):
    group = Group.objects.create(name="Goethe-Institut editors")
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"),
        *Permission.objects.filter(
            content_type__app_label="network",
            codename__in=["change_partnercompetencies", "view_contactrequest"],
        ),
    )
    PartnerEditors.objects.create(partner=partner, group=group)
    user = get_user_model().objects.create_user(
        "greta", "greta@goethe.example", PASSWORD, first_name="Greta", last_name="Lind"
    )
    user.groups.add(group)
    return user


def test_a_partner_editor_describes_their_organisation_and_answers_a_request(
    page, partners, screenshot, axe_check
):
    learner = factories.verified_user(username="ada", email="ada@example.org")
    learner.set_password(PASSWORD)
    learner.save()
    ours = ContactRequest.objects.create(
        user=learner, partner=partners["goethe"], message="May we visit in May?"
    )
    theirs = ContactRequest.objects.create(
        user=learner, partner=partners["media"], message="For Media Dizajn only"
    )
    partner_editor(partners["goethe"])

    page.goto("/admin/login/")
    page.fill("#id_username", "greta")
    page.fill("#id_password", PASSWORD)
    submit(page, "form button[type=submit]")

    page.goto(reverse("wagtailsnippets_network_partnercompetencies:list"))
    listing = page.locator("main").inner_text()
    assert "Goethe-Institut" in listing and "Media Dizajn" not in listing
    screenshot(page, "partner-editor-competencies-list")
    page.goto(
        reverse(
            "wagtailsnippets_network_partnercompetencies:edit", args=[partners["goethe_record"].pk]
        )
    )
    page.locator("#id_seeks input[type=checkbox]").nth(1).check()  # Mentoring
    screenshot(page, "partner-editor-competencies-edit")
    with page.expect_navigation():
        page.get_by_role("button", name="Save", exact=True).click()
    record = PartnerCompetencies.objects.get(pk=partners["goethe_record"].pk)
    assert [c.slug for c in record.seeks.all()] == ["mentoring"]

    page.goto(reverse("network_partner_suggestions", args=[record.pk]))
    assert "Media Dizajn" in page.locator("main").inner_text()
    screenshot(page, "partner-editor-suggestions")

    page.goto(reverse("wagtailsnippets_network_contactrequest:list"))
    answer_ours = reverse("network_contact_answer", args=[ours.pk])
    assert page.locator(f"a[href='{answer_ours}']").count() == 1
    assert (
        page.locator(f"a[href='{reverse('network_contact_answer', args=[theirs.pk])}']").count()
        == 0
    )
    screenshot(page, "partner-editor-contact-requests")
    with page.expect_navigation():
        page.locator(f"a[href='{answer_ours}']").click()
    assert "May we visit in May?" in page.locator("main").inner_text()
    page.fill("#id_reply", "Welcome in May: write to me to fix the dates.")
    submit(page, "main form button[type=submit]")
    screenshot(page, "partner-editor-answered")
    ours.refresh_from_db()
    assert ours.answered_at is not None
    reply = mail.outbox[-1]
    assert reply.to == ["ada@example.org"] and reply.reply_to == [GOETHE_PRIVATE]

    page.context.clear_cookies()
    page.goto("/en/accounts/login/")
    page.fill("#id_username", "ada")
    page.fill("#id_password", PASSWORD)
    submit(page)
    page.goto("/en/match/")
    answered = page.locator(".contact-requests li", has_text="Goethe-Institut")
    assert "Welcome in May" in answered.inner_text()
    assert GOETHE_PRIVATE in answered.inner_text()
    assert MEDIA_PRIVATE not in page.content()
    screenshot(page, "learner-sees-answer")
    axe_check(page, "match-making page with an answer")
