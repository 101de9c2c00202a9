"""Reads for the governance advice: the network's own data turned into the inputs of advice.py.

Every input says where it comes from (a survey round, the registry, the network analysis, an
estimate entered by hand) and, when it is missing, what to do about it, so a board can judge
the advice. The queries are a fixed number whatever the size of the network.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from netwerkregie.analysis import selectors as analysis_selectors
from netwerkregie.assessments.models import Answer, SurveyRound
from netwerkregie.assessments.scoring import contingency_scores
from netwerkregie.registry.models import CoalitionParticipation, CoalitionStatus, Network

from . import advice as rules
from .models import GovernanceForm, GovernanceProfile

RELATIONS = "relations"
CONTINGENCIES = "governance_contingencies"
SURVEY_DIMENSIONS = ("goal_consensus", "competency_need")
REQUIRED = ("participants", "trust_density", "goal_consensus", "competency_need")

# Where an input comes from.
SURVEY, HAND, REGISTRY, ANALYSIS, MISSING = "survey", "hand", "registry", "analysis", "missing"

# Bands of a 0..1 value for the Provan & Kenis table; the same cut-offs advice.py uses in its reasons.
LOW_BELOW = 0.33
HIGH_FROM = 0.66
# "Moderately low" and "moderately high" goal consensus (lead organisation vs NAO) split here.
MODERATE_SPLIT = 0.5
# "Highly centralised" (lead organisation) from here on: one organisation holds most ties.
CENTRALISED_FROM = 0.5

EXPLANATIONS = {
    "participants": gettext_lazy(
        "The organisations that take part in at least one active coalition today."),
    "trust_density": gettext_lazy(
        "The share of pairs of organisations whose trust in each other is 3 or more on the 1–4 scale of "
        "the relational survey: 0 = nobody trusts anybody, 1 = every pair trusts each other."),
    "centralization": gettext_lazy(
        "How much the relations run through one organisation: 0 = spread evenly, 1 = everything runs "
        "through one organisation."),
    "goal_consensus": gettext_lazy(
        "How far the partners agree on the goals of the network: 0 = not at all, 1 = fully."),
    "competency_need": gettext_lazy(
        "How much the network needs people and skills of its own, beyond what the partners can do "
        "alongside their work: 0 = not at all, 1 = very much."),
}
LABELS = {
    "participants": gettext_lazy("Number of participants"),
    "trust_density": gettext_lazy("Trust density"),
    "centralization": gettext_lazy("Centralisation"),
    "goal_consensus": gettext_lazy("Goal consensus"),
    "competency_need": gettext_lazy("Need for network-level competencies"),
}


@dataclass
class AdviceInput:
    """One input of the advice, with its source and a plain explanation of it."""

    key: str
    value: float | int | None
    source: str
    round: str | None = None
    respondents: int | None = None
    note: str = ""
    missing: bool = False

    @property
    def label(self) -> Promise:
        return LABELS[self.key]

    @property
    def explanation(self) -> Promise:
        return EXPLANATIONS[self.key]

    @property
    def source_label(self) -> str:
        if self.source == SURVEY:
            return _("survey %(round)s") % {"round": self.round}
        return {HAND: _("entered by hand"), REGISTRY: _("registry"), ANALYSIS: _("network analysis"),
                MISSING: _("missing")}[self.source]

    def as_dict(self) -> dict:
        return {"key": self.key, "label": str(self.label), "value": self.value, "source": self.source,
                "source_label": self.source_label, "round": self.round, "respondents": self.respondents,
                "missing": self.missing, "note": self.note, "explanation": str(self.explanation)}


# Inputs ------------------------------------------------------------------------------------


def governance_profile_get(*, network: Network) -> GovernanceProfile:
    """The network's profile, or an unsaved empty one ("not decided") when nobody entered it yet."""
    profile = (GovernanceProfile.objects.select_related("lead_organisation", "updated_by")
               .filter(network=network).first())
    return profile or GovernanceProfile(network=network)


def participant_count(*, network: Network) -> int:
    """Organisations in at least one active coalition today: those the governance form must serve."""
    return (CoalitionParticipation.objects.active()
            .filter(coalition__network=network, coalition__status=CoalitionStatus.ACTIVE)
            .values("organisation_id").distinct().count())


def _latest_round(network: Network, instrument: str, survey_round: SurveyRound | None) -> SurveyRound | None:
    """The chosen round if it holds answers to `instrument`, else (no choice) the latest one that does."""
    rounds = network.survey_rounds.filter(
        Q(pk=survey_round.pk) if survey_round is not None else Q(),
        pk__in=Answer.objects.filter(instrument=instrument).values("invitation__round_id"))
    return rounds.order_by("-opens_on", "-pk").first()


def _participants_input(network: Network) -> AdviceInput:
    count = participant_count(network=network)
    if count >= 2:
        return AdviceInput("participants", count, REGISTRY)
    return AdviceInput("participants", count, MISSING, missing=True, note=_(
        "Fewer than two organisations take part in an active coalition. Register the network's coalitions "
        "and the organisations taking part in them (Coalitions), and set their status to active."))


def _respondents(survey_round: SurveyRound, instrument: str) -> int:
    return (Answer.objects.filter(invitation__round=survey_round, instrument=instrument)
            .values("invitation_id").distinct().count())


def _trust_input(network: Network, survey_round: SurveyRound | None) -> AdviceInput:
    """Trust density of the relational survey, shown only from the network's anonymity minimum on."""
    chosen = _latest_round(network, RELATIONS, survey_round)
    if chosen is None:
        if survey_round is not None:
            note = _("Survey round %(round)s has no answers to the relational survey. Choose another round, or "
                     "add the instrument “Relations between organisations” to a new round.") % {
                "round": survey_round.name}
        else:
            note = _("No survey round has answers to the relational survey yet. Run a survey round with the "
                     "instrument “Relations between organisations”: each partner rates its trust in the others.")
        return AdviceInput("trust_density", None, MISSING, missing=True, note=note)
    respondents = _respondents(chosen, RELATIONS)
    if respondents < network.anonymity_minimum:
        return AdviceInput("trust_density", None, MISSING, round=chosen.name, respondents=respondents,
                           missing=True, note=ngettext(
            "In survey round %(round)s %(count)d partner answered the relational survey; at least %(minimum)d "
            "are needed before a survey result is shown (the network's anonymity minimum). Invite more "
            "partners to the relational survey.",
            "In survey round %(round)s %(count)d partners answered the relational survey; at least %(minimum)d "
            "are needed before a survey result is shown (the network's anonymity minimum). Invite more "
            "partners to the relational survey.", respondents) % {
            "round": chosen.name, "count": respondents, "minimum": network.anonymity_minimum})
    density = analysis_selectors.trust_density(network=network, survey_round=chosen)
    if density is None:
        return AdviceInput("trust_density", None, MISSING, round=chosen.name, respondents=respondents,
                           missing=True, note=_(
            "In survey round %(round)s fewer than two organisations of the network answered the relational "
            "survey or were rated in it. Invite partners of several organisations.") % {"round": chosen.name})
    return AdviceInput("trust_density", round(density, 3), SURVEY, round=chosen.name, respondents=respondents)


def _centralization_input(network: Network, survey_round: SurveyRound | None) -> AdviceInput:
    """Degree centralisation of all the network's relations (survey, co-membership, entered by hand).

    Optional for the advice: without it the scores rest on the four Provan & Kenis characteristics.
    """
    analysis = analysis_selectors.network_analysis(network=network, survey_round=survey_round)
    if analysis["nodes"] < 3 or not analysis.get("edges"):
        return AdviceInput("centralization", None, MISSING, missing=True, note=_(
            "There are too few relations between organisations to say how centralised the network is. Enter "
            "relations, register coalitions or run the relational survey. The advice is given without it."))
    components = analysis.get("components") or 1
    note = "" if components <= 1 else _(
        "The network falls apart into %(count)d parts without any tie between them (an organisation without "
        "relations counts as a part of its own); whatever the form of governance, it will have to connect them."
    ) % {"count": components}
    return AdviceInput("centralization", round(analysis["degree_centralization"], 3), ANALYSIS, note=note)


def _contingency_values(survey_round: SurveyRound) -> dict[str, list[float]]:
    """Each respondent's goal consensus and competency need (0..1) in one round."""
    per_respondent: dict[int, dict[str, object]] = defaultdict(dict)
    answers = Answer.objects.filter(invitation__round=survey_round, instrument=CONTINGENCIES, subject="")
    for invitation_id, item, value in answers.values_list("invitation_id", "item", "value"):
        per_respondent[invitation_id][item] = value
    scores = [contingency_scores(items) for items in per_respondent.values()]
    return {key: [s[key] for s in scores if s[key] is not None] for key in SURVEY_DIMENSIONS}


def _contingency_inputs(network: Network, profile: GovernanceProfile,
                        survey_round: SurveyRound | None) -> dict[str, AdviceInput]:
    """From the survey when enough partners answered (anonymity minimum), else the hand estimate."""
    chosen = _latest_round(network, CONTINGENCIES, survey_round)
    values = _contingency_values(chosen) if chosen is not None else {}
    minimum = network.anonymity_minimum
    inputs = {}
    for key in SURVEY_DIMENSIONS:
        given = values.get(key, [])
        if chosen is not None and given and len(given) >= minimum:
            inputs[key] = AdviceInput(key, round(statistics.fmean(given), 3), SURVEY, round=chosen.name,
                                      respondents=len(given))
            continue
        if chosen is None:
            why = _("No survey round has measured this yet with the instrument “Governance contingencies”.")
        else:
            why = ngettext("In survey round %(round)s %(count)d partner answered this; at least %(minimum)d are "
                           "needed before a survey result is shown (the network's anonymity minimum).",
                           "In survey round %(round)s %(count)d partners answered this; at least %(minimum)d are "
                           "needed before a survey result is shown (the network's anonymity minimum).",
                           len(given)) % {
                "round": chosen.name, "count": len(given), "minimum": minimum}
        hand = getattr(profile, key)
        if hand is not None:
            inputs[key] = AdviceInput(key, hand, HAND, note=why + " " + _(
                "The estimate entered by hand in the governance profile is used instead."))
        else:
            inputs[key] = AdviceInput(key, None, MISSING, missing=True, note=why + " " + _(
                "Run a survey round with the instrument “Governance contingencies” among the partners, or "
                "enter an estimate by hand in the governance profile."))
    return inputs


def advice_inputs(*, network: Network, survey_round: SurveyRound | None = None,
                  profile: GovernanceProfile | None = None) -> dict[str, AdviceInput]:
    """Participants, trust density, centralisation, goal consensus and competency need, with sources.

    `survey_round` restricts the survey inputs to that round; by default each comes from the latest
    round that measured it.
    """
    profile = profile or governance_profile_get(network=network)
    return {
        "participants": _participants_input(network),
        "trust_density": _trust_input(network, survey_round),
        "centralization": _centralization_input(network, survey_round),
        **_contingency_inputs(network, profile, survey_round),
    }


# The Provan & Kenis table --------------------------------------------------------------------


@dataclass
class Cell:
    """One cell of the Provan & Kenis table: what the form needs, the range used, and whether it fits."""

    text: Promise
    range: str
    fits: bool | None  # None: this network's value is missing


@dataclass
class Row:
    form: str
    label: Promise
    cells: list[Cell] = field(default_factory=list)
    score: float | None = None  # the fit score of advice.py, when there is advice
    recommended: bool = False

    @property
    def fitting(self) -> int:
        return sum(1 for cell in self.cells if cell.fits)


TABLE_COLUMNS = ("trust_density", "participants", "goal_consensus", "competency_need")


def _between(value: float | None, low: float, high: float | None) -> bool | None:
    if value is None:
        return None
    return low <= value and (high is None or value < high)


def _fraction_range(low: float, high: float | None) -> str:
    if low == 0:
        return f"< {high:.2f}"
    if high is None:
        return f"≥ {low:.2f}"
    return f"{low:.2f} – {high:.2f}"


def provan_kenis_table(inputs: dict[str, AdviceInput]) -> list[Row]:
    """Provan & Kenis (2008, table 2) with each cell marked when this network's value lies in its range."""
    trust = inputs["trust_density"].value
    central = inputs["centralization"].value
    participants = None if inputs["participants"].missing else inputs["participants"].value
    goals = inputs["goal_consensus"].value
    need = inputs["competency_need"].value
    few, moderate = rules.PARTICIPANTS_FEW_MAX, rules.PARTICIPANTS_MODERATE_MAX
    lead_trust = _between(trust, 0, LOW_BELOW)
    if lead_trust and central is not None:
        lead_trust = central >= CENTRALISED_FROM
    return [
        Row(GovernanceForm.SHARED_GOVERNANCE, GovernanceForm.SHARED_GOVERNANCE.label, [
            Cell(gettext_lazy("high density"), _fraction_range(HIGH_FROM, None), _between(trust, HIGH_FROM, None)),
            Cell(gettext_lazy("few"), f"2 – {few}", _between(participants, 2, few + 1)),
            Cell(gettext_lazy("high"), _fraction_range(HIGH_FROM, None), _between(goals, HIGH_FROM, None)),
            Cell(gettext_lazy("low"), _fraction_range(0, LOW_BELOW), _between(need, 0, LOW_BELOW)),
        ]),
        Row(GovernanceForm.LEAD_ORGANIZATION, GovernanceForm.LEAD_ORGANIZATION.label, [
            Cell(gettext_lazy("low density, highly centralised"),
                 _("%(trust)s, centralisation %(central)s") % {
                     "trust": _fraction_range(0, LOW_BELOW), "central": _fraction_range(CENTRALISED_FROM, None)},
                 lead_trust),
            Cell(gettext_lazy("moderate number"), f"{few + 1} – {moderate}",
                 _between(participants, few + 1, moderate + 1)),
            Cell(gettext_lazy("moderately low"), _fraction_range(0, MODERATE_SPLIT),
                 _between(goals, 0, MODERATE_SPLIT)),
            Cell(gettext_lazy("moderate"), _fraction_range(LOW_BELOW, HIGH_FROM), _between(need, LOW_BELOW, HIGH_FROM)),
        ]),
        Row(GovernanceForm.NAO, GovernanceForm.NAO.label, [
            Cell(gettext_lazy("moderate density, NAO monitored by members"), _fraction_range(LOW_BELOW, HIGH_FROM),
                 _between(trust, LOW_BELOW, HIGH_FROM)),
            Cell(gettext_lazy("moderate to many"), _("%(n)d or more") % {"n": few + 1},
                 _between(participants, few + 1, None)),
            Cell(gettext_lazy("moderately high"), _fraction_range(MODERATE_SPLIT, HIGH_FROM),
                 _between(goals, MODERATE_SPLIT, HIGH_FROM)),
            Cell(gettext_lazy("high"), _fraction_range(HIGH_FROM, None), _between(need, HIGH_FROM, None)),
        ]),
    ]


# The advice beside the current form ---------------------------------------------------------

# Provan & Kenis: networks move from shared governance to a lead organisation or NAO, and from a lead
# organisation to an NAO; rarely back.
TYPICAL_STEPS = {(GovernanceForm.SHARED_GOVERNANCE, GovernanceForm.LEAD_ORGANIZATION),
                 (GovernanceForm.SHARED_GOVERNANCE, GovernanceForm.NAO),
                 (GovernanceForm.LEAD_ORGANIZATION, GovernanceForm.NAO)}
ADVISED_FORMS = (GovernanceForm.SHARED_GOVERNANCE, GovernanceForm.LEAD_ORGANIZATION, GovernanceForm.NAO)


@dataclass
class Comparison:
    """The current form beside the advice: `status` is undecided, no_advice, matches or differs."""

    status: str
    message: str


def _form_label(form: str) -> str:
    return str(GovernanceForm(form).label)


def compare(current: str, advice: rules.Advice | None) -> Comparison:
    """Say plainly whether the form the network has is the one its data point to."""
    if advice is None:
        return Comparison("no_advice", _("There is no advice yet to compare the current form with: some inputs "
                                         "are missing (see below)."))
    advised = _form_label(advice.recommended)
    runner_up = sorted(advice.scores, key=advice.scores.get, reverse=True)[1]
    if current == GovernanceForm.UNDECIDED:
        return Comparison("undecided", _("No current governance form has been entered yet. The data point to "
                                         "%(advised)s.") % {"advised": advised})
    if current == advice.recommended or (current == GovernanceForm.HYBRID and advice.hybrid):
        return Comparison("matches", _("The current form, %(current)s, matches the advice.") % {
            "current": _form_label(current)})
    if advice.hybrid and current == runner_up:
        return Comparison("matches", _(
            "The current form, %(current)s, is one of the two forms that fit almost equally well; the data "
            "also point to %(advised)s, so a hybrid form may be considered.") % {
            "current": _form_label(current), "advised": advised})
    message = _("The current form, %(current)s, differs from the advice: the data point to %(advised)s.") % {
        "current": _form_label(current), "advised": advised}
    if (current, advice.recommended) in TYPICAL_STEPS:
        message += " " + _("That is a common step as networks grow: from shared governance to a lead "
                           "organisation or NAO, and from a lead organisation to an NAO.")
    elif current in ADVISED_FORMS:
        message += " " + _("Networks rarely move back in this direction; check first whether the data describe "
                           "the network well and discuss the advice in the board.")
    return Comparison("differs", message)


def thresholds(*, network: Network) -> list[tuple[Promise | str, str]]:
    """Every threshold the advice and the table use, for the page and the API."""
    few, moderate = rules.PARTICIPANTS_FEW_MAX, rules.PARTICIPANTS_MODERATE_MAX
    return [
        (gettext_lazy("Few / moderate / many participants"),
         f"≤ {few} / {few + 1} – {moderate} / > {moderate}"),
        (gettext_lazy("Low / moderate / high (0–1 values)"),
         f"< {LOW_BELOW:.2f} / {LOW_BELOW:.2f} – {HIGH_FROM:.2f} / ≥ {HIGH_FROM:.2f}"),
        (gettext_lazy("Moderately low / moderately high goal consensus"),
         f"< {MODERATE_SPLIT:.2f} / {MODERATE_SPLIT:.2f} – {HIGH_FROM:.2f}"),
        (gettext_lazy("Highly centralised"), f"≥ {CENTRALISED_FROM:.2f}"),
        (gettext_lazy("A pair of organisations counts as trusting"),
         _("trust ≥ %(min)d on the 1–4 scale") % {"min": analysis_selectors.TRUSTED}),
        (gettext_lazy("Hybrid form indicated when the two best scores differ by less than"),
         f"{rules.HYBRID_MARGIN:.2f}"),
        (gettext_lazy("Weight of centralisation in the scores of shared governance and lead organisation"),
         "1/5"),
        (gettext_lazy("Survey results used from"),
         _("%(n)d respondents (anonymity minimum)") % {"n": network.anonymity_minimum}),
    ]


@dataclass
class GovernanceAdvice:
    """Everything the advice page and the API show."""

    inputs: dict[str, AdviceInput]
    advice: rules.Advice | None
    profile: GovernanceProfile
    comparison: Comparison
    table: list[Row]
    thresholds: list[tuple[Promise | str, str]]

    @property
    def missing(self) -> list[AdviceInput]:
        return [item for item in self.inputs.values() if item.missing]

    @property
    def tensions(self) -> list:
        """Named beside any advice, and also while there is none yet."""
        return self.advice.tensions if self.advice is not None else list(rules.TENSIONS)

    def as_dict(self) -> dict:
        """Plain data for the API and reports: texts in the active language, numbers as numbers."""
        lead = self.profile.lead_organisation
        return {
            "inputs": {key: item.as_dict() for key, item in self.inputs.items()},
            "recommended": self.advice.recommended if self.advice else None,
            "hybrid": self.advice.hybrid if self.advice else False,
            "scores": self.advice.scores if self.advice else {},
            "reasons": [str(reason) for reason in self.advice.reasons] if self.advice else [],
            "tensions": [str(tension) for tension in self.tensions],
            "current_form": {
                "form": self.profile.current_form, "label": str(self.profile.get_current_form_display()),
                "lead_organisation": lead.pk if lead else None, "lead_organisation_name": lead.name if lead else None,
                "status": self.comparison.status, "message": self.comparison.message,
            },
            "table": [{"form": row.form, "label": str(row.label), "score": row.score, "recommended": row.recommended,
                       "cells": [{"column": column, "text": str(cell.text), "range": cell.range, "fits": cell.fits}
                                 for column, cell in zip(TABLE_COLUMNS, row.cells, strict=True)]}
                      for row in self.table],
            "thresholds": [{"label": str(label), "value": value} for label, value in self.thresholds],
        }


def governance_advice(*, network: Network, survey_round: SurveyRound | None = None) -> GovernanceAdvice:
    """The advice from the network's own data, the table, and the current form beside it."""
    profile = governance_profile_get(network=network)
    inputs = advice_inputs(network=network, survey_round=survey_round, profile=profile)
    advice = None
    if not any(inputs[key].missing for key in REQUIRED):
        advice = rules.advise(
            participants=inputs["participants"].value, trust_density=inputs["trust_density"].value,
            goal_consensus=inputs["goal_consensus"].value, competency_need=inputs["competency_need"].value,
            centralization=inputs["centralization"].value)
    table = provan_kenis_table(inputs)
    for row in table if advice is not None else []:
        row.score = advice.scores[row.form]
        row.recommended = row.form == advice.recommended
    return GovernanceAdvice(inputs=inputs, advice=advice, profile=profile,
                            comparison=compare(profile.current_form, advice),
                            table=table, thresholds=thresholds(network=network))
