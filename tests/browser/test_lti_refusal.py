"""A platform posts a launch Harbour cannot check: the learner's browser shows why, in the
learner's language, with the LTI library's own (English) words apart for the administrator."""

import pytest
from django.utils import translation
from django.utils.translation import gettext

from tests.browser.conftest import is_csp_violation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_garbled_launch_is_refused_in_lithuanian(browser, live_server, screenshot, axe_check):
    context = browser.new_context(locale="lt-LT", viewport={"width": 390, "height": 844})
    page = context.new_page()
    violations = []
    page.on("console", lambda message: is_csp_violation(message) and violations.append(message))
    # The platform's auto-submitted form, as a learning platform sends it.
    page.set_content(
        f'<form method="post" action="{live_server.url}/lti/launch/">'
        '<input name="state" value="state-x"><input name="id_token" value="a.b.c">'
        '<button type="submit">Launch</button></form>'
    )
    with page.expect_navigation():
        page.click("button")
    with translation.override("lt"):
        reason = gettext(
            "The launch could not be checked: the platform's message is not signed, addressed "
            "or formed as LTI 1.3 asks, or it has expired."
        )
        title = gettext("The launch from your learning platform was refused")
    assert page.locator("h1").inner_text() == title
    assert page.locator("[role=alert]").inner_text().strip() == reason
    detail = page.locator('code[lang="en"]')
    assert detail.is_visible() and "Error:" not in detail.inner_text()
    screenshot(page, "lti-refusal-lt")
    axe_check(page, "LTI refusal")
    context.close()
    assert not violations
