"""The latest network-wide survey round: its results, the trend over the rounds and the dip status.

Every number comes from assessments.results, which applies the anonymity rule: a suppressed
statistic has no numbers, and a suppressed group is left out here (only counted in a note).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from netwerkregie.assessments import charts
from netwerkregie.assessments.instruments import localized
from netwerkregie.assessments.models import SurveyRound
from netwerkregie.assessments.results import breakdown, stats, trends
from netwerkregie.assessments.results.dip import DIP_INSTRUMENT
from netwerkregie.assessments.results.stored import stored_dip, stored_trend
from netwerkregie.assessments.selectors import counting_round
from netwerkregie.core.charts import chart_svg
from netwerkregie.registry.models import Network

from .base import Figure, Period, Section, Table

GROUPING = "type"  # the board reads the results per organisation type
# Trends drawn as charts: the instruments the dip status rests on. Other instruments' trends are
# tables – a chart per instrument makes a long report and a slow PDF (about 0.4 s per chart).
CHARTED = (trends.CONDITIONS_INSTRUMENT, DIP_INSTRUMENT)


@dataclass(frozen=True)
class StatLine:
    key: str
    name: str
    n: int
    mean: float | None  # None when suppressed or not a mean (a distribution)
    scale: tuple[float, float] | None


@dataclass(frozen=True)
class GroupLine:
    label: str
    n: int
    means: list[float | None]  # per dimension of the instrument, in order


@dataclass(frozen=True)
class InstrumentLine:
    key: str
    name: str
    n: int
    suppressed: bool
    dimensions: list[StatLine]
    groups: list[GroupLine]
    hidden_groups: int


@dataclass(frozen=True)
class TrendLine:
    key: str
    instrument: str
    rounds: list[str]
    rows: list[tuple[str, list[float | None]]]  # dimension name, mean per round (None: suppressed)
    chart: str


@dataclass(frozen=True)
class SurveyResults:
    round_name: str
    opens_on: datetime.date | None
    closes_on: datetime.date | None
    invited: int
    respondents: int
    minimum: int
    instruments: list[InstrumentLine]
    trends: list[TrendLine]
    dip: list[str]  # the dip warnings' messages; empty means no dip signal

    @property
    def has_round(self) -> bool:
        return bool(self.round_name)

    @property
    def suppressed_label(self) -> str:
        return stats.suppressed_label(self.minimum)

    def figures(self) -> list[Figure]:
        if not self.has_round:
            return []
        figures = [Figure("survey.respondents", _("Respondents in the latest round"), self.respondents)]
        for instrument in self.instruments:
            figures += [Figure(f"survey.{instrument.key}.{stat.key}", f"{instrument.name}: {stat.name}",
                               round(stat.mean, 2)) for stat in instrument.dimensions if stat.mean is not None]
        return figures

    def tables(self) -> list[Table]:
        tables = []
        for instrument in self.instruments:
            if instrument.suppressed:
                continue
            tables.append(Table(f"survey_{instrument.key}", instrument.name, [_("Dimension"), "n", _("Mean")],
                                [[s.name, s.n, s.mean] for s in instrument.dimensions]))
            if instrument.groups:
                tables.append(Table(
                    f"survey_{instrument.key}_by_{GROUPING}", f"{instrument.name}: {breakdown.GROUPINGS[GROUPING]}",
                    [str(breakdown.GROUPINGS[GROUPING]).capitalize(), "n", *[s.name for s in instrument.dimensions]],
                    [[g.label, g.n, *g.means] for g in instrument.groups]))
        for trend in self.trends:
            title = _("Trend: %(instrument)s") % {"instrument": trend.instrument}
            tables.append(Table(f"trend_{trend.key}", title, [_("Dimension"), *trend.rounds],
                                [[name, *means] for name, means in trend.rows]))
        return tables


def _mean(stat: stats.Stat) -> float | None:
    return None if stat.suppressed or stat.method == "distribution" else stat.mean


def _instrument(result: breakdown.InstrumentResult) -> InstrumentLine:
    dimensions = [StatLine(s.key, s.name, s.n, _mean(s), s.scale) for s in result.dimensions]
    groups = [GroupLine(g.label, g.n, [_mean(s) for s in g.dimensions])
              for g in result.groups.get(GROUPING, []) if not g.suppressed]
    hidden = sum(1 for g in result.groups.get(GROUPING, []) if g.suppressed)
    return InstrumentLine(result.instrument.key, result.name, result.n, result.suppressed, dimensions, groups, hidden)


def _trend(network: Network, key: str, period: Period) -> TrendLine | None:
    """The trend up to the end of the period: later rounds are not part of this report."""
    trend = stored_trend(network=network, instrument_key=key)
    trend.rounds = [r for r in trend.rounds if r.closes_on <= period.end]
    for series in trend.series:
        series.points = [p for p in series.points if p.round.closes_on <= period.end]
    if len(trend.rounds) < 2 or not trend.series:
        return None
    chart = charts.trend_chart(trend) if key in CHARTED else None
    rows = [(series.name, [_mean(point.stat) for point in series.points]) for series in trend.series]
    return TrendLine(key, localized(trend.instrument, "name"), [r.name for r in trend.rounds], rows,
                     chart_svg(chart.spec) if chart and not chart.is_empty else "")


def latest_round(*, network: Network, period: Period) -> SurveyRound | None:
    """The round that counts (assessments.selectors.counting_round) as of the period's end."""
    return counting_round(network=network, on=period.end + datetime.timedelta(days=1)).round


def build(*, network: Network, period: Period, language: str) -> SurveyResults:
    survey_round = latest_round(network=network, period=period)
    if survey_round is None:
        return SurveyResults("", None, None, 0, 0, network.anonymity_minimum, [], [], [])
    round_results = breakdown.round_results(survey_round=survey_round)
    instruments = [_instrument(result) for result in round_results.instruments]
    trend_lines = [trend for key in survey_round.instruments if (trend := _trend(network, key, period)) is not None]
    assessment = stored_dip(network=network, on=period.end + datetime.timedelta(days=1))
    dip = [assessment.headline] if assessment.latest is not None else []
    return SurveyResults(survey_round.name, survey_round.opens_on, survey_round.closes_on, round_results.invited,
                         round_results.respondents, round_results.minimum, instruments, trend_lines, dip)


SECTION = Section("survey", gettext_lazy("Survey results, trend and dip status"), build)
