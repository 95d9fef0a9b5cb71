"""Caseload pages: the list, upload → progress → preview or errors → confirm (downloads: views/exports.py)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from core.tabular import UnreadableFile
from core.tasks import dispatch_on_commit
from core.web import Column, Listing

from .. import selectors
from ..choices import ImportState
from ..filters import CaseloadFilterSet
from ..forms import CaseloadUploadForm
from ..models import CaseloadImport
from ..services import caseload_import_start
from ..tasks import caseload_import_save_task

#: the caseload list's sortable columns (issue 14); its export is exports.caseload_export (the import's layout,
#: sorted and filtered as the list)
CASELOAD_COLUMNS = (
    Column("region", gettext_lazy("区域"), ("region__name",)),
    Column("code", gettext_lazy("区划代码"), ("region__code",)),
    Column("period", gettext_lazy("月份"), ("period",)),
    Column("dibao", gettext_lazy("低保户数"), ("dibao_households",), css="num"),
    Column("tekun", gettext_lazy("特困户数"), ("tekun_households",), css="num"),
    Column("temporary", gettext_lazy("临时救助户数"), ("temporary_households",), css="num"),
    Column("updated", gettext_lazy("更新时间"), ("updated_at",)),
)


def caseload_listing(request) -> tuple[CaseloadFilterSet, Listing]:
    """The list as the page shows it (scoped, filtered, sorted): the page and its export read the same rows."""
    filterset = CaseloadFilterSet(request.GET or None, queryset=selectors.caseloads(request.user))
    return filterset, Listing(request, filterset.qs, CASELOAD_COLUMNS)


@login_required
def caseload_list(request):
    filterset, listing = caseload_listing(request)
    imports = CaseloadImport.objects.filter(uploaded_by=request.user)[:5]
    context = {
        "filter": filterset,
        "listing": listing,
        "page": listing.page,
        "form": CaseloadUploadForm(),
        "imports": imports,
    }
    return render(request, "staffing/caseload_list.html", context)


@login_required
@require_POST
def caseload_import(request):
    """Upload: store the file and validate it in a task; the status page shows progress, then the preview."""
    form = CaseloadUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("请选择要上传的文件"))
        return redirect("staffing:caseloads")
    try:
        imp = caseload_import_start(actor=request.user, upload=form.cleaned_data["file"])
    except UnreadableFile as exc:
        messages.error(request, str(exc))
        return redirect("staffing:caseloads")
    return redirect("staffing:caseload_import_status", pk=imp.pk)


@login_required
def caseload_import_status(request, pk: int):
    """Progress, then the preview (confirm) or every row's error. Polled by htmx while running."""
    imp = get_object_or_404(CaseloadImport, pk=pk, uploaded_by=request.user)
    running = imp.state in (ImportState.PENDING, ImportState.VALIDATING, ImportState.SAVING)
    template = "staffing/_import_status.html" if request.htmx else "staffing/caseload_import.html"
    return render(request, template, {"imp": imp, "running": running})


@login_required
@require_POST
def caseload_import_confirm(request, pk: int):
    imp = get_object_or_404(CaseloadImport, pk=pk, uploaded_by=request.user)
    if imp.state != ImportState.VALID:
        messages.error(request, _("该导入不是待确认状态"))
    else:
        dispatch_on_commit(caseload_import_save_task, imp.pk)
    return redirect("staffing:caseload_import_status", pk=imp.pk)
