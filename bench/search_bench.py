"""Search latency at scale, against a plain icontains ORM query on the same data.

    .venv/bin/python bench/search_bench.py                      # 10,000 lessons, nine locales
    .venv/bin/python bench/search_bench.py --lessons 2000 --repeat 3
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/harbour_search_bench \\
        .venv/bin/python bench/search_bench.py

It builds (once, then reuses) its own database: bench/out/search_bench.sqlite3 unless
DATABASE_URL is set, filled by ``manage.py generate_content`` with English courses of ten
lessons each, half of them translated into each of the other locales. Then, for each query word
in each measured locale, it times:

- ``search``: search.services.search(), the full call the API and the page make (four types,
  facets, first page of 20 hits with snippets);
- ``search lessons``: the same, lessons only;
- ``icontains``: LessonPage live in that locale whose title, summary or body contains every word
  (icontains), counted, first 20 by title; no ranking, no facets.

The three are timed in alternating turns. It prints p50 and p95 in milliseconds and the ratio of each to icontains, and writes the numbers
to bench/out/search_bench.json. Never run as a test: timings depend on the machine.
"""

import argparse
import json
import math
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
sys.path.insert(0, str(ROOT))

LESSONS_PER_COURSE = 10
TRANSLATED_FRACTION = 0.5
QUERIES = [
    "festival",
    "harbour",
    "museum archive",
    "design studio",
    "funding",
    "residency",
    "cooperation network",
    "exhibition",
    "island coast",
    "mentoring",
]


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lessons", type=int, default=10_000, help="lessons in all locales")
    parser.add_argument(
        "--locales",
        default="en,de,da,sv,fi,et,lv,lt,pl",
        help="content locales; English is the source (default: all nine)",
    )
    parser.add_argument("--measure", default="en,de,pl", help="locales to query (default en,de,pl)")
    parser.add_argument("--repeat", type=int, default=5, help="timed runs per query")
    parser.add_argument("--fresh", action="store_true", help="rebuild the database")
    return parser.parse_args()


def setup_django(fresh):
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / "search_bench.sqlite3"
    if "DATABASE_URL" not in os.environ:
        if fresh and path.exists():
            path.unlink()
        os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.bench")
    import django

    django.setup()


def build(args):
    from django.core.management import call_command

    from courses.models import LessonPage

    call_command("migrate", verbosity=0)
    codes = [code.strip() for code in args.locales.split(",") if code.strip()]
    translations = [code for code in codes if code != "en"]
    have = LessonPage.objects.count()
    if have >= args.lessons:
        print(f"Reusing {have} lessons in {os.environ['DATABASE_URL']}")
        analyze()
        return
    per_course = LESSONS_PER_COURSE * (1 + TRANSLATED_FRACTION * len(translations))
    courses = math.ceil((args.lessons - have) / per_course)
    print(
        f"Generating {courses} courses × {LESSONS_PER_COURSE} lessons, half translated into "
        f"{', '.join(translations) or 'no other locale'} …"
    )
    started = time.perf_counter()
    call_command(
        "generate_content",
        courses=courses,
        lessons=LESSONS_PER_COURSE,
        locales=",".join(translations),
        translated_fraction=TRANSLATED_FRACTION,
        seed=have,
    )
    print(f"\nGenerated and indexed in {time.perf_counter() - started:.0f} s")
    analyze()


def analyze():
    """The planner's statistics, after a fill or a migrate that rewrote the search rows: without
    them PostgreSQL walked the whole search table for every query."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def icontains(query, locale_code):
    from django.db.models import Q

    from courses.models import LessonPage

    queryset = LessonPage.objects.live().filter(locale__language_code=locale_code)
    for word in query.split():
        queryset = queryset.filter(
            Q(title__icontains=word) | Q(summary__icontains=word) | Q(body__icontains=word)
        )
    return queryset.count(), list(queryset.order_by("title")[:20])


def measure(functions, cases, repeat):
    """p50 and p95 of each of ``functions`` ({label: function}), timed in alternating turns
    (each case: every function once, ``repeat`` times) so that a change in the machine's load
    falls on all of them alike."""
    timings = {label: [] for label in functions}
    for query, locale in cases:
        for function in functions.values():
            function(query, locale)  # warm the caches once, as a running server has them warm
        for _ in range(repeat):
            for label, function in functions.items():
                started = time.perf_counter()
                function(query, locale)
                timings[label].append((time.perf_counter() - started) * 1000)
    results = []
    for label, values in timings.items():
        values.sort()
        p95 = values[min(len(values) - 1, math.ceil(0.95 * len(values)) - 1)]
        results.append(
            {
                "label": label,
                "samples": len(values),
                "p50_ms": statistics.median(values),
                "p95_ms": p95,
            }
        )
    return results


def main():
    args = parse_args()
    setup_django(args.fresh)
    build(args)

    from django.conf import settings
    from django.db import connection

    from courses.models import LessonPage
    from search import services

    locales = [code.strip() for code in args.measure.split(",") if code.strip()]
    cases = [(query, locale) for locale in locales for query in QUERIES]
    lessons = LessonPage.objects.count()
    hits = {
        locale: services.search("festival", locale, types=["lesson"]).count for locale in locales
    }
    backend = settings.WAGTAILSEARCH_BACKENDS["default"]["BACKEND"]
    print(f"{lessons} lessons on {connection.vendor}, search backend {backend}")
    print(f"'festival' matches {hits} lessons per locale; load average {os.getloadavg()}")

    results = measure(
        {
            "search": lambda q, loc: services.search(q, loc),
            "search lessons": lambda q, loc: services.search(q, loc, types=["lesson"]),
            "icontains": icontains,
        },
        cases,
        args.repeat,
    )
    baseline = results[-1]
    print(f"\n{'':16} {'p50 ms':>9} {'p95 ms':>9} {'p50 ratio':>10} {'p95 ratio':>10}")
    for row in results:
        row["p50_ratio"] = row["p50_ms"] / baseline["p50_ms"]
        row["p95_ratio"] = row["p95_ms"] / baseline["p95_ms"]
        print(
            f"{row['label']:16} {row['p50_ms']:9.1f} {row['p95_ms']:9.1f} "
            f"{row['p50_ratio']:10.2f} {row['p95_ratio']:10.2f}"
        )
    report = {
        "lessons": lessons,
        "database": connection.vendor,
        "backend": backend,
        "queries": QUERIES,
        "locales": locales,
        "repeat": args.repeat,
        "load_average": os.getloadavg(),
        "results": results,
    }
    (OUT / "search_bench.json").write_text(json.dumps(report, indent=2))
    print(f"\nWritten to {OUT / 'search_bench.json'}")


if __name__ == "__main__":
    main()
