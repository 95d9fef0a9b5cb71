"""Pages of the county funding record (粤民发〔2018〕170号 一(五), 二(三) 费随事转), with the reference values beside."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.web import Column, Listing, form_errors, run_service

from .. import rules, services
from ..filters import FundingFilterSet
from ..forms import FundingForm, TransferForm
from ..models import CountyFunding, FundingReference


def _flags(record: CountyFunding, references: list[FundingReference]) -> dict[str, object]:
    refs = {r.key: r for r in references}
    share = refs["work_fund_share_of_dibao"].value if "work_fund_share_of_dibao" in refs else None
    pay_refs = [
        ([c for c in r.region_prefixes.split(",") if c], r.value)
        for r in references
        if r.key.startswith("dispatched_pay_min")
    ]
    pay_minimum = rules.pay_minimum_for(record.region.code, pay_refs)
    flags: dict[str, object] = dict(
        rules.funding_flags(
            work_fund=record.work_fund,
            dibao_previous_year=record.dibao_spending_previous_year,
            share=share,
            pay_total=record.dispatched_pay_total,
            staff=record.dispatched_staff,
            pay_minimum=pay_minimum,
        )
    )
    flags["fund_minimum"] = (
        rules.work_fund_minimum(record.dibao_spending_previous_year, share) if share else None
    )
    flags["pay"] = rules.pay_per_person(record.dispatched_pay_total, record.dispatched_staff)
    flags["pay_minimum"] = pay_minimum
    return flags


def _warnings(flags: dict[str, object]) -> str:
    notes = [_("工作经费低于参考值")] if flags["work_fund_below"] else []
    return "；".join([*notes, *([_("人均薪酬低于参考值")] if flags["pay_below"] else [])])


def funding_columns(references: list[FundingReference]) -> tuple[Column, ...]:
    """The funding list's columns (issue 14); the reference figures of each row are computed against
    `references` (read once per request)."""

    def flag(key: str):
        return lambda r: _flags(r, references)[key]

    return (
        Column("year", gettext_lazy("年度"), ("year",), "year"),
        Column("region", gettext_lazy("县（市、区）"), ("region__code",), "region.name"),
        Column("work_fund", gettext_lazy("工作经费（元）"), ("work_fund",), "work_fund", css="num"),
        Column("fund_minimum", gettext_lazy("应不低于"), (), flag("fund_minimum"), css="num"),
        Column(
            "budget",
            gettext_lazy("购买服务预算（元）"),
            ("purchased_services_budget",),
            "purchased_services_budget",
        ),
        Column("pay", gettext_lazy("派遣人员人均薪酬"), (), flag("pay"), css="num"),
        Column("flags", gettext_lazy("提示"), (), lambda r: _warnings(_flags(r, references))),
    )


@login_required
def funding_list(request: HttpRequest) -> HttpResponse:
    references = list(FundingReference.objects.all())
    records = CountyFunding.objects.visible_to(request.user).select_related("region")
    filterset = FundingFilterSet(request.GET or None, queryset=records)
    listing = Listing(request, filterset.qs, funding_columns(references))
    if listing.wants_export and request.method == "GET":
        return listing.export(_("社会救助工作经费") + ".xlsx", _("工作经费"))
    form = FundingForm(request.POST or None)
    if request.method == "POST":
        if not form.is_valid():
            form_errors(request, form)
        else:
            ok, record = run_service(
                request,
                lambda: services.funding_save(actor=request.user, **form.cleaned_data),
                success=_("经费已保存。"),
                form=form,
            )
            if ok:
                return redirect("oversight:funding_detail", pk=record.pk)
    rows = [(r, _flags(r, references)) for r in listing.page]
    context = {"filter": filterset, "listing": listing, "page": listing.page, "rows": rows, "form": form}
    return render(request, "oversight/funding.html", {**context, "references": references})


@login_required
def funding_detail(request: HttpRequest, pk: int) -> HttpResponse:
    record = get_object_or_404(CountyFunding.objects.visible_to(request.user).select_related("region"), pk=pk)
    form = TransferForm(request.POST or None)
    if request.method == "POST":
        if not form.is_valid():
            form_errors(request, form)
        else:
            ok, _t = run_service(
                request,
                lambda: services.transfer_add(actor=request.user, funding=record, **form.cleaned_data),
                success=_("下拨经费已登记。"),
                form=form,
            )
            if ok:
                return redirect("oversight:funding_detail", pk=record.pk)
    references = list(FundingReference.objects.all())
    context = {
        "record": record,
        "flags": _flags(record, references),
        "transfers": record.transfers.select_related("recipient"),
        "form": form,
        "references": references,
    }
    return render(request, "oversight/funding_detail.html", context)
