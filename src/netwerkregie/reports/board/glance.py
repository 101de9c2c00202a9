"""The network at a glance: counts, themes with their leads, coalitions and who contributes where."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from netwerkregie.registry import selectors
from netwerkregie.registry.models import Network

from .base import Figure, Period, Section, Table

COUNT_LABELS = {
    "organisations": gettext_lazy("Organisations"), "people": gettext_lazy("People"),
    "themes": gettext_lazy("Themes"), "coalitions": gettext_lazy("Coalitions"),
    "governance_units": gettext_lazy("Governance units"), "initiatives": gettext_lazy("Initiatives"),
}


@dataclass(frozen=True)
class ThemeLine:
    name: str
    coalitions: int
    leads: list[str]


@dataclass(frozen=True)
class Contribution:
    organisation: str
    people: Decimal | None
    money: Decimal | None
    knowledge: str


@dataclass(frozen=True)
class CoalitionLine:
    name: str
    theme: str
    form: str
    status: str
    contributions: list[Contribution]

    @property
    def people(self) -> Decimal:
        return sum((c.people for c in self.contributions if c.people), Decimal(0))

    @property
    def money(self) -> Decimal:
        return sum((c.money for c in self.contributions if c.money), Decimal(0))


@dataclass(frozen=True)
class Glance:
    counts: list[Figure]
    themes: list[ThemeLine]
    coalitions: list[CoalitionLine]

    def figures(self) -> list[Figure]:
        return [*self.counts,
                Figure("glance.people_fte", _("People contributed (FTE)"), sum(c.people for c in self.coalitions)),
                Figure("glance.money", _("Money contributed (€)"), sum(c.money for c in self.coalitions))]

    def tables(self) -> list[Table]:
        return [
            Table("glance_counts", _("The network in numbers"), [_("What"), _("Number")],
                  [[figure.label, figure.value] for figure in self.counts]),
            Table("glance_themes", _("Themes"), [_("Theme"), _("Coalitions"), _("Leads")],
                  [[t.name, t.coalitions, "; ".join(t.leads)] for t in self.themes]),
            Table("glance_contributions", _("Who contributes where"),
                  [_("Coalition"), _("Theme"), _("Status"), _("Organisation"), _("People (FTE)"), _("Money (€)"),
                   _("Knowledge")],
                  [[c.name, c.theme, c.status, p.organisation, p.people, p.money, p.knowledge]
                   for c in self.coalitions for p in c.contributions]),
        ]


def build(*, network: Network, period: Period, language: str) -> Glance:
    """Counts and lists as the registry's selectors give them today (the registry keeps no snapshots)."""
    counts = [Figure(f"glance.{key}", str(COUNT_LABELS[key]), value)
              for key, value in selectors.network_counts(network=network).items()]
    themes = [ThemeLine(theme.name, theme.coalition_count,
                        [f"{role.person.name} ({role.get_kind_display()})" for role in theme.roles.all()])
              for theme in selectors.theme_list(network=network)]
    coalitions = [CoalitionLine(
        coalition.name, coalition.theme.name, coalition.get_form_display(), coalition.get_status_display(),
        sorted((Contribution(p.organisation.name, p.contribution_people, p.contribution_money,
                             p.contribution_knowledge) for p in coalition.participations.all()),
               key=lambda c: c.organisation.lower()))
        for coalition in selectors.coalition_list(network=network)]
    return Glance(counts, themes, coalitions)


SECTION = Section("glance", gettext_lazy("The network at a glance"), build)
