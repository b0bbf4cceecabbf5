"""The search table (search/table.py) on the database backends: rebuilt by its command, and
current after what Wagtail does not reindex below a page (a course unpublished and published
again, a course's subsectors changed, a lesson or a course moved)."""

import io

import pytest
from django.core.management import call_command
from django.db import connection
from wagtail.models import Page

from courses.models import LessonPage
from search import services
from search.models import SearchEntry
from tests import factories
from tests.search.conftest import refresh_index


def ids(result):
    return {(hit.type, hit.id) for hit in result.hits}


def test_rebuild_search_table_rewrites_every_row_and_shows_progress(corpus):
    rows = SearchEntry.objects.count()
    SearchEntry.objects.all().delete()
    assert services.search("lighthouse", "en").count == 0
    out = io.StringIO()
    call_command("rebuild_search_table", stdout=out)
    assert "Lesson: 1 of 1 translation groups" in out.getvalue() and "rows" in out.getvalue()
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


def subsector_counts(query):
    result = services.search(query, "en")
    return {facet.value: facet.count for facet in result.facets["subsector"]}


def rows_of(page):
    return SearchEntry.objects.filter(object_id=page.pk).exclude(type__in=["partner"])


# Harbour's default queue: Wagtail's own reindex of a moved page waits for the worker.
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


def test_a_lesson_moved_to_another_course_is_found_under_the_new_course_at_once(
    corpus, locales, settings
):
    other = factories.CoursePageFactory(
        parent=corpus.en.course_index, locale=locales["en"], title="Music across the sea"
    )
    other.subsectors.set([corpus.music])
    other.save()
    lesson = ("lesson", corpus.lesson_en.pk)
    assert lesson in ids(services.search("festivals", "en", subsector="design"))
    # The lesson counts under its course's design; the case study and partner under music.
    assert subsector_counts("festivals") == {"design": 1, "music": 2}

    settings.TASKS = DATABASE_TASKS
    corpus.lesson_en.move(other, pos="last-child")
    refresh_index()

    moved = LessonPage.objects.get(pk=corpus.lesson_en.pk)
    assert moved.get_parent().pk == other.pk
    assert lesson in ids(services.search("festivals", "en", subsector="music"))
    assert lesson not in ids(services.search("festivals", "en", subsector="design"))
    assert subsector_counts("festivals") == {"music": 3}
    # Every language whose row serves the English lesson (its own, and fallbacks) follows.
    rows = rows_of(moved)
    assert rows.filter(language="lv", is_fallback=True).exists()
    assert set(rows.values_list("path", "owner_id")) == {(moved.path, other.pk)}


def test_a_course_moved_takes_its_lessons_rows_along(corpus, locales):
    archive_home = factories.HomePageFactory(
        parent=Page.get_first_root_node(), locale=locales["en"], slug="archive"
    )
    archive = factories.CourseIndexPageFactory(parent=archive_home, locale=locales["en"])
    corpus.course_en.move(archive, pos="last-child")
    refresh_index()
    lesson = LessonPage.objects.get(pk=corpus.lesson_en.pk)
    assert lesson.path.startswith(archive.path)
    assert set(rows_of(lesson).values_list("path", flat=True)) == {lesson.path}
    assert ("lesson", lesson.pk) in ids(services.search("festivals", "en"))
    # Unpublishing the new section takes the moved lessons along: their rows are found by
    # their new tree path.
    archive.unpublish()
    refresh_index()
    assert ("lesson", lesson.pk) not in ids(services.search("festivals", "en"))
    assert ("course", corpus.course_en.pk) not in ids(services.search("harbour", "en"))


def test_a_move_among_siblings_keeps_every_row_s_tree_path(corpus, locales):
    first = factories.LessonPageFactory(
        parent=corpus.course_en, locale=locales["en"], title="Lighthouse keepers"
    )
    # Moving the new lesson before the old one shifts the old one's tree path.
    first.move(corpus.lesson_en, pos="left")
    refresh_index()
    for page in (first, corpus.lesson_en):
        page = Page.objects.get(pk=page.pk)
        assert set(rows_of(page).values_list("path", flat=True)) == {page.path}


def test_every_row_holds_its_hit_s_snippet_source_and_an_old_row_still_gets_a_snippet(corpus):
    from search.services.highlight import body_text
    from search.services.types import SEARCH_TYPES

    for entry in SearchEntry.objects.all():
        obj = SEARCH_TYPES[entry.type].model._default_manager.get(pk=entry.object_id)
        assert entry.snippet_text == body_text(obj), entry
    snippet = services.search("festivals", "en", types=["lesson"]).hits[0].snippet
    assert "<mark>Festivals</mark>" in snippet
    # A row written before the column existed (null): the snippet is cut from the object.
    SearchEntry.objects.update(snippet_text=None)
    assert services.search("festivals", "en", types=["lesson"]).hits[0].snippet == snippet


def hits_of(result):
    return [vars(hit) for hit in result.hits]


def test_a_hit_from_its_row_is_the_hit_its_object_gives(corpus, rf):
    """Hits are made from the table's rows without loading objects; a row written before the
    hit columns (title null) makes its hit from the object. Both give the same hits, in the
    locale's own content and in fallback, for the API and for the web page."""
    requests = [None, rf.get("/lv/search/"), rf.get("/api/v1/search/")]
    cases = [
        ("harbour lighthouse", "en"),
        ("cooperation", "en"),
        ("festiwalami", "pl"),
        ("lighthouse", "lv"),
    ]
    from_rows = {}
    for query, code in cases:
        for request in requests:
            result = services.search(query, code, request=request)
            assert result.hits, (query, code)
            from_rows[(query, code, request)] = hits_of(result)
    assert {hit["type"] for hits in from_rows.values() for hit in hits} == {
        "course",
        "lesson",
        "case_study",
        "partner",
    }
    SearchEntry.objects.update(title=None, summary=None, slug=None)
    for (query, code, request), hits in from_rows.items():
        assert hits_of(services.search(query, code, request=request)) == hits, (query, code)


def test_a_course_s_new_slug_reaches_its_lessons_hits_at_once(corpus):
    """A lesson's URL comes from its url_path in the page table, which Wagtail rewrites below
    a page whose slug changed: no row below needs rewriting."""
    before = services.search("festivals", "en", types=["lesson"]).hits[0].url
    corpus.course_en.slug = "cooperation-renamed"
    corpus.course_en.save_revision().publish()
    refresh_index()
    after = services.search("festivals", "en", types=["lesson"]).hits[0].url
    assert after == LessonPage.objects.get(pk=corpus.lesson_en.pk).get_url()
    assert "/cooperation-renamed/" in after and after != before


def test_a_partner_s_new_name_and_slug_reach_its_hit(corpus):
    corpus.partner.name = "Harbour Lighthouse Society"
    corpus.partner.slug = "lighthouse-society"
    corpus.partner.save()
    refresh_index()
    hit = services.search("lighthouse society", "en", types=["partner"]).hits[0]
    assert (hit.title, hit.id) == ("Harbour Lighthouse Society", corpus.partner.pk)
    assert hit.url.endswith("/lighthouse-society/")


def test_migrate_rewrites_rows_written_before_the_hit_columns(corpus):
    rows = SearchEntry.objects.count()
    SearchEntry.objects.filter(type="lesson").update(title=None, summary=None, slug=None)
    call_command("migrate", verbosity=0)
    assert SearchEntry.objects.count() == rows
    assert not SearchEntry.objects.filter(title__isnull=True).exists()
    hit = services.search("festivals", "en", types=["lesson"]).hits[0]
    assert (hit.title, hit.summary) == ("Finding partners", "Where to meet people.")


def test_a_renamed_subsector_is_the_facet_s_new_name_at_once(corpus):
    """The facets' names are kept in the process (lms.api.cache.memo_of) until a subsector
    or country is saved."""

    def labels(code, query="lighthouse"):
        facets = services.search(query, code).facets["subsector"]
        return {facet.value: facet.label for facet in facets}

    assert labels("en")["music"] == "Music"
    assert labels("pl", "festiwale")["design"] == "Wzornictwo"
    corpus.music.name = "Music and sound"
    corpus.music.save()
    assert labels("en")["music"] == "Music and sound"
    corpus.design.name = "Product design"
    corpus.design.save()
    assert labels("en", "festivals")["design"] == "Product design"
    assert labels("pl", "festiwale")["design"] == "Wzornictwo"


def test_a_row_that_outlives_its_page_gives_no_hit(corpus):
    """Index updates may wait for the task worker: until then a deleted page's row is still
    in the table, but a hit needs the page (its URL comes from the page table)."""
    from django.db import connection

    found = services.search("festivals", "en", types=["lesson"])
    assert corpus.lesson_en.pk in [hit.id for hit in found.hits]
    with connection.cursor() as cursor:
        # The page's row in Wagtail's table gone, as after a delete the index has not seen.
        cursor.execute(
            "UPDATE harbour_search_searchentry SET object_id = %s WHERE object_id = %s "
            "AND type = 'lesson'",
            [10_000_000, corpus.lesson_en.pk],
        )
    found = services.search("festivals", "en", types=["lesson"])
    assert all(hit.url for hit in found.hits)
    assert 10_000_000 not in [hit.id for hit in found.hits]


def test_every_row_s_terms_carry_its_search_language(corpus):
    """A Latvian row falls back to the English lesson: English stems, marked as Latvian's, so
    that a search in each language walks only its own postings (search.table.in_language)."""
    english = SearchEntry.objects.get(type="lesson", language="en", object_id=corpus.lesson_en.pk)
    latvian = SearchEntry.objects.get(type="lesson", language="lv", object_id=corpus.lesson_en.pk)
    assert latvian.is_fallback
    assert "en0festiv" in english.body_terms.split()
    assert "lv0festiv" in latvian.body_terms.split()
    for row in (english, latvian):
        terms = f"{row.title_terms} {row.boosted_terms} {row.body_terms}".split()
        assert terms and all(term.startswith(f"{row.language}0") for term in terms)


def test_migrate_rewrites_rows_written_before_the_terms_carried_their_language(corpus):
    """search/migrations/0005 drops the rows without marks; the fill after migrate writes them
    anew, marked."""
    import importlib

    from django.apps import apps

    migration = importlib.import_module("search.migrations.0005_search_entry_terms_in_language")
    rows = SearchEntry.objects.count()
    SearchEntry.objects.filter(language="lv").update(body_terms="festiv")
    migration.drop_rows(apps, None)
    assert SearchEntry.objects.count() == 0
    call_command("migrate", verbosity=0)
    assert SearchEntry.objects.count() == rows
    latvian = SearchEntry.objects.get(type="lesson", language="lv", object_id=corpus.lesson_en.pk)
    assert "lv0festiv" in latvian.body_terms.split()
    assert services.search("festivals", "lv").count > 0


def _vector_compression(row):
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT pg_column_compression(vector) FROM {SearchEntry._meta.db_table} WHERE id = %s",
            [row.pk],
        )
        return cursor.fetchone()[0]


def _write_a_long_lesson_row(row):
    # A lesson's row as a long body makes it: 60 terms three times over (a vector of about
    # 1.3 kB) and a snippet of 1 kB, more than PostgreSQL keeps in a row uncompressed.
    body = " ".join(f"pl0slowo{n % 60}" for n in range(180))
    SearchEntry.objects.filter(pk=row.pk).update(
        body_terms=body, snippet_text="Festiwal muzyki i teatru. " * 40
    )


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL's storage of the tsvector column"
)
def test_postgresql_keeps_a_long_row_s_vector_in_the_row_uncompressed(corpus):
    """search/migrations/0006: the vector that ts_rank reads for every match stays in the row
    uncompressed while it fits (STORAGE MAIN): the row's long text is compressed or moved out
    first. With the default storage the same row's vector is compressed."""
    row = SearchEntry.objects.filter(type="lesson").first()
    _write_a_long_lesson_row(row)
    assert _vector_compression(row) is None

    with connection.cursor() as cursor:
        cursor.execute(
            f"ALTER TABLE {SearchEntry._meta.db_table} ALTER COLUMN vector SET STORAGE EXTENDED"
        )
    SearchEntry.objects.filter(pk=row.pk).update(body_terms="")
    _write_a_long_lesson_row(row)
    assert _vector_compression(row) == "pglz"
