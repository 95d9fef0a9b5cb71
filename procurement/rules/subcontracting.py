"""The subcontracting ban made checkable (严禁服务转包, 粤民发〔2018〕170号 一(七)): a check states who delivered the
service, a financial report lists its payments to third parties; a delivery by anyone but the contractor's own
staff, or a payment for the service itself to a third party, is a subcontracting finding."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from ..choices import DeliveredBy, PaymentPurpose


def delivery_errors(*, delivered_by: str, delivery_staff: str, third_party: str) -> dict[str, str]:
    """A check names who delivered the service: the contractor's own staff by name, or the other party."""
    errors: dict[str, str] = {}
    if delivered_by not in DeliveredBy.values:
        errors["delivered_by"] = _("须写明服务由谁提供（承接主体自有人员或其他单位、人员）")
    elif delivered_by == DeliveredBy.OWN_STAFF and not delivery_staff.strip():
        errors["delivery_staff"] = _("须写明提供服务的承接主体人员姓名")
    elif delivered_by == DeliveredBy.OTHER and not third_party.strip():
        errors["third_party"] = _("须写明实际提供服务的单位或人员")
    return errors


def delivery_is_subcontracted(delivered_by: str) -> bool:
    """Anyone but the contractor's own staff delivering the service is subcontracting (一(七) 严禁服务转包)."""
    return delivered_by == DeliveredBy.OTHER


def payment_errors(payments: Iterable[Mapping[str, Any]]) -> dict[str, str]:
    """Each payment to a third party names the payee, a positive amount and what it paid for."""
    for number, payment in enumerate(payments, start=1):
        if not str(payment.get("payee") or "").strip():
            return {"payments": _("第 %(n)d 项第三方支付须写明收款单位或个人") % {"n": number}}
        amount = payment.get("amount")
        if not isinstance(amount, Decimal) or not amount.is_finite() or amount <= 0:
            return {"payments": _("第 %(n)d 项第三方支付的金额须大于 0") % {"n": number}}
        if payment.get("purpose") not in PaymentPurpose.values:
            return {"payments": _("第 %(n)d 项第三方支付须写明用途") % {"n": number}}
    return {}


def payment_is_subcontracted(purpose: str) -> bool:
    """A payment to a third party for the purchased service itself is subcontracting; goods, premises and other
    running costs are not (一(七) 严禁服务转包)."""
    return purpose == PaymentPurpose.SERVICE
