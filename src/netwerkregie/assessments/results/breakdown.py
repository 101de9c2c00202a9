"""A round's results per instrument, for the whole round and by group: aggregation is a read (a selector).

A round's answers are fetched in a fixed number of queries and aggregated in Python with
``scoring``. The anonymity rule is applied here, once, for every page, chart, export and API:
a statistic over fewer respondents than the network's ``anonymity_minimum`` is never returned,
only flagged as suppressed (see ``stats._visible``), and neither is one that, added to or subtracted
from the other statistics shown, would give away the answers of fewer respondents than that
(``disclosure``, applied to every dimension of a round's breakdowns together in ``_disclosed``).

Who counts: a respondent is an invitation marked complete. Each respondent counts once per
statistic: when they answered an instrument about several subjects (levels, other
organisations), their scores for the subjects in a group are averaged first.
Trends and comparisons are in ``trends``, the network-dip assessment in ``dip``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction

from django.utils.translation import gettext_lazy

from netwerkregie.registry.models import (
    Level,
    Organisation,
)

from ..instruments import Dimension, Instrument, instrument_get, localized
from ..models import SurveyRound
from . import disclosure
from .loading import Respondent, Unit, _load
from .stats import Selection, Stat, _dimension_stat, _selection, _visible, suppressed_label, withheld_label

GROUPINGS = {"type": gettext_lazy("organisation type"), "level": gettext_lazy("level"),
             "theme": gettext_lazy("theme")}


@dataclass
class GroupResult:
    kind: str
    key: str
    label: str
    n: int
    suppressed: bool
    dimensions: list[Stat]


@dataclass
class TextAnswer:
    question: str
    subject: str
    text: str
    is_evidence: bool


@dataclass
class InstrumentResult:
    instrument: Instrument
    n: int
    suppressed: bool
    dimensions: list[Stat]
    groups: dict[str, list[GroupResult]]
    texts: list[TextAnswer]

    @property
    def name(self) -> str:
        return localized(self.instrument, "name")


@dataclass
class RoundResults:
    round: SurveyRound
    minimum: int
    invited: int
    respondents: int
    instruments: list[InstrumentResult]
    texts_shown: bool = False

    @property
    def suppressed_label(self) -> str:
        return suppressed_label(self.minimum)

    @property
    def withheld_label(self) -> str:
        return withheld_label(self.minimum)


@dataclass
class _Candidate:
    """A group a breakdown may show, with the selection of each dimension's statistic."""

    kind: str
    key: str
    label: str
    selections: dict[str, Selection]

    @property
    def n(self) -> int:
        return len(set().union(*self.selections.values()))


def _candidates(instrument: Instrument, respondents: list[Respondent], themes: dict[int, str]) -> list[_Candidate]:
    """The groups by organisation type, level and theme that have any respondent.

    Per-level dimensions are grouped by the level answered about, others by the respondent's
    level; per-theme instruments by the theme answered about, others by the themes of the
    coalitions the respondent's organisation took part in when the round closed.
    """
    level_dims = {d.key for d in instrument.dimensions if d.per_level}

    def build(kind: str, key: str, label: str, select: Callable[[Dimension], Selection]) -> _Candidate:
        return _Candidate(kind, key, label, {d.key: select(d) for d in instrument.dimensions})

    def of(members: list[Respondent]) -> Callable[[Dimension], Selection]:
        return lambda dim: _selection(instrument, members)

    def at_level(value: str) -> Callable[[Dimension], Selection]:
        own = [r for r in respondents if r.level == value]
        return lambda dim: (_selection(instrument, respondents, lambda u: u.level == value)
                            if dim.key in level_dims else _selection(instrument, own))

    def about_theme(theme_id: int) -> Callable[[Dimension], Selection]:
        return lambda dim: _selection(instrument, respondents, lambda u: u.theme_id == theme_id, network_only=False)

    by_type: dict[str, list[Respondent]] = defaultdict(list)
    names = {}
    for r in respondents:
        by_type[r.type_key].append(r)
        names[r.type_key] = r.type_name
    candidates = [
        *(build("type", k, names[k], of(by_type[k])) for k in sorted(by_type, key=lambda k: names[k])),
        *(build("level", value, str(label), at_level(value)) for value, label in Level.choices),
        *(build("theme", str(t), name,
                about_theme(t) if instrument.per_theme else of([r for r in respondents if t in r.theme_ids]))
          for t, name in sorted(themes.items(), key=lambda kv: kv[1])),
    ]
    return [c for c in candidates if c.n]


TOTAL = ("total", "")  # the whole round's cell in disclosure control


def _cells(dim: Dimension, selection: Selection, key: tuple[str, str]) -> list[disclosure.Cell]:
    """What a dimension's statistic over `selection` publishes, as cells for disclosure control.

    Its mean, median and spread rest on the respondents with a score (each respondent's
    subjects averaged, as `_stat` does), its answer counts and "don't know" on every subject
    answered; a distribution has no mean.
    """
    values: dict[disclosure.Variable, Fraction] = {}
    responses: dict[disclosure.Variable, Fraction] = {}
    for invitation_id, units in selection.items():
        scored = [u for u in units if u.scores.get(dim.key) is not None]
        for unit in scored:
            values[(invitation_id, unit.subject)] = Fraction(1, len(scored))
        for unit in units:
            if any(item.key in unit.answers for item in dim.items):
                responses[(invitation_id, unit.subject)] = Fraction(1)
    total = key == TOTAL
    counts = disclosure.Cell(key, responses, total)
    return [counts] if dim.scoring == "distribution" else [disclosure.Cell(key, values, total), counts]


def _disclosed(instrument: Instrument, total: Selection, candidates: list[_Candidate],
               minimum: int) -> dict[str, set[tuple[str, str]]]:
    """Per dimension, the cells (TOTAL and (kind, key) of groups) that disclosure control lets through."""
    order = [TOTAL, *((c.kind, c.key) for c in candidates)]
    result = {}
    for dim in instrument.dimensions:
        families: list[dict] = [{}, {}]
        for key, selection in [(TOTAL, total), *(((c.kind, c.key), c.selections[dim.key]) for c in candidates)]:
            for family, cell in zip(families, _cells(dim, selection, key), strict=False):
                family[key] = cell
        result[dim.key] = disclosure.shown_cells([f for f in families if f], minimum, order=order)
    return result


def _groups(instrument: Instrument, candidates: list[_Candidate], shown: dict[str, set[tuple[str, str]]],
            minimum: int) -> dict[str, list[GroupResult]]:
    """Results by organisation type, level and theme; a group none of whose statistics may be shown is
    suppressed as a whole."""
    result: dict[str, list[GroupResult]] = {kind: [] for kind in GROUPINGS}
    for c in candidates:
        stats = [_dimension_stat(d, c.selections[d.key], minimum, disclosed=(c.kind, c.key) in shown[d.key])
                 for d in instrument.dimensions]
        hidden = all(s.suppressed for s in stats)
        result[c.kind].append(GroupResult(c.kind, c.key, c.label, c.n, hidden, [] if hidden else stats))
    return result


def _texts(instrument: Instrument, respondents: list[Respondent], themes: dict[int, str],
           organisations: dict[int, str]) -> list[TextAnswer]:
    """Free text and evidence without names; sorted so the order reveals no respondent."""
    texts = []
    for respondent in respondents:
        for unit in respondent.units.get(instrument.key, []):
            subject = _subject_label(unit, themes, organisations)
            for key, value in unit.answers.items():
                try:
                    item = instrument.item(key)
                except KeyError:
                    continue
                if item.answer_type == "free_text" and isinstance(value, str) and value.strip():
                    texts.append(TextAnswer(localized(item, "text"), subject, value.strip(), False))
            for key, note in unit.evidence.items():
                try:
                    item = instrument.item(key)
                except KeyError:
                    continue
                texts.append(TextAnswer(localized(item, "text"), subject, note, True))
    order = {it.key: i for i, it in enumerate(instrument.items)}
    question_order = {localized(it, "text"): order[it.key] for it in instrument.items}
    return sorted(texts, key=lambda t: (question_order.get(t.question, 0), t.subject, t.text))


def _subject_label(unit: Unit, themes: dict[int, str], organisations: dict[int, str]) -> str:
    parts = []
    if unit.theme_id:
        parts.append(themes.get(unit.theme_id, ""))
    if unit.level:
        parts.append(str(Level(unit.level).label))
    if unit.organisation_id:
        parts.append(organisations.get(unit.organisation_id, ""))
    return " · ".join(p for p in parts if p)


def _organisation_names(network_id: int) -> dict[int, str]:
    return dict(Organisation.objects.filter(network_id=network_id).values_list("pk", "name"))


def round_results(*, survey_round: SurveyRound, instruments: list[str] | None = None,
                  with_texts: bool = False) -> RoundResults:
    """Everything the results page, its charts and the xlsx export show for one round.

    `instruments` limits the work to some of the round's instruments (a page shows one at a time);
    free text and evidence only `with_texts` (see `texts_visible`). Whether the member may see the
    round at all is `results_visible`.
    """
    minimum = survey_round.network.anonymity_minimum
    data = _load([survey_round], instruments)
    respondents = data.respondents[survey_round.pk]
    organisations = _organisation_names(survey_round.network_id) if with_texts else {}
    results = []
    for key in survey_round.instruments:
        if instruments is not None and key not in instruments:
            continue
        try:
            instrument = instrument_get(key)
        except KeyError:
            continue
        answered = [r for r in respondents if r.units.get(key)]
        n = len(answered)
        if not _visible(n, minimum):
            results.append(InstrumentResult(instrument, n, True, [], {}, []))
            continue
        total = _selection(instrument, answered)
        candidates = _candidates(instrument, answered, data.themes)
        shown = _disclosed(instrument, total, candidates, minimum)
        dims = [_dimension_stat(d, total, minimum, disclosed=TOTAL in shown[d.key]) for d in instrument.dimensions]
        results.append(InstrumentResult(
            instrument, n, False, dims, _groups(instrument, candidates, shown, minimum),
            _texts(instrument, answered, data.themes, organisations) if with_texts else []))
    return RoundResults(round=survey_round, minimum=minimum, invited=data.invited.get(survey_round.pk, 0),
                        respondents=len(respondents), instruments=results, texts_shown=with_texts)
