"""A learner writes a private note on a lesson's reflection block with the plain form (no
JavaScript needed), finds it again, and another learner sees an empty form."""

import pytest

from lms.models import Reflection
from tests import factories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct-horse-battery"


def log_in(page, username):
    page.goto("/en/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()


def test_a_reflection_is_saved_and_stays_private(page, course, screenshot, axe_check):
    lesson = factories.add_reflection(list(course.get_lessons().specific())[0], "r1")
    learner = factories.UserFactory(username="ilze")
    factories.UserFactory(username="mari")

    log_in(page, "ilze")
    page.goto(lesson.url)
    note = page.locator("#reflection-r1")
    assert note.is_visible()
    note.fill("Call the partner in Riga on Monday.")
    with page.expect_navigation():
        page.locator("form.reflection-form button[type=submit]").click()
    assert page.url.endswith("#r1")
    assert page.locator("#reflection-r1").input_value() == "Call the partner in Riga on Monday."
    assert page.locator("[role=status], .messages").first.is_visible()
    screenshot(page, "reflection-saved-en")
    axe_check(page, "lesson with a reflection")
    assert Reflection.objects.get(user=learner).text == "Call the partner in Riga on Monday."

    page.context.clear_cookies()
    log_in(page, "mari")
    page.goto(lesson.url)
    assert page.locator("#reflection-r1").input_value() == ""
    assert "Riga on Monday" not in page.content()
