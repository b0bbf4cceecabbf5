"""A real LRS for the tests: Ralph (ralph-malph) with its filesystem backend and Basic auth,
run by uvicorn on a loopback port from a virtual environment of its own (its ``cli`` extra
pins an older click than Harbour's), made once under the temporary directory."""

import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests

RALPH_REQUIREMENT = "ralph-malph[lrs]==5.1.0"
VENV = Path(
    os.environ.get("HARBOUR_RALPH_VENV") or Path(tempfile.gettempdir()) / "harbour-ralph-venv"
)
PYTHON = VENV / "bin" / "python"
CHECK = "import ralph.models.xapi, uvicorn, bcrypt, requests, fastapi"


def install():
    """The Ralph virtual environment's python, or the reason it cannot be had."""
    if (
        PYTHON.exists()
        and subprocess.run([PYTHON, "-c", CHECK], capture_output=True).returncode == 0
    ):
        return PYTHON, None
    try:
        subprocess.run(
            [sys.executable, "-m", "venv", VENV], check=True, capture_output=True, timeout=300
        )
        # Ralph needs requests beside it (and bcrypt for its auth file).
        subprocess.run(
            [PYTHON, "-m", "pip", "install", "-q", RALPH_REQUIREMENT, "requests", "bcrypt"],
            check=True,
            capture_output=True,
            timeout=900,
        )
    except (subprocess.SubprocessError, OSError) as error:
        output = getattr(error, "stderr", b"") or b""
        return (
            None,
            f"Ralph could not be installed: {error} {output.decode(errors='replace')[-500:]}",
        )
    if subprocess.run([PYTHON, "-c", CHECK], capture_output=True).returncode != 0:
        return None, "Ralph was installed but does not import"
    return PYTHON, None


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Ralph:
    USERNAME = "harbour"
    PASSWORD = "lrs-password-for-tests"

    def __init__(self, python, directory, port=None):
        self.python = python
        self.directory = Path(directory)
        self.port = port or free_port()
        self.endpoint = f"http://127.0.0.1:{self.port}/xAPI/"
        self.process = None

    def write_auth_file(self):
        # Ralph's auth file: users with a bcrypt hash and scopes (what `ralph auth` writes).
        hashed = subprocess.run(
            [
                self.python,
                "-c",
                "import bcrypt,sys; print(bcrypt.hashpw(sys.argv[1].encode(), bcrypt.gensalt()).decode())",
                self.PASSWORD,
            ],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
        users = [
            {
                "agent": {"mbox": "mailto:lrs@harbour.example"},
                "scopes": ["all"],
                "hash": hashed,
                "username": self.USERNAME,
            }
        ]
        path = self.directory / "auth.json"
        path.write_text(json.dumps(users))
        return path

    def start(self):
        self.directory.mkdir(parents=True, exist_ok=True)
        auth = self.write_auth_file()
        env = {
            **os.environ,
            "RALPH_RUNSERVER_BACKEND": "fs",
            "RALPH_RUNSERVER_AUTH_BACKENDS": "basic",
            "RALPH_AUTH_FILE": str(auth),
            "RALPH_APP_DIR": str(self.directory / "app"),
            "RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH": str(self.directory / "data"),
            "RALPH_BACKENDS__DATA__FS__DEFAULT_DIRECTORY_PATH": str(self.directory / "data"),
        }
        # uvicorn directly: `ralph runserver`'s reloader can ignore SIGTERM.
        self.process = subprocess.Popen(
            [
                self.python,
                "-m",
                "uvicorn",
                "ralph.api:app",
                "--host",
                "127.0.0.1",
                "--port",
                str(self.port),
            ],
            env=env,
            cwd=self.directory,
            stdout=subprocess.DEVNULL,
            stderr=open(self.directory / "ralph.log", "wb"),  # noqa: SIM115 - closed with the process
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if requests.get(f"http://127.0.0.1:{self.port}/__lbheartbeat__", timeout=1).ok:
                    return self
            except requests.RequestException:
                pass
            if self.process.poll() is not None:
                break
            time.sleep(0.2)
        self.stop()
        raise RuntimeError((self.directory / "ralph.log").read_text()[-2000:])

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def statements(self):
        """Every statement stored (Ralph's ?verb= and ?activity= filters find nothing: filter
        here)."""
        response = requests.get(
            self.endpoint + "statements",
            auth=(self.USERNAME, self.PASSWORD),
            headers={"X-Experience-API-Version": "1.0.3"},
            timeout=10,
        )
        response.raise_for_status()
        return response.json()["statements"]

    def validate(self, statements):
        """Ralph's strict pydantic model of an xAPI statement, for each; returns the errors."""
        script = (
            "import json, sys\n"
            "from ralph.models.xapi.base.statements import BaseXapiStatement\n"
            "errors = []\n"
            "for statement in json.load(sys.stdin):\n"
            "    try:\n"
            "        BaseXapiStatement.model_validate(statement)\n"
            "    except Exception as error:\n"
            "        errors.append(str(error))\n"
            "print(json.dumps(errors))\n"
        )
        result = subprocess.run(
            [self.python, "-c", script],
            input=json.dumps(statements),
            capture_output=True,
            text=True,
            check=True,
        )
        return json.loads(result.stdout)
