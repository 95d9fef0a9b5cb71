from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# a Fernet key written out by hand: 32 bytes 0x00..0x1f in URL-safe base64 (not produced by the code under test)
FERNET_KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="
PRODUCTION = {
    "SECRET_KEY": "x" * 20 + "production-secret-key-with-enough-entropy-0123456789",
    "FIELD_ENCRYPTION_KEY": FERNET_KEY,
    "ALLOWED_HOSTS": "jiuzhu.example.gov.cn",
}


def run_manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    full_env = {
        k: v
        for k, v in os.environ.items()
        # a deployment's environment: config.settings (manage.py's default) and DEBUG as the test says
        if k
        not in (
            "DATABASE_URL",
            "CELERY_BROKER_URL",
            "DJANGO_ALLOW_ASYNC_UNSAFE",
            "DJANGO_SETTINGS_MODULE",
            "DEBUG",
        )
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
        FIELD_ENCRYPTION_KEY=FERNET_KEY,
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


def test_debug_is_off_unless_the_environment_turns_it_on(tmp_path):
    result = run_manage(
        "shell",
        "-c",
        "from django.conf import settings; print('DEBUG', settings.DEBUG)",
        VAR_DIR=str(tmp_path),
        **PRODUCTION,
    )
    assert "DEBUG False" in result.stdout, result.stderr


def test_development_secrets_are_readable_by_the_owner_only(tmp_path):
    run_manage("check", DEBUG="true", VAR_DIR=str(tmp_path), SECRET_KEY="", FIELD_ENCRYPTION_KEY="")
    for name in ("dev-secret_key", "dev-field_encryption_key"):
        assert (tmp_path / name).stat().st_mode & 0o777 == 0o600


def test_a_field_encryption_key_that_is_not_a_fernet_key_is_refused(tmp_path):
    result = run_manage(
        "check", VAR_DIR=str(tmp_path), **{**PRODUCTION, "FIELD_ENCRYPTION_KEY": "production-field-key"}
    )
    assert result.returncode != 0
    assert "shell.E001" in result.stderr and "Fernet" in result.stderr


def test_a_32_byte_key_one_character_short_is_refused(tmp_path):
    result = run_manage(
        "check", VAR_DIR=str(tmp_path), **{**PRODUCTION, "FIELD_ENCRYPTION_KEY": FERNET_KEY[:-2]}
    )
    assert "shell.E001" in result.stderr


def test_seed_demo_refuses_with_debug_off(tmp_path):
    result = run_manage("seed_demo", VAR_DIR=str(tmp_path), **PRODUCTION)
    assert result.returncode != 0
    assert "DEBUG" in result.stderr and "--force" in result.stderr
