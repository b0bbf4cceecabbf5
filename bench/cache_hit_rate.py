"""The response cache's hit rate while content is edited (lms/api/cache.py).

A long-tail read load over the course and lesson details of the bench dataset, each in its
own locale, while a simulated editor publishes one page (a course or lesson picked at random,
any locale) every few seconds; the cache is warmed first. Run once with dependency-tracked
invalidation (``tags``, the default) and once with one global generation (``global``, what
the cache did before: every change makes every stored response stale).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/harbour_bench \\
        .venv/bin/python bench/cache_hit_rate.py --urls 2000 --seconds 60

It runs in one process through Django's test client with a local-memory cache (the same
logic as Redis, without touching a shared Redis), on the bench database `make bench` made.
Publishing re-publishes the page's latest content: the dataset stays as it was. Prints and
writes ``bench/out/cache_hit_rate.json``.
"""

import argparse
import json
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.bench")
os.environ.pop("REDIS_URL", None)

import django  # noqa: E402

django.setup()

from django.test import Client, override_settings  # noqa: E402
from wagtail.models import Page  # noqa: E402

from courses.models import CoursePage, LessonPage  # noqa: E402
from lms.api import cache  # noqa: E402

OUT = Path(__file__).resolve().parent / "out"
LOCMEM = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "hit-rate",
        "OPTIONS": {"MAX_ENTRIES": 1_000_000},
    }
}


def dataset_urls():
    """Every served course and lesson detail, in its own locale."""
    urls = []
    for model, kind in ((CoursePage, "courses"), (LessonPage, "lessons")):
        for pk, code in model.objects.live().values_list("pk", "locale__language_code"):
            urls.append(f"/api/v1/{kind}/{pk}/?locale={code}")
    return urls


def measure(mode, urls, seconds, every, seed):
    rng = random.Random(seed)
    editable = list(CoursePage.objects.live().values_list("pk", flat=True))
    editable += list(LessonPage.objects.live().values_list("pk", flat=True))
    with override_settings(
        CACHES=LOCMEM,
        HARBOUR_API_CACHE=True,
        HARBOUR_API_CACHE_INVALIDATION=mode,
        HARBOUR_API_CACHE_TIMEOUT=3600,
    ):
        cache.backend().clear()
        cache._known_tags.clear()
        client = Client()
        started = time.monotonic()
        for url in urls:
            assert client.get(url).status_code == 200, url
        warm_seconds = time.monotonic() - started
        cache.stats.update(hits=0, misses=0)
        publishes, editing = 0, 0.0
        started = time.monotonic()
        # The first publish at once: the figure is the steady state of an editorial day, not
        # the seconds of a cache that nothing has touched yet.
        next_publish = started
        requests = 0
        while time.monotonic() - started < seconds + editing:
            if time.monotonic() >= next_publish:
                edit_started = time.monotonic()
                page = Page.objects.get(pk=rng.choice(editable)).specific
                page.save_revision().publish()
                publishes += 1
                editing += time.monotonic() - edit_started
                next_publish += every + (time.monotonic() - edit_started)
            response = client.get(rng.choice(urls))
            assert response.status_code == 200
            requests += 1
        hits, misses = cache.stats["hits"], cache.stats["misses"]
    return {
        "mode": mode,
        "urls": len(urls),
        "warm_seconds": round(warm_seconds, 1),
        "seconds": seconds,
        "publishes": publishes,
        "requests": requests,
        "hits": hits,
        "misses": misses,
        "hit_rate": round(hits / max(hits + misses, 1), 4),
    }


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--urls", type=int, default=2000, help="sample of the dataset's details")
    parser.add_argument("--seconds", type=float, default=60.0, help="read load per mode")
    parser.add_argument("--publish-every", type=float, default=5.0)
    parser.add_argument("--modes", default="tags,global")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    every_url = dataset_urls()
    rng = random.Random(args.seed)
    urls = rng.sample(every_url, min(args.urls, len(every_url)))
    results = [
        measure(mode, urls, args.seconds, args.publish_every, args.seed)
        for mode in args.modes.split(",")
    ]
    summary = {"dataset_details": len(every_url), "results": results}
    OUT.mkdir(exist_ok=True)
    (OUT / "cache_hit_rate.json").write_text(json.dumps(summary, indent=2))
    print(f"{len(every_url)} course and lesson details in the dataset; {len(urls)} sampled")
    print("| invalidation | publishes | requests | hits | misses | hit rate |")
    print("|---|---:|---:|---:|---:|---:|")
    for row in results:
        print(
            f"| {row['mode']} | {row['publishes']} | {row['requests']} | {row['hits']} "
            f"| {row['misses']} | {row['hit_rate']:.1%} |"
        )


if __name__ == "__main__":
    main()
