"""Demo data: the generated credit codes are valid (GB 32100-2015)."""

from __future__ import annotations

from regions.rules import credit_code_error
from staffing.demo import _credit_code


def test_demo_credit_codes_are_valid():
    assert credit_code_error(_credit_code("440106", 9)) is None
