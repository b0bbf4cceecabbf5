"""A partner's site on another origin uses the API from a browser, as its readers' browsers
would: a page served by a second server on another loopback port calls the API with
fetch(), reads the ETag, the language and the rate-limit quota through CORS, and
revalidates with If-None-Match for a 304. The API's docs page shows a lock only where a
login is needed. Screenshots in tests/browser/screenshots/."""

import http.server
import threading

import pytest

from tests import factories
from tests.api.contract import served_schema

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PARTNER_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Partner portal</title></head>
<body><h1>Courses from Harbour</h1>
<dl>
  <dt>First call</dt><dd id="first">…</dd>
  <dt>ETag</dt><dd id="etag">…</dd>
  <dt>Content-Language</dt><dd id="language">…</dd>
  <dt>RateLimit</dt><dd id="quota">…</dd>
  <dt>RateLimit-Policy</dt><dd id="policy">…</dd>
  <dt>Link</dt><dd id="link">…</dd>
  <dt>Second call, If-None-Match</dt><dd id="second">…</dd>
  <dt>RateLimit after it</dt><dd id="quota-after">…</dd>
</dl>
<ul id="courses"></ul>
<script>
const API = "%(api)s/api/v1/courses/?locale=pl&page_size=1&fields=title,url";
const show = (id, value) => { document.getElementById(id).textContent = value; };
(async () => {
  try {
    const first = await fetch(API, {cache: "no-store"});
    const body = await first.json();
    show("first", String(first.status));
    show("etag", first.headers.get("ETag"));
    show("language", first.headers.get("Content-Language"));
    show("quota", first.headers.get("RateLimit"));
    show("policy", first.headers.get("RateLimit-Policy"));
    show("link", first.headers.get("Link") || "none");
    for (const course of body.results) {
      const item = document.createElement("li");
      const link = document.createElement("a");
      link.href = course.url;
      link.textContent = course.title;
      item.append(link);
      document.getElementById("courses").append(item);
    }
    const second = await fetch(API, {
      cache: "no-store",
      headers: {"If-None-Match": first.headers.get("ETag")},
    });
    show("second", String(second.status));
    show("quota-after", second.headers.get("RateLimit"));
  } catch (error) {
    show("first", "failed: " + error);
  }
})();
</script></body></html>
"""


@pytest.fixture
def partner_site(live_server):
    """A static page on 127.0.0.1 at another port: another origin than the live server's."""
    page = (PARTNER_PAGE % {"api": live_server.url}).encode()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - http.server's name
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(page)))
            self.end_headers()
            self.wfile.write(page)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_a_partner_page_on_another_origin_revalidates_and_sees_its_quota(
    page, live_server, partner_site, course, settings, screenshot
):
    assert partner_site.split(":")[-1] != live_server.url.split(":")[-1]
    factories.CoursePageFactory(
        parent=course.get_parent(), locale=course.locale, title="Audiences abroad"
    )
    settings.CORS_ALLOWED_ORIGINS = [partner_site]
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "30/minute", "api_key": None, "user": None},
    }
    page.goto(partner_site + "/")
    page.wait_for_function("document.getElementById('second').textContent !== '…'")
    text = {
        name: page.locator(f"#{name}").inner_text()
        for name in ("first", "etag", "language", "quota", "policy", "link", "second")
    }
    text["quota-after"] = page.locator("#quota-after").inner_text()
    assert text["first"] == "200", text
    assert text["etag"].startswith('"') and text["etag"].endswith('"')
    # The course has no Polish translation: it comes in English, under /pl/ on the site.
    assert text["language"] == "en"
    assert text["policy"] == '"anon";q=30;w=60'
    assert text["quota"].startswith('"anon";r=29;t=')
    assert text["link"].startswith(f"<{live_server.url}/api/v1/courses/?")
    assert text["link"].endswith('page=2&page_size=1>; rel="next"')
    assert text["second"] == "304"
    assert text["quota-after"].startswith('"anon";r=28;t=')
    link = page.locator("#courses a")
    assert link.inner_text() == "Audiences abroad"
    assert link.get_attribute("href").startswith(f"{live_server.url}/pl/")
    screenshot(page, "partner-site-fetch")


def test_the_docs_page_shows_locks_only_on_the_learners_operations(
    page, live_server, locales, screenshot
):
    secured = {
        (method.upper(), path)
        for path, item in served_schema()["paths"].items()
        for method, operation in item.items()
        if isinstance(operation, dict) and operation.get("security")
    }
    assert ("GET", "/api/v1/enrolments/") in secured
    assert ("GET", "/api/v1/courses/") not in secured
    page.goto("/api/v1/docs/")
    page.wait_for_selector(".opblock")
    locked = set()
    for block in page.locator(".opblock:has(.authorization__btn)").all():
        method = block.locator(".opblock-summary-method").inner_text().strip()
        path = block.locator(".opblock-summary-path").inner_text().strip().replace("\u200b", "")
        locked.add((method, path))
    assert locked == secured
    assert page.locator(".opblock").count() > len(locked)
    screenshot(page, "api-docs-locks")
