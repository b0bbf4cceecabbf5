"""A new visitor's whole journey in a real browser, in Lithuanian and then English, with an
accessibility check (axe-core) of every page type on the way and a screenshot of each step
in tests/browser/screenshots/."""

import re
from decimal import Decimal

import pytest

from tests import factories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def site_content(course, case_study_index):
    """The fixture course (three lessons, a quiz in the second), a case study and partners."""
    country = factories.CountryFactory(code="LT", name="Lithuania")
    design = factories.SubsectorFactory(slug="design", name="Design")
    partner = factories.PartnerFactory(
        name="City of Vilnius",
        slug="city-of-vilnius",
        city="Vilnius",
        country=country,
        latitude=Decimal("54.6872"),
        longitude=Decimal("25.2797"),
        description="A Creative Ports partner.",
    )
    partner.subsectors.set([design])
    partner.save()
    course.partners.set([partner])
    course.subsectors.set([design])
    course.save_revision().publish()
    factories.CaseStudyPageFactory(
        parent=case_study_index,
        locale=case_study_index.locale,
        title="Creative Ports",
        slug="creative-ports",
        challenge="<p>Fourteen partners in eight countries.</p>",
    )
    return course


def answer_quiz(page):
    # Question 1: choice 0 is right; question 2: choices 0 and 2.
    page.locator("input[name='q-q1'][value='0']").check()
    page.locator("input[name='q-q2'][value='0']").check()
    page.locator("input[name='q-q2'][value='2']").check()
    with page.expect_navigation():
        page.locator("form.quiz button[type=submit]").click()


def switch_language(page, code):
    page.locator(".lang-switcher summary").click()
    page.locator(f".lang-switcher a[hreflang='{code}']").click()


def test_signup_in_lithuanian_learn_pass_quiz_switch_to_english_and_verify_certificate(
    page, site_content, screenshot, axe_check
):
    course = site_content
    course_path = f"/lt/courses/{course.slug}/"

    # A new visitor arrives in Lithuanian.
    page.goto("/lt/")
    assert page.locator("html").get_attribute("lang") == "lt"
    screenshot(page, "01-home-lt")
    axe_check(page, "home")

    page.get_by_role("link", name="Registruotis").first.click()
    page.wait_for_url(re.compile(r"/lt/accounts/signup/"))
    axe_check(page, "signup")
    page.fill("#id_username", "ruta")
    page.fill("#id_first_name", "Rūta")
    page.fill("#id_last_name", "Petraitė")
    page.fill("#id_email", "ruta@example.org")
    page.fill("#id_password1", "kopų-vėjas-2026")
    page.fill("#id_password2", "kopų-vėjas-2026")
    screenshot(page, "02-signup-lt")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/lt/learn/"))
    screenshot(page, "03-dashboard-empty-lt")

    # The catalogue and the course, served in English with a notice, in the Lithuanian UI.
    page.locator(".site-nav").get_by_role("link", name="Kursai").click()
    page.wait_for_url(re.compile(r"/lt/courses/$"))
    axe_check(page, "catalogue")
    screenshot(page, "04-catalogue-lt")
    page.get_by_role("link", name=course.title).first.click()
    page.wait_for_url(re.compile(course_path + "$"))
    assert "Lietuvių" in page.locator(".notice[role=note]").inner_text()
    axe_check(page, "course")
    page.get_by_role("button", name="Registruotis į šį kursą").click()
    page.wait_for_url(re.compile(course_path))
    screenshot(page, "05-course-enrolled-lt")

    # Lesson 1: read it and mark it complete; the next lesson opens.
    page.locator(".syllabus a").first.click()
    page.wait_for_url(re.compile(course_path + "lesson-1/"))
    assert "Lesson 1 text." in page.locator("article").inner_text()
    axe_check(page, "lesson")
    screenshot(page, "06-lesson-1-lt")
    page.get_by_role("button", name="Pažymėti kaip baigtą").click()
    page.wait_for_url(re.compile(r"/lt/courses/.+/lesson-2/"))

    # Lesson 2: pass the quiz.
    screenshot(page, "07-lesson-2-quiz-lt")
    answer_quiz(page)
    assert "Išlaikyta" in page.locator("main").inner_text()
    axe_check(page, "quiz result")
    screenshot(page, "08-quiz-passed-lt")

    # The dashboard shows the progress.
    page.get_by_role("link", name="Mano mokymasis").click()
    page.wait_for_url(re.compile(r"/lt/learn/$"))
    dashboard = page.locator("main").inner_text()
    assert course.title in dashboard
    progress_lt = page.locator("main progress").first.get_attribute("value")
    assert int(float(progress_lt)) > 0
    axe_check(page, "dashboard")
    screenshot(page, "09-dashboard-progress-lt")

    # Switch to English: same page, same progress.
    switch_language(page, "en")
    page.wait_for_url(re.compile(r"/en/learn/$"))
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("main progress").first.get_attribute("value") == progress_lt
    screenshot(page, "10-dashboard-en")

    # Finish the course in English: every lesson complete gives a certificate.
    for lesson in course.get_lessons():
        page.goto(f"/en/courses/{course.slug}/{lesson.slug}/")
        complete = page.get_by_role("button", name="Mark as complete")
        if complete.count():
            with page.expect_navigation():
                complete.click()
    page.goto(f"/en/courses/{course.slug}/")
    assert "You have completed this course." in page.locator("main").inner_text()
    screenshot(page, "11-course-complete-en")
    page.get_by_role("link", name="Your certificate").click()
    page.wait_for_url(re.compile(r"/en/certificates/"))
    axe_check(page, "certificate")
    screenshot(page, "12-certificate-en")
    code = page.url.rstrip("/").rsplit("/", 1)[-1]

    # Anyone can check it.
    page.goto("/en/certificates/verify/")
    axe_check(page, "verify form")
    page.fill("input[name=code]", code)
    with page.expect_navigation():
        page.get_by_role("button", name="Check", exact=True).click()
    assert "This certificate is genuine." in page.locator("main").inner_text()
    axe_check(page, "verify result")
    screenshot(page, "13-certificate-verified-en")

    # The learner's own account pages.
    page.goto("/en/learn/profile/")
    axe_check(page, "profile")
    screenshot(page, "14-profile-en")


@pytest.mark.parametrize(
    "path, name",
    [
        ("/en/case-studies/", "case-study-list"),
        ("/en/case-studies/creative-ports/", "case-study"),
        ("/en/partners/", "partners"),
        ("/en/partners/city-of-vilnius/", "partner"),
        ("/en/search/?q=lesson", "search"),
        ("/en/accounts/login/", "login"),
        ("/lt/no-such-page/", "not-found"),
    ],
)
def test_other_page_types_pass_the_accessibility_check(
    page, site_content, axe_check, screenshot, path, name
):
    page.goto(path)
    axe_check(page, name)
    screenshot(page, f"page-{name}-1280")


@pytest.mark.parametrize(
    "path",
    [
        "/lt/",
        "/lt/courses/",
        "/lt/courses/{course}/",
        "/lt/courses/{course}/lesson-2/",
        "/lt/partners/",
        "/lt/case-studies/",
        "/lt/search/?q=lesson",
    ],
)
def test_pages_fit_a_360_pixel_screen(page, site_content, screenshot, path):
    page.set_viewport_size({"width": 360, "height": 780})
    path = path.format(course=site_content.slug)
    page.goto(path)
    # No horizontal scrolling.
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    name = re.sub(r"[^a-z0-9]+", "-", path.strip("/")) or "home"
    screenshot(page, f"mobile-{name}")


def test_course_page_works_without_javascript(browser, live_server, site_content):
    context = browser.new_context(java_script_enabled=False, base_url=live_server.url)
    page = context.new_page()
    page.goto("/en/courses/")
    page.select_option("select[name=level]", "beginner")
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url(re.compile(r"level=beginner"))
    assert site_content.title in page.locator("main").inner_text()
    page.locator(".lang-switcher summary").click()
    page.locator(".lang-switcher a[hreflang='pl']").click()
    page.wait_for_url(re.compile(r"/pl/courses/\?.*level=beginner"))
    assert page.locator("html").get_attribute("lang") == "pl"
    context.close()
