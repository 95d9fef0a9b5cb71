"""The subcontracting ban made checkable (粤民发〔2018〕170号 一(七) 严禁服务转包): a check names who delivered the
service, a financial report lists its payments to third parties; a third party delivering the service or paid for
it raises a finding on the contract, the purchaser is notified, and the finding leads to the sanction that
terminates the contract and starts the takeover."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from html.parser import HTMLParser

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from core.exceptions import Conflict
from procurement import rules, services
from procurement.choices import ContractStatus, FindingStatus, ObligationHolder, SanctionKind
from procurement.models import MonitoringRecord, SubcontractingFinding
from regions.models import Notification
from tests.procurement.test_services_contracts import PLAN, sign


class _Ids(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: list[str] = []

    def handle_starttag(self, tag, attrs) -> None:
        self.ids += [value for name, value in attrs if name == "id" and value]


def element_ids(html: str) -> list[str]:
    """Every id attribute of the page, in order (html.parser, the standard library's)."""
    parser = _Ids()
    parser.feed(html)
    return parser.ids


BASE = "/api/v1/procurement"
THIRD = "广州市安康家政服务有限公司"


@pytest.fixture
def running(actors, awarded):
    contract = sign(actors, awarded.project, takeover_plan=PLAN)
    services.contract_start(actor=actors.county_admin, contract=contract)
    return contract


def check(actors, contract, **delivery):
    standard = contract.standards.first()
    return services.monitoring_record(
        actor=actors.county_staff,
        contract=contract,
        checked_on=dt.date(2026, 6, 1),
        outputs=[{"standard": standard.pk, "actual": "560人次", "met": True}],
        **delivery,
    )


def report(actors, contract, payments):
    return services.financial_report_submit(
        actor=actors.county_admin,
        contract=contract,
        period_start=dt.date(2026, 3, 15),
        period_end=dt.date(2026, 6, 30),
        received="300000",
        spent="280000",
        payments=payments,
    )


class TestRules:
    def test_a_check_must_say_who_delivered(self):
        assert "delivered_by" in rules.delivery_errors(delivered_by="", delivery_staff="", third_party="")

    def test_own_staff_must_be_named(self):
        errors = rules.delivery_errors(delivered_by="own_staff", delivery_staff=" ", third_party="")
        assert list(errors) == ["delivery_staff"]

    def test_another_party_must_be_named(self):
        errors = rules.delivery_errors(delivered_by="other", delivery_staff="", third_party="")
        assert list(errors) == ["third_party"]

    def test_only_another_party_delivering_is_subcontracting(self):
        assert rules.delivery_is_subcontracted("other")
        assert not rules.delivery_is_subcontracted("own_staff")

    @pytest.mark.parametrize(
        ("purpose", "subcontracted"),
        [("service", True), ("goods", False), ("premises", False), ("other", False)],
    )
    def test_only_a_payment_for_the_service_itself_is_subcontracting(self, purpose, subcontracted):
        assert rules.payment_is_subcontracted(purpose) is subcontracted

    @pytest.mark.parametrize("amount", [Decimal(0), Decimal("-1"), Decimal("NaN"), "100"])
    def test_a_payment_needs_a_positive_amount(self, amount):
        errors = rules.payment_errors([{"payee": THIRD, "amount": amount, "purpose": "service"}])
        assert "payments" in errors

    def test_the_smallest_payment_is_accepted(self):
        assert rules.payment_errors([{"payee": THIRD, "amount": Decimal("0.01"), "purpose": "goods"}]) == {}


class TestMonitoring:
    def test_a_check_naming_a_third_party_raises_a_finding_and_notifies_the_purchaser(self, actors, running):
        record = check(actors, running, delivered_by="other", third_party=THIRD)
        finding = SubcontractingFinding.objects.get(contract=running)
        assert (finding.source, finding.monitoring, finding.third_party) == ("monitoring", record, THIRD)
        assert finding.status == FindingStatus.OPEN and finding.found_on == dt.date(2026, 6, 1)
        told = Notification.objects.filter(kind="procurement_subcontracting")
        assert {n.user.username for n in told} == {"county_admin_a", "county_staff_a"}
        assert all(running.number in n.title for n in told)

    def test_a_check_by_the_contractors_own_named_staff_raises_nothing(self, actors, running):
        record = check(actors, running, delivered_by="own_staff", delivery_staff="护理员 李敏、陈静")
        assert record.delivery_staff == "护理员 李敏、陈静"
        assert not SubcontractingFinding.objects.exists()
        assert not Notification.objects.filter(kind="procurement_subcontracting").exists()

    def test_a_check_without_who_delivered_is_refused_and_nothing_saved(self, actors, running):
        with pytest.raises(ValidationError) as exc:
            check(actors, running)
        assert "delivered_by" in exc.value.message_dict
        with pytest.raises(ValidationError) as exc:
            check(actors, running, delivered_by="other")
        assert "third_party" in exc.value.message_dict
        assert not MonitoringRecord.objects.exists() and not SubcontractingFinding.objects.exists()


class TestFinancialReports:
    def test_a_payment_for_the_service_to_a_third_party_raises_a_finding(self, actors, running):
        saved = report(
            actors,
            running,
            [
                {"payee": "天河区康宁护理用品商行", "amount": Decimal("36000"), "purpose": "goods"},
                {"payee": THIRD, "amount": Decimal("120000"), "purpose": "service", "note": "上门照料"},
            ],
        )
        assert saved.third_party_payments.count() == 2
        finding = SubcontractingFinding.objects.get()
        assert (finding.source, finding.report, finding.third_party) == ("finance", saved, THIRD)
        assert finding.payment.amount == Decimal("120000")
        assert "120000" in finding.detail
        assert Notification.objects.filter(kind="procurement_subcontracting").count() == 2

    def test_payments_for_goods_and_premises_raise_nothing(self, actors, running):
        report(
            actors,
            running,
            [
                {"payee": "天河区康宁护理用品商行", "amount": Decimal("36000"), "purpose": "goods"},
                {"payee": "五山街道物业管理处", "amount": Decimal("12000"), "purpose": "premises"},
            ],
        )
        assert not SubcontractingFinding.objects.exists()

    def test_a_payment_without_a_payee_is_refused_and_nothing_saved(self, actors, running):
        with pytest.raises(ValidationError) as exc:
            report(actors, running, [{"payee": " ", "amount": Decimal("10"), "purpose": "service"}])
        assert "payments" in exc.value.message_dict
        assert not running.financial_reports.exists()


class TestSanctionPath:
    def test_the_sanction_terminates_the_contract_and_hands_every_obligation_over(self, actors, running):
        check(actors, running, delivered_by="other", third_party=THIRD)
        finding = SubcontractingFinding.objects.get()
        sanction = services.subcontracting_sanction(
            actor=actors.county_admin, finding=finding, reason="承接主体将上门照料整体交由他人实施"
        )
        assert sanction.kind == SanctionKind.SUBCONTRACTING and sanction.terminates_contract
        assert THIRD in sanction.reason
        running.refresh_from_db()
        assert running.status == ContractStatus.TERMINATED
        assert not running.obligations.filter(holder=ObligationHolder.CONTRACTOR).exists()
        assert running.takeover_plan.activated_at is not None
        finding.refresh_from_db()
        assert (finding.status, finding.sanction) == (FindingStatus.SANCTIONED, sanction)

    def test_a_second_sanction_of_the_same_finding_is_a_conflict(self, actors, running):
        check(actors, running, delivered_by="other", third_party=THIRD)
        finding = SubcontractingFinding.objects.get()
        stale = SubcontractingFinding.objects.get()
        services.subcontracting_sanction(actor=actors.county_admin, finding=finding, reason="转包")
        with pytest.raises(Conflict):
            services.subcontracting_sanction(actor=actors.county_admin, finding=stale, reason="再次")

    def test_a_second_finding_on_a_terminated_contract_is_sanctioned_without_terminating_again(
        self, actors, running
    ):
        check(actors, running, delivered_by="other", third_party=THIRD)
        report(actors, running, [{"payee": THIRD, "amount": Decimal("5000"), "purpose": "service"}])
        first, second = SubcontractingFinding.objects.order_by("id")
        services.subcontracting_sanction(actor=actors.county_admin, finding=first, reason="转包")
        later = services.subcontracting_sanction(actor=actors.county_admin, finding=second, reason="转包付款")
        assert not later.terminates_contract

    def test_county_staff_cannot_decide_and_nothing_changes(self, actors, running):
        check(actors, running, delivered_by="other", third_party=THIRD)
        finding = SubcontractingFinding.objects.get()
        with pytest.raises(PermissionDenied):
            services.subcontracting_sanction(actor=actors.county_staff, finding=finding, reason="转包")
        finding.refresh_from_db()
        running.refresh_from_db()
        assert finding.status == FindingStatus.OPEN and running.status == ContractStatus.ACTIVE


class TestApi:
    def test_a_check_naming_a_third_party_shows_on_the_contract_and_is_sanctioned(self, actors, running, api):
        client = api(actors.county_admin)
        standard = running.standards.first().pk
        made = client.post(
            f"{BASE}/contracts/{running.pk}/monitoring/",
            {
                "checked_on": "2026-06-01",
                "outputs": [{"standard": standard, "actual": "560人次", "met": True}],
                "delivered_by": "other",
                "third_party": THIRD,
            },
            format="json",
        )
        assert made.status_code == 201, made.content
        assert (made.json()["delivered_by"], made.json()["third_party"]) == ("other", THIRD)
        findings = client.get(f"{BASE}/contracts/{running.pk}/").json()["subcontracting_findings"]
        assert [(f["found_by"], f["third_party"], f["status"]) for f in findings] == [
            ("monitoring", THIRD, "open")
        ]
        decided = client.post(
            f"{BASE}/subcontracting-findings/{findings[0]['id']}/sanction/",
            {"reason": "经核实属服务转包", "penalty": "50000"},
            format="json",
        )
        assert decided.status_code == 201, decided.content
        assert decided.json()["kind"] == "subcontracting"
        assert client.get(f"{BASE}/contracts/{running.pk}/").json()["status"] == "terminated"
        again = client.post(
            f"{BASE}/subcontracting-findings/{findings[0]['id']}/sanction/", {"reason": "再次"}, format="json"
        )
        assert again.status_code == 409

    def test_a_check_without_who_delivered_is_400(self, actors, running, api):
        standard = running.standards.first().pk
        response = api(actors.county_admin).post(
            f"{BASE}/contracts/{running.pk}/monitoring/",
            {"checked_on": "2026-06-01", "outputs": [{"standard": standard, "actual": "1", "met": True}]},
            format="json",
        )
        assert response.status_code == 400 and "delivered_by" in response.json()["fields"]

    def test_report_payments_are_listed_and_a_service_payment_raises_a_finding(self, actors, running, api):
        client = api(actors.county_admin)
        made = client.post(
            f"{BASE}/contracts/{running.pk}/financial-reports/",
            {
                "period_start": "2026-03-15",
                "period_end": "2026-06-30",
                "received": "300000",
                "spent": "280000",
                "payments": [{"payee": THIRD, "amount": "120000.00", "purpose": "service"}],
            },
            format="json",
        )
        assert made.status_code == 201, made.content
        assert made.json()["payments"] == [
            {"payee": THIRD, "amount": "120000.00", "purpose": "service", "note": ""}
        ]
        listed = client.get(f"{BASE}/subcontracting-findings/?status=open").json()
        assert [row["found_by"] for row in listed["results"]] == ["finance"]

    def test_a_payment_of_zero_is_400(self, actors, running, api):
        response = api(actors.county_admin).post(
            f"{BASE}/contracts/{running.pk}/financial-reports/",
            {
                "period_start": "2026-03-15",
                "period_end": "2026-06-30",
                "received": "1",
                "spent": "1",
                "payments": [{"payee": THIRD, "amount": "0", "purpose": "service"}],
            },
            format="json",
        )
        assert response.status_code == 400 and "payments" in response.json()["fields"]

    def test_findings_are_scoped_and_another_county_gets_404(self, actors, running, api):
        check(actors, running, delivered_by="other", third_party=THIRD)
        finding = SubcontractingFinding.objects.get()
        outsider = api(actors.outsider)
        assert outsider.get(f"{BASE}/subcontracting-findings/").json()["count"] == 0
        response = outsider.post(
            f"{BASE}/subcontracting-findings/{finding.pk}/sanction/", {"reason": "转包"}, format="json"
        )
        assert response.status_code == 404
        assert api(actors.city_viewer).get(f"{BASE}/subcontracting-findings/").json()["count"] == 1

    def test_findings_list_query_count_is_flat(self, actors, running, api, django_assert_max_num_queries):
        for n in range(3):
            check(actors, running, delivered_by="other", third_party=f"{THIRD}{n}")
        with django_assert_max_num_queries(8):
            rows = api(actors.county_admin).get(f"{BASE}/subcontracting-findings/").json()["results"]
        assert len(rows) == 3


class TestPage:
    def test_the_contract_page_shows_the_finding_and_the_county_admin_sanctions_it(
        self, actors, running, web
    ):
        check(actors, running, delivered_by="other", third_party=THIRD)
        finding = SubcontractingFinding.objects.get()
        client = web(actors.county_admin)
        page = client.get(f"/procurement/contracts/{running.pk}/").content.decode()
        assert "服务转包核查" in page and THIRD in page
        assert f"/procurement/contracts/{running.pk}/subcontracting/{finding.pk}/sanction/" in page
        client.post(
            f"/procurement/contracts/{running.pk}/subcontracting/{finding.pk}/sanction/",
            {f"finding{finding.pk}-reason": "经核实属服务转包"},
        )
        running.refresh_from_db()
        assert running.status == ContractStatus.TERMINATED

    def test_two_open_findings_give_two_sanction_forms_and_no_duplicate_id_on_the_page(
        self, actors, running, web
    ):
        check(actors, running, delivered_by="other", third_party=THIRD)
        check(actors, running, delivered_by="other", third_party=f"{THIRD}二")
        first, second = SubcontractingFinding.objects.order_by("pk")
        page = web(actors.county_admin).get(f"/procurement/contracts/{running.pk}/").content.decode()
        ids = element_ids(page)
        assert {f"id_finding{first.pk}-reason", f"id_finding{second.pk}-reason"} <= set(ids)
        assert sorted(i for i in set(ids) if ids.count(i) > 1) == []

    def test_the_second_findings_form_sanctions_the_second_finding(self, actors, running, web):
        check(actors, running, delivered_by="other", third_party=THIRD)
        check(actors, running, delivered_by="other", third_party=f"{THIRD}二")
        first, second = SubcontractingFinding.objects.order_by("pk")
        web(actors.county_admin).post(
            f"/procurement/contracts/{running.pk}/subcontracting/{second.pk}/sanction/",
            {f"finding{second.pk}-reason": "第三方代为提供服务"},
        )
        first.refresh_from_db()
        second.refresh_from_db()
        assert (first.status, second.status) == (FindingStatus.OPEN, FindingStatus.SANCTIONED)
        assert second.sanction.reason.endswith("。第三方代为提供服务")

    def test_county_staff_sees_the_finding_without_the_sanction_form(self, actors, running, web):
        check(actors, running, delivered_by="other", third_party=THIRD)
        page = web(actors.county_staff).get(f"/procurement/contracts/{running.pk}/").content.decode()
        assert THIRD in page and "/sanction/" not in page

    def test_the_check_form_records_who_delivered(self, actors, running, web):
        standard = running.standards.first()
        web(actors.county_staff).post(
            f"/procurement/contracts/{running.pk}/monitoring/",
            {
                "checked_on": "2026-06-01",
                f"actual_{standard.pk}": "560人次",
                f"met_{standard.pk}": "on",
                "delivered_by": "other",
                "third_party": THIRD,
            },
        )
        assert SubcontractingFinding.objects.get().third_party == THIRD

    def test_the_report_form_reads_payment_lines(self, actors, running, web):
        web(actors.county_admin).post(
            f"/procurement/contracts/{running.pk}/reports/",
            {
                "period_start": "2026-03-15",
                "period_end": "2026-06-30",
                "received": "300000",
                "spent": "280000",
                "staff_costs": "0",
                "payments": f"天河区康宁护理用品商行|36000|物资\n{THIRD}|120000|服务",
            },
        )
        assert running.financial_reports.get().third_party_payments.count() == 2
        assert SubcontractingFinding.objects.get().third_party == THIRD
