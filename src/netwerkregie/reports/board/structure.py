"""The map and the analysis figures in plain language, from the analysis app's selectors."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from netwerkregie.analysis.figures import EXPLANATIONS, LABELS
from netwerkregie.analysis.map.selectors import map_data
from netwerkregie.analysis.map.svg import drawn_ties, map_svg
from netwerkregie.analysis.stored import Question
from netwerkregie.analysis.tasks import analysis_now
from netwerkregie.registry.models import Network, SurveyTies

from .base import Figure, Period, Section, Table

FIGURES = ("nodes", "edges", "density", "components", "degree_centralization", "reciprocity")


@dataclass(frozen=True)
class Explained:
    key: str
    label: str
    value: float | int | None
    explanation: str


@dataclass(frozen=True)
class LegendEntry:
    label: str
    colour: str


@dataclass(frozen=True)
class Structure:
    map: str  # SVG
    relations: int  # ties between organisations, as the analysis counts them
    relations_drawn: int
    types: list[LegendEntry]  # the type groups that colour the organisations
    kinds: list[LegendEntry]
    figures_explained: list[Explained]
    brokers: list[str]
    cut_points: list[str]
    isolates: list[str]
    communities: int

    def figures(self) -> list[Figure]:
        return [Figure(f"structure.{f.key}", f.label, round(f.value, 3) if isinstance(f.value, float) else f.value)
                for f in self.figures_explained]

    def tables(self) -> list[Table]:
        return [
            Table("structure_figures", _("Structure of the network"), [_("Figure"), _("Value"), _("What it means")],
                  [[f.label, f.value, f.explanation] for f in self.figures_explained]),
            Table("structure_positions", _("Positions in the network"), [_("Position"), _("Organisation")],
                  [[str(LABELS[key]), name] for key, names in (("brokers", self.brokers),
                                                                 ("cut_points", self.cut_points),
                                                                 ("isolates", self.isolates)) for name in names]),
        ]


def build(*, network: Network, period: Period, language: str) -> Structure:
    """All relations of today (hand-entered, co-membership, survey): the map and the analysis agree."""
    data = map_data(network=network)
    members_see = Question(network_id=network.pk, survey_ties=SurveyTies.AGGREGATED)  # as network_analysis's default
    analysis = analysis_now(network=network, question=members_see)
    explained = [Explained(key, str(LABELS[key]), getattr(analysis, key), str(EXPLANATIONS[key]))
                 for key in FIGURES]
    return Structure(
        map=map_svg(data, title=_("Map of %(network)s") % {"network": network.name}),
        relations=data["ties"]["count"], relations_drawn=drawn_ties(data),
        types=[LegendEntry(g["label"], g["colour"]) for g in data["legend"]["groups"]],
        kinds=[LegendEntry(k["label"], k["colour"]) for k in data["legend"]["kinds"]],
        figures_explained=explained, brokers=[b.name for b in analysis.brokers],
        cut_points=list(analysis.cut_points), isolates=list(analysis.isolates),
        communities=len(analysis.communities))


SECTION = Section("structure", gettext_lazy("Map and structure of the network"), build)
