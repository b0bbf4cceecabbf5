"""An editor's journey in the Wagtail admin, in a real browser: sign in, tick a course's
subsectors among the English ones, save a draft, look at the preview, publish, and find the
subsectors on the course's page. Then in Estonian: translate the course with its lessons in
one action, translate segments in wagtail-localize's editor, publish, find it on /et/ and in
the API, change the English, see "Outdated" in the translation status report, sync, see the
untranslated string marked lang="en", translate it, see "Up to date", preview a draft. A
screenshot of each step goes to tests/browser/screenshots/.

The admin is Wagtail's own markup, so axe-core checks only the learner's pages
(test_learner_journey.py)."""

import re

import pytest
from wagtail.models import Locale

from courses.models import CoursePage, LessonPage
from courses.services import SiteStructure, ensure_locale_structure
from tests import factories
from tests.courses.test_machine_translation import DUMMY

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


# --- Estonian: translate a course with its lessons, publish, change the English, sync --------

REPORT = "/admin/reports/translation-status/?locale=et"


@pytest.fixture
def estonian_site(course, case_study_index, locales, settings):
    """The fixture course, and the Estonian home page and indexes it is translated under
    (translated through wagtail-localize, as ensure_locale_structure makes them). The
    dummy machine translator stands in for DeepL, with no network."""
    settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {"CLASS": DUMMY, "OPTIONS": {}}
    index = course.get_parent().specific
    structure = SiteStructure(
        home=index.get_parent().specific, course_index=index, case_study_index=case_study_index
    )
    ensure_locale_structure(structure, locales["et"])
    return course


def report_state(page):
    """The course's state in Estonian, in the report filtered to Estonian."""
    page.goto(REPORT)
    return page.locator(".ts-report tbody tr").first.locator(".ts-state").first.inner_text()


def translate_in_editor(page, strings):
    """In wagtail-localize's segment editor: translate each (English, Estonian) by hand and
    save it, then the rest by machine."""
    for english, estonian in strings:
        segment = page.locator("li", has=page.get_by_text(english, exact=True)).last
        segment.get_by_role("button", name="Translate").click()
        segment.locator("textarea").fill(estonian)
        segment.get_by_role("button", name="Save").click()
        segment.get_by_text(estonian, exact=True).wait_for()


def publish_in_estonian(page):
    with page.expect_navigation():
        page.get_by_role("button", name="Publish in Eesti").click()


def test_an_editor_translates_a_course_with_its_lessons_into_estonian_and_keeps_it_in_step(
    page, estonian_site, subsectors, editor, screenshot
):
    course = estonian_site
    et = Locale.objects.get(language_code="et")
    sign_in(page, editor)

    # Subsectors first, among the English ones; publish.
    page.goto(f"/admin/pages/{course.pk}/edit/")
    page.get_by_label("Design", exact=True).check()
    page.locator("footer .w-dropdown__toggle").click()
    page.locator("footer button[name=action-publish]").click()
    page.locator(".messages").get_by_text("has been published").wait_for()
    screenshot(page, "estonian-01-subsectors-published", full_page=False)

    # Translate the course with its lessons into Estonian, in one action.
    page.goto(f"/admin/localize/submit/page/{course.pk}/")
    page.get_by_label("Eesti").check()
    page.get_by_label("Include subtree").check()
    screenshot(page, "estonian-02-translate-with-subtree", full_page=False)
    with page.expect_navigation():
        page.get_by_role("button", name="Submit").click()
    estonian = CoursePage.objects.get(translation_key=course.translation_key, locale=et)
    lessons = list(LessonPage.objects.child_of(estonian).order_by("path"))
    assert len(lessons) == 3 and not estonian.live

    # The segment editor: the title by hand, the rest by machine; then publish.
    page.goto(f"/admin/pages/{estonian.pk}/edit/")
    translate_in_editor(page, [(course.title, "Piiriülene koostöö")])
    screenshot(page, "estonian-03-segment-saved", full_page=False)
    with page.expect_navigation():
        page.get_by_role("button", name="Translate with Dummy translator").click()
    publish_in_estonian(page)
    for number, lesson in enumerate(lessons, start=1):
        page.goto(f"/admin/pages/{lesson.pk}/edit/")
        translate_in_editor(page, [(f"Lesson {number}", f"Õppetund {number}")])
        with page.expect_navigation():
            page.get_by_role("button", name="Translate with Dummy translator").click()
        publish_in_estonian(page)
    screenshot(page, "estonian-04-lesson-published", full_page=False)
    estonian.refresh_from_db()
    assert estonian.live and estonian.title == "Piiriülene koostöö"

    # On the site in Estonian, and in the API.
    page.goto("/et/")
    assert page.locator("html").get_attribute("lang") == "et"
    page.goto(estonian.url)
    assert page.locator("h1").inner_text() == "Piiriülene koostöö"
    assert "Õppetund 1" in page.inner_text("main")
    screenshot(page, "estonian-05-course-page-et")
    api = page.request.get("/api/v1/courses/?locale=et").json()
    item = next(i for i in api["results"] if i["translation_key"] == str(course.translation_key))
    assert (item["locale"], item["title"], item["is_fallback"]) == (
        "et",
        "Piiriülene koostöö",
        False,
    )
    assert report_state(page) == "Up to date"
    screenshot(page, "estonian-06-report-up-to-date", full_page=False)

    # The English changes: outdated until synced.
    page.goto(f"/admin/pages/{course.pk}/edit/")
    page.locator("#id_summary").fill("Cooperation across borders, step by step.")
    page.locator("footer .w-dropdown__toggle").click()
    page.locator("footer button[name=action-publish]").click()
    page.locator(".messages").get_by_text("has been published").wait_for()
    assert report_state(page) == "Outdated"
    screenshot(page, "estonian-07-report-outdated", full_page=False)

    # Sync the course and its lessons, then translate the new string.
    page.get_by_role("link", name="Sync the course and its lessons").first.click()
    page.get_by_label("Publish immediately").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Sync", exact=True).click()
    assert page.locator(".ts-report tbody tr").first.locator(".ts-state").first.inner_text() == (
        "In progress"
    )
    screenshot(page, "estonian-08-synced-in-progress", full_page=False)
    # Until then the Estonian page serves the new summary in English, and says so.
    page.goto(estonian.url)
    assert page.locator("p.lead").get_attribute("lang") == "en"
    assert page.locator("h1").get_attribute("lang") is None
    screenshot(page, "estonian-08b-english-summary-marked", full_page=False)
    detail = page.request.get(f"/api/v1/courses/{estonian.pk}/").json()
    assert detail["untranslated_segments"] == 1
    page.goto(f"/admin/pages/{estonian.pk}/edit/")
    translate_in_editor(
        page, [("Cooperation across borders, step by step.", "Koostöö üle piiride, samm-sammult.")]
    )
    publish_in_estonian(page)
    assert report_state(page) == "Up to date"
    screenshot(page, "estonian-09-report-up-to-date-again", full_page=False)

    # A draft of the English course, previewed before anyone publishes it.
    page.goto(f"/admin/pages/{course.pk}/edit/")
    page.locator("#id_title").fill("Working across borders, revised")
    page.get_by_role("button", name="Save draft").click()
    page.locator(".messages").get_by_text("has been updated").wait_for()
    page.locator("button[data-side-panel-toggle=preview]").click()
    preview = page.frame_locator("#w-preview-iframe")
    preview.locator("h1").wait_for()
    assert preview.locator("h1").inner_text() == "Working across borders, revised"
    assert page.locator("#w-preview-error-banner").is_hidden()
    screenshot(page, "estonian-10-draft-preview", full_page=False)
