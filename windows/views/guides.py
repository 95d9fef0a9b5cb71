"""办事指南 per matter (粤民发〔2018〕170号 二(一) 公示救助政策): public pages without login (rate-limited), the
province's edit form and a county's local note."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.ratelimit import allow
from core.web import form_errors, run_service
from regions import access
from regions.choices import ADMIN_ROLES, RegionLevel
from regions.models import Region

from .. import guide_selectors, services
from ..forms import GuideForm, GuideNoteForm

#: guide pages per IP per minute (settings.WINDOWS_PUBLIC_GUIDE_PER_MINUTE overrides)
DEFAULT_PER_MINUTE = 120


def _limited(request) -> bool:
    limit = getattr(settings, "WINDOWS_PUBLIC_GUIDE_PER_MINUTE", DEFAULT_PER_MINUTE)
    return not allow(request, "windows:guide", limit)


def guide_list(request):
    if _limited(request):
        return render(request, "windows/guide_list.html", {"limited": True}, status=429)
    return render(request, "windows/guide_list.html", {"guides": guide_selectors.guides()})


def _admin_counties(user) -> list[Region]:
    codes = [g.code for g in access.grants(user) if g.role in ADMIN_ROLES and g.level == RegionLevel.COUNTY]
    return list(Region.objects.filter(code__in=codes).order_by("code"))


def guide_detail(request, category: str):
    """One matter's guide; ?county= and ?township= choose where to apply (its windows, time limits and note)."""
    if _limited(request):
        return render(request, "windows/guide_detail.html", {"limited": True}, status=429)
    county, township = request.GET.get("county", "")[:12], request.GET.get("township", "")[:12]
    code = (
        township if township and township.startswith(county) else county
    )  # a township of another county: stale
    page = guide_selectors.guide_page(category, code)
    user = request.user
    context = {
        "page": page,
        "counties": guide_selectors.counties(),
        "townships": guide_selectors.townships_of(page.county),
        "can_edit": user.is_authenticated and services.is_province_admin(user),
        "note_counties": _admin_counties(user) if user.is_authenticated else [],
    }
    return render(request, "windows/guide_detail.html", context)


@login_required
def guide_edit(request, category: str):
    """The province's text of the guide (a province admin)."""
    if not services.is_province_admin(request.user):
        raise PermissionDenied(_("办事指南由省级统一维护，县级可添加本地说明"))
    guide = guide_selectors.guide_for(category)
    initial = {
        "eligibility": guide.eligibility,
        "documents": "\n".join(guide.documents),
        "legal_basis": guide.legal_basis,
        "online_url": guide.online_url,
        "appointment_url": guide.appointment_url,
    }
    form = GuideForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        ok, _saved = run_service(
            request,
            lambda: services.guide_save(actor=request.user, guide=guide, **form.cleaned_data),
            success=_("办事指南已保存"),
            form=form,
        )
        if ok:
            return redirect("windows:guide_detail", category=category)
    return render(request, "windows/guide_edit.html", {"guide": guide, "form": form})


@login_required
@require_POST
def guide_note(request, category: str):
    """A county admin's local note on the guide (empty removes it)."""
    guide_selectors.guide_for(category)
    counties = _admin_counties(request.user)
    if not counties:
        raise PermissionDenied(_("本地说明由县（市、区）管理员添加"))
    form = GuideNoteForm(request.POST, counties=counties)
    if form.is_valid():
        county = next(r for r in counties if r.code == form.cleaned_data["county"])
        run_service(
            request,
            lambda: services.guide_note_save(
                actor=request.user, region=county, category=category, note=form.cleaned_data["note"]
            ),
            success=_("本地说明已保存"),
        )
        return redirect(reverse("windows:guide_detail", args=[category]) + f"?county={county.code}")
    form_errors(request, form)
    return redirect("windows:guide_detail", category=category)
