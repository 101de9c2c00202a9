"""Reads of the monitoring app: indicator lists, effect pages, the SMART check, warnings, legitimation.

Every selector runs a fixed number of queries whatever the number of indicators, values, goals
or coalitions (tests/monitoring/test_monitoring_query_counts.py).
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Max, Min, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from netwerkregie.core.charts import Chart, spec
from netwerkregie.core.signals import Signal
from netwerkregie.registry.models import Coalition, Initiative, Network, Theme

from .models import (
    Area,
    CoalitionValue,
    DataReport,
    Evidence,
    Goal,
    Indicator,
    IndicatorValue,
    LegitimationEvidence,
    LegitimationRoute,
)

PUBLIC_REPORT_MONTHS = 12
MEASURE_AFTER_YEARS = 2


def indicator_list(*, network: Network) -> QuerySet[Indicator]:
    return network.indicators.annotate(value_count=Count("values"), last_period=Max("values__period_start"))


def area_list(*, network: Network) -> QuerySet[Area]:
    return network.areas.all()


def value_list(*, network: Network, indicator: Indicator | None = None) -> QuerySet[IndicatorValue]:
    values = IndicatorValue.objects.filter(indicator__network=network).select_related("indicator", "area")
    return values.filter(indicator=indicator) if indicator else values


def goal_queryset(*, network: Network) -> QuerySet[Goal]:
    return network.goals.select_related("indicator", "theme", "coalition", "area")


def smart_gaps(goal: Goal) -> list[str]:
    """What a goal lacks to be SMART, in words a coordinator can act on; empty when it is SMART."""
    gaps = []
    if not goal.description.strip():
        gaps.append(_("Specific: describe what changes for whom."))
    if goal.indicator_id is None:
        gaps.append(_("Measurable: choose the indicator that measures it."))
    if goal.baseline is None:
        gaps.append(_("Measurable: enter the baseline (the value at the start)."))
    if goal.target is None:
        gaps.append(_("Achievable: enter the target value."))
    if goal.area_id is None:
        gaps.append(_("Relevant: choose the area the goal is about."))
    if goal.target_date is None:
        gaps.append(_("Time-bound: enter the date by which the target should be reached."))
    return gaps


@dataclass(frozen=True)
class GoalView:
    goal: Goal
    gaps: list[str]
    attribution: str
    latest: IndicatorValue | None
    on_track: bool | None


def _attribution_notes(goals: list[Goal]) -> dict[int, str]:
    """Per indicator aimed at by several coalitions: the note that each contributes, none causes alone (002)."""
    coalitions = defaultdict(set)
    for goal in goals:
        if goal.indicator_id and goal.coalition_id:
            coalitions[goal.indicator_id].add(goal.coalition.name)
    return {indicator: _("Several coalitions aim at this indicator (%(coalitions)s): report a contribution, "
                         "not an attribution – a change cannot be credited to one of them alone.")
            % {"coalitions": ", ".join(sorted(names))}
            for indicator, names in coalitions.items() if len(names) > 1}


def _on_track(goal: Goal, latest: IndicatorValue | None) -> bool | None:
    """Whether the latest value lies on the good side of the baseline (or has reached the target)."""
    if latest is None or goal.baseline is None or goal.indicator is None:
        return None
    better = latest.value >= goal.baseline if goal.indicator.direction == "higher" else latest.value <= goal.baseline
    return bool(better)


def goal_views(*, network: Network, goals: list[Goal], values: list[IndicatorValue]) -> list[GoalView]:
    notes = _attribution_notes(list(goal_queryset(network=network)))
    latest: dict[tuple[int, int], IndicatorValue] = {}
    for value in values:  # ordered by period start
        latest[(value.indicator_id, value.area_id)] = value
    views = []
    for goal in goals:
        last = latest.get((goal.indicator_id, goal.area_id)) if goal.area_id else None
        views.append(GoalView(goal, smart_gaps(goal), notes.get(goal.indicator_id, ""), last, _on_track(goal, last)))
    return views


def network_goal_views(*, network: Network, until: datetime.date | None = None) -> list[GoalView]:
    """Every goal of the network with its latest value (of a period that started by `until`) and whether
    it is on track, in three queries; for reports that read all themes at once."""
    goals = list(goal_queryset(network=network).select_related("coalition__theme").order_by("name", "pk"))
    indicator_ids = {g.indicator_id for g in goals if g.indicator_id}
    values = value_list(network=network).filter(indicator__in=indicator_ids)
    if until:
        values = values.filter(period_start__lte=until)
    values = list(values.order_by("period_start", "pk"))
    return goal_views(network=network, goals=goals, values=values)


def _trend_chart(indicator: Indicator, values: list[IndicatorValue], goals: list[Goal],
                 initiatives: list[Initiative]) -> Chart:
    """The indicator per area over time, with each goal's target as a point at its date and initiatives as rules."""
    rows = [{"area": str(v.area), "period": v.period, "date": v.period_start.isoformat(), "value": float(v.value),
             "series": _("measured")} for v in values]
    rows += [{"area": str(g.area) if g.area else _("all areas"), "period": "", "date": g.target_date.isoformat(),
              "value": float(g.target), "series": _("target: %(goal)s") % {"goal": g.name}}
             for g in goals if g.target is not None and g.target_date]
    starts = [{"initiative": i.name, "date": i.start_date.isoformat()} for i in initiatives if i.start_date]
    title = f"{indicator.name}{f' ({indicator.unit})' if indicator.unit else ''}"
    x = {"field": "date", "type": "temporal", "title": _("period")}
    chart_spec = spec(
        data=rows, description=title, height=280,
        layer=[
            {"transform": [{"filter": {"field": "series", "equal": str(_("measured"))}}],
             "mark": {"type": "line", "point": True, "tooltip": True},
             "encoding": {"x": x, "y": {"field": "value", "type": "quantitative", "title": indicator.unit or
                                        _("value"), "scale": {"zero": False}},
                          "color": {"field": "area", "type": "nominal", "title": _("area")}}},
            {"transform": [{"filter": {"not": {"field": "series", "equal": str(_("measured"))}}}],
             "mark": {"type": "point", "shape": "diamond", "size": 120, "filled": True, "tooltip": True},
             "encoding": {"x": x, "y": {"field": "value", "type": "quantitative"},
                          "color": {"field": "area", "type": "nominal"}}},
            {"data": {"values": starts}, "mark": {"type": "rule", "strokeDash": [4, 4], "color": "#888"},
             "encoding": {"x": {"field": "date", "type": "temporal"},
                          "tooltip": [{"field": "initiative", "title": _("initiative")}]}},
        ])
    return Chart(f"trend-{indicator.pk}", title, chart_spec,
                 [("area", _("area")), ("period", _("period")), ("date", _("date")), ("series", _("series")),
                  ("value", _("value"))],
                 notes=[_("Dashed lines: start of an initiative (%(names)s).")
                        % {"names": ", ".join(s["initiative"] for s in starts)}] if starts else [])


@dataclass(frozen=True)
class EffectPage:
    """Everything the effect page of a theme or coalition shows."""

    title: str
    theme: Theme | None
    coalition: Coalition | None
    goals: list[GoalView]
    charts: list[Chart]
    initiatives: list[Initiative]
    evidence: list[Evidence]
    value_functions: list[CoalitionValue] = field(default_factory=list)


def effect_page(*, network: Network, theme: Theme | None = None, coalition: Coalition | None = None) -> EffectPage:
    """Goals, trends against targets by area, initiatives on the timeline and stories of a theme or coalition.

    A theme's page also includes the goals, initiatives and evidence of its coalitions.
    """
    if coalition is not None:
        goals = list(goal_queryset(network=network).filter(coalition=coalition))
        initiatives = list(coalition.initiatives.all())
        evidence = list(network.evidence.filter(coalition=coalition).select_related("coalition"))
        value_functions = list(coalition.value_functions.all())
        title = coalition.name
    else:
        goals = list(goal_queryset(network=network).filter(theme=theme)
                     | goal_queryset(network=network).filter(coalition__theme=theme))
        initiatives = list(Initiative.objects.filter(coalition__theme=theme).select_related("coalition"))
        evidence = list((network.evidence.filter(theme=theme) | network.evidence.filter(coalition__theme=theme))
                        .select_related("coalition"))
        value_functions = []
        title = theme.name
    indicator_ids = {g.indicator_id for g in goals if g.indicator_id}
    values = list(value_list(network=network).filter(indicator__in=indicator_ids).order_by("period_start", "pk"))
    by_indicator = defaultdict(list)
    for value in values:
        by_indicator[value.indicator_id].append(value)
    indicators = {g.indicator_id: g.indicator for g in goals if g.indicator_id}
    charts = [_trend_chart(indicator, by_indicator[pk], [g for g in goals if g.indicator_id == pk], initiatives)
              for pk, indicator in sorted(indicators.items(), key=lambda item: item[1].name)]
    return EffectPage(title, theme, coalition, goal_views(network=network, goals=goals, values=values), charts,
                      initiatives, evidence, value_functions)


def overdue_reports(*, network: Network, today: datetime.date | None = None) -> list[DataReport]:
    today = today or timezone.localdate()
    return list(network.data_reports.filter(due_date__lt=today, published_on__isnull=True))


@dataclass(frozen=True)
class RouteView:
    route: str
    label: str
    evidence: list[LegitimationEvidence]


@dataclass(frozen=True)
class Legitimation:
    routes: list[RouteView]
    stress: list[Signal]


def _months_before(day: datetime.date, months: int) -> datetime.date:
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    return datetime.date(year, month + 1, min(day.day, 28))


def stress_signals(*, network: Network, today: datetime.date | None = None) -> list[Signal]:
    """The stress signals of seed 002 found in the monitoring and registry data.

    No public report for twelve months; no measured value two years after the start (of the
    network, or of a coalition's first initiative with a goal); tasks moving into the network (more
    initiatives started in the last twelve months than in the twelve before). Rising requested
    funds is reported by the funding app.
    """
    today = today or timezone.localdate()
    url = reverse("monitoring:legitimation", kwargs={"network": network.slug})
    signals = []
    year_ago = _months_before(today, PUBLIC_REPORT_MONTHS)
    last_public = network.data_reports.filter(is_public=True, published_on__isnull=False).aggregate(
        last=Max("published_on"))["last"]
    started = network.start_date
    if (last_public is None or last_public < year_ago) and (started is None or started < year_ago):
        signals.append(Signal("no_public_report", _("No public report in the last twelve months: society cannot "
                                                   "see what the network achieves."), url))
    measured = IndicatorValue.objects.filter(indicator__network=network)
    horizon = _months_before(today, MEASURE_AFTER_YEARS * 12)
    if started and started <= horizon and not measured.filter(period_start__gte=started).exists():
        signals.append(Signal("no_measured_value", _("Two years after the start no value has been measured since "
                                                    "the network started."), url))
    coalition_starts = (Initiative.objects.filter(coalition__network=network, coalition__goals__isnull=False,
                                                  start_date__isnull=False)
                        .values("coalition", "coalition__name").annotate(first=Min("start_date")))
    measured_indicators = defaultdict(list)
    for goal in network.goals.exclude(coalition=None).exclude(indicator=None):
        measured_indicators[goal.coalition_id].append(goal.indicator_id)
    last_measured = dict(measured.values("indicator").annotate(last=Max("period_start")).values_list("indicator",
                                                                                                      "last"))
    for row in coalition_starts:
        first = row["first"]
        if first > horizon:
            continue
        if not any((last_measured.get(i) or datetime.date.min) >= first for i in measured_indicators[row["coalition"]]):
            signals.append(Signal("no_measured_value", _(
                "%(coalition)s: two years after its initiatives started, its goals have no measured value since."
            ) % {"coalition": row["coalition__name"]}, url))
    initiatives = Initiative.objects.filter(coalition__network=network, start_date__isnull=False)
    recent = initiatives.filter(start_date__gt=year_ago, start_date__lte=today).count()
    before = initiatives.filter(start_date__gt=_months_before(year_ago, 12), start_date__lte=year_ago).count()
    if recent > before and before > 0:
        signals.append(Signal("tasks_moving_in", ngettext(
            "Tasks are moving into the network: %(recent)d initiative started in the last twelve months against "
            "%(before)d in the twelve before. Check the mandate and funding keep pace.",
            "Tasks are moving into the network: %(recent)d initiatives started in the last twelve months against "
            "%(before)d in the twelve before. Check the mandate and funding keep pace.", recent)
            % {"recent": recent, "before": before}, url))
    return signals


def legitimation(*, network: Network) -> Legitimation:
    evidence = defaultdict(list)
    for item in network.legitimation_evidence.all():
        evidence[item.route].append(item)
    return Legitimation([RouteView(route.value, route.label, evidence[route.value]) for route in LegitimationRoute],
                        stress_signals(network=network))


def network_signals(*, network: Network) -> list[Signal]:
    """Dashboard warnings: overdue data-team reports and the stress signals (visible to every member)."""
    url = reverse("monitoring:index", kwargs={"network": network.slug})
    signals = [Signal("report_overdue", _("The data-team report %(title)s was due on %(date)s and is not published.")
                      % {"title": r.title, "date": date_format(r.due_date, "DATE_FORMAT")}, url)
               for r in overdue_reports(network=network)]
    return signals + stress_signals(network=network)


def indicator_values(*, indicator: Indicator) -> QuerySet[IndicatorValue]:
    """One indicator's values by area and period, for its page."""
    return indicator.values.select_related("area").order_by("area__kind", "area__code", "period_start")


def network_values(*, network: Network) -> QuerySet[IndicatorValue]:
    """Every value of the network's indicators, with what their pages need to link back."""
    return IndicatorValue.objects.filter(indicator__network=network).select_related("indicator__network", "area")


def network_coalition_values(*, network: Network) -> QuerySet[CoalitionValue]:
    return CoalitionValue.objects.filter(coalition__network=network).select_related("coalition__network")
