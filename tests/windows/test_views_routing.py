"""The routing table (一门受理、协同办理) edited in the product by a province admin, with its history (issue 13)."""

from __future__ import annotations

from django.urls import reverse

from regions.choices import Role
from tests.conftest import make_user
from windows.models import RoutingRule
from windows.services import department_for


def test_everyone_signed_in_reads_the_routing_table_and_its_history(actors, web):
    page = web(actors.township_a1).get(reverse("windows:routing_rules")).content.decode()
    assert "医疗保障部门" in page and "变更记录" in page
    assert reverse("windows:routing_rule_save") not in page  # no form for a township worker


def test_a_province_admin_changes_where_a_category_goes_and_the_change_is_kept(regions, actors, web):
    province_admin = make_user("gd_admin", Role.COUNTY_ADMIN, "44")
    client = web(province_admin)
    response = client.post(
        reverse("windows:routing_rule_save"),
        {"category": "medical", "department": "医疗保障局", "collaborative": "on"},
    )
    assert response.status_code == 302
    rule = RoutingRule.objects.get(category="medical")
    assert (rule.department, rule.collaborative) == ("医疗保障局", True)
    assert department_for("medical") == "医疗保障局"  # cases received from now on
    history = client.get(reverse("windows:routing_rules")).content.decode().split('id="history"')[1]
    assert (
        "承办部门：医疗保障部门 → 医疗保障局" in history
        and "修改" in history
        and province_admin.get_full_name() in history
    )


def test_a_county_admin_cannot_change_the_province_wide_routing_table(actors, web):
    response = web(actors.county_admin).post(
        reverse("windows:routing_rule_save"), {"category": "medical", "department": "本县医保局"}
    )
    assert response.status_code == 403
    assert RoutingRule.objects.get(category="medical").department == "医疗保障部门"


def test_a_blank_department_is_refused_with_a_message_and_nothing_saved(regions, web):
    province_admin = make_user("gd_admin", Role.COUNTY_ADMIN, "44")
    response = web(province_admin).post(
        reverse("windows:routing_rule_save"), {"category": "medical", "department": "  "}, follow=True
    )
    assert "承办部门" in response.content.decode()
    assert RoutingRule.objects.get(category="medical").department == "医疗保障部门"
