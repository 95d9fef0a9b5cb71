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
    # 三员分立 (GB/T 22239-2019 8.1.4.2 等保2.0 三级 安全管理中心: 系统管理、审计管理、安全管理): three administrators
    # whose duties are separated; none of them sees case, worker or procurement data (regions.access).
    SYSTEM_ADMIN = "system_admin", _("系统管理员")
    SECURITY_ADMIN = "security_admin", _("安全管理员")
    AUDIT_ADMIN = "audit_admin", _("审计管理员")


# The three separated administrators (三员分立): no account holds two of them, nor any of them beside a business
# role (accounts.rules); their grants open no business data (regions.access scopes by BUSINESS_ROLES only).
SEPARATED_ADMIN_ROLES = frozenset({Role.SYSTEM_ADMIN, Role.SECURITY_ADMIN, Role.AUDIT_ADMIN})
SYSTEM_ADMIN_ROLES = frozenset(
    {Role.SYSTEM_ADMIN}
)  # settings, jobs, backup status; no business data, no grants
SECURITY_ADMIN_ROLES = frozenset({Role.SECURITY_ADMIN})  # accounts, grants, password and lock-out policy
AUDIT_ADMIN_ROLES = frozenset({Role.AUDIT_ADMIN})  # reads and exports the audit trail; changes nothing
# The roles whose grants open the business data of a region (cases, workers, procurement …).
BUSINESS_ROLES = frozenset(set(Role) - SEPARATED_ADMIN_ROLES)
# Roles that only read; every other business role but the service account may act (write) in its regions.
VIEWER_ROLES = frozenset({Role.PROVINCIAL_VIEWER, Role.CITY_VIEWER})
ACTING_ROLES = frozenset(BUSINESS_ROLES - VIEWER_ROLES - {Role.SERVICE_ACCOUNT})
# What a provincial system needs beside reading in scope (domain.md 8): take cases in, book and cancel
# appointments, upload caseloads, send survey responses through the API channel. Anything more is an explicit
# grant of another role to the account.
INTAKE_ROLES = frozenset(ACTING_ROLES | {Role.SERVICE_ACCOUNT})
# The business administrator: a county admin; granted on a city it is the city admin, on the province the
# province admin (the region it is granted on says which).
ADMIN_ROLES = frozenset({Role.COUNTY_ADMIN})
# Who manages the accounts and grants of its area in the product (issue 13): the business administrator of the
# area (county, city, province admin) and the security administrator.
ACCOUNT_ADMIN_ROLES = frozenset({Role.COUNTY_ADMIN, Role.SECURITY_ADMIN})
# Roles whose work needs full personal data (ID numbers, phones) of the people they serve.
PERSONAL_DATA_ROLES = frozenset({Role.COUNTY_ADMIN, Role.COUNTY_STAFF, Role.TOWNSHIP_STAFF})


class AuditAction(models.TextChoices):
    """What a security audit record says happened (等保2.0 三级 安全审计, GB/T 22239-2019 8.1.4.3; issue 13)."""

    LOGIN = "login", _("登录")
    LOGOUT = "logout", _("退出登录")
    LOGIN_FAILED = "login_failed", _("登录失败")
    LOCKED_OUT = "locked_out", _("账号锁定")
    PASSWORD_CHANGE = "password_change", _("修改密码")
    OTP_ENROL = "otp_enrol", _("启用双因素认证")
    OTP_VERIFY = "otp_verify", _("双因素认证通过")
    OTP_FAILED = "otp_failed", _("双因素认证失败")
    OTP_RECOVERY = "otp_recovery", _("生成恢复码")
    OTP_RESET = "otp_reset", _("重置双因素认证")
    OTP_POLICY = "otp_policy", _("修改区域双因素认证要求")
    GRANT_ADD = "grant_add", _("授予角色")
    GRANT_REMOVE = "grant_remove", _("撤销角色")
    ACCOUNT_CREATE = "account_create", _("创建账号")
    ACCOUNT_CHANGE = "account_change", _("修改账号")
    PERSONAL_REVEAL = "personal_reveal", _("查看完整个人信息")
    EXPORT = "export", _("导出数据")
    REFERENCE_CHANGE = "reference_change", _("修改基础数据表")
    ADMIN_USE = "admin_use", _("使用后台管理")
    AUDIT_ARCHIVE = "audit_archive", _("审计记录归档清理")
    CHAIN_CHECK = "chain_check", _("审计记录链校验")
    BACKUP = "backup", _("数据库备份")
