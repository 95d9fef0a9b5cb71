"""Named actors and a small real region tree shared by every app's tests.

Tree (real codes): 广东省 44 → 广州市 4401 → 天河区 440106 (county A) → 五山街道 440106001 (A1), 员村街道
440106002 (A2), each with two villages; 深圳市 4403 → 罗湖区 440303 (county B) → 440303001 (B1).
"""

from __future__ import annotations

from importlib import import_module
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.utils import translation
from pytest_django.plugin import blocking_manager_key
from rest_framework.test import APIClient

from core import ratelimit
from regions.choices import Role
from regions.models import Region, RegionUserObjectPermission
from regions.rules import ancestor_codes, level_for_code
from regions.services import region_grant
from tests.factories import UserFactory

pytest_plugins = ["tests.browser_fixtures"]

#: reference data that data migrations put in every database (the seed functions are idempotent)
REFERENCE_SEEDS = (
    ("staffing.migrations.0002_seed_rules", "seed"),
    ("windows.migrations.0002_reference_data", "load"),
    ("windows.migrations.0006_seed_calendar_and_time_limit_sources", "seed"),
    ("windows.migrations.0007_guides_and_notices", "load"),
    ("windows.migrations.0008_ratings_and_follow_ups", "load"),
    ("procurement.migrations.0002_seed_catalogue_and_thresholds", "seed"),
    ("evaluation.migrations.0002_default_template", "seed"),
    ("oversight.migrations.0002_default_thresholds", "seed"),
    ("oversight.migrations.0005_funding_references", "seed"),
    ("oversight.migrations.0006_funding_thresholds", "seed"),
)


def seed_reference_data() -> None:
    """As the data migrations left them: without change history (a migration's historical models have none), so
    no audit record outlives the test that flushed."""
    from auditlog.context import disable_auditlog

    with disable_auditlog():
        for module, function in REFERENCE_SEEDS:
            getattr(import_module(module), function)(apps, None)


def _flushes_database(item) -> bool:
    marker = item.get_closest_marker("django_db")
    transactional = bool(marker and (marker.kwargs.get("transaction") or (marker.args and marker.args[0])))
    return transactional or bool({"transactional_db", "live_server"} & set(item.fixturenames))


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """A transactional test ends by flushing every table, reference data included: put the data migrations' rows
    back once, committed, so every later test finds them (one shared way instead of a re-seed per app and test).
    After the session's last test (no next item) the test database is already torn down and the connection points at
    the configured database again, so nothing is seeded."""
    yield
    if nextitem is not None and _flushes_database(item):
        with item.config.stash[blocking_manager_key].unblock():
            seed_reference_data()


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
def _rate_limit_minute_held(monkeypatch):
    """Rate limits count per clock minute: hold the minute still, so a test that makes N+1 attempts never sees the
    counter reset because it ran across a minute boundary."""
    monkeypatch.setattr(ratelimit, "time", SimpleNamespace(time=lambda: 1_800_000_030.0))


@pytest.fixture(autouse=True)
def _force_login_includes_the_second_factor(monkeypatch):
    """A test client's force_login stands for a finished login, the second factor included (regions.twofactor):
    the two-factor tests log in through the pages instead."""
    from django.test.client import ClientMixin

    from regions.twofactor import PENDING_KEY

    original = ClientMixin.force_login

    def force_login(self, user, backend=None):
        original(self, user, backend)
        session = self.session
        if session.pop(PENDING_KEY, None):
            session.save()

    monkeypatch.setattr(ClientMixin, "force_login", force_login)


@pytest.fixture(autouse=True)
def _reference_tables_read_afresh():
    """The reference tables and region codes are kept per process (windows.reference_cache, regions.codes); a
    test's rows are rolled back without a signal, so each test starts without the copy."""
    from regions import codes
    from windows import reference_cache

    reference_cache.forget()
    codes.forget()


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # PBKDF2 is slow on purpose; tests do not need that.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _chinese_after_each_test():
    """A request with Accept-Language: en leaves English active in the thread (LocaleMiddleware activates, nothing
    deactivates): the next test starts in the default language again."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


def make_user(username: str, role: Role | None = None, code: str | None = None, **extra):
    user = UserFactory(username=username, **extra)
    if role is not None:
        region_grant(actor=None, user=user, region_code=code, role=role)
    # a fresh object, as a request would load it (no cached grants)
    return type(user).objects.get(pk=user.pk)


def _bulk_regions() -> dict[str, Region]:
    """TREE in one INSERT per level (parents first): the tree is built for hundreds of tests."""
    made: dict[str, Region] = {}
    for length in (2, 4, 6, 9, 12):
        level = [
            Region(
                code=code,
                name=name,
                level=level_for_code(code),
                parent=made.get(ancestor_codes(code)[-1]) if len(code) > 2 else None,
            )
            for code, name in TREE
            if len(code) == length
        ]
        for region in Region.objects.bulk_create(level):
            made[region.code] = region
    if connection.vendor != "postgresql" and any(r.pk is None for r in made.values()):
        made = {r.code: r for r in Region.objects.filter(code__in=made)}
    return made


#: (username, role, region code) of the named actors; the superuser and the ungranted user follow
ACTORS = (
    ("county_admin", "county_admin_a", Role.COUNTY_ADMIN, "440106"),
    ("county_staff", "county_staff_a", Role.COUNTY_STAFF, "440106"),
    ("township_a1", "township_a1", Role.TOWNSHIP_STAFF, "440106001"),
    ("township_a2", "township_a2", Role.TOWNSHIP_STAFF, "440106002"),
    ("outsider", "outsider_b", Role.COUNTY_ADMIN, "440303"),
    ("provincial_viewer", "provincial_viewer", Role.PROVINCIAL_VIEWER, "44"),
    ("city_viewer", "city_viewer", Role.CITY_VIEWER, "4401"),
    ("service_account", "api_gz", Role.SERVICE_ACCOUNT, "4401"),
)

ACTOR_NAMES = ("张伟", "王芳", "李娜", "刘洋", "陈静", "杨帆", "赵磊", "黄敏")


@pytest.fixture
def regions(db):
    """The region tree as a namespace: province, city, county_a, a1, a2, a1_village, city_b, county_b, b1 …"""
    made = _bulk_regions()
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
    viewer, a city viewer of 广州, a service account of 广州, a superuser and a user without grants.

    Built in bulk (a handful of queries): the same rows region_grant writes (the role permission on the region and
    the role's group), without the change-history rows of a real grant."""
    user_model = get_user_model()
    password = make_password("Test-pass-2026")
    users = user_model.objects.bulk_create(
        [
            user_model(username=username, first_name=first_name, password=password)
            for (_, username, _, _), first_name in zip(ACTORS, ACTOR_NAMES, strict=True)
        ]
        + [
            user_model(username="no_grant", first_name="钱七", password=password),
            user_model(
                username="root", first_name="系统", password=password, is_superuser=True, is_staff=True
            ),
        ]
    )
    by_name = {u.username: u for u in user_model.objects.filter(username__in=[u.username for u in users])}
    region_of = {r.code: r for r in vars(regions).values()}
    permissions = {
        p.codename: p
        for p in Permission.objects.filter(content_type__app_label="regions", codename__startswith="role_")
    }
    groups = {g.name: g for g in Group.objects.filter(name__in=[role.value for _, _, role, _ in ACTORS])}
    RegionUserObjectPermission.objects.bulk_create(
        RegionUserObjectPermission(
            user=by_name[username],
            permission=permissions[f"role_{role.value}"],
            content_object=region_of[code],
        )
        for _, username, role, code in ACTORS
    )
    user_model.groups.through.objects.bulk_create(
        user_model.groups.through(user_id=by_name[username].pk, group_id=groups[role.value].pk)
        for _, username, role, _ in ACTORS
    )
    return SimpleNamespace(
        **{name: by_name[username] for name, username, _, _ in ACTORS},
        no_grant=by_name["no_grant"],
        superuser=by_name["root"],
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
    """web(user) → a Django test client logged in as `user`.

    The loaded holiday years behind the admins' banner are cached as on a running server (read once per ten
    minutes): the cache is filled afresh here, so pinned query counts measure the steady state."""

    def make(user):
        from django.core.cache import cache
        from django.test import Client
        from django.utils import timezone

        from windows.selectors import LOADED_YEARS_CACHE_KEY, missing_schedule_year

        cache.delete(LOADED_YEARS_CACHE_KEY)
        missing_schedule_year(timezone.localdate())
        c = Client()
        c.force_login(user)
        return c

    return make


@pytest.fixture
def on_postgres() -> bool:
    return connection.vendor == "postgresql"


def pytest_collection_modifyitems(config, items):
    """Tests marked `postgres` need row locks: skipped on SQLite. Tests that run a real Celery worker share one
    Redis queue: they stay on one xdist worker."""
    for item in items:
        if "celery_integration" in item.keywords:
            item.add_marker(pytest.mark.xdist_group("celery"))
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
