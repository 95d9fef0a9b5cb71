"""Writes of the county funding record (粤民发〔2018〕170号 一(五), 二(三) 费随事转)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from core.exceptions import Conflict
from regions import access
from regions.audit import set_actor
from regions.choices import RegionLevel
from regions.models import Region

from ..models import CountyFunding, FundTransfer

FIELDS = (
    "work_fund",
    "work_fund_source",
    "purchased_services_budget",
    "dibao_spending_previous_year",
    "dispatched_staff",
    "dispatched_pay_total",
)


def funding_save(*, actor: Any, region: Region, year: int, **values: Any) -> CountyFunding:
    """Record (or correct) a county's funding of a year."""
    access.require_role(actor, region.code)
    if region.level != RegionLevel.COUNTY:
        raise ValidationError({"region": _("经费按县（市、区）填报")})
    unknown = set(values) - set(FIELDS)
    if unknown:
        raise ValidationError({name: _("该字段不能修改") for name in sorted(unknown)})
    record = CountyFunding.objects.filter(region=region, year=year).first() or CountyFunding(
        region=region, year=year
    )
    for name, value in values.items():
        setattr(record, name, value)
    record.updated_by = actor
    record.full_clean(validate_constraints=False)
    try:
        with transaction.atomic(), set_actor(actor):
            record.save()
    except IntegrityError:
        raise Conflict(_("该县该年度的经费刚被他人登记，请刷新后修改"), code="funding_exists") from None
    return record


def transfer_add(
    *, actor: Any, funding: CountyFunding, recipient: Region, amount: Decimal, tasks: str
) -> FundTransfer:
    """Funds passed to a township or village of the county with the tasks they follow."""
    access.require_role(actor, funding.region.code)
    if recipient.level not in (RegionLevel.TOWNSHIP, RegionLevel.VILLAGE) or not recipient.code.startswith(
        funding.region.code
    ):
        raise ValidationError({"recipient": _("接收单位应为本县的乡镇（街道）或村（社区）")})
    transfer = FundTransfer(funding=funding, recipient=recipient, amount=amount, tasks=tasks.strip())
    transfer.full_clean()
    with transaction.atomic(), set_actor(actor):
        transfer.save()
    return transfer
