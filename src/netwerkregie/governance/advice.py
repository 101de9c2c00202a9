"""Governance-mode advice after Provan & Kenis (2008, table 2) and seed 000, as pure functions.

Kept free of Django models so the same rules serve the CLI, the API and tests.

Each form's fit is the mean of four criterion fits (trust, participants, goal consensus, need for
network-level competencies): 1 inside the range of the table, falling linearly to 0 at TOLERANCE
outside it. Each form also has a knock-out that caps its score, because the sources name a
condition without which the form does not work:

- shared governance is capped by its participants fit: it becomes inefficient as the number of
  participants grows (seed 000);
- a lead organisation is capped by centralisation: it needs a highly centralised network, and
  without a known centralisation it cannot be confirmed (LEAD_UNKNOWN_CAP);
- the hybrid of seed 000 (shared governance with an NAO, a dual decision structure) is the weakest
  of shared governance's trust and consensus fits, the NAO's participants fit and how far the
  network has outgrown the few band (1 − shared governance's participants fit): partners who could
  govern themselves, in a network too large to do so alone. With the default bands shared
  governance hands over to the hybrid at about 18 participants, near seed 002's 10–17.

Ties are never broken by the order of a dictionary: equal best scores give no single form.
The participant bands are our assumption (Provan & Kenis give only few / moderate / many) and
overlap; a network sets its own in the governance profile.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


class GovernanceForm(models.TextChoices):
    """The forms of Provan & Kenis (2008) plus the hybrid (docs/sources.md §2).

    The first four are the forms the advice weighs (`FORMS`), so a current form and a
    recommendation compare directly.
    """

    SHARED_GOVERNANCE = "shared_governance", gettext_lazy("shared governance")
    LEAD_ORGANIZATION = "lead_organization", gettext_lazy("lead organisation")
    NAO = "nao", gettext_lazy("network administrative organisation (NAO)")
    HYBRID = "hybrid", gettext_lazy("hybrid form")
    UNDECIDED = "undecided", gettext_lazy("not decided")


# The forms the advice weighs: GovernanceForm without "undecided", as plain values.
SHARED, LEAD, NAO, HYBRID = (GovernanceForm.SHARED_GOVERNANCE.value, GovernanceForm.LEAD_ORGANIZATION.value,
                             GovernanceForm.NAO.value, GovernanceForm.HYBRID.value)
FORMS = (SHARED, LEAD, NAO, HYBRID)

# Bands of a 0..1 value for the Provan & Kenis table.
LOW_BELOW = 0.33
HIGH_FROM = 0.66
# "Moderately low" (lead organisation) and "moderately high" (NAO) goal consensus split here.
MODERATE_SPLIT = 0.5
# "Highly centralised" (lead organisation) from here on.
CENTRALISED_FROM = 0.5
# A criterion's fit falls from 1 at the edge of its range to 0 this far outside it.
TOLERANCE = 0.5
# Without a known centralisation a lead organisation scores at most this.
LEAD_UNKNOWN_CAP = 0.5
# Forms scoring within this of the best are named as close.
CLOSE_MARGIN = 0.05
# A network this young (years since its start date) is "new" (seed 000: government often creates an NAO).
NEW_NETWORK_YEARS = 2
# Organisation types that fund the network: as lead organisation or NAO they play a double role.
FINANCIER_TYPES = frozenset({"municipality", "health_insurer", "care_office"})

# Which part of each 0..1 characteristic fits which form (Provan & Kenis 2008, table 2).
TRUST = {SHARED: (HIGH_FROM, 1.0), LEAD: (0.0, LOW_BELOW), NAO: (LOW_BELOW, HIGH_FROM)}
CONSENSUS = {SHARED: (HIGH_FROM, 1.0), LEAD: (0.0, MODERATE_SPLIT), NAO: (MODERATE_SPLIT, HIGH_FROM)}
NEED = {SHARED: (0.0, LOW_BELOW), LEAD: (LOW_BELOW, HIGH_FROM), NAO: (HIGH_FROM, 1.0)}
PARTICIPANT_BANDS = {SHARED: ("few",), LEAD: ("moderate",), NAO: ("moderate", "many")}

TENSIONS = [
    gettext_lazy("Efficiency versus inclusiveness: more involvement of all partners costs speed."),
    gettext_lazy("Internal versus external legitimacy: partners and outside funders value different things."),
    gettext_lazy("Flexibility versus stability: a fixed structure is reliable but adapts slower."),
]
BAND_LABELS = {"few": gettext_lazy("few"), "moderate": gettext_lazy("moderate"), "many": gettext_lazy("many")}


@dataclass(frozen=True)
class ParticipantBands:
    """Overlapping bands of few / moderate / many participants: our assumption, settable per network.

    Defaults: shared governance works face to face up to about a dozen partners (seed 002 reports
    board-level shared governance with 10–17), an NAO from a moderate number on.
    """

    few_max: int = 12
    moderate_min: int = 8
    moderate_max: int = 30
    many_min: int = 20

    def check(self) -> None:
        """Bands overlap or touch, in order: no number of participants falls in no band."""
        if not 2 <= self.moderate_min <= self.few_max + 1:
            raise ValidationError({"participants_moderate_min": _(
                "The moderate band must start between 2 and one more than the upper end of the few band.")})
        if not self.moderate_min < self.many_min <= self.moderate_max + 1:
            raise ValidationError({"participants_many_min": _(
                "The many band must start above the start of the moderate band and at most one more than its "
                "upper end.")})
        if not self.few_max < self.moderate_max:
            raise ValidationError({"participants_moderate_max": _(
                "The moderate band must end above the upper end of the few band.")})

    def ranges(self) -> dict[str, tuple[int, int | None]]:
        return {"few": (2, self.few_max), "moderate": (self.moderate_min, self.moderate_max),
                "many": (self.many_min, None)}

    def bands_of(self, participants: int) -> tuple[str, ...]:
        """Every band this number lies in (two in an overlap)."""
        return tuple(band for band, (low, high) in self.ranges().items()
                     if low <= participants and (high is None or participants <= high))

    def fit(self, participants: int, bands: tuple[str, ...]) -> float:
        """1 inside any of `bands`; outside, falling with the relative distance to the nearest one."""
        best = 0.0
        for band in bands:
            low, high = self.ranges()[band]
            if participants < low:
                best = max(best, 1 - (low - participants) / low)
            elif high is not None and participants > high:
                best = max(best, 1 - (participants - high) / high)
            else:
                return 1.0
        return max(best, 0.0)


def range_fit(value: float, bounds: tuple[float, float]) -> float:
    """1 inside [low, high], falling linearly to 0 at TOLERANCE outside."""
    low, high = bounds
    distance = max(low - value, value - high, 0.0)
    return max(0.0, 1 - distance / TOLERANCE)


def _fraction_text(value: float) -> str:
    """Two decimals in the active language's format (decimal comma in Dutch)."""
    return number_format(value, 2)


@dataclass(frozen=True)
class Advice:
    """The advised form (None on a tie), every form's score, and why, with the extra advice of 000/002."""

    recommended: str | None
    scores: dict[str, float]
    bands: tuple[str, ...]
    reasons: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    close: tuple[str, ...] = ()
    tied: tuple[str, ...] = ()
    tensions: tuple = field(default_factory=lambda: tuple(TENSIONS))

    @property
    def hybrid(self) -> bool:
        return self.recommended == HYBRID

    def as_dict(self) -> dict:
        return {"recommended": self.recommended, "scores": self.scores, "bands": list(self.bands),
                "reasons": [str(r) for r in self.reasons], "notes": [str(n) for n in self.notes],
                "close": list(self.close), "tied": list(self.tied), "hybrid": self.hybrid,
                "tensions": [str(t) for t in self.tensions]}


def _check_fraction(name: str, value: float) -> None:
    if not 0.0 <= value <= 1.0:
        raise ValidationError({name: _("Must be between 0 and 1.")})


def form_label(form: str) -> str:
    return str(GovernanceForm(form).label)


def _scores(participants: int, trust: float, consensus: float, need: float, centralization: float | None,
            bands: ParticipantBands) -> dict[str, float]:
    fits = {form: (range_fit(trust, TRUST[form]), bands.fit(participants, PARTICIPANT_BANDS[form]),
                   range_fit(consensus, CONSENSUS[form]), range_fit(need, NEED[form]))
            for form in (SHARED, LEAD, NAO)}
    central_fit = (LEAD_UNKNOWN_CAP if centralization is None
                   else range_fit(centralization, (CENTRALISED_FROM, 1.0)))
    return {
        SHARED: round(min(statistics.fmean(fits[SHARED]), fits[SHARED][1]), 3),
        LEAD: round(min(statistics.fmean(fits[LEAD]), central_fit), 3),
        NAO: round(statistics.fmean(fits[NAO]), 3),
        HYBRID: round(min(fits[SHARED][0], fits[SHARED][2], fits[NAO][1], 1 - fits[SHARED][1]), 3),
    }


def _reasons(participants: int, trust: float, consensus: float, need: float, centralization: float | None,
             bands: ParticipantBands, in_bands: tuple[str, ...], scores: dict[str, float]) -> list[str]:
    labels = " / ".join(str(BAND_LABELS[b]) for b in in_bands)
    reasons = [_("%(n)d participants: %(bands)s (our assumed bands, see below).") % {"n": participants,
                                                                                     "bands": labels}]
    if "few" not in in_bands:
        reasons.append(_("Shared governance becomes inefficient as the number of participants grows: much time goes "
                         "to mutual coordination (seed 000). With %(n)d participants it is not a good fit, however "
                         "much the partners trust each other.") % {"n": participants})
    if trust >= HIGH_FROM:
        reasons.append(_("Trust is widely shared, which suits governance by the partners together."))
    elif trust < LOW_BELOW:
        reasons.append(_("Trust is low, which favours one organisation or a separate body taking the lead."))
    else:
        reasons.append(_("Trust is moderate, which suits an NAO that the members monitor."))
    if consensus >= HIGH_FROM:
        reasons.append(_("Goal consensus is high, which suits shared governance."))
    elif consensus >= MODERATE_SPLIT:
        reasons.append(_("Goal consensus is moderately high, which favours an NAO over a lead organisation."))
    else:
        reasons.append(_("Goal consensus is moderately low or low, which favours a lead organisation over an NAO."))
    if need >= HIGH_FROM:
        reasons.append(_("The need for network-level skills is high, which favours a dedicated NAO."))
    elif need < LOW_BELOW:
        reasons.append(_("The need for network-level skills is low: the partners can run the network themselves."))
    if centralization is None:
        reasons.append(_("How centralised the network is, is unknown, so a lead organisation cannot be confirmed: it "
                         "needs a highly centralised network."))
    elif centralization < CENTRALISED_FROM:
        reasons.append(_("A lead organisation needs a highly centralised network; here centralisation is %(c)s "
                         "(below %(min)s), so a lead organisation is not a good fit.") % {
            "c": _fraction_text(centralization), "min": _fraction_text(CENTRALISED_FROM)})
    else:
        reasons.append(_("The network is highly centralised (%(c)s), as a lead organisation needs.") % {
            "c": _fraction_text(centralization)})
    if scores[HYBRID] >= max(scores[SHARED], scores[NAO]):
        reasons.append(_("The partners trust each other and agree on the goals, but the network is too large to govern "
                         "itself alone: the hybrid of seed 000 – shared governance together with an NAO, with a dual "
                         "decision structure – fits. Make the role and responsibilities of every actor explicit."))
    return reasons


def _notes(*, participants: int, recommended: str | None, in_bands: tuple[str, ...], years_active: float | None,
           current_form: str | None, lead_type: str | None) -> list[str]:
    """The further advice of seeds 000 and 002 that the table alone does not give."""
    notes = []
    if years_active is not None and years_active < NEW_NETWORK_YEARS:
        notes.append(_("A new network is often started with an NAO: government creates one to help the network grow "
                       "and to secure its goals (seed 000)."))
    if current_form == SHARED and "few" not in in_bands:
        notes.append(_("Shared governance is often kept too long, because the partners like it (seed 000). With "
                       "%(n)d participants, plan the step to an NAO or the hybrid form before coordination eats the "
                       "network's time.") % {"n": participants})
    if lead_type in FINANCIER_TYPES and current_form in (LEAD, NAO, HYBRID):
        notes.append(_("A municipality or financier as lead organisation or NAO plays a double role: it funds the "
                       "network and governs it. An NAO delivers no services itself (seed 000). Separate the two roles "
                       "explicitly, for instance in the rules of play."))
    if recommended in (NAO, HYBRID) or "many" in in_bands:
        notes.append(_("The form may differ per level: shared governance at board level (seed 002 describes it with "
                       "10–17 partners) and an NAO or network office at the tactical level."))
    return notes


def advise(*, participants: int, trust_density: float, goal_consensus: float, competency_need: float,
           centralization: float | None = None, bands: ParticipantBands | None = None,
           years_active: float | None = None, current_form: str | None = None,
           lead_type: str | None = None) -> Advice:
    """Score each form against Provan & Kenis' table with its knock-out; name ties and close forms."""
    bands = bands or ParticipantBands()
    bands.check()
    if participants < 2:
        raise ValidationError({"participants": _("A network needs at least 2 participants.")})
    for name, value in (("trust_density", trust_density), ("goal_consensus", goal_consensus),
                        ("competency_need", competency_need)):
        _check_fraction(name, value)
    if centralization is not None:
        _check_fraction("centralization", centralization)
    scores = _scores(participants, trust_density, goal_consensus, competency_need, centralization, bands)
    best = max(scores.values())
    top = tuple(form for form in FORMS if scores[form] == best)
    recommended = top[0] if len(top) == 1 else None
    close = tuple(form for form in FORMS if form not in top and best - scores[form] < CLOSE_MARGIN)
    in_bands = bands.bands_of(participants)
    reasons = _reasons(participants, trust_density, goal_consensus, competency_need, centralization, bands,
                       in_bands, scores)
    if recommended is None:
        reasons.append(_("%(forms)s fit equally well: the data do not decide between them. Discuss them in the "
                         "board.") % {"forms": " / ".join(form_label(f) for f in top)})
    elif close:
        reasons.append(_("%(forms)s come close: weigh them too.") % {"forms": " / ".join(form_label(f) for f in close)})
    notes = _notes(participants=participants, recommended=recommended, in_bands=in_bands, years_active=years_active,
                   current_form=current_form, lead_type=lead_type)
    return Advice(recommended, scores, in_bands, tuple(reasons), tuple(notes), close,
                  top if recommended is None else ())
