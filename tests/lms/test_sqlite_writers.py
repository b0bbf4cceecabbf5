"""The embedded default holds concurrent use: 20 learners write their progress at the same
moment to a server on a SQLite file, with the settings every settings module uses
(lms/settings/base.py: WAL, IMMEDIATE transactions, a busy timeout). Every write answers 200
and every write is in the file afterwards.

SQLite only: PostgreSQL's concurrency is tested in test_concurrency.py.
"""

import json
import sqlite3
import threading

import pytest
from django.db import connection
from rest_framework.authtoken.models import Token

from lms.services.pages import quiz_ids
from lms.settings.base import SQLITE_OPTIONS, database_from_env
from tests import factories
from tests.server import harbour_server, request

pytestmark = [
    pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's locking only"),
    pytest.mark.django_db(transaction=True),
]

WRITERS = 20


def test_every_settings_module_gives_sqlite_wal_immediate_and_a_timeout(monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    options = database_from_env("sqlite:////tmp/harbour.sqlite3")["default"]["OPTIONS"]
    assert options["transaction_mode"] == "IMMEDIATE"
    assert options["timeout"] >= 10
    assert "journal_mode=WAL" in options["init_command"]
    assert database_from_env("postgres://db/harbour")["default"].get("OPTIONS", {}) == {}


def test_twenty_parallel_progress_writers_on_a_sqlite_file_lose_nothing(course, tmp_path):
    lessons = list(course.get_lessons().specific())
    tokens = [
        Token.objects.create(user=factories.UserFactory(username=f"writer-{number}")).key
        for number in range(WRITERS)
    ]
    # The test database (committed: a transactional test) copied to a file the server opens.
    path = tmp_path / "harbour.sqlite3"
    target = sqlite3.connect(path)
    connection.ensure_connection()
    connection.connection.backup(target)
    target.close()

    results, errors = [], []
    with harbour_server({"DATABASE_URL": f"sqlite:///{path}"}) as url:
        barrier = threading.Barrier(WRITERS)

        def writer(token):
            headers = {"Authorization": f"Token {token}", "Content-Type": "application/json"}
            try:
                barrier.wait(timeout=30)
                for seconds, lesson in enumerate(lessons, start=1):
                    for status in ("in_progress", "completed"):
                        body = json.dumps({"status": status, "time_spent": seconds * 60})
                        answer = request(
                            "PUT", f"{url}/api/v1/progress/lessons/{lesson.pk}/", body, headers
                        )
                        results.append((answer[0], answer[2][:200]))
            except Exception as error:  # noqa: BLE001 - reported below
                errors.append(error)

        threads = [threading.Thread(target=writer, args=(token,)) for token in tokens]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)

    assert not errors, errors
    failed = [result for result in results if result[0] != 200]
    assert len(results) == WRITERS * len(lessons) * 2
    assert failed == [], (len(failed), failed[:3], harbour_server.log[-2000:])

    stored = sqlite3.connect(path)
    rows = stored.execute(
        "SELECT status, COUNT(*), SUM(time_spent) FROM lms_lessonprogress GROUP BY status"
    ).fetchall()
    enrolments = stored.execute("SELECT COUNT(*) FROM lms_enrolment").fetchone()[0]
    journal = stored.execute("PRAGMA journal_mode").fetchone()[0]
    stored.close()
    # Every write is stored; a lesson with a quiz stays in progress until the quiz is passed
    # (the completion rule), so the expected rows follow the fixture's lessons.
    expected = {}
    for seconds, lesson in enumerate(lessons, start=1):
        status = "in_progress" if quiz_ids(lesson) else "completed"
        count, total = expected.get(status, (0, 0))
        expected[status] = (count + WRITERS, total + WRITERS * seconds * 60)
    assert len(expected) == 2, "the fixture course has lessons with and without a quiz"
    assert rows == sorted((status, *figures) for status, figures in expected.items())
    assert enrolments == WRITERS
    assert journal == "wal"
    assert SQLITE_OPTIONS["transaction_mode"] == "IMMEDIATE"
