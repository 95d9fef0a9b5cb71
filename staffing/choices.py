"""Choices for staffing: English identifiers, Chinese labels."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Post(models.TextChoices):
    """Where a worker is posted (二(二): 县级民政部门、乡镇（街道）、村（社区）或特困人员供养服务机构)."""

    COUNTY_BUREAU = "county_bureau", _("县级民政部门")
    TOWNSHIP = "township", _("乡镇（街道）")
    VILLAGE_COORDINATOR = "village_coordinator", _("村（社区）协理员")
    SUPPORT_INSTITUTION = "support_institution", _("特困人员供养服务机构")


class Employment(models.TextChoices):
    ESTABLISHED = "established", _("编制内")
    DISPATCHED = "dispatched", _("社会力量派遣")


class Education(models.TextChoices):
    POSTGRADUATE = "postgraduate", _("研究生")
    BACHELOR = "bachelor", _("本科")
    COLLEGE = "college", _("大专")
    SECONDARY = "secondary", _("高中/中专")
    BELOW = "below", _("初中及以下")


class WorkerStatus(models.TextChoices):
    ACTIVE = "active", _("在岗")
    #: 二(五): moved off social-assistance handling work (调离经办岗位)
    REASSIGNED = "reassigned", _("已调离")
    LEFT = "left", _("已离职")


class PostingKind(models.TextChoices):
    HIRE = "hire", _("入职")
    REASSIGN = "reassign", _("调整岗位")
    TRANSFER_OUT = "transfer_out", _("调离经办岗位")
    LEAVE = "leave", _("离职")


class RuleLevel(models.TextChoices):
    COUNTY = "county", _("县（市、区）民政局")
    TOWNSHIP = "township", _("乡镇政府（街道办事处）")


class ComplianceStatus(models.TextChoices):
    COMPLIANT = "compliant", _("达标")
    SHORT = "short", _("不足")
    NO_DATA = "no_data", _("无数据")
    #: villages only: more than the 1-2 coordinators 二(三) expects
    FLAGGED = "flagged", _("超配")


class RunState(models.TextChoices):
    PENDING = "pending", _("排队中")
    RUNNING = "running", _("计算中")
    DONE = "done", _("已完成")
    FAILED = "failed", _("失败")


class ImportState(models.TextChoices):
    PENDING = "pending", _("排队中")
    VALIDATING = "validating", _("校验中")
    VALID = "valid", _("校验通过，待确认")
    SAVING = "saving", _("保存中")
    DONE = "done", _("已保存")
    REJECTED = "rejected", _("有错误，未保存")
    FAILED = "failed", _("失败")


class RoundStatus(models.TextChoices):
    OPEN = "open", _("报名中")
    RANKED = "ranked", _("已排名")
    CLOSED = "closed", _("已结束")


class CandidateStatus(models.TextChoices):
    APPLIED = "applied", _("已报名")
    HIRED = "hired", _("已录用")
    DECLINED = "declined", _("已放弃")
