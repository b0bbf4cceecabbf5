"""An editor opens Reports → Translation status in a real browser: the table of courses and
case studies against the locales, checked with axe-core, filtered with JavaScript off, and
a screenshot of each step in tests/browser/screenshots/."""

import pytest

from tests import factories
from tests.courses.translation_helpers import (
    lessons,
    republish,
    submit,
    translate_fully,
    translate_segments,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "harbour-editor-pass"
REPORT = "/admin/reports/translation-status/"


@pytest.fixture
def report_content(course, case_study_index, locales):
    """The fixture course fully in Polish and German, then a lesson changed in English; a
    case study half translated into Lithuanian; a course nobody translated."""
    for code in ("pl", "de"):
        translate_fully(course, locales[code])
        for lesson in lessons(course):
            translate_fully(lesson, locales[code])
    republish(lessons(course)[1], title="Finding partners abroad")
    study = factories.CaseStudyPageFactory(
        parent=case_study_index, locale=case_study_index.locale, title="Creative Ports"
    )
    submit(study, locales["lt"])
    translate_segments(study, locales["lt"], share=0.5)
    factories.CoursePageFactory(
        parent=course.get_parent(), locale=course.locale, title="Audiences abroad"
    )
    editor = factories.UserFactory(username="editor", is_staff=True, is_superuser=True)
    editor.set_password(PASSWORD)
    editor.save()
    return {"course": course, "study": study, "editor": editor}


def log_in(page, username):
    page.goto("/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.locator("form button[type=submit]").click()


def test_an_editor_reads_the_translation_status_and_filters_it(
    page, browser, live_server, report_content, screenshot, axe_check
):
    log_in(page, "editor")
    page.goto(REPORT)
    assert page.locator("h1").first.inner_text().strip() == "Translation status"
    table = page.locator(".ts-report table")
    assert table.locator("tbody tr").count() == 3
    course_row = table.locator("tbody tr", has_text=report_content["course"].title)
    assert course_row.locator("td .ts-state").nth(7).inner_text() == "Outdated"  # pl
    assert "Lesson: Finding partners abroad" in course_row.inner_text()
    assert course_row.get_by_role("link", name="Sync the course and its lessons").count() == 1
    page.locator(".ts-report details summary").click()
    # Wide enough for all nine languages side by side.
    page.set_viewport_size({"width": 1920, "height": 1200})
    screenshot(page, "translation-status-01-report")
    page.set_viewport_size({"width": 1280, "height": 900})
    axe_check(page, "translation status report")

    # The reports menu leads there.
    page.goto("/admin/")
    page.get_by_role("button", name="Reports").click()
    # The sub-menu is drawn by the admin's script after the click: wait for it.
    report_link = page.get_by_role("link", name="Translation status")
    report_link.wait_for(state="visible")
    assert report_link.count() == 1

    # The filters are a plain GET form: they work with JavaScript off.
    context = browser.new_context(
        java_script_enabled=False, base_url=live_server.url, viewport={"width": 1280, "height": 900}
    )
    no_js = context.new_page()
    try:
        log_in(no_js, "editor")
        no_js.goto(REPORT)
        no_js.select_option("#id_locale", "pl")
        no_js.select_option("#id_state", "outdated")
        with no_js.expect_navigation():
            no_js.get_by_role("button", name="Show").click()
        assert "locale=pl" in no_js.url and "state=outdated" in no_js.url
        rows = no_js.locator(".ts-report table tbody tr")
        assert rows.count() == 1
        assert report_content["course"].title in rows.first.inner_text()
        assert no_js.locator(".ts-report thead th").count() == 3  # title, English, Polish
        screenshot(no_js, "translation-status-02-filtered-no-js")

        no_js.goto(f"{REPORT}?locale=fi&state=up_to_date")
        assert "Nothing matches these filters." in no_js.inner_text("main")
        screenshot(no_js, "translation-status-03-empty")
    finally:
        context.close()

    # axe-core needs JavaScript: the filtered and the empty report are checked here.
    page.goto(f"{REPORT}?locale=pl&state=outdated")
    axe_check(page, "translation status report, filtered")
    page.goto(f"{REPORT}?locale=fi&state=up_to_date")
    axe_check(page, "translation status report, empty")

    # "Sync the course and its lessons" asks first, then syncs and comes back.
    page.goto(REPORT)
    page.get_by_role("link", name="Sync the course and its lessons").first.click()
    page.wait_for_url("**/sync/**")
    screenshot(page, "translation-status-04-sync")
    axe_check(page, "sync a course and its lessons")
    page.get_by_label("Publish immediately").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Sync", exact=True).click()
    assert page.url.endswith(REPORT)
    assert "Synced the translations of 4 pages" in page.inner_text("body")
    course_row = page.locator(".ts-report tbody tr", has_text=report_content["course"].title)
    assert course_row.locator("td .ts-state").nth(7).inner_text() == "In progress"
    screenshot(page, "translation-status-05-after-sync")
