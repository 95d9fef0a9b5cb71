"""The change history on a page reads as a clerk reads it (issue 14, found by the browser scan of every screen): a
boolean is 是/否 and nothing is a dash, never the stored "True", "False", "None"; a grant names the region and the
role's label, never the permission's codename."""

from __future__ import annotations

import re

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import translation

from regions.templatetags.region_tags import change_value

User = get_user_model()


def test_a_stored_boolean_or_nothing_is_shown_in_words_and_other_values_as_they_are():
    assert [change_value(v) for v in ("True", "False", "None", "", "天河区", "3")] == [
        "是",
        "否",
        "—",
        "—",
        "天河区",
        "3",
    ]
    with translation.override("en"):
        assert [change_value("True"), change_value("False")] == ["Yes", "No"]


def test_a_new_accounts_history_shows_words_not_stored_values(actors, web):
    client = web(actors.county_admin)
    client.post(
        reverse("accounts:user_create"),
        {
            "username": "wushan_li",
            "full_name": "李明",
            "phone": "13800138000",
            "region": "440106001",
            "role": "township_staff",
        },
    )
    user = User.objects.get(username="wushan_li")
    page = client.get(reverse("accounts:user_detail", args=[user.pk])).content.decode()
    history = page.split('id="history"')[1]
    assert "— → 是" in history  # 有效 (is_active) from nothing to true
    assert "— → 否" in history  # 超级用户状态 (is_superuser) from nothing to false
    assert re.findall(r"(?<![A-Za-z_])(None|True|False|role_\w+)(?![A-Za-z])", history) == []
    assert "区域授权" in history and "440106001 · 乡镇（街道）经办人员" in history
