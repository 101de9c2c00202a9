"""Effects against targets per theme: each goal's baseline, latest value, target and whether it is on track.

The latest value (of a period that started by the end of the report's period) and "on track" are the
monitoring app's (`network_goal_views`); a goal of a coalition is shown under the coalition's theme.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from netwerkregie.monitoring.selectors import GoalView, network_goal_views
from netwerkregie.registry.models import Network

from .base import Figure, Period, Section, Table


@dataclass(frozen=True)
class GoalLine:
    key: str
    name: str
    coalition: str
    indicator: str
    unit: str
    area: str
    baseline: Decimal | None
    latest: Decimal | None
    latest_period: str
    target: Decimal | None
    target_date: datetime.date | None
    on_track: bool | None  # None while the latest value or the baseline is missing


@dataclass(frozen=True)
class ThemeEffects:
    name: str
    goals: list[GoalLine]

    @property
    def on_track(self) -> int:
        return sum(goal.on_track is True for goal in self.goals)

    @property
    def off_track(self) -> int:
        return sum(goal.on_track is False for goal in self.goals)


@dataclass(frozen=True)
class Effects:
    themes: list[ThemeEffects]

    @property
    def goals(self) -> list[GoalLine]:
        return [goal for theme in self.themes for goal in theme.goals]

    def figures(self) -> list[Figure]:
        goals = self.goals
        figures = [
            Figure("effects.goals", _("Goals"), len(goals)),
            Figure("effects.on_track", _("Goals on track"), sum(g.on_track is True for g in goals)),
            Figure("effects.off_track", _("Goals not on track"), sum(g.on_track is False for g in goals)),
            Figure("effects.unknown", _("Goals without a latest value or baseline"),
                   sum(g.on_track is None for g in goals)),
        ]
        return figures + [Figure(f"effects.goal.{g.key}.latest", _("%(goal)s: latest value") % {"goal": g.name},
                                 g.latest) for g in goals if g.latest is not None]

    def tables(self) -> list[Table]:
        return [Table("effects_goals", _("Effects against targets"),
                      [_("Theme"), _("Goal"), _("Coalition"), _("Indicator"), _("Area"), _("Baseline"),
                       _("Latest value"), _("Period"), _("Target"), _("Target date"), _("On track")],
                      [[theme.name, g.name, g.coalition, g.indicator, g.area, g.baseline, g.latest, g.latest_period,
                        g.target, g.target_date, g.on_track] for theme in self.themes for g in theme.goals])]


def _line(view: GoalView) -> GoalLine:
    goal = view.goal
    return GoalLine(
        key=str(goal.pk), name=goal.name, coalition=goal.coalition.name if goal.coalition else "",
        indicator=goal.indicator.name if goal.indicator else "", unit=goal.indicator.unit if goal.indicator else "",
        area=str(goal.area) if goal.area else "", baseline=goal.baseline,
        latest=view.latest.value if view.latest else None, latest_period=view.latest.period if view.latest else "",
        target=goal.target, target_date=goal.target_date, on_track=view.on_track)


def build(*, network: Network, period: Period, language: str) -> Effects:
    by_theme: dict[str, list[GoalLine]] = {}
    for view in network_goal_views(network=network, until=period.end):
        goal = view.goal
        theme = goal.theme or (goal.coalition.theme if goal.coalition else None)
        by_theme.setdefault(theme.name if theme else _("Without a theme"), []).append(_line(view))
    return Effects([ThemeEffects(name, goals) for name, goals in sorted(by_theme.items())])


SECTION = Section("effects", gettext_lazy("Effects against targets"), build)
