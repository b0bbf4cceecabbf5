"""lms.memo.one_read(): within one request each version is read from the cache once, with the
versions the request announced; its own bumps are seen at once, other processes' by the next
request."""

import pytest
from django.core.cache import caches

from lms import memo
from tests.lms.conftest import count_version_reads


@pytest.fixture
def store(monkeypatch):
    """The real cache (local memory in tests), with its reads of many keys counted."""
    store = caches["default"]
    store.clear()
    store.reads = count_version_reads(monkeypatch, type(store))
    yield store
    store.clear()


def test_outside_one_read_every_call_reads_the_cache(store):
    first = memo.versions(store, ["a"])
    second = memo.versions(store, ["a"])

    assert first == second
    assert store.reads == [["a"], ["a"]]


def test_inside_one_read_a_version_is_read_once_with_the_expected_ones(store):
    with memo.one_read():
        memo.expect(store, ["b", "c"])
        first = memo.versions(store, ["a"])
        both = memo.versions(store, ["a", "b"])
        memo.versions(store, ["c"])

    assert store.reads == [["a", "b", "c"]]
    assert both["a"] == first["a"] and both["b"] == store.get("b")


def test_a_bump_inside_is_seen_at_once_and_another_process_s_by_the_next_request(store):
    with memo.one_read():
        before = memo.versions(store, ["a"])["a"]
        memo.bump(store, ["a"])
        after = memo.versions(store, ["a"])["a"]
        assert after != before and after == store.get("a")
        store.set("a", "set-by-another-process", timeout=None)
        assert memo.versions(store, ["a"])["a"] == after

    with memo.one_read():
        assert memo.versions(store, ["a"])["a"] == "set-by-another-process"


def test_a_value_kept_under_a_version_read_once_is_computed_again_after_a_bump(store):
    computed = []

    def compute():
        computed.append(1)
        return len(computed)

    for _request in range(2):
        with memo.one_read():
            version = memo.versions(store, ["a"])["a"]
            assert memo.kept(("test", "a"), version, compute) == 1
    with memo.one_read():
        memo.bump(store, ["a"])
        version = memo.versions(store, ["a"])["a"]
        assert memo.kept(("test", "a"), version, compute) == 2

    assert len(computed) == 2


def test_versions_the_caller_read_itself_count_as_read(store):
    store.set("a", "read-by-the-response-cache", timeout=None)
    with memo.one_read():
        memo.saw(store, {"a": store.get_many(["a"])["a"]})
        store.set("a", "bumped-elsewhere", timeout=None)
        assert memo.versions(store, ["a"]) == {"a": "read-by-the-response-cache"}

    assert store.reads == [["a"]]


def test_a_version_the_cache_could_not_give_is_asked_for_again(monkeypatch):
    """While Redis is away a version reads as None; within the request it is not taken as
    read, so a read after Redis answers again gets the real version."""
    from lms.cache import ResilientRedisCache
    from tests.server import closed_port

    away = ResilientRedisCache(f"redis://127.0.0.1:{closed_port()}/0", {})
    reads = count_version_reads(monkeypatch, ResilientRedisCache)
    with memo.one_read():
        assert memo.versions(away, ["a"]) == {"a": None}
        assert memo.versions(away, ["a"]) == {"a": None}
        memo.saw(away, {"b": None})
        assert memo.versions(away, ["b"]) == {"b": None}

    assert reads == [["a"], ["a"], ["b"]]
