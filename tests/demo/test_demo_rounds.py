"""The demo's three network monitors: closed rounds, a dip in 2025, a partial recovery, real result pages."""

from __future__ import annotations

import datetime
import re

import pytest
from django.test import Client
from django.utils import translation

from netwerkregie.assessments.models import Answer, Invitation
from netwerkregie.assessments.results import dip, trends
from netwerkregie.demo.generator import build_demo
from netwerkregie.governance import advice as rules
from netwerkregie.governance.selectors import governance_advice
from netwerkregie.registry.models import Network

pytestmark = pytest.mark.django_db


def _round(network: Network, year: int):
    return network.survey_rounds.get(name=f"Netwerkmonitor {year}")


def test_three_closed_yearly_rounds_with_enough_respondents(demo):
    rounds = list(demo.survey_rounds.order_by("opens_on"))
    assert [r.name for r in rounds] == ["Netwerkmonitor 2024", "Netwerkmonitor 2025", "Netwerkmonitor 2026"]
    for year, r in zip((2024, 2025, 2026), rounds, strict=True):
        assert r.opens_on.year == year and r.opens_on.month == 1
        assert r.closes_on == datetime.date(year, 3, 1)
        assert not r.is_open(datetime.date(2026, 11, 22))
        assert set(r.instruments) == {"five_conditions", "network_dip", "network_value", "network_nature",
                                      "governance_contingencies", "platform31", "regie_roles", "relations"}
        completed = Invitation.objects.filter(round=r, completed_at__isnull=False)
        assert 30 <= completed.count() <= 48  # one contact per organisation is invited, then others
        assert Invitation.objects.filter(round=r, completed_at__isnull=True).exists()  # not everyone answered
        # answered while the round was open
        assert all(r.opens_on <= c.completed_at.date() <= r.closes_on for c in completed)


def test_relational_answers_about_five_to_twelve_organisations_mostly(demo):
    r = _round(demo, 2025)
    per_respondent = {}
    for invitation_id, organisation_id in (Answer.objects.filter(invitation__round=r, instrument="relations")
                                           .values_list("invitation_id", "organisation_id").distinct()):
        per_respondent.setdefault(invitation_id, set()).add(organisation_id)
    counts = sorted(len(v) for v in per_respondent.values())
    assert counts[len(counts) // 2] in range(5, 13)
    own = dict(Invitation.objects.filter(round=r).values_list("pk", "organisation_id"))
    assert all(own[inv] not in orgs for inv, orgs in per_respondent.items())


def test_dip_story_start_dip_partial_recovery(demo):
    """2024 a start without signals, 2025 in a dip driven by several signals, 2026 recovering."""
    assessment = dip.dip_assessment(network=demo, on=datetime.date(2026, 11, 22))
    statuses = [(r.round.name, r.status) for r in assessment.rounds]
    assert statuses == [("Netwerkmonitor 2024", dip.DipStatus.NO_SIGNALS),
                        ("Netwerkmonitor 2025", dip.DipStatus.IN_DIP),
                        ("Netwerkmonitor 2026", dip.DipStatus.RECOVERY)]
    y2024, y2025, y2026 = assessment.rounds
    assert y2025.index_change.rising and len(y2025.drivers) >= dip.DIP_MIN_SIGNALS
    assert "need_structure" in {s.key for s in y2025.drivers}
    assert y2026.index_change.falling and y2024.index.mean < y2026.index.mean < y2025.index.mean  # partial
    assert assessment.headline.startswith("Netwerkdip, Netwerkmonitor 2026: herstel")
    # As seen in June 2025, the latest counting round is 2025: in a dip.
    assert dip.dip_assessment(network=demo, on=datetime.date(2025, 6, 1)).latest.status == dip.DipStatus.IN_DIP

    conditions = trends.trend(network=demo, instrument_key="five_conditions")
    for series in conditions.series:
        y2024, y2025, y2026 = (p.stat.mean for p in series.points)
        assert y2025 < y2024 and y2025 < y2026 < y2024 + 0.1, series.key
    trust = _means(demo, "relations")["trust"]
    assert trust[1] < trust[2] < trust[0]
    signals = _means(demo, "network_dip")["signals"]
    assert signals[0] < signals[2] < signals[1]


def test_demo_advice_is_what_the_paper_gives_for_its_figures(demo):
    """45 organisations, low trust, moderately low consensus, high need, low centralisation: an NAO."""
    with translation.override("en"):
        result = governance_advice(network=demo)
        reasons, notes = [str(r) for r in result.advice.reasons], [str(n) for n in result.advice.notes]
    inputs = result.inputs
    assert inputs["participants"].value == demo.organisations.count() == 45
    trust = inputs["trust_density"]
    assert trust.round == "Netwerkmonitor 2026" and not trust.provisional and trust.value < rules.LOW_BELOW
    assert inputs["centralization"].value < rules.CENTRALISED_FROM
    assert inputs["goal_consensus"].value < rules.MODERATE_SPLIT and inputs["competency_need"].value >= rules.HIGH_FROM
    assert result.advice.recommended == "nao" and result.advice.scores["shared_governance"] == 0.0
    assert any("lead organisation is not a good fit" in r for r in reasons)
    # the demo region is led by the municipality: a common step to an NAO, and a double role to separate
    assert result.comparison.status == "differs" and "common step" in result.comparison.message
    assert any("double role" in n for n in notes)


def _means(network: Network, instrument: str) -> dict[str, list[float]]:
    trend = trends.trend(network=network, instrument_key=instrument)
    return {s.key: [p.stat.mean for p in s.points] for s in trend.series}


def _fingerprint(network: Network) -> list[tuple]:
    return list(Answer.objects.filter(invitation__round__network=network)
                .order_by("invitation__round__name", "invitation__person__email", "instrument", "theme__name", "level",
                          "organisation__name", "item")
                .values_list("invitation__round__name", "invitation__person__email", "instrument", "theme__name",
                             "level", "organisation__name", "item", "value", "evidence"))


def test_demo_has_dont_know_and_dutch_evidence(demo):
    answers = Answer.objects.filter(invitation__round__network=demo)
    assert answers.filter(value="dont_know").count() > 50
    evidence = list(answers.exclude(evidence="").values_list("evidence", flat=True))
    assert len(evidence) > 50 and any("netwerkoverleg" in text for text in evidence)


def test_zz_rebuilt_demo_gives_the_same_answers(demo):
    """Last in the module: deletes the shared demo and builds it again."""
    before = _fingerprint(demo)
    Network.objects.filter(slug=demo.slug).delete()
    again = build_demo()
    assert _fingerprint(again) == before


def test_result_pages_show_real_numbers(demo, make_user):
    from netwerkregie.registry import services

    user = make_user("lezer")
    services.membership_set(network=demo, user=user, role="viewer")
    client = Client()
    client.force_login(user)
    r = _round(demo, 2025)
    base = f"/n/{demo.slug}/assessments/"
    page = client.get(f"{base}rounds/{r.pk}/results/")
    assert page.status_code == 200
    html = page.content.decode()
    assert re.search(r'<td class="text-end mean">[1-5],\d\d</td>', html)  # Dutch decimals
    assert "chart-table" in html
    for url in ("results/", "trend/?instrument=five_conditions", f"compare/?a={_round(demo, 2024).pk}&b={r.pk}",
                f"quadrant/?round={r.pk}", f"rounds/{r.pk}/results/?instrument=relations"):
        response = client.get(base + url)
        assert response.status_code == 200, url
    compare = client.get(f"{base}compare/?a={_round(demo, 2024).pk}&b={r.pk}").content.decode()
    assert "table-warning" in compare  # flagged differences
    quadrant = client.get(f"{base}quadrant/?round={r.pk}").content.decode()
    assert "Gezond ouder worden" in quadrant and "quadrant-network" in quadrant
