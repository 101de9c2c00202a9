"""Figures derived from the survey are stored: a closed round's survey edges, its figures, the structural
findings and the governance advice's centralisation. Stored equals fresh; a write makes pages show new ones."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult
from relation_helpers import org, relation, report, respondent, survey_round
from test_analysis_versions import assert_same, generated

from netwerkregie.analysis import selectors, services
from netwerkregie.analysis.stored import Question, stored_analysis
from netwerkregie.governance import selectors as governance_selectors
from netwerkregie.registry import services as registry
from netwerkregie.registry.models import StoredResult, SurveyTies

pytestmark = pytest.mark.django_db


def no_computing(monkeypatch) -> None:
    """From here on every figure must come from the store."""
    for name in ("_fresh_survey_edges", "_round_figures", "_structural_findings", "network_analysis"):
        monkeypatch.setattr(selectors, name, lambda *args, name=name, **kwargs: pytest.fail(f"{name} computed again"))


@pytest.mark.parametrize("seed", [4, 5])
def test_stored_figures_equal_fresh_ones(network, seed, monkeypatch):
    network.anonymity_minimum = 2
    network.save()
    _members, rounds = generated(network, seed)
    asked = [None, *rounds]
    edges = {r: selectors.survey_edges(network=network, survey_round=r) for r in asked}
    figures = {r: selectors.round_figures(network=network, survey_round=r) for r in asked}
    warnings = selectors.structural_warnings(network=network)
    advice = governance_selectors.governance_advice(network=network).as_dict()
    assert StoredResult.objects.filter(network=network, kind=selectors.SURVEY_EDGES).count() == 2
    for r in asked:
        chosen = r or selectors.relations_round(network=network)
        assert edges[r] == selectors._fresh_survey_edges(network, chosen) != []
        fresh = selectors._round_figures(network, chosen)
        assert_same(figures[r].to_json(), fresh.to_json())
    assert selectors.structural_findings(network=network) == selectors._structural_findings(network)
    centralization = selectors.network_analysis(network=network, survey_ties=SurveyTies.AGGREGATED)
    assert advice["inputs"]["centralization"]["value"] == round(centralization.degree_centralization, 3)

    no_computing(monkeypatch)
    for r in asked:
        assert selectors.survey_edges(network=network, survey_round=r) == edges[r]
        assert selectors.round_figures(network=network, survey_round=r) == figures[r]
    assert selectors.structural_warnings(network=network) == warnings
    assert governance_selectors.governance_advice(network=network).as_dict() == advice


def test_warnings_are_worded_in_the_language_of_the_page(network):
    org(network, "Alleen")
    with translation.override("en"):
        english = selectors.structural_warnings(network=network)
    with translation.override("nl"):
        dutch = selectors.structural_warnings(network=network)  # read from the store
    assert [w.code for w in english] == [w.code for w in dutch] == ["isolated_partner"]
    assert english[0].message == "Alleen has no relations in the network."
    assert dutch[0].message != english[0].message and "Alleen" in dutch[0].message


def test_an_open_round_is_computed_every_time(network):
    a, b = org(network, "A"), org(network, "B")
    today = timezone.localdate()
    open_round = survey_round(network, "Nu", (today - datetime.timedelta(days=3)).isoformat())
    report(respondent(open_round, a), b, "integrated")
    assert selectors.round_figures(network=network, survey_round=open_round).figures["ties"] == 1
    report(respondent(open_round, b), a, "integrated")  # an answer arrives without a version bump
    assert selectors.round_figures(network=network, survey_round=open_round).figures["ties"] == 2
    assert len(selectors.survey_edges(network=network, survey_round=open_round)) == 2
    assert not StoredResult.objects.filter(kind__in=(selectors.SURVEY_EDGES, selectors.ROUND_FIGURES)).exists()


def test_a_write_bumps_and_the_next_pages_show_the_new_figures(network, logged_in_client):
    a, b, c = (org(network, name) for name in ("A", "B", "C"))
    relation(network, a, b)
    earlier, later = survey_round(network, "2023", "2023-01-10"), survey_round(network, "2024", "2024-01-10")
    network.anonymity_minimum = 3
    network.save()
    for survey in (earlier, later):  # enough respondents for the rounds to count; C reports no relation
        report(respondent(survey, a), b, "integrated")
        report(respondent(survey, b), a, "integrated")
        report(respondent(survey, c), a, "none")
    registry.data_changed(network=network)  # the answers above were written without the services
    warnings_url = reverse("overview:warnings", kwargs={"network": network.slug})
    analysis_url = reverse("analysis:index", kwargs={"network": network.slug})
    advice_url = reverse("governance:advice", kwargs={"network": network.slug})

    def isolated() -> list[str]:
        rows = logged_in_client.get(warnings_url).context["page"].object_list
        return [row.signal.message for row in rows if row.signal.code == "isolated_partner"]

    def density() -> float:
        rows = logged_in_client.get(analysis_url).context["comparison"]
        return next(row["now"] for row in rows if row["figure"] == "density")

    def centralization() -> float | None:
        return logged_in_client.get(advice_url).context["result"].inputs["centralization"].value

    assert [m for m in isolated() if m.startswith("C ")] and density() == pytest.approx(2 / 6)
    before = centralization()
    services.relation_create(network=network, source=b, target=c, kind="contract")
    assert not [m for m in isolated() if m.startswith("C ")]
    assert centralization() != before
    registry.organisation_create(network=network, name="D", type=a.type)
    assert [m for m in isolated() if m.startswith("D ")] and density() == pytest.approx(2 / 12)
    question = Question(network_id=network.pk, survey_ties=SurveyTies.AGGREGATED)
    assert not stored_analysis(question).current
    assert centralization() is not None and stored_analysis(question).current  # the advice stored it anew


def test_a_large_networks_advice_waits_for_the_background_analysis(network, logged_in_client, monkeypatch,
                                                                     run_task_worker):
    monkeypatch.setattr(selectors, "INLINE_MAX", 2)
    a, b, c = (org(network, name) for name in ("A", "B", "C"))
    relation(network, a, b)
    relation(network, b, c)
    url = reverse("governance:advice", kwargs={"network": network.slug})
    waiting = logged_in_client.get(url)
    centralization = waiting.context["result"].inputs["centralization"]
    assert centralization.missing and centralization.value is None
    assert "opnieuw berekend" in waiting.content.decode()  # Dutch by default
    assert DBTaskResult.objects.filter(status=TaskResultStatus.READY).count() == 1
    logged_in_client.get(url)  # a second visit does not queue it again
    assert DBTaskResult.objects.count() == 1
    run_task_worker()
    done = logged_in_client.get(url).context["result"].inputs["centralization"]
    fresh = selectors.network_analysis(network=network, survey_ties=SurveyTies.AGGREGATED)
    assert not done.missing and done.value == round(fresh.degree_centralization, 3) > 0
