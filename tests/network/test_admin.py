"""The network's admin screens open, and the focus schedule refuses an overlap with its
message on the form."""

import datetime

import pytest
from django.urls import reverse

from network.models import FocusPeriod
from tests import factories

pytestmark = pytest.mark.django_db

EMPTY_RICH_TEXT = '{"blocks": [], "entityMap": {}}'


@pytest.fixture
def admin_client(client, locales):
    user = factories.UserFactory(is_superuser=True, is_staff=True)
    client.force_login(user)
    return client


@pytest.mark.parametrize(
    "model", ["eventseries", "focusperiod", "competency", "partnercompetencies", "partnereditors"]
)
def test_the_snippet_screens_open(admin_client, model):
    assert admin_client.get(reverse(f"wagtailsnippets_network_{model}:list")).status_code == 200
    assert admin_client.get(reverse(f"wagtailsnippets_network_{model}:add")).status_code == 200


def test_the_event_form_opens(admin_client, event_index):
    url = f"/admin/pages/add/network/eventpage/{event_index.pk}/"

    response = admin_client.get(url)

    assert response.status_code == 200
    assert 'name="timezone"' in response.content.decode()


def test_an_overlapping_period_is_refused_on_the_admin_form(admin_client, directory):
    today = datetime.date(2031, 1, 1)
    FocusPeriod.objects.create(
        locale=factories.locale(),
        country=directory["DE"],
        starts_on=today,
        ends_on=today + datetime.timedelta(days=60),
        headline="Germany",
    )
    url = reverse("wagtailsnippets_network_focusperiod:add")

    response = admin_client.post(
        url,
        {
            "country": directory["PL"].pk,
            "starts_on": "2031-02-01",
            "ends_on": "2031-04-30",
            "headline": "Poland",
            # Draftail posts its content as JSON.
            "cci": EMPTY_RICH_TEXT,
            "needs": EMPTY_RICH_TEXT,
            "strengths": EMPTY_RICH_TEXT,
            "innovation_group": "",
        },
    )

    assert response.status_code == 200
    assert (
        "overlaps the focus on Germany from 2031-01-01 to 2031-03-02" in response.content.decode()
    )
    assert FocusPeriod.objects.count() == 1
