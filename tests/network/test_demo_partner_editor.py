"""The network demo's partner editor: with DEBUG on, load_network_demo makes a log-in for Media
Dizajn's editors and a sample contact person for it, once; an editor's changes survive a
second load. The editor logs in to the admin and sees their organisation's requests only."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse

from courses.models import Partner
from network import demo
from network.models import ContactRequest, EventPage, PartnerCompetencies, PartnerEditors
from tests import factories

pytestmark = pytest.mark.django_db


def load(settings, debug=True):
    settings.DEBUG = debug
    call_command("load_demo_content", verbosity=0)
    call_command("load_network_demo")


def counts():
    return {
        "users": get_user_model().objects.count(),
        "groups": Group.objects.count(),
        "partner_editors": PartnerEditors.objects.count(),
        "competencies": PartnerCompetencies.objects.count(),
        "group_permissions": Group.objects.get(name=demo.PARTNER_EDITORS_GROUP).permissions.count(),
    }


def test_the_demo_makes_the_partner_editor_and_a_sample_contact_once(settings, capsys):
    load(settings)
    first = counts()
    load(settings)
    assert counts() == first
    output = capsys.readouterr().out
    assert "'partner-editor' (Media Dizajn, password 'harbour-partner'" in output
    assert "'partner-editor' (Media Dizajn, exists; its contact left as it is)" in output

    editor = get_user_model().objects.get(username="partner-editor")
    assert editor.check_password("harbour-partner")
    assert not editor.is_superuser and not editor.is_staff
    (link,) = PartnerEditors.objects.all()
    assert link.partner.slug == "media-dizajn" and link.partner.locale.language_code == "en"
    assert list(editor.groups.all()) == [link.group]
    (record,) = PartnerCompetencies.objects.all()
    assert record.partner == link.partner
    assert record.contact_role == "Sample contact (demo)"
    assert record.contact_email.endswith("@harbour.example") and not record.email_is_public
    # The facts say nothing of what Media Dizajn offers or seeks: the demo declares none.
    assert not record.offers.exists() and not record.seeks.exists()


def test_an_editor_s_changes_survive_loading_again(settings):
    load(settings)
    record = PartnerCompetencies.objects.get()
    record.contact_role = "Project office"
    record.contact_email = "office@media-dizajn.example"
    record.save()
    editor = get_user_model().objects.get(username="partner-editor")
    editor.set_password("changed-by-the-editor")
    editor.save()

    call_command("load_network_demo")

    record.refresh_from_db()
    assert (record.contact_role, record.contact_email) == (
        "Project office",
        "office@media-dizajn.example",
    )
    editor.refresh_from_db()
    assert editor.check_password("changed-by-the-editor")


def test_without_debug_there_is_no_partner_editor_and_no_contact(settings, capsys):
    load(settings, debug=False)
    assert "not made: DEBUG is off" in capsys.readouterr().out
    assert not get_user_model().objects.filter(username="partner-editor").exists()
    assert not PartnerEditors.objects.exists() and not PartnerCompetencies.objects.exists()


def test_the_partner_editor_logs_in_and_sees_only_their_organisation_s_requests(settings, client):
    load(settings)
    media = Partner.objects.get(slug="media-dizajn", locale__language_code="en")
    goethe = Partner.objects.get(slug="goethe-institut", locale__language_code="en")
    learner = factories.verified_user(username="ada", email="ada@example.org")
    ours = ContactRequest.objects.create(user=learner, partner=media, message="To Media Dizajn")
    theirs = ContactRequest.objects.create(user=learner, partner=goethe, message="To Goethe")

    response = client.post(
        reverse("wagtailadmin_login"),
        {"username": "partner-editor", "password": "harbour-partner"},
    )
    assert response.status_code == 302
    assert client.get(reverse("wagtailadmin_home")).status_code == 200

    listing = client.get(reverse("wagtailsnippets_network_contactrequest:list"))
    assert listing.status_code == 200
    html = listing.content.decode()
    assert reverse("network_contact_answer", args=[ours.pk]) in html
    assert reverse("network_contact_answer", args=[theirs.pk]) not in html
    assert client.get(reverse("network_contact_answer", args=[ours.pk])).status_code == 200
    assert client.get(reverse("network_contact_answer", args=[theirs.pk])).status_code in (
        302,
        403,
        404,
    )

    # Events: the partner's own sample webinar opens for editing; an event of no partner of
    # theirs (the network meeting, hosted by nobody) does not.
    webinar = EventPage.objects.get(
        slug="sample-webinar-tools-of-internationalisation", locale=media.locale
    )
    meeting = EventPage.objects.get(
        slug="cci-contact-desk-network-meeting-2024", locale=media.locale
    )
    assert client.get(reverse("wagtailadmin_pages:edit", args=[webinar.pk])).status_code == 200
    assert client.get(reverse("wagtailadmin_pages:edit", args=[meeting.pk])).status_code == 302
    index = webinar.get_parent()
    add = reverse("wagtailadmin_pages:add", args=["network", "eventpage", index.pk])
    assert client.get(add).status_code == 200
