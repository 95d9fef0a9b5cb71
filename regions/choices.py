"""Choices for regions and roles: English identifiers, Chinese labels."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class RegionLevel(models.TextChoices):
    PROVINCE = "province", _("省")
    CITY = "city", _("地级市")
    COUNTY = "county", _("县（市、区）")
    TOWNSHIP = "township", _("乡镇（街道）")
    VILLAGE = "village", _("村（社区）")


class Role(models.TextChoices):
    PROVINCIAL_VIEWER = "provincial_viewer", _("省级查看")
    CITY_VIEWER = "city_viewer", _("市级查看")
    COUNTY_ADMIN = "county_admin", _("县级管理员")
    COUNTY_STAFF = "county_staff", _("县级经办人员")
    TOWNSHIP_STAFF = "township_staff", _("乡镇（街道）经办人员")
    VILLAGE_COORDINATOR = "village_coordinator", _("村（社区）协理员")
    SERVICE_ACCOUNT = "service_account", _("接口服务账号")


# Roles that only read; every other role but the service account may act (write) in its regions.
VIEWER_ROLES = frozenset({Role.PROVINCIAL_VIEWER, Role.CITY_VIEWER})
ACTING_ROLES = frozenset(set(Role) - VIEWER_ROLES - {Role.SERVICE_ACCOUNT})
# What a provincial system needs beside reading in scope (domain.md 8): take cases in, book and cancel
# appointments, upload caseloads, send survey responses through the API channel. Anything more is an explicit
# grant of another role to the account.
INTAKE_ROLES = frozenset(ACTING_ROLES | {Role.SERVICE_ACCOUNT})
ADMIN_ROLES = frozenset({Role.COUNTY_ADMIN})
# Roles whose work needs full personal data (ID numbers, phones) of the people they serve.
PERSONAL_DATA_ROLES = frozenset({Role.COUNTY_ADMIN, Role.COUNTY_STAFF, Role.TOWNSHIP_STAFF})
