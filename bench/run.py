"""`make bench`: Harbour's content API side by side with Wagtail's API v2, a floor, progress
writes, search and a load test, on gunicorn with the bench settings. Writes bench/RESULTS.md.

    .venv/bin/python bench/run.py                 # reuse the dataset if it is there
    .venv/bin/python bench/run.py --rebuild       # generate the dataset anew
    .venv/bin/python bench/run.py --courses 100   # a smaller dataset (says so in the results)
"""

import argparse
import json
import math
import os
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import load  # noqa: E402
from bench.loadgen import Target, fetch_json, run  # noqa: E402
from bench.server import (  # noqa: E402
    OUT,
    ROOT,
    Database,
    dataset_spec,
    ensure_dataset,
    gunicorn,
    log,
    versions,
)

RESULTS = ROOT / "bench" / "RESULTS.md"
START, END = "<!-- bench:results:start -->", "<!-- bench:results:end -->"
# English is the source; each of the others gets the translated fraction of the courses.
TRANSLATED_LOCALES = ["de", "da", "sv", "fi", "et", "lv", "lt", "pl"]
CATALOGUE_LOCALE = "pl"
PAGE_SIZE = 20
CATALOGUE_PAGES = 10
GOAL_V2, GOAL_FLOOR = 0.5, 3.0
ROUNDS = 4
# Fields of a catalogue item that Wagtail's API v2 can give for a CoursePage, by our name.
V2_FIELDS = ["title", "summary", "introduction", "level", "estimated_duration"]


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--courses", type=int, default=1000)
    parser.add_argument("--lessons", type=int, default=10)
    parser.add_argument("--translated-fraction", type=float, default=0.3)
    parser.add_argument("--rebuild", action="store_true", help="generate the dataset anew")
    parser.add_argument("--db", choices=["auto", "postgres", "sqlite"], default="auto")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--concurrency", type=int, default=2, help="clients per measurement")
    parser.add_argument("--requests", type=int, default=600, help="most requests per endpoint")
    parser.add_argument("--seconds", type=float, default=10.0, help="most seconds per endpoint")
    parser.add_argument("--load-clients", type=int, default=50)
    parser.add_argument("--load-seconds", type=float, default=30.0)
    parser.add_argument("--skip-load", action="store_true")
    parser.add_argument("--skip-uncached", action="store_true", help="skip the cache-off run")
    parser.add_argument("--no-write", action="store_true", help="do not touch bench/RESULTS.md")
    return parser.parse_args(argv)


def get_token(host, port, learner):
    """The bench learner's API token, or None (logged) when the server gives none."""
    status, body = fetch_json(host, port, "POST", "/api/v1/auth/token/", body=learner)
    if status != 200 or not isinstance(body, dict) or "token" not in body:
        log(f"no token for the bench learner ({status} {str(body)[:200]}): progress skipped")
        return None
    return body["token"]


def answers(host, port, path):
    status, _ = fetch_json(host, port, "GET", path)
    if status != 200:
        log(f"{path} answered {status}: skipped")
    return status == 200


def catalogue_item_fields(host, port):
    """The catalogue's item fields that API v2 can serve too, so both send the same content."""
    status, body = fetch_json(host, port, "GET", f"/api/v1/courses/?locale={CATALOGUE_LOCALE}")
    if status != 200:
        raise RuntimeError(f"the catalogue answered {status}: {body}")
    items = body.get("results", body) if isinstance(body, dict) else body
    keys = set(items[0]) if items else set()
    return [name for name in V2_FIELDS if name in keys and name != "title"]


def catalogue_pages(facts):
    """Pages of 20 that exist in both listings: API v2 lists only the pages in pl, ours lists
    every course (the untranslated ones in English, marked is_fallback)."""
    return max(1, min(CATALOGUE_PAGES, math.ceil(facts["counts"]["courses_pl"] / PAGE_SIZE)))


def build_targets(host, port, facts, token):
    """Pairs of (ours, baseline) for the side-by-side table, and the rest against the floor."""
    fields = catalogue_item_fields(host, port)
    pages = catalogue_pages(facts)
    v2_fields = ",".join(fields)
    auth = {"Authorization": f"Token {token}"}
    catalogue = Target(
        "catalogue",
        [
            f"/api/v1/courses/?{urlencode({'locale': CATALOGUE_LOCALE, 'page': n})}"
            for n in range(1, pages + 1)
        ],
    )
    catalogue_v2 = Target(
        "catalogue (API v2)",
        [
            "/api/v2/pages/?"
            + urlencode(
                {
                    "type": "courses.CoursePage",
                    "locale": CATALOGUE_LOCALE,
                    "fields": v2_fields,
                    "limit": PAGE_SIZE,
                    "offset": PAGE_SIZE * (n - 1),
                }
            )
            for n in range(1, pages + 1)
        ],
    )
    course = Target(
        "course detail",
        [f"/api/v1/courses/{pk}/?locale={CATALOGUE_LOCALE}" for pk in facts["courses_pl"]],
    )
    course_v2 = Target(
        "course detail (API v2)", [f"/api/v2/pages/{pk}/" for pk in facts["courses_pl"]]
    )
    lesson = Target(
        "lesson detail",
        [f"/api/v1/lessons/{pk}/?locale={CATALOGUE_LOCALE}" for pk in facts["lessons_pl"]],
    )
    lesson_v2 = Target(
        "lesson detail (API v2)", [f"/api/v2/pages/{pk}/" for pk in facts["lessons_pl"]]
    )
    floor = Target("floor", ["/bench/floor/"])
    progress = load.progress_target(facts, auth)
    words = facts["search_words"] or ["creative"]
    search = Target(
        "search",
        [f"/api/v1/search/?{urlencode({'q': word, 'locale': CATALOGUE_LOCALE})}" for word in words],
    )
    return {
        "fields": fields,
        "floor": floor,
        "pairs": [(catalogue, catalogue_v2), (course, course_v2), (lesson, lesson_v2)],
        "others": [progress, search],
        # The others the response cache serves: measured with it off too.
        "cached_others": [search],
    }


def warm_up(host, port, target, args):
    run(
        host,
        port,
        target,
        concurrency=args.concurrency,
        max_requests=max(40, 2 * len(target.paths)),
        max_seconds=30,
    )


def report(result):
    line = (
        f"{result.name:<26} p50 {result.p50 * 1000:7.2f} ms  p95 {result.p95 * 1000:7.2f} ms  "
        f"{result.rps:7.1f} req/s  ({result.count} requests"
    )
    if result.errors:
        line += f", {result.errors} ERRORS {dict(result.statuses)}: {result.error_samples[:2]}"
    log(line + ")")


def measure(host, port, targets, args, rounds=ROUNDS):
    """Measure the targets in turns (a, b, a, b, …), each turn with a share of the budget,
    so a neighbour's load on this shared machine weighs on both sides of a comparison alike."""
    for target in targets:
        warm_up(host, port, target, args)
    merged = {}
    for _ in range(rounds):
        for target in targets:
            (result,) = run(
                host,
                port,
                target,
                concurrency=args.concurrency,
                max_requests=max(1, args.requests // rounds),
                max_seconds=args.seconds / rounds,
            )
            if target.name in merged:
                merged[target.name] = merged[target.name].merge(result)
            else:
                merged[target.name] = result
    for result in merged.values():
        report(result)
    return [merged[target.name] for target in targets]


def row(result, baseline=None, floor=None):
    data = result.as_dict()
    if baseline is not None:
        data["baseline"] = baseline.name
        data["ratio_p50"] = result.p50 / baseline.p50
        data["ratio_p95"] = result.p95 / baseline.p95
    if floor is not None and result is not floor:
        data["floor_p50"] = result.p50 / floor.p50
    return data


def measure_all(host, port, targets, args, others="others"):
    """Each comparison in one set of alternating turns with its baseline and the floor, so
    every ratio compares figures taken under the same conditions."""
    floor_target = targets["floor"]
    floors, rows = [], []
    for ours, theirs in targets["pairs"]:
        baseline, result, floor = measure(host, port, [theirs, ours, floor_target], args)
        floors.append(floor)
        rows.append(row(result, baseline, floor))
        rows.append(row(baseline, floor=floor))
    for target in targets[others]:
        result, floor = measure(host, port, [target, floor_target], args)
        floors.append(floor)
        rows.append(row(result, floor, floor))
    merged = floors[0]
    for floor in floors[1:]:
        merged = merged.merge(floor)
    return [row(merged)] + rows


def fmt(value, digits=2):
    return "—" if value is None else f"{value:.{digits}f}"


def table(rows):
    lines = [
        "| endpoint | p50 ms | p95 ms | req/s | requests | errors | baseline "
        "| × baseline p50 | × baseline p95 | × floor p50 |",
        "|---|---:|---:|---:|---:|---:|---|---:|---:|---:|",
    ]
    for data in rows:
        lines.append(
            f"| {data['name']} | {data['p50_ms']:.2f} | {data['p95_ms']:.2f} | {data['rps']:.0f} "
            f"| {data['requests']} | {data['errors']} | {data.get('baseline', '—')} "
            f"| {fmt(data.get('ratio_p50'))} | {fmt(data.get('ratio_p95'))} "
            f"| {fmt(data.get('floor_p50'))} |"
        )
    return "\n".join(lines)


def verdicts(rows):
    lines = []
    for data in rows:
        if "(API v2)" in data.get("baseline", ""):
            v2_ok = data["ratio_p50"] <= GOAL_V2
            floor_ok = data["floor_p50"] <= GOAL_FLOOR
            lines.append(
                f"- {data['name']}: {data['ratio_p50']:.2f}× API v2 "
                f"({'meets' if v2_ok else 'misses'} ≤ {GOAL_V2}×), "
                f"{data['floor_p50']:.2f}× the floor "
                f"({'meets' if floor_ok else 'misses'} ≤ {GOAL_FLOOR:g}×)"
            )
    return "\n".join(lines)


def render(context):
    machine = context["machine"]
    facts = context["facts"]
    counts = facts["counts"]
    spec = context["spec"]
    out = [
        START,
        f"Measured {context['date']} by `make bench` "
        f"({context['duration']:.0f} s, dataset reused: {context['reused']}).",
        "",
        f"- Machine: {machine['cpus']} CPUs ({machine['cpu']}), {machine['memory']} memory, "
        f"{machine['os']}",
        f"- Python {machine['python']}, Django {machine['django']}, Wagtail {machine['wagtail']}, "
        f"DRF {machine['drf']}, {machine['gunicorn']}",
        f"- Database: {context['database']}; cache: "
        f"{'Redis ' + machine['redis'] if machine['redis'] else 'local memory (per worker)'}",
        f"- Server: gunicorn, {context['args'].workers} sync workers, `lms.settings.bench` "
        "(DEBUG off), on 127.0.0.1; the load generator runs on the same machine.",
        f"- Load average (1 min) before and after the run: {context['load_before']:.1f} and "
        f"{context['load_after']:.1f}: other work shared these CPUs, so compare the ratios "
        "(both sides measured in alternating turns) more than the absolute figures.",
        f"- Dataset: {spec['courses']} courses × {spec['lessons']} lessons in English, "
        f"{spec['translated_fraction']:.0%} translated into each other locale "
        f"({counts['courses_all']} course pages and {counts['lessons_all']} lesson pages in all; "
        f"{counts['courses_pl']} courses and {counts['lessons_pl']} lessons in pl); "
        f"generated in {context['generated_seconds']:.0f} s.",
        f"- Each endpoint: {context['args'].concurrency} concurrent keep-alive clients, at most "
        f"{context['args'].requests} requests or {context['args'].seconds:g} s after a warm-up; "
        f"paths cycle over {catalogue_pages(facts)} catalogue pages, {len(facts['courses_pl'])} courses, "
        f"{len(facts['lessons_pl'])} lessons and {len(facts['search_words'])} search words "
        f"(locale {CATALOGUE_LOCALE}).",
        f"- API v2 catalogue fields: `{','.join(context['fields']) or '(none)'}` "
        "(the catalogue's own fields that API v2 can serve).",
        "",
        "### Side by side",
        "",
        table(context["rows"]),
        "",
        "Goal: the catalogue and detail endpoints take at most "
        f"{GOAL_V2}× the time of API v2 and at most {GOAL_FLOOR:g}× the floor (p50):",
        "",
        verdicts(context["rows"]),
        "",
    ]
    if context.get("uncached_rows"):
        out += [
            "### The same endpoints with the response cache off",
            "",
            "A second server with `HARBOUR_API_CACHE=off`: what every request costs when it "
            "is computed (a cache miss).",
            "",
            table(context["uncached_rows"]),
            "",
            verdicts(context["uncached_rows"]),
            "",
        ]
    if context.get("load"):
        out += [
            "### Load",
            "",
            load.render(context["load"]),
            "",
        ]
    out.append(END)
    return "\n".join(out)


def write_results(block):
    if RESULTS.exists():
        text = RESULTS.read_text()
        if START in text and END in text:
            before, rest = text.split(START, 1)
            _, after = rest.split(END, 1)
            RESULTS.write_text(before + block + after)
            return
    RESULTS.write_text(
        "# Benchmark results\n\n"
        "Written by `make bench` (bench/run.py) between the markers below; "
        "the notes after them are kept.\n\n" + block + "\n"
    )


def main(argv=None):
    args = parse_args(argv)
    started = time.monotonic()
    database = Database.choose(args.db)
    log(f"database: {database.kind} ({database.url})")
    spec = dataset_spec(args.courses, args.lessons, TRANSLATED_LOCALES, args.translated_fraction)
    facts, recorded, reused = ensure_dataset(database, spec, rebuild=args.rebuild)
    context = {
        "spec": spec,
        "facts": facts,
        "args": args,
        "reused": "yes" if reused else "no",
        "generated_seconds": recorded["seconds"],
        "machine": versions(),
        "database": database.describe(),
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "load_before": os.getloadavg()[0],
    }
    with gunicorn(database, workers=args.workers, label="cached") as (host, port):
        token = get_token(host, port, facts["learner"])
        targets = build_targets(host, port, facts, token)
        context["fields"] = targets["fields"]
        log("measuring side by side (response cache on)")
        context["rows"] = measure_all(host, port, targets, args)
        if not args.skip_load and token:
            log(f"load test: {args.load_clients} clients for {args.load_seconds:g} s")
            context["load"] = load.run_load(
                host, port, facts, token, clients=args.load_clients, seconds=args.load_seconds
            )
    if not args.skip_uncached:
        extra = {"HARBOUR_API_CACHE": "off"}
        with gunicorn(database, workers=args.workers, extra_env=extra, label="uncached") as (
            host,
            port,
        ):
            targets = build_targets(host, port, facts, get_token(host, port, facts["learner"]))
            log("measuring side by side (response cache off)")
            context["uncached_rows"] = measure_all(
                host, port, targets, args, others="cached_others"
            )
    context["duration"] = time.monotonic() - started
    context["load_after"] = os.getloadavg()[0]
    (OUT / "results.json").write_text(
        json.dumps(
            {k: v for k, v in context.items() if k not in {"args"}},
            indent=2,
            default=str,
        )
    )
    block = render(context)
    if args.no_write:
        print(block)
    else:
        write_results(block)
        log(f"results written to {RESULTS.relative_to(ROOT)}")
    failures = [r for r in context["rows"] if r["errors"]]
    if context.get("load") and context["load"]["errors"]:
        failures.append(context["load"])
    if failures:
        log(f"FAILED: errors in {', '.join(r['name'] for r in failures)}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
