"""The translation status report in the Wagtail admin (Reports → Translation status), its
links into wagtail-localize's screens, its filters, who may see it, and the sync of a course
with its lessons."""

import re

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail_localize.models import TranslationSource

from courses.admin_views import PAGE_SIZE
from tests import factories
from tests.api.conftest import translate as copy_translation
from tests.courses.translation_helpers import (
    add_translated_courses,
    lessons,
    republish,
    submit,
    translate_fully,
    translate_segments,
)

pytestmark = pytest.mark.django_db

CODES = ["de", "da", "sv", "fi", "et", "lv", "lt", "pl"]

REPORT = "/admin/reports/translation-status/"


def cell_states(html):
    """The states shown in the table's cells, in order."""
    return re.findall(r'<td>\s*<span class="ts-state ts-state--(\w+)">', html)


def cell_links(html):
    return re.findall(r'<a class="ts-action" href="([^"]+)">([^<]+)<', html)


@pytest.fixture
def content(course, case_study_index, locales):
    """The fixture course fully in Polish, then a lesson changed in English; a case study
    half translated into German."""
    pl, de = locales["pl"], locales["de"]
    translate_fully(course, pl)
    for lesson in lessons(course):
        translate_fully(lesson, pl)
    changed = republish(lessons(course)[1], title="Finding partners abroad")
    study = factories.CaseStudyPageFactory(
        parent=case_study_index, locale=case_study_index.locale, title="Creative Ports"
    )
    submit(study, de)
    translate_segments(study, de, share=0.5)
    return {"course": course, "changed": changed, "study": study}


def test_the_report_shows_each_state_as_text_with_the_link_that_fixes_it(admin_client, content):
    course, changed, study = content["course"], content["changed"], content["study"]
    response = admin_client.get(REPORT)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Translation status" in html
    assert course.title in html and study.title in html
    states = cell_states(html)
    # Two rows ("Course …" before "Creative Ports", by title) of eight locales.
    assert states == [
        *("outdated" if code == "pl" else "missing" for code in CODES),
        *("in_progress" if code == "de" else "missing" for code in CODES),
    ]
    for label in ("Outdated", "Missing", "In progress"):
        assert f">{label}</span>" in html
    links = cell_links(html)
    source = TranslationSource.objects.get_for_instance(changed)
    sync = reverse("wagtail_localize:update_translations", args=[source.pk])
    assert any(url.startswith(sync + "?next=") and label == "Sync" for url, label in links)
    translate = reverse("wagtail_localize:submit_page_translation", args=[course.pk])
    assert f"{translate}?select_locale=de&amp;next=" in html
    editor = reverse(
        "wagtailadmin_pages:edit", args=[study.get_translation(factories.locale("de")).pk]
    )
    assert (editor, "Continue translating") in links
    assert "Lesson: Finding partners abroad" in html
    assert "Lessons: 1 outdated, 2 up to date" in html
    sync_course = reverse("courses_translation_sync", args=[course.pk])
    assert f'href="{sync_course}?next=' in html


def test_the_report_is_in_the_reports_menu(admin_client, home):
    html = admin_client.get("/admin/").content.decode()
    assert REPORT in html


def test_filters_by_locale_state_and_type_work_as_a_plain_get_form(admin_client, content):
    course, study = content["course"], content["study"]
    html = admin_client.get(REPORT, {"locale": "pl", "state": "outdated"}).content.decode()
    assert course.title in html and study.title not in html
    # Only the Polish column, beside the source.
    assert '<span lang="pl">Polski</span>' in html
    assert '<span lang="de">Deutsch</span>' not in html

    html = admin_client.get(REPORT, {"state": "in_progress"}).content.decode()
    assert study.title in html and course.title not in html
    html = admin_client.get(REPORT, {"type": "case_study"}).content.decode()
    assert study.title in html and course.title not in html


def test_nothing_matching_says_so(admin_client, content):
    response = admin_client.get(REPORT, {"locale": "fi", "state": "up_to_date"})
    assert response.status_code == 200
    assert "Nothing matches these filters." in response.content.decode()


def test_an_empty_site_says_there_is_nothing_yet(admin_client, home):
    html = admin_client.get(REPORT).content.decode()
    assert "There are no courses or case studies yet." in html


def test_a_bad_filter_value_is_reported_on_the_form_and_ignored(admin_client, content):
    response = admin_client.get(REPORT, {"state": "lost", "locale": "en"})
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('class="error-message"') == 2
    assert content["course"].title in html


def test_the_report_is_paged(admin_client, course_index, locales):
    for number in range(PAGE_SIZE + 3):
        factories.CoursePageFactory(
            parent=course_index, locale=course_index.locale, title=f"Course {number:02d}"
        )
    first = admin_client.get(REPORT).content.decode()
    second = admin_client.get(REPORT, {"p": 2}).content.decode()
    assert "Course 00" in first and "Course 22" not in first
    assert "Course 22" in second and "Course 00" not in second
    assert "23 courses and case studies" in first


def test_editors_see_the_report_and_learners_do_not(client, content):
    editor = factories.UserFactory(username="editor")
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    assert client.get(REPORT).status_code == 200

    # Admin access without any page permission: Wagtail's "permission denied", back home.
    clerk = factories.UserFactory(username="clerk")
    clerk.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(clerk)
    response = client.get(REPORT)
    assert (response.status_code, response["Location"]) == (302, "/admin/")
    assert REPORT not in client.get("/admin/").content.decode()

    learner = factories.UserFactory(username="learner")
    client.force_login(learner)
    response = client.get(REPORT)
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


# --- Sync a course with its lessons ---------------------------------------------------------


def test_sync_asks_first_then_syncs_the_course_and_its_lessons(
    admin_client, content, django_capture_on_commit_callbacks
):
    course, changed = content["course"], content["changed"]
    url = reverse("courses_translation_sync", args=[course.pk])
    page = admin_client.get(url, {"next": REPORT})
    assert page.status_code == 200
    html = page.content.decode()
    assert changed.title in html and "Polski" in html
    assert 'name="publish"' in html

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(url, {"publish": "on", "next": REPORT})
    assert response.status_code == 302
    assert response["Location"] == REPORT
    pl_lesson = changed.get_translation(factories.locale("pl"))
    assert pl_lesson.title == "Finding partners abroad"
    assert pl_lesson.live and not pl_lesson.has_unpublished_changes
    html = admin_client.get(REPORT, {"locale": "pl"}).content.decode()
    # Synced: the new English title waits for its translation; nothing is outdated.
    assert cell_states(html) == ["in_progress", "missing"]
    assert "Synced the translations of 4 pages" in html


def test_sync_is_for_those_who_may_submit_translations(client, content):
    url = reverse("courses_translation_sync", args=[content["course"].pk])
    clerk = factories.UserFactory(username="clerk")
    clerk.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(clerk)
    response = client.post(url, {"publish": "on"})
    assert (response.status_code, response["Location"]) == (302, "/admin/")
    editor = factories.UserFactory(username="editor")
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    assert client.get(url).status_code == 200


def test_a_page_of_the_report_costs_the_same_for_2_or_10_courses(
    admin_client, course_index, locales
):
    def measure(query):
        with CaptureQueriesContext(connection) as queries:
            assert admin_client.get(REPORT, query).status_code == 200
        return len(queries)

    queries = [{}, {"locale": "pl", "state": "outdated"}, {"state": "missing"}]
    add_translated_courses(course_index, locales, 2)
    for query in queries:
        measure(query)  # the first fills the caches of content types and site root paths
    two = [measure(query) for query in queries]
    add_translated_courses(course_index, locales, 8, start=2)
    ten = [measure(query) for query in queries]
    assert ten == two
    assert (
        "10 courses and case studies"
        in admin_client.get(REPORT, {"state": "missing"}).content.decode()
    )
    print(f"translation status report: {two} queries for 2 and for 10 courses")


def test_up_to_date_links_to_the_translated_page_and_not_synced_to_its_editor(
    admin_client, case_study_index, locales
):
    study = factories.CaseStudyPageFactory(
        parent=case_study_index, locale=case_study_index.locale, title="Creative Ports"
    )
    polish = translate_fully(study, locales["pl"])
    german = copy_translation(study, "de")
    html = admin_client.get(REPORT, {"type": "case_study"}).content.decode()
    links = cell_links(html)
    assert (polish.get_url(), "View") in links
    assert polish.get_url().startswith("/pl/")
    assert (reverse("wagtailadmin_pages:edit", args=[german.pk]), "Edit") in links
