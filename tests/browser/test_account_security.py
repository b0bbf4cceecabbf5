"""A learner's account security in a real browser, in Polish: too many wrong passwords end in
a lockout page (429), even for the right password (learners at other addresses log in as
usual: tests/lms/test_brute_force.py). Then the learner logs in on two
devices and logs out everywhere from the profile of one: both are logged out, and the API
token an app held no longer works. Screenshots in tests/browser/screenshots/."""

import re

import pytest
from django.test import Client, override_settings
from rest_framework.authtoken.models import Token

from tests import factories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct-horse-battery"


def log_in(page, username, password):
    page.goto("/pl/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()


@override_settings(AXES_FAILURE_LIMIT=3)
def test_wrong_passwords_end_in_a_lockout_page(page, home, screenshot, axe_check):
    learner = factories.UserFactory(username="ola")
    for _ in range(3):
        log_in(page, "ola", "wrong-password")
    assert "Zbyt wiele nieudanych prób logowania" in page.locator("main").inner_text()
    # The right password now: still refused, with a 429 and when to try again.
    with page.expect_response(lambda response: response.request.method == "POST") as answer:
        log_in(page, "ola", PASSWORD)
    assert answer.value.status == 429
    assert answer.value.headers["retry-after"] == "900"
    assert "Zbyt wiele nieudanych prób logowania" in page.locator("main").inner_text()
    screenshot(page, "security-01-locked-out-pl")
    axe_check(page, "lockout page")

    assert learner.pk


def test_log_out_everywhere_from_the_profile(page, browser, live_server, home, screenshot):
    learner = factories.UserFactory(username="ewa")
    # A Polish learner: logging in opens the dashboard in the preferred language.
    factories.ProfileFactory(user=learner, preferred_language="pl")
    token = Token.objects.create(user=learner).key
    log_in(page, "ewa", PASSWORD)
    phone = browser.new_context(base_url=live_server.url, viewport={"width": 360, "height": 740})
    other_device = phone.new_page()
    log_in(other_device, "ewa", PASSWORD)
    assert re.search(r"/pl/learn/$", other_device.url)

    page.goto("/pl/learn/profile/")
    button = page.locator("form[action$='/log-out-everywhere/'] button[type=submit]")
    button.scroll_into_view_if_needed()
    screenshot(page, "security-02-profile-log-out-everywhere-pl")
    with page.expect_navigation():
        button.click()
    screenshot(page, "security-03-logged-out-everywhere-pl")

    page.goto("/pl/learn/")
    assert "/accounts/login/" in page.url
    other_device.goto("/pl/learn/")
    assert "/accounts/login/" in other_device.url
    phone.close()
    api = Client(HTTP_AUTHORIZATION=f"Token {token}")
    assert api.get("/api/v1/me/progress/").status_code == 401
