"""What the applicant takes home from the window: the 受理回执 with a QR code of the public status page, and the
一次性告知书 (粤民发〔2018〕170号 二(一): 首问负责制, 一次性告知). Printable from the case page at any time."""

from __future__ import annotations

from urllib.parse import urlencode

import segno
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from core.web import run_service
from regions import access
from regions.choices import ACTING_ROLES

from .. import selectors, services
from ..forms import NoticeForm
from ..models import CaseNotice
from .cases import _get_case


def status_url(request, number: str) -> str:
    """The public status page of a case, absolute, with its number filled in (the applicant adds the phone)."""
    return request.build_absolute_uri(reverse("windows:public_status") + "?" + urlencode({"number": number}))


def qr_svg(data: str) -> str:
    """An inline SVG QR code of `data` (segno: pure Python, error correction M, quiet zone kept for scanners)."""
    return segno.make(data, error="m", micro=False).svg_inline(
        scale=4, omitsize=True, title=_("办理进度查询二维码")
    )


@login_required
def receipt(request, number):
    """受理回执: case number, matter, date, first responder and the window's contacts, time limits and the expected
    date, the documents received, the public status URL and its QR code."""
    case = _get_case(request, number)
    url = status_url(request, case.number)
    return render(
        request,
        "windows/receipt.html",
        {
            "case": case,
            "receipt": selectors.receipt(case),
            "status_url": url,
            "qr": mark_safe(qr_svg(url)),  # noqa: S308 (segno's own SVG markup; the URL inside is escaped by segno)
        },
    )


@login_required
def notice_new(request, number):
    """Fill in the 一次性告知书: every missing document from the matter's checklist (and others), and the reason."""
    case = _get_case(request, number)
    if not access.has_role(request.user, case.region_code, ACTING_ROLES):
        raise Http404
    form = NoticeForm(request.POST or None, checklist=services.checklist_for(case.category), case=case)
    if request.method == "POST" and form.is_valid():
        ok, notice = run_service(
            request,
            lambda: services.notice_issue(actor=request.user, case=case, **form.cleaned_data),
            form=form,
            success=_("一次性告知书已生成，请打印交申请人"),
        )
        if ok:
            return redirect("windows:notice_print", number=case.number, pk=notice.pk)
    return render(request, "windows/notice_form.html", {"case": case, "form": form})


@login_required
def notice_print(request, number, pk):
    case = _get_case(request, number)
    try:
        notice = selectors.notice_for(case, pk)
    except CaseNotice.DoesNotExist as exc:
        raise Http404 from exc
    return render(
        request,
        "windows/notice_print.html",
        {"case": case, "notice": notice, "status_url": status_url(request, case.number)},
    )
