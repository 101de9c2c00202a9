"""Governance advice beside the current form, with the tensions the board should weigh."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from netwerkregie.governance.models import GovernanceForm
from netwerkregie.governance.selectors import governance_advice
from netwerkregie.registry.models import Network

from .base import Figure, Period, Section, Table


@dataclass(frozen=True)
class InputLine:
    label: str
    value: float | int | None
    source: str
    missing: bool


@dataclass(frozen=True)
class FormScore:
    label: str
    score: float | None
    recommended: bool


@dataclass(frozen=True)
class Governance:
    current_form: str
    lead_organisation: str
    advised_form: str  # "" while inputs are missing
    comparison: str
    status: str
    reasons: list[str]
    tensions: list[str]
    inputs: list[InputLine]
    scores: list[FormScore]

    def figures(self) -> list[Figure]:
        return [Figure("governance.current_form", _("Current governance form"), self.current_form),
                Figure("governance.advised_form", _("Advised governance form"), self.advised_form or None)]

    def tables(self) -> list[Table]:
        return [
            Table("governance_inputs", _("Inputs of the governance advice"), [_("Input"), _("Value"), _("Source")],
                  [[i.label, i.value, i.source] for i in self.inputs]),
            Table("governance_scores", _("Fit per governance form"), [_("Form"), _("Score"), _("Advised")],
                  [[s.label, s.score, _("yes") if s.recommended else ""] for s in self.scores]),
        ]


def build(*, network: Network, period: Period, language: str) -> Governance:
    advice = governance_advice(network=network)
    lead = advice.profile.lead_organisation
    return Governance(
        current_form=str(advice.profile.get_current_form_display()), lead_organisation=lead.name if lead else "",
        advised_form=str(GovernanceForm(advice.advice.recommended).label) if advice.advice else "",
        comparison=str(advice.comparison.message), status=advice.comparison.status,
        reasons=[str(reason) for reason in advice.advice.reasons] if advice.advice else [],
        tensions=[str(tension) for tension in advice.tensions],
        inputs=[InputLine(str(i.label), i.value, i.source_label, i.missing) for i in advice.inputs.values()],
        scores=[FormScore(str(row.label), row.score, row.recommended) for row in advice.table])


SECTION = Section("governance", gettext_lazy("Governance: advice and current form"), build)
