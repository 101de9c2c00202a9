"""Governance-mode advice after Provan & Kenis (2008), as pure functions.

Kept free of Django models so the same rules serve the CLI, the API and tests.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# One visible table of thresholds. Participant bands follow Provan & Kenis: shared governance
# works with few members (everyone can meet face to face), NAO scales to many.
PARTICIPANTS_FEW_MAX = 8
PARTICIPANTS_MODERATE_MAX = 25
HYBRID_MARGIN = 0.1  # scores closer than this signal a hybrid form

# Ideal profile per form: (participants band, trust, goal consensus, competency need),
# levels 0 = low, 0.5 = moderate, 1 = high (FRAMEWORKS.md section 2).
PROFILES: dict[str, tuple[float, float, float, float]] = {
    "shared_governance": (0.0, 1.0, 1.0, 0.0),
    "lead_organization": (0.5, 0.0, 0.0, 0.5),
    "nao": (1.0, 0.5, 0.5, 1.0),
}

TENSIONS = [
    _("Efficiency versus inclusiveness: more involvement of all partners costs speed."),
    _("Internal versus external legitimacy: partners and outside funders value different things."),
    _("Flexibility versus stability: a fixed structure is reliable but adapts slower."),
]


@dataclass
class Advice:
    recommended: str
    scores: dict[str, float]
    reasons: list[str] = field(default_factory=list)
    hybrid: bool = False
    tensions: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {
            "recommended": self.recommended,
            "scores": self.scores,
            "reasons": [str(r) for r in self.reasons],
            "hybrid": self.hybrid,
            "tensions": [str(t) for t in self.tensions],
        }


def participants_level(participants: int) -> float:
    if participants <= PARTICIPANTS_FEW_MAX:
        return 0.0
    if participants <= PARTICIPANTS_MODERATE_MAX:
        return 0.5
    return 1.0


def _check_fraction(name: str, value: float) -> None:
    if not 0.0 <= value <= 1.0:
        raise ValidationError({name: _("Must be between 0 and 1.")})


def advise(
    *,
    participants: int,
    trust_density: float,
    goal_consensus: float,
    competency_need: float,
    centralization: float | None = None,
) -> Advice:
    """Score each form by closeness to its Provan & Kenis profile (1 = perfect fit)."""
    if participants < 2:
        raise ValidationError({"participants": _("A network needs at least 2 participants.")})
    for name, value in (
        ("trust_density", trust_density),
        ("goal_consensus", goal_consensus),
        ("competency_need", competency_need),
    ):
        _check_fraction(name, value)
    if centralization is not None:
        _check_fraction("centralization", centralization)
    observed = (participants_level(participants), trust_density, goal_consensus, competency_need)
    scores = {}
    for form, ideal in PROFILES.items():
        distance = sum(abs(o - i) for o, i in zip(observed, ideal, strict=True)) / len(ideal)
        score = 1.0 - distance
        if centralization is not None and form == "lead_organization":
            score = (score * 4 + centralization) / 5
        elif centralization is not None and form == "shared_governance":
            score = (score * 4 + (1 - centralization)) / 5
        scores[form] = round(score, 3)
    ranked = sorted(scores, key=scores.get, reverse=True)
    recommended = ranked[0]
    hybrid = scores[ranked[0]] - scores[ranked[1]] < HYBRID_MARGIN
    reasons = [_("%(n)d participants.") % {"n": participants}]
    if trust_density >= 0.66:
        reasons.append(_("Trust is widely shared, which suits governance by the partners together."))
    elif trust_density < 0.33:
        reasons.append(_("Trust is low, which favours one organisation or a separate body taking the lead."))
    if competency_need >= 0.66:
        reasons.append(_("The need for network-level skills is high, which favours a dedicated NAO."))
    if hybrid:
        reasons.append(_("Two forms score close together: consider a hybrid form."))
    return Advice(recommended, scores, reasons, hybrid, list(TENSIONS))
