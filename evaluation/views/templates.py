"""Staff pages of evaluation templates: the list, one template's tree, and a new template copied from another."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from core.web import run_service
from regions import access
from regions.choices import ADMIN_ROLES
from regions.models import Region

from .. import services
from ..forms import TemplateForm
from ..models import EvaluationTemplate
from ..services.templates import TEMPLATE_LEVELS, template_as_input


@login_required
def template_list(request):
    templates = (
        EvaluationTemplate.objects.visible_to(request.user)
        .select_related("region")
        .prefetch_related("parties")
    )
    return render(request, "evaluation/template_list.html", {"templates": templates})


@login_required
def template_detail(request, pk):
    template = get_object_or_404(
        EvaluationTemplate.objects.visible_to(request.user).prefetch_related("parties__indicators"), pk=pk
    )
    return render(request, "evaluation/template_detail.html", {"template": template})


@login_required
@access.acting_required(ADMIN_ROLES)
def template_create(request):
    """A new template, started as a copy of an existing one (`?from=<id>`, default: the seeded default)."""
    visible = EvaluationTemplate.objects.visible_to(request.user)
    source = (
        visible.filter(pk=request.GET.get("from") or 0).first() or visible.filter(is_default=True).first()
    )
    regions = [
        r
        for r in Region.objects.filter(
            code__in=[g.code for g in access.grants(request.user)], level__in=TEMPLATE_LEVELS
        )
        if access.has_role(request.user, r.code, ADMIN_ROLES)
    ]
    if not regions:
        raise Http404
    form = TemplateForm(
        request.POST or None,
        regions=regions,
        source=template_as_input(source) if source else [],
        initial={
            "name": _("{name}（副本）").format(name=source.name) if source else "",
            "min_sample": source.min_sample if source else 30,
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        region = next(r for r in regions if r.code == data["region"])
        ok, template = run_service(
            request,
            lambda: services.template_create(
                actor=request.user,
                name=data["name"],
                region=region,
                service_category=data["service_category"],
                excellent_min=data["excellent_min"],
                good_min=data["good_min"],
                pass_min=data["pass_min"],
                min_sample=data["min_sample"],
                parties=form.parties(),
            ),
            success=_("已建立评价模板"),
            form=form,
        )
        if ok:
            return redirect("evaluation:template-detail", template.pk)
    return render(request, "evaluation/template_form.html", {"form": form, "source": source})
