"""Pages of the webhooks: a service account's (or, for an administrator, everyone's) webhooks, one webhook with
its delivery log, and a manual re-send."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from core.web import Column, Listing, form_errors, run_service
from regions import access
from regions.choices import Role

from .. import registry, selectors, services
from ..choices import DeliveryStatus
from ..forms import WebhookCreateForm, WebhookForm
from ..models import Delivery, Webhook


def _may_use(request: HttpRequest) -> None:
    if not (
        access.sees_everything(request.user) or access.acts_somewhere(request.user, {Role.SERVICE_ACCOUNT})
    ):
        raise PermissionDenied(_("只有接口服务账号和管理员可以配置变更推送"))


#: the webhooks list (issue 14): sortable headers and the Excel export of the filtered view (never a secret)
WEBHOOK_COLUMNS = (
    Column("name", gettext_lazy("名称"), ("name",), "name"),
    Column("owner", gettext_lazy("接口服务账号"), ("owner__username",), "owner.username"),
    Column("url", gettext_lazy("接收地址"), ("url",), "url"),
    Column("events", gettext_lazy("事件类型"), (), lambda w: " ".join(w.event_types)),
    Column("active", gettext_lazy("状态"), ("-active",), lambda w: _("启用") if w.active else _("停用")),
)


def _webhook_listing(request: HttpRequest) -> Listing:
    webhooks = selectors.webhooks_visible_to(request.user).order_by("name", "pk")
    q = (request.GET.get("q") or "").strip()
    if q:
        webhooks = webhooks.filter(Q(name__icontains=q) | Q(url__icontains=q))
    return Listing(request, webhooks, WEBHOOK_COLUMNS)


@login_required
def webhook_list(request: HttpRequest) -> HttpResponse:
    _may_use(request)
    listing = _webhook_listing(request)
    if listing.wants_export and request.method == "GET":
        return listing.export(_("变更推送") + ".xlsx", _("变更推送"))
    form = WebhookCreateForm(request.POST or None, actor=request.user)
    secret = None
    if request.method == "POST":
        if not form.is_valid():
            form_errors(request, form)
        else:
            ok, made = run_service(
                request,
                lambda: services.webhook_create(actor=request.user, **form.cleaned_data_for_create()),
                success=_("推送已创建，请保存签名密钥。"),
                form=form,
            )
            if ok:
                secret = made[1]
                form = WebhookCreateForm(actor=request.user)
    context = {
        "listing": listing,
        "page": listing.page,
        "q": request.GET.get("q", ""),
        "form": form,
        "secret": secret,
        "events": registry.event_names(),
    }
    response = render(request, "changes/webhooks.html", context)
    if secret:
        response["Cache-Control"] = "no-store"
    return response


@login_required
def webhook_detail(request: HttpRequest, pk: int) -> HttpResponse:
    webhook = get_object_or_404(selectors.webhooks_visible_to(request.user), pk=pk)
    initial = {
        "name": webhook.name,
        "url": webhook.url,
        "event_types": " ".join(webhook.event_types),
        "active": webhook.active,
    }
    form = WebhookForm(request.POST or None, initial=initial)
    if request.method == "POST":
        if not form.is_valid():
            form_errors(request, form)
        else:
            ok, _saved = run_service(
                request,
                lambda: services.webhook_update(actor=request.user, webhook=webhook, **form.cleaned_data),
                success=_("已保存。"),
                form=form,
            )
            if ok:
                return redirect("changes:webhook", pk=webhook.pk)
    listing = _delivery_listing(request, webhook)
    if listing.wants_export and request.method == "GET":
        return listing.export(_("推送记录") + f"-{webhook.pk}.xlsx", _("推送记录"))
    context = {
        "webhook": webhook,
        "form": form,
        "listing": listing,
        "page": listing.page,
        "status": request.GET.get("status", ""),
        "q": request.GET.get("q", ""),
        "statuses": DeliveryStatus.choices,
    }
    return render(request, "changes/webhook.html", context)


def _attempts(delivery: Delivery) -> str:
    return "\n".join(
        " ".join(
            str(part) for part in (a.at.isoformat(timespec="seconds"), a.status_code or "", a.error) if part
        )
        for a in delivery.log.all()
    )


#: a webhook's delivery log (issue 14): sortable headers, the Excel export of the filtered log (the payload is the
#: event and its cursor, never the record's fields: changes/services/webhooks.py payload())
DELIVERY_COLUMNS = (
    Column("id", gettext_lazy("编号"), ("pk",), "pk"),
    Column("event", gettext_lazy("事件"), ("event",), "event"),
    Column("record", gettext_lazy("记录"), ("change__object_id",), "change.object_id", shown=False),
    Column("cursor", gettext_lazy("游标"), ("change__seq",), "change.seq"),
    Column("status", gettext_lazy("状态"), ("status",), "get_status_display"),
    Column("attempts", gettext_lazy("尝试"), ("attempts",), _attempts),
    Column("next", gettext_lazy("下次尝试"), ("next_attempt_at",), "next_attempt_at"),
    Column("delivered", gettext_lazy("送达时间"), ("delivered_at",), "delivered_at"),
    Column("actions", ""),
)


def _delivery_listing(request: HttpRequest, webhook: Webhook) -> Listing:
    """The webhook's deliveries, newest first, by status and a keyword (an event's name, or a number: the
    delivery, the cursor or the record)."""
    deliveries = webhook.deliveries.select_related("change").prefetch_related("log").order_by("-pk")
    status = request.GET.get("status", "")
    if status in DeliveryStatus.values:
        deliveries = deliveries.filter(status=status)
    q = (request.GET.get("q") or "").strip()[:120]
    if q.isdigit() and len(q) <= 18:  # a bigint holds 18 digits; a longer number matches no delivery
        n = int(q)
        deliveries = deliveries.filter(Q(pk=n) | Q(change__seq=n) | Q(change__object_id=n))
    elif q:
        deliveries = deliveries.filter(event__icontains=q)
    return Listing(request, deliveries, DELIVERY_COLUMNS)


@login_required
@require_POST
def delivery_resend(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_object_or_404(selectors.deliveries_visible_to(request.user), pk=pk)
    run_service(
        request,
        lambda: services.delivery_resend(actor=request.user, delivery=found),
        success=_("已重新发送。"),
    )
    return redirect("changes:webhook", pk=found.webhook_id)
