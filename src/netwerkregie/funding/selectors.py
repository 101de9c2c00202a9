"""Reads of the funding app: streams with committed money, calls, the assessment result, arena, warnings.

Blind assessment is enforced here: `call_result` only ever contains the scores of assessors who
have submitted; an assessor's own draft scores come from `own_scores` and are shown to them alone.
Every selector runs a fixed number of queries whatever the number of applications, assessors or
scores (tests/funding/test_funding_query_counts.py).
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Prefetch, QuerySet, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from netwerkregie.core.formatting import euro
from netwerkregie.core.roles import NetworkRole
from netwerkregie.core.signals import Signal
from netwerkregie.registry.models import Initiative, Network, NetworkMembership

from . import scoring
from .models import (
    Allocation,
    Application,
    ApplicationPartner,
    Approach,
    Arena,
    ArenaEntry,
    Assessor,
    Call,
    CallStatus,
    Criterion,
    FinancierResponse,
    FundingStream,
    ResponseKind,
    Score,
    Stakeholder,
)
from .services import MARKET_SHARE_WORDS, is_excluded

# Seed 004: the chain from cure through care to the community, by organisation type key.
CHAIN = {
    "cure": {"hospital", "gp", "ggz"},
    "care": {"vvt", "disability_care", "shelter", "care_office"},
    "community": {"municipality", "welfare", "housing", "ggd", "work_income", "debt_support", "resident_group",
                  "client_council", "education"},
}


@dataclass(frozen=True)
class StreamView:
    stream: FundingStream
    requested: Decimal
    committed: Decimal

    @property
    def available(self) -> Decimal:
        return self.stream.budget - self.committed


def stream_views(*, network: Network) -> list[StreamView]:
    streams = network.funding_streams.prefetch_related("financiers").annotate(
        requested=Sum("calls__applications__requested_amount"))
    committed = dict(Allocation.objects.filter(application__call__stream__network=network)
                     .values("application__call__stream").annotate(total=Sum("amount"))
                     .values_list("application__call__stream", "total"))
    return [StreamView(s, s.requested or Decimal(0), committed.get(s.pk) or Decimal(0)) for s in streams]


def call_list(*, network: Network, include_drafts: bool) -> QuerySet[Call]:
    """Open and closed calls are published to every member; drafts only to coordinators."""
    calls = Call.objects.filter(stream__network=network).select_related("stream__network")
    return calls if include_drafts else calls.exclude(status=CallStatus.DRAFT)


def call_get(*, network: Network, pk: int, include_drafts: bool) -> Call:
    return call_list(network=network, include_drafts=include_drafts).prefetch_related("criteria").get(pk=pk)


def _applications(call: Call) -> list[Application]:
    return list(call.applications.select_related("coalition", "initiative").prefetch_related(
        Prefetch("partners", ApplicationPartner.objects.select_related("organisation__type")),
        "conflicts", "goals"))


@dataclass(frozen=True)
class Check:
    key: str
    label: str
    passed: bool
    detail: str


@dataclass(frozen=True)
class AssessorResult:
    """One submitted assessor's scores on one application, in criterion order (None: not scored)."""

    assessor: Assessor
    excluded: bool
    scores: list[Score | None]
    total: Decimal | None


@dataclass(frozen=True)
class ApplicationResult:
    """`means` in criterion order; `total`, `spread` and assessor totals rounded to two decimals."""

    application: Application
    assessors: list[AssessorResult]
    means: list[Decimal | None]
    total: Decimal | None
    spread: Decimal | None
    rank: int | None
    checks: list[Check]
    doubles: list[Application]


@dataclass(frozen=True)
class CallResult:
    """The published assessment: per application each submitted assessor's scores, means, total, spread, rank."""

    call: Call
    criteria: list[Criterion]
    weight_sum: Decimal
    assessors: list[Assessor]
    submitted: list[Assessor]
    applications: list[ApplicationResult]
    call_checks: list[Check]

    @property
    def ranking(self) -> list[ApplicationResult]:
        return sorted(self.applications, key=lambda r: (r.rank is None, r.rank or 0, r.application.title))


def _application_checks(call: Call, application: Application) -> list[Check]:
    checks = []
    partners = list(application.partners.all())
    if call.check_min_partners:
        checks.append(Check("min_partners", _("at least two partners"), len(partners) >= 2,
                            _("%(count)d partners") % {"count": len(partners)}))
    if call.check_whole_chain:
        types = {p.organisation.type.key for p in partners}
        missing = [str(_(link)) for link, keys in CHAIN.items() if not types & keys]
        checks.append(Check("whole_chain", _("the whole chain cure–care–community"), not missing,
                            _("missing: %(links)s") % {"links": ", ".join(missing)} if missing else ""))
    return checks


def _call_checks(call: Call, criteria: list[Criterion], results: list[ApplicationResult],
                 submitted: list[Assessor]) -> list[Check]:
    checks = []
    if call.check_criteria_with_members:
        agreed = bool(call.criteria_agreed_on and call.agreed_by.strip())
        checks.append(Check("criteria_with_members", _("criteria drawn up with all members"), agreed,
                            call.agreed_by if agreed else _("no decision recorded")))
    if call.check_no_market_share:
        bad = [c.name for c in criteria if any(w in c.name.lower() for w in MARKET_SHARE_WORDS)]
        checks.append(Check("no_market_share", _("never allocation by market share"), not bad, ", ".join(bad)))
    if call.check_level_playing_field:
        uneven = [r.application.title for r in results
                  if any(not a.excluded and None in a.scores for a in r.assessors)]
        checks.append(Check("level_playing_field", _("a level playing field"), not uneven and call.is_frozen,
                            _("every application judged on the same published criteria by the same assessors")
                            if not uneven else ", ".join(uneven)))
    return checks


def double_applications(*, network: Network) -> dict[int, list[Application]]:
    """Per application the others for the same initiative, or by the same coalition with the same title,
    in another call (another stream or period): seed 004's *dubbeling van aanvragen*."""
    applications = list(Application.objects.filter(call__stream__network=network).select_related("call__stream"))
    groups = defaultdict(list)
    for application in applications:
        if application.initiative_id:
            groups[("initiative", application.initiative_id)].append(application)
        groups[("title", application.coalition_id, application.title.strip().casefold())].append(application)
    doubles: dict[int, dict[int, Application]] = defaultdict(dict)
    for group in groups.values():
        for application in group:
            for other in group:
                if other.call_id != application.call_id:
                    doubles[application.pk][other.pk] = other
    return {pk: sorted(others.values(), key=lambda a: a.pk) for pk, others in doubles.items()}


def call_result(*, call: Call) -> CallResult:
    """The assessment of a call from the submitted assessments only (see scoring.py for the formula)."""
    criteria = list(call.criteria.all())
    weights = {c.pk: c.weight for c in criteria}
    assessors = list(call.assessors.select_related("person__organisation", "user"))
    submitted = [a for a in assessors if a.submitted_at]
    scores: dict[tuple[int, int], dict[int, Score]] = defaultdict(dict)
    for score in Score.objects.filter(assessor__in=[a.pk for a in submitted]):
        scores[(score.application_id, score.assessor_id)][score.criterion_id] = score
    doubles = double_applications(network=call.stream.network)
    partial = []
    for application in _applications(call):
        rows, pairs = [], []
        for assessor in submitted:
            excluded = is_excluded(assessor, application)
            own = {} if excluded else scores[(application.pk, assessor.pk)]
            pairs += [(pk, s.score) for pk, s in own.items()]
            total = scoring.weighted({pk: Decimal(s.score) for pk, s in own.items()}, weights)
            rows.append(AssessorResult(assessor, excluded, [own.get(c.pk) for c in criteria], scoring.rounded(total)))
        means = scoring.criterion_means(pairs)
        totals = [r.total for r in rows if r.total is not None]
        partial.append((application, rows, means, scoring.rounded(scoring.weighted(means, weights)),
                        max(totals) - min(totals) if totals else None))
    ranks = scoring.rank({application.pk: total for application, _rows, _means, total, _spread in partial})
    results = [ApplicationResult(application, rows, [scoring.rounded(means.get(c.pk)) for c in criteria], total,
                                 spread, ranks.get(application.pk), _application_checks(call, application),
                                 doubles.get(application.pk, []))
               for application, rows, means, total, spread in partial]
    return CallResult(call, criteria, sum(weights.values(), Decimal(0)), assessors, submitted, results,
                      _call_checks(call, criteria, results, submitted))


def can_see_result(*, call: Call, membership: NetworkMembership) -> bool:
    """Coordinators always; an assessor once they submitted; every member once the call is closed."""
    if membership.has_role(NetworkRole.COORDINATOR) or call.status == CallStatus.CLOSED:
        return True
    return call.assessors.filter(user=membership.user, submitted_at__isnull=False).exists()


def assessor_for(*, call: Call, user: AbstractBaseUser) -> Assessor | None:
    return call.assessors.select_related("person__organisation").filter(user=user).first()


@dataclass(frozen=True)
class ScoringRow:
    """One application on an assessor's own scoring sheet."""

    application: Application
    excluded: bool
    scores: list[Score | None]


def own_scores(*, assessor: Assessor) -> list[ScoringRow]:
    """The assessor's own sheet: their scores only, never anyone else's."""
    criteria = list(assessor.call.criteria.all())
    mine = defaultdict(dict)
    for score in assessor.scores.all():
        mine[score.application_id][score.criterion_id] = score
    return [ScoringRow(a, is_excluded(assessor, a), [mine[a.pk].get(c.pk) for c in criteria])
            for a in _applications(assessor.call)]


@dataclass(frozen=True)
class AdoptionYear:
    year: int
    responses: int
    adopted: int

    @property
    def share(self) -> float:
        return self.adopted / self.responses if self.responses else 0.0


def advice_adoption(*, network: Network, start: datetime.date | None = None,
                    end: datetime.date | None = None) -> list[AdoptionYear]:
    """Per year how many financier responses adopted the network's advice; `start`/`end` limit the
    responses to those given in that stretch (both included)."""
    years: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    responses = FinancierResponse.objects.filter(allocation__application__call__stream__network=network)
    if start:
        responses = responses.filter(responded_on__gte=start)
    if end:
        responses = responses.filter(responded_on__lte=end)
    for response, responded_on in responses.values_list("response", "responded_on"):
        years[responded_on.year][0] += 1
        years[responded_on.year][1] += response == ResponseKind.ADOPTED
    return [AdoptionYear(year, total, adopted) for year, (total, adopted) in sorted(years.items())]


def allocation_list(*, network: Network) -> QuerySet[Allocation]:
    return (Allocation.objects.filter(application__call__stream__network=network)
            .select_related("application__call__stream", "application__coalition")
            .prefetch_related(Prefetch("responses", FinancierResponse.objects.select_related("financier"))))


@dataclass(frozen=True)
class StakeholderBalance:
    """What one stakeholder invests and collects under the classic and the integrated approach."""

    stakeholder: str
    label: str
    classic_investment: Decimal
    classic_returns: Decimal
    integrated_investment: Decimal
    integrated_returns: Decimal

    @property
    def classic_net(self) -> Decimal:
        return self.classic_returns - self.classic_investment

    @property
    def integrated_net(self) -> Decimal:
        return self.integrated_returns - self.integrated_investment

    @property
    def invests_without_return(self) -> bool:
        """Seed 003: a party that invests in the integrated approach and collects nothing drops out."""
        return self.integrated_investment > 0 and self.integrated_returns == 0


@dataclass(frozen=True)
class ArenaView:
    arena: Arena
    balances: list[StakeholderBalance]

    @property
    def warnings(self) -> list[StakeholderBalance]:
        return [b for b in self.balances if b.invests_without_return]

    @property
    def totals(self) -> StakeholderBalance:
        return StakeholderBalance("", _("total"), *(sum((getattr(b, name) for b in self.balances), Decimal(0))
                                                   for name in ("classic_investment", "classic_returns",
                                                                "integrated_investment", "integrated_returns")))


def _balances(entries: list[ArenaEntry]) -> list[StakeholderBalance]:
    amounts = defaultdict(lambda: {Approach.CLASSIC: (Decimal(0), Decimal(0)),
                                   Approach.INTEGRATED: (Decimal(0), Decimal(0))})
    for entry in entries:
        amounts[entry.stakeholder][entry.approach] = (entry.investment, entry.returns)
    labels = dict(Stakeholder.choices)
    return [StakeholderBalance(key, str(labels[key]), *amounts[key][Approach.CLASSIC],
                               *amounts[key][Approach.INTEGRATED])
            for key in labels if key in amounts]


def arena_views(*, network: Network) -> list[ArenaView]:
    arenas = (Arena.objects.filter(initiative__coalition__network=network)
              .select_related("initiative__coalition").prefetch_related("entries").order_by("initiative__name"))
    return [ArenaView(arena, _balances(list(arena.entries.all()))) for arena in arenas]


def requested_per_year(*, network: Network) -> dict[int, Decimal]:
    years: dict[int, Decimal] = defaultdict(Decimal)
    for amount, submitted_on in Application.objects.filter(call__stream__network=network).values_list(
            "requested_amount", "submitted_on"):
        years[submitted_on.year] += amount
    return dict(sorted(years.items()))


def network_signals(*, network: Network, today: datetime.date | None = None) -> list[Signal]:
    """Dashboard warnings (every member): double applications, rising requests (stress signal, seed 002),
    parties that invest without return (seed 003)."""
    today = today or timezone.localdate()
    index = reverse("funding:index", kwargs={"network": network.slug})
    signals = []
    doubles = double_applications(network=network)
    if doubles:
        titles = sorted({a.title for others in doubles.values() for a in others})
        signals.append(Signal("double_application", _("Double applications (same initiative or title in several "
                                                      "streams or periods): %(titles)s.")
                              % {"titles": ", ".join(titles)}, index))
    years = requested_per_year(network=network)
    last, before = years.get(today.year - 1), years.get(today.year - 2)
    if last and before and last > before:
        signals.append(Signal("funds_rising", _("Funds requested are rising: %(last)s in %(year)d against %(before)s "
                                                "the year before. Check whether the network's mandate keeps pace.")
                              % {"last": euro(last), "before": euro(before), "year": today.year - 1}, index))
    arena_url = reverse("funding:arena", kwargs={"network": network.slug})
    for view in arena_views(network=network):
        for balance in view.warnings:
            signals.append(Signal("invests_without_return", _(
                "%(initiative)s: %(stakeholder)s invests in the integrated approach without any return; agree on "
                "sharing burdens and gains.") % {"initiative": view.arena.initiative, "stakeholder": balance.label},
                arena_url))
    return signals


def application_list(*, calls: QuerySet[Call]) -> QuerySet[Application]:
    return Application.objects.filter(call__in=calls).select_related("call").prefetch_related("partners", "goals")


def initiatives(*, network: Network) -> QuerySet[Initiative]:
    return Initiative.objects.filter(coalition__network=network)
