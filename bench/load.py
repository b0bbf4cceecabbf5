"""A bounded load test on loopback: many clients at once on the catalogue, lesson and progress
endpoints of the gunicorn server. It must see no errors.

    .venv/bin/python bench/load.py                        # its own server, 50 clients, 30 s
    .venv/bin/python bench/load.py --clients 20 --seconds 10

`make bench` runs it too and puts its figures into bench/RESULTS.md.
"""

import argparse
import math
import sys
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.loadgen import Target, run  # noqa: E402

LOCALE = "pl"
PROGRESS_STATUSES = ["in_progress", "completed"]


def progress_body(index):
    """An idempotent progress update, as a player reporting where the learner is."""
    return {
        "status": PROGRESS_STATUSES[index % 2],
        "position": index % 500,
        "time_spent": 30 + index % 60,
    }


def progress_target(facts, auth, name="progress write"):
    return Target(
        name,
        [f"/api/v1/progress/lessons/{pk}/" for pk in facts["lessons_en"]],
        method="PUT",
        headers=auth,
        body=progress_body,
    )


def catalogue_pages(facts):
    """Pages of 20 of the catalogue in pl (every course, translated or not), at most 10."""
    return max(1, min(10, math.ceil(facts["counts"]["courses_en"] / 20)))


def targets(facts, token):
    auth = {"Authorization": f"Token {token}"}
    pages = range(1, catalogue_pages(facts) + 1)
    return [
        Target(
            "catalogue",
            [f"/api/v1/courses/?{urlencode({'locale': LOCALE, 'page': n})}" for n in pages],
        ),
        Target(
            "lesson detail",
            [f"/api/v1/lessons/{pk}/?locale={LOCALE}" for pk in facts["lessons_pl"]],
        ),
        progress_target(facts, auth),
    ]


def run_load(host, port, facts, token, clients=50, seconds=30.0):
    """All three endpoints round-robin from `clients` threads for `seconds`; no request cap."""
    results = run(
        host,
        port,
        targets(facts, token),
        concurrency=clients,
        max_requests=None,
        max_seconds=seconds,
        timeout=60,
    )
    total = sum(result.count for result in results)
    errors = sum(result.errors for result in results)
    elapsed = max(result.elapsed for result in results)
    return {
        "name": "load test",
        "pages": catalogue_pages(facts),
        "lessons": len(facts["lessons_pl"]),
        "clients": clients,
        "seconds": seconds,
        "requests": total,
        "errors": errors,
        "rps": total / elapsed if elapsed else 0.0,
        "results": [result.as_dict() | {"samples": result.error_samples} for result in results],
    }


def render(summary):
    lines = [
        f"{summary['clients']} concurrent clients for {summary['seconds']:g} s, round-robin over "
        f"the catalogue (pl, {summary['pages']} pages), lesson detail "
        f"(pl, {summary['lessons']} lessons) and progress writes "
        f"(PUT, as the bench learner): **{summary['requests']} requests, "
        f"{summary['errors']} errors, {summary['rps']:.0f} req/s**.",
        "",
        "| endpoint | requests | errors | req/s | p50 ms | p95 ms | p99 ms |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for data in summary["results"]:
        lines.append(
            f"| {data['name']} | {data['requests']} | {data['errors']} | {data['rps']:.0f} "
            f"| {data['p50_ms']:.1f} | {data['p95_ms']:.1f} | {data['p99_ms']:.1f} |"
        )
    for data in summary["results"]:
        for sample in data.get("samples", []):
            lines.append(f"\nError sample ({data['name']}): `{sample}`")
    return "\n".join(lines)


def main(argv=None):
    from bench.run import TRANSLATED_LOCALES, get_token
    from bench.server import Database, dataset_spec, ensure_dataset, gunicorn, log

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--courses", type=int, default=1000)
    parser.add_argument("--lessons", type=int, default=10)
    parser.add_argument("--db", choices=["auto", "postgres", "sqlite"], default="auto")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)

    database = Database.choose(args.db)
    spec = dataset_spec(args.courses, args.lessons, TRANSLATED_LOCALES, 0.3)
    facts, _, _ = ensure_dataset(database, spec)
    with gunicorn(database, workers=args.workers, label="load") as (host, port):
        token = get_token(host, port, facts["learner"])
        if token is None:
            raise SystemExit("the load test needs the learner API (/api/v1/auth/token/)")
        log(f"load test: {args.clients} clients for {args.seconds:g} s")
        summary = run_load(host, port, facts, token, args.clients, args.seconds)
    print(render(summary))
    return 1 if summary["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
