"""The unsubscribe link of a new-lesson email, opened in a browser that is not logged in:
it asks to confirm, then turns the emails off; a changed link reads as such."""

from django.core import mail

from lms.models import Profile
from lms.services import emails
from tests import factories
from tests.lms.conftest import publish


def test_the_emailed_unsubscribe_link_works_without_logging_in(page, course, screenshot, axe_check):
    learner = factories.UserFactory()
    factories.ProfileFactory(user=learner, preferred_language="lv", lesson_emails=True)
    factories.EnrolmentFactory(user=learner, course=course)
    # The live server's test commits, so the email is queued (inline in tests) on commit.
    publish(
        factories.LessonPageFactory(
            parent=course, locale=course.locale, live=False, first_published_at=None
        )
    )
    assert len(mail.outbox) == 1
    link = mail.outbox[0].extra_headers["List-Unsubscribe"].strip("<>")
    path = link.removeprefix("http://testserver")
    assert path.startswith("/lv/learn/unsubscribe/")

    page.goto(path)
    screenshot(page, "email-unsubscribe-confirm-lv")
    axe_check(page, "unsubscribe")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    assert page.locator("[role=status]").is_visible()
    screenshot(page, "email-unsubscribe-done-lv")
    assert Profile.objects.get(user=learner).lesson_emails is False

    response = page.goto(f"/lv/learn/unsubscribe/{emails.unsubscribe_token(learner)}x/")
    assert response.status == 400
    assert page.locator("[role=alert]").is_visible()
    screenshot(page, "email-unsubscribe-invalid-lv")
    axe_check(page, "unsubscribe invalid")
