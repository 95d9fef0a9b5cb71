"""Template pages: list, detail, a new template copied from another."""

from __future__ import annotations

from evaluation.models import EvaluationTemplate
from tests.factories.evaluation import (
    default_template,
)


def test_template_pages(regions, actors, web):
    client = web(actors.county_admin)
    assert client.get("/evaluation/templates/").status_code == 200
    assert client.get(f"/evaluation/templates/{default_template().pk}/").status_code == 200
    page = client.get("/evaluation/templates/new/")
    assert page.status_code == 200
    data = {k: v for k, v in page.context["form"].initial.items()}
    form = page.context["form"]
    post = {name: (form[name].initial if form[name].initial is not None else "") for name in form.fields}
    post.update(data)
    post.update({"name": "天河区照料模板", "region": "440106"})
    response = client.post("/evaluation/templates/new/", post)
    created = EvaluationTemplate.objects.get(name="天河区照料模板")
    assert response.status_code == 302 and created.region == regions.county_a
    # bad weights: refused with the message, nothing saved
    post.update({"name": "坏模板", "recipient_weight": "20"})
    response = client.post("/evaluation/templates/new/", post)
    assert response.status_code == 200 and "三方权重合计须为100" in response.content.decode()
    assert not EvaluationTemplate.objects.filter(name="坏模板").exists()


def test_template_creation_page_refuses_a_role_without_admin_rights_at_the_door(regions, actors, web):
    assert web(actors.township_a1).get("/evaluation/templates/new/").status_code == 403
