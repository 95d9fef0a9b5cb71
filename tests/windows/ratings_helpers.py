"""Finished cases to rate (built through the step services, so the state is real)."""

from __future__ import annotations

from tests.factories.windows import make_case
from windows import services


def finished_case(actors, window, *, seq=1, actor=None):
    """A case received and accepted at `window`, told to the applicant and closed."""
    actor = actor or actors.township_a1
    case = make_case(actor, window, accept=True, seq=seq)
    services.case_feedback(actor=actor, case=case, method="in_person", content="已当面告知审核结果")
    services.case_close(actor=actor, case=case)
    return case
