"""A SCORM 1.2 export in a browser, inside a page that plays the LMS: the page offers the
SCORM 1.2 ``API`` object (LMSInitialize, LMSGetValue, LMSSetValue, LMSCommit, LMSFinish) and
frames each SCO of the package, served from the zip; the lessons report their completion and
the quiz its score. Opened without an LMS, a lesson still grades its quiz. Screenshots in
tests/browser/screenshots/."""

import io
import mimetypes
import zipfile

import pytest
from django.test import RequestFactory
from lxml import etree

from courses import exports
from standards import packages

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

ORIGIN = "https://lms.example"
# The LMS side: records every call, as a real LMS's API adapter would see it.
LMS_PAGE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>LMS</title>
<script>
window.calls = [];
var data = {"cmi.core.lesson_status": "not attempted"};
window.API = {
  LMSInitialize: function (a) { calls.push(["LMSInitialize"]); return "true"; },
  LMSGetValue: function (k) { calls.push(["LMSGetValue", k]); return data[k] || ""; },
  LMSSetValue: function (k, v) { calls.push(["LMSSetValue", k, v]); data[k] = v; return "true"; },
  LMSCommit: function (a) { calls.push(["LMSCommit"]); return "true"; },
  LMSFinish: function (a) { calls.push(["LMSFinish"]); return "true"; },
  LMSGetLastError: function () { return "0"; },
  LMSGetErrorString: function () { return ""; },
  LMSGetDiagnostic: function () { return ""; }
};
</script></head><body><iframe title="lesson" src="%s" width="900" height="800"></iframe>
</body></html>"""


@pytest.fixture
def package(course):
    request = RequestFactory().get("/", HTTP_HOST="localhost")
    files = zipfile.ZipFile(io.BytesIO(exports.export(request, course, "scorm12").content))
    return {name: files.read(name) for name in files.namelist()}


@pytest.fixture
def lms(browser, package):
    context = browser.new_context(viewport={"width": 1000, "height": 900})

    def serve(route):
        path = route.request.url.removeprefix(f"{ORIGIN}/")
        if path.startswith("lms/"):
            body = (LMS_PAGE % f"/pkg/{path.removeprefix('lms/')}").encode()
            return route.fulfill(status=200, body=body, content_type="text/html")
        name = path.removeprefix("pkg/")
        if name not in package:
            return route.fulfill(status=404, body=b"")
        kind = mimetypes.guess_type(name)[0] or "application/octet-stream"
        return route.fulfill(status=200, body=package[name], content_type=kind)

    context.route(f"{ORIGIN}/**", serve)
    yield context.new_page()
    context.close()


def sco_hrefs(package):
    manifest = etree.fromstring(package["imsmanifest.xml"])
    ns = {"cp": packages.SCORM_CP, "adlcp": packages.SCORM_ADLCP}
    return [r.get("href") for r in manifest.iterfind(".//cp:resource[@adlcp:scormtype='sco']", ns)]


def test_lessons_report_completion_and_the_quiz_its_score_to_the_lms(lms, package, screenshot):
    first, quiz, _third = sco_hrefs(package)

    lms.goto(f"{ORIGIN}/lms/{first}")
    lms.frame_locator("iframe").get_by_role("heading", name="Lesson 1").wait_for()
    calls = lms.evaluate("window.calls")
    assert calls[0] == ["LMSInitialize"]
    assert ["LMSSetValue", "cmi.core.lesson_status", "completed"] in calls

    lms.goto(f"{ORIGIN}/lms/{quiz}")
    frame = lms.frame_locator("iframe")
    frame.get_by_label("Goethe-Institut").check()
    frame.get_by_label("Rostock").check()
    frame.get_by_label("Oslo").check()  # wrong: question 2 is not right
    frame.get_by_role("button", name="Check my answers").click()
    assert frame.get_by_role("status").inner_text() == "50% ✓"
    calls = lms.evaluate("window.calls")
    assert ["LMSSetValue", "cmi.core.lesson_status", "incomplete"] in calls
    assert ["LMSSetValue", "cmi.core.score.raw", "50"] in calls
    assert ["LMSSetValue", "cmi.core.lesson_status", "passed"] in calls  # pass mark 50
    assert calls[-1] == ["LMSCommit"]
    screenshot(lms, "scorm-1-quiz-scored-in-lms")

    frame.get_by_label("City of Kiel").check()
    frame.get_by_role("button", name="Check my answers").click()
    assert frame.get_by_role("status").inner_text() == "0% ✗"
    calls = lms.evaluate("window.calls")
    assert calls[-3:] == [
        ["LMSSetValue", "cmi.core.score.raw", "0"],
        ["LMSSetValue", "cmi.core.lesson_status", "failed"],
        ["LMSCommit"],
    ]

    lms.goto(f"{ORIGIN}/pkg/{quiz}")  # no LMS around it
    lms.get_by_label("Goethe-Institut").check()
    lms.get_by_label("Rostock").check()
    lms.get_by_label("Elbląg").check()
    lms.get_by_role("button", name="Check my answers").click()
    assert lms.get_by_role("status").inner_text() == "100% ✓"
    screenshot(lms, "scorm-2-quiz-without-lms")
