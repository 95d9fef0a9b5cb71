"""Receivers of other apps' signals (connected in TrainingConfig.ready)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from staffing.models import Worker

from .models import WorkerCompliance


def follow_worker_move(sender: type, *, worker: Worker, on: dt.date, **kwargs: Any) -> None:
    """A reassigned worker's compliance rows from the move's year on follow them to the new region at once (they
    are scoped and rolled up by the region code kept on each row; issue 12 item 9). Earlier years stay with the
    region the worker served then."""
    WorkerCompliance.objects.filter(worker=worker, year__gte=on.year).update(region_code=worker.region.code)
