"""The change feed (GET /api/v1/changes/) and updated_since: every change once, in commit
order, resumable at any cursor while writes go on; deletions as tombstones; a lesson's
change counts for its course."""

import threading
import time

import pytest
from django.db import connection, connections
from django.utils import timezone
from rest_framework.test import APIClient

from courses.models import CoursePage
from lms.models import APIKey
from outbox.models import FeedCounter
from tests import factories
from tests.lms.conftest import translate

from .test_outbox import publish


@pytest.fixture
def api():
    return APIClient()


def pages(api, **params):
    """Every row, following ``next`` page by page."""
    rows, url = [], "/api/v1/changes/"
    response = api.get(url, params)
    while True:
        assert response.status_code == 200, response.content
        body = response.json()
        rows += body["results"]
        if not body["has_more"]:
            return rows, body["cursor"]
        response = api.get(body["next"])


def test_the_feed_lists_changes_with_tombstones_and_lessons_name_their_course(api, course):
    lesson = course.get_children().first().specific
    publish(course)
    publish(lesson)
    publish(course)
    lesson.unpublish()
    partner = factories.PartnerFactory()
    rows, _cursor = pages(api)
    assert [(row["event"], row["change"]) for row in rows] == [
        ("course.published", "created"),
        ("lesson.published", "created"),
        ("course.published", "updated"),
        ("lesson.unpublished", "deleted"),
        ("partner.published", "created"),
    ]
    first = rows[0]
    assert first["id"] == course.pk
    assert first["translation_key"] == str(course.translation_key)
    assert first["locale"] == "en"
    assert first["url"] == f"http://testserver/api/v1/courses/{course.pk}/"
    tombstone = rows[3]
    assert tombstone["url"] is None and tombstone["type"] == "lesson"
    assert tombstone["course"]["id"] == course.pk
    assert rows[1]["course"]["url"] == f"http://testserver/api/v1/courses/{course.pk}/"
    assert rows[4]["type"] == "partner" and rows[4]["id"] == partner.pk
    assert rows[4]["course"] is None


def test_a_client_resumes_at_its_cursor_and_sees_each_change_once(api, course):
    lessons = list(course.get_children().specific())
    for lesson in lessons:
        publish(lesson)
    first, cursor = pages(api, limit=2)
    assert len(first) == 3
    publish(course)
    lessons[0].delete()
    later = api.get("/api/v1/changes/", {"since": cursor}).json()
    # Wagtail unpublishes a live page before deleting it: two tombstones.
    assert [row["event"] for row in later["results"]] == [
        "course.published",
        "lesson.unpublished",
        "lesson.deleted",
    ]
    assert [row["change"] for row in later["results"][1:]] == ["deleted", "deleted"]
    # Nothing new: an empty page keeps the cursor.
    again = api.get("/api/v1/changes/", {"since": later["cursor"]}).json()
    assert again["results"] == [] and again["cursor"] == later["cursor"]
    assert api.get("/api/v1/changes/", {"type": "course"}).json()["results"][0]["type"] == "course"


@pytest.mark.parametrize(
    "params",
    [
        {"since": "yesterday"},
        {"since": "-1"},
        {"limit": "0"},
        {"limit": "501"},
        {"type": "quiz"},
        {"page": "2"},
    ],
)
def test_bad_feed_parameters_are_a_400(api, db, params):
    response = api.get("/api/v1/changes/", params)
    assert response.status_code == 400
    assert set(response.json()) >= {"detail", "code"}


# Writers in threads commit while the reader pages: on the real database, not in a test
# transaction. SQLite serialises every write, so there is no race to show there.
@pytest.mark.postgres
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL: SQLite serialises writes, so there is no race to test",
)
@pytest.mark.django_db(transaction=True)
def test_concurrent_writes_leave_no_gaps_and_no_duplicates(api, course):
    # From the database's first event on: the writers also race to create the counter.
    FeedCounter.objects.all().delete()
    # A partner polls with its API key (and its own, higher rate limit).
    _key, plain = APIKey.generate(name="Portal")
    api.credentials(HTTP_AUTHORIZATION=f"Api-Key {plain}")
    lessons = list(course.get_children().specific())
    done = threading.Event()
    written = []

    def writer(lesson):
        try:
            for _round in range(4):
                publish(lesson)
                written.append(lesson.pk)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=writer, args=(lesson,)) for lesson in lessons]
    for thread in threads:
        thread.start()
    seen, cursor = [], "0"
    while not done.is_set():
        if not any(thread.is_alive() for thread in threads):
            done.set()  # one more read after the last commit
        response = api.get("/api/v1/changes/", {"since": cursor, "limit": 3})
        assert response.status_code == 200, response.content
        body = response.json()
        seen += body["results"]
        cursor = body["cursor"]
        if not body["has_more"]:
            time.sleep(0.01)
    while True:
        response = api.get("/api/v1/changes/", {"since": cursor, "limit": 3})
        assert response.status_code == 200, response.content
        body = response.json()
        seen += body["results"]
        cursor = body["cursor"]
        if not body["has_more"]:
            break
    cursors = [int(row["cursor"]) for row in seen]
    assert len(written) == 12
    assert len(seen) == 12
    assert cursors == sorted(set(cursors))  # no duplicates, in order
    assert cursors == list(range(cursors[0], cursors[0] + 12))  # and no gaps


def test_a_polish_lesson_republished_alone_brings_its_course_into_updated_since(
    api, course, locales
):
    course_pl = translate(course, locales["pl"])
    lessons_pl = [translate(lesson, locales["pl"]) for lesson in course.get_children().specific()]
    since = timezone.now()
    time.sleep(0.01)
    publish(lessons_pl[0])

    def listed(locale, **params):
        response = api.get(
            "/api/v1/courses/", {"locale": locale, "updated_since": since.isoformat(), **params}
        )
        assert response.status_code == 200, response.content
        return [row["id"] for row in response.json()["results"]]

    assert listed("pl") == [course_pl.pk]
    assert listed("en") == []  # the English course and its lessons did not change

    # A deleted lesson is a change of its course too.
    since = timezone.now()
    time.sleep(0.01)
    assert listed("pl") == []
    lessons_pl[1].delete()
    assert listed("pl") == [CoursePage.objects.get(pk=course_pl.pk).pk]


def test_partners_accept_updated_since(api, db):
    old = factories.PartnerFactory()
    since = timezone.now()
    time.sleep(0.01)
    new = factories.PartnerFactory()
    response = api.get("/api/v1/partners/", {"updated_since": since.isoformat()})
    assert response.status_code == 200, response.content
    ids = [row["id"] for row in response.json()["results"]]
    assert ids == [new.pk] and old.pk not in ids
    assert api.get("/api/v1/partners/", {"updated_since": "not-a-date"}).status_code == 400
