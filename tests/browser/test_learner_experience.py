"""A Latvian learner's course in a real browser, from an empty dashboard to the completion
page: the catalogue link, the outline beside each lesson, "Mark as complete" on a lesson
without a quiz, quiz errors that keep the chosen answers, results after a redirect, the
lesson completed by passing its quiz, the printed name confirmed on the first certificate.
axe-core checks every new page; screenshots go to tests/browser/screenshots/."""

import re

import pytest

from tests.browser.test_learner_journey import site_content  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_latvian_learner_from_empty_dashboard_to_certificate(
    page,
    site_content,  # noqa: F811
    screenshot,
    axe_check,
):
    course = site_content
    page.goto("/lv/accounts/signup/")
    page.fill("#id_username", "ilze")
    page.fill("#id_first_name", "Ilze")
    page.fill("#id_last_name", "Bērziņa")
    page.fill("#id_email", "ilze@example.org")
    page.fill("#id_password1", "jūras-vējš-2026")
    page.fill("#id_password2", "jūras-vējš-2026")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/lv/learn/$"))

    # The empty dashboard leads to the catalogue.
    empty = page.locator(".dashboard__empty")
    assert empty.count() == 1
    axe_check(page, "empty dashboard")
    screenshot(page, "learner-01-dashboard-empty-lv")
    empty.locator("a.button").click()
    page.wait_for_url(re.compile(r"/lv/courses/$"))
    page.get_by_role("link", name=course.title).first.click()
    page.locator(".course-actions form button[type=submit]").click()
    page.wait_for_url(re.compile(rf"/lv/courses/{course.slug}/"))

    # Lesson 1: the outline beside it, opened means in progress; mark it done.
    page.locator(".syllabus a").first.click()
    page.wait_for_url(re.compile(r"/lesson-1/$"))
    outline = page.locator(".course-outline")
    assert outline.locator(".status--in_progress").count() == 1
    assert outline.locator(".course-outline__next").count() == 1
    axe_check(page, "lesson with outline")
    screenshot(page, "learner-02-lesson-outline-lv")
    page.locator(".lesson-actions form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/lesson-2/$"))

    # Lesson 2 has a quiz: no "Mark as complete", a note that the quiz completes it.
    assert page.locator(".lesson-actions form").count() == 0
    assert page.locator(".lesson-actions__blocked").count() == 1
    # A partial answer: the lesson again, the error inline, the chosen answer kept.
    page.locator("input[name='q-q1'][value='0']").check()
    with page.expect_navigation():
        page.locator("form.quiz button[type=submit]").click()
    assert page.locator("form.quiz [role=alert]").count() == 1
    assert page.locator(".quiz__question--error").count() == 1
    assert page.locator("input[name='q-q1'][value='0']").is_checked()
    assert "q2" not in page.locator(".quiz__error").inner_text()
    axe_check(page, "quiz errors")
    screenshot(page, "learner-03-quiz-errors-lv")

    page.locator("input[name='q-q2'][value='0']").check()
    page.locator("input[name='q-q2'][value='2']").check()
    with page.expect_navigation():
        page.locator("form.quiz button[type=submit]").click()
    # POST-redirect-GET: the result has its own address, and reloading it sends nothing.
    assert re.search(r"/quiz/[^/]+/attempts/\d+/$", page.url)
    page.reload()
    assert re.search(r"/attempts/\d+/$", page.url)
    axe_check(page, "quiz result")
    screenshot(page, "learner-04-quiz-result-lv")

    # The lesson is complete by the quiz; the attempt history is on it.
    page.goto(f"/lv/courses/{course.slug}/lesson-2/")
    assert page.locator(".lesson-actions__status--completed").count() == 1
    assert page.locator(".quiz-history li").count() == 1

    # Lesson 3 finishes the course: the completion page asks to confirm the name.
    page.goto(f"/lv/courses/{course.slug}/lesson-3/")
    page.locator(".lesson-actions form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/lv/learn/courses/\d+/completed/$"))
    assert "City of Vilnius" in page.locator("main").inner_text()
    assert page.locator("#id_first_name").input_value() == "Ilze"
    axe_check(page, "completion page")
    screenshot(page, "learner-05-completion-lv")
    page.fill("#id_last_name", "Bērziņa-Kalniņa")
    page.locator(".completion__name button[type=submit]").click()
    page.wait_for_url(re.compile(r"/lv/learn/courses/\d+/completed/$"))
    page.locator(".completion__certificate a.button").click()
    page.wait_for_url(re.compile(r"/lv/certificates/"))
    assert "Ilze Bērziņa-Kalniņa" in page.locator(".certificate__name").inner_text()
    screenshot(page, "learner-06-certificate-lv")

    # The dashboard: completed, nothing left to continue.
    page.goto("/lv/learn/")
    assert page.locator(".dashboard__resume").count() == 0
    page.set_viewport_size({"width": 360, "height": 780})
    page.goto(page.url)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    screenshot(page, "learner-07-dashboard-360-lv")


@pytest.mark.parametrize("language", ["et", "de"])
def test_the_course_page_at_360_pixels_puts_the_progress_first(
    page,
    site_content,  # noqa: F811
    screenshot,
    language,
):
    page.set_viewport_size({"width": 360, "height": 780})
    page.goto(f"/{language}/courses/{site_content.slug}/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    panel = page.locator(".layout--course > .panel").bounding_box()
    syllabus = page.locator(".syllabus").bounding_box()
    assert panel["y"] < syllabus["y"]
    screenshot(page, f"learner-course-360-{language}")
