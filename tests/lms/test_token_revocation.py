"""A learner's API tokens end with a new password (changed or reset) and with "log out
everywhere" (the profile's button, POST /api/v1/auth/logout/); the next log-in hands out a
new token. Saving the account otherwise keeps them."""

import re

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.core import mail
from django.test import Client
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from rest_framework.authtoken.models import Token

from tests import factories

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery"
NEW_PASSWORD = "lighthouse-keeper-2026"
ME = "/api/v1/me/progress/"


def token_for(user, password=PASSWORD):
    response = Client().post(
        "/api/v1/auth/token/",
        {"username": user.username, "password": password},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    return response.json()["token"]


def works(token):
    return Client(HTTP_AUTHORIZATION=f"Token {token}").get(ME).status_code == 200


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def logged_in(client):
    return client.get("/en/learn/").status_code == 200


def test_the_token_endpoint_hands_out_the_same_token_until_it_is_revoked(home):
    user = factories.UserFactory()
    assert token_for(user) == token_for(user)


def test_a_password_change_revokes_the_token_and_the_next_log_in_gets_a_new_one(home):
    user = factories.UserFactory()
    old = token_for(user)
    assert works(old)
    client = signed_in(user)
    response = client.post(
        "/en/accounts/password/change/",
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    assert not works(old)
    new = token_for(user, NEW_PASSWORD)
    assert new != old and works(new)
    assert logged_in(client), "the browser that changed it stays logged in"


def test_a_password_reset_revokes_the_token(home):
    user = factories.UserFactory()
    old = token_for(user)
    user.refresh_from_db()  # the log-in set last_login, which the reset link depends on
    client = Client()
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    link = f"/en/accounts/password/reset/{uid}/{default_token_generator.make_token(user)}/"
    form = client.get(link, follow=True)
    assert form.status_code == 200
    response = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    assert not works(old)
    assert works(token_for(user, NEW_PASSWORD))


def test_the_reset_email_flow_too(home):
    user = factories.UserFactory()
    old = token_for(user)
    Client().post("/en/accounts/password/reset/", {"email": user.email})
    link = re.search(r"https?://[^/]+(/\S+/password/reset/\S+/)", mail.outbox[-1].body).group(1)
    client = Client()
    form = client.get(link, follow=True)
    client.post(
        form.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )
    assert not works(old)


def test_saving_the_profile_keeps_the_token(home):
    user = factories.UserFactory()
    token = token_for(user)
    user.first_name = "Ada"
    user.save()
    user.refresh_from_db()
    user.save(update_fields=["last_login"])
    assert works(token)


def test_the_profile_button_logs_out_everywhere(home):
    user = factories.UserFactory()
    token = token_for(user)
    laptop, phone = signed_in(user), signed_in(user)
    other = factories.UserFactory()
    others_token, others_browser = token_for(other), signed_in(other)
    page = laptop.get("/en/learn/profile/").content.decode()
    assert 'action="/en/learn/profile/log-out-everywhere/"' in page

    response = laptop.post("/en/learn/profile/log-out-everywhere/")
    assert response.status_code == 302
    assert not works(token)
    assert not logged_in(laptop) and not logged_in(phone)
    assert works(token_for(user))
    # Nobody else is logged out.
    assert works(others_token) and logged_in(others_browser)


def test_a_get_of_the_button_address_changes_nothing(home):
    user = factories.UserFactory()
    token = token_for(user)
    client = signed_in(user)
    assert client.get("/en/learn/profile/log-out-everywhere/").status_code == 302
    assert works(token) and logged_in(client)


def test_the_api_logs_out_everywhere(home):
    user = factories.UserFactory()
    token = token_for(user)
    browser = signed_in(user)
    response = Client(HTTP_AUTHORIZATION=f"Token {token}").post("/api/v1/auth/logout/")
    assert response.status_code == 204
    assert not Token.objects.filter(user=user).exists()
    assert not works(token)
    assert not logged_in(browser)
    new = token_for(user)
    assert new != token and works(new)


def test_logging_out_everywhere_needs_a_learner(db):
    response = Client().post("/api/v1/auth/logout/")
    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"
