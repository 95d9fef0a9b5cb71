"""Errors at the field as typed (issue 14): the check endpoint answers by the server's own rules, POST only."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db

CHECK = reverse("field-check")

# values from outside the code: the ID check character computed by hand in tests/windows/test_browser_intake.py
# (sum 188, mod 11 = 1 → "0"); the credit code's check by hand with GB 32100-2015's weights 1 3 9 27 19 26 16 17 20
# 29 25 13 8 24 10 30 28: 9+3+27+135+26+21×20+1×8+30×30+4×28 = 1640, 1640 mod 31 = 28, 31 − 28 = 3
CASES = [
    ("id_number", "440106198001011230", True),
    ("id_number", "440106198001011231", False),
    ("credit_code", "91350100M000100Y43", True),
    ("credit_code", "91350100M000100Y42", False),
    ("phone", "13812345678", True),
    ("phone", "020-87654321", True),
    ("phone", "1381234567", False),
    ("month", "2026-10", True),
    ("month", "2026-13", False),
]


@pytest.mark.parametrize(("kind", "value", "ok"), CASES)
def test_the_check_answers_by_the_servers_rule(actors, web, kind, value, ok):
    data = web(actors.township_a1).post(CHECK, {"kind": kind, "value": value}).json()
    assert data["ok"] is ok
    assert bool(data["message"]) is not ok


def test_an_empty_value_is_not_judged_and_an_unknown_kind_is_a_400(actors, web):
    c = web(actors.township_a1)
    assert c.post(CHECK, {"kind": "phone", "value": " "}).json() == {"ok": True, "message": ""}
    bad = c.post(CHECK, {"kind": "password", "value": "x"})
    assert bad.status_code == 400 and bad.json()["code"] == "unknown_kind"


def test_the_check_takes_no_get_and_no_visitor(actors, web):
    assert web(actors.township_a1).get(CHECK, {"kind": "id_number", "value": "1"}).status_code == 405
    assert Client().post(CHECK, {"kind": "phone", "value": "1"}).status_code == 302
