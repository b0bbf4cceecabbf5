"""An editor's journey in the Wagtail admin, in a real browser: sign in, tick a course's
subsectors among the English ones, save a draft, look at the preview, publish, and find the
subsectors on the course's page. A screenshot of each step goes to tests/browser/screenshots/.

The admin is Wagtail's own markup, so axe-core checks only the learner's pages
(test_learner_journey.py)."""

import re

import pytest

from courses.models import CoursePage
from tests import factories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct-horse-battery"


@pytest.fixture
def subsectors(locales):
    """Three English subsectors, named in other languages too, as the demo's are."""
    names = {
        "design": ("Design", {"da": "Design", "de": "Design", "pl": "Wzornictwo"}),
        "music": ("Music", {"de": "Musik", "pl": "Muzyka"}),
        "games": ("Games", {"pl": "Gry"}),
    }
    english = {}
    for slug, (name, translations) in names.items():
        english[slug] = factories.SubsectorFactory(slug=slug, name=name)
        for code, translated in translations.items():
            copy = english[slug].copy_for_translation(locales[code])
            copy.name = translated
            copy.save()
    return english


@pytest.fixture
def editor(db):
    return factories.UserFactory(username="editor", is_staff=True, is_superuser=True)


def sign_in(page, user):
    page.goto("/admin/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/admin/$"))


def subsector_choices(page):
    """The labels of the subsectors' checkboxes, in their order."""
    labels = page.locator("label:has(input[type=checkbox][name=subsectors])")
    return [label.inner_text().strip() for label in labels.all()]


def test_an_editor_ticks_subsectors_previews_and_publishes_a_course(
    page, course, subsectors, editor, screenshot
):
    sign_in(page, editor)
    screenshot(page, "admin-01-dashboard", full_page=False)

    page.goto(f"/admin/pages/{course.pk}/edit/")
    page.locator("input[name=subsectors]").first.scroll_into_view_if_needed()
    # The English subsectors only, each named once, as checkboxes.
    assert subsector_choices(page) == ["Design", "Games", "Music"]
    assert page.locator("select[name=subsectors]").count() == 0
    page.get_by_label("Design", exact=True).check()
    page.get_by_label("Music", exact=True).check()
    screenshot(page, "admin-02-course-subsectors-ticked", full_page=False)

    # Save a draft.
    page.get_by_role("button", name="Save draft").click()
    page.wait_for_url(re.compile(rf"/admin/pages/{course.pk}/edit/$"))
    page.locator(".messages").get_by_text("has been updated").wait_for()
    draft = CoursePage.objects.get(pk=course.pk).get_latest_revision_as_object()
    assert sorted(s.slug for s in draft.subsectors.all()) == ["design", "music"]
    assert page.get_by_label("Design", exact=True).is_checked()
    screenshot(page, "admin-03-draft-saved", full_page=False)

    # The preview panel shows the page with its subsectors, not an error.
    page.locator("button[data-side-panel-toggle=preview]").click()
    preview = page.frame_locator("#w-preview-iframe")
    preview.locator("h1").wait_for()
    assert preview.locator("h1").inner_text() == course.title
    assert "Design, Music" in preview.locator("dl.facts").inner_text()
    assert page.locator("#w-preview-error-banner").is_hidden()
    preview.locator("dl.facts").scroll_into_view_if_needed()
    screenshot(page, "admin-04-preview", full_page=False)
    page.locator("button[data-side-panel-toggle=preview]").click()

    # Publish from the action menu.
    page.locator("footer .w-dropdown__toggle").click()
    page.locator("footer button[name=action-publish]").click()
    page.wait_for_url(re.compile(r"/admin/pages/\d+/$"))
    page.locator(".messages").get_by_text("has been published").wait_for()
    page.wait_for_load_state("networkidle")
    screenshot(page, "admin-05-published", full_page=False)

    # The learner's course page shows them.
    page.goto(f"/en/courses/{course.slug}/")
    facts = page.locator("dl.facts").inner_text()
    assert "Design, Music" in facts
    screenshot(page, "admin-06-course-page-en")
