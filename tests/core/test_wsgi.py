"""The WSGI application a gunicorn worker imports is warmed up: every view imported, the startup objects frozen
out of the garbage collector's walks (issue 17: full collections of them cost an OCDS page 50–100 ms)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PROBE = (
    "import gc, sys; import config.wsgi; "
    "print(gc.get_freeze_count(), 'windows.api.views' in sys.modules, 'procurement.api.ocds' in sys.modules)"
)


def test_importing_the_wsgi_module_imports_the_views_and_freezes_the_startup_objects(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")}
    env.update(DEBUG="true", VAR_DIR=str(tmp_path))
    done = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    frozen, windows_views, procurement_views = done.stdout.split()
    assert int(frozen) > 50_000
    assert windows_views == procurement_views == "True"
