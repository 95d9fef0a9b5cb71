from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    full_env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DATABASE_URL", "CELERY_BROKER_URL", "DJANGO_ALLOW_ASYNC_UNSAFE")
    }
    full_env.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_reports_nothing_with_production_env(tmp_path):
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="false",
        SECRET_KEY="x" * 20 + "production-secret-key-with-enough-entropy-0123456789",
        FIELD_ENCRYPTION_KEY="production-field-key",
        ALLOWED_HOSTS="jiuzhu.example.gov.cn",
        VAR_DIR=str(tmp_path),
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_secrets(tmp_path):
    result = run_manage("check", DEBUG="false", VAR_DIR=str(tmp_path), SECRET_KEY="", FIELD_ENCRYPTION_KEY="")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_development_secrets_are_generated_into_var_once(tmp_path):
    run_manage("check", DEBUG="true", VAR_DIR=str(tmp_path), SECRET_KEY="", FIELD_ENCRYPTION_KEY="")
    key = (tmp_path / "dev-field_encryption_key").read_text()
    run_manage("check", DEBUG="true", VAR_DIR=str(tmp_path), SECRET_KEY="", FIELD_ENCRYPTION_KEY="")
    assert (tmp_path / "dev-field_encryption_key").read_text() == key
    assert (tmp_path / "dev-secret_key").exists()
