"""Weighted totals, spread and ranking against hand-computed values; exclusion, blindness, doubles."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from netwerkregie.funding import scoring, selectors, services

pytestmark = pytest.mark.django_db
D = Decimal


def by_title(result):
    return {r.application.title[-1]: r for r in result.applications}


def test_weighted_totals_spread_and_ranking_by_hand(build_call):
    assessed = build_call()
    result = selectors.call_result(call=assessed.call)
    rows = by_title(result)
    assert result.weight_sum == D(6)
    # X: means A (5+4)/2, B 4, C (3+4)/2 → (3·4.5 + 2·4 + 1·3.5) / 6 = 25/6
    assert rows["X"].means == [D("4.50"), D("4.00"), D("3.50")]
    assert rows["X"].total == D("4.17")
    assert [a.total for a in rows["X"].assessors] == [None, D("4.33"), D("4.00")]
    assert rows["X"].spread == D("0.33")
    # Y: means 4, 8/3, 4 → (12 + 16/3 + 4) / 6 = 3.5556
    assert rows["Y"].total == D("3.56")
    assert [a.total for a in rows["Y"].assessors] == [D("3.83"), D("3.00"), D("3.83")]
    assert rows["Y"].spread == D("0.83")
    # Z: P3 has a conflict; means 2.5, 3, 1.5 → 15/6
    assert rows["Z"].total == D("2.50") and rows["Z"].spread == D("1.00")
    assert [r.application.title for r in result.ranking] == ["Aanvraag X", "Aanvraag Y", "Aanvraag Z"]
    assert [rows[name].rank for name in "XYZ"] == [1, 2, 3]


def test_equal_totals_share_a_rank():
    assert scoring.rank({1: D("4.00"), 2: D("4.00"), 3: D("3.10"), 4: None}) == {1: 1, 2: 1, 3: 3}


def test_an_assessor_from_an_applying_organisation_is_excluded_automatically(build_call):
    assessed = build_call(score=False)
    p1, x = assessed.assessors["P1"], assessed.applications["X"]
    with pytest.raises(ValidationError, match="conflict of interest"):
        services.score_set(assessor=p1, application=x, criterion=assessed.criteria["A"], score=3, reason="r")
    sheet = {row.application.title: row.excluded for row in selectors.own_scores(assessor=p1)}
    assert sheet == {"Aanvraag X": True, "Aanvraag Y": False, "Aanvraag Z": False}
    p3_sheet = {row.application.title: row.excluded for row in selectors.own_scores(assessor=assessed.assessors["P3"])}
    assert p3_sheet["Aanvraag Z"] is True  # declared conflict


def test_scores_stay_blind_until_submitted(build_call):
    assessed = build_call(submit=("P2",))
    result = selectors.call_result(call=assessed.call)
    assert [a.person.name for a in result.submitted] == ["Beoordelaar P2"]
    x = by_title(result)["X"]
    assert [a.assessor.person.name for a in x.assessors] == ["Beoordelaar P2"]
    assert x.means == [D("5.00"), D("4.00"), D("3.00")]  # only P2's scores count


def test_submitting_requires_every_score_and_then_freezes(build_call):
    assessed = build_call(submit=())
    p2 = assessed.assessors["P2"]
    services.conflict_declare(assessor=p2, application=assessed.applications["Y"], reason="Familie")
    submitted = services.assessment_submit(assessor=p2)
    with pytest.raises(ValidationError, match="submitted"):
        services.score_set(assessor=submitted, application=assessed.applications["X"],
                           criterion=assessed.criteria["A"], score=1, reason="later")


def test_submitting_with_a_missing_score_names_the_application(build_call):
    assessed = build_call(score=False)
    p2 = assessed.assessors["P2"]
    services.score_set(assessor=p2, application=assessed.applications["X"], criterion=assessed.criteria["A"],
                       score=4, reason="goed")
    with pytest.raises(ValidationError, match="Aanvraag X, Aanvraag Y, Aanvraag Z"):
        services.assessment_submit(assessor=p2)


@pytest.mark.parametrize(("score", "reason", "message"), [(0, "r", "between 1 and 5"), (6, "r", "between 1 and 5"),
                                                          (3, "  ", "reason")])
def test_scores_need_the_scale_and_a_reason(build_call, score, reason, message):
    assessed = build_call(score=False)
    with pytest.raises(ValidationError, match=message):
        services.score_set(assessor=assessed.assessors["P2"], application=assessed.applications["X"],
                           criterion=assessed.criteria["A"], score=score, reason=reason)


def test_the_open_call_is_frozen_and_a_new_version_copies_the_criteria(build_call):
    assessed = build_call(score=False)
    with pytest.raises(ValidationError, match="frozen"):
        services.criterion_add(call=assessed.call, name="Nieuw", weight=D(1))
    with pytest.raises(ValidationError, match="can no longer change"):
        services.call_update(call=assessed.call, scale_max=10)
    services.call_update(call=assessed.call, closes_on=datetime.date(2026, 3, 1))
    version = services.call_new_version(call=assessed.call)
    assert (version.version, version.status, version.previous_id) == (2, "draft", assessed.call.pk)
    assert [(c.name, c.weight) for c in version.criteria.all()] == [
        ("Criterium A", D("3.00")), ("Criterium B", D("2.00")), ("Criterium C", D("1.00"))]
    services.criterion_add(call=version, name="Criterium D", weight=D("0.5"))


def test_opening_needs_the_decision_on_the_criteria(network, build_call):
    assessed = build_call(score=False)
    draft = services.call_create(stream=assessed.stream, name="Zonder besluit")
    services.criterion_add(call=draft, name="Kwaliteit", weight=D(1))
    with pytest.raises(ValidationError, match="drawn up with all members"):
        services.call_open(call=draft)


def test_market_share_is_never_a_criterion(build_call):
    assessed = build_call(score=False)
    draft = services.call_create(stream=assessed.stream, name="Tweede oproep")
    with pytest.raises(ValidationError, match="market share"):
        services.criterion_add(call=draft, name="Marktaandeel in de regio", weight=D(1))


def test_double_applications_are_flagged_across_streams(network, build_call):
    assessed = build_call(score=False)
    other = services.stream_create(network=network, name="GALA 2026", kind="gala", budget=D("50000"))
    call = services.call_create(stream=other, name="GALA-oproep", criteria_agreed_on=datetime.date(2026, 1, 1),
                                agreed_by="Regiegroep")
    services.criterion_add(call=call, name="Impact", weight=D(1))
    call = services.call_open(call=call)
    same_initiative = services.application_create(call=call, coalition=assessed.coalition, title="Valcursus GALA",
                                                  requested_amount=D(5000), initiative=assessed.initiative)
    same_title = services.application_create(call=call, coalition=assessed.coalition, title="aanvraag y ",
                                             requested_amount=D(5000))
    services.application_create(call=call, coalition=assessed.coalition, title="Iets anders", requested_amount=D(1))
    doubles = selectors.double_applications(network=network)
    assert {pk: [a.pk for a in others] for pk, others in doubles.items()} == {
        assessed.applications["X"].pk: [same_initiative.pk], same_initiative.pk: [assessed.applications["X"].pk],
        assessed.applications["Y"].pk: [same_title.pk], same_title.pk: [assessed.applications["Y"].pk]}
    codes = [s.code for s in selectors.network_signals(network=network)]
    assert "double_application" in codes


def test_principle_checks_per_application(build_call):
    assessed = build_call()
    services_call = assessed.call
    services_call.check_whole_chain = True
    services_call.save()
    rows = by_title(selectors.call_result(call=services_call))
    checks = {name: {c.key: c.passed for c in rows[name].checks} for name in "XYZ"}
    assert checks["Z"] == {"min_partners": False, "whole_chain": False}
    assert checks["X"]["min_partners"] is True
    assert checks["X"]["whole_chain"] is False  # hospital + VVT: no community partner
    call_checks = {c.key: c.passed for c in selectors.call_result(call=services_call).call_checks}
    assert call_checks == {"criteria_with_members": True, "no_market_share": True, "level_playing_field": True}


def test_allocation_respects_the_budget_and_financier_responses_count(network, build_call):
    assessed = build_call()
    x, y = assessed.applications["X"], assessed.applications["Y"]
    allocation = services.allocation_decide(application=x, amount=D("30000"), decided_on=datetime.date(2026, 4, 1),
                                            reasoning="Hoogste score")
    with pytest.raises(ValidationError, match="more than the amount requested"):
        services.allocation_decide(application=y, amount=D("30001"), decided_on=datetime.date(2026, 4, 1),
                                   reasoning="r")
    services.stream_update(stream=assessed.stream, budget=D("50000"))
    with pytest.raises(ValidationError, match="left"):
        services.allocation_decide(application=y, amount=D("25000"), decided_on=datetime.date(2026, 4, 1),
                                   reasoning="r")
    view = selectors.stream_views(network=network)[0]
    assert (view.committed, view.available, view.requested) == (D("30000"), D("20000"), D("90000"))
    financier = assessed.organisations[3]
    with pytest.raises(ValidationError, match="why the financier deviated"):
        services.financier_response_record(allocation=allocation, financier=financier, response="deviated",
                                           responded_on=datetime.date(2026, 5, 1))
    with pytest.raises(ValidationError, match="not a financier"):
        services.financier_response_record(allocation=allocation, financier=assessed.organisations[0],
                                           response="adopted", responded_on=datetime.date(2026, 5, 1))
    services.financier_response_record(allocation=allocation, financier=financier, response="adopted",
                                       responded_on=datetime.date(2026, 5, 1))
    second = services.allocation_decide(application=y, amount=D("10000"), decided_on=datetime.date(2026, 4, 1),
                                        reasoning="Deels")
    services.financier_response_record(allocation=second, financier=financier, response="deviated",
                                       reason="Eigen beleid", responded_on=datetime.date(2027, 1, 5))
    years = [(y.year, y.responses, y.adopted, y.share) for y in selectors.advice_adoption(network=network)]
    assert years == [(2026, 1, 1, 1.0), (2027, 1, 0, 0.0)]
