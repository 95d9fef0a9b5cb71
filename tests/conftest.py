"""Named actors and a small real region tree shared by every app's tests.

Tree (real codes): 广东省 44 → 广州市 4401 → 天河区 440106 (county A) → 五山街道 440106001 (A1), 员村街道
440106002 (A2), each with two villages; 深圳市 4403 → 罗湖区 440303 (county B) → 440303001 (B1).
"""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.db import connection
from rest_framework.test import APIClient

from regions.choices import Role
from regions.services import region_grant
from tests.factories import RegionFactory, UserFactory

pytest_plugins = ["tests.browser_fixtures"]

TREE = [
    ("44", "广东省"),
    ("4401", "广州市"),
    ("440106", "天河区"),
    ("440106001", "五山街道"),
    ("440106001001", "五山街道华工社区"),
    ("440106001002", "五山街道茶山社区"),
    ("440106002", "员村街道"),
    ("440106002001", "员村街道一社区"),
    ("440106002002", "员村街道二社区"),
    ("4403", "深圳市"),
    ("440303", "罗湖区"),
    ("440303001", "桂园街道"),
    ("440303001001", "桂园街道老围社区"),
]


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # PBKDF2 is slow on purpose; tests do not need that.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def make_user(username: str, role: Role | None = None, code: str | None = None, **extra):
    user = UserFactory(username=username, **extra)
    if role is not None:
        region_grant(actor=None, user=user, region_code=code, role=role)
    # a fresh object, as a request would load it (no cached grants)
    return type(user).objects.get(pk=user.pk)


@pytest.fixture
def regions(db):
    """The region tree as a namespace: province, city, county_a, a1, a2, a1_village, city_b, county_b, b1 …"""
    made = {code: RegionFactory(code=code, name=name) for code, name in TREE}
    return SimpleNamespace(
        province=made["44"],
        city=made["4401"],
        county_a=made["440106"],
        a1=made["440106001"],
        a1_village=made["440106001001"],
        a1_village2=made["440106001002"],
        a2=made["440106002"],
        a2_village=made["440106002001"],
        city_b=made["4403"],
        county_b=made["440303"],
        b1=made["440303001"],
        b1_village=made["440303001001"],
    )


@pytest.fixture
def actors(regions):
    """Named actors: county admin of A, township workers of A1 and A2, an outsider (county B), a provincial
    viewer, a city viewer of 广州, a service account of 广州, and a superuser."""
    return SimpleNamespace(
        county_admin=make_user("county_admin_a", Role.COUNTY_ADMIN, "440106"),
        county_staff=make_user("county_staff_a", Role.COUNTY_STAFF, "440106"),
        township_a1=make_user("township_a1", Role.TOWNSHIP_STAFF, "440106001"),
        township_a2=make_user("township_a2", Role.TOWNSHIP_STAFF, "440106002"),
        outsider=make_user("outsider_b", Role.COUNTY_ADMIN, "440303"),
        provincial_viewer=make_user("provincial_viewer", Role.PROVINCIAL_VIEWER, "44"),
        city_viewer=make_user("city_viewer", Role.CITY_VIEWER, "4401"),
        service_account=make_user("api_gz", Role.SERVICE_ACCOUNT, "4401"),
        no_grant=make_user("no_grant"),
        superuser=make_user("root", is_superuser=True, is_staff=True),
    )


@pytest.fixture
def api():
    """api(user) → an APIClient authenticated as `user` (None: anonymous)."""

    def make(user=None) -> APIClient:
        client = APIClient()
        if user is not None:
            client.force_authenticate(user)
        return client

    return make


@pytest.fixture
def web(client):
    """web(user) → a Django test client logged in as `user`."""

    def make(user):
        from django.test import Client

        c = Client()
        c.force_login(user)
        return c

    return make


@pytest.fixture
def on_postgres() -> bool:
    return connection.vendor == "postgresql"


def pytest_collection_modifyitems(config, items):
    """Tests marked `postgres` need row locks: skipped on SQLite."""
    if connection.vendor == "postgresql":
        return
    from django.conf import settings

    if "postgresql" in settings.DATABASES["default"]["ENGINE"]:
        return
    skip = pytest.mark.skip(reason="needs PostgreSQL (DATABASE_URL=postgres://…)")
    for item in items:
        if "postgres" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(autouse=True)
def _tasks_run_in_process(request):
    """Tasks run eagerly in tests, even when CELERY_BROKER_URL is set; `celery_integration` tests use a worker."""
    from config.celery import app

    eager = "celery_integration" not in request.keywords
    old = app.conf.task_always_eager
    app.conf.task_always_eager = eager
    yield
    app.conf.task_always_eager = old
