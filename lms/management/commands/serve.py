"""The development server and, beside it, the worker that runs the queued background work.

``make run`` calls this. With the database backend (the default) it starts
``manage.py db_worker``, with the RQ backend ``manage.py rqworker``, in the background with
its output in a log file, then runs ``manage.py runserver`` in the foreground. When the server
stops (Ctrl-C), the worker is stopped too. With the immediate backend the work runs inside the
requests, and no worker is started.

The worker is kept running as a process supervisor would keep it: started again when it
exits. That is why it runs without its autoreloader: on SQLite, a write lock held by another
process for longer than the busy timeout (``load_demo_content`` in a second terminal) makes
``db_worker`` fail, and under the autoreloader only its thread would end, leaving a process that
looks alive and runs nothing. After changing the code of a task, restart ``make run``.
"""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from django_tasks import DEFAULT_TASK_BACKEND_ALIAS, task_backends
from django_tasks_db import DatabaseBackend

POSIX = os.name == "posix"


def worker_command(backend):
    """The manage.py arguments of the worker ``backend`` needs, or None when it needs none."""
    queues = sorted(backend.queues)
    if isinstance(backend, DatabaseBackend):
        return ["db_worker", "--no-reload", "--queue-name", ",".join(queues or ["*"])]
    if type(backend).__module__.startswith("django_tasks_rq"):
        # The backend's own job class, and a scheduler for tasks deferred with run_after.
        return ["rqworker", "--job-class", "django_tasks_rq.Job", "--with-scheduler", *queues]
    return None


class Worker:
    """The worker process, started again (after a pause that grows while it keeps failing
    at once) whenever it exits."""

    def __init__(self, argv, log_path, stdout):
        self.argv, self.log_path, self.stdout = argv, log_path, stdout
        self.process = None
        self.started = 0.0
        self.pause = 1.0
        self.restart_at = None

    def start(self):
        with open(self.log_path, "ab") as log:
            self.process = subprocess.Popen(
                self.argv,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                # A process group of its own: Ctrl-C goes to the server, we stop the worker.
                start_new_session=POSIX,
            )
        self.started = time.monotonic()

    def keep_running(self):
        now = time.monotonic()
        if self.restart_at is not None:
            if now >= self.restart_at:
                self.restart_at = None
                self.start()
            return
        if self.process.poll() is None:
            return
        # Failing within a minute of starting doubles the pause, up to a minute.
        self.pause = min(60.0, self.pause * 2) if now - self.started < 60 else 1.0
        self.restart_at = now + self.pause
        self.stdout.write(
            f"Harbour: the background worker stopped (exit code {self.process.returncode}, "
            f"see {self.log_path}); starting it again in {self.pause:.0f}s."
        )

    def stop(self):
        if self.restart_at is None:
            stop(self.process)


class Command(BaseCommand):
    help = (
        "Serve Harbour for development: runserver, and the background worker the task backend "
        "(TASKS, HARBOUR_TASKS_BACKEND) needs, stopped with the server."
    )
    requires_system_checks = []  # runserver runs them

    def add_arguments(self, parser):
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")
        parser.add_argument(
            "--worker-log",
            default=str(settings.BASE_DIR / "worker.log"),
            help="where the worker's output goes (default: worker.log in the checkout)",
        )

    def handle(self, *args, addrport, worker_log, **options):
        manage = [sys.executable, str(Path(settings.BASE_DIR) / "manage.py")]
        backend = task_backends[DEFAULT_TASK_BACKEND_ALIAS]
        command = worker_command(backend)
        worker = None
        if command is None:
            self.stdout.write(
                f"Harbour: no background worker needed: the {type(backend).__name__} runs each "
                "task inline, in the request that enqueues it."
            )
        else:
            worker = Worker([*manage, *command], worker_log, self.stdout)
            worker.start()
            self.stdout.write(
                f"Harbour: background worker running (manage.py {' '.join(command)}, "
                f"pid {worker.process.pid}); its output goes to {worker_log}"
            )
        # A plain `kill` of this command stops the server and the worker too.
        signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(0))
        server = None
        interrupted = False
        try:
            server = subprocess.Popen([*manage, "runserver", addrport])
            while server.poll() is None:
                try:
                    server.wait(timeout=1)
                except subprocess.TimeoutExpired:
                    if worker is not None:
                        worker.keep_running()
        except KeyboardInterrupt:
            # Ctrl-C reached the server as well (same terminal): let it finish.
            interrupted = True
            if server is not None:
                server.wait()
        finally:
            if server is not None and server.poll() is None:
                stop(server)
            if worker is not None:
                worker.stop()
        if not interrupted and server.returncode not in (0, -signal.SIGINT):
            sys.exit(server.returncode)


def stop(process, timeout=10):
    """Ask ``process`` to stop (SIGTERM: the workers finish the task they are running), as a
    supervisor would; kill it if it lingers."""
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
