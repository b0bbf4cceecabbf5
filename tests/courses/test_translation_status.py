"""The translation status of courses, lessons and case studies, from wagtail-localize's own
records (courses/translation_status.py): each state, a course summed up with its lessons, the
filters, the sync of a course with its lessons, and a fixed number of queries per page."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail_localize.models import Translation, TranslationSource

from courses import translation_status as ts
from courses.querysets import hidden_q
from tests import factories
from tests.api.conftest import translate as copy_translation
from tests.courses.translation_helpers import (
    add_translated_courses,
    lessons,
    publish_translation,
    republish,
    submit,
    translate_fully,
    translate_segments,
)

pytestmark = pytest.mark.django_db

State = ts.State


# --- Translating through wagtail-localize: tests/courses/translation_helpers.py ------------


def status(page, code, hidden=None):
    """The LocaleStatus of ``page`` (a course or case study) in ``code``."""
    rows = ts.status_rows(ts.status_queryset(hidden=hidden).filter(pk=page.pk), [code], hidden)
    assert len(rows) == 1
    return rows[0].locales[0]


# --- The states -----------------------------------------------------------------------------


def test_a_course_nobody_translated_is_missing_with_all_its_lessons(course, locales):
    cell = status(course, "pl")
    assert cell.state == State.MISSING
    assert cell.own.state == State.MISSING
    assert cell.lesson_counts == [(State.MISSING, 3)]
    assert cell.action.page.pk == course.pk


def test_a_course_translated_fully_is_up_to_date_and_other_locales_stay_missing(course, locales):
    pl = locales["pl"]
    translated = translate_fully(course, pl)
    for lesson in lessons(course):
        translate_fully(lesson, pl)

    cell = status(course, "pl")
    assert cell.state == State.UP_TO_DATE
    assert cell.lesson_counts == [(State.UP_TO_DATE, 3)]
    assert cell.own.target.pk == translated.pk
    assert cell.segments == cell.translated > 0
    assert cell.percent == 100
    assert status(course, "de").state == State.MISSING


def test_partial_segments_are_in_progress_with_wagtail_localizes_own_figures(course, locales):
    pl = locales["pl"]
    translation = submit(course, pl)
    total = translate_segments(course, pl, share=0.5)
    publish_translation(course, pl)

    cell = status(course, "pl")
    assert cell.own.state == State.IN_PROGRESS
    assert (cell.own.segments, cell.own.translated) == translation.get_progress()
    assert cell.own.segments == total
    assert 0 < cell.own.translated < total
    assert cell.own.translation_id == translation.pk
    # The lessons were never submitted: the course as a whole is missing them.
    assert cell.state == State.MISSING
    assert cell.action.page.pk == lessons(course)[0].pk


def test_a_draft_translation_of_a_live_page_is_in_progress(course, locales):
    pl = locales["pl"]
    submit(course, pl)
    translate_segments(course, pl)
    # Every segment is translated, but the Polish page was never published.
    assert not course.get_translation(pl).live
    assert status(course, "pl").own.state == State.IN_PROGRESS


def test_an_english_change_after_the_last_sync_is_outdated_until_synced(
    course, locales, django_capture_on_commit_callbacks
):
    pl = locales["pl"]
    translate_fully(course, pl)
    for lesson in lessons(course):
        translate_fully(lesson, pl)
    lesson = lessons(course)[1]
    synced_at = TranslationSource.objects.get_for_instance(lesson).last_updated_at

    lesson = republish(lesson, title="Finding partners abroad")
    cell = status(course, "pl")
    assert cell.state == State.OUTDATED
    assert cell.own.state == State.UP_TO_DATE
    assert cell.lesson_counts == [(State.OUTDATED, 1), (State.UP_TO_DATE, 2)]
    outdated = cell.action
    assert outdated.page.pk == lesson.pk
    assert outdated.synced_at == synced_at
    assert outdated.changed_at == lesson.last_published_at > synced_at
    # wagtail-localize's own status of that translation does not see the change.
    translation = Translation.objects.get(pk=outdated.translation_id)
    assert str(translation.get_status_display()) == "Up to date"

    with django_capture_on_commit_callbacks(execute=True):
        result = ts.sync_with_descendants(course, publish=True)
    assert [(item.pk, codes) for item, codes in result.synced] == [
        (page.pk, ["pl"]) for page in [course, *lessons(course)]
    ]
    # The new title is a new segment, in English in the Polish page until it is translated.
    cell = status(course, "pl")
    assert cell.state == State.IN_PROGRESS
    assert lesson.get_translation(pl).title == "Finding partners abroad"

    translate_segments(lesson, pl)
    publish_translation(lesson, pl)
    cell = status(course, "pl")
    assert cell.state == State.UP_TO_DATE
    assert lesson.get_translation(pl).title == "Finding partners abroad (pl)"


def test_a_translation_made_without_wagtail_localize_is_not_synced(course, locales):
    copy_translation(course, "lt", title="Kursas")
    cell = status(course, "lt")
    assert cell.own.state == State.NOT_SYNCED
    assert cell.own.translation_id is None
    assert cell.own.target.title == "Kursas"


def test_a_stopped_synced_translation_is_not_synced(course, locales):
    pl = locales["pl"]
    translate_fully(course, pl)
    Translation.objects.filter(target_locale=pl).update(enabled=False)
    assert status(course, "pl").own.state == State.NOT_SYNCED


def test_an_alias_is_no_translation(course, locales):
    pl_index = copy_translation(course.get_parent(), "pl")
    course.create_alias(parent=pl_index, update_locale=locales["pl"])
    assert status(course, "pl").own.state == State.MISSING


def test_a_case_study_has_a_state_of_its_own(case_study_index, locales):
    study = factories.CaseStudyPageFactory(
        parent=case_study_index, locale=case_study_index.locale, title="Creative Ports"
    )
    translate_fully(study, locales["de"])
    row = ts.status_rows(ts.status_queryset().filter(pk=study.pk))[0]
    assert row.kind == ts.Kind.CASE_STUDY
    assert row.lessons == []
    states = {cell.locale: cell.state for cell in row}
    assert states["de"] == State.UP_TO_DATE
    assert {states[code] for code in ts.target_locale_codes() if code != "de"} == {State.MISSING}


# --- Filters --------------------------------------------------------------------------------


@pytest.fixture
def mixed(course, case_study_index, locales):
    """The fixture course translated into Polish and German and then changed in English,
    another course nobody translated, and a case study submitted for Polish only."""
    for code in ("pl", "de"):
        translate_fully(course, locales[code])
        for lesson in lessons(course):
            translate_fully(lesson, locales[code])
    republish(lessons(course)[0], title="Why cooperate")
    other = factories.CoursePageFactory(parent=course.get_parent(), locale=course.locale)
    study = factories.CaseStudyPageFactory(parent=case_study_index, locale=course.locale)
    submit(study, locales["pl"])
    return {"course": course, "other": other, "study": study}


def keys(rows):
    return {row.pk for row in rows}


def test_rows_are_filtered_by_state_in_one_locale_or_in_any(mixed):
    course, other, study = mixed["course"], mixed["other"], mixed["study"]
    rows = ts.status_queryset()
    assert keys(rows) == {course.pk, other.pk, study.pk}
    assert keys(ts.in_state(rows, "outdated", "pl")) == {course.pk}
    assert keys(ts.in_state(rows, "outdated", "de")) == {course.pk}
    assert keys(ts.in_state(rows, "in_progress", "pl")) == {study.pk}
    assert keys(ts.in_state(rows, "missing", "pl")) == {other.pk}
    assert keys(ts.in_state(rows, "missing")) == {course.pk, other.pk, study.pk}
    assert keys(ts.in_state(rows, "up_to_date")) == set()
    assert keys(ts.of_kind(rows, "case_study")) == {study.pk}
    assert keys(ts.of_kind(ts.in_state(rows, "missing", "pl"), "course")) == {other.pk}


def test_the_filter_and_the_table_agree_on_every_state_in_every_locale(mixed, locales):
    """The filter decides in SQL, the table from each page's rank: the same rule."""
    course, study = mixed["course"], mixed["study"]
    # More variety: copies without wagtail-localize, a draft in progress, one up to date.
    copy_translation(course, "lt")
    copy_translation(study, "lt")
    submit(course, locales["da"])
    translate_fully(study, locales["fi"])
    rows = ts.status_queryset()
    shown = {(row.page.pk, cell.locale): cell.state for row in ts.status_rows(rows) for cell in row}
    assert set(shown.values()) == set(State)
    for code in ts.target_locale_codes():
        for state in State:
            expected = {
                pk
                for (pk, locale), shown_state in shown.items()
                if locale == code and shown_state == state
            }
            assert keys(ts.in_state(rows, state, code)) == expected, (code, state)
    for state in State:
        expected = {pk for (pk, _locale), shown_state in shown.items() if shown_state == state}
        assert keys(ts.in_state(rows, state)) == expected, state


def test_the_served_rows_leave_drafts_out(course, locales):
    draft = factories.CoursePageFactory(parent=course.get_parent(), locale=course.locale)
    draft.unpublish()
    draft_lesson = lessons(course)[0]
    draft_lesson.unpublish()
    hidden = hidden_q()
    assert keys(ts.status_queryset(hidden=hidden)) == {course.pk}
    assert keys(ts.status_queryset()) == {course.pk, draft.pk}
    assert [s.page.pk for s in status(course, "pl", hidden).lessons] == [
        lesson.pk for lesson in lessons(course)[1:]
    ]


# --- Sync a course with its lessons -------------------------------------------------------


def test_sync_without_publishing_refreshes_every_source_and_leaves_the_pages(course, locales):
    pl = locales["pl"]
    translate_fully(course, pl)
    for lesson in lessons(course):
        translate_fully(lesson, pl)
    lesson = republish(lessons(course)[2], title="Budgets")
    assert status(course, "pl").state == State.OUTDATED

    ts.sync_with_descendants(course, publish=False)
    source = TranslationSource.objects.get_for_instance(lesson)
    assert "Budgets" in source.content_json
    assert lesson.get_translation(pl).title != "Budgets"
    assert status(course, "pl").state == State.IN_PROGRESS


def test_sync_can_start_the_translation_of_a_new_lesson(course, locales):
    pl = locales["pl"]
    translate_fully(course, pl)
    for lesson in lessons(course):
        translate_fully(lesson, pl)
    new = factories.LessonPageFactory(parent=course, locale=course.locale, title="Lesson 4")
    assert status(course, "pl").state == State.MISSING

    result = ts.sync_with_descendants(course, translate_new=True)
    assert [(item.pk, codes) for item, codes in result.started] == [(new.pk, ["pl"])]
    assert new.get_translation(pl).locale == pl
    assert status(course, "pl").state == State.IN_PROGRESS


# --- Cost -----------------------------------------------------------------------------------


def measure(codes=None, **filters):
    with CaptureQueriesContext(connection) as queries:
        ids = ts.locale_ids()
        rows = ts.status_queryset(ids=ids)
        if filters.get("state"):
            rows = ts.in_state(rows, filters["state"], filters.get("locale"))
        page = ts.RowPaginator(rows, 50).page(1)
        result = ts.status_rows(page, codes, ids=ids)
    # On PostgreSQL the service turns JIT off for its queries, in a savepoint: not a read.
    control = ("SAVEPOINT", "RELEASE SAVEPOINT", "SET LOCAL")
    return len([q for q in queries if not q["sql"].startswith(control)]), result


@pytest.mark.parametrize(
    "codes, filters",
    [(None, {}), (["pl"], {"state": "outdated", "locale": "pl"}), (None, {"state": "outdated"})],
)
def test_a_page_of_rows_costs_the_same_for_2_or_10_courses(course_index, locales, codes, filters):
    add_translated_courses(course_index, locales, 2)
    measure(codes, **filters)  # the first fills Django's cache of content types
    two, result = measure(codes, **filters)
    assert len(result) == 2

    add_translated_courses(course_index, locales, 8, start=2)
    ten, result = measure(codes, **filters)
    assert len(result) == 10
    # The locales, the ids of the matching rows, the page's rows, the rows with their lessons
    # and ranks, the translated pages, the translations.
    assert ten == two == 6
    cells = {cell.locale: cell for cell in result[0]}
    if codes is None:
        assert cells["lt"].state == State.OUTDATED
        assert cells["de"].state == State.MISSING  # the lessons were not copied
        assert cells["de"].own.state == State.NOT_SYNCED
    assert cells["pl"].own.state == State.IN_PROGRESS
    assert cells["pl"].state == State.OUTDATED
    assert 0 < cells["pl"].translated < cells["pl"].segments
    print(f"translation status {filters or 'unfiltered'}: {two} queries for 2 and 10 courses")
