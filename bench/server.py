"""The benchmark's database, dataset and gunicorn server."""

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from bench.loadgen import ensure_loopback, fetch_json

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
PYTHON = str(ROOT / ".venv" / "bin" / "python") if (ROOT / ".venv").exists() else sys.executable
GUNICORN = str(Path(PYTHON).with_name("gunicorn"))
SETTINGS = "lms.settings.bench"
PG_HOST, PG_PORT, PG_DATABASE = "127.0.0.1", 5432, "harbour_bench"
SQLITE_PATH = OUT / "bench.sqlite3"
REDIS_HOST, REDIS_PORT = "127.0.0.1", 6379


def log(message):
    print(f"[bench {datetime.now(UTC):%H:%M:%S}] {message}", flush=True)


def _tcp_open(host, port):
    try:
        socket.create_connection((host, port), timeout=2).close()
    except OSError:
        return False
    return True


def postgres_reachable():
    if not _tcp_open(PG_HOST, PG_PORT):
        return False
    import psycopg

    try:
        psycopg.connect(
            host=PG_HOST, port=PG_PORT, user="postgres", dbname="postgres", connect_timeout=3
        ).close()
    except psycopg.Error:
        return False
    return True


def redis_url():
    """Redis on loopback, as production would use, when there is one and its client is installed."""
    if os.environ.get("REDIS_URL"):
        return os.environ["REDIS_URL"]
    try:
        import redis  # noqa: F401
    except ImportError:
        return None
    return f"redis://{REDIS_HOST}:{REDIS_PORT}/0" if _tcp_open(REDIS_HOST, REDIS_PORT) else None


class Database:
    """Where the dataset lives: PostgreSQL `harbour_bench` when reachable, else a SQLite file."""

    def __init__(self, kind):
        self.kind = kind
        if kind == "postgres":
            self.url = f"postgres://postgres@{PG_HOST}:{PG_PORT}/{PG_DATABASE}"
        else:
            self.url = f"sqlite:///{SQLITE_PATH}"
        self.marker = OUT / f"dataset-{kind}.json"

    @classmethod
    def choose(cls, preference="auto"):
        if preference == "auto":
            preference = "postgres" if postgres_reachable() else "sqlite"
        return cls(preference)

    def env(self, **extra):
        env = dict(os.environ)
        env.update(DJANGO_SETTINGS_MODULE=SETTINGS, DATABASE_URL=self.url, **extra)
        cache = redis_url()
        if cache:
            env["REDIS_URL"] = cache
        else:
            env.pop("REDIS_URL", None)
        return env

    def manage(self, *args, capture=False):
        command = [PYTHON, str(ROOT / "manage.py"), *args]
        if capture:
            return subprocess.run(
                command, cwd=ROOT, env=self.env(), check=True, capture_output=True, text=True
            ).stdout
        subprocess.run(command, cwd=ROOT, env=self.env(), check=True)
        return None

    def drop(self):
        if self.kind == "postgres":
            import psycopg

            with psycopg.connect(
                host=PG_HOST, port=PG_PORT, user="postgres", dbname="postgres", autocommit=True
            ) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{PG_DATABASE}" WITH (FORCE)')
                conn.execute(f'CREATE DATABASE "{PG_DATABASE}"')
        else:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{SQLITE_PATH}{suffix}").unlink(missing_ok=True)
        self.marker.unlink(missing_ok=True)

    def ensure_exists(self):
        if self.kind == "postgres":
            import psycopg

            with psycopg.connect(
                host=PG_HOST, port=PG_PORT, user="postgres", dbname="postgres", autocommit=True
            ) as conn:
                found = conn.execute(
                    "SELECT 1 FROM pg_database WHERE datname = %s", [PG_DATABASE]
                ).fetchone()
                if not found:
                    conn.execute(f'CREATE DATABASE "{PG_DATABASE}"')
                    self.marker.unlink(missing_ok=True)
        elif not SQLITE_PATH.exists():
            self.marker.unlink(missing_ok=True)

    def analyze(self):
        """Fresh planner statistics, as autovacuum would have in production: right after a bulk
        load the planner still thinks the tables are empty, and picks plans to match."""
        if self.kind == "postgres":
            import psycopg

            with psycopg.connect(
                host=PG_HOST, port=PG_PORT, user="postgres", dbname=PG_DATABASE, autocommit=True
            ) as conn:
                conn.execute("VACUUM ANALYZE")
        else:
            import sqlite3

            with sqlite3.connect(SQLITE_PATH) as conn:
                conn.execute("ANALYZE")

    def describe(self):
        if self.kind == "postgres":
            import psycopg

            with psycopg.connect(
                host=PG_HOST, port=PG_PORT, user="postgres", dbname=PG_DATABASE
            ) as conn:
                version = conn.execute("SHOW server_version").fetchone()[0]
            return f"PostgreSQL {version} (127.0.0.1:{PG_PORT}/{PG_DATABASE})"
        import sqlite3

        return f"SQLite {sqlite3.sqlite_version} ({SQLITE_PATH.relative_to(ROOT)}, WAL)"


def dataset_spec(courses, lessons, locales, fraction):
    return {
        "courses": courses,
        "lessons": lessons,
        "locales": sorted(locales),
        "translated_fraction": fraction,
    }


def prepare(database):
    """Ids, users and words for the benchmark, read from the dataset (bench/prepare.py)."""
    output = subprocess.run(
        [PYTHON, str(ROOT / "bench" / "prepare.py")],
        cwd=ROOT,
        env=database.env(),
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def ensure_dataset(database, spec, rebuild=False):
    """Generate the dataset unless the same one is already there.

    Returns (facts, what the marker file records, whether an existing dataset was reused).
    """
    OUT.mkdir(parents=True, exist_ok=True)
    database.ensure_exists()
    if database.marker.exists() and not rebuild:
        recorded = json.loads(database.marker.read_text())
        if recorded.get("spec") == spec:
            log("migrating")
            database.manage("migrate", "--noinput", "--skip-checks", "-v", "0")
            facts = prepare(database)
            if facts["counts"]["courses_en"] == spec["courses"]:
                database.analyze()
                log(
                    f"reusing the dataset from {recorded['created']} "
                    f"(generated in {recorded['seconds']:.0f} s; --rebuild to make it anew)"
                )
                return facts, recorded, True
        log("the dataset there differs from the one asked for")
    # Always from an empty database: generated content on top of other content would skew
    # every figure.
    log(f"creating an empty {database.kind} bench database")
    database.drop()
    database.ensure_exists()
    log("migrating")
    database.manage("migrate", "--noinput", "--skip-checks", "-v", "0")
    log(
        f"generating {spec['courses']} courses x {spec['lessons']} lessons, "
        f"{spec['translated_fraction']:.0%} translated into {', '.join(spec['locales'])} "
        "(this takes a while)"
    )
    started = time.monotonic()
    database.manage(
        "generate_content",
        "--courses",
        str(spec["courses"]),
        "--lessons",
        str(spec["lessons"]),
        "--locales",
        ",".join(spec["locales"]),
        "--translated-fraction",
        str(spec["translated_fraction"]),
    )
    seconds = time.monotonic() - started
    log("analyzing the database")
    database.analyze()
    recorded = {
        "spec": spec,
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "seconds": seconds,
    }
    facts = prepare(database)
    database.marker.write_text(json.dumps(recorded, indent=2))
    log(f"dataset ready in {seconds:.0f} s: {facts['counts']}")
    return facts, recorded, False


def free_port(host="127.0.0.1"):
    with socket.socket() as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


@contextmanager
def gunicorn(database, workers=2, host="127.0.0.1", port=None, extra_env=None, label="server"):
    """gunicorn serving lms.wsgi with the bench settings, stopped on exit. Yields (host, port)."""
    ensure_loopback(host)
    port = port or free_port(host)
    OUT.mkdir(parents=True, exist_ok=True)
    logfile = open(OUT / f"gunicorn-{label}.log", "w")  # noqa: SIM115 - closed below
    command = [
        GUNICORN,
        "lms.wsgi:application",
        "--workers",
        str(workers),
        "--bind",
        f"{host}:{port}",
        "--backlog",
        "2048",
        "--timeout",
        "60",
        "--log-level",
        "warning",
    ]
    process = subprocess.Popen(
        command,
        cwd=ROOT,
        env=database.env(**(extra_env or {})),
        stdout=logfile,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None:
                raise RuntimeError(
                    f"gunicorn exited with {process.returncode}; see {logfile.name}:\n"
                    + Path(logfile.name).read_text()[-3000:]
                )
            try:
                status, _ = fetch_json(host, port, "GET", "/bench/floor/", timeout=5)
            except OSError:
                status = None
            if status == 200:
                break
            if time.monotonic() > deadline:
                raise RuntimeError(f"gunicorn did not answer within 60 s; see {logfile.name}")
            time.sleep(0.3)
        log(f"gunicorn ({workers} workers, {label}) ready on http://{host}:{port}/")
        yield host, port
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        logfile.close()


def versions():
    """What the results were measured with."""
    import platform

    import django
    import rest_framework
    import wagtail

    memory = "?"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    gunicorn_version = subprocess.run(
        [GUNICORN, "--version"], capture_output=True, text=True
    ).stdout.strip()
    return {
        "cpus": os.cpu_count(),
        "cpu": cpu,
        "memory": memory,
        "python": platform.python_version(),
        "os": platform.platform(terse=True),
        "django": django.get_version(),
        "wagtail": wagtail.__version__,
        "drf": rest_framework.VERSION,
        "gunicorn": gunicorn_version or "?",
        "redis": shutil.which("redis-server") and redis_url() or None,
    }
