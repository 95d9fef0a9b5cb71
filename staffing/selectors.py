"""Reads, always scoped to the user's regions: the dashboard and the compliance API, the rule set in force,
and the rows of the Excel downloads (compliance report, roster, caseloads, the caseload template)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Max, Q, QuerySet, Sum
from django.db.models.functions import Substr
from django.http import Http404
from django.utils.translation import gettext as _

from regions import access
from regions.choices import RegionLevel
from regions.models import Region
from regions.rules import LEVEL_CODE_LENGTH, ancestor_codes, level_for_code

from . import rules
from .choices import ComplianceStatus, Employment, Post, WorkerStatus
from .models import Candidate, Caseload, ComplianceSnapshot, StaffingRuleSet, Worker

CHILD_LEVEL = {
    RegionLevel.PROVINCE: RegionLevel.CITY,
    RegionLevel.CITY: RegionLevel.COUNTY,
    RegionLevel.COUNTY: RegionLevel.TOWNSHIP,
    RegionLevel.TOWNSHIP: RegionLevel.VILLAGE,
}


@dataclass(frozen=True)
class RuleSetInForce:
    rule_set: StaffingRuleSet | None
    brackets: tuple[rules.Bracket, ...]
    categories: rules.Categories


def rule_set_for(period: str) -> RuleSetInForce:
    """The rule set in force on the period's first day: the latest effective_from on or before it, not ended."""
    start = rules.period_start(period)
    rule_set = (
        StaffingRuleSet.objects.filter(effective_from__lte=start)
        .filter(Q(effective_to__isnull=True) | Q(effective_to__gte=start))
        .order_by("-effective_from", "-pk")
        .prefetch_related("rules")
        .first()
    )
    if rule_set is None:
        return RuleSetInForce(None, (), rules.Categories())
    brackets = tuple(
        rules.Bracket(r.level, r.households_from, r.households_to, r.min_staff) for r in rule_set.rules.all()
    )
    categories = rules.Categories(rule_set.count_dibao, rule_set.count_tekun, rule_set.count_temporary)
    return RuleSetInForce(rule_set, brackets, categories)


def latest_period(user) -> str | None:
    """The period a dashboard opens on: the latest the user can see that has caseload data (households), else the
    latest computed at all. The running month is computed before anyone reports its caseloads, and opening on it
    would show every region without data."""
    with_data, newest = latest_periods(user)
    return with_data or newest


def latest_periods(user) -> tuple[str | None, str | None]:
    """(the latest period with caseload data, the latest computed at all), in one query."""
    found = ComplianceSnapshot.objects.visible_to(user).aggregate(
        with_data=Max("period", filter=Q(households__isnull=False)), newest=Max("period")
    )
    return found["with_data"], found["newest"]


def periods(user) -> list[str]:
    return list(
        ComplianceSnapshot.objects.visible_to(user)
        .filter(level=RegionLevel.COUNTY)
        .values_list("period", flat=True)
        .distinct()
        .order_by("-period")[:36]
    )


def default_focus(user) -> str:
    """The region a user's dashboard opens on: their widest grant (superuser: the province)."""
    prefixes = access.visible_prefixes(user)
    if access.sees_everything(user) or not prefixes:
        return "44"
    return min(prefixes, key=len)


@dataclass
class Figures:
    """Counts of one area: regions by status per level, total shortfall, villages without a coordinator."""

    code: str
    name: str = ""
    level: str = ""
    counties: int = 0
    counties_short: int = 0
    townships: int = 0
    townships_short: int = 0
    #: regions without caseload data (short or not): shown as a count, never hidden behind "0 short"
    counties_no_data: int = 0
    townships_no_data: int = 0
    #: of those, the ones not short: a warning state, never compliant
    no_data: int = 0
    required: int = 0
    actual: int = 0
    shortfall: int = 0
    villages: int = 0
    villages_without: int = 0
    villages_flagged: int = 0
    own: ComplianceSnapshot | None = None
    extra: dict = field(default_factory=dict)

    @property
    def regions_short(self) -> int:
        return self.counties_short + self.townships_short

    @property
    def regions_compliant(self) -> int:
        return self.counties + self.townships - self.counties_short - self.townships_short - self.no_data


def _aggregate(period: str, prefix: str, group_len: int) -> dict[str, Figures]:
    """One query: snapshot counts under `prefix`, grouped by the first `group_len` code characters."""
    rows = (
        ComplianceSnapshot.objects.filter(period=period, region_code__startswith=prefix)
        .annotate(group=Substr("region_code", 1, group_len))
        .values("group", "level")
        .annotate(
            total=Count("pk"),
            short=Count("pk", filter=Q(status=ComplianceStatus.SHORT)),
            no_data=Count("pk", filter=Q(status=ComplianceStatus.NO_DATA)),
            missing=Count("pk", filter=Q(households__isnull=True)),
            flagged=Count("pk", filter=Q(status=ComplianceStatus.FLAGGED)),
            required=Sum("required_staff"),
            actual=Sum("actual_staff"),
            shortfall=Sum("shortfall"),
        )
        .order_by()
    )
    out: dict[str, Figures] = {}
    for r in rows:
        if len(r["group"]) != group_len:
            continue  # the area's own row (shorter code) belongs to the summary, not to a child
        f = out.setdefault(r["group"], Figures(code=r["group"]))
        if r["level"] == RegionLevel.VILLAGE:
            f.villages += r["total"]
            f.villages_without += r["short"]
            f.villages_flagged += r["flagged"]
            continue
        if r["level"] == RegionLevel.COUNTY:
            f.counties += r["total"]
            f.counties_short += r["short"]
            f.counties_no_data += r["missing"]
        else:
            f.townships += r["total"]
            f.townships_short += r["short"]
            f.townships_no_data += r["missing"]
        f.no_data += r["no_data"]
        f.required += r["required"] or 0
        f.actual += r["actual"] or 0
        f.shortfall += r["shortfall"] or 0
    return out


def figures_by_group(period: str, group_len: int, prefix: str = "") -> dict[str, Figures]:
    """The period's figures grouped by the first `group_len` code characters (one aggregate query): what the
    dashboard shows per child region, for readers above this app (the oversight overview)."""
    return _aggregate(period, prefix, group_len)


@dataclass
class Dashboard:
    period: str | None
    focus: Region
    summary: Figures
    children: list[Figures]
    child_level: str | None
    breadcrumbs: list[Region]
    computed_at: object = None


def dashboard(user, *, period: str | None, focus_code: str | None) -> Dashboard:
    """The dashboard of one area for one period: its figures, and one row per region directly below it.

    Queries: the focus region and its ancestors (1), the summary aggregate (1), the children aggregate (1), the
    children's own snapshot rows (1), their names (1). 404 when the area is out of scope.
    """
    focus_code = focus_code or default_focus(user)
    if level_for_code(focus_code) is None or level_for_code(focus_code) == RegionLevel.VILLAGE:
        raise Http404
    access.require_visible(user, focus_code)
    chain = {r.code: r for r in Region.objects.filter(code__in=[*ancestor_codes(focus_code), focus_code])}
    if focus_code not in chain:
        raise Http404
    focus = chain[focus_code]
    breadcrumbs = [
        chain[c] for c in ancestor_codes(focus_code) if c in chain and access.can_see_code(user, c)
    ]
    child_level = CHILD_LEVEL.get(RegionLevel(focus.level))
    if child_level is None:  # a village: staffing minimums are set for counties and townships (二(二))
        raise Http404
    if period is None:
        return Dashboard(None, focus, Figures(code=focus_code), [], child_level, breadcrumbs)
    summary = _aggregate(period, focus_code, len(focus_code)).get(focus_code, Figures(code=focus_code))
    summary.name, summary.level = focus.name, focus.level
    child_len = LEVEL_CODE_LENGTH[child_level]
    groups = _aggregate(period, focus_code, child_len)
    own = {
        s.region_code: s
        for s in ComplianceSnapshot.objects.filter(
            period=period, level=child_level, region_code__startswith=focus_code
        )
    }
    summary.own = ComplianceSnapshot.objects.filter(period=period, region_code=focus_code).first()
    names = dict(Region.objects.filter(parent=focus).values_list("code", "name"))
    children = []
    for code in sorted(set(names) | set(groups)):
        f = groups.get(code, Figures(code=code))
        f.name, f.level, f.own = names.get(code, code), child_level, own.get(code)
        children.append(f)
    computed = [s.computed_at for s in own.values()]
    if summary.own:
        computed.append(summary.own.computed_at)
    return Dashboard(
        period, focus, summary, children, child_level, breadcrumbs, max(computed) if computed else None
    )


def institution_workers(user, prefix: str) -> QuerySet[Worker]:
    """Active workers posted to a care institution (特困人员供养服务机构) under `prefix`: listed apart, they count
    toward neither the county nor the township minimum (domain.md 12)."""
    return (
        Worker.objects.visible_to(user)
        .filter(region__code__startswith=prefix, status=WorkerStatus.ACTIVE, post=Post.SUPPORT_INSTITUTION)
        .select_related("region")
        .order_by("region__code", "name", "pk")
    )


def is_dispatched_without_round(worker: Worker) -> bool:
    """A dispatched worker registered without a recruitment round, flagged on the record (二(二) 公开招聘)."""
    return worker.employment == Employment.DISPATCHED and not Candidate.objects.filter(worker=worker).exists()


def dispatched_without_round(user, prefix: str) -> QuerySet[Worker]:
    """Active dispatched workers under `prefix` registered without a recruitment round (no candidate record):
    二(二) wants dispatched staff hired by open recruitment, so they are flagged."""
    return (
        Worker.objects.visible_to(user)
        .filter(
            region__code__startswith=prefix,
            status=WorkerStatus.ACTIVE,
            employment=Employment.DISPATCHED,
            candidate__isnull=True,
        )
        .select_related("region")
        .order_by("region__code", "name", "pk")
    )


# --- the Excel downloads -------------------------------------------------------------------------------------


def roster(user) -> QuerySet[Worker]:
    """The workers the user can see, in roster order (the list page and its export filter this)."""
    return Worker.objects.visible_to(user).select_related("region").order_by("region__code", "name", "pk")


def caseloads(user) -> QuerySet[Caseload]:
    """The caseloads the user can see, latest period first (the list page and its export filter this)."""
    return Caseload.objects.visible_to(user).select_related("region").order_by("-period", "region__code")


STATUS_LABELS = dict(ComplianceStatus.choices)


def compliance_sheets(user, *, period: str, prefix: str) -> list[tuple[str, list[str], list[list]]]:
    """Sheets for one area and period: counties and townships, then villages without a coordinator."""
    rows = (
        ComplianceSnapshot.objects.visible_to(user)
        .filter(period=period, region_code__startswith=prefix)
        .select_related("region")
        .order_by("region_code")
    )
    staff_rows, village_rows = [], []
    for s in rows.iterator(chunk_size=5000):
        if s.level == RegionLevel.VILLAGE:
            if s.status == ComplianceStatus.SHORT:
                village_rows.append(
                    [s.region_code, s.region.name, s.actual_staff, s.computed_at.replace(tzinfo=None)]
                )
            continue
        staff_rows.append(
            [
                s.region_code,
                s.region.name,
                _("县（市、区）") if s.level == RegionLevel.COUNTY else _("乡镇（街道）"),
                s.households,
                s.required_staff,
                s.actual_staff,
                s.shortfall,
                str(STATUS_LABELS.get(s.status, s.status)),
                s.computed_at.replace(tzinfo=None),
            ]
        )
    staff_headers = [_("区划代码"), _("名称"), _("层级"), _("救助对象户数"), _("应配人数"), _("实配人数")]
    staff_headers += [_("缺口"), _("状态"), _("计算时间")]
    return [
        (_("县乡配备 {period}").format(period=period), staff_headers, staff_rows),
        (_("无协理员的村（社区）"), [_("区划代码"), _("名称"), _("协理员人数"), _("计算时间")], village_rows),
    ]


def roster_rows(queryset) -> tuple[list[str], list[list]]:
    """The roster export: headers and one row per worker (ID numbers masked)."""
    headers = [_("姓名"), _("身份证号（脱敏）"), _("任职区域代码"), _("任职区域"), _("岗位"), _("用工方式")]
    headers += [_("派遣机构"), _("派遣机构统一社会信用代码"), _("学历"), _("全日制"), _("社会工作职业资格")]
    headers += [_("退役军人"), _("熟悉计算机"), _("入职日期"), _("状态")]
    yes = {True: _("是"), False: _("否")}
    rows = [
        [
            w.name,
            w.id_number_masked,
            w.region.code,
            w.region.name,
            w.get_post_display(),
            w.get_employment_display(),
            w.dispatching_org_name,
            w.dispatching_org_credit_code,
            w.get_education_display(),
            yes[w.full_time],
            yes[w.social_work_qualification],
            yes[w.veteran],
            yes[w.computer_literate],
            w.start_date,
            w.get_status_display(),
        ]
        for w in queryset.select_related("region").iterator(chunk_size=2000)
    ]
    return headers, rows


CASELOAD_HEADERS = ["区划代码", "名称", "月份", "低保户数", "特困户数", "临时救助户数"]
#: the month column is written as text, with a format hint on its header (a typed month stays a month)
MONTH_TEXT_COLUMNS = frozenset({"月份"})
MONTH_NOTES = {"月份": "按文本填写年月，格式 YYYY-MM，如 2026-10"}
TEMPLATE_ROW_LIMIT = 30000


def caseload_rows(queryset):
    """The caseload export's rows (streamed from the database in chunks)."""
    return (
        [
            c.region.code,
            c.region.name,
            c.period,
            c.dibao_households,
            c.tekun_households,
            c.temporary_households,
        ]
        for c in queryset.iterator(chunk_size=5000)
    )


def template_sheets(user, *, today) -> list[tuple[str, list[str], list[list]]]:
    """The template: one row per township and village in the user's scope for this month, counts to fill in."""
    period = rules.period_of(today)
    regions = (
        Region.objects.visible_to(user)
        .filter(level__in=(RegionLevel.TOWNSHIP, RegionLevel.VILLAGE))
        .order_by("code")
        .values_list("code", "name")[:TEMPLATE_ROW_LIMIT]
    )
    rows = [[code, name, period, "", "", ""] for code, name in regions]
    notes = [
        [_("每行一个区域一个月份；户数按来源的最小层级填写（村或乡镇），不要同时填写上下级，以免重复计算。")],
        [_("低保户数、特困户数必填，临时救助户数可留空（按 0）；三项都留空的行不导入。")],
        [
            _(
                "月份格式 YYYY-MM，如 2026-10；月份列已设为文本。若 Excel 把月份变成了日期，导入时按该日期所在的月份读取。"
            )
        ],
    ]
    return [(_("户数"), CASELOAD_HEADERS, rows), (_("说明"), [_("填写说明")], notes)]
