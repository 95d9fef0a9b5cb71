"""Account pages of an administrator (issue 13): the users of its area with filters, a new account, a user's page
with grants and history, and the actions (grant, revoke, reset the password, deactivate, reactivate)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from core.web import Column, Listing, form_errors, run_service
from regions import twofactor
from regions.rules import mask_phone

from .. import selectors, services
from ..filters import UserFilterSet
from ..forms import AccountForm, GrantForm

#: the session key where a temporary password waits to be shown once
SHOW_ONCE = "accounts_show_password"


def _admin(request: HttpRequest) -> Any:
    if not selectors.is_account_admin(request.user):
        raise Http404
    return request.user


def _choices(actor: Any) -> dict[str, Any]:
    regions = [
        (r.code, f"{r.name}（{r.code}）") for r in selectors.grantable_regions(actor).order_by("code")[:2000]
    ]
    return {"roles": selectors.grantable_roles(actor), "regions": regions}


@login_required
def index(request: HttpRequest) -> HttpResponse:
    actor = _admin(request)
    filterset = UserFilterSet(request.GET or None, queryset=selectors.users_in_scope(actor))
    listing = Listing(request, filterset.qs, USER_COLUMNS)
    if listing.wants_export:
        return listing.export(_("账号与权限.xlsx"), _("账号"))
    context = {"filter": filterset, "listing": listing, "page": listing.page}
    return render(request, "accounts/user_list.html", context)


def _grants(user: Any) -> str:
    return "；".join(f"{g.content_object.name}·{g.permission.name}" for g in user.region_grants)


def _status(user: Any) -> str:
    return str(gettext_lazy("启用") if user.is_active else gettext_lazy("停用"))


#: the users list's sortable columns and its Excel export of the filtered view (issue 14)
USER_COLUMNS = (
    Column("username", gettext_lazy("用户名"), ("username",), "username"),
    Column("name", gettext_lazy("姓名"), ("first_name",), "first_name"),
    Column("region", gettext_lazy("所在区域"), ("account__region__code",), "account.region.name"),
    Column("grants", gettext_lazy("授权"), (), _grants),
    Column("active", gettext_lazy("状态"), ("-is_active",), _status),
    Column("last_login", gettext_lazy("最近登录"), ("last_login",), "last_login"),
)


@login_required
def user_create(request: HttpRequest) -> HttpResponse:
    actor = _admin(request)
    form = AccountForm(request.POST or None, **_choices(actor))
    if request.method == "POST":
        if form.is_valid():
            data = dict(form.cleaned_data)
            data["region_code"] = data.pop("region")
            ok, made = run_service(
                request,
                lambda: services.account_create(actor=actor, **data),
                form=form,
                success=_("账号已创建，请将临时密码告知本人，首次登录须修改密码"),
            )
            if ok:
                user, password = made
                request.session[SHOW_ONCE] = [user.pk, password]
                return redirect("accounts:user_detail", user.pk)
        else:
            form_errors(request, form)
    return render(request, "accounts/user_form.html", {"form": form})


@login_required
def user_detail(request: HttpRequest, pk: int) -> HttpResponse:
    actor = _admin(request)
    user = selectors.user_for(actor, pk)
    shown = request.session.pop(SHOW_ONCE, None)
    password = shown[1] if shown and shown[0] == user.pk else None
    account = getattr(user, "account", None)
    try:
        services.check_manage(actor, user)
        manageable = True
    except (PermissionDenied, Http404):
        manageable = False
    context = {
        "u": user,
        "account": account,
        "phone": mask_phone(account.phone) if account is not None else "",
        "grants": [(g, selectors.role_of(g)) for g in user.region_grants],
        "history": selectors.history(user),
        "manageable": manageable,
        "grant_form": GrantForm(**_choices(actor)) if manageable else None,
        "password": password,
        "otp": _otp_state(actor, user),
    }
    return render(request, "accounts/user_detail.html", context)


def _otp_state(actor: Any, user: Any) -> dict[str, bool]:
    """The account's second factor as its page shows it, and whether this administrator may reset it (a security
    administrator over every region the account works in)."""
    return {
        "enrolled": twofactor.is_enrolled(user),
        "required": twofactor.is_required(user),
        "may_reset": twofactor.may_reset_someone(actor) and twofactor.may_reset(actor, user),
    }


def _act(request: HttpRequest, pk: int, call: Any, success: str) -> Any:
    actor = _admin(request)
    user = selectors.user_for(actor, pk)
    return user, run_service(request, lambda: call(actor, user), success=success)


@login_required
@require_POST
def grant_add(request: HttpRequest, pk: int) -> HttpResponse:
    actor = _admin(request)
    form = GrantForm(request.POST, **_choices(actor))
    if not form.is_valid():
        selectors.user_for(actor, pk)
        form_errors(request, form)
        return redirect("accounts:user_detail", pk)
    data = form.cleaned_data
    _act(
        request,
        pk,
        lambda a, u: services.grant_add(actor=a, user=u, region_code=data["region"], role=data["role"]),
        _("已授权"),
    )
    return redirect("accounts:user_detail", pk)


@login_required
@require_POST
def grant_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    region, role = request.POST.get("region", ""), request.POST.get("role", "")
    _act(
        request,
        pk,
        lambda a, u: services.grant_revoke(actor=a, user=u, region_code=region, role=role),
        _("已撤销授权"),
    )
    return redirect("accounts:user_detail", pk)


@login_required
@require_POST
def password_reset(request: HttpRequest, pk: int) -> HttpResponse:
    user, (ok, password) = _act(
        request,
        pk,
        lambda a, u: services.password_reset(actor=a, user=u),
        _("密码已重置，请将临时密码告知本人，下次登录须修改密码"),
    )
    if ok:
        request.session[SHOW_ONCE] = [user.pk, password]
    return redirect("accounts:user_detail", pk)


@login_required
@require_POST
def deactivate(request: HttpRequest, pk: int) -> HttpResponse:
    _act(request, pk, lambda a, u: services.account_deactivate(actor=a, user=u), _("账号已停用"))
    return redirect("accounts:user_detail", pk)


@login_required
@require_POST
def reactivate(request: HttpRequest, pk: int) -> HttpResponse:
    _act(request, pk, lambda a, u: services.account_reactivate(actor=a, user=u), _("账号已启用"))
    return redirect("accounts:user_detail", pk)


@login_required
@require_POST
def otp_reset(request: HttpRequest, pk: int) -> HttpResponse:
    """A security administrator removes the account's second factor (a lost phone): its next login enrols again;
    audited (regions.twofactor.reset). 404 out of sight, 403 for an administrator who is not the security one."""
    _act(
        request,
        pk,
        lambda a, u: twofactor.reset(actor=a, user=u),
        _("已重置双因素认证，该账号下次登录时须重新绑定"),
    )
    return redirect("accounts:user_detail", pk)
