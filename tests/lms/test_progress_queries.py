"""A progress write reads each thing it needs once."""

from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from lms.models import Enrolment, LessonProgress
from tests import factories
from tests.lms.conftest import api_client_for, count_version_reads


def reads_of(queries, table):
    return [q for q in queries if q["sql"].startswith("SELECT") and f'FROM "{table}"' in q["sql"]]


def test_a_progress_put_reads_the_course_and_the_enrolment_once(learner, lessons):
    client = api_client_for(learner)
    url = f"/api/v1/progress/lessons/{lessons[0].pk}/"
    assert client.put(url, {"time_spent": 10}, format="json").status_code == 200

    with CaptureQueriesContext(connection) as queries:
        response = client.put(url, {"time_spent": 20, "position": "b-2"}, format="json")

    assert response.status_code == 200
    assert response.json()["time_spent"] == 20
    assert LessonProgress.objects.get().time_spent == 20
    assert Enrolment.objects.count() == 1
    # The existing enrolment, locked, in one query (no get_or_create before the lock).
    assert len(reads_of(queries, Enrolment._meta.db_table)) == 1
    # The lesson and its course (its parent page), with their locales, in one query; the
    # answer reuses both.
    page_reads = [
        q
        for q in queries
        if q["sql"].startswith("SELECT")
        and ('"courses_lessonpage"' in q["sql"] or '"courses_coursepage"' in q["sql"])
    ]
    assert len(page_reads) == 1
    assert '"courses_lessonpage"' in page_reads[0]["sql"]
    assert '"courses_coursepage"' in page_reads[0]["sql"]
    # The pages come with their locales, and the negotiated ones are kept per process
    # (lms/api/cache.py, memo): no Locale read.
    assert not reads_of(queries, "wagtailcore_locale")


def statements(queries):
    # The test's own transaction turns the view's transaction into a savepoint; outside a
    # test it is BEGIN/COMMIT, which Django does not log as queries.
    return [q["sql"] for q in queries if "SAVEPOINT" not in q["sql"]]


def test_a_progress_put_as_a_player_sends_it_takes_six_queries(learner, lessons):
    """The bench's write: a known lesson already completed, a new position and time. Token;
    the lesson and its course (one query, each served inside it); the locked enrolment; the
    row, its UPDATE; then the event, numbered and stored in one statement on PostgreSQL (the
    counter's UPDATE in a CTE feeding the INSERT), in two on SQLite. The locale and the site come from the
    per-process memo of lms/api/cache.py, the active webhook subscriptions from the outbox's
    (outbox.events.active_subscriptions): cache reads, no query."""
    client = api_client_for(learner)
    url = f"/api/v1/progress/lessons/{lessons[0].pk}/"
    assert (
        client.put(url, {"status": "completed", "time_spent": 10}, format="json").status_code == 200
    )

    with CaptureQueriesContext(connection) as queries:
        response = client.put(
            url, {"status": "in_progress", "position": "b-3", "time_spent": 40}, format="json"
        )

    assert response.status_code == 200
    body = response.json()
    assert (body["status"], body["position"], body["time_spent"]) == ("completed", "b-3", 40)
    sql = statements(queries)
    assert len(sql) <= (6 if connection.vendor == "postgresql" else 7), "\n".join(sql)
    # Served is checked inside the page queries: no view restriction or section read first.
    assert not [q for q in sql if q.startswith('SELECT "wagtailcore_pageviewrestriction"')]
    assert not [q for q in sql if 'FROM "outbox_subscription"' in q]
    assert not [q for q in sql if q.startswith('SELECT "wagtailcore_page"."path" AS "path"')]
    # The lock is still taken (PostgreSQL; SQLite serialises writers and has no FOR UPDATE).
    if connection.vendor == "postgresql":
        assert any("FOR UPDATE" in q and '"lms_enrolment"' in q for q in sql)


# A lesson the process keeps (lms.services.pages.live_lesson) ------------------------------


def put(client, lesson, **values):
    return client.put(f"/api/v1/progress/lessons/{lesson.pk}/", values, format="json")


def kept(client, lesson):
    """Three reports on the lesson: the first learns what its look-up depends on, the second
    keeps it, the third is answered from what was kept."""
    for seconds in (10, 20, 30):
        assert put(client, lesson, time_spent=seconds).status_code == 200


def page_reads(queries):
    return [
        q["sql"]
        for q in queries
        if q["sql"].startswith("SELECT") and '"courses_lessonpage"' in q["sql"]
    ]


def test_a_lesson_reported_on_again_and_again_is_read_from_the_process(learner, lessons):
    client = api_client_for(learner)
    kept(client, lessons[0])

    with CaptureQueriesContext(connection) as queries:
        response = put(client, lessons[0], time_spent=40, position="b-4")

    assert response.status_code == 200
    assert response.json()["lesson"]["title"] == "Lesson 1"
    assert LessonProgress.objects.get().time_spent == 40
    assert page_reads(queries) == []
    # Token, the locked enrolment, the row, its UPDATE, the event (two on SQLite).
    sql = statements(queries)
    assert len(sql) <= (5 if connection.vendor == "postgresql" else 6), "\n".join(sql)


def test_a_kept_lesson_unpublished_is_gone_at_once(learner, lessons):
    client = api_client_for(learner)
    kept(client, lessons[0])
    lessons[0].unpublish()

    response = put(client, lessons[0], time_spent=50)

    assert response.status_code == 404
    assert LessonProgress.objects.get().time_spent == 30


def test_a_kept_lesson_whose_course_is_unpublished_is_gone_at_once(learner, course, lessons):
    client = api_client_for(learner)
    kept(client, lessons[0])
    course.unpublish()

    assert put(client, lessons[0], time_spent=50).status_code == 404


def test_a_kept_lesson_in_a_course_made_private_is_gone_at_once(learner, course, lessons):
    client = api_client_for(learner)
    kept(client, lessons[0])
    PageViewRestriction.objects.create(
        page=course, restriction_type=PageViewRestriction.PASSWORD, password="partners"
    )

    assert put(client, lessons[0], time_spent=50).status_code == 404


def test_a_kept_lesson_shows_its_new_title_once_published(learner, lessons):
    client = api_client_for(learner)
    kept(client, lessons[0])
    lessons[0].title = "Lesson 1, revised"
    lessons[0].save_revision().publish()

    response = put(client, lessons[0], time_spent=50)

    assert response.status_code == 200
    assert response.json()["lesson"]["title"] == "Lesson 1, revised"


def test_a_kept_lesson_moved_to_another_course_counts_there(learner, course, lessons):
    other = factories.CoursePageFactory(parent=course.get_parent(), locale=course.locale)
    client = api_client_for(learner)
    kept(client, lessons[0])
    lessons[0].move(other, pos="last-child")

    for seconds in (50, 60, 70):  # the look-up learns the new course, keeps it, answers from it
        response = put(client, lessons[0], time_spent=seconds)
        assert response.status_code == 200
        assert response.json()["course_translation_key"] == str(other.translation_key)
    other.unpublish()

    assert put(client, lessons[0], time_spent=80).status_code == 404
    assert Enrolment.objects.filter(course_key=other.translation_key).exists()


def test_a_report_on_a_kept_lesson_reads_the_cache_s_versions_once(learner, lessons, monkeypatch):
    """The versions of the locale (``all``), of the lesson and its course, and of the webhook
    subscriptions come in one read of the cache (lms.memo.one_read and expect)."""
    client = api_client_for(learner)
    kept(client, lessons[0])
    reads = count_version_reads(monkeypatch, type(caches["default"]))

    response = put(client, lessons[0], time_spent=40)

    assert response.status_code == 200
    assert LessonProgress.objects.get().time_spent == 40
    assert len(reads) == 1, reads
    assert any("outbox:subscriptions" in key for key in reads[0])
    assert any(f"pageid:{lessons[0].pk}" in key for key in reads[0])
