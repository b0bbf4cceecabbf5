"""A partner's editors in the admin: they edit their own organisation's competencies, see and
answer their own organisation's contact requests, and see its suggested partners; another
partner's records stay out of reach, by URL too. The answer reaches the requester by email
(the partner's contact as Reply-To), and only then does the requester see that address."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.urls import reverse
from rest_framework.authtoken.models import Token

from network.models import Competency, ContactRequest, PartnerCompetencies, PartnerEditors
from tests import factories

pytestmark = pytest.mark.django_db

GOETHE_PRIVATE = "private@goethe.example"
MEDIA_PRIVATE = "private@media-dizajn.example"


def editors_of(partner, username):
    group = Group.objects.create(name=f"{partner.name} editors")
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"),
        *Permission.objects.filter(
            content_type__app_label="network",
            codename__in=["add_partnercompetencies", "change_partnercompetencies"],
        ),
        Permission.objects.get(content_type__app_label="network", codename="view_contactrequest"),
    )
    PartnerEditors.objects.create(partner=partner, group=group)
    user = factories.UserFactory(username=username, first_name="Greta", last_name="Editor")
    user.groups.add(group)
    return user


@pytest.fixture
def network(directory):
    locale = directory["goethe"].locale
    entry = Competency.objects.create(slug="market-entry", name="Market entry", locale=locale)
    mentoring = Competency.objects.create(slug="mentoring", name="Mentoring", locale=locale)
    goethe = directory["goethe"]
    media = factories.PartnerFactory(
        name="Media Dizajn", slug="media-dizajn", country=directory["PL"]
    )
    goethe_record = PartnerCompetencies.objects.create(partner=goethe, contact_email=GOETHE_PRIVATE)
    goethe_record.offers.set([entry])
    goethe_record.seeks.set([mentoring])
    goethe_record.save()  # parental many-to-many fields are written on save
    media_record = PartnerCompetencies.objects.create(partner=media, contact_email=MEDIA_PRIVATE)
    media_record.offers.set([mentoring])
    media_record.save()
    learner = factories.verified_user(username="ada", email="ada@example.org")
    factories.ProfileFactory._meta.model.objects.filter(user=learner).update(
        preferred_language="pl"
    )
    return {
        "goethe": goethe,
        "media": media,
        "goethe_record": goethe_record,
        "media_record": media_record,
        "entry": entry,
        "mentoring": mentoring,
        "learner": learner,
        "to_goethe": ContactRequest.objects.create(
            user=learner, partner=goethe, message="To Goethe"
        ),
        "to_media": ContactRequest.objects.create(user=learner, partner=media, message="To MD"),
        "goethe_editor": editors_of(goethe, "goethe-editor"),
        "media_editor": editors_of(media, "md-editor"),
    }


def url(name, *args):
    return reverse(name, args=args)


def test_an_editor_lists_only_their_own_organisation_s_records(client, network):
    client.force_login(network["goethe_editor"])
    requests = client.get(url("wagtailsnippets_network_contactrequest:list")).content.decode()
    assert url("network_contact_answer", network["to_goethe"].pk) in requests
    assert url("network_contact_answer", network["to_media"].pk) not in requests
    records = client.get(url("wagtailsnippets_network_partnercompetencies:list")).content.decode()
    assert url("wagtailsnippets_network_partnercompetencies:edit", network["goethe_record"].pk) in (
        records
    )
    assert url(
        "wagtailsnippets_network_partnercompetencies:edit", network["media_record"].pk
    ) not in (records)


def test_superusers_see_every_organisation_s_requests(client, network):
    client.force_login(factories.UserFactory(is_superuser=True, is_staff=True))
    html = client.get(url("wagtailsnippets_network_contactrequest:list")).content.decode()
    for name in ("to_goethe", "to_media"):
        assert url("network_contact_answer", network[name].pk) in html


def competencies_form(record, offers, seeks, email):
    return {
        "partner": record.partner.pk,
        "offers": [c.pk for c in offers],
        "seeks": [c.pk for c in seeks],
        "contact_role": "Project lead",
        "contact_email": email,
    }


def test_an_editor_edits_their_own_competencies(client, network):
    record = network["goethe_record"]
    client.force_login(network["goethe_editor"])
    edit = url("wagtailsnippets_network_partnercompetencies:edit", record.pk)
    page = client.get(edit)
    assert page.status_code == 200
    choices = page.context["form"].fields["partner"].queryset
    assert list(choices) == [network["goethe"]]
    response = client.post(
        edit,
        competencies_form(
            record, [network["entry"], network["mentoring"]], [], "new@goethe.example"
        ),
    )
    assert response.status_code == 302, response.content
    record.refresh_from_db()
    assert {c.slug for c in record.offers.all()} == {"market-entry", "mentoring"}
    assert record.contact_email == "new@goethe.example"


def test_an_editor_cannot_open_or_change_another_partner_s_competencies(client, network):
    theirs = network["media_record"]
    client.force_login(network["goethe_editor"])
    edit = url("wagtailsnippets_network_partnercompetencies:edit", theirs.pk)
    opened = client.get(edit)
    assert opened.status_code == 302
    assert opened["Location"] == url("wagtailsnippets_network_partnercompetencies:list")
    client.post(edit, competencies_form(theirs, [], [], "taken@evil.example"))
    theirs.refresh_from_db()
    assert theirs.contact_email == MEDIA_PRIVATE
    assert [c.slug for c in theirs.offers.all()] == ["mentoring"]
    delete = url("wagtailsnippets_network_partnercompetencies:delete", theirs.pk)
    client.post(delete)
    assert PartnerCompetencies.objects.filter(pk=theirs.pk).exists()
    for view in ("history", "usage"):
        other = url(f"wagtailsnippets_network_partnercompetencies:{view}", theirs.pk)
        own = url(
            f"wagtailsnippets_network_partnercompetencies:{view}", network["goethe_record"].pk
        )
        assert client.get(other).status_code in (302, 403), view
        assert client.get(own).status_code == 200, view
    # Nor can they declare for another partner on a new record.
    add = client.get(url("wagtailsnippets_network_partnercompetencies:add"))
    assert list(add.context["form"].fields["partner"].queryset) == [network["goethe"]]


def test_an_editor_cannot_read_or_answer_another_partner_s_request(
    client, network, django_capture_on_commit_callbacks
):
    theirs = network["to_media"]
    client.force_login(network["goethe_editor"])
    answer = url("network_contact_answer", theirs.pk)
    assert client.get(answer).status_code == 404
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(answer, {"reply": "We answer for them"}).status_code == 404
    theirs.refresh_from_db()
    assert theirs.answered_at is None
    assert mail.outbox == []
    # A learner without admin access gets nothing either.
    client.force_login(network["learner"])
    assert client.get(answer).status_code in (302, 403)


def test_the_answer_is_emailed_with_the_partner_as_reply_to_and_then_shown_to_the_requester(
    client, network, django_capture_on_commit_callbacks
):
    ours = network["to_goethe"]
    learner = network["learner"]
    token = Token.objects.create(user=learner).key
    before = client.get(
        "/api/v1/contact-requests/", HTTP_AUTHORIZATION=f"Token {token}"
    ).content.decode()
    assert GOETHE_PRIVATE not in before and MEDIA_PRIVATE not in before

    client.force_login(network["goethe_editor"])
    page = client.get(url("network_contact_answer", ours.pk)).content.decode()
    assert "To Goethe" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("network_contact_answer", ours.pk), {"reply": "Welcome in May!"})
    assert response.status_code == 302
    ours.refresh_from_db()
    assert ours.answered_at is not None
    assert ours.answered_by == network["goethe_editor"]
    assert ours.reply_emailed_at is not None
    (email,) = mail.outbox
    assert email.to == ["ada@example.org"]
    assert email.reply_to == [GOETHE_PRIVATE]
    assert "Welcome in May!" in email.body
    assert "Greta Editor" in email.body
    # Answered once only.
    with django_capture_on_commit_callbacks(execute=True):
        again = client.post(url("network_contact_answer", ours.pk), {"reply": "Twice"})
    assert again.status_code == 400
    assert len(mail.outbox) == 1

    client.logout()
    listed = client.get("/api/v1/contact-requests/", HTTP_AUTHORIZATION=f"Token {token}").json()
    by_id = {row["id"]: row for row in listed["results"]}
    assert by_id[ours.pk]["status"] == "answered"
    assert by_id[ours.pk]["answer"]["answered_from"] == GOETHE_PRIVATE
    assert by_id[ours.pk]["answer"]["answered_by"] == "Greta Editor"
    assert by_id[network["to_media"].pk]["answer"] is None
    assert MEDIA_PRIVATE not in str(listed)

    from lms.services import accounts

    exported = accounts.export_learner_data(learner)["match_making"]["contact_requests"]
    answered = next(row for row in exported if row["message"] == "To Goethe")
    assert answered["answered_from"] == GOETHE_PRIVATE
    assert answered["answer"] == "Welcome in May!"

    client.force_login(learner)
    html = client.get("/en/match/").content.decode()
    assert "Welcome in May!" in html and GOETHE_PRIVATE in html
    assert MEDIA_PRIVATE not in html
    # Another learner never sees it.
    client.force_login(factories.verified_user())
    assert GOETHE_PRIVATE not in client.get("/en/match/").content.decode()


def test_an_editor_sees_their_partner_s_suggested_partners_only(client, network):
    client.force_login(network["goethe_editor"])
    page = client.get(url("network_partner_suggestions", network["goethe_record"].pk))
    assert page.status_code == 200
    html = page.content.decode()
    # Media Dizajn offers mentoring, which Goethe seeks.
    assert "Media Dizajn" in html and "offers Mentoring" in html
    assert (
        client.get(url("network_partner_suggestions", network["media_record"].pk)).status_code
        == 404
    )


def test_the_report_counts_requests_per_partner_and_status(
    client, network, django_capture_on_commit_callbacks
):
    from network import contact

    contact.answer_request(network["to_goethe"], network["goethe_editor"], "Yes")
    ContactRequest.objects.create(user=network["learner"], partner=network["goethe"], message="2")
    client.force_login(network["goethe_editor"])
    report = client.get(url("network_contact_report"))
    assert report.status_code == 200
    rows = report.context["rows"]
    assert rows == [
        {
            "partner_id": network["goethe"].pk,
            "partner__name": "Goethe-Institut",
            "total": 2,
            "answered": 1,
            "waiting": 1,
        }
    ]
    client.force_login(factories.UserFactory(is_superuser=True, is_staff=True))
    everything = client.get(url("network_contact_report")).context["totals"]
    assert everything == {"total": 3, "answered": 1, "waiting": 2}
