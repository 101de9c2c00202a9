"""Reads for the governance advice: the network's own data turned into the inputs of advice.py.

Every input says where it comes from (a survey round, the registry, the network analysis, an
estimate entered by hand) and, when it is missing, what to do about it, so a board can judge
the advice. The queries are a fixed number whatever the size of the network.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from dataclasses import dataclass, field

from django.db import models
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from netwerkregie.analysis import selectors as analysis_selectors
from netwerkregie.analysis.contract import SOURCES
from netwerkregie.analysis.stored import question_asked
from netwerkregie.analysis.tasks import analysis_state
from netwerkregie.assessments.models import Answer, SurveyRound
from netwerkregie.assessments.scoring import contingency_scores
from netwerkregie.assessments.selectors import CountingRound, counting_round
from netwerkregie.registry.models import Network, SurveyTies
from netwerkregie.registry.selectors import PARTICIPANTS_DEFINITION, participant_count

from . import advice as rules
from .models import GovernanceForm, GovernanceProfile

RELATIONS = "relations"
CONTINGENCIES = "governance_contingencies"
SURVEY_DIMENSIONS = ("goal_consensus", "competency_need")
REQUIRED = ("participants", "trust_density", "goal_consensus", "competency_need")

class InputSource(models.TextChoices):
    """Where an input of the advice comes from (a survey input is labelled with its round)."""

    SURVEY = "survey", gettext_lazy("survey")
    HAND = "hand", gettext_lazy("entered by hand")
    REGISTRY = "registry", gettext_lazy("registry")
    ANALYSIS = "analysis", gettext_lazy("network analysis")
    MISSING = "missing", gettext_lazy("missing")


EXPLANATIONS = {
    "participants": PARTICIPANTS_DEFINITION,
    "trust_density": gettext_lazy(
        "Of the pairs an answering organisation rates (it and every other organisation of the network), the share "
        "whose trust is 3 or more on the 1–4 scale of the relational survey: 0 = nobody trusts anybody, 1 = every "
        "pair trusts each other. Organisations that did not answer are left out, not counted as distrust."),
    "centralization": gettext_lazy(
        "How much the relations run through one organisation: 0 = spread evenly, 1 = everything runs "
        "through one organisation."),
    "goal_consensus": gettext_lazy(
        "How far the partners agree on the goals of the network: 0 = not at all, 1 = fully. From a survey it is the "
        "respondents' mean minus their spread (standard deviation), so a split network does not count as moderate "
        "consensus."),
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


@dataclass(frozen=True)
class NextStep:
    """A link to the page where a missing input gets filled in; some are for coordinators only."""

    label: Promise
    url_name: str  # reversed with the network's slug
    coordinator_only: bool = False


SURVEY_ROUNDS_STEP = NextStep(gettext_lazy("Go to the survey rounds"), "assessments:round_list")
NEXT_STEPS = {
    "participants": (NextStep(gettext_lazy("Go to the organisations"), "registry:organisation_list"),),
    "centralization": (NextStep(gettext_lazy("Go to the coalitions"), "registry:coalition_list"),),
    "trust_density": (SURVEY_ROUNDS_STEP,),  # only the relational survey measures it: no estimate by hand
}
# The survey inputs a coordinator may also estimate on the governance profile.
ESTIMATED_STEPS = (SURVEY_ROUNDS_STEP, NextStep(gettext_lazy("Enter an estimate by hand"), "governance:profile_edit",
                                                coordinator_only=True))


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
    provisional: bool = False

    @property
    def label(self) -> Promise:
        return LABELS[self.key]

    @property
    def explanation(self) -> Promise:
        return EXPLANATIONS[self.key]

    @property
    def next_steps(self) -> tuple[NextStep, ...]:
        """Where a missing input gets filled in (the advice page links them)."""
        return NEXT_STEPS.get(self.key, ESTIMATED_STEPS)

    @property
    def source_label(self) -> str:
        if self.source == InputSource.SURVEY:
            label = _("survey %(round)s") % {"round": self.round}
            return label + " " + _("(provisional)") if self.provisional else label
        return str(InputSource(self.source).label)

    def as_dict(self) -> dict:
        return {"key": self.key, "label": str(self.label), "value": self.value, "source": self.source,
                "source_label": self.source_label, "round": self.round, "respondents": self.respondents,
                "missing": self.missing, "provisional": self.provisional, "note": self.note,
                "explanation": str(self.explanation)}


# Inputs ------------------------------------------------------------------------------------


def governance_profile_get(*, network: Network) -> GovernanceProfile:
    """The network's profile, or an unsaved empty one ("not decided") when nobody entered it yet."""
    profile = (GovernanceProfile.objects.select_related("lead_organisation__type", "updated_by")
               .filter(network=network).first())
    return profile or GovernanceProfile(network=network)


def _round(network: Network, instrument: str, survey_round: SurveyRound | None) -> CountingRound:
    """The round of assessments.counting_round: the chosen one, else the latest that counts."""
    return counting_round(network=network, instrument=instrument, chosen=survey_round)


def _participants_input(network: Network) -> AdviceInput:
    count = participant_count(network=network)
    if count >= 2:
        return AdviceInput("participants", count, InputSource.REGISTRY)
    return AdviceInput("participants", count, InputSource.MISSING, missing=True, note=_(
        "Fewer than two organisations are registered in the network. Register the organisations that take part "
        "(Organisations)."))


def _trust_input(network: Network, survey_round: SurveyRound | None, floor: int) -> AdviceInput:
    """Trust density over the organisations that answered, given only from `floor` % of them answering.

    Also shown only from the network's anonymity minimum of respondents on.
    """
    counting = _round(network, RELATIONS, survey_round)
    chosen = counting.round
    if chosen is None or RELATIONS not in chosen.instruments:
        if survey_round is not None:
            note = _("Survey round %(round)s has no answers to the relational survey. Choose another round, or "
                     "add the instrument “Relations between organisations” to a new round.") % {
                "round": survey_round.name}
        else:
            note = _("No closed survey round with enough responses has asked the relational survey yet. Run a survey "
                     "round with the instrument “Relations between organisations”: each partner rates its trust in "
                     "the others.")
        return AdviceInput("trust_density", None, InputSource.MISSING, missing=True, note=note)
    figures = analysis_selectors.round_figures(network=network, survey_round=chosen)  # stored once closed
    respondents = figures.respondents
    if respondents < network.anonymity_minimum:
        return AdviceInput("trust_density", None, InputSource.MISSING, round=chosen.name, respondents=respondents,
                           missing=True, provisional=counting.provisional, note=ngettext(
            "In survey round %(round)s %(count)d partner answered the relational survey; at least %(minimum)d "
            "are needed before a survey result is shown (the network's anonymity minimum). Invite more "
            "partners to the relational survey.",
            "In survey round %(round)s %(count)d partners answered the relational survey; at least %(minimum)d "
            "are needed before a survey result is shown (the network's anonymity minimum). Invite more "
            "partners to the relational survey.", respondents) % {
            "round": chosen.name, "count": respondents, "minimum": network.anonymity_minimum})
    density = figures.trust
    answered = _("In survey round %(round)s %(answering)d of the network's %(organisations)d organisations answered "
                 "(%(share)d %%).") % {"round": chosen.name, "answering": density.answering,
                                       "organisations": density.organisations,
                                       "share": round(100 * density.response_share)}
    if density.density is None or density.response_share * 100 < floor:
        return AdviceInput("trust_density", None, InputSource.MISSING, round=chosen.name, respondents=respondents,
                           missing=True, provisional=counting.provisional, note=answered + " " + _(
            "Trust is advised on from %(floor)d %% of the organisations answering (set in the governance profile): "
            "too few answered to say how far the partners trust each other. Invite the organisations that did not "
            "answer.") % {"floor": floor})
    return AdviceInput("trust_density", round(density.density, 3), InputSource.SURVEY, round=chosen.name,
                       respondents=respondents,
                       provisional=counting.provisional, note=answered)


def _centralization_input(network: Network, survey_round: SurveyRound | None) -> AdviceInput:
    """Degree centralisation of all the network's relations (survey, co-membership, entered by hand).

    From the stored network analysis of the survey ties as aggregated (analysis.tasks.analysis_state):
    computed inline for a network up to INLINE_MAX organisations, else in the background, meanwhile
    missing with a note. Optional for the advice: without it the scores rest on the four Provan &
    Kenis characteristics.
    """
    question = question_asked(network_id=network.pk, sources=SOURCES, survey_round=survey_round, directed=False,
                              survey_ties=SurveyTies.AGGREGATED)
    state = analysis_state(network=network, question=question, size=network.organisations.count())
    analysis = state.analysis
    if not state.current:
        return AdviceInput("centralization", None, InputSource.MISSING, missing=True, note=_(
            "The network analysis is being computed again after the latest changes; the centralisation is given "
            "as soon as it is ready. Until then the advice is given without it."))
    if analysis.nodes < 3 or not analysis.edges:
        return AdviceInput("centralization", None, InputSource.MISSING, missing=True, note=_(
            "There are too few relations between organisations to say how centralised the network is. Enter "
            "relations, register coalitions or run the relational survey. The advice is given without it, but then a "
            "lead organisation cannot be confirmed: it needs a highly centralised network."))
    components = analysis.components or 1
    note = "" if components <= 1 else _(
        "The network falls apart into %(count)d parts without any tie between them (an organisation without "
        "relations counts as a part of its own); whatever the form of governance, it will have to connect them."
    ) % {"count": components}
    return AdviceInput("centralization", round(analysis.degree_centralization, 3), InputSource.ANALYSIS,
                       note=note)


def _contingency_values(survey_round: SurveyRound) -> dict[str, list[float]]:
    """Each respondent's goal consensus and competency need (0..1) in one round."""
    per_respondent: dict[int, dict[str, object]] = defaultdict(dict)
    answers = Answer.objects.filter(invitation__round=survey_round, instrument=CONTINGENCIES, subject="")
    for invitation_id, item, value in answers.values_list("invitation_id", "item", "value"):
        per_respondent[invitation_id][item] = value
    scores = [contingency_scores(items) for items in per_respondent.values()]
    return {key: [s[key] for s in scores if s[key] is not None] for key in SURVEY_DIMENSIONS}


def goal_consensus(values: list[float]) -> float:
    """The mean agreement minus its spread (population standard deviation), at least 0.

    Half the partners at 0 and half at 1 average 0.5 but are split, not moderately agreed: 0.
    """
    return max(0.0, statistics.fmean(values) - statistics.pstdev(values))


def _contingency_inputs(network: Network, profile: GovernanceProfile,
                        survey_round: SurveyRound | None) -> dict[str, AdviceInput]:
    """From the survey when enough partners answered (anonymity minimum), else the hand estimate."""
    counting = _round(network, CONTINGENCIES, survey_round)
    chosen = counting.round if counting.round is not None and CONTINGENCIES in counting.round.instruments else None
    values = _contingency_values(chosen) if chosen is not None else {}
    minimum = network.anonymity_minimum
    inputs = {}
    for key in SURVEY_DIMENSIONS:
        given = values.get(key, [])
        if chosen is not None and given and len(given) >= max(minimum, 1):
            if key == "goal_consensus":
                value = goal_consensus(given)
                note = _("Mean %(mean)s, spread %(spread)s.") % {
                    "mean": number_format(statistics.fmean(given), 2),
                    "spread": number_format(statistics.pstdev(given), 2)}
            else:
                value, note = statistics.fmean(given), ""
            inputs[key] = AdviceInput(key, round(value, 3), InputSource.SURVEY, round=chosen.name,
                                      respondents=len(given),
                                      note=note, provisional=counting.provisional)
            continue
        if chosen is None:
            why = _("No closed survey round with enough responses has measured this yet with the instrument "
                    "“Governance contingencies”.")
        else:
            why = ngettext("In survey round %(round)s %(count)d partner answered this; at least %(minimum)d are "
                           "needed before a survey result is shown (the network's anonymity minimum).",
                           "In survey round %(round)s %(count)d partners answered this; at least %(minimum)d are "
                           "needed before a survey result is shown (the network's anonymity minimum).",
                           len(given)) % {
                "round": chosen.name, "count": len(given), "minimum": minimum}
        hand = getattr(profile, key)
        if hand is not None:
            inputs[key] = AdviceInput(key, hand, InputSource.HAND, note=why + " " + _(
                "The estimate entered by hand in the governance profile is used instead."))
        else:
            inputs[key] = AdviceInput(key, None, InputSource.MISSING, missing=True, note=why + " " + _(
                "Run a survey round with the instrument “Governance contingencies” among the partners, or "
                "enter an estimate by hand in the governance profile."))
    return inputs


def advice_inputs(*, network: Network, survey_round: SurveyRound | None = None,
                  profile: GovernanceProfile | None = None) -> dict[str, AdviceInput]:
    """Participants, trust density, centralisation, goal consensus and competency need, with sources.

    `survey_round` takes the survey inputs from that round (provisional when it would not count on its
    own); by default from the latest round that counts (assessments.selectors.counting_round).
    """
    profile = profile or governance_profile_get(network=network)
    return {
        "participants": _participants_input(network),
        "trust_density": _trust_input(network, survey_round, profile.trust_response_floor),
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


def _within(value: float | None, bounds: tuple[float, float]) -> bool | None:
    return None if value is None else bounds[0] <= value <= bounds[1]


def _fraction_range(bounds: tuple[float, float]) -> str:
    low, high = bounds
    if low == 0:
        return f"≤ {number_format(high, 2)}"
    if high == 1:
        return f"≥ {number_format(low, 2)}"
    return f"{number_format(low, 2)} – {number_format(high, 2)}"


def _cell(text: Promise, value: float | None, bounds: tuple[float, float]) -> Cell:
    return Cell(text, _fraction_range(bounds), _within(value, bounds))


def _band_range(bands: rules.ParticipantBands, names: tuple[str, ...]) -> str:
    ranges = bands.ranges()
    low = min(ranges[name][0] for name in names)
    highs = [ranges[name][1] for name in names]
    return _("%(n)d or more") % {"n": low} if None in highs else f"{low} – {max(highs)}"


def _in_bands(bands: rules.ParticipantBands, participants: int | None, names: tuple[str, ...]) -> bool | None:
    return None if participants is None else bool(set(bands.bands_of(participants)) & set(names))


def provan_kenis_table(inputs: dict[str, AdviceInput], bands: rules.ParticipantBands) -> list[Row]:
    """Provan & Kenis (2008, table 2) plus the hybrid of seed 000, each cell marked when this network fits it."""
    trust = inputs["trust_density"].value
    central = inputs["centralization"].value
    participants = None if inputs["participants"].missing else inputs["participants"].value
    goals = inputs["goal_consensus"].value
    need = inputs["competency_need"].value
    lead_trust = _within(trust, rules.TRUST[rules.LEAD])
    if lead_trust is not None:
        lead_trust = lead_trust and central is not None and central >= rules.CENTRALISED_FROM
    hybrid_participants = rules.PARTICIPANT_BANDS[rules.NAO]
    return [
        Row(GovernanceForm.SHARED_GOVERNANCE, GovernanceForm.SHARED_GOVERNANCE.label, [
            _cell(gettext_lazy("high density"), trust, rules.TRUST[rules.SHARED]),
            Cell(gettext_lazy("few"), _band_range(bands, ("few",)), _in_bands(bands, participants, ("few",))),
            _cell(gettext_lazy("high"), goals, rules.CONSENSUS[rules.SHARED]),
            _cell(gettext_lazy("low"), need, rules.NEED[rules.SHARED]),
        ]),
        Row(GovernanceForm.LEAD_ORGANIZATION, GovernanceForm.LEAD_ORGANIZATION.label, [
            Cell(gettext_lazy("low density, highly centralised"),
                 _("%(trust)s, centralisation %(central)s") % {
                     "trust": _fraction_range(rules.TRUST[rules.LEAD]),
                     "central": _fraction_range((rules.CENTRALISED_FROM, 1.0))},
                 lead_trust),
            Cell(gettext_lazy("moderate number"), _band_range(bands, ("moderate",)),
                 _in_bands(bands, participants, ("moderate",))),
            _cell(gettext_lazy("moderately low"), goals, rules.CONSENSUS[rules.LEAD]),
            _cell(gettext_lazy("moderate"), need, rules.NEED[rules.LEAD]),
        ]),
        Row(GovernanceForm.NAO, GovernanceForm.NAO.label, [
            _cell(gettext_lazy("moderate density, NAO monitored by members"), trust, rules.TRUST[rules.NAO]),
            Cell(gettext_lazy("moderate to many"), _band_range(bands, ("moderate", "many")),
                 _in_bands(bands, participants, ("moderate", "many"))),
            _cell(gettext_lazy("moderately high"), goals, rules.CONSENSUS[rules.NAO]),
            _cell(gettext_lazy("high"), need, rules.NEED[rules.NAO]),
        ]),
        Row(GovernanceForm.HYBRID, gettext_lazy("hybrid form: shared governance with an NAO (seed 000)"), [
            _cell(gettext_lazy("high density"), trust, rules.TRUST[rules.SHARED]),
            Cell(gettext_lazy("moderate to many"), _band_range(bands, hybrid_participants),
                 _in_bands(bands, participants, hybrid_participants)),
            _cell(gettext_lazy("high"), goals, rules.CONSENSUS[rules.SHARED]),
            Cell(gettext_lazy("any"), "0 – 1", None if need is None else True),
        ]),
    ]


# The advice beside the current form ---------------------------------------------------------

# Provan & Kenis: networks move from shared governance to a lead organisation or NAO, and from a lead
# organisation to an NAO; rarely back. Seed 000: participants in shared governance can adopt an NAO (hybrid).
TYPICAL_STEPS = {(GovernanceForm.SHARED_GOVERNANCE, GovernanceForm.LEAD_ORGANIZATION),
                 (GovernanceForm.SHARED_GOVERNANCE, GovernanceForm.NAO),
                 (GovernanceForm.SHARED_GOVERNANCE, GovernanceForm.HYBRID),
                 (GovernanceForm.LEAD_ORGANIZATION, GovernanceForm.NAO),
                 (GovernanceForm.HYBRID, GovernanceForm.NAO)}
ADVISED_FORMS = (GovernanceForm.SHARED_GOVERNANCE, GovernanceForm.LEAD_ORGANIZATION, GovernanceForm.NAO,
                 GovernanceForm.HYBRID)


@dataclass
class FormComparison:
    """The current form beside the advice: `status` is undecided, no_advice, matches or differs."""

    status: str
    message: str


def form_comparison(current: str, advice: rules.Advice | None) -> FormComparison:
    """Say plainly whether the form the network has is the one its data point to."""
    if advice is None:
        return FormComparison("no_advice", _("There is no advice yet to compare the current form with: some inputs "
                                         "are missing (see below)."))
    best = advice.tied or (advice.recommended,)
    advised = " / ".join(rules.form_label(form) for form in best)
    if current == GovernanceForm.UNDECIDED:
        return FormComparison("undecided", _("No current governance form has been entered yet. The data point to "
                                         "%(advised)s.") % {"advised": advised})
    if current in best:
        return FormComparison("matches", _("The current form, %(current)s, matches the advice.") % {
            "current": rules.form_label(current)})
    if current in advice.close:
        return FormComparison("matches", _(
            "The current form, %(current)s, fits almost as well as %(advised)s, which the data point to.") % {
            "current": rules.form_label(current), "advised": advised})
    message = _("The current form, %(current)s, differs from the advice: the data point to %(advised)s.") % {
        "current": rules.form_label(current), "advised": advised}
    if any((current, form) in TYPICAL_STEPS for form in best):
        message += " " + _("That is a common step as networks grow: from shared governance to a lead "
                           "organisation, an NAO or the hybrid form, and from a lead organisation to an NAO.")
    elif current in ADVISED_FORMS:
        message += " " + _("Networks rarely move back in this direction; check first whether the data describe "
                           "the network well and discuss the advice in the board.")
    return FormComparison("differs", message)


def thresholds(*, network: Network, profile: GovernanceProfile) -> list[tuple[Promise | str, str]]:
    """Every threshold the advice and the table use, for the page and the API."""
    ranges = profile.participant_bands.ranges()
    return [
        (gettext_lazy("Few / moderate / many participants (our assumption, set in the governance profile)"),
         f"{ranges['few'][0]} – {ranges['few'][1]} / {ranges['moderate'][0]} – {ranges['moderate'][1]} / "
         f"≥ {ranges['many'][0]}"),
        (gettext_lazy("Low / moderate / high (0–1 values)"),
         f"< {number_format(rules.LOW_BELOW, 2)} / {number_format(rules.LOW_BELOW, 2)} – "
         f"{number_format(rules.HIGH_FROM, 2)} / ≥ {number_format(rules.HIGH_FROM, 2)}"),
        (gettext_lazy("Moderately low / moderately high goal consensus"),
         f"{_fraction_range(rules.CONSENSUS[rules.LEAD])} / {_fraction_range(rules.CONSENSUS[rules.NAO])}"),
        (gettext_lazy("Highly centralised"), f"≥ {number_format(rules.CENTRALISED_FROM, 2)}"),
        (gettext_lazy("A pair of organisations counts as trusting"),
         _("trust ≥ %(min)d on the 1–4 scale") % {"min": analysis_selectors.TRUSTED}),
        (gettext_lazy("Trust advised on from this share of organisations answering"),
         f"{profile.trust_response_floor} %"),
        (gettext_lazy("A criterion's fit falls to 0 this far outside its range"), number_format(rules.TOLERANCE, 2)),
        (gettext_lazy("Lead organisation scores at most, without a known centralisation"),
         number_format(rules.LEAD_UNKNOWN_CAP, 2)),
        (gettext_lazy("Forms named as close within"), number_format(rules.CLOSE_MARGIN, 2)),
        (gettext_lazy("Survey results used from"),
         _("%(n)d respondents (anonymity minimum)") % {"n": network.anonymity_minimum}),
        (gettext_lazy("A closed survey round counts from"),
         _("%(share)d %% of the invited answering") % {"share": network.round_response_share}),
    ]


@dataclass
class GovernanceAdvice:
    """Everything the advice page and the API show."""

    inputs: dict[str, AdviceInput]
    advice: rules.Advice | None
    profile: GovernanceProfile
    comparison: FormComparison
    table: list[Row]
    thresholds: list[tuple[Promise | str, str]]

    @property
    def missing(self) -> list[AdviceInput]:
        return [item for item in self.inputs.values() if item.missing]

    @property
    def tensions(self) -> list:
        """Named beside any advice, and also while there is none yet."""
        return list(self.advice.tensions if self.advice is not None else rules.TENSIONS)

    @property
    def bands(self) -> list[str]:
        """The participant bands that apply to this network (two in an overlap)."""
        participants = self.inputs["participants"]
        if participants.missing:
            return []
        return [str(rules.BAND_LABELS[band]) for band in self.profile.participant_bands.bands_of(participants.value)]

    def as_dict(self) -> dict:
        """Plain data for the API and reports: texts in the active language, numbers as numbers."""
        lead = self.profile.lead_organisation
        advice = self.advice
        return {
            "inputs": {key: item.as_dict() for key, item in self.inputs.items()},
            "recommended": advice.recommended if advice else None,
            "tied": list(advice.tied) if advice else [],
            "close": list(advice.close) if advice else [],
            "hybrid": advice.hybrid if advice else False,
            "scores": advice.scores if advice else {},
            "participant_bands": self.bands,
            "reasons": [str(reason) for reason in advice.reasons] if advice else [],
            "notes": [str(note) for note in advice.notes] if advice else [],
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


def _years_active(network: Network) -> float | None:
    if network.start_date is None:
        return None
    return (timezone.localdate() - network.start_date).days / 365.25


def governance_advice(*, network: Network, survey_round: SurveyRound | None = None) -> GovernanceAdvice:
    """The advice from the network's own data, the table, and the current form beside it."""
    profile = governance_profile_get(network=network)
    inputs = advice_inputs(network=network, survey_round=survey_round, profile=profile)
    bands = profile.participant_bands
    advice = None
    if not any(inputs[key].missing for key in REQUIRED):
        lead = profile.lead_organisation
        advice = rules.advise(
            participants=inputs["participants"].value, trust_density=inputs["trust_density"].value,
            goal_consensus=inputs["goal_consensus"].value, competency_need=inputs["competency_need"].value,
            centralization=inputs["centralization"].value, bands=bands, years_active=_years_active(network),
            current_form=profile.current_form, lead_type=lead.type.key if lead else None)
    table = provan_kenis_table(inputs, bands)
    for row in table if advice is not None else []:
        row.score = advice.scores[row.form]
        row.recommended = row.form == advice.recommended
    return GovernanceAdvice(inputs=inputs, advice=advice, profile=profile,
                            comparison=form_comparison(profile.current_form, advice),
                            table=table, thresholds=thresholds(network=network, profile=profile))
