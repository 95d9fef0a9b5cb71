"""Each chart of the windows dashboard has a text alternative: the table beside it, linked (issue 14); the donut
shows counts, and its table lists them."""

from __future__ import annotations

import re

import pytest

from tests.factories.windows import make_case

pytestmark = pytest.mark.django_db


def test_every_chart_is_described_by_a_linked_table(windows, actors, web):
    make_case(actors.township_a1, windows.a1, seq=1)
    make_case(actors.township_a1, windows.a1, seq=2, accept=True)
    html = web(actors.county_admin).get("/windows/dashboard/").content.decode()
    charts = re.findall(
        r'<div id="(chart-[a-z]+)" class="chart" role="img"[^>]*aria-describedby="([a-z-]+)"', html
    )
    assert [c for c, _ in charts] == ["chart-intake", "chart-regions", "chart-status", "chart-flows"]
    for _, table in charts:
        assert f'id="{table}"' in html and f'href="#{table}"' in html
    status_table = html.split('id="table-status"')[1].split("</table>")[0]
    assert '<td>已登记</td><td class="num">1</td>' in status_table
    assert '<td>已受理</td><td class="num">1</td>' in status_table
    # the donut writes each count on its slice, in the page's language (the format is a data attribute the script reads)
    assert 'data-label="{b}&#10;{c} 件"' in html and "label: {formatter: status.dataset.label}" in html
