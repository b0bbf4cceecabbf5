"""An administrator subscribes a partner site to Harbour's webhooks in the Wagtail admin
(Settings → Webhooks): the secret is shown once, a publication reaches the partner's
receiver signed with it, the delivery is listed with its status, and the secret is rotated.
Screenshots in tests/browser/screenshots/webhooks-*.png."""

import re

import pytest

from outbox.models import Delivery, Subscription
from tests import factories
from tests.outbox.receiver import Receiver

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "harbour-admin-pass"


@pytest.fixture
def receiver():
    with Receiver() as running:
        yield running


@pytest.fixture
def administrator(db):
    user = factories.UserFactory(username="admin", is_staff=True, is_superuser=True)
    user.set_password(PASSWORD)
    user.save()
    return user


def test_an_administrator_subscribes_a_partner_site_and_rotates_its_secret(
    page, screenshot, axe_check, administrator, receiver, course
):
    page.goto("/admin/login/")
    page.fill("#id_username", "admin")
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.locator("form button[type=submit]").click()

    page.goto("/admin/webhooks/new/")
    page.fill("#id_name", "Creative Ports portal")
    page.fill("#id_url", receiver.url)
    page.get_by_label("course.published").check()
    screenshot(page, "webhooks-1-add")
    with page.expect_navigation():
        page.get_by_role("button", name=re.compile(r"^(Create|Save)$")).click()
    secret = page.locator("[data-webhook-secret]").inner_text()
    assert secret.startswith("whsec_")
    assert "shown only once" in page.content()
    axe_check(page, "the secret page")
    screenshot(page, "webhooks-2-secret-shown-once")
    receiver.secrets = [secret]

    # An editor publishes: the partner's receiver gets one delivery, signed with that secret.
    course.save_revision().publish()
    assert len(receiver.verified) == 1
    assert receiver.verified[0]["type"] == "course.published"

    page.goto("/admin/webhook_deliveries/")
    assert "course.published" in page.content()
    assert page.get_by_text("delivered").count() >= 1
    screenshot(page, "webhooks-3-deliveries")

    page.goto("/admin/webhooks/")
    assert secret not in page.content()
    with page.expect_navigation():
        page.get_by_role("link", name="Rotate").click()
    assert page.get_by_text("keeps signing beside it").count() == 1
    with page.expect_navigation():
        page.get_by_role("button", name="Rotate").click()
    new = page.locator("[data-webhook-secret]").inner_text()
    assert new.startswith("whsec_") and new != secret
    assert re.search("previous secret keeps signing", page.content())
    screenshot(page, "webhooks-4-rotated")
    subscription = Subscription.objects.get()
    assert subscription.secret == new and subscription.previous_secret == secret
    assert Delivery.objects.get().status == "delivered"
