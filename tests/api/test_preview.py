"""Headless preview: a signed, short-lived token opens a draft in the API's own format, and
nothing else does; the admin's preview offers the partner front end when one is set."""

import re
import time
from html import unescape
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.core import signing
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from courses import preview
from courses.models import CoursePage, LessonPage

pytestmark = pytest.mark.django_db

ERROR_KEYS = {"detail", "code"}


@pytest.fixture
def lesson(course):
    """A live lesson with a draft change: a new title, saved and not published."""
    lesson = course.get_lessons().specific().first()
    lesson.save_revision().publish()
    lesson.title = "Lesson 1, rewritten"
    lesson.save_revision()
    return LessonPage.objects.get(pk=lesson.pk)


def get_preview(api, token, **extra):
    return api.get("/api/v1/preview/", {"token": token}, **extra)


def assert_error(response, status, code):
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert set(body) == ERROR_KEYS
    assert body["code"] == code


def test_a_token_opens_the_draft_and_the_lesson_endpoint_keeps_the_live_title(api, lesson):
    token = preview.make_token(lesson).token
    response = get_preview(api, token)
    assert response.status_code == 200, response.content[:300]
    data = response.json()
    assert data["type"] == "lesson"
    assert data["locale"] == "en"
    assert data["revision_id"] == lesson.latest_revision_id
    assert data["page"]["id"] == lesson.pk
    assert data["page"]["title"] == "Lesson 1, rewritten"
    # Everything a lesson detail has, in the same format.
    live = api.get_json(f"/api/v1/lessons/{lesson.pk}/")
    assert set(data["page"]) == set(live)
    assert live["title"] == "Lesson 1"
    assert response["Content-Language"] == "en"
    assert "no-store" in response["Cache-Control"]


def test_a_course_and_a_case_study_come_as_their_details(api, course, case_study_index):
    from tests import factories

    study = factories.CaseStudyPageFactory(parent=case_study_index, locale=course.locale)
    course.title = "Course, draft"
    course.save_revision()
    for page, kind, detail in (
        (course, "course", f"/api/v1/courses/{course.pk}/"),
        (study, "case_study", f"/api/v1/case-studies/{study.pk}/"),
    ):
        data = api.get_json(f"/api/v1/preview/?token={preview.make_token(page).token}")
        assert data["type"] == kind
        assert set(data["page"]) == set(api.get_json(detail))
    data = api.get_json(f"/api/v1/preview/?token={preview.make_token(course).token}")
    assert data["page"]["title"] == "Course, draft"
    assert [lesson["title"] for lesson in data["page"]["lessons"]] == [
        "Lesson 1",
        "Lesson 2",
        "Lesson 3",
    ]


def test_a_tampered_token_is_a_403(api, lesson):
    token = preview.make_token(lesson).token
    _payload, timestamp, signature = token.rsplit(":", 2)
    other = preview.make_token(CoursePage.objects.get(pk=lesson.get_parent().pk)).token
    for bad in (
        token[:-2] + ("AA" if not token.endswith("AA") else "BB"),
        f"{other.rsplit(':', 2)[0]}:{timestamp}:{signature}",  # another page, this signature
        signing.dumps({"page": lesson.pk}, salt="another.salt"),
        "nonsense",
    ):
        assert_error(get_preview(api, bad), 403, "invalid_token")


def test_an_expired_token_is_a_401(api, lesson, settings, monkeypatch):
    settings.HARBOUR_PREVIEW_TOKEN_MAX_AGE = 60
    two_minutes_ago = signing.b62_encode(int(time.time()) - 120)
    monkeypatch.setattr(signing.TimestampSigner, "timestamp", lambda self: two_minutes_ago)
    token = preview.make_token(lesson).token
    monkeypatch.undo()
    response = get_preview(api, token)
    assert_error(response, 401, "token_expired")
    assert response.has_header("WWW-Authenticate")
    # Still in time with a longer allowance.
    settings.HARBOUR_PREVIEW_TOKEN_MAX_AGE = 600
    assert get_preview(api, token).status_code == 200


def test_without_a_token_nothing_is_served(api, lesson):
    assert_error(api.get("/api/v1/preview/"), 400, "token_required")
    assert_error(get_preview(api, ""), 400, "token_required")
    # The preview takes its token only: not a locale, nor anything else.
    token = preview.make_token(lesson).token
    assert_error(
        api.get("/api/v1/preview/", {"token": token, "locale": "pl"}), 400, "unknown_parameter"
    )


def test_a_token_of_a_deleted_page_is_a_404(api, lesson):
    token = preview.make_token(lesson).token
    lesson.delete()
    assert_error(get_preview(api, token), 404, "not_found")


def test_a_draft_never_reaches_the_normal_endpoints(api, course):
    draft = course.get_lessons().specific().first()
    draft.unpublish()
    draft.title = "Unpublished draft"
    draft.save_revision()
    assert_error(api.get(f"/api/v1/lessons/{draft.pk}/"), 404, "not_found")
    assert "Unpublished draft" not in api.get(f"/api/v1/courses/{course.pk}/").content.decode()
    data = api.get_json(f"/api/v1/preview/?token={preview.make_token(draft).token}")
    assert data["page"]["title"] == "Unpublished draft"


def test_the_command_prints_a_token_that_opens_the_draft(api, lesson, capsys, settings):
    settings.HARBOUR_HEADLESS_PREVIEW_URL = "https://partner.example/preview/?site=harbour"
    call_command("preview_token", lesson.pk)
    output = capsys.readouterr().out
    token = re.search(r"^token:\s+(\S+)$", output, re.M).group(1)
    assert (
        "partner: https://partner.example/preview/?site=harbour&content_type=courses.lessonpage&token="
        in output
    )
    assert api.get_json(f"/api/v1/preview/?token={token}")["page"]["title"] == "Lesson 1, rewritten"


# --- The admin's preview ------------------------------------------------------------------


def preview_html(page, mode):
    """What the admin's preview panel shows for ``page`` in ``mode``."""
    # The preview panel previews the editor's form: here, the latest draft.
    response = page.get_latest_revision_as_object().make_preview_request(preview_mode=mode)
    assert response.status_code == 200
    if hasattr(response, "render"):
        response.render()
    return response.content.decode()


def edit_screen(admin_client, page):
    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_without_a_partner_front_end_the_preview_is_wagtails_own(admin_client, lesson, settings):
    settings.HARBOUR_HEADLESS_PREVIEW_URL = ""
    assert [mode for mode, _label in lesson.preview_modes] == [""]
    assert f'value="{preview.HEADLESS_PREVIEW_MODE}"' not in edit_screen(admin_client, lesson)
    assert "<h1>Lesson 1, rewritten</h1>" in preview_html(lesson, "")


def test_the_partner_front_end_preview_mode_shows_its_url_with_a_token(
    admin_client, lesson, settings
):
    settings.HARBOUR_HEADLESS_PREVIEW_URL = "https://partner.example/preview/"
    assert [mode for mode, _label in lesson.preview_modes] == ["", preview.HEADLESS_PREVIEW_MODE]
    # The preview panel offers both; Wagtail's own stays the default.
    assert f'value="{preview.HEADLESS_PREVIEW_MODE}"' in edit_screen(admin_client, lesson)
    assert lesson.default_preview_mode == ""
    assert "<h1>Lesson 1, rewritten</h1>" in preview_html(lesson, "")

    html = preview_html(lesson, preview.HEADLESS_PREVIEW_MODE)
    match = re.search(r'<iframe src="([^"]+)"', html)
    assert match, html[:500]
    url = unescape(match.group(1))
    assert url in unescape(html.split("<iframe", 1)[0])  # shown as a link above it too
    parts = urlsplit(url)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == "https://partner.example/preview/"
    query = dict(parse_qsl(parts.query))
    assert query["content_type"] == "courses.lessonpage"
    data = Client().get("/api/v1/preview/", {"token": query["token"]}).json()
    assert data["page"]["title"] == "Lesson 1, rewritten"
