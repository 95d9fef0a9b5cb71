"""Pages of the spine: login, logout, notifications, a region with its path and children."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from core.ratelimit import LIMITED, allow
from core.web import Column, Listing, run_service

from . import access, notifications, picker
from .filters import NotificationFilterSet
from .forms import ApiTokenForm, LoginForm
from .models import Region
from .rules import ancestor_codes
from .services import api_token_create, api_token_revoke
from .tokens import tokens_visible_to

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    class AuthenticatedRequest(HttpRequest):
        """What a @login_required view receives: request.user is a User, never AnonymousUser."""

        user: User


class LoginView(auth_views.LoginView):
    template_name = "registration/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


class LogoutView(auth_views.LogoutView):
    template_name = "registration/logged_out.html"


#: the notification list's columns: sortable headers and its Excel export
NOTIFICATION_COLUMNS = (
    Column("select", "", ()),
    Column("created", gettext_lazy("时间"), ("created_at",), "created_at"),
    Column("title", gettext_lazy("标题"), ("title",), "title"),
    Column("body", gettext_lazy("内容"), (), "body"),
    Column("read", gettext_lazy("状态"), ("read_at",), lambda n: _("已读") if n.read_at else _("未读")),
)


@login_required
def notification_list(request: AuthenticatedRequest) -> HttpResponse:
    """The user's notifications: filtered (unread, area, keyword), sorted, paged, exported; marked read in bulk."""
    filterset = NotificationFilterSet(request.GET or None, queryset=request.user.notifications.all())
    listing = Listing(request, filterset.qs, NOTIFICATION_COLUMNS)
    if listing.wants_export:
        return listing.export(_("站内通知") + ".xlsx", _("站内通知"))
    context = {"filter": filterset, "listing": listing, "page": listing.page}
    return render(request, "regions/notifications.html", context)


@login_required
@require_POST
def notification_mark_read(request: AuthenticatedRequest) -> HttpResponse:
    """Mark the ticked notifications read, or with `all`, every unread one; back to the same filtered page."""
    ids = [i for i in request.POST.getlist("id") if i.isdigit()]
    if request.POST.get("all") or ids:
        done = notifications.mark_read(request.user, None if request.POST.get("all") else ids)
        messages.success(request, _("已将 %(n)s 条通知标为已读。") % {"n": done})
    else:
        messages.error(request, _("请先勾选要标为已读的通知。"))
    back = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}) and back.startswith("/"):
        return redirect(back)
    return redirect("regions:notifications")


@login_required
def region_detail(request: HttpRequest, code: str) -> HttpResponse:
    """A region in scope with the path above it and the regions directly below it; out of scope is 404."""
    region = get_object_or_404(Region.objects.visible_to(request.user), code=code)
    path = [
        r
        for r in Region.objects.filter(code__in=ancestor_codes(code)).order_by("code")
        if access.can_see_code(request.user, r.code)
    ]
    children = Region.objects.filter(parent=region).order_by("code")
    return render(
        request, "regions/region_detail.html", {"region": region, "path": path, "children": children}
    )


def _token_state(token: Any) -> str:
    if token.revoked_at:
        return str(_("已撤销"))
    return str(_("已过期")) if token.expires_at <= timezone.now() else str(_("有效"))


#: the API tokens list (issue 14): sortable headers and the Excel export of the filtered view (the prefix only: the
#: key itself is never stored); the owner column is an administrator's
TOKEN_USER_COLUMN = Column("user", gettext_lazy("用户"), ("user__username",), "user.username")
TOKEN_COLUMNS = (
    Column("prefix", gettext_lazy("前缀"), ("prefix",), "prefix"),
    Column("name", gettext_lazy("用途"), ("name",), "name"),
    Column("created", gettext_lazy("创建时间"), ("created_at",), "created_at"),
    Column("expires", gettext_lazy("失效时间"), ("expires_at",), "expires_at"),
    Column("used", gettext_lazy("最近使用"), ("last_used_at",), "last_used_at"),
    Column("state", gettext_lazy("状态"), ("revoked_at", "expires_at"), _token_state),
    Column("actions", ""),
)


def _token_listing(request: AuthenticatedRequest) -> Listing:
    tokens = tokens_visible_to(request.user)
    q = (request.GET.get("q") or "").strip()
    columns: tuple[Column, ...] = TOKEN_COLUMNS
    if request.user.is_superuser:
        columns = (TOKEN_USER_COLUMN, *TOKEN_COLUMNS)
        if q:
            tokens = tokens.filter(
                Q(name__icontains=q) | Q(prefix__startswith=q) | Q(user__username__icontains=q)
            )
    elif q:
        tokens = tokens.filter(Q(name__icontains=q) | Q(prefix__startswith=q))
    return Listing(request, tokens.order_by("-created_at", "-pk"), columns)


@login_required
def token_list(request: AuthenticatedRequest) -> HttpResponse:
    """API tokens: the user's own (an administrator sees everyone's), a new one shown once (issue 12 item 6)."""
    form = ApiTokenForm(request.POST or None)
    key = None
    if request.method == "POST" and form.is_valid():
        ok, made = run_service(
            request,
            lambda: api_token_create(
                actor=request.user,
                user=request.user,
                name=form.cleaned_data["name"],
                days=form.cleaned_data["days"],
            ),
            form=form,
        )
        if ok:
            key = made[1]
            form = ApiTokenForm()
    listing = _token_listing(request)
    if listing.wants_export and request.method == "GET":
        return listing.export(_("接口令牌") + ".xlsx", _("接口令牌"))
    context = {"form": form, "listing": listing, "page": listing.page, "key": key, "now": timezone.now()}
    response = render(request, "regions/tokens.html", {**context, "q": request.GET.get("q", "")})
    if key:
        response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def token_revoke(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(tokens_visible_to(request.user), pk=pk)
    run_service(request, lambda: api_token_revoke(actor=request.user, token=token), success="令牌已撤销")
    return redirect("regions:tokens")


#: picker look-ups per address and minute for visitors of the public pages (a signed-in clerk is not limited)
PUBLIC_PICKS_PER_MINUTE = 120


def region_pick(request: HttpRequest) -> HttpResponse:
    """The region picker's JSON (issue 14): `?q=` name or code, `?parent=` the choices below a region (the top of the
    cascade when empty), `?code=` the cascade down to a region; `levels` the levels the field accepts, `scope` own
    (what the user sees, through visible_to) or all (the province, for household and transfer targets).

    A visitor of the public pages gets scope all only (their own scope is empty), rate-limited."""
    scope = request.GET.get("scope", "own")
    if scope not in picker.SCOPES:
        return JsonResponse({"code": "bad_scope", "detail": _("未知的范围参数")}, status=400)
    if not request.user.is_authenticated:
        if scope != "all":
            return JsonResponse({"code": "not_authenticated", "detail": _("请先登录")}, status=403)
        if not allow(request, "regions-pick", PUBLIC_PICKS_PER_MINUTE):
            return JsonResponse({"code": "rate_limited", "detail": str(LIMITED)}, status=429)
    pick = picker.Pick(request.user, scope, picker.parse_levels(request.GET.get("levels", "")))
    if "code" in request.GET:
        return JsonResponse(picker.chain(pick, request.GET["code"].strip()))
    if "q" in request.GET:
        return JsonResponse({"results": picker.search(pick, request.GET["q"][:50])})
    parent = request.GET.get("parent", "").strip()
    if parent and not parent.isdigit():
        return JsonResponse({"code": "bad_parent", "detail": _("上级区划代码应为数字")}, status=400)
    return JsonResponse({"results": picker.children(pick, parent)})
