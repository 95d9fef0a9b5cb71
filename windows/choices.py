"""Choices for windows and cases: English identifiers, Chinese labels."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class CaseChannel(models.TextChoices):
    WALK_IN = "walk_in", _("窗口来访")
    PHONE = "phone", _("电话求助")
    ONLINE = "online", _("网上申请（省级系统）")
    APPOINTMENT = "appointment", _("网上预约")


class CaseCategory(models.TextChoices):
    DIBAO = "dibao", _("最低生活保障")
    TEKUN = "tekun", _("特困人员救助供养")
    TEMPORARY = "temporary", _("临时救助")
    MEDICAL = "medical", _("医疗救助")
    EDUCATION = "education", _("教育救助")
    HOUSING = "housing", _("住房救助")
    EMPLOYMENT = "employment", _("就业救助")
    DISASTER = "disaster", _("受灾人员救助")
    CONSULTATION = "consultation", _("政策咨询")
    OTHER = "other", _("其他")


class CaseStatus(models.TextChoices):
    RECEIVED = "received", _("已登记")
    ACCEPTED = "accepted", _("已受理")
    ASSIGNED = "assigned", _("已分办")
    TRANSFERRED = "transferred", _("转办中")
    FEEDBACK_GIVEN = "feedback_given", _("已反馈")
    CLOSED = "closed", _("已办结")
    NOT_ACCEPTED = "not_accepted", _("不予受理")
    WITHDRAWN = "withdrawn", _("已撤回")


class CaseAction(models.TextChoices):
    RECEIVE = "receive", _("登记")
    ACCEPT = "accept", _("受理")
    ASSIGN = "assign", _("分办")
    TRANSFER = "transfer", _("转办")
    FEEDBACK = "feedback", _("反馈")
    CLOSE = "close", _("办结")
    REJECT = "reject", _("不予受理")
    WITHDRAW = "withdraw", _("撤回")
    #: recorded by the deadline job or by the step that finds a case past its limit (never a workflow step)
    OVERDUE = "overdue", _("超期")


class DeadlineStep(models.TextChoices):
    ACCEPT = "accept", _("受理时限（登记或转入后）")
    FEEDBACK = "feedback", _("反馈时限（受理后）")
    CLOSE = "close", _("办结时限（反馈后）")
    #: the whole-case clock: from registration to close, never restarted by a step
    CASE = "case", _("全程时限（登记至办结）")


class FeedbackMethod(models.TextChoices):
    IN_PERSON = "in_person", _("当面告知")
    PHONE = "phone", _("电话告知")
    SMS = "sms", _("短信告知")
    LETTER = "letter", _("书面告知")
    ONLINE = "online", _("网上告知")


class AppointmentStatus(models.TextChoices):
    BOOKED = "booked", _("已预约")
    CANCELLED = "cancelled", _("已取消")
    NO_SHOW = "no_show", _("未到")
    CONVERTED = "converted", _("已转为求助事项")


class TransferKind(models.TextChoices):
    DEPARTMENT = "department", _("转其他部门")
    REGION = "region", _("转其他地区")


class NoticeKind(models.TextChoices):
    MISSING = "missing", _("材料不全，一次性告知补正")
    NOT_ACCEPTED = "not_accepted", _("不予受理告知")


class RatingGrade(models.IntegerChoices):
    """好差评的五个等级 (国办发〔2019〕51号)."""

    VERY_SATISFIED = 5, _("非常满意")
    SATISFIED = 4, _("满意")
    BASIC = 3, _("基本满意")
    DISSATISFIED = 2, _("不满意")
    VERY_DISSATISFIED = 1, _("非常不满意")


class RatingChannel(models.TextChoices):
    WINDOW = "window", _("窗口评价")
    ONLINE = "online", _("网上评价")


class FollowUpStatus(models.TextChoices):
    CALLBACK = "callback", _("待回访核实")
    RECTIFYING = "rectifying", _("整改中")
    APPEALED = "appealed", _("申诉复核中")
    TO_TELL = "to_tell", _("待告知结果")
    CLOSED = "closed", _("已办结")


class FollowUpAction(models.TextChoices):
    VERIFY = "verify", _("回访核实：情况属实")
    UNFOUNDED = "unfounded", _("回访核实：情况不属实")
    APPEAL = "appeal", _("被评价人申诉")
    UPHOLD = "uphold", _("申诉成立")
    DISMISS = "dismiss", _("申诉不成立")
    RECTIFY = "rectify", _("整改完成")
    TELL = "tell", _("告知申请人结果")


class FollowUpStep(models.TextChoices):
    CALLBACK = "callback", _("差评回访核实")
    RECTIFY = "rectify", _("差评整改")


class MessageStatus(models.TextChoices):
    SENT = "sent", _("已发送")
    FAILED = "failed", _("发送失败")
    NOT_MOBILE = "not_mobile", _("非手机号码，未发送")
