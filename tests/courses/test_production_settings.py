"""Production settings stop with a clear message when a variable is missing, and pass
``check --deploy`` when everything is set."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parents[2]
REQUIRED = ("SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL")


def production_env(tmp_path, **overrides):
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in REQUIRED and not key.startswith(("DJANGO_", "ELASTICSEARCH", "REDIS"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="lms.settings.production",
        SECRET_KEY="k7#q2!vX9@pL4$wZ8&nR1*tY6^mB3%cH5(jD0)fG-sA+eU=iO~",
        ALLOWED_HOSTS="harbour.example",
        DATABASE_URL=f"sqlite:///{tmp_path / 'production.sqlite3'}",
        STATIC_ROOT=str(tmp_path / "static"),
    )
    env.update(overrides)
    return {key: value for key, value in env.items() if value is not None}


def manage(env, *args):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.mark.parametrize("missing", REQUIRED)
def test_a_missing_variable_is_named(tmp_path, missing):
    result = manage(production_env(tmp_path, **{missing: None}), "check")
    assert result.returncode != 0
    assert f"the environment variable {missing} is not set" in result.stderr


def test_check_deploy_passes_with_every_variable_set(tmp_path):
    env = production_env(tmp_path)
    migrated = manage(env, "migrate", "--noinput", "--skip-checks", "-v", "0")
    assert migrated.returncode == 0, migrated.stderr
    result = manage(env, "check", "--deploy")
    assert result.returncode == 0, result.stdout + result.stderr
    # Not even a warning from the deployment (security) checks.
    security = manage(env, "check", "--deploy", "--tag", "security", "--fail-level", "WARNING")
    assert security.returncode == 0, security.stdout + security.stderr
    assert "no issues" in security.stdout
