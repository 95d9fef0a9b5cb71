"""The demo seed: evaluations in every state on the contracts that exist; idempotent."""

from __future__ import annotations

import io

from evaluation import demo
from evaluation.models import Evaluation, Rectification, SurveyInvitation
from tests.factories.evaluation import make_contract


def test_demo_seed_makes_evaluations_in_every_state_and_is_idempotent(regions, actors):
    for _ in range(8):
        make_contract(regions.a1, recipients=100)
    make_contract(regions.a1, status="signed")  # not started: not evaluated
    out = io.StringIO()
    demo.seed(scale="county", out=out)
    assert Evaluation.objects.count() == 8
    grades = set(Evaluation.objects.filter(status="published").values_list("grade", flat=True))
    assert {"excellent", "good", "pass", "fail"} <= grades
    assert Rectification.objects.count() == Evaluation.objects.filter(grade="fail").count() >= 1
    assert Evaluation.objects.filter(status="in_progress").exists() and SurveyInvitation.objects.exists()
    demo.seed(scale="county", out=out)
    assert Evaluation.objects.count() == 8
    assert "nothing to add" in out.getvalue()


def test_demo_seed_without_contracts_says_so(db):
    out = io.StringIO()
    demo.seed(scale="county", out=out)
    assert "nothing to add" in out.getvalue()
