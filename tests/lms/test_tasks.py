"""Background work: HARBOUR_TASKS_BACKEND picks the queue (lms/settings/base.py), and the
queues really hold the work until a worker runs it. The other tests run tasks inline
(lms/settings/test.py)."""

import logging
import os
import signal
import subprocess
import sys
import uuid
from pathlib import Path

import django_rq
import pytest
import redis
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.test import override_settings
from django_tasks import (
    DEFAULT_TASK_BACKEND_ALIAS,
    TaskResultStatus,
    default_task_backend,
    task_backends,
)
from django_tasks_db.models import DBTaskResult
from django_tasks_rq import Job
from rq import SimpleWorker
from wagtail.search import index as search_index
from wagtail.search.tasks import insert_or_update_object_task

from courses.models import LessonPage
from lms.management.commands.serve import worker_command
from lms.settings.base import tasks_from_env
from tests import factories

BASE_DIR = Path(__file__).resolve().parents[2]
REDIS_URL = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/15"
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
WORD = "quokkaharbour"


# The choice of backend ---------------------------------------------------------------------


@pytest.fixture
def env(monkeypatch):
    monkeypatch.delenv("HARBOUR_TASKS_BACKEND", raising=False)
    monkeypatch.delenv("REDIS_URL", raising=False)
    return monkeypatch


def backend_of(tasks):
    return tasks["default"]["BACKEND"]


def test_database_is_the_default(env):
    tasks, queues = tasks_from_env()
    assert backend_of(tasks) == "django_tasks_db.DatabaseBackend"
    assert queues == {}


@pytest.mark.parametrize(
    ("value", "backend"),
    [
        ("database", "django_tasks_db.DatabaseBackend"),
        (" Database ", "django_tasks_db.DatabaseBackend"),
        ("", "django_tasks_db.DatabaseBackend"),
        ("immediate", "django_tasks.backends.immediate.ImmediateBackend"),
    ],
)
def test_backend_is_picked_from_the_environment(env, value, backend):
    env.setenv("HARBOUR_TASKS_BACKEND", value)
    tasks, queues = tasks_from_env()
    assert backend_of(tasks) == backend
    assert queues == {}


def test_rq_queues_on_redis_url(env):
    env.setenv("HARBOUR_TASKS_BACKEND", "rq")
    env.setenv("REDIS_URL", "redis://cache.internal:6379/2")
    tasks, queues = tasks_from_env()
    assert backend_of(tasks) == "django_tasks_rq.RQBackend"
    # Every queue the backend uses is one django-rq knows.
    assert set(tasks["default"]["QUEUES"]) == set(queues)
    assert queues == {"default": {"URL": "redis://cache.internal:6379/2"}}


def test_rq_without_redis_url_is_refused(env):
    env.setenv("HARBOUR_TASKS_BACKEND", "rq")
    with pytest.raises(ImproperlyConfigured, match="REDIS_URL is not set"):
        tasks_from_env()


def test_unknown_backend_is_refused(env):
    env.setenv("HARBOUR_TASKS_BACKEND", "celery")
    with pytest.raises(ImproperlyConfigured, match="not one of database, rq, immediate"):
        tasks_from_env()


def production(tmp_path, **variables):
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "ELASTICSEARCH", "REDIS", "HARBOUR_TASKS"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="lms.settings.production",
        SECRET_KEY="k7#q2!vX9@pL4$wZ8&nR1*tY6^mB3%cH5(jD0)fG-sA+eU=iO~",
        ALLOWED_HOSTS="harbour.example",
        DATABASE_URL=f"sqlite:///{tmp_path / 'production.sqlite3'}",
        **variables,
    )
    script = "from django.conf import settings; print(settings.TASKS['default']['BACKEND'])"
    return subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", script],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_queues_in_the_database_by_default(tmp_path):
    result = production(tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "django_tasks_db.DatabaseBackend"


def test_production_refuses_rq_without_redis_url(tmp_path):
    result = production(tmp_path, HARBOUR_TASKS_BACKEND="rq")
    assert result.returncode != 0
    assert "HARBOUR_TASKS_BACKEND=rq" in result.stderr
    assert "REDIS_URL is not set" in result.stderr


def configured_backend():
    return task_backends[DEFAULT_TASK_BACKEND_ALIAS]


def test_serve_starts_the_worker_the_backend_needs():
    with override_settings(TASKS=DATABASE_TASKS):
        assert worker_command(configured_backend()) == [
            "db_worker",
            "--no-reload",
            "--queue-name",
            "default",
        ]
    tasks = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    with override_settings(TASKS=tasks, RQ_QUEUES={"default": {"URL": REDIS_URL}}):
        assert worker_command(configured_backend()) == [
            "rqworker",
            "--job-class",
            "django_tasks_rq.Job",
            "--with-scheduler",
            "default",
        ]
    # The test settings' immediate backend needs none.
    assert worker_command(configured_backend()) is None


# The queues, with a worker ---------------------------------------------------------------


@pytest.fixture
def worker_process_state():
    """The workers install signal handlers and set log levels, as a process of their own
    would; put them back for the rest of the test session."""
    signals = [signal.SIGINT, signal.SIGTERM] + (
        [signal.SIGQUIT] if hasattr(signal, "SIGQUIT") else []
    )
    handlers = {number: signal.getsignal(number) for number in signals}
    loggers = {
        name: logging.getLogger(name).level
        for name in ("django_tasks", "django_tasks_db", "rq.worker")
    }
    yield
    for number, handler in handlers.items():
        signal.signal(number, handler)
    for name, level in loggers.items():
        logging.getLogger(name).setLevel(level)


def found(word):
    return list(LessonPage.objects.search(word))


# The worker claims each task in a transaction of its own and closes stale connections, as in
# production: so the test runs on the real database, not in a transaction.
@pytest.mark.django_db(transaction=True)
def test_database_queue_holds_wagtails_tasks_until_the_worker_runs_them(
    course, worker_process_state, caplog
):
    with override_settings(TASKS=DATABASE_TASKS):
        # Saving a page makes Wagtail enqueue its search index (and reference index) update.
        lesson = factories.LessonPageFactory(
            parent=course,
            locale=course.locale,
            title="Tide tables",
            body=[{"type": "rich_text", "value": f"<p>The {WORD} sails at dawn.</p>"}],
        )
        queued = DBTaskResult.objects.filter(backend_name="default")
        assert queued.exists()
        assert set(queued.values_list("status", flat=True)) == {TaskResultStatus.READY}
        index_task = queued.get(task_path="modelsearch.tasks.insert_or_update_object_task")
        assert index_task.args_kwargs["args"] == ["courses", "lessonpage", str(lesson.pk)]
        assert found(WORD) == []  # not indexed yet: the work waits in the queue

        # The command an operator runs; --batch: until the queue is empty, then exit.
        call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload")

        assert set(queued.values_list("status", flat=True)) == {TaskResultStatus.SUCCESSFUL}
        result = default_task_backend.get_result(str(index_task.pk))
        assert result.status == TaskResultStatus.SUCCESSFUL
        assert result.finished_at is not None and result.worker_ids
        assert found(WORD) == [lesson]
        logged = [record.getMessage() for record in caplog.records]
        assert any(f"id={index_task.pk} " in line and "state=SUCCESSFUL" in line for line in logged)


def redis_unreachable():
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=0.5).ping()
    except redis.RedisError as error:
        return f"Redis is not reachable at {REDIS_URL}: {error}"
    return None


NO_REDIS = redis_unreachable()


@pytest.mark.skipif(NO_REDIS is not None, reason=NO_REDIS or "")
def test_rq_queue_holds_the_task_until_a_burst_worker_runs_it(course, worker_process_state):
    # A queue of this test's own, so that nothing else on the Redis server is touched.
    queue_name = f"harbour-test-{uuid.uuid4().hex}"
    tasks = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": [queue_name]}}
    lesson = course.get_lessons().first().specific
    lesson.body = [{"type": "rich_text", "value": f"<p>The {WORD} docks at noon.</p>"}]
    lesson.save()  # indexed at once by the test settings' immediate backend …
    search_index.remove_object(lesson)  # … and taken out again, for the queued task to redo
    assert found(WORD) == []

    # django-rq looks results up on the connection of its "default" queue.
    queues = {name: {"URL": REDIS_URL} for name in ("default", queue_name)}
    with override_settings(TASKS=tasks, RQ_QUEUES=queues):
        queue = django_rq.get_queue(queue_name, job_class=Job)
        try:
            result = insert_or_update_object_task.using(queue_name=queue_name).enqueue(
                "courses", "lessonpage", str(lesson.pk)
            )
            assert queue.count == 1
            assert default_task_backend.get_result(result.id).status == TaskResultStatus.READY
            assert found(WORD) == []

            # SimpleWorker is rq's Worker without the fork: the job runs in this process, in
            # this test's database transaction.
            worker = SimpleWorker([queue], connection=queue.connection, job_class=Job)
            assert worker.work(burst=True, logging_level="WARNING")

            assert queue.count == 0
            assert default_task_backend.get_result(result.id).status == TaskResultStatus.SUCCESSFUL
            assert found(WORD) == [lesson]
        finally:
            for registry in (queue.finished_job_registry, queue.failed_job_registry):
                for job_id in registry.get_job_ids():
                    registry.remove(job_id, delete_job=True)
            queue.delete(delete_jobs=True)
