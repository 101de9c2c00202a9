"""Results of survey rounds: aggregation is a read, so it lives here as selectors.

A round's answers are fetched in a fixed number of queries and aggregated in Python with
``scoring``. The anonymity rule is applied here, once, for every page, chart, export and API:
a statistic over fewer respondents than the network's ``anonymity_minimum`` is never returned,
only flagged as suppressed (see ``_visible``), and neither is one that, added to or subtracted
from the other statistics shown, would give away the answers of fewer respondents than that
(``disclosure``, applied to every dimension of a round's breakdowns together in ``_disclosed``).

Who counts: a respondent is an invitation marked complete. Each respondent counts once per
statistic: when they answered an instrument about several subjects (levels, other
organisations), their scores for the subjects in a group are averaged first.
Thresholds of round comparisons are module constants, documented in docs/results.md; the
network-dip assessment lives in dip.py.
"""

from __future__ import annotations

import math
import statistics
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from fractions import Fraction

from django.db.models import Count, Q
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from netwerkregie.registry.models import (
    CoalitionParticipation,
    Level,
    Network,
    NetworkMembership,
    NetworkRole,
    Organisation,
    Theme,
)

from . import disclosure, scoring
from .instruments import SCALES, Dimension, Instrument, Item, instrument_get, localized
from .models import Answer, Invitation, SurveyRound

# The trend page opens on the five conditions when a round asked them.
CONDITIONS_INSTRUMENT = "five_conditions"
# A difference between two rounds is flagged from this share of the scale's range on:
# 0.5 point on 1–5, 0.375 on 1–4, 12.5 percentage points of "share yes".
CHANGE_SHARE_OF_RANGE = 0.125
# Width of the confidence band: mean ± Z_95 · sd / √n.
Z_95 = 1.96

GROUPINGS = {"type": gettext_lazy("organisation type"), "level": gettext_lazy("level"),
             "theme": gettext_lazy("theme")}
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


def _visible(n: int, minimum: int) -> bool:
    """The anonymity rule: a group is shown only with at least `minimum` respondents."""
    return n >= max(minimum, 1)


def suppressed_label(minimum: int) -> str:
    return _("fewer than %(minimum)d respondents") % {"minimum": minimum}


def withheld_label(minimum: int) -> str:
    """For a group or statistic hidden by disclosure control: too small, or too close to another."""
    return _("not shown: fewer than %(minimum)d respondents, or it would give away a smaller group") % {
        "minimum": minimum}


# Who sees what ---------------------------------------------------------------------------------


def texts_visible(*, network: Network, membership: NetworkMembership) -> bool:
    """Free text and evidence are quoted verbatim: coordinators and admins read them, every member
    only when the network decided to publish them (`Network.publish_free_text`)."""
    return network.publish_free_text or membership.has_role(NetworkRole.COORDINATOR)


def visible_rounds(*, rounds: Iterable[SurveyRound], membership: NetworkMembership) -> list[SurveyRound]:
    """The rounds whose results this member may see, in one query.

    A closed round's results are for every member. Results of a round not yet closed change
    with every response, so comparing them before and after one more response gives that
    respondent away: only admins see them, and only once at least the anonymity minimum have
    completed.
    """
    rounds = list(rounds)
    today = timezone.localdate()
    running = [r for r in rounds if r.closes_on >= today]
    if not running:
        return rounds
    if not membership.has_role(NetworkRole.ADMIN):
        return [r for r in rounds if r.closes_on < today]
    completed = Counter(Invitation.objects.filter(round__in=running, completed_at__isnull=False)
                        .values_list("round_id", flat=True))
    minimum = max(membership.network.anonymity_minimum, 1)  # the rounds are all of the member's network
    return [r for r in rounds if r.closes_on < today or completed[r.pk] >= minimum]


def results_visible(*, round: SurveyRound, membership: NetworkMembership) -> bool:
    """Whether this member may see the round's results (see `visible_rounds`)."""
    return bool(visible_rounds(rounds=[round], membership=membership))


def hidden_reason(*, round: SurveyRound) -> str:
    """Why a round's results are not shown (yet), for the page and the API."""
    return _("The results of a survey round are shown to everyone once it has closed on %(closes)s; while it "
             "is open only the network's admins see them, once at least %(minimum)d respondents have "
             "completed.") % {"closes": date_format(round.closes_on), "minimum": round.network.anonymity_minimum}


# Loading -------------------------------------------------------------------------------------


@dataclass
class Unit:
    """One respondent's answers to one instrument about one subject, with their scores."""

    theme_id: int | None
    level: str
    organisation_id: int | None
    answers: dict[str, object] = field(default_factory=dict)
    evidence: dict[str, str] = field(default_factory=dict)
    scores: dict[str, float | None] = field(default_factory=dict)

    @property
    def subject(self) -> tuple[int | None, str, int | None]:
        return (self.theme_id, self.level, self.organisation_id)


@dataclass
class Respondent:
    invitation_id: int
    round_id: int
    organisation_id: int | None
    type_key: str
    type_name: str
    level: str
    theme_ids: frozenset[int]
    units: dict[str, list[Unit]] = field(default_factory=dict)


@dataclass
class RoundData:
    """What the aggregation needs of some rounds: respondents with scored answers, theme names."""

    respondents: dict[int, list[Respondent]]
    themes: dict[int, str]
    invited: dict[int, int]


def _load(rounds: list[SurveyRound], instruments: Iterable[str] | None = None) -> RoundData:
    """Five queries for any number of rounds and answers; `instruments` limits the answers read."""
    round_ids = [r.pk for r in rounds]
    invitations = list(Invitation.objects.filter(round_id__in=round_ids, completed_at__isnull=False)
                       .select_related("organisation__type").order_by("pk"))
    invited = Counter(Invitation.objects.filter(round_id__in=round_ids).values_list("round_id", flat=True))
    closing = {r.pk: r.closes_on for r in rounds}
    networks = {r.network_id for r in rounds}
    participations = (CoalitionParticipation.objects
                      .filter(coalition__network_id__in=networks,
                              organisation_id__in={i.organisation_id for i in invitations if i.organisation_id})
                      .values_list("organisation_id", "coalition__theme_id", "start_date", "end_date"))
    themes_of: dict[int, list[tuple]] = defaultdict(list)
    for organisation_id, theme_id, start, end in participations:
        themes_of[organisation_id].append((theme_id, start, end))

    def themes_on(organisation_id: int | None, day) -> frozenset[int]:
        return frozenset(t for t, start, end in themes_of.get(organisation_id, [])
                         if (start is None or start <= day) and (end is None or end >= day))

    by_invitation: dict[int, Respondent] = {}
    result: dict[int, list[Respondent]] = {pk: [] for pk in round_ids}
    for inv in invitations:
        org = inv.organisation
        respondent = Respondent(
            invitation_id=inv.pk, round_id=inv.round_id, organisation_id=inv.organisation_id,
            type_key=org.type.key if org else "", type_name=org.type.name if org else _("no organisation"),
            level=inv.level, theme_ids=themes_on(inv.organisation_id, closing[inv.round_id]))
        by_invitation[inv.pk] = respondent
        result[inv.round_id].append(respondent)
    units: dict[tuple, Unit] = {}
    # Ordered by the answer's own columns (as the model orders them within an invitation): the
    # model's ordering goes through invitation → round and would join every network's invitations.
    answers = (Answer.objects.filter(invitation_id__in=by_invitation)
               .order_by("invitation_id", "instrument", "subject", "item"))
    if instruments is not None:
        answers = answers.filter(instrument__in=list(instruments))
    rows = (answers.values_list("invitation_id", "instrument", "theme_id", "level", "organisation_id", "item",
                         "value", "evidence"))
    for invitation_id, instrument, theme_id, level, organisation_id, item, value, evidence in rows:
        key = (invitation_id, instrument, theme_id, level, organisation_id)
        unit = units.get(key)
        if unit is None:
            unit = units[key] = Unit(theme_id=theme_id, level=level, organisation_id=organisation_id)
            by_invitation[invitation_id].units.setdefault(instrument, []).append(unit)
        if value is not None:
            unit.answers[item] = value
        if evidence:
            unit.evidence[item] = evidence
    for (_inv, instrument, *_rest), unit in units.items():
        try:
            unit.scores = scoring.dimension_scores(instrument_get(instrument), unit.answers)
        except KeyError:  # an instrument removed since: its answers stay but are not scored
            unit.scores = {}
    themes = dict(Theme.objects.filter(network_id__in=networks).values_list("pk", "name"))
    return RoundData(respondents=result, themes=themes, invited=dict(invited))


# Statistics ----------------------------------------------------------------------------------


@dataclass
class Stat:
    """One dimension over one group; numbers are None when suppressed."""

    key: str
    name: str
    method: str
    scale: tuple[float, float] | None
    n: int
    suppressed: bool
    mean: float | None = None
    median: float | None = None
    stdev: float | None = None
    ci_low: float | None = None
    ci_high: float | None = None
    distribution: list[tuple[str, str, int]] = field(default_factory=list)
    dont_know: int = 0
    items: list[tuple[str, list[tuple[str, str, int]]]] = field(default_factory=list)

    @property
    def share_yes(self) -> float | None:
        return self.mean if self.method == "share_yes" else None


def _dimension_scale(dim: Dimension) -> tuple[float, float] | None:
    if dim.scoring == "share_yes":
        return (0.0, 1.0)
    scales = {it.scale for it in dim.items if it.scale}
    return scales.pop() if len(scales) == 1 else None


def _answer_categories(items: Iterable[Item]) -> list[tuple[str, str]]:
    """The answer values a distribution counts, in a meaningful order, with their labels."""
    categories: dict[str, str] = {}
    for item in items:
        if item.answer_type in SCALES:
            low, high = SCALES[item.answer_type]
            categories.update({str(v): str(v) for v in range(low, high + 1)})
        elif item.answer_type == "yes_no":
            categories.update({"yes": _("yes"), "no": _("no")})
        for choice in item.choices:
            categories.setdefault(choice.key, localized(choice, "label"))
    if any(item.dont_know for item in items):
        categories[scoring.DONT_KNOW] = _("don't know")
    return list(categories.items())


def _answer_keys(item: Item, value: object) -> list[str]:
    """The category keys one answer adds to a distribution (reverse items mirrored)."""
    if value == scoring.DONT_KNOW:
        return [scoring.DONT_KNOW]
    if item.answer_type in SCALES:
        number = scoring.item_value(item, value)
        return [] if number is None else [str(round(number))]
    if item.answer_type == "yes_no" and isinstance(value, bool):
        return ["yes" if value else "no"]
    picks = value if isinstance(value, list) else [value]
    return [str(p) for p in dict.fromkeys(picks) if isinstance(p, str)]


def _stat(key: str, name: str, method: str, scale, items: tuple[Item, ...],
          selection: Selection, value_of: Callable[[Unit], float | None], minimum: int,
          disclosed: bool = True) -> Stat:
    """Aggregate one measure over respondents, each counted once (their subjects averaged).

    `disclosed` is the verdict of disclosure control over all cells published with this one.
    """
    selected = list(selection.values())
    values = []
    per_item: dict[str, Counter[str]] = {item.key: Counter() for item in items}
    for units in selected:
        own = [v for u in units if (v := value_of(u)) is not None]
        if own:
            values.append(statistics.fmean(own))
        for unit in units:
            for item in items:
                if item.key in unit.answers:
                    per_item[item.key].update(_answer_keys(item, unit.answers[item.key]))
    counts = sum(per_item.values(), Counter())
    dont_know = counts.get(scoring.DONT_KNOW, 0)
    responded = sum(1 for units in selected if any(it.key in u.answers for u in units for it in items))
    n = len(values) if method != "distribution" else responded
    stat = Stat(key=key, name=name, method=method, scale=scale, n=n,
                suppressed=not (disclosed and _visible(n, minimum)))
    if stat.suppressed:
        return stat
    stat.dont_know = dont_know
    stat.distribution = [(k, label, counts.get(k, 0)) for k, label in _answer_categories(items)]
    if method == "distribution":  # items of choices differ: keep each item's own distribution
        stat.items = [(localized(item, "text"), [(k, label, per_item[item.key].get(k, 0))
                                                 for k, label in _answer_categories([item])]) for item in items]
    if values:
        stats = scoring.group_stats(values)
        stat.mean, stat.median, stat.stdev = stats["mean"], stats["median"], stats["stdev"]
        if stat.stdev is not None:
            half = Z_95 * stat.stdev / math.sqrt(len(values))
            stat.ci_low, stat.ci_high = stat.mean - half, stat.mean + half
    return stat


def _dimension_stat(dim: Dimension, selected: Selection, minimum: int, *, disclosed: bool = True) -> Stat:
    return _stat(dim.key, localized(dim, "name"), dim.scoring, _dimension_scale(dim), dim.items, selected,
                 lambda u: u.scores.get(dim.key), minimum, disclosed)


def _network_units(instrument: Instrument, units: list[Unit]) -> list[Unit]:
    """The units about the network as a whole: per-theme instruments are also answered per theme."""
    return [u for u in units if u.theme_id is None] if instrument.per_theme else units


Selection = dict[int, list[Unit]]  # invitation id -> that respondent's units in the statistic


def _selection(instrument: Instrument, respondents: Iterable[Respondent],
               unit_filter: Callable[[Unit], bool] | None = None, *, network_only: bool = True) -> Selection:
    """Each respondent's units of the instrument that pass the filter; respondents without any dropped."""
    result = {}
    for respondent in respondents:
        units = respondent.units.get(instrument.key, [])
        if network_only:
            units = _network_units(instrument, units)
        if unit_filter is not None:
            units = [u for u in units if unit_filter(u)]
        if units:
            result[respondent.invitation_id] = units
    return result


# Round results -------------------------------------------------------------------------------


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


def round_results(*, round: SurveyRound, instruments: list[str] | None = None,
                  with_texts: bool = False) -> RoundResults:
    """Everything the results page, its charts and the xlsx export show for one round.

    `instruments` limits the work to some of the round's instruments (a page shows one at a time);
    free text and evidence only `with_texts` (see `texts_visible`). Whether the member may see the
    round at all is `results_visible`.
    """
    minimum = round.network.anonymity_minimum
    data = _load([round], instruments)
    respondents = data.respondents[round.pk]
    organisations = _organisation_names(round.network_id) if with_texts else {}
    results = []
    for key in round.instruments:
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
    return RoundResults(round=round, minimum=minimum, invited=data.invited.get(round.pk, 0),
                        respondents=len(respondents), instruments=results, texts_shown=with_texts)


def round_list(*, network: Network) -> list[SurveyRound]:
    """The network's rounds, newest first, with their number of completed responses."""
    return list(SurveyRound.objects.filter(network=network).select_related("theme", "coalition")
                .annotate(invited_count=Count("invitations", distinct=True),
                          completed_count=Count("invitations", filter=Q(invitations__completed_at__isnull=False),
                                                distinct=True))
                .order_by("-opens_on", "name"))


def round_get(*, network: Network, round_id: int) -> SurveyRound:
    """A round of this network; another network's round is a 404 like a missing one."""
    return get_object_or_404(SurveyRound.objects.select_related("network", "theme", "coalition"),
                             network=network, pk=round_id)


# Raw answers (admins only) -----------------------------------------------------------------


def raw_answers(*, round: SurveyRound) -> list[dict]:
    """Every answer with its respondent's organisation and level; only for the network's admins."""
    return list(Answer.objects.filter(invitation__round=round)
                .select_related("invitation__organisation", "theme", "organisation")
                .order_by("invitation_id", "instrument", "subject", "item")
                .values("invitation_id", "invitation__organisation__name", "invitation__level", "instrument",
                        "item", "theme__name", "level", "organisation__name", "value", "evidence"))


# Trend and comparison ------------------------------------------------------------------------


def _network_rounds(network: Network) -> list[SurveyRound]:
    """Rounds about the whole network (not one theme or coalition), oldest first."""
    qs = SurveyRound.objects.filter(network=network, theme__isnull=True, coalition__isnull=True)
    return list(qs.select_related("network").order_by("opens_on", "closes_on", "pk"))


@dataclass
class TrendPoint:
    round: SurveyRound
    stat: Stat


@dataclass
class TrendSeries:
    key: str
    name: str
    scale: tuple[float, float] | None
    points: list[TrendPoint]


@dataclass
class Trend:
    instrument: Instrument
    rounds: list[SurveyRound]
    series: list[TrendSeries]
    minimum: int


def _overall(instrument: Instrument, respondents: list[Respondent], minimum: int) -> list[Stat]:
    selected = _selection(instrument, respondents)
    return [_dimension_stat(d, selected, minimum) for d in instrument.dimensions]


def trend(*, network: Network, instrument_key: str, rounds: Iterable[SurveyRound] | None = None) -> Trend:
    """Each dimension's mean with its confidence band over the network-wide rounds that asked it.

    `rounds` limits the trend to these (the rounds whose results the member may see).
    """
    instrument = instrument_get(instrument_key)
    allowed = None if rounds is None else {r.pk for r in rounds}
    rounds = [r for r in _network_rounds(network)
              if instrument_key in r.instruments and (allowed is None or r.pk in allowed)]
    data = _load(rounds, [instrument_key])
    minimum = network.anonymity_minimum
    series = {d.key: TrendSeries(d.key, localized(d, "name"), _dimension_scale(d), [])
              for d in instrument.dimensions if d.scoring != "distribution"}
    for round in rounds:
        for stat in _overall(instrument, data.respondents[round.pk], minimum):
            if stat.key in series:
                series[stat.key].points.append(TrendPoint(round, stat))
    return Trend(instrument, rounds, list(series.values()), minimum)


def change_threshold(scale: tuple[float, float] | None) -> float | None:
    """The difference that counts as a real change on this scale (see CHANGE_SHARE_OF_RANGE)."""
    if not scale:
        return None
    return CHANGE_SHARE_OF_RANGE * (scale[1] - scale[0])


@dataclass
class Difference:
    instrument: Instrument
    key: str
    name: str
    before: Stat
    after: Stat
    threshold: float | None

    @property
    def instrument_name(self) -> str:
        return localized(self.instrument, "name")

    @property
    def suppressed(self) -> bool:
        return self.before.suppressed or self.after.suppressed or self.before.mean is None \
            or self.after.mean is None

    @property
    def change(self) -> float | None:
        return None if self.suppressed else self.after.mean - self.before.mean

    @property
    def flagged(self) -> bool:
        return self.change is not None and self.threshold is not None and abs(self.change) >= self.threshold - 1e-9


@dataclass
class Comparison:
    before: SurveyRound
    after: SurveyRound
    differences: list[Difference]
    minimum: int


def round_comparison(*, before: SurveyRound, after: SurveyRound) -> Comparison:
    """Per dimension of every instrument both rounds asked: both means and the difference."""
    minimum = before.network.anonymity_minimum
    data = _load([before, after])
    differences = []
    for key in [k for k in before.instruments if k in after.instruments]:
        try:
            instrument = instrument_get(key)
        except KeyError:
            continue
        old = _overall(instrument, data.respondents[before.pk], minimum)
        new = _overall(instrument, data.respondents[after.pk], minimum)
        for dim, a, b in zip(instrument.dimensions, old, new, strict=True):
            if dim.scoring != "distribution":
                differences.append(Difference(instrument, dim.key, localized(dim, "name"), a, b,
                                              change_threshold(_dimension_scale(dim))))
    return Comparison(before, after, differences, minimum)


# Network-nature quadrant -------------------------------------------------------------------


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


def quadrants(*, round: SurveyRound) -> list[Quadrant]:
    """The network-nature quadrant for the network and for every theme answered about.

    No respondent's own place is returned: only respondents per square and per quadrant, each
    count of fewer than the anonymity minimum hidden, and the centre and spread of them all.
    """
    instrument = instrument_get(QUADRANT_INSTRUMENT)
    minimum = round.network.anonymity_minimum
    if QUADRANT_INSTRUMENT not in round.instruments:  # answers kept after the instrument was dropped
        return []
    data = _load([round], [QUADRANT_INSTRUMENT])
    subjects: dict[int | None, list[dict]] = defaultdict(list)
    for respondent in data.respondents[round.pk]:
        for unit in respondent.units.get(QUADRANT_INSTRUMENT, []):
            subjects[unit.theme_id].append(unit.answers)
    result = []
    theme_ids = [None] + sorted((t for t in subjects if t is not None), key=lambda t: data.themes.get(t, ""))
    for theme_id in theme_ids:
        label = _("the network as a whole") if theme_id is None else data.themes.get(theme_id, "")
        spread = scoring.position_spread(instrument, subjects.get(theme_id, []))
        n = len(spread["positions"])
        quadrant = Quadrant(round, theme_id, label, n, not _visible(n, minimum))
        if not quadrant.suppressed:
            quadrant.bins = _bins(spread["positions"], minimum)
            quadrant.centre, quadrant.stdev = spread["centre"], spread["stdev"]
            quadrant.quadrants = disclosure.binned_counts(
                {key: spread["quadrants"].get(key, 0) for key in [*QUADRANT_SHORT, None]}, minimum)
        result.append(quadrant)
    return result
