"""Loading survey answers for aggregation, in a fixed number of queries, and reading rounds."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from netwerkregie.registry.models import (
    CoalitionParticipation,
    Theme,
)

from .. import scoring
from ..instruments import instrument_get
from ..models import Answer, Invitation, SurveyRound


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
    answers = Answer.objects.filter(invitation_id__in=by_invitation)
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
