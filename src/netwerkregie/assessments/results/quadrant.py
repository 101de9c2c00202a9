"""The network-nature quadrant: respondents counted per square and per quadrant, never one by one."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .. import scoring
from ..instruments import instrument_get
from ..models import SurveyRound
from . import disclosure
from .loading import _load
from .stats import _visible

QUADRANT_NAMES = {
    "informal_ambition": gettext_lazy("Informal steering, guiding ambition: initiatives grow from the "
                                      "conversation about the ambition"),
    "informal_action": gettext_lazy("Informal steering, concrete action: inspiring, informing and "
                                    "facilitating lead to action coalitions"),
    "formal_ambition": gettext_lazy("Formal steering, guiding ambition: clear agreements and rules, room for "
                                    "coalitions around ambitions"),
    "formal_action": gettext_lazy("Formal steering, concrete action: the vision turned into joint actions "
                                  "with formal progress monitoring"),
}


QUADRANT_SHORT = {
    "informal_ambition": gettext_lazy("informal · ambition"),
    "informal_action": gettext_lazy("informal · action"),
    "formal_ambition": gettext_lazy("formal · ambition"),
    "formal_action": gettext_lazy("formal · action"),
}


# The quadrant's area in BINS × BINS squares: respondents are counted per square, never drawn one by one.
QUADRANT_BINS = 4


@dataclass(frozen=True)
class Bin:
    """One square of the quadrant and how many respondents placed the network there."""

    x_low: float
    x_high: float
    y_low: float
    y_high: float
    count: int


@dataclass
class Quadrant:
    round: SurveyRound
    theme_id: int | None
    label: str
    n: int
    suppressed: bool
    bins: list[Bin] = field(default_factory=list)  # only squares of at least the minimum
    centre: dict | None = None
    stdev: dict | None = None
    quadrants: dict[str | None, int | None] = field(default_factory=dict)

    @property
    def counts(self) -> list[tuple[str, int | None]]:
        """Respondents per quadrant, in a fixed order; those exactly on an axis counted apart.

        None stands for fewer than the anonymity minimum.
        """
        result = [(str(QUADRANT_SHORT[key]), self.quadrants.get(key, 0)) for key in QUADRANT_SHORT]
        if self.quadrants.get(None, 0) != 0:
            result.append((_("on an axis"), self.quadrants[None]))
        return result


QUADRANT_INSTRUMENT = "network_nature"


def _bin_of(value: float) -> int:
    """The square (0 … QUADRANT_BINS − 1) a coordinate in −1 … 1 falls in; 1 itself in the last."""
    return min(int((value + 1) / 2 * QUADRANT_BINS), QUADRANT_BINS - 1)


def _bins(positions: list[dict], minimum: int) -> list[Bin]:
    """The squares with at least `minimum` respondents; the others are left out altogether.

    Leaving them out (rather than marking them) keeps where the few others stand unknown, even to
    someone who subtracts the shown squares from the total.
    """
    width = 2 / QUADRANT_BINS
    counted = Counter((_bin_of(p["x"]), _bin_of(p["y"])) for p in positions)
    return [Bin(-1 + i * width, -1 + (i + 1) * width, -1 + j * width, -1 + (j + 1) * width, count)
            for (i, j), count in sorted(counted.items()) if _visible(count, minimum)]


def quadrants(*, survey_round: SurveyRound) -> list[Quadrant]:
    """The network-nature quadrant for the network and for every theme answered about.

    No respondent's own place is returned: only respondents per square and per quadrant, each
    count of fewer than the anonymity minimum hidden, and the centre and spread of them all.
    """
    instrument = instrument_get(QUADRANT_INSTRUMENT)
    minimum = survey_round.network.anonymity_minimum
    if QUADRANT_INSTRUMENT not in survey_round.instruments:  # answers kept after the instrument was dropped
        return []
    data = _load([survey_round], [QUADRANT_INSTRUMENT])
    subjects: dict[int | None, list[dict]] = defaultdict(list)
    for respondent in data.respondents[survey_round.pk]:
        for unit in respondent.units.get(QUADRANT_INSTRUMENT, []):
            subjects[unit.theme_id].append(unit.answers)
    result = []
    theme_ids = [None] + sorted((t for t in subjects if t is not None), key=lambda t: data.themes.get(t, ""))
    for theme_id in theme_ids:
        label = _("the network as a whole") if theme_id is None else data.themes.get(theme_id, "")
        spread = scoring.position_spread(instrument, subjects.get(theme_id, []))
        n = len(spread["positions"])
        quadrant = Quadrant(survey_round, theme_id, label, n, not _visible(n, minimum))
        if not quadrant.suppressed:
            quadrant.bins = _bins(spread["positions"], minimum)
            quadrant.centre, quadrant.stdev = spread["centre"], spread["stdev"]
            quadrant.quadrants = disclosure.binned_counts(
                {key: spread["quadrants"].get(key, 0) for key in [*QUADRANT_SHORT, None]}, minimum)
        result.append(quadrant)
    return result


def quadrant_round(*, rounds: list[SurveyRound], chosen: str | None) -> SurveyRound | None:
    """The round the quadrant page shows: the chosen one (`?round=<id>`), by default the newest of
    `rounds` that asked the network-nature instrument (the rounds the member may see, newest first);
    anything else chosen is a 404."""
    asked = [r for r in rounds if QUADRANT_INSTRUMENT in r.instruments]
    if not chosen:
        return asked[0] if asked else None
    for survey_round in asked:
        if str(survey_round.pk) == chosen:
            return survey_round
    raise Http404
