"""Signals the staffing app sends for the apps above it (they connect in their AppConfig.ready; staffing imports
none of them)."""

from __future__ import annotations

from django.dispatch import Signal

#: sent inside the transaction of a reassignment that changes a worker's region (worker=, on=): apps that keep the
#: worker's region code beside their rows update it in the same transaction (issue 12 item 9)
worker_moved = Signal()
