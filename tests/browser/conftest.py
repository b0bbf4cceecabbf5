"""Browser tests: Playwright drives Debian's Chromium against pytest-django's live server.

They need /usr/bin/chromium (``apt-get install chromium``) and axe-core from npm
(``npm ci``). Without them the tests are skipped with the reason, except in CI (CI=true),
where a missing tool is an error: .ci/run installs both.
"""

import os
import shutil
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in this thread; the live server's ORM calls from
# the test body are still synchronous and safe.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("HARBOUR_CHROMIUM", "/usr/bin/chromium")
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def missing_tools():
    missing = []
    if not (Path(CHROMIUM).exists() or shutil.which("chromium")):
        missing.append("Chromium (apt-get install chromium)")
    if not AXE.exists():
        missing.append("axe-core (npm ci)")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        missing.append("Playwright for Python (pip install -e '.[dev]')")
    return missing


def pytest_collection_modifyitems(config, items):
    missing = missing_tools()
    if not missing:
        return
    if in_ci():
        # CI installs the tools (.ci/run): there a missing one fails the tests instead.
        return
    reason = "browser tests need " + ", ".join(missing)
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(pytest.mark.skip(reason=reason))


def in_ci():
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"}


@pytest.fixture(scope="session")
def browser():
    missing = missing_tools()
    if missing:
        pytest.fail("browser tests need " + ", ".join(missing))
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        executable = CHROMIUM if Path(CHROMIUM).exists() else shutil.which("chromium")
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def is_csp_violation(message):
    return "Content Security Policy" in message.text


@pytest.fixture
def page(browser, live_server):
    """A page of the live server. Every browser test runs under Harbour's Content-Security-
    Policy, the admin's included: a script or style it blocks fails the test."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=live_server.url)
    page = context.new_page()
    page.set_default_timeout(15_000)
    violations = []
    page.on("console", lambda message: is_csp_violation(message) and violations.append(message))
    yield page
    context.close()
    assert not violations, "blocked by the CSP:\n" + "\n".join(
        f"{message.location.get('url')}: {message.text}" for message in violations
    )


@pytest.fixture
def screenshot():
    SCREENSHOTS.mkdir(exist_ok=True)

    def take(page, name, full_page=True):
        page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=full_page)

    return take


@pytest.fixture
def axe_check():
    """Run axe-core on the page; fail on any serious or critical violation."""

    def check(page, label):
        # Evaluated from the test's side, as the CSP allows: a <script> tag would be inline.
        page.evaluate("(source) => { (0, eval)(source); }", AXE.read_text())
        result = page.evaluate("async () => await axe.run(document)")
        serious = [
            {
                "id": violation["id"],
                "impact": violation["impact"],
                "help": violation["help"],
                "nodes": [node["target"] for node in violation["nodes"]][:5],
            }
            for violation in result["violations"]
            if violation["impact"] in {"serious", "critical"}
        ]
        assert not serious, f"{label}: {serious}"
        return result

    return check
