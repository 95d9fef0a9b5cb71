"""The project state machine (粤民发〔2018〕170号 一(四): 项目选定 → 信息发布 → 组织购买 → 实施监管 → 绩效评价)."""

from __future__ import annotations

from ..choices import (
    ProjectStatus,
)

S = ProjectStatus
PROJECT_TRANSITIONS: dict[tuple[str, str], str] = {
    (S.SELECTED, "publish"): S.PUBLISHED,
    (S.PUBLISHED, "open"): S.PURCHASING,
    (S.PURCHASING, "award"): S.AWARDED,
    (S.PURCHASING, "fail"): S.FAILED,
    (S.FAILED, "retender"): S.PUBLISHED,
    (S.FAILED, "switch_method"): S.PUBLISHED,
    (S.AWARDED, "contract"): S.CONTRACTED,
    (S.CONTRACTED, "start"): S.SUPERVISION,
    (S.SUPERVISION, "takeover"): S.TAKEN_OVER,
    (S.SUPERVISION, "evaluate"): S.EVALUATED,
    (S.TAKEN_OVER, "evaluate"): S.EVALUATED,
    (S.EVALUATED, "close"): S.CLOSED,
    (S.TAKEN_OVER, "close"): S.CLOSED,
    **{
        (state, "terminate"): S.TERMINATED
        for state in (
            S.SELECTED,
            S.PUBLISHED,
            S.PURCHASING,
            S.FAILED,
            S.AWARDED,
            S.CONTRACTED,
            S.SUPERVISION,
            S.TAKEN_OVER,
        )
    },
}

ACTION_LABELS = {
    "create": "项目选定",
    "publish": "发布公告",
    "open": "开始组织购买",
    "award": "确定承接主体",
    "fail": "采购失败",
    "retender": "重新招标",
    "switch_method": "变更采购方式",
    "contract": "签订合同",
    "start": "合同开始履行",
    "takeover": "启动临时接管",
    "evaluate": "绩效评价完成",
    "close": "结项",
    "terminate": "终止项目",
}

#: states in which a project is shown on the public pages
PUBLIC_STATES = tuple(s for s in ProjectStatus if s != ProjectStatus.SELECTED)
