"""Development and tests: the settings with DEBUG on unless the environment says otherwise.

pytest (pyproject.toml) and mypy's Django plugin load this module; `make run` sets DEBUG=true for manage.py. A
deployment uses config.settings, where DEBUG is off by default.
"""

from __future__ import annotations

import os

os.environ.setdefault("DEBUG", "true")

from config.settings import *  # noqa: E402,F403
