"""Open Badges in a real browser: a learner downloads their certificate's credential, a
verifier uploads it on the verify page, an admin revokes the certificate in the Django admin,
and the same file is then reported revoked. Screenshots in tests/browser/screenshots/."""

import pytest

from lms import services
from tests import factories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def upload(page, path):
    page.goto("/en/certificates/verify/")
    page.get_by_label("Credential file").set_input_files(str(path))
    with page.expect_navigation():
        page.get_by_role("button", name="Check the file").click()


def test_download_check_revoke_and_check_again(page, course, screenshot, axe_check, tmp_path):
    learner = factories.UserFactory(first_name="Ada", last_name="Nowak")
    enrolment, _created = services.enrol(learner, course)
    certificate = services.issue_certificate(enrolment, course)
    staff = factories.UserFactory(is_staff=True, is_superuser=True)

    page.goto(f"/en/certificates/{certificate.code}/")
    link = page.get_by_role("link", name="Download the credential (Open Badges 3.0, JSON)")
    with page.expect_download() as download:
        link.click()
    assert download.value.suggested_filename == f"harbour-certificate-{certificate.code}.json"
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    screenshot(page, "open-badges-1-certificate-with-download")

    upload(page, saved)
    result = page.locator("[data-credential]")
    assert result.get_attribute("data-credential") == "valid"
    assert "Ada Nowak" in result.inner_text()
    axe_check(page, "verify page, credential checked")
    screenshot(page, "open-badges-2-credential-genuine")

    # The badge image, with the credential baked in: a picture, and checkable as the JSON is.
    page.goto(f"/en/certificates/{certificate.code}/")
    link = page.get_by_role(
        "link", name="Download the badge image (SVG, with the credential baked in)"
    )
    with page.expect_download() as download:
        link.click()
    assert download.value.suggested_filename == f"harbour-certificate-{certificate.code}.svg"
    badge = tmp_path / download.value.suggested_filename
    download.value.save_as(badge)
    page.goto(f"/api/v1/certificates/{certificate.code}/credential.svg")
    assert page.get_by_text("Ada Nowak", exact=True).is_visible()
    screenshot(page, "open-badges-2b-baked-badge-image", full_page=False)
    upload(page, badge)
    assert page.locator("[data-credential]").get_attribute("data-credential") == "valid"
    screenshot(page, "open-badges-2c-baked-badge-genuine")

    # A changed file: the proof no longer matches.
    changed = tmp_path / "changed.json"
    changed.write_text(saved.read_text().replace("Ada Nowak", "Eve Nowak"))
    upload(page, changed)
    assert page.locator("[data-credential]").get_attribute("data-credential") == "invalid"
    screenshot(page, "open-badges-3-credential-changed")

    page.goto("/django-admin/login/?next=/django-admin/lms/certificate/")
    page.get_by_label("Username").fill(staff.username)
    page.get_by_label("Password").fill("correct-horse-battery")
    with page.expect_navigation():
        page.get_by_role("button", name="Log in").click()
    page.locator(f"tr:has-text('{certificate.code}') input[name='_selected_action']").check()
    page.locator("select[name='action']").select_option("revoke")
    with page.expect_navigation():
        page.get_by_role("button", name="Go").click()
    assert "1 certificate revoked." in page.locator(".messagelist").inner_text()
    screenshot(page, "open-badges-4-admin-revoked")

    upload(page, saved)
    assert page.locator("[data-credential]").get_attribute("data-credential") == "revoked"
    axe_check(page, "verify page, revoked credential")
    screenshot(page, "open-badges-5-credential-revoked")
    page.goto(f"/en/certificates/{certificate.code}/")
    assert "This certificate was revoked." in page.locator("main").inner_text()
    screenshot(page, "open-badges-6-certificate-revoked")
