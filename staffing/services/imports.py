"""Caseload spreadsheets: an upload validated into a preview or every row's error, then saved all at once after
the user confirms. Long files run as a Celery task that reports progress. (The template to fill in is a read:
selectors.template_sheets.)"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.services import model_update
from core.tabular import ImportRejected, RowError, UnreadableFile, check_upload, read_rows, require_columns
from core.tasks import dispatch_on_commit
from regions import access
from regions.notifications import notify

from .. import tasks
from ..choices import ImportState
from ..models import CaseloadImport
from .caseloads import caseload_save_rows, validate_rows

COLUMNS = {
    "区划代码": "region",
    "月份": "period",
    "低保户数": "dibao_households",
    "特困户数": "tekun_households",
    "临时救助户数": "temporary_households",
}
REQUIRED = ["区划代码", "月份", "低保户数", "特困户数"]
PREVIEW_ROWS = 30
#: the fields the validation and save steps report on the import row
PROGRESS_FIELDS = (
    "state",
    "progress",
    "total_rows",
    "preview",
    "errors",
    "result",
    "finished_at",
    "progress_at",
)
RUNNING = (ImportState.PENDING, ImportState.VALIDATING, ImportState.SAVING)


def caseload_import_start(*, actor, upload) -> CaseloadImport:
    """Store an uploaded caseload file and queue its validation (a long file runs on a worker; the status page
    shows progress, then the preview or every row's error). Only a user with an acting role somewhere may upload
    (each row's region is checked against the role when validated); a file over the size cap is refused unstored
    (UnreadableFile)."""
    if not access.acts_somewhere(actor):
        raise PermissionDenied(_("您没有可导入户数的经办角色。"))
    check_upload(upload)
    with transaction.atomic():
        imp = CaseloadImport.objects.create(file=upload, filename=upload.name[:200], uploaded_by=actor)
        dispatch_on_commit(tasks.caseload_import_validate_task, imp.pk)
    return imp


def _rows_from_file(imp: CaseloadImport) -> list[tuple[int, dict]]:
    with imp.file.open("rb") as fh:
        raw = read_rows(fh, imp.filename, columns=len(COLUMNS))
    header = list(raw[0][1]) if raw else []
    missing = require_columns(header, REQUIRED)
    if missing:
        raise ImportRejected(missing)
    rows = []
    for number, cells in raw:
        data = {key: cells.get(title, "") for title, key in COLUMNS.items()}
        if not any(data[k] for k in ("dibao_households", "tekun_households", "temporary_households")):
            continue  # a template row left empty
        rows.append((number, data))
    if not rows:
        raise ImportRejected([RowError(2, "低保户数", _("文件中没有填写户数的行"))])
    return rows


def _set(imp: CaseloadImport, **fields) -> None:
    """Write an import's progress fields at once (other requests poll them) and keep `imp` in step."""
    fields.setdefault("progress_at", timezone.now())
    model_update(imp, fields, allowed=PROGRESS_FIELDS)
    CaseloadImport.objects.filter(pk=imp.pk).update(**fields)


def _column_title(key: str) -> str:
    return {v: k for k, v in COLUMNS.items()}.get(key, key)


def _reject(imp: CaseloadImport, exc: ImportRejected) -> None:
    errors = [
        {"row": e.row, "column": _column_title(e.column), "message": e.message} for e in exc.errors[:1000]
    ]
    _set(imp, state=ImportState.REJECTED, errors=errors, progress=100, finished_at=timezone.now())
    _discard_file(imp)


def _discard_file(imp: CaseloadImport) -> None:
    """A refused upload is not kept: its file leaves the disk (the import row keeps the errors)."""
    if imp.file:
        imp.file.delete(save=False)
        CaseloadImport.objects.filter(pk=imp.pk).update(file="")


def caseload_import_validate(imp: CaseloadImport) -> str:
    """Validate the file: state 'valid' with a preview, or 'rejected' with every row error. Saves no caseload."""
    user = imp.uploaded_by
    _set(imp, state=ImportState.VALIDATING, progress=0)
    try:
        rows = _rows_from_file(imp)
        _set(imp, total_rows=len(rows))
        clean = validate_rows(
            actor=user,
            rows=rows,
            today=timezone.localdate(),
            progress=lambda done, total: _set(imp, progress=min(95, done * 100 // max(total, 1))),
        )
    except UnreadableFile as exc:
        _reject(imp, ImportRejected([RowError(1, "文件", str(exc))]))
        return imp.state
    except ImportRejected as exc:
        _reject(imp, exc)
        return imp.state
    periods = sorted({r["period"] for r in clean})
    totals = {
        f: sum(r[f] for r in clean) for f in ("dibao_households", "tekun_households", "temporary_households")
    }
    preview = {
        "rows": len(clean),
        "periods": periods,
        "totals": totals,
        "sample": [
            [
                r["region_code"],
                r["period"],
                r["dibao_households"],
                r["tekun_households"],
                r["temporary_households"],
            ]
            for r in clean[:PREVIEW_ROWS]
        ],
    }
    _set(imp, state=ImportState.VALID, preview=preview, errors=[], progress=100)
    return imp.state


def caseload_import_save(imp: CaseloadImport) -> str:
    """Re-validate (data may have changed since the preview) and save every row in one transaction."""
    claimed = CaseloadImport.objects.filter(pk=imp.pk, state=ImportState.VALID).update(
        state=ImportState.SAVING, progress=0, progress_at=timezone.now()
    )
    if not claimed:
        return "skipped"
    try:
        rows = _rows_from_file(imp)
        clean = validate_rows(
            actor=imp.uploaded_by,
            rows=rows,
            today=timezone.localdate(),
            progress=lambda done, total: _set(imp, progress=min(80, done * 80 // max(total, 1))),
        )
        with transaction.atomic():  # the rows and "done" together: saved rows are never reported as failed
            result = caseload_save_rows(actor=imp.uploaded_by, clean=clean)
            _set(imp, state=ImportState.DONE, result=result, progress=100, finished_at=timezone.now())
    except ImportRejected as exc:
        _reject(imp, exc)
        return imp.state
    notify(
        [imp.uploaded_by],
        title=_("户数导入完成：%(file)s") % {"file": imp.filename},
        body=_("新增 %(created)s 行，更新 %(updated)s 行，未变 %(unchanged)s 行。") % result,
        url=reverse("staffing:caseload_import_status", args=[imp.pk]),
        kind="staffing_import_done",
        key=f"staffing-import-{imp.pk}",
    )
    return imp.state


def caseload_import_failed(imp: CaseloadImport, exc: Exception) -> None:
    """An unexpected error while validating or saving: nothing was saved (the rows and the state "done" are
    written in one transaction); say so on the import. An import already done (its rows saved) stays done."""
    message = f"导入失败，未保存任何记录：{exc}"[:500]
    fields = {
        "state": ImportState.FAILED,
        "errors": [{"row": 0, "column": "", "message": message}],
        "progress": 100,
        "finished_at": timezone.now(),
        "progress_at": timezone.now(),
    }
    if CaseloadImport.objects.filter(pk=imp.pk, state__in=RUNNING).update(**fields):
        model_update(imp, fields, allowed=PROGRESS_FIELDS)


def caseload_imports_reclaim(*, now=None) -> int:
    """Imports whose worker stopped (killed, restarted) without a word: no progress for
    settings.IMPORT_STALE_AFTER. One being saved goes back to "valid" (the save is one transaction, so nothing
    was saved; the user may confirm again); one queued or being validated is failed. Returns how many."""
    now = now or timezone.now()
    stale = CaseloadImport.objects.filter(progress_at__lt=now - settings.IMPORT_STALE_AFTER)
    note = [{"row": 0, "column": "", "message": _("处理中断，未保存任何记录，请重新确认。")}]
    again = stale.filter(state=ImportState.SAVING).update(
        state=ImportState.VALID, progress=0, errors=note, progress_at=now
    )
    failed = stale.filter(state__in=(ImportState.PENDING, ImportState.VALIDATING)).update(
        state=ImportState.FAILED,
        progress=100,
        errors=[{"row": 0, "column": "", "message": _("处理中断，未保存任何记录，请重新上传。")}],
        finished_at=now,
        progress_at=now,
    )
    return again + failed
