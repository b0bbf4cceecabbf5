"""Email verification: sign-up emails a signed, expiring link through the task queue in the
learner's language; opening it asks to confirm (a GET changes nothing), a POST verifies; a
changed, expired or outdated link is a readable 400; a new address is unverified and gets a
new link; asking again is rate-limited; contact requests wait for it (page and API)."""

import datetime
import re

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client, override_settings
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult
from freezegun import freeze_time
from rest_framework.authtoken.models import Token

from lms.models import Profile
from lms.services import accounts, verification
from network.models import ContactRequest, PartnerCompetencies
from tests import factories
from tests.api.conftest import directory  # noqa: F401 (a fixture)
from tests.lms.test_tasks import DATABASE_TASKS, worker_process_state  # noqa: F401

pytestmark = pytest.mark.django_db

SIGNUP = {
    "username": "astrid",
    "first_name": "Astrid",
    "email": "astrid@example.se",
    "password1": "a-long-harbour-pass",
    "password2": "a-long-harbour-pass",
    "preferred_language": "sv",
}
LINK = re.compile(r"http://testserver(/\w\w/learn/email/confirm/[^/\s]+/)")


def link_in(message):
    return LINK.search(message.body).group(1)


def sign_up(client, captured, data=SIGNUP):
    with captured(execute=True):
        response = client.post("/en/accounts/signup/", data)
    assert response.status_code == 302, response.content
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(username=data["username"])


def test_sign_up_emails_a_link_in_the_learners_language_and_a_post_verifies(
    client, locales, django_capture_on_commit_callbacks
):
    user = sign_up(client, django_capture_on_commit_callbacks)
    assert not verification.is_verified(user)
    (message,) = mail.outbox
    assert message.to == ["astrid@example.se"]
    path = link_in(message)
    assert path.startswith("/sv/learn/email/confirm/")

    stranger = Client()  # the link needs no log-in
    page = stranger.get(path)
    assert page.status_code == 200
    assert 'method="post"' in page.content.decode()
    assert not verification.is_verified(user)  # a GET (a mail scanner) changes nothing

    done = stranger.post(path)
    assert done.status_code == 200
    assert 'role="status"' in done.content.decode()
    assert verification.is_verified(user)
    assert Profile.objects.get(user=user).verified_email == "astrid@example.se"
    profile = client.get("/en/learn/profile/").content.decode()
    assert "astrid@example.se is confirmed" in profile
    assert "Send me a new link" not in profile


def test_the_dashboard_and_profile_say_it_is_not_confirmed_with_the_resend_button(client, locales):
    client.force_login(factories.UserFactory(email="ada@example.org"))
    for url in ("/en/learn/", "/en/learn/profile/"):
        html = client.get(url).content.decode()
        assert "ada@example.org is not confirmed yet" in html
        assert 'action="/en/learn/email/confirm/"' in html


def test_a_tampered_or_cut_link_is_a_readable_400_that_verifies_nothing(client, locales):
    ada = factories.UserFactory(email="ada@example.org")
    eve = factories.UserFactory(email="eve@example.org")
    token = verification.token_for(ada)
    other = verification.token_for(eve)
    forged = other.split(":")[0] + token[token.index(":") :]
    for bad in (forged, token[:-2], token + "x", "nothing"):
        response = Client().post(f"/en/learn/email/confirm/{bad}/")
        assert response.status_code == 400, bad
        assert "This link is not valid" in response.content.decode()
    assert not Profile.objects.filter(email_verified_at__isnull=False).exists()


def test_an_expired_link_is_a_400_that_says_so(client, locales):
    ada = factories.UserFactory(email="ada@example.org")
    with freeze_time(timezone.now() - datetime.timedelta(hours=73)):
        old = verification.token_for(ada)
    response = Client().post(f"/en/learn/email/confirm/{old}/")
    assert response.status_code == 400
    assert "This link has expired" in response.content.decode()
    assert not verification.is_verified(ada)
    with freeze_time(timezone.now() - datetime.timedelta(hours=71)):
        recent = verification.token_for(ada)
    assert Client().post(f"/en/learn/email/confirm/{recent}/").status_code == 200
    assert verification.is_verified(ada)


def test_a_new_address_is_unverified_gets_a_new_link_and_the_old_link_is_refused(
    client, locales, django_capture_on_commit_callbacks
):
    ada = factories.verified_user(email="ada@example.org")
    factories.ProfileFactory._meta.model.objects.filter(user=ada).update(preferred_language="de")
    old_link = f"/en/learn/email/confirm/{verification.token_for(ada)}/"
    client.force_login(ada)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/en/learn/profile/",
            {
                "account-first_name": "Ada",
                "account-email": "ada@new.example",
                "profile-preferred_language": "de",
            },
            follow=True,
        )
    assert "We sent a link to ada@new.example" in response.content.decode()
    ada.refresh_from_db()
    assert not verification.is_verified(ada)
    (message,) = mail.outbox
    assert message.to == ["ada@new.example"]
    assert link_in(message).startswith("/de/")

    stale = Client().post(old_link)
    assert stale.status_code == 400
    assert "an address your account no longer uses" in stale.content.decode()
    assert Client().post(link_in(message)).status_code == 200
    assert verification.is_verified(ada)


def test_asking_for_a_new_link_is_limited(client, locales, django_capture_on_commit_callbacks):
    ada = factories.UserFactory(email="ada@example.org")
    client.force_login(ada)
    for _number in range(3):
        with django_capture_on_commit_callbacks(execute=True):
            answer = client.post("/en/learn/email/confirm/", {"next": "/en/match/"})
        assert answer.status_code == 302 and answer["Location"] == "/en/match/"
    assert len(mail.outbox) == 3
    with django_capture_on_commit_callbacks(execute=True):
        refused = client.post("/en/learn/email/confirm/", follow=True)
    assert "Please try again in" in refused.content.decode()
    assert len(mail.outbox) == 3
    # A GET sends nothing.
    assert client.get("/en/learn/email/confirm/").status_code == 302
    assert len(mail.outbox) == 3


@pytest.fixture
def goethe(directory):  # noqa: F811
    PartnerCompetencies.objects.create(
        partner=directory["goethe"], contact_email="private@goethe.example"
    )
    return directory["goethe"]


def test_the_api_refuses_a_contact_request_until_verified_with_a_403(client, goethe):
    user = factories.UserFactory()
    client.defaults["HTTP_AUTHORIZATION"] = f"Token {Token.objects.create(user=user).key}"
    body = {"partner": goethe.pk, "message": "Hello"}
    response = client.post("/api/v1/contact-requests/", body, content_type="application/json")
    assert response.status_code == 403
    error = response.json()
    assert error["code"] == "email_unverified"
    assert "confirm your email address" in error["detail"]
    assert not ContactRequest.objects.exists()
    assert mail.outbox == []

    Profile.mark_verified(user)
    created = client.post("/api/v1/contact-requests/", body, content_type="application/json")
    assert created.status_code == 201


def test_the_page_refuses_a_contact_request_until_verified_with_the_notice_alone(client, goethe):
    client.force_login(factories.UserFactory(email="ada@example.org"))
    refused = client.post(f"/en/match/contact/{goethe.pk}/", {"message": "Shall we cooperate?"})
    assert refused.status_code == 302
    assert refused["Location"] == "/en/match/#email-verification"
    html = client.get(refused["Location"]).content.decode()
    # The notice, with its button, says it once; no error message repeats it.
    assert html.count("is not confirmed yet") == 1
    assert 'id="email-verification"' in html
    assert 'action="/en/learn/email/confirm/"' in html
    assert "Send me a new link" in html
    assert "Please confirm your email address before you write to partners" not in html
    assert not ContactRequest.objects.exists()
    assert mail.outbox == []


def test_the_data_export_holds_the_state(locales):
    ada = factories.UserFactory(email="ada@example.org")
    Profile.objects.create(user=ada)
    assert accounts.export_learner_data(ada)["profile"]["email_verified"] is False
    Profile.mark_verified(ada)
    exported = accounts.export_learner_data(ada)["profile"]
    assert exported["email_verified"] is True
    assert exported["verified_email"] == "ada@example.org"
    assert exported["email_verified_at"]


def test_demo_accounts_are_verified(locales, settings):
    from courses.demo.accounts import EDITOR, editors_group, ensure_account

    user, _created = ensure_account(*EDITOR, editors_group())
    assert verification.is_verified(user)


@pytest.mark.django_db(transaction=True)
def test_the_link_waits_in_the_database_queue_for_the_worker(
    locales,
    worker_process_state,  # noqa: F811
):
    with override_settings(TASKS=DATABASE_TASKS):
        client = Client()
        client.post("/en/accounts/signup/", SIGNUP)
        queued = DBTaskResult.objects.filter(
            task_path="lms.services.verification.send_verification_email"
        )
        assert queued.count() == 1
        assert mail.outbox == []  # not sent yet: the work waits in the queue

        call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload")

        assert queued.get().status == TaskResultStatus.SUCCESSFUL
        (message,) = mail.outbox
        assert message.to == ["astrid@example.se"]
        assert client.post(link_in(message)).status_code == 200
        from django.contrib.auth import get_user_model

        assert verification.is_verified(get_user_model().objects.get(username="astrid"))
