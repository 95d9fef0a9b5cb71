"""The shell's defaults (issue 12 item 16): CSP, API docs behind login, MEDIA_ROOT never served, seed_demo."""

from __future__ import annotations

import re

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import Resolver404, resolve, reverse

pytestmark = pytest.mark.django_db


def test_pages_carry_a_content_security_policy_without_unsafe_inline_scripts(actors, web):
    response = web(actors.county_admin).get("/")
    policy = response["Content-Security-Policy"]
    script_src = re.search(r"script-src ([^;]*)", policy).group(1)
    assert (
        "'self'" in script_src and "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src
    )
    assert "object-src 'none'" in policy and "frame-ancestors 'none'" in policy


def test_inline_chart_script_carries_the_nonce_of_the_policy(actors, web):
    response = web(actors.county_admin).get(reverse("windows:dashboard"))
    assert response.status_code == 200
    nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)
    html = response.content.decode()
    inline = re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>", html)
    inline = [attrs for attrs in inline if "application/json" not in attrs]
    assert inline and all(f'nonce="{nonce}"' in attrs for attrs in inline)


def test_no_template_has_an_inline_event_handler():
    from pathlib import Path

    root = Path(__file__).resolve().parents[2] / "templates"
    offenders = [
        str(p)
        for p in root.rglob("*.html")
        if re.search(r"\son(click|change|submit|load|input)=", p.read_text())
    ]
    assert offenders == []


def test_api_schema_and_docs_require_login(actors, web):
    anonymous = Client()
    assert anonymous.get("/api/schema/").status_code in (401, 403)
    docs = anonymous.get("/api/docs/")
    assert docs.status_code == 302 and docs.url.startswith(reverse("login"))
    signed_in = web(actors.county_admin)
    assert signed_in.get("/api/schema/").status_code == 200
    assert signed_in.get("/api/docs/").status_code == 200


def test_media_root_is_never_served_by_django(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "evil.html").write_text("<script>alert(1)</script>")
    with pytest.raises(Resolver404):
        resolve("/" + settings.MEDIA_URL + "evil.html")
    assert Client().get("/" + settings.MEDIA_URL + "evil.html").status_code == 404


def test_seed_demo_refuses_a_database_with_non_demo_users(actors):
    with pytest.raises(CommandError, match="非演示账号"):
        call_command("seed_demo", "--force")


def test_seed_demo_refuses_with_debug_off_unless_forced(settings, django_user_model):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="--force"):
        call_command("seed_demo")
