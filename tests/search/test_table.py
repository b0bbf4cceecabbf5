"""The search table (search/table.py) on the database backends: rebuilt by its command, and
current after what Wagtail does not reindex below a page (a course unpublished and published
again, a course's subsectors changed)."""

import io

from django.core.management import call_command

from search import services
from search.models import SearchEntry
from tests.search.conftest import refresh_index


def ids(result):
    return {(hit.type, hit.id) for hit in result.hits}


def test_rebuild_search_table_rewrites_every_row_and_shows_progress(corpus):
    rows = SearchEntry.objects.count()
    SearchEntry.objects.all().delete()
    assert services.search("lighthouse", "en").count == 0
    out = io.StringIO()
    call_command("rebuild_search_table", stdout=out)
    assert "lesson" in out.getvalue() and "rows" in out.getvalue()
    assert SearchEntry.objects.count() == rows
    assert services.search("lighthouse", "en").count == 3
    # One row per group and language: the Latvian search serves the English versions.
    assert SearchEntry.objects.filter(language="lv", is_fallback=True).exists()


def test_a_course_unpublished_takes_its_lessons_along_and_brings_them_back(corpus):
    lesson = ("lesson", corpus.lesson_en.pk)
    assert lesson in ids(services.search("festivals", "en"))
    corpus.course_en.unpublish()
    refresh_index()
    assert lesson not in ids(services.search("festivals", "en"))
    corpus.course_en.save_revision().publish()
    refresh_index()
    assert lesson in ids(services.search("festivals", "en"))


def test_facets_follow_a_course_s_new_subsector_at_once(corpus):
    corpus.course_en.subsectors.set([corpus.music])
    corpus.course_en.save()
    result = services.search("lighthouse", "en")
    subsectors = {facet.value: facet.count for facet in result.facets["subsector"]}
    # The lesson counts under its course's subsector: music now, design no more.
    assert subsectors == {"music": 3}
    assert ids(services.search("lighthouse", "en", subsector="design")) == set()
