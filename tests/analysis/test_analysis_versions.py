"""Stored analyses and the data version: stored equals fresh, a write makes them out of date, large
networks are analysed in the background with the previous figure marked out of date."""

from __future__ import annotations

import datetime
import random

import pytest
from django.contrib import admin
from django.urls import reverse
from django.utils import timezone
from relation_helpers import coalition, org, relation, report, respondent, survey_round, theme

from netwerkregie.analysis import selectors, services, tasks
from netwerkregie.analysis.contract import NetworkAnalysis
from netwerkregie.analysis.stored import Question, stored_analysis
from netwerkregie.assessments import retention
from netwerkregie.core.roles import NetworkRole
from netwerkregie.registry import services as registry
from netwerkregie.registry.admin import OrganisationAdmin, OrganisationTypeAdmin
from netwerkregie.registry.models import Organisation, OrganisationType, StoredResult, SurveyTies
from netwerkregie.registry.selectors import data_version

pytestmark = pytest.mark.django_db


def generated(network, seed: int, size: int = 14):
    """A random network with every source of relations: coalitions, relations by hand, two closed rounds."""
    rng = random.Random(seed)
    members = [org(network, f"Organisatie {seed}-{i:02d}") for i in range(size)]
    themes = [theme(network, f"Thema {seed}-{t}") for t in range(2)]
    for c in range(3):
        coalition(network, f"Coalitie {seed}-{c}", themes[c % 2], rng.sample(members, 4))
    for _i in range(size):
        a, b = rng.sample(members, 2)
        relation(network, a, b, kind=rng.choice(["funding", "contract", "referral"]))
    rounds = [survey_round(network, f"{year}", f"{year}-01-10") for year in (2023, 2024)]
    for survey in rounds:
        for member in rng.sample(members, size // 2):
            invitation = respondent(survey, member)
            for about in rng.sample([m for m in members if m != member], 3):
                report(invitation, about, rng.choice(["aware", "cooperative", "coordinated", "integrated"]),
                       trust=tuple(rng.randint(1, 4) for _ in range(3)), value=(rng.randint(1, 4),) * 3)
    registry.data_changed(network=network)  # the answers above were written without the services
    return members, rounds


QUESTIONS = [
    {},
    {"sources": ("survey",)},
    {"sources": ("manual",), "directed": True},
    {"sources": ("comembership", "survey")},
    {"sources": ("survey",), "survey_ties": SurveyTies.PRESENCE},
    {"sources": ("survey", "manual"), "survey_ties": SurveyTies.AGGREGATED, "directed": True},
]


@pytest.mark.parametrize("seed", [1, 2])
def test_stored_analyses_equal_fresh_ones(network, seed):
    network.anonymity_minimum = 2
    network.save()
    _members, rounds = generated(network, seed)
    size = network.organisations.count()
    for asked in QUESTIONS:
        for survey in (None, *rounds):
            question = Question(network_id=network.pk, round_id=survey.pk if survey else None, **asked)
            fresh = tasks.analysis_state(network=network, question=question, size=size)
            stored = stored_analysis(question)
            assert stored.current and stored.analysis == fresh.analysis, (asked, survey)
            again = tasks.analysis_state(network=network, question=question, size=size)
            assert again.analysis == fresh.analysis == NetworkAnalysis.from_json(fresh.analysis.to_json())
            recomputed = selectors.network_analysis(
                network=network, sources=question.sources, survey_round=question.round_id,
                directed=question.directed, survey_ties=question.survey_ties)
            assert_same(again.analysis.to_json(), recomputed.to_json())


def assert_same(stored, fresh) -> None:
    """Equal, floats to the last digits: igraph's eigenvector solver does not repeat its last bit."""
    if isinstance(fresh, float):
        assert stored == pytest.approx(fresh, rel=1e-12, abs=1e-15)
    elif isinstance(fresh, dict):
        assert stored.keys() == fresh.keys()
        for key in fresh:
            assert_same(stored[key], fresh[key])
    elif isinstance(fresh, list):
        assert len(stored) == len(fresh)
        for a, b in zip(stored, fresh, strict=True):
            assert_same(a, b)
    else:
        assert stored == fresh


def test_a_current_analysis_is_read_not_computed(network, logged_in_client, monkeypatch):
    generated(network, 3, size=6)
    url = reverse("analysis:index", kwargs={"network": network.slug})
    first = logged_in_client.get(url).context["analysis"]
    monkeypatch.setattr(selectors, "network_analysis", lambda **kwargs: pytest.fail("computed again"))
    assert logged_in_client.get(url).context["analysis"] == first


def test_a_write_bumps_the_version_and_the_next_page_shows_the_new_figure(network, logged_in_client):
    a, b, c = (org(network, name) for name in ("A", "B", "C"))
    relation(network, a, b)
    url = reverse("analysis:index", kwargs={"network": network.slug})
    assert logged_in_client.get(url, {"sources": ["manual"]}).context["analysis"].edges == 1
    before = data_version(network=network)
    added = services.relation_create(network=network, source=b, target=c, kind="contract")
    assert data_version(network=network) == before + 1
    page = logged_in_client.get(url, {"sources": ["manual"]})
    assert page.context["analysis"].edges == 2 and page.context["analysis"].isolates == ()
    assert 'id="analysis-out-of-date"' not in page.content.decode()
    services.relation_delete(relation=added)
    assert logged_in_client.get(url, {"sources": ["manual"]}).context["analysis"].edges == 1
    # registry writes count too: a coalition makes co-members of its organisations
    shared = registry.coalition_create(network=network, theme=theme(network), name="K", organisations=[a, c])
    assert logged_in_client.get(url, {"sources": ["comembership"]}).context["analysis"].edges == 1
    registry.coalition_update(coalition=shared, status="stopped")
    assert logged_in_client.get(url, {"sources": ["comembership"]}).context["analysis"].edges == 0


def test_an_analysis_of_yesterday_is_out_of_date(network):
    org(network, "A")
    question = Question(network_id=network.pk)
    tasks.analysis_state(network=network, question=question, size=1)
    assert stored_analysis(question).current
    StoredResult.objects.update(computed_on=timezone.localdate() - datetime.timedelta(days=1))
    assert not stored_analysis(question).current


def test_an_open_round_is_never_current(network):
    a, b = org(network, "A"), org(network, "B")
    today = timezone.localdate()
    open_round = survey_round(network, "Nu", (today - datetime.timedelta(days=3)).isoformat())
    report(respondent(open_round, a), b)
    question = Question(network_id=network.pk, sources=("survey",), round_id=open_round.pk, round_open=True)
    assert tasks.analysis_state(network=network, question=question, size=2).analysis.edges == 1
    assert not stored_analysis(question).current and not StoredResult.objects.exists()


def test_a_large_network_shows_being_computed_then_the_stored_result_then_out_of_date(
        network, logged_in_client, monkeypatch, run_task_worker):
    a, b, c = (org(network, name) for name in ("A", "B", "C"))
    relation(network, a, b)
    monkeypatch.setattr(selectors, "INLINE_MAX", 2)
    url = reverse("analysis:index", kwargs={"network": network.slug})
    first = logged_in_client.get(url, {"sources": ["manual"]})
    assert first.context["pending"] and first.context["analysis"] is None
    assert "op de achtergrond geanalyseerd" in first.content.decode()  # Dutch by default
    run_task_worker()
    done = logged_in_client.get(url, {"sources": ["manual"]})
    assert done.context["analysis"].edges == 1 and not done.context["pending"]
    assert 'id="analysis-out-of-date"' not in done.content.decode()

    services.relation_create(network=network, source=b, target=c, kind="contract")
    stale = logged_in_client.get(url, {"sources": ["manual"]})
    assert stale.context["pending"] and stale.context["analysis"].edges == 1  # the previous figure …
    body = stale.content.decode()
    assert 'id="analysis-out-of-date"' in body and "Verouderd" in body  # … never silently
    computed = timezone.localtime(stale.context["state"].computed_at)
    assert computed.strftime("%H:%M") in body
    run_task_worker()
    fresh = logged_in_client.get(url, {"sources": ["manual"]})
    assert fresh.context["analysis"].edges == 2 and 'id="analysis-out-of-date"' not in fresh.content.decode()


def test_the_api_answers_202_while_a_large_network_is_computed(network, bearer, monkeypatch, run_task_worker,
                                                             client):
    a, b = org(network, "A"), org(network, "B")
    relation(network, a, b)
    monkeypatch.setattr(selectors, "INLINE_MAX", 1)
    url = f"/api/v1/networks/{network.slug}/analysis?sources=manual"
    pending = client.get(url, headers=bearer)
    assert pending.status_code == 202 and pending.json() == {"status": "READY", "computed_at": None,
                                                              "previous": None}
    assert client.get(url, headers=bearer).status_code == 202  # queued once
    run_task_worker()
    done = client.get(url, headers=bearer)
    assert done.status_code == 200 and done.json()["edges"] == 1
    services.relation_create(network=network, source=b, target=a, kind="contract")
    stale = client.get(url, headers=bearer).json()
    assert stale["status"] == "READY" and stale["previous"]["edges"] == 1 and stale["computed_at"]


@pytest.mark.parametrize("role", [NetworkRole.VIEWER, NetworkRole.MEMBER])
def test_below_admin_a_stored_analysis_shows_what_a_fresh_one_shows(network, make_user, client, logged_in_client,
                                                                    role):
    """The admin's analysis (every tie, one respondent each) is stored first; a viewer or member must
    still get only the ties at least the anonymity minimum reported, from store as fresh."""
    network.anonymity_minimum = 2
    network.save()
    a, b, c = (org(network, name) for name in ("A", "B", "C"))
    closed = survey_round(network, "2024", "2024-01-10")
    report(respondent(closed, a), b, trust=(1, 1, 1))
    report(respondent(closed, b), c)
    report(respondent(closed, org(network, "D")), c)
    registry.data_changed(network=network)
    url = reverse("analysis:index", kwargs={"network": network.slug})
    admin = logged_in_client.get(url, {"sources": ["survey"]}).context["analysis"]
    assert admin.edges == 3
    below_admin = make_user("lid")
    registry.membership_set(network=network, user=below_admin, role=role)
    client.force_login(below_admin)
    fresh = selectors.network_analysis(network=network, sources=["survey"], survey_ties=network.map_survey_ties)
    first = client.get(url, {"sources": ["survey"]}).context["analysis"]
    second = client.get(url, {"sources": ["survey"]}).context["analysis"]
    assert first == second == fresh and fresh != admin
    assert "A" in fresh.isolates and all(r.trust != 1.0 for r in second.received)
    assert StoredResult.objects.filter(kind="analysis").count() == 2  # one per way of seeing the ties


def test_erasure_discards_the_stored_figures(network, logged_in_client):
    member = org(network, "A")
    person = registry.person_create(network=network, name="Anna", organisation=member)
    logged_in_client.get(reverse("analysis:index", kwargs={"network": network.slug}))
    assert StoredResult.objects.filter(network=network).exists()
    retention.person_erase(person=person)
    assert not StoredResult.objects.filter(network=network).exists()


def test_the_data_version_counts_every_change(network, make_network):
    other = make_network("elders")
    assert data_version(network=network) == 0
    registry.data_changed(network=network)
    registry.data_changed(network=network.pk)
    assert data_version(network=network) == 2 and data_version(network=other) == 0
    registry.network_update(network=network, anonymity_minimum=5)
    assert data_version(network=network) == 3


def test_edits_in_the_django_admin_bump_the_version_too(network, rf):
    organisation = org(network, "A")
    request = rf.post("/")
    before = data_version(network=network)
    OrganisationAdmin(Organisation, admin.site).delete_model(request, organisation)
    assert data_version(network=network) == before + 1
    other = org(network, "B")
    OrganisationTypeAdmin(OrganisationType, admin.site).save_model(request, other.type, None, True)
    assert data_version(network=network) == before + 3  # the organisation's creation, then its type


def test_a_stored_figure_that_no_longer_loads_is_computed_again(network):
    """A figure kept by an older layout of its code (a key gone) is recomputed, stored anew, not an error."""
    calls = []

    def compute() -> dict:
        calls.append(1)
        return {"ties": 3}

    def read() -> dict:
        return registry.stored_figure(network=network, kind="figure", key="k", compute=compute,
                                      dump=dict, load=lambda data: {"ties": data["ties"]})

    assert read() == {"ties": 3} and read() == {"ties": 3} and len(calls) == 1  # the second read is stored
    StoredResult.objects.filter(network=network, kind="figure").update(data={"edges": 3})  # an older layout
    assert read() == {"ties": 3} and len(calls) == 2
    assert StoredResult.objects.get(network=network, kind="figure").data == {"ties": 3}
