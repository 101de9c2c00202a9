"""Issue 8, leak 7: open answers and evidence for coordinators and admins, or every member when published."""

from __future__ import annotations

import io
import json

import pytest
from openpyxl import load_workbook
from privacy_helpers import conditions

pytestmark = pytest.mark.django_db

NOTE = "Het convenant van maart laat zien dat we dit delen."


@pytest.fixture
def evidence_round(survey):
    """Three respondents of "Zorggroep Geheim"; one gave evidence for a shared ambition."""
    rnd = survey.round(["five_conditions"])
    org = survey.organisation("Zorggroep Geheim", "hospital")
    survey.respond(rnd, org, {"five_conditions": conditions(4)}, evidence={"five_conditions": {"amb_shared": NOTE}})
    for score in (2, 3):
        survey.respond(rnd, org, {"five_conditions": conditions(score)})
    return rnd


def seen(member, network, rnd) -> dict[str, bool]:
    """Where the evidence shows for this member: page, API, xlsx."""
    page = member.web.get(f"/n/{network.slug}/assessments/rounds/{rnd.pk}/results/").content.decode()
    api = member.api.get(f"/api/v1/networks/{network.slug}/survey-rounds/{rnd.pk}/results/").json()
    workbook = load_workbook(io.BytesIO(member.web.get(
        f"/n/{network.slug}/assessments/rounds/{rnd.pk}/results.xlsx").content))
    cells = [str(v) for sheet in workbook.worksheets for row in sheet.iter_rows(values_only=True) for v in row]
    return {"page": NOTE in page, "api": NOTE in json.dumps(api, ensure_ascii=False), "xlsx": NOTE in cells}


@pytest.mark.parametrize("role", ["viewer", "member"])
def test_free_text_is_not_shown_below_coordinator_by_default(evidence_round, network, member_as, role):
    member = member_as(role)
    assert seen(member, network, evidence_round) == {"page": False, "api": False, "xlsx": False}
    page = member.web.get(f"/n/{network.slug}/assessments/rounds/{evidence_round.pk}/results/").content.decode()
    assert 'id="texts-hidden"' in page
    api = member.api.get(f"/api/v1/networks/{network.slug}/survey-rounds/{evidence_round.pk}/results/").json()
    assert api["texts_shown"] is False and all(i.get("texts", []) == [] for i in api["instruments"])


@pytest.mark.parametrize("role", ["coordinator", "admin"])
def test_coordinators_and_admins_read_it_without_the_respondents_organisation(evidence_round, network, member_as,
                                                                             role):
    member = member_as(role)
    assert seen(member, network, evidence_round) == {"page": True, "api": True, "xlsx": True}
    api = member.api.get(f"/api/v1/networks/{network.slug}/survey-rounds/{evidence_round.pk}/results/").json()
    texts = [t for i in api["instruments"] for t in i["texts"]]
    assert texts and all("Zorggroep Geheim" not in json.dumps(t, ensure_ascii=False) for t in texts)
    page = member.web.get(f"/n/{network.slug}/assessments/rounds/{evidence_round.pk}/results/").content.decode()
    texts_html = page[page.index('id="texts"'):page.index("</dl>", page.index('id="texts"'))]
    assert NOTE in texts_html and "Zorggroep Geheim" not in texts_html


def test_a_network_can_publish_free_text_to_every_member(evidence_round, network, member_as):
    admin = member_as("admin")
    data = {field: getattr(network, field) or "" for field in
            ("name", "slug", "region_description", "societal_task", "anonymity_minimum", "map_survey_ties")}
    response = admin.web.post(f"/n/{network.slug}/settings/", {**data, "publish_free_text": "on"})
    assert response.status_code in (200, 302)
    network.refresh_from_db()
    assert network.publish_free_text
    assert seen(member_as("viewer"), network, evidence_round) == {"page": True, "api": True, "xlsx": True}
