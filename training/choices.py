"""Choices for training: English identifiers, Chinese labels (粤民发〔2018〕170号 二(五))."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class TrainingType(models.TextChoices):
    PRE_JOB = "pre_job", _("岗前培训")
    ROTATION = "rotation", _("定期轮训")
    ADVANCED = "advanced", _("业务进修")


class TrainingForm(models.TextChoices):
    POLICY = "policy", _("政策解读")
    LECTURE = "lecture", _("专家授课")
    EXPERIENCE = "experience", _("经验介绍")
    CASE = "case", _("案例剖析")
    ONSITE = "onsite", _("现场教学")


class SessionStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("已安排")
    HELD = "held", _("已举办")
    CANCELLED = "cancelled", _("已取消")


class AttendanceMethod(models.TextChoices):
    STAFF = "staff", _("工作人员签到")
    EXCEL = "excel", _("Excel导入")
    CODE = "code", _("签到码")


class OrganiserStatus(models.TextChoices):
    """Whether an organiser held its at-least-once-a-year training."""

    DONE = "done", _("已举办")
    PLANNED = "planned", _("已计划")
    MISSING = "missing", _("缺失")


class PreJobStatus(models.TextChoices):
    """Pre-job training comes before the job (粤民发〔2018〕170号 二(五) 岗前培训): no grace period."""

    DONE = "done", _("岗前已培训")
    LATE = "late", _("上岗后补训")
    AWAITING = "awaiting", _("待岗前培训")


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    FINAL = "final", _("已定稿")


class RotationStatus(models.TextChoices):
    DONE = "done", _("已轮训")
    DUE = "due", _("本年待轮训")
    MISSING = "missing", _("未轮训")
    NOT_REQUIRED = "not_required", _("本年无需轮训")


class AssessmentGrade(models.TextChoices):
    EXCELLENT = "excellent", _("优秀")
    COMPETENT = "competent", _("称职")
    BASIC = "basic", _("基本称职")
    UNSUITED = "unsuited", _("不适宜从事社会救助工作")


ORGANISER_LEVELS = ("province", "city", "county")

#: the types every level's annual plan holds (粤民发〔2018〕170号 二(五) 将岗前培训、定期轮训、业务进修列入年度计划)
REQUIRED_PLAN_TYPES = (TrainingType.PRE_JOB, TrainingType.ROTATION, TrainingType.ADVANCED)
