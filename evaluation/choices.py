"""Choices for performance evaluation: English identifiers, Chinese labels (粤民发〔2018〕170号 一(六))."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Party(models.TextChoices):
    """The three parties of the comprehensive evaluation mechanism (一(六))."""

    RECIPIENT = "recipient", _("服务对象（满意度）")
    PURCHASER = "purchaser", _("购买主体")
    THIRD_PARTY = "third_party", _("第三方")


class Dimension(models.TextChoices):
    """服务成效、项目管理、社会影响 (一(六))."""

    EFFECTIVENESS = "effectiveness", _("服务成效")
    MANAGEMENT = "management", _("项目管理")
    SOCIAL_IMPACT = "social_impact", _("社会影响")


class Grade(models.TextChoices):
    EXCELLENT = "excellent", _("优秀")
    GOOD = "good", _("良好")
    PASS = "pass", _("合格")
    FAIL = "fail", _("不合格")


class EvaluationStatus(models.TextChoices):
    IN_PROGRESS = "in_progress", _("评价中")
    PUBLISHED = "published", _("已公布")
    CANCELLED = "cancelled", _("已撤销")


class SurveyStatus(models.TextChoices):
    OPEN = "open", _("调查中")
    CLOSED = "closed", _("已结束")


class ResponseChannel(models.TextChoices):
    WINDOW = "window", _("窗口现场")
    PHONE = "phone", _("电话回访")
    HOME_VISIT = "home_visit", _("入户走访")
    API = "api", _("接口报送")
    PUBLIC_LINK = "public_link", _("在线问卷")


#: channels a member of staff records on behalf of a recipient
STAFF_CHANNELS = (ResponseChannel.WINDOW, ResponseChannel.PHONE, ResponseChannel.HOME_VISIT)


class Satisfaction(models.IntegerChoices):
    VERY_SATISFIED = 5, _("非常满意")
    SATISFIED = 4, _("满意")
    NEUTRAL = 3, _("一般")
    DISSATISFIED = 2, _("不满意")
    VERY_DISSATISFIED = 1, _("非常不满意")


class RectificationStatus(models.TextChoices):
    OPEN = "open", _("整改中")
    DONE = "done", _("已整改")
