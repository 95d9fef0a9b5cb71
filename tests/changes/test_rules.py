"""The webhooks' pure rules, with values from outside the code (a signature computed with openssl, the backoff
counted by hand, addresses from the IANA special-purpose registries)."""

from __future__ import annotations

import datetime as dt

import pytest

from changes import rules


def test_the_signature_equals_openssls():
    # printf '%s' '1700000000.{"a":1}' | openssl dgst -sha256 -hmac 'whsec_test'
    expected = "38877139021993b830af32feea6e18a8da83eb2f6e49ee50bd9e4cf4ca4d3789"
    assert rules.signature("whsec_test", 1700000000, b'{"a":1}') == expected
    assert rules.signature_header("whsec_test", 1700000000, b'{"a":1}') == f"t=1700000000,v1={expected}"


@pytest.mark.parametrize(
    ("failures", "minutes"), [(1, 1), (2, 2), (3, 4), (4, 8), (5, 16), (6, 32), (7, 64), (8, 120), (12, 120)]
)
def test_the_wait_doubles_from_a_minute_up_to_two_hours(failures, minutes):
    assert rules.backoff(failures) == dt.timedelta(minutes=minutes)


@pytest.mark.parametrize(
    ("patterns", "event", "wanted"),
    [
        (["*"], "windows.case.created", True),
        (["windows.case.*"], "windows.case.deleted", True),
        (["windows.case.*"], "windows.caserating.created", False),
        (["*.deleted"], "staffing.worker.deleted", True),
        (["*.deleted"], "staffing.worker.updated", False),
        ([], "staffing.worker.updated", False),
    ],
)
def test_event_patterns(patterns, event, wanted):
    assert rules.wants(patterns, event) is wanted


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "127.8.8.8",
        "10.0.0.1",
        "172.16.0.1",
        "172.31.255.255",
        "192.168.0.1",
        "169.254.169.254",
        "100.64.0.1",
        "0.0.0.0",
        "224.0.0.1",
        "255.255.255.255",
        "::1",
        "fe80::1",
        "fc00::1",
        "::ffff:10.0.0.1",
        "::ffff:127.0.0.1",
        "192.0.2.1",
        "198.18.0.1",
    ],
)
def test_inside_special_and_documentation_addresses_are_refused(address):
    assert rules.address_refused(address, [])


@pytest.mark.parametrize("address", ["8.8.8.8", "114.114.114.114", "172.32.0.1", "2400:3200::1"])
def test_public_addresses_are_allowed(address):
    assert not rules.address_refused(address, [])


def test_a_listed_network_is_allowed_and_only_it():
    assert not rules.address_refused("127.0.0.1", ["127.0.0.1/32"])
    assert rules.address_refused("127.0.0.2", ["127.0.0.1/32"])
    assert not rules.address_refused("10.20.1.5", ["10.20.0.0/16"])
    assert rules.address_refused("10.21.1.5", ["10.20.0.0/16"])
