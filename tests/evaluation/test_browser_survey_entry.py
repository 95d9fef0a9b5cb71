"""Browser: a clerk types three paper questionnaires in a row with the keyboard only (issue 14). Satisfaction carries
the largest weight of an evaluation, so the stored answers are checked against the keys pressed: key n picks the
n-th button on screen, which shows n; the screen lists 非常满意 first (so key 1 stores 5, key 5 stores 1)."""

from __future__ import annotations

import pytest

from evaluation.models import SurveyResponse
from tests.factories.evaluation import indicator_ids, make_evaluation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

#: the value stored for each key, read off the paper form's printed order 非常满意 … 非常不满意 (1–5 on screen)
STORED_FOR_KEY = {"1": 5, "2": 4, "3": 3, "4": 2, "5": 1}


@pytest.mark.parametrize("viewport", [{"width": 1366, "height": 768}, {"width": 390, "height": 844}])
def test_three_paper_forms_in_a_row_by_keyboard_store_the_answers_shown(
    regions, actors, login, live_server, page, viewport
):
    page.set_viewport_size(viewport)
    evaluation = make_evaluation(regions.a1)
    questions = indicator_ids(evaluation, "recipient")
    page = login("township_a1")
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(f"{live_server.url}/evaluation/{evaluation.pk}/survey/")
    first_buttons = page.locator("fieldset[data-question]").nth(1).locator("label.choice")
    assert first_buttons.nth(0).inner_text().split() == ["1", "非常满意"]
    assert first_buttons.nth(4).inner_text().split() == ["5", "非常不满意"]

    # (arrow keys to the channel from the one shown, the number keys of the answers)
    papers = [
        (["ArrowRight"], ["1"] * len(questions)),  # 窗口 → 电话回访, all 非常满意
        ([], ["2", "3"] + ["5"] * (len(questions) - 2)),  # the channel is kept from the last questionnaire
        (["ArrowLeft"], ["4"] * len(questions)),  # 电话回访 → 窗口, all 不满意
    ]
    for count, (arrows, keys) in enumerate(papers, start=1):
        focused = page.evaluate("document.activeElement.closest('#survey-form') !== null")
        assert focused, "the focus is in the form when a questionnaire starts"
        if arrows:
            page.keyboard.press("Shift+Tab")  # back to the channel
            for arrow in arrows:
                page.keyboard.press(arrow)
            page.keyboard.press("Tab")
        for key in keys:
            page.keyboard.press(key)
        page.keyboard.press("Enter")
        page.wait_for_selector(f".msg-success:has-text('已保存第 {count} 份问卷')")
        assert SurveyResponse.objects.count() == count

    stored = [r.answers for r in SurveyResponse.objects.order_by("id")]
    for answers, (_, keys) in zip(stored, papers, strict=True):
        assert [answers[str(q)] for q in questions] == [STORED_FOR_KEY[k] for k in keys]
    assert [r.channel for r in SurveyResponse.objects.order_by("id")] == ["phone", "phone", "window"]
    assert "窗口" in page.inner_text(".msg-success") and "不满意" in page.inner_text(".msg-success")
    assert errors == []
