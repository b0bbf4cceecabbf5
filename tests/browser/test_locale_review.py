"""Review per language in a real browser: an editor adds a lesson to the Polish course and
submits it to the Polish review; a German reviewer can neither open nor approve it; a Polish
reviewer finds it on the dashboard, approves it, and it is on the site. Screenshots of each
step in tests/browser/screenshots/."""

import re

import pytest
from wagtail.models import WorkflowState

from courses.demo import accounts
from courses.models import LessonPage
from courses.review import ensure_locale_review
from courses.services import SiteStructure, ensure_locale_structure
from tests import factories
from tests.courses.translation_helpers import translate_fully

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct-horse-battery"
TITLE = "Współpraca w praktyce"


@pytest.fixture
def review_site(course, case_study_index, locales):
    """The course translated into Polish; the Polish and German trees with their reviews."""
    index = course.get_parent().specific
    structure = SiteStructure(
        home=index.get_parent().specific, course_index=index, case_study_index=case_study_index
    )
    reviews = {}
    for code in ("pl", "de"):
        translated = ensure_locale_structure(structure, locales[code])
        reviews[code] = ensure_locale_review(translated.home)
    pl_course = translate_fully(course, locales["pl"])
    users = {}
    for username, group in (
        ("editor", accounts.editors_group()),
        ("reviewer-pl", reviews["pl"].group),
        ("reviewer-de", reviews["de"].group),
    ):
        users[username] = factories.UserFactory(username=username)
        users[username].groups.add(group)
    return {"course": pl_course, "users": users}


def sign_in(browser, live_server, username):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=live_server.url)
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto("/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/admin/$"))
    return page


def test_a_polish_lesson_goes_to_the_polish_reviewers_and_only_they_approve_it(
    browser, live_server, review_site, screenshot
):
    course = review_site["course"]

    # The editor adds a lesson to the Polish course and submits it to the Polish review.
    editor = sign_in(browser, live_server, "editor")
    editor.goto(f"/admin/pages/add/courses/lessonpage/{course.pk}/")
    editor.locator("#id_title").fill(TITLE)
    editor.locator("#id_summary").fill("Jak partnerzy dzielą się pracą.")
    editor.locator("footer .w-dropdown__toggle").click()
    submit = editor.get_by_role("button", name="Submit to Polish review")
    screenshot(editor, "review-01-submit-to-polish-review", full_page=False)
    submit.click()
    editor.locator(".messages").get_by_text("submitted").wait_for()
    lesson = LessonPage.objects.get(title=TITLE)
    assert not lesson.live
    state = WorkflowState.objects.get(base_content_type__model="page", object_id=str(lesson.pk))
    assert state.workflow.name == "Polish review"
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    screenshot(editor, "review-02-submitted", full_page=False)
    editor.context.close()

    # A German reviewer has nothing to review and cannot open the Polish lesson.
    german = sign_in(browser, live_server, "reviewer-de")
    assert TITLE not in german.inner_text("main")
    german.goto(f"/admin/pages/{lesson.pk}/edit/")
    german.wait_for_url(re.compile(r"/admin/$"))
    assert "do not have permission" in german.inner_text("body")
    screenshot(german, "review-03-german-reviewer-refused", full_page=False)
    german.context.close()
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS

    # The Polish reviewer finds it on the dashboard, opens it and approves it.
    polish = sign_in(browser, live_server, "reviewer-pl")
    awaiting = polish.locator("section, .w-panel", has_text="Awaiting your review").first
    assert TITLE in awaiting.inner_text()
    screenshot(polish, "review-04-awaiting-polish-review", full_page=False)
    polish.goto(f"/admin/pages/{lesson.pk}/edit/")
    polish.locator("footer .w-dropdown__toggle").click()
    polish.get_by_role("button", name="Approve and Publish", exact=True).click()
    # Approving from the edit form saves the form, then approves: the last task publishes.
    polish.wait_for_url(re.compile(r"/admin/pages/\d+/$"))
    polish.locator(".messages").get_by_text("has been updated").wait_for()
    screenshot(polish, "review-05-approved", full_page=False)

    lesson = LessonPage.objects.get(pk=lesson.pk)
    state.refresh_from_db()
    assert lesson.live and state.status == WorkflowState.STATUS_APPROVED
    polish.goto(lesson.url)
    assert polish.locator("h1").inner_text() == TITLE
    screenshot(polish, "review-06-published-lesson")
    polish.context.close()
