"""Harbour in a server process of its own, with its own environment: a database file, or a
database, cache or search backend at a closed port. Django's threaded development server
(what runserver runs, without its start-up checks, which would need the database)."""

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

SERVE = """
import django
django.setup()
from django.core.servers.basehttp import get_internal_wsgi_application, run
run("127.0.0.1", {port}, get_internal_wsgi_application(), threading=True)
"""


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def closed_port():
    """A port on loopback where nothing listens: a connection is refused at once."""
    return free_port()


@contextlib.contextmanager
def harbour_server(env, settings="lms.settings.test", ready_path="/api/v1/"):
    """Yields the base URL of a Harbour server run with ``env`` added to the environment."""
    port = free_port()
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "REDIS_URL", "ELASTICSEARCH_URL"}
    }
    environment.update({"DJANGO_SETTINGS_MODULE": settings, "PYTHONUNBUFFERED": "1", **env})
    process = subprocess.Popen(
        [sys.executable, "-c", SERVE.format(port=port)],
        cwd=ROOT,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"the server stopped: {process.stdout.read()}")
            try:
                urllib.request.urlopen(url + ready_path, timeout=5).close()
                break
            except urllib.error.HTTPError:
                break  # it answers, if only with an error
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        server_log = process.stdout.read()
        process.stdout.close()
        harbour_server.log = server_log


def request(method, url, body=None, headers=None, timeout=30):
    """``(status, headers, body bytes)`` of one request; an HTTP error is an answer too."""
    data = body.encode() if isinstance(body, str) else body
    req = urllib.request.Request(url, data=data, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()
