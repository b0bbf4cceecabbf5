"""Brute force and client identity: failed log-ins are limited per username and per address
on the token endpoint and on the web login (django-axes), with a 429 and Retry-After; other
learners log in as before. The address is REMOTE_ADDR unless the proxies are declared."""

import pytest
from django.test import Client, RequestFactory, override_settings
from rest_framework.settings import api_settings

from lms.clients import client_address
from tests import factories

pytestmark = pytest.mark.django_db

TOKEN = "/api/v1/auth/token/"
LOGIN = "/en/accounts/login/"
PASSWORD = "correct-horse-battery"


def token_attempt(username, password, address="192.0.2.1", **extra):
    client = Client(REMOTE_ADDR=address, **extra)
    return client.post(
        TOKEN, {"username": username, "password": password}, content_type="application/json"
    )


def web_attempt(username, password, address="192.0.2.1"):
    client = Client(REMOTE_ADDR=address)
    return client.post(LOGIN, {"username": username, "password": password})


@override_settings(AXES_FAILURE_LIMIT=5)
def test_the_token_endpoint_locks_a_username_out_after_the_limit_whatever_the_address(db):
    user = factories.UserFactory()
    statuses = [
        token_attempt(user.username, "wrong", address=f"192.0.2.{number + 1}").status_code
        for number in range(5)
    ]
    # The fifth failure locks the username out, and is answered so.
    assert statuses == [400] * 4 + [429]
    # The right password, from yet another address: refused too, until the cool-off ends.
    response = token_attempt(user.username, PASSWORD, address="198.51.100.7")
    assert response.status_code == 429
    body = response.json()
    assert body["code"] == "locked_out"
    assert "Too many failed log-in attempts. Try again in 15 minutes." in body["detail"]
    assert response["Retry-After"] == "900"
    # Someone else logs in as before.
    other = factories.UserFactory()
    assert token_attempt(other.username, PASSWORD, address="198.51.100.7").status_code == 200


@override_settings(AXES_FAILURE_LIMIT=5)
def test_the_token_endpoint_locks_an_address_out_after_the_limit_whatever_the_username(db):
    users = [factories.UserFactory() for _ in range(6)]
    statuses = [token_attempt(u.username, "wrong", "203.0.113.9").status_code for u in users[:5]]
    assert statuses == [400] * 4 + [429]
    locked = token_attempt(users[5].username, PASSWORD, address="203.0.113.9")
    assert locked.status_code == 429
    assert int(locked["Retry-After"]) > 0
    # The same learner from their own address is not slowed down.
    assert token_attempt(users[5].username, PASSWORD, address="203.0.113.10").status_code == 200


@override_settings(AXES_FAILURE_LIMIT=5)
def test_a_forged_x_forwarded_for_does_not_escape_the_address_lockout(db):
    users = [factories.UserFactory() for _ in range(6)]
    statuses = [
        token_attempt(
            user.username, "wrong", "203.0.113.9", HTTP_X_FORWARDED_FOR=f"10.{number}.0.1"
        ).status_code
        for number, user in enumerate(users[:5])
    ]
    assert statuses == [400] * 4 + [429]
    forged = {"HTTP_X_FORWARDED_FOR": "10.99.0.1"}
    assert token_attempt(users[5].username, PASSWORD, "203.0.113.9", **forged).status_code == 429


@override_settings(AXES_FAILURE_LIMIT=5)
def test_a_successful_log_in_starts_the_count_anew(db):
    user = factories.UserFactory()
    for _ in range(4):
        assert token_attempt(user.username, "wrong").status_code == 400
    assert token_attempt(user.username, PASSWORD).status_code == 200
    for _ in range(4):
        assert token_attempt(user.username, "wrong").status_code == 400
    assert token_attempt(user.username, PASSWORD).status_code == 200


@override_settings(AXES_FAILURE_LIMIT=5)
def test_the_web_login_locks_out_with_a_page_in_the_visitors_language(home):
    user = factories.UserFactory()
    statuses = [web_attempt(user.username, "wrong").status_code for _ in range(5)]
    assert statuses == [200] * 4 + [429]
    response = web_attempt(user.username, PASSWORD, address="198.51.100.7")
    assert response.status_code == 429
    assert response["Retry-After"] == "900"
    assert response["Content-Type"].startswith("text/html")
    assert "Too many failed log-in attempts" in response.content.decode()
    assert "_auth_user_id" not in response.wsgi_request.session
    # Another learner logs in as before.
    other = factories.UserFactory()
    assert web_attempt(other.username, PASSWORD, address="198.51.100.7").status_code == 302


@override_settings(AXES_FAILURE_LIMIT=5)
def test_the_wagtail_admin_login_counts_too(home):
    staff = factories.UserFactory(is_staff=True, is_superuser=True)
    for _ in range(5):
        Client(REMOTE_ADDR="192.0.2.50").post(
            "/admin/login/", {"username": staff.username, "password": "wrong"}
        )
    response = Client(REMOTE_ADDR="192.0.2.51").post(
        "/admin/login/", {"username": staff.username, "password": PASSWORD}
    )
    assert response.status_code == 429


# Client identity


def request_from(remote, forwarded=None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


def test_without_declared_proxies_the_client_is_the_connection():
    assert client_address(request_from("192.0.2.1", "10.1.0.1")) == "192.0.2.1"


@override_settings(HARBOUR_TRUSTED_PROXIES=["10.0.0.0/8", "127.0.0.1"])
def test_behind_trusted_proxies_the_client_is_the_first_untrusted_hop():
    assert client_address(request_from("127.0.0.1", "198.51.100.4, 10.2.3.4")) == "198.51.100.4"
    # A client that writes its own header only adds to the left of the real hops.
    forged = "1.2.3.4, 198.51.100.4, 10.2.3.4"
    assert client_address(request_from("127.0.0.1", forged)) == "198.51.100.4"
    # A request that does not come through a trusted proxy: its header is not read.
    assert client_address(request_from("192.0.2.9", "198.51.100.4")) == "192.0.2.9"
    assert client_address(request_from("127.0.0.1", "not-an-address")) == "127.0.0.1"


def test_drf_num_proxies_counts_hops_from_the_right(settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": 1}
    assert api_settings.NUM_PROXIES == 1
    assert client_address(request_from("10.0.0.2", "1.2.3.4, 198.51.100.4")) == "198.51.100.4"


def anonymous_rate(rate):
    rates = {**api_settings.DEFAULT_THROTTLE_RATES, "anon": rate}
    from django.conf import settings

    return override_settings(
        REST_FRAMEWORK={**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates}
    )


def test_a_rotating_x_forwarded_for_does_not_bypass_the_anonymous_rate(db):
    with anonymous_rate("5/minute"):
        statuses = [
            Client(REMOTE_ADDR="192.0.2.1", HTTP_X_FORWARDED_FOR=f"10.{i}.0.1")
            .get("/api/v1/subsectors/")
            .status_code
            for i in range(8)
        ]
    assert statuses == [200] * 5 + [429] * 3


@override_settings(HARBOUR_TRUSTED_PROXIES=["127.0.0.1"])
def test_behind_a_declared_proxy_each_client_has_its_own_rate(db):
    with anonymous_rate("5/minute"):
        statuses = [
            Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=f"198.51.100.{i}")
            .get("/api/v1/subsectors/")
            .status_code
            for i in range(8)
        ]
    assert statuses == [200] * 8
