"""Aggregated survey results under /api/v1: the same selectors, and anonymity rule, as the pages.

A suppressed statistic or group carries `suppressed: true` and no numbers, not even its size.
Who sees what is the pages' rule: a closed round's results for every member, a round still open
for admins only once the minimum have completed (else 403); free text and evidence for
coordinators and admins, or every member when the network publishes them (else `texts` is
empty). Raw answers never leave through the API.
"""

from __future__ import annotations

import datetime

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema
from ninja.errors import HttpError

from netwerkregie.core.api import PathId, Slug, network_for

from . import results
from .models import SurveyRound

router = Router(tags=["survey results"])


class CountOut(Schema):
    answer: str
    label: str
    count: int


class StatOut(Schema):
    key: str
    name: str
    method: str
    suppressed: bool
    n: int | None = None
    mean: float | None = None
    median: float | None = None
    stdev: float | None = None
    ci_low: float | None = None
    ci_high: float | None = None
    dont_know: int | None = None
    distribution: list[CountOut] = []


class GroupOut(Schema):
    kind: str
    key: str
    label: str
    suppressed: bool
    n: int | None = None
    dimensions: list[StatOut] = []


class TextOut(Schema):
    question: str
    subject: str
    text: str
    is_evidence: bool


class InstrumentOut(Schema):
    key: str
    name: str
    suppressed: bool
    n: int | None = None
    dimensions: list[StatOut] = []
    groups: list[GroupOut] = []
    texts: list[TextOut] = []


class RoundResultsOut(Schema):
    round: int
    name: str
    opens_on: datetime.date
    closes_on: datetime.date
    anonymity_minimum: int
    invited: int
    respondents: int
    texts_shown: bool
    instruments: list[InstrumentOut]


class MoveOut(Schema):
    instrument: str
    key: str
    name: str
    before: float
    after: float


class DipWarningOut(Schema):
    code: str
    message: str
    before_round: int
    after_round: int
    moves: list[MoveOut]


def _stat(stat: results.Stat) -> dict:
    if stat.suppressed:
        return {"key": stat.key, "name": stat.name, "method": stat.method, "suppressed": True}
    return {"key": stat.key, "name": stat.name, "method": stat.method, "suppressed": False, "n": stat.n,
            "mean": stat.mean, "median": stat.median, "stdev": stat.stdev, "ci_low": stat.ci_low,
            "ci_high": stat.ci_high, "dont_know": stat.dont_know,
            "distribution": [{"answer": k, "label": label, "count": c} for k, label, c in stat.distribution]}


def _group(group: results.GroupResult) -> dict:
    if group.suppressed:
        return {"kind": group.kind, "key": group.key, "label": group.label, "suppressed": True}
    return {"kind": group.kind, "key": group.key, "label": group.label, "suppressed": False, "n": group.n,
            "dimensions": [_stat(s) for s in group.dimensions]}


def _instrument(result: results.InstrumentResult) -> dict:
    head = {"key": result.instrument.key, "name": result.name, "suppressed": result.suppressed}
    if result.suppressed:
        return head
    return {**head, "n": result.n, "dimensions": [_stat(s) for s in result.dimensions],
            "groups": [_group(g) for groups in result.groups.values() for g in groups],
            "texts": [vars(t) for t in result.texts]}


@router.get("/networks/{slug}/survey-rounds/{round_id}/results/", response=RoundResultsOut)
def round_results(request: HttpRequest, slug: Slug, round_id: PathId):
    """Per instrument and dimension: n, mean, median, sd, 95% band, distribution; by type, level, theme."""
    network = network_for(request, slug)
    survey_round = get_object_or_404(SurveyRound.objects.select_related("network"), network=network, pk=round_id)
    if not results.results_visible(round=survey_round, membership=request.membership):
        raise HttpError(403, results.hidden_reason(round=survey_round))
    data = results.round_results(round=survey_round,
                                 with_texts=results.texts_visible(network=network, membership=request.membership))
    return {"round": survey_round.pk, "name": survey_round.name, "opens_on": survey_round.opens_on,
            "closes_on": survey_round.closes_on, "anonymity_minimum": data.minimum, "invited": data.invited,
            "respondents": data.respondents, "texts_shown": data.texts_shown,
            "instruments": [_instrument(r) for r in data.instruments]}


@router.get("/networks/{slug}/dip-warning/", response=list[DipWarningOut])
def dip_warning(request: HttpRequest, slug: Slug):
    """The network-dip warning between the two most recent closed network-wide rounds, if any."""
    return [{"code": w.code, "message": w.message, "before_round": w.before.pk, "after_round": w.after.pk,
             "moves": [vars(m) for m in w.moves]}
            for w in results.dip_warning(network=network_for(request, slug))]
