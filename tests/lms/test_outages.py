"""Outages of the backing services, with real closed ports: with Redis unreachable the site
and the API keep serving (no cache, rate limits off) and the log says so once; with the
database unreachable the site answers a "temporarily unavailable" page and the API a JSON
503, both with Retry-After."""

import json
import logging
import socket

import pytest
from django.core.cache import cache
from django.test import Client, override_settings
from rest_framework.settings import api_settings

from lms.settings.base import cache_from_env
from tests import factories
from tests.server import closed_port, harbour_server, request

PASSWORD = "correct-horse-battery"


def redis_reachable(host="127.0.0.1", port=6379):
    try:
        socket.create_connection((host, port), timeout=1).close()
        return True
    except OSError:
        return False


@pytest.fixture
def redis_down(monkeypatch):
    """The cache configured as production does (REDIS_URL), at a port nothing listens on."""
    monkeypatch.setenv("REDIS_URL", f"redis://127.0.0.1:{closed_port()}/0")
    rates = {**api_settings.DEFAULT_THROTTLE_RATES, "anon": "3/minute"}
    from django.conf import settings

    with override_settings(
        CACHES=cache_from_env(),
        REST_FRAMEWORK={**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates},
    ):
        yield


def test_with_redis_unreachable_the_site_and_the_api_keep_serving(redis_down, course, caplog):
    user = factories.UserFactory()
    client = Client()
    with caplog.at_level(logging.WARNING, logger="lms.cache"):
        assert client.get("/en/").status_code == 200
        assert client.get("/en/accounts/login/").status_code == 200
        for _ in range(6):
            # Rate limits count in the cache: while it is away they are off, not an error.
            assert client.get("/api/v1/courses/").status_code == 200
        response = client.post(
            "/api/v1/auth/token/",
            {"username": user.username, "password": PASSWORD},
            content_type="application/json",
        )
        assert response.status_code == 200
        assert (
            client.post(
                "/en/accounts/login/", {"username": user.username, "password": PASSWORD}
            ).status_code
            == 302
        )
        assert client.get("/en/learn/").status_code == 200
    # Publishing the course in the fixtures already met the outage: count from there.
    records = caplog.get_records("setup") + caplog.get_records("call")
    said = [record for record in records if record.name == "lms.cache"]
    assert len(said) == 1, [record.getMessage() for record in said]
    assert "unreachable" in said[0].getMessage()


def test_the_cache_reads_its_default_and_writes_nothing_while_redis_is_away(redis_down):
    assert cache.get("anything") is None
    assert cache.get("anything", "fallback") == "fallback"
    assert cache.get_or_set("key", 42) == 42
    cache.set("key", 1)
    assert cache.add("key", 1) is False
    assert cache.get_many(["a", "b"]) == {}
    assert cache.delete("key") is False


@pytest.mark.skipif(not redis_reachable(), reason="no Redis at 127.0.0.1:6379")
def test_while_redis_is_away_nothing_is_kept_in_the_process(redis_down, course):
    """No bump can reach a kept value while the cache is away: the unpublished sections and
    the served look-ups follow the database at once."""
    from courses.models import CoursePage, LessonPage

    lesson = course.get_children().first()
    assert LessonPage.objects.served_inline().filter(pk=lesson.pk).exists()
    CoursePage.objects.filter(pk=course.pk).update(live=False)
    assert not LessonPage.objects.served_inline().filter(pk=lesson.pk).exists()


@override_settings(HARBOUR_API_CACHE_TIMEOUT=0)
def test_nothing_is_kept_in_the_process_longer_than_the_cache_timeout(course):
    """Processes that share no cache (local memory, several workers) see each other's changes
    within HARBOUR_API_CACHE_TIMEOUT: here 0, so at once, though no signal bumped a version."""
    from wagtail.models import Page

    from lms.services.pages import NotFound, live_lesson

    lesson = course.get_children().first()
    assert live_lesson(lesson.pk).pk == lesson.pk
    # As another process would change it: no signal in this one.
    Page.objects.filter(pk=course.pk).update(live=False)
    with pytest.raises(NotFound):
        live_lesson(lesson.pk)


def test_with_redis_there_the_same_backend_caches(monkeypatch):
    monkeypatch.setenv("REDIS_URL", "redis://127.0.0.1:6379/15")
    with override_settings(CACHES=cache_from_env()):
        cache.set("harbour-test-key", {"a": 1}, 30)
        assert cache.get("harbour-test-key") == {"a": 1}
        cache.delete("harbour-test-key")


@pytest.fixture(scope="module")
def database_down():
    url = f"postgres://postgres@127.0.0.1:{closed_port()}/harbour"
    with harbour_server({"DATABASE_URL": url}) as server:
        yield server


def test_with_the_database_unreachable_the_site_says_temporarily_unavailable(database_down):
    status, headers, body = request("GET", f"{database_down}/en/")
    assert status == 503
    assert headers["Content-Type"].startswith("text/html")
    assert headers["Retry-After"] == "30"
    page = body.decode()
    assert "Temporarily unavailable" in page and 'lang="en"' in page
    status, _headers, body = request("GET", f"{database_down}/pl/kursy/")
    assert status == 503 and 'lang="pl"' in body.decode()


@pytest.mark.parametrize(
    "method, path, body",
    [
        ("GET", "/api/v1/courses/", None),
        ("GET", "/api/v1/search/?q=harbour", None),
        ("POST", "/api/v1/auth/token/", json.dumps({"username": "a", "password": "b"})),
    ],
)
def test_with_the_database_unreachable_the_api_answers_json_503(database_down, method, path, body):
    headers = {"Content-Type": "application/json"} if body else {}
    status, answer_headers, answer = request(method, database_down + path, body, headers)
    assert status == 503, answer[:300]
    assert answer_headers["Content-Type"].startswith("application/json")
    data = json.loads(answer)
    assert data["code"] in {"service_unavailable", "search_unavailable"} and data["detail"]
