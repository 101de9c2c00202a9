"""The respondent's survey pages under /survey/<token>/, without an account."""

from __future__ import annotations

import pytest
from django.test import Client
from survey_helpers import DAY, TODAY, build_region, open_round

from netwerkregie.assessments import selectors
from netwerkregie.assessments import services as survey
from netwerkregie.assessments.models import Answer

pytestmark = pytest.mark.django_db


@pytest.fixture
def region(network):
    return build_region(network)


@pytest.fixture
def invitation(network, region):
    r = open_round(network, instruments=["network_form_fit", "five_conditions", "relations"])
    (inv,) = survey.invitations_create(survey_round=r, people=[region.anna])
    return inv


def url(invitation, *parts) -> str:
    return "/survey/" + "/".join([invitation.token, *map(str, parts)]) + "/"


def page_number(invitation, instrument: str, dimension: str | None = None) -> int:
    for page in selectors.survey_pages(invitation=invitation):
        if page.instrument.key == instrument and (dimension is None or page.dimensions[0].key == dimension):
            return page.number
    raise AssertionError(instrument)


def test_welcome_page_in_the_invitation_language_with_a_switch(invitation, network, region):
    response = Client().get(url(invitation))
    text = response.content.decode()
    assert response.status_code == 200 and response["Content-Language"] == "nl"
    assert network.name in text and "Meting 2026" in text
    assert "3" in text and 'id="privacy"' in text
    (english,) = survey.invitations_create(survey_round=invitation.round, people=[region.bram], language="en")
    client = Client()
    assert client.get(url(english))["Content-Language"] == "en"
    assert client.get(url(english) + "?lang=nl")["Content-Language"] == "nl"
    assert client.get(url(english, 1))["Content-Language"] == "nl"  # the switch is remembered


def test_unknown_not_yet_open_and_closed_links(invitation, network, region):
    response = Client().get("/survey/not-a-real-token/")
    assert response.status_code == 404 and b'data-error="UnknownLink"' in response.content
    assert Client().get(url(invitation)[:-5] + "/").status_code == 404
    later = survey.round_create(network=network, name="Later", instruments=["network_dip"],
                                opens_on=TODAY() + 5 * DAY, closes_on=TODAY() + 30 * DAY)
    (inv,) = survey.invitations_create(survey_round=later, people=[region.anna])
    response = Client().get(url(inv, 1))
    assert response.status_code == 404 and b'data-error="RoundNotOpenYet"' in response.content
    past = survey.round_create(network=network, name="Vorig jaar", instruments=["network_dip"],
                               opens_on=TODAY() - 400 * DAY, closes_on=TODAY() - 370 * DAY)
    (old,) = survey.invitations_create(survey_round=past, people=[region.anna])
    for path in (url(old), url(old, 1), url(old, "finish")):
        response = Client().get(path)
        assert response.status_code == 410 and b'data-error="RoundClosed"' in response.content
    response = Client().post(url(old, 1, "save"), {"v:-:goal_disputes": "3"})
    assert response.status_code == 410 and not Answer.objects.exists()


def test_saving_a_page_then_reloading_shows_the_answers(invitation):
    client = Client()
    number = page_number(invitation, "five_conditions", "ambitie")
    response = client.post(url(invitation, number), {
        "v:-:amb_shared": "4", "e:-:amb_shared": "Regioplan getekend", "v:-:amb_concrete": "dont_know",
        "go": "next"})
    assert response.status_code == 302 and response["Location"] == url(invitation, number + 1)
    assert {a.item: a.value for a in Answer.objects.all()} == {"amb_shared": 4, "amb_concrete": "dont_know"}
    text = client.get(url(invitation, number)).content.decode()
    assert 'id="v:-:amb_shared-4" value="4" autocomplete="off" checked' in text
    assert 'id="v:-:amb_concrete-dont_know" value="dont_know" autocomplete="off" checked' in text
    assert "Regioplan getekend</textarea>" in text
    # Going back saves too, and a cleared answer is taken back.
    response = client.post(url(invitation, number), {"v:-:amb_shared": "2", "go": "back"})
    assert response["Location"] == url(invitation, number - 1)
    assert {a.item: a.value for a in Answer.objects.all()} == {"amb_shared": 2}


def test_autosave_on_change_and_errors_keep_the_valid_answers(invitation):
    client = Client()
    number = page_number(invitation, "five_conditions", "ambitie")
    response = client.post(url(invitation, number, "save"), {"v:-:amb_shared": "5"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and b'data-state="saved"' in response.content
    response = client.post(url(invitation, number, "save"), {"v:-:amb_shared": "3", "v:-:amb_concrete": "9"})
    assert b'data-state="error"' in response.content
    assert {a.item: a.value for a in Answer.objects.all()} == {"amb_shared": 3}
    response = client.post(url(invitation, number), {"v:-:amb_shared": "3", "v:-:amb_concrete": "9", "go": "next"})
    assert response.status_code == 422
    assert b'id="page-errors"' in response.content and b'value="9"' not in response.content
    invitation.refresh_from_db()
    assert invitation.started_at is not None


def test_relational_page_lists_ticked_other_organisations_only(invitation, region):
    client = Client()
    checklist = page_number(invitation, "relations")
    text = client.get(url(invitation, checklist)).content.decode()
    assert region.gp.name in text and region.welfare.name in text
    assert region.hospital.name not in text  # Anna's own organisation
    response = client.post(url(invitation, checklist), {"partner": [region.gp.pk, region.welfare.pk], "go": "next"})
    assert response.status_code == 302 and response["Location"] == url(invitation, checklist + 1)
    number = checklist + 1
    gp, wo = f"o{region.gp.pk}", f"o{region.welfare.pk}"
    response = client.post(url(invitation, number), {f"v:{gp}:relation_kind": "integrated",
                                                     f"v:{gp}:frequency": "weekly",
                                                     f"v:{gp}:flows": ["money", "clients"], "go": "next"})
    assert response.status_code == 302
    answers = {(a.organisation_id, a.item): a.value for a in Answer.objects.filter(organisation=region.gp)}
    assert answers == {(region.gp.pk, "relation_kind"): "integrated", (region.gp.pk, "frequency"): "weekly",
                       (region.gp.pk, "flows"): ["clients", "money"]}
    # Autosave posts the whole page; only the organisation that changed is written.
    before = Answer.objects.get(organisation=region.gp, item="relation_kind").updated_at
    client.post(url(invitation, number, "save"), {f"v:{gp}:relation_kind": "integrated",
                                                  f"v:{gp}:frequency": "weekly", f"v:{gp}:flows": ["money", "clients"],
                                                  f"v:{wo}:relation_kind": "aware"})
    assert Answer.objects.get(organisation=region.gp, item="relation_kind").updated_at == before
    assert Answer.objects.get(organisation=region.welfare).value == "aware"
    # A forged field about the own organisation is refused.
    own = f"o{region.hospital.pk}"
    client.post(url(invitation, number), {f"v:{own}:relation_kind": "integrated", "go": "next"})
    assert not Answer.objects.filter(organisation=region.hospital).exists()


def test_finish_marks_complete_and_answers_stay_editable(invitation):
    client = Client()
    client.post(url(invitation, 1), {"v:-:no_single_party": "yes", "v:-:complexity": "no", "go": "next"})
    overview = client.get(url(invitation, "finish")).content.decode()
    assert "2/7" in overview  # the page of the seven conditions
    response = client.post(url(invitation, "finish"))
    assert response["Location"] == url(invitation, "done")
    invitation.refresh_from_db()
    assert invitation.completed_at is not None
    assert b"already-completed" in client.get(url(invitation)).content
    client.post(url(invitation, 1), {"v:-:no_single_party": "no", "go": "next"})
    assert {a.item: a.value for a in Answer.objects.all()} == {"no_single_party": False}


def test_last_page_leads_to_the_overview_and_out_of_range_is_404(invitation):
    pages = selectors.survey_pages(invitation=invitation)
    client = Client()
    response = client.post(url(invitation, len(pages)), {"go": "next"})
    assert response["Location"] == url(invitation, "finish")
    assert client.get(url(invitation, len(pages) + 1)).status_code == 404
    assert client.get(url(invitation, 0)).status_code == 404
