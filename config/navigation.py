"""The five areas of the product, for the navigation bar and the home page.

Every area is declared once here, with the URL name of its index page (a missing page is an error, not a skip).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from regions import access
from regions.choices import (
    ACCOUNT_ADMIN_ROLES,
    BUSINESS_ROLES,
    SECURITY_ADMIN_ROLES,
    SYSTEM_ADMIN_ROLES,
    Role,
)

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


@dataclass(frozen=True)
class Area:
    app: str
    title: StrOrPromise
    summary: StrOrPromise
    url: str


AREAS = [
    ("staffing", _("经办人员配备"), _("按救助对象户数核定县、乡镇经办人员，村（社区）协理员，达标看板")),
    ("windows", _("一门受理窗口"), _("首问负责、受理、分办、转办、反馈，异地申请与网上预约")),
    ("procurement", _("政府购买服务"), _("指导目录、承接主体、项目五个环节、评审、合同、监管、接管与禁入")),
    ("evaluation", _("绩效评价"), _("购买主体、服务对象、第三方三方评价，满意度调查，结果公开")),
    ("training", _("业务培训"), _("年度计划、培训班、签到、岗前培训与定期轮训达标、人员考核")),
    ("supervision", _("上级督导"), _("市、省对县级项目、合同、窗口的检查和督办，整改回复与办结")),
    ("oversight", _("统筹督导"), _("省、市、县区域概览，联席会议问题跟踪，工作经费，变更订阅")),
    (
        "accounts",
        _("账号与权限"),
        _("本区域账号的创建、授权、重置密码、停用（县、市、省级管理员，安全管理员）"),
    ),
    ("system", _("系统状态"), _("安全设置、密码与会话策略、定时任务（系统管理员、安全管理员）")),
]


#: who uses an area beside its default, every business role (BUSINESS_ROLES): the village coordinator works only
#: at the windows and in training; the upper-level supervision is for the levels above a county and the county
AREA_ROLES: dict[str, frozenset[Role]] = {
    "staffing": BUSINESS_ROLES - {Role.VILLAGE_COORDINATOR},
    "procurement": BUSINESS_ROLES - {Role.VILLAGE_COORDINATOR, Role.TOWNSHIP_STAFF},
    "evaluation": BUSINESS_ROLES - {Role.VILLAGE_COORDINATOR, Role.TOWNSHIP_STAFF},
    "supervision": BUSINESS_ROLES - {Role.VILLAGE_COORDINATOR, Role.TOWNSHIP_STAFF},
    "oversight": BUSINESS_ROLES - {Role.VILLAGE_COORDINATOR, Role.TOWNSHIP_STAFF},
    # issue 13: accounts of an area are managed by its business administrator and the security administrator
    "accounts": ACCOUNT_ADMIN_ROLES,
    "system": SYSTEM_ADMIN_ROLES | SECURITY_ADMIN_ROLES,
}


def areas(user: Any = None) -> list[Area]:
    """The areas `user` can use (every area without a user): an area whose index page would refuse the user is not
    offered (issue 14: menus fit the role)."""
    return [
        Area(app, title, summary, reverse(f"{app}:index"))
        for app, title, summary in AREAS
        if user is None or _may_use(user, app)
    ]


def _may_use(user: Any, app: str) -> bool:
    if access.sees_everything(user):
        return True
    roles = {g.role for g in access.grants(user)}
    return bool(roles & AREA_ROLES.get(app, BUSINESS_ROLES))
