"""A partner's editors fill the calendar for their own organisation: they host events for
their partner only, edit none of another partner's, and publish through the moderation
workflow; start and end are typed in the event's timezone."""

import datetime
import zoneinfo

import pytest
from django.contrib.auth.models import Group, Permission
from django.utils import timezone, translation
from wagtail.models import GroupPagePermission

from network.models import EventPage, PartnerEditors
from tests import factories
from tests.network.conftest import publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def media_dizajn(directory):
    return factories.PartnerFactory(
        name="Media Dizajn", slug="media-dizajn", country=directory["PL"]
    )


@pytest.fixture
def partner_editor(event_index, media_dizajn):
    group = Group.objects.create(name="Media Dizajn editors")
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    for codename in ("add_page", "change_page"):
        GroupPagePermission.objects.create(
            group=group,
            page=event_index,
            permission=Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            ),
        )
    PartnerEditors.objects.create(partner=media_dizajn, group=group)
    user = factories.UserFactory(username="md-editor")
    user.groups.add(group)
    return user


def event_form(user, instance=None, data=None, parent=None):
    form_class = EventPage.get_edit_handler().get_form_class()
    instance = instance or EventPage(locale=parent.locale if parent else None)
    return form_class(data, instance=instance, for_user=user, parent_page=parent)


def test_a_partner_editor_may_name_only_their_partner_as_host(
    partner_editor, media_dizajn, directory, event_index
):
    form = event_form(partner_editor, parent=event_index)

    assert list(form.fields["hosts"].queryset) == [media_dizajn]
    assert directory["goethe"] in form.fields["co_hosts"].queryset


def test_an_editor_of_no_partner_chooses_any_host(directory, event_index, media_dizajn):
    editor = factories.UserFactory()

    form = event_form(editor, parent=event_index)

    assert set(form.fields["hosts"].queryset) == {directory["goethe"], media_dizajn}


def test_a_partner_editor_cannot_edit_another_partner_s_event(
    client, partner_editor, make_event, directory, media_dizajn
):
    theirs = make_event(title="Goethe's")
    theirs.hosts.set([directory["goethe"]])
    theirs.save()
    ours = make_event(title="Ours")
    ours.hosts.set([media_dizajn])
    ours.save()
    client.force_login(partner_editor)

    assert client.get(f"/admin/pages/{ours.pk}/edit/").status_code == 200
    refused = client.get(f"/admin/pages/{theirs.pk}/edit/", follow=True)
    assert refused.redirect_chain[0][0] == f"/admin/pages/{theirs.get_parent().pk}/"
    assert "You edit the events of your own organisation only." in refused.content.decode()


def test_start_and_end_are_read_in_the_event_s_timezone(event_index):
    editor = factories.UserFactory()
    data = {
        "title": "Forum",
        "slug": "forum",
        "kind": "forum",
        "timezone": "Europe/Vilnius",
        "starts_at": "2031-05-20 10:00",
        "ends_at": "2031-05-20 16:00",
        "venue_name": "Rietavas",
        "programme-count": "0",
    }
    with translation.override("en"), timezone.override(zoneinfo.ZoneInfo("Europe/Berlin")):
        form = event_form(editor, data=data, parent=event_index)
        assert form.is_valid(), form.errors
    vilnius = zoneinfo.ZoneInfo("Europe/Vilnius")
    assert form.cleaned_data["starts_at"] == datetime.datetime(2031, 5, 20, 10, tzinfo=vilnius)
    assert form.cleaned_data["starts_at"].astimezone(datetime.UTC).hour == 7


def test_the_form_shows_the_stored_times_in_the_event_s_timezone(make_event):
    start = datetime.datetime(2031, 5, 20, 10, tzinfo=zoneinfo.ZoneInfo("Europe/Riga"))
    event = make_event(
        timezone="Europe/Riga", starts_at=start, ends_at=start + datetime.timedelta(hours=2)
    )

    form = event_form(factories.UserFactory(), instance=event, parent=event.get_parent())

    assert form.initial["starts_at"] == datetime.datetime(2031, 5, 20, 10)


def test_an_event_must_not_end_before_it_starts(make_event):
    event = make_event()
    event.ends_at = event.starts_at - datetime.timedelta(hours=1)

    with pytest.raises(Exception, match="cannot end before it starts"):
        event.full_clean()


def test_a_partner_editor_submits_and_a_moderator_publishes(
    partner_editor, make_event, media_dizajn
):
    from wagtail.models import Workflow

    event = make_event(title="Ours")
    event.hosts.set([media_dizajn])
    event = publish(event)
    event.title = "Ours, moved"
    revision = event.save_revision(user=partner_editor)
    workflow = Workflow.objects.filter(active=True).first()
    assert workflow is not None, "Wagtail's moderation workflow is installed by its migrations"
    state = workflow.start(event, partner_editor)

    assert state.status == "in_progress"
    assert EventPage.objects.get(pk=event.pk).title == "Ours"
    assert not event.permissions_for_user(partner_editor).can_publish()
    revision.publish()
    assert EventPage.objects.get(pk=event.pk).title == "Ours, moved"
