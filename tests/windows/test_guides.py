"""办事指南 per matter (粤民发〔2018〕170号 二(一) 公示救助政策): public without login, the steps with the time limits of
the chosen county (its own rows over the province's), the windows of the chosen township with hours and phone, the
county's local note; the province edits the text, a county admin its note; public reads and scoped writes in the
API."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from regions.choices import Role
from tests.conftest import make_user
from tests.factories.windows import ServiceWindowFactory
from windows.models import DeadlineRule, GuideNote, MatterGuide

pytestmark = pytest.mark.django_db
API = "/api/v1/windows/guides"


@pytest.fixture
def place(regions):
    """Two windows in 五山街道 (one inactive), one in 员村街道; 天河区's own feedback limit of 20 working days."""
    ServiceWindowFactory(
        region=regions.a1,
        name="五山街道社会救助窗口",
        address="五山路1号",
        hours="周一至周五 9:00-17:00",
        phone="020-85550001",
    )
    ServiceWindowFactory(region=regions.a1, name="五山街道旧窗口", active=False)
    ServiceWindowFactory(region=regions.a2, name="员村街道社会救助窗口", phone="020-85550002")
    DeadlineRule.objects.create(
        category="dibao", step="feedback", region_code="440106", working_days=20, source="天河区低保审核规定"
    )
    return regions


@pytest.fixture
def province_admin(regions):
    return make_user("province_admin", Role.COUNTY_ADMIN, "44")


def limits(html_or_steps):
    return {s["name"]: s["working_days"] for s in html_or_steps}


class TestPublicPage:
    def test_every_matter_has_a_public_guide_without_login(self, client, regions):
        page = client.get("/windows/guides/").content.decode()
        for label in ("最低生活保障", "特困人员救助供养", "临时救助", "医疗救助"):
            assert label in page

    def test_the_guide_of_a_township_lists_its_active_windows_and_the_countys_limits(self, client, place):
        page = client.get(f"/windows/guides/dibao/?county=440106&township={place.a1.code}").content.decode()
        assert "家庭经济状况核对授权书" in page and "国务院令第649号" in page
        assert "五山街道社会救助窗口" in page and "周一至周五 9:00-17:00" in page and "020-85550001" in page
        assert "五山街道旧窗口" not in page and "员村街道社会救助窗口" not in page
        assert "天河区低保审核规定" in page

    def test_a_township_of_another_county_left_in_the_address_is_ignored(self, client, place):
        page = client.get(f"/windows/guides/dibao/?county=440303&township={place.a1.code}").content.decode()
        assert "五山街道社会救助窗口" not in page

    def test_an_unknown_matter_is_404(self, client, regions):
        assert client.get("/windows/guides/lottery/").status_code == 404

    def test_the_page_is_rate_limited(self, client, regions, settings):
        cache.clear()
        settings.WINDOWS_PUBLIC_GUIDE_PER_MINUTE = 2
        codes = [client.get("/windows/guides/dibao/").status_code for _ in range(3)]
        assert codes == [200, 200, 429]


class TestApiReads:
    def test_the_province_default_limits_without_a_region(self, api, regions):
        body = api().get(f"{API}/dibao/").json()
        # 低保: 受理 1, 反馈 30, 办结 5 working days; the whole case 1 + 30 + 5 = 36 (windows/data/deadlines.csv)
        assert limits(body["steps"]) == {"受理": 1, "审核/分办": 30, "办结": 5, "全程": 36}
        assert body["windows"] == [] and body["local_note"] is None

    def test_a_countys_own_limit_wins_and_its_windows_are_listed(self, api, place):
        body = api().get(f"{API}/dibao/?region={place.a1.code}").json()
        assert limits(body["steps"])["审核/分办"] == 20
        assert [(w["name"], w["phone"]) for w in body["windows"]] == [
            ("五山街道社会救助窗口", "020-85550001")
        ]
        assert (body["county"], body["township"]) == ("440106", place.a1.code)

    @pytest.mark.parametrize("junk", ["44010a", "%00", "4401060011234567890"])
    def test_a_region_that_is_no_code_names_no_place(self, api, regions, junk):
        response = api().get(f"{API}/dibao/?region={junk}")
        assert response.status_code == 200 and response.json()["county"] is None

    def test_the_list_is_public(self, api, regions):
        body = api().get(f"{API}/").json()
        assert {g["category"] for g in body} >= {"dibao", "tekun", "temporary", "medical"}


class TestEdits:
    def test_the_province_admin_edits_the_guide_over_the_api(self, api, province_admin):
        payload = {
            "eligibility": "共同生活的家庭成员人均收入低于当地低保标准。",
            "documents": ["救助申请书", "户口簿和居民身份证"],
            "legal_basis": "《社会救助暂行办法》第二章",
            "online_url": "https://www.gdzwfw.gov.cn/",
        }
        response = api(province_admin).put(f"{API}/dibao/", payload, format="json")
        assert response.status_code == 200, response.content
        assert MatterGuide.objects.get(category="dibao").documents == ["救助申请书", "户口簿和居民身份证"]

    def test_a_county_admin_cannot_edit_the_provinces_text(self, api, actors):
        payload = {"eligibility": "x", "documents": ["x"], "legal_basis": "x"}
        assert api(actors.county_admin).put(f"{API}/dibao/", payload, format="json").status_code == 403
        assert api().put(f"{API}/dibao/", payload, format="json").status_code in (401, 403)

    def test_a_guide_without_documents_is_400_and_unchanged(self, api, province_admin):
        before = MatterGuide.objects.get(category="dibao").documents
        payload = {"eligibility": "x", "documents": [], "legal_basis": "x"}
        response = api(province_admin).put(f"{API}/dibao/", payload, format="json")
        assert response.status_code == 400 and "documents" in response.json()["fields"]
        assert MatterGuide.objects.get(category="dibao").documents == before

    def test_a_county_admin_adds_a_local_note_shown_to_the_public(self, api, actors, place):
        note = "天河区低保标准为每人每月1365元；可到区政务服务中心民政窗口咨询。"
        response = api(actors.county_admin).post(
            f"{API}/dibao/notes/", {"county": "440106", "note": note}, format="json"
        )
        assert response.status_code == 200, response.content
        assert response.json()["local_note"] == note
        assert api().get(f"{API}/dibao/?region=440106").json()["local_note"] == note
        assert note in api().get(f"{API}/dibao/?region={place.a1.code}").json()["local_note"]
        assert api().get(f"{API}/dibao/?region=440303").json()["local_note"] is None

    def test_another_countys_note_is_refused_and_county_staff_may_not_write_one(self, api, actors, regions):
        outsider = api(actors.outsider).post(
            f"{API}/dibao/notes/", {"county": "440106", "note": "x"}, format="json"
        )
        assert outsider.status_code == 400  # a county outside the caller's scope reads as unknown
        staff = api(actors.county_staff).post(
            f"{API}/dibao/notes/", {"county": "440106", "note": "x"}, format="json"
        )
        assert staff.status_code == 403
        assert not GuideNote.objects.exists()

    def test_the_province_admin_edits_on_the_page(self, web, province_admin):
        client = web(province_admin)
        assert "修改办事指南（省级）" in client.get("/windows/guides/tekun/").content.decode()
        client.post(
            "/windows/guides/tekun/edit/",
            {
                "eligibility": "无劳动能力、无生活来源。",
                "documents": "救助申请书\n\n居民身份证",
                "legal_basis": "第三章",
            },
        )
        assert MatterGuide.objects.get(category="tekun").documents == ["救助申请书", "居民身份证"]

    def test_a_county_admin_writes_the_note_on_the_page_and_cannot_open_the_edit_form(
        self, web, actors, regions
    ):
        client = web(actors.county_admin)
        page = client.get("/windows/guides/dibao/?county=440106").content.decode()
        assert "保存本地说明" in page and "修改办事指南（省级）" not in page
        client.post("/windows/guides/dibao/note/", {"county": "440106", "note": "本区另需提供社区证明。"})
        assert GuideNote.objects.get(region=regions.county_a).note == "本区另需提供社区证明。"
        assert client.get("/windows/guides/dibao/edit/").status_code == 403
