"""Contact requests: stored, emailed to the partner's private contact in the partner's
language through the task queue, five a day (a 429 in the one error shape), the learner sees
only their own, and the requester never sees the private address."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone
from rest_framework.authtoken.models import Token

from network.models import ContactRequest, PartnerCompetencies
from tests import factories

pytestmark = pytest.mark.django_db

PRIVATE = "private-contact@goethe.example"
URL = "/api/v1/contact-requests/"


@pytest.fixture
def goethe(directory):
    PartnerCompetencies.objects.create(partner=directory["goethe"], contact_email=PRIVATE)
    return directory["goethe"]


def token_client(client, user):
    token = Token.objects.create(user=user).key
    client.defaults["HTTP_AUTHORIZATION"] = f"Token {token}"
    return client


def post(client, body):
    return client.post(URL, body, content_type="application/json")


def test_a_request_is_stored_and_emailed_in_the_partners_language(
    client, goethe, django_capture_on_commit_callbacks
):
    user = factories.verified_user(email="learner@example.org")
    token_client(client, user)
    with django_capture_on_commit_callbacks(execute=True):
        response = post(
            client,
            {
                "partner": goethe.pk,
                "message": "We would like to visit your studio.",
                "visit_starts_on": "2027-05-03",
                "visit_ends_on": "2027-05-05",
                "group_size": 12,
            },
        )
    assert response.status_code == 201, response.content
    assert PRIVATE not in response.content.decode()
    stored = ContactRequest.objects.get(user=user)
    assert stored.partner == goethe
    assert stored.group_size == 12
    assert stored.emailed_at is not None
    (email,) = mail.outbox
    assert email.to == [PRIVATE]
    assert email.reply_to == ["learner@example.org"]
    assert "We would like to visit your studio." in email.body
    assert "2027-05-03" in email.body
    assert "Goethe-Institut" in email.subject
    listed = client.get(URL).json()
    assert [r["id"] for r in listed["results"]] == [stored.pk]
    assert listed["results"][0]["emailed"] is True
    assert PRIVATE not in client.get(URL).content.decode()


def test_the_sixth_request_of_a_day_is_a_429_and_stores_nothing(client, goethe):
    user = factories.verified_user()
    token_client(client, user)
    for number in range(5):
        assert post(client, {"partner": goethe.pk, "message": f"Hello {number}"}).status_code == 201
    response = post(client, {"partner": goethe.pk, "message": "One more"})
    assert response.status_code == 429
    body = response.json()
    assert body["code"] == "contact_limit"
    assert "5" in body["detail"]
    assert ContactRequest.objects.filter(user=user).count() == 5
    # Retry-After: until the oldest of the five leaves the 24 hours, not a whole day.
    assert 86_390 <= int(response["Retry-After"]) <= 86_400
    ContactRequest.objects.filter(user=user).update(
        created_at=timezone.now() - datetime.timedelta(hours=20)
    )
    ContactRequest.objects.filter(pk=ContactRequest.objects.filter(user=user).last().pk).update(
        created_at=timezone.now() - datetime.timedelta(hours=1)
    )
    response = post(client, {"partner": goethe.pk, "message": "Still one more"})
    assert response.status_code == 429
    assert 4 * 3600 - 10 <= int(response["Retry-After"]) <= 4 * 3600
    ContactRequest.objects.filter(user=user).update(
        created_at=timezone.now() - datetime.timedelta(hours=25)
    )
    assert post(client, {"partner": goethe.pk, "message": "A new day"}).status_code == 201


def test_a_learner_sees_only_their_own_requests(client, goethe):
    other = factories.UserFactory()
    ContactRequest.objects.create(user=other, partner=goethe, message="Theirs")
    token_client(client, factories.UserFactory())
    assert client.get(URL).json()["results"] == []


def test_bad_input_is_a_400_that_changes_nothing(client, goethe, directory):
    token_client(client, factories.verified_user())
    assert post(client, {"partner": goethe.pk}).json()["errors"]["message"]
    assert post(client, {"partner": 999999, "message": "Hi"}).json()["errors"]["partner"]
    backwards = post(
        client,
        {
            "partner": goethe.pk,
            "message": "Hi",
            "visit_starts_on": "2027-05-05",
            "visit_ends_on": "2027-05-03",
        },
    )
    assert backwards.status_code == 400
    media = factories.PartnerFactory(name="No contact", slug="no-contact", country=directory["PL"])
    response = post(client, {"partner": media.pk, "message": "Hi"})
    assert response.status_code == 400
    assert response.json()["code"] == "no_contact_person"
    assert not ContactRequest.objects.exists()
    assert mail.outbox == []


def test_anonymous_gets_401(client, goethe):
    assert post(client, {"partner": goethe.pk, "message": "Hi"}).status_code == 401


def test_the_admin_lists_contact_requests(client, goethe):
    from django.urls import reverse

    ContactRequest.objects.create(
        user=factories.UserFactory(username="ada"), partner=goethe, message="Hello"
    )
    client.force_login(factories.UserFactory(is_superuser=True, is_staff=True))
    response = client.get(reverse("wagtailsnippets_network_contactrequest:list"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Goethe-Institut" in html
    assert "ada" in html


def test_the_data_export_has_them_and_deleting_the_account_removes_them(goethe, directory):
    from lms.services import accounts
    from network.models import MatchProfile

    user = factories.UserFactory()
    user.set_password("correct-horse-battery")
    user.save()
    ContactRequest.objects.create(user=user, partner=goethe, message="Hello", group_size=3)
    MatchProfile.objects.create(user=user, country=directory["PL"])

    exported = accounts.export_learner_data(user)["match_making"]
    assert exported["profile"]["country"] == "PL"
    assert [
        (r["partner"], r["message"], r["group_size"]) for r in exported["contact_requests"]
    ] == [("Goethe-Institut", "Hello", 3)]
    assert PRIVATE not in str(exported)

    accounts.delete_learner(user, "correct-horse-battery")
    assert not ContactRequest.objects.exists()
    assert not MatchProfile.objects.exists()
