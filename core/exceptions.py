"""Errors that services raise; the API and the pages turn them into 400/409 answers with a clear message."""

from __future__ import annotations


class Conflict(Exception):
    """An illegal or conflicting state change (HTTP 409): the record is not in a state that allows this step,
    or someone else changed it first."""

    def __init__(self, message: str, *, code: str = "conflict"):
        self.message = message
        self.code = code
        super().__init__(message)
