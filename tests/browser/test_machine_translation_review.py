"""An editor machine-translates a course into Polish in wagtail-localize's editor and
publishes it; a learner sees "Machine translated, not reviewed"; the editor marks it reviewed
from the admin's notice, and the learner's page no longer says so. Screenshots of each step
in tests/browser/screenshots/."""

import pytest
from django.test import Client
from django.urls import reverse

from courses.models import CoursePage
from tests.courses.test_machine_translation import DUMMY, NOTICE, translate_into_polish

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def polish_course(course, locales):
    return translate_into_polish(course, locales)


def log_in(page, user):
    page.goto(reverse("wagtailadmin_login"))
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", "password")
    with page.expect_navigation():
        page.locator("form button[type=submit]").click()


def test_an_editor_machine_translates_publishes_and_marks_the_course_reviewed(
    page, settings, admin_user, polish_course, screenshot, axe_check
):
    settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {"CLASS": DUMMY, "OPTIONS": {}}
    log_in(page, admin_user)
    edit_url = reverse("wagtailadmin_pages:edit", args=[polish_course.pk])
    page.goto(edit_url)
    with page.expect_navigation():
        page.get_by_role("button", name="Translate with Dummy translator").click()
    page.get_by_text("Successfully translated with Dummy translator").wait_for()
    screenshot(page, "machine-translation-1-editor-translated")
    with page.expect_navigation():
        page.get_by_role("button", name="Publish in Polski").click()
    course = CoursePage.objects.get(pk=polish_course.pk)
    assert course.live

    learner = page.context.browser.new_page(base_url=page.url.split("/admin/")[0])
    learner.goto(course.url)
    notice = learner.locator(".notice--machine")
    # The learner's page is Polish, and so is its notice.
    assert learner.locator("html").get_attribute("lang") == "pl"
    assert "Przetłumaczone maszynowo, niesprawdzone" in notice.inner_text()
    screenshot(learner, "machine-translation-2-learner-notice")
    axe_check(learner, "machine-translated course")

    page.goto(edit_url)
    message = page.locator(".messages").get_by_text(NOTICE)
    message.wait_for()
    screenshot(page, "machine-translation-3-admin-notice")
    with page.expect_navigation():
        page.locator(".messages").get_by_role("link", name="Mark as reviewed").click()
    screenshot(page, "machine-translation-4-confirm")
    with page.expect_navigation():
        page.get_by_role("button", name="Yes, mark as reviewed").click()
    assert page.url.endswith(edit_url)
    assert page.locator(".messages").get_by_text(NOTICE).count() == 0
    screenshot(page, "machine-translation-5-reviewed")

    learner.goto(course.url)
    assert learner.locator(".notice--machine").count() == 0
    data = Client().get(f"/api/v1/courses/{course.pk}/").json()
    assert data["machine_translated"] is False
    assert data["reviewed_at"]
    learner.close()
