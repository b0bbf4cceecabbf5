"""The editors' admin is not bound by Harbour's API policy: wagtail-localize's segment editor saves
translations, and Wagtail's admin API is neither throttled nor answered in Harbour's error shape.

Wagtail's admin API and wagtail-localize's editor are DRF views too. Harbour's API policy (JSON
only, its authentication, throttle and error shape) is for Harbour's own API under /api/v1/;
these tests hold the admin to DRF's and Wagtail's defaults, and Harbour's API to its policy.

Every request here goes through the admin's own URLs with a client that enforces CSRF, carrying
the token the way the admin's pages and scripts do.
"""

import html
import json
import re

import pytest
from django.test import Client
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart
from django.urls import reverse
from wagtail.models import Page
from wagtail_localize.models import StringSegment, StringTranslation, Translation

from courses.models import CoursePage, Partner
from tests import factories

LOW_RATE = "5/minute"


@pytest.fixture
def editor(admin_user):
    """A superuser signed in to the admin, with CSRF checks on as in a browser."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(admin_user)
    return client


@pytest.fixture
def low_rates(settings):
    """Harbour's rates, every kind of client, at five requests a minute."""
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": LOW_RATE, "api_key": LOW_RATE, "user": LOW_RATE},
    }


def csrf_token(content, start=0):
    """The token of the first ``{% csrf_token %}`` input in a page, from ``start`` on."""
    match = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"').search(content, start)
    assert match, "no CSRF token in the page"
    return match.group(1)


def submit_translation(editor, page, locale):
    """The admin's "Translate this page" form, sent for one locale; returns the translated
    page, where the form redirects to."""
    url = reverse("wagtail_localize:submit_page_translation", args=[page.pk])
    form = editor.get(url)
    assert form.status_code == 200
    response = editor.post(
        url,
        {"csrfmiddlewaretoken": csrf_token(form.content.decode()), "locales": [locale.pk]},
    )
    assert response.status_code == 302, response.content[:500]
    translated = page.get_translation(locale)
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[translated.pk])
    return translated


def open_segment_editor(editor, translated_page):
    """The translated page's edit screen, which wagtail-localize answers with its segment
    editor: the props its script starts from and the CSRF token it reads from the page."""
    response = editor.get(reverse("wagtailadmin_pages:edit", args=[translated_page.pk]))
    assert response.status_code == 200
    content = response.content.decode()
    match = re.search(r'<div class="js-translation-editor" data-props="([^"]*)"', content)
    assert match, "the edit screen is not wagtail-localize's segment editor"
    props = json.loads(html.unescape(match.group(1)))
    return props, csrf_token(content, match.end())


def string_segment(props, content_path):
    [segment] = [
        segment
        for segment in props["segments"]
        if segment["type"] == "string" and segment["contentPath"] == content_path
    ]
    return segment


def save_string(editor, segment, value, token):
    """What the editor's script sends when a string is saved: a PUT to the segment's
    ``editUrl`` with a FormData body (multipart/form-data) and the X-CSRFToken header."""
    return editor.put(
        segment["editUrl"],
        encode_multipart(BOUNDARY, {"value": value}),
        content_type=MULTIPART_CONTENT,
        headers={"X-CSRFToken": token},
    )


@pytest.fixture
def polish_editor(editor, course, locales):
    """The segment editor of the course's Polish translation, made through the admin."""
    pl_course = submit_translation(editor, course, locales["pl"])
    props, token = open_segment_editor(editor, pl_course)
    translation = Translation.objects.get(
        source__object_id=course.translation_key, target_locale=locales["pl"]
    )
    return pl_course, translation, props, token


@pytest.mark.django_db
def test_the_segment_editor_saves_a_translated_title_and_publishes_it_in_polish(
    editor, course, locales, polish_editor, django_capture_on_commit_callbacks
):
    """Editors translate in wagtail-localize's segment editor; each "Save" is a multipart PUT
    to a DRF view, which a JSON-only API policy answers with 415 Unsupported Media Type."""
    pl_course, translation, props, token = polish_editor
    title = string_segment(props, "title")
    assert title["source"] == course.title
    assert title["editUrl"] == reverse(
        "wagtail_localize:edit_string_translation",
        kwargs={"translation_id": translation.pk, "string_segment_id": title["id"]},
    )

    created = save_string(editor, title, "Praca ponad granicami", token)
    assert created.status_code == 201, created.content[:500]
    assert created.json()["data"] == "Praca ponad granicami"
    # Saving the same string again edits it.
    edited = save_string(editor, title, "Współpraca ponad granicami", token)
    assert edited.status_code == 200, edited.content[:500]

    segment = StringSegment.objects.get(pk=title["id"])
    saved = StringTranslation.objects.get(
        translation_of=segment.string, context=segment.context, locale=locales["pl"]
    )
    assert saved.data == "Współpraca ponad granicami"
    assert saved.translation_type == StringTranslation.TRANSLATION_TYPE_MANUAL

    # "Publish in Polish", the form in the editor's footer.
    edit_url = reverse("wagtailadmin_pages:edit", args=[pl_course.pk])
    with django_capture_on_commit_callbacks(execute=True):
        published = editor.post(
            edit_url, {"csrfmiddlewaretoken": token, "action": "publish", "next": edit_url}
        )
    assert published.status_code == 302
    assert published["Location"] == edit_url
    pl_course = CoursePage.objects.get(pk=pl_course.pk)
    assert pl_course.title == "Współpraca ponad granicami"
    assert pl_course.live
    assert not pl_course.has_unpublished_changes
    assert CoursePage.objects.get(pk=course.pk).title == course.title


@pytest.mark.django_db
def test_an_editor_saving_many_strings_in_a_row_is_not_throttled(editor, low_rates, polish_editor):
    """Translating a page is a quick series of saves, one a string; Harbour's rates are for
    its API's clients, not for the admin."""
    pl_course, translation, props, token = polish_editor
    title = string_segment(props, "title")
    statuses = [
        save_string(editor, title, f"Praca ponad granicami {number}", token).status_code
        for number in range(20)
    ]
    assert statuses == [201] + [200] * 19


@pytest.mark.django_db
def test_clearing_a_string_in_the_segment_editor_deletes_its_translation(
    editor, polish_editor, locales
):
    """Emptying a string is a DELETE to the same DRF view, without a body."""
    pl_course, translation, props, token = polish_editor
    title = string_segment(props, "title")
    segment = StringSegment.objects.get(pk=title["id"])
    StringTranslation.objects.create(
        translation_of=segment.string,
        context=segment.context,
        locale=locales["pl"],
        data="Praca ponad granicami",
    )

    response = editor.delete(title["editUrl"], headers={"X-CSRFToken": token})

    assert response.status_code == 200, response.content[:500]
    assert not StringTranslation.objects.filter(
        translation_of=segment.string, context=segment.context, locale=locales["pl"]
    ).exists()


@pytest.mark.django_db
def test_wagtails_admin_api_is_not_throttled(editor, low_rates, course, locales):
    """The page explorer and the choosers (wagtail-localize's page and snippet choosers too)
    call Wagtail's admin API and wagtail-localize's snippet API on every click."""
    partner = factories.PartnerFactory(locale=locales["en"])
    urls = [
        "/admin/api/main/pages/",
        f"/admin/api/main/pages/?child_of={course.pk}&for_explorer=1",
        f"/admin/api/main/pages/{course.pk}/",
        reverse(
            "wagtail_localize:snippets_api_detail",
            args=[Partner._meta.app_label, Partner._meta.model_name, partner.pk],
        ),
    ]
    statuses = [editor.get(urls[number % len(urls)]).status_code for number in range(20)]
    assert statuses == [200] * 20


@pytest.mark.django_db
def test_wagtails_admin_api_answers_an_unknown_page_in_its_own_error_shape(editor, home):
    """Wagtail's admin scripts read ``message`` from its API's errors, not Harbour's
    ``detail`` and ``code``."""
    missing = (Page.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1000
    response = editor.get(f"/admin/api/main/pages/{missing}/")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"message": "No Page matches the given query."}


@pytest.mark.django_db
def test_wagtails_admin_api_answers_a_wrong_method_with_drfs_own_error(editor, home):
    """An error DRF raises in the admin API keeps DRF's body, without Harbour's ``code``."""
    editor.get(reverse("wagtailadmin_home"))  # sets the CSRF cookie, as any admin page does
    token = editor.cookies["csrftoken"].value
    response = editor.delete("/admin/api/main/pages/", headers={"X-CSRFToken": token})
    assert response.status_code == 405
    assert response.json() == {"detail": 'Method "DELETE" not allowed.'}


@pytest.mark.django_db
def test_harbours_api_is_still_throttled_for_anonymous_clients(low_rates, course):
    """The policy moved to Harbour's API, it did not vanish: the sixth anonymous request of
    the minute is refused, though the first answer is cached and the rest are cache hits."""
    client = Client()
    statuses = [client.get("/api/v1/courses/").status_code for _ in range(6)]
    assert statuses == [200] * 5 + [429]
    refused = client.get("/api/v1/courses/")
    assert refused.status_code == 429
    assert refused["Content-Type"] == "application/json"
    assert int(refused["Retry-After"]) > 0
    assert refused.json()["detail"]


@pytest.mark.django_db
def test_harbours_api_still_throttles_an_editor_the_admin_does_not(editor, low_rates, course):
    """The same signed-in editor: Harbour's API counts them at the user rate, the admin API
    does not count them at all."""
    statuses = [editor.get("/api/v1/courses/").status_code for _ in range(6)]
    assert statuses == [200] * 5 + [429]
