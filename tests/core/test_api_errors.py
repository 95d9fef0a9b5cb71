"""One error shape for the API (issue 14): {"code", "detail"} for every status, "fields"/"field_codes" on a 400,
"errors" for import rows; the text in the request's language (Chinese by default), the code stable."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils import translation
from rest_framework import exceptions, serializers
from rest_framework.test import APIRequestFactory
from rest_framework.views import APIView

from core.api.errors import GENERIC_CODES
from core.exceptions import Conflict
from core.tabular import ImportRejected, RowError

ROOT = Path(settings.BASE_DIR)


class Nested(serializers.Serializer):
    name = serializers.CharField()
    age = serializers.IntegerField(min_value=0)


def raising(exc: Exception):
    class View(APIView):
        authentication_classes: list = []
        permission_classes: list = []

        def get(self, request):
            if exc is Nested:
                Nested(data={"age": -1}).is_valid(raise_exception=True)
            raise exc

    return View.as_view()


def answer(exc, language: str = "zh-hans"):
    # the view is called directly (no LocaleMiddleware): the request's language is activated here
    with translation.override(language):
        response = raising(exc)(APIRequestFactory().get("/x/"))
        response.render()
    return response.status_code, response.data


@pytest.mark.parametrize(
    ("exc", "status", "code"),
    [
        (Http404(), 404, "not_found"),
        (exceptions.NotFound(), 404, "not_found"),
        (exceptions.MethodNotAllowed("DELETE"), 405, "method_not_allowed"),
        (exceptions.UnsupportedMediaType("text/csv"), 415, "unsupported_media_type"),
        (exceptions.ParseError(), 400, "parse_error"),
        (Conflict("该记录刚被他人处理", code="concurrent_change"), 409, "concurrent_change"),
        (Conflict("状态不允许"), 409, "conflict"),
        (OverflowError(), 400, "out_of_range"),
    ],
)
def test_every_error_answers_a_stable_code_beside_its_message(exc, status, code):
    got_status, body = answer(exc)
    assert (got_status, body["code"]) == (status, code)
    assert set(body) == {"code", "detail"} and body["detail"]


def test_a_403_carries_the_reason_it_was_given():
    status, body = answer(PermissionDenied("您在该区域没有此操作的权限"))
    assert (status, body) == (403, {"code": "permission_denied", "detail": "您在该区域没有此操作的权限"})


def test_a_429_says_when_to_try_again():
    status, body = answer(exceptions.Throttled(wait=42))
    assert (status, body) == (429, {"code": "throttled", "detail": "请求过于频繁，请在 42 秒后再试"})


def test_field_errors_keep_each_fields_messages_and_codes():
    status, body = answer(Nested)  # a class: the view validates {"age": -1} against it
    assert (
        status == 400 and body["code"] == "invalid" and body["detail"] == "提交的数据有误，请按各项说明修改"
    )
    assert body["field_codes"] == {"name": ["required"], "age": ["min_value"]}
    assert body["fields"]["name"] == ["该字段是必填项。"]


def test_a_services_validation_error_keeps_its_code_and_names_it_at_the_top_when_it_is_the_only_one():
    error = DjangoValidationError(
        {
            "bid_deadline": DjangoValidationError(
                "响应期不足（政府采购法实施条例 第三十五条）", code="response_period_too_short"
            )
        }
    )
    status, body = answer(error)
    assert status == 400 and body["code"] == "response_period_too_short"
    assert body["fields"] == {"bid_deadline": ["响应期不足（政府采购法实施条例 第三十五条）"]}
    status, body = answer(DjangoValidationError("整条记录有误"))
    assert body["code"] == "invalid" and body["fields"] == {"non_field_errors": ["整条记录有误"]}


def test_import_rows_answer_invalid_rows_with_a_code_per_row():
    rejected = ImportRejected(
        [RowError(2, "region", "区划代码 4401 不存在"), RowError(1, "year", "缺少列 year", "missing_column")]
    )
    status, body = answer(rejected)
    assert status == 400 and body["code"] == "invalid_rows" and body["detail"] == "数据有误，未保存任何记录"
    assert body["errors"] == [
        {"row": 2, "column": "region", "message": "区划代码 4401 不存在", "code": "invalid"},
        {"row": 1, "column": "year", "message": "缺少列 year", "code": "missing_column"},
    ]


def test_the_message_follows_accept_language_and_the_code_does_not():
    assert answer(Http404())[1] == {"code": "not_found", "detail": "未找到，或不在您的权限范围内"}
    assert answer(Http404(), "en")[1] == {"code": "not_found", "detail": "Not found, or outside your scope"}
    assert (
        answer(exceptions.Throttled(wait=42), "en")[1]["detail"]
        == "Too many requests; try again in 42 seconds"
    )
    assert answer(Nested, "en")[1]["detail"] == "The data has errors; correct each as described"


@pytest.mark.django_db
def test_a_real_endpoint_answers_in_the_requests_language(regions, actors, api):
    client = api(actors.county_admin)
    chinese = client.get("/api/v1/staffing/workers/999999999/")
    english = client.get("/api/v1/staffing/workers/999999999/", HTTP_ACCEPT_LANGUAGE="en")
    assert chinese.status_code == english.status_code == 404
    assert chinese.json() == {"code": "not_found", "detail": "未找到，或不在您的权限范围内"}
    assert english.json() == {"code": "not_found", "detail": "Not found, or outside your scope"}
    anonymous = api().get("/api/v1/windows/cases/")
    assert (anonymous.status_code, anonymous.json()["code"]) == (401, "not_authenticated")
    payload = {
        "name": "陈静",
        "id_number": "123",
        "phone": "13800001234",
        "region": regions.a1.code,
        "post": "township",
        "employment": "established",
        "education": "college",
        "start_date": "2025-03-01",
    }
    bad = client.post("/api/v1/staffing/workers/", payload, format="json", HTTP_ACCEPT_LANGUAGE="en")
    assert bad.status_code == 400, bad.json()
    assert bad.json()["fields"].get("id_number") == ["The ID number must have 18 characters"]


def test_every_code_the_source_raises_is_documented():
    doc = (ROOT / "docs/api-errors.md").read_text(encoding="utf-8")
    source = subprocess.run(
        ["git", "grep", "-hoP", r'(code=|"code": )"[a-z_]+"', "--", "*.py", ":!tests", ":!*/migrations/*"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    codes = set(re.findall(r'"([a-z_]+)"$', source, re.M)) | set(GENERIC_CODES)
    assert sorted(c for c in codes if f"`{c}`" not in doc) == []


@pytest.mark.django_db
def test_the_openapi_schema_documents_the_error_shape_and_codes(actors, api):
    schema = api(actors.county_admin).get("/api/schema/?format=json").json()
    assert schema["components"]["schemas"]["Error"]["required"] == ["code", "detail"]
    assert all(f"`{code}`" in schema["info"]["description"] for code in GENERIC_CODES)
