"""LTI 1.3 in a browser: a small platform page on 127.0.0.1 (lti1p3platform behind it,
tests/lti/platform.py) frames Harbour's login initiation, served from localhost: another
site, so the launch runs as a third party in the iframe, as in Moodle or Canvas. The
learner lands on the lesson in Polish, signed in, passes its quiz inside the frame (the
session and CSRF cookies cross sites: SameSite=None; Secure; Partitioned), and the score reaches the
platform's gradebook. Screenshots in tests/browser/screenshots/."""

import re

import pytest
from playwright.sync_api import expect

from lti import keys
from tests.lti.platform import PlatformServer
from tests.pages.conftest import publish_translation_of_ancestors, translate_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def tool_key(settings, tmp_path):
    settings.HARBOUR_LTI_KEY_FILE = tmp_path / "lti-rsa.pem"
    keys.create_key(settings.HARBOUR_LTI_KEY_FILE)


@pytest.fixture
def platform(live_server, tool_key):
    with PlatformServer(harbour=live_server.url) as platform:
        platform.register_in_harbour()
        yield platform


def test_a_lesson_launched_in_the_platforms_iframe_opens_signed_in_and_its_score_comes_back(
    browser, live_server, platform, course, screenshot
):
    lesson = course.get_lessons().specific()[1]
    translate_page(course, "pl", title="Współpraca transgraniczna", slug="kurs")
    publish_translation_of_ancestors(course, "pl")
    translate_page(lesson, "pl", title="Lekcja z quizem", slug="lekcja-z-quizem")
    platform.browser_target = f"{live_server.url}/lti/resource/lesson/{lesson.translation_key}/"
    assert live_server.url.startswith("http://localhost:")  # another site than 127.0.0.1

    context = browser.new_context(viewport={"width": 1100, "height": 800})
    page = context.new_page()
    page.set_default_timeout(15_000)
    violations = []
    page.on("console", lambda m: "Content Security Policy" in m.text and violations.append(m.text))
    page.goto(f"{platform.url}/course")
    frame = page.frame_locator("#tool")
    expect(frame.locator("h1")).to_have_text("Lekcja z quizem")
    tool = next(f for f in page.frames if f.url.startswith(live_server.url))
    assert re.search(r"/pl/.+/lekcja-z-quizem/$", tool.url)
    screenshot(page, "lti-01-lesson-in-platform-iframe", full_page=False)

    # The quiz inside the frame: a POST that needs the session and CSRF cookies.
    frame.locator("input[name='q-q1'][value='0']").check()
    frame.locator("input[name='q-q2'][value='0']").check()
    frame.locator("input[name='q-q2'][value='2']").check()
    frame.locator("form.quiz button[type=submit]").click()
    expect(frame.locator("main")).to_contain_text("Zaliczono", timeout=15_000)
    frame.get_by_text("Zaliczono").first.scroll_into_view_if_needed()
    screenshot(page, "lti-02-quiz-passed-in-platform-iframe", full_page=False)

    cookies = {c["name"]: c for c in context.cookies(live_server.url)}
    session = cookies["sessionid"]
    assert session["sameSite"] == "None" and session["secure"]
    # Partitioned (CHIPS): kept for Harbour inside this platform only; Chromium drops an
    # unpartitioned third-party cookie.
    assert session["partitionKey"] == "http://127.0.0.1"
    assert [score["scoreGiven"] for _column, score, _headers in platform.scores] == [100]
    assert platform.scores[0][1]["userId"] == "platform-user-1"
    context.close()
    assert not violations, violations


def test_a_teacher_adds_a_lesson_from_the_picker_in_the_platforms_iframe_in_german(
    browser, live_server, platform, course, screenshot, axe_check
):
    lesson = course.get_lessons().specific()[1]
    translate_page(course, "de", title="Grenzüberschreitende Zusammenarbeit", slug="kurs")
    publish_translation_of_ancestors(course, "de")
    context = browser.new_context(viewport={"width": 1100, "height": 800})
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{platform.url}/course?add=1")
    frame = page.frame_locator("#tool")
    expect(frame.locator("html")).to_have_attribute("lang", "de")  # the teacher's language
    expect(frame.locator(".cards")).to_contain_text("Grenzüberschreitende Zusammenarbeit")
    frame.locator(".cards details summary").first.click()
    screenshot(page, "lti-03-deep-linking-picker-de", full_page=False)
    picker = next(f for f in page.frames if f.url.startswith(live_server.url))
    axe_check(picker, "deep linking picker")
    frame.locator(f"form:has(input[value='{lesson.translation_key}']) button").click()
    expect(frame.locator("#added")).to_have_text("Added to the course.")
    [items] = platform.deep_links
    assert items[0]["url"].endswith(f"/lti/resource/lesson/{lesson.translation_key}/")
    assert items[0]["lineItem"]["scoreMaximum"] == 100
    context.close()
