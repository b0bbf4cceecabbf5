"""Security headers: a Content-Security-Policy without 'unsafe-inline' for scripts on the
site, the API and its docs, and the admin; a Permissions-Policy; and no inline script or
event handler in Harbour's templates. The browser tests run under the same policy and fail
on anything it blocks (tests/browser/conftest.py)."""

import re
from pathlib import Path

import pytest
from django.test import Client

ROOT = Path(__file__).resolve().parent.parent.parent
TEMPLATE_DIRS = [ROOT / "templates", ROOT / "lms" / "templates", ROOT / "courses", ROOT / "search"]

pytestmark = pytest.mark.django_db


def directives(response):
    header = response["Content-Security-Policy"]
    parsed = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            parsed[words[0]] = words[1:]
    return parsed


@pytest.mark.parametrize(
    "path",
    ["/en/", "/en/accounts/login/", "/api/v1/courses/", "/api/v1/docs/", "/admin/login/"],
)
def test_every_kind_of_page_has_a_csp_without_inline_scripts(home, path):
    response = Client().get(path)
    assert response.status_code == 200
    policy = directives(response)
    assert "'self'" in policy["script-src"]
    # Wagtail's editor runs inline scripts; Harbour's pages and the API run none.
    assert ("'unsafe-inline'" in policy["script-src"]) == path.startswith("/admin/")
    assert "'unsafe-eval'" not in policy["script-src"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'self'"]
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]
    assert "Content-Security-Policy-Report-Only" not in response


def test_an_error_of_the_api_has_the_headers_too(db):
    response = Client().get("/api/v1/nowhere/")
    assert response.status_code == 404
    assert "'unsafe-inline'" not in directives(response)["script-src"]


def test_the_api_docs_load_their_script_from_a_file(home):
    page = Client().get("/api/v1/docs/").content.decode()
    scripts = re.findall(r"<script\b([^>]*)>", page)
    assert scripts and all("src=" in attributes for attributes in scripts), scripts
    start_up = re.search(r'<script src="([^"]*script[^"]*)"', page).group(1)
    response = Client().get(start_up.replace("&amp;", "&"))
    assert response.status_code == 200
    assert "SwaggerUIBundle" in response.content.decode()


def template_files():
    for directory in TEMPLATE_DIRS:
        yield from directory.rglob("*.html")


def test_harbours_templates_have_no_inline_script_or_event_handler():
    found = []
    for path in template_files():
        text = path.read_text()
        for match in re.finditer(r"<script\b([^>]*)>", text):
            attributes = match.group(1)
            if "src=" not in attributes and "application/json" not in attributes:
                if "nonce=" not in attributes:
                    found.append(f"{path.relative_to(ROOT)}: inline <script{attributes}>")
        for match in re.finditer(r"<[a-z][^>]*\son[a-z]+\s*=", text):
            found.append(f"{path.relative_to(ROOT)}: event handler in {match.group(0)[:60]}")
    assert not found, found
