"""The relational survey's two steps, the time estimate, who is asking, and the coordinator's preview."""

from __future__ import annotations

import importlib
import re

import pytest
from django.apps import apps as django_apps
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from survey_helpers import build_region, open_round

from netwerkregie.assessments import retention, selectors
from netwerkregie.assessments import services as survey
from netwerkregie.assessments.models import Answer, Invitation
from netwerkregie.core.roles import NetworkRole
from netwerkregie.registry import services as registry
from netwerkregie.registry.models import Organisation, OrganisationType

pytestmark = pytest.mark.django_db


@pytest.fixture
def region(network):
    return build_region(network)


@pytest.fixture
def invitation(network, region, user):
    r = open_round(network, instruments=["network_form_fit", "relations"], created_by=user)
    (inv,) = survey.invitations_create(survey_round=r, people=[region.anna])
    return inv


def url(invitation, *parts) -> str:
    return "/survey/" + "/".join([invitation.token, *map(str, parts)]) + "/"


def checklist_number(invitation) -> int:
    (page,) = [p for p in selectors.survey_pages(invitation=invitation) if p.checklist]
    return page.number


def add_organisations(network, count: int, prefix: str = "Stichting Zorg en Welzijn Regio") -> list[Organisation]:
    types = list(OrganisationType.objects.all())
    return Organisation.objects.bulk_create([
        Organisation(network=network, name=f"{prefix} {i:04}", sort_name=f"{prefix.lower()} {i:04}",
                     type=types[i % len(types)]) for i in range(count)])


def relation_pages(invitation) -> list[selectors.SurveyPage]:
    return [p for p in selectors.survey_pages(invitation=invitation) if p.organisations]


# The two steps -------------------------------------------------------------------------------


def test_only_ticked_organisations_get_the_relation_questions(invitation, region):
    client = Client()
    number = checklist_number(invitation)
    page = client.get(url(invitation, number)).content.decode()
    assert 'name="partner"' in page and f'value="{region.welfare.pk}"' in page
    assert 'name="v:' not in page  # the checklist asks no relation questions yet
    response = client.post(url(invitation, number), {"partner": [str(region.gp.pk)], "go": "next"})
    assert response.status_code == 302 and response["Location"] == url(invitation, number + 1)
    questions = client.get(url(invitation, number + 1)).content.decode()
    assert f"v:o{region.gp.pk}:relation_kind" in questions and f"v:o{region.gp.pk}:trust_mission" in questions
    assert region.welfare.name not in questions and f"v:o{region.welfare.pk}:" not in questions
    gp = f"o{region.gp.pk}"
    response = client.post(url(invitation, number + 1), {
        f"v:{gp}:relation_kind": "coordinated", f"v:{gp}:frequency": "monthly", f"v:{gp}:flows": ["clients"],
        f"v:{gp}:trust_reliability": "4", "go": "next"})
    assert response.status_code == 302 and response["Location"] == url(invitation, "finish")
    assert {(a.organisation_id, a.item): a.value for a in Answer.objects.filter(instrument="relations")} == {
        (region.gp.pk, "relation_kind"): "coordinated", (region.gp.pk, "frequency"): "monthly",
        (region.gp.pk, "flows"): ["clients"], (region.gp.pk, "trust_reliability"): 4}
    # A forged answer about an organisation that was not ticked is not on the page, so not stored.
    client.post(url(invitation, number + 1), {f"v:o{region.welfare.pk}:relation_kind": "integrated", "go": "next"})
    assert not Answer.objects.filter(organisation=region.welfare).exists()
    overview = client.get(url(invitation, "finish")).content.decode()
    assert "1 organisation" in overview or "1 organisatie" in overview


def test_unticking_removes_the_answers_about_that_organisation_only(invitation, region):
    survey.partners_save(invitation=invitation, organisation_ids=[region.gp.pk, region.welfare.pk])
    for organisation in (region.gp, region.welfare):
        survey.answers_save(invitation=invitation, instrument="relations", organisation=organisation,
                            values={"relation_kind": "aware", "frequency": "yearly"})
    survey.answers_save(invitation=invitation, instrument="network_form_fit", values={"complexity": "yes"})
    client = Client()
    response = client.post(url(invitation, checklist_number(invitation)),
                           {"partner": [str(region.gp.pk)], "go": "next"})
    assert response.status_code == 302
    assert set(Answer.objects.values_list("organisation_id", "item")) == {
        (region.gp.pk, "relation_kind"), (region.gp.pk, "frequency"), (None, "complexity")}
    assert [o.pk for p in relation_pages(invitation) for o in p.organisations] == [region.gp.pk]
    # Autosave of the checklist unticks the same way; ticking nothing leaves no relation pages.
    client.post(url(invitation, checklist_number(invitation), "save"), {})
    assert not Answer.objects.filter(organisation__isnull=False).exists() and not relation_pages(invitation)
    assert Answer.objects.filter(item="complexity").exists()


def test_the_checklist_refuses_own_foreign_and_forged_organisations(invitation, region, make_network):
    other = make_network("regio-elders")
    foreign = registry.organisation_create(network=other, name="Elders", type=region.gp.type)
    survey.partners_save(invitation=invitation, organisation_ids=[region.gp.pk])
    client = Client()
    number = checklist_number(invitation)
    for bad in ([region.hospital.pk], [foreign.pk], ["abc"], [region.welfare.pk, foreign.pk]):
        response = client.post(url(invitation, number), {"partner": [str(v) for v in bad], "go": "next"})
        assert response.status_code == 422 and b'id="page-errors"' in response.content
        assert list(invitation.partners.values_list("pk", flat=True)) == [region.gp.pk]


def test_organisations_answered_before_the_checklist_keep_their_page(invitation, region):
    """Answers imported or given without ticking (older exports, the demo) are never orphaned."""
    Answer.objects.create(invitation=invitation, instrument="relations", item="relation_kind",
                          organisation=region.welfare, value="aware")
    assert [o for p in relation_pages(invitation) for o in p.organisations] == [region.welfare]
    checklist = selectors.relation_checklist(invitation=invitation)
    ticked = [e.organisation for g in checklist.groups for e in g.entries if e.ticked]
    assert ticked == [region.welfare] and checklist.ticked == 1


def test_coalition_partners_come_first_and_archived_ones_only_when_ticked(invitation, region, network):
    extra = add_organisations(network, 4)
    registry.coalition_create(network=network, theme=region.theme, name="Valpreventie",
                              organisations=[region.hospital, region.welfare, extra[3]])
    registry.organisation_archive(organisation=extra[0])
    registry.organisation_archive(organisation=extra[1])
    survey.partners_save(invitation=invitation, organisation_ids=[extra[1].pk])
    checklist = selectors.relation_checklist(invitation=invitation)
    first = checklist.groups[0]
    assert first.key == "coalitions" and [e.organisation for e in first.entries] == [extra[3], region.welfare]
    listed = [e.organisation.pk for g in checklist.groups for e in g.entries]
    assert region.hospital.pk not in listed and extra[0].pk not in listed and extra[1].pk in listed
    assert len(listed) == len(set(listed)) == checklist.total == 5  # gp, welfare, extra 1 to 3
    assert all(g.key.startswith("type-") for g in checklist.groups[1:])


def test_relation_pages_hold_a_bounded_number_of_organisations(invitation, network):
    extra = add_organisations(network, 12)
    survey.partners_save(invitation=invitation, organisation_ids=[o.pk for o in extra])
    pages = relation_pages(invitation)
    assert [len(p.organisations) for p in pages] == [5, 5, 2]
    assert [o.pk for p in pages for o in p.organisations] == [o.pk for o in extra]
    assert pages[1].subject_label == "Organisations 6–10 of 12" or "6–10" in pages[1].subject_label
    text = Client().get(url(invitation, pages[-1].number)).content.decode()
    assert text.count("subject-card") == 2


def respondent_in(network, size: int) -> Invitation:
    """A respondent of a round with the relational survey in a network of `size` other organisations,
    a tenth of them in a coalition with the respondent's, every seventh ticked."""
    own = registry.organisation_create(network=network, name="Eigen organisatie",
                                       type=OrganisationType.objects.first())
    person = registry.person_create(network=network, name="Respondent", organisation=own, email="r@example.org")
    others = add_organisations(network, size)
    registry.coalition_create(network=network, theme=registry.theme_create(network=network, name="Thema"),
                              name="Coalitie", organisations=[own, *others[: size // 10]])
    r = open_round(network, instruments=["network_form_fit", "relations"])
    (inv,) = survey.invitations_create(survey_round=r, people=[person])
    survey.partners_save(invitation=inv, organisation_ids=[o.pk for o in others[::7]])
    return inv


def queries(client: Client, path: str):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200, path
    return response, len(captured)


def test_the_checklist_page_stays_small_and_its_queries_fixed(make_network):
    counts = {}
    for size in (20, 2000):
        inv = respondent_in(make_network(f"regio-{size}"), size)
        client = Client()
        client.get(url(inv))  # the session's language
        number = checklist_number(inv)
        response, counts[size] = queries(client, url(inv, number))
        assert response.content.decode().count('name="partner"') == size
    assert len(response.content) < 500_000, len(response.content)
    assert counts[20] == counts[2000]


def test_welcome_and_preview_pages_run_the_same_queries_at_any_size(make_network, user):
    counts: dict[int, list[int]] = {}
    for size in (20, 2000):
        network = make_network(f"regio-{size}", user=user)
        inv = respondent_in(network, size)
        staff = Client()
        staff.force_login(user)
        number = checklist_number(inv)
        paths = [preview_url(inv.round), preview_url(inv.round, number), preview_url(inv.round, number + 1),
                 preview_url(inv.round, "invitation")]
        counts[size] = [queries(Client(), url(inv))[1], queries(Client(), url(inv, number + 1))[1]]
        for path in paths:
            response, count = queries(staff, path)
            assert len(response.content) < 500_000, (path, len(response.content))
            counts[size].append(count)
    assert counts[20] == counts[2000]


def test_a_question_page_at_2000_ticked_organisations_stays_small(network, region):
    extra = add_organisations(network, 2000)
    r = open_round(network, instruments=["relations"])
    (inv,) = survey.invitations_create(survey_round=r, people=[region.anna])
    survey.partners_save(invitation=inv, organisation_ids=[o.pk for o in extra])
    response = Client().get(url(inv, 2))
    assert response.status_code == 200 and len(response.content) < 500_000
    assert response.content.decode().count("subject-card") == selectors.PARTNERS_PER_PAGE


# The estimate --------------------------------------------------------------------------------


def minutes_on_welcome(invitation) -> int:
    return int(re.search(r'id="estimate" data-minutes="(\d+)"', Client().get(url(invitation)).content.decode())[1])


def test_the_welcome_page_and_the_e_mail_give_the_same_estimate(invitation, region, network, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    estimate = selectors.survey_estimate(invitation=invitation)
    assert estimate.partners == selectors.TYPICAL_PARTNERS and estimate.partners_assumed
    form_fit = sum(len(p.items) for p in selectors.survey_pages(invitation=invitation)
                   if p.instrument.key == "network_form_fit")
    assert estimate.questions == form_fit + selectors.TYPICAL_PARTNERS * (1 + 9)
    survey.invitations_send(survey_round=invitation.round, base_url="https://regie.example.org")
    (message,) = mail.outbox
    assert f"ongeveer {estimate.minutes} minuten" in message.body and "kwartier" not in message.body
    invitation.token = re.search(r"/survey/([^/]+)/", message.body)[1]  # every e-mail carries a new link
    assert minutes_on_welcome(invitation) == estimate.minutes
    # Shared coalitions replace the typical number; what is ticked replaces both.
    extra = add_organisations(network, 40)
    registry.coalition_create(network=network, theme=region.theme, name="Groot verband",
                              organisations=[region.hospital, *extra[:30]])
    coalition = selectors.survey_estimate(invitation=invitation)
    assert coalition.partners == 30 and coalition.minutes > estimate.minutes
    assert minutes_on_welcome(invitation) == coalition.minutes
    survey.partners_save(invitation=invitation, organisation_ids=[region.gp.pk])
    ticked = selectors.survey_estimate(invitation=invitation)
    assert (ticked.partners, ticked.partners_assumed, ticked.questions) == (1, False, form_fit + 10)
    assert minutes_on_welcome(invitation) == ticked.minutes == 5


def test_rounds_with_the_old_default_text_now_state_the_estimate(invitation):
    migration = importlib.import_module("netwerkregie.assessments.migrations.0003_invitation_partners")
    survey_round = invitation.round
    survey_round.invitation_body_nl = "Beste {name},\nDat kost ongeveer een kwartier. {link}"
    survey_round.invitation_body_en = "Dear {name}, in our own words: {link}"
    survey_round.save()
    migration.use_the_estimate(django_apps, None)
    survey_round.refresh_from_db()
    assert survey_round.invitation_body_nl == "Beste {name},\nDat kost ongeveer {minutes} minuten. {link}"
    assert survey_round.invitation_body_en == "Dear {name}, in our own words: {link}"


# Who is asking -------------------------------------------------------------------------------


def test_respondents_see_the_coordinator_as_a_person_of_the_network(invitation, region, user):
    user.first_name, user.last_name = "Rik", "Regisseur"
    user.save()
    text = Client().get(url(invitation)).content.decode()
    sender = re.search(r'<dd id="sender">(.*?)</dd>', text, re.S)[1]
    assert "Rik Regisseur" in sender and user.username not in sender
    registry.person_create(network=invitation.round.network, name="Ria van der Regie", organisation=region.gp,
                           email=user.email.upper())
    sender = re.search(r'<dd id="sender">(.*?)</dd>', Client().get(url(invitation)).content.decode(), re.S)[1]
    assert "Ria van der Regie (Huisartsen Noord)" in sender and user.username not in sender


def test_a_creator_without_a_name_is_never_shown_by_login(invitation, user):
    text = Client().get(url(invitation)).content.decode()
    sender = re.search(r'<dd id="sender">(.*?)</dd>', text, re.S)[1]
    assert user.username not in sender and invitation.round.network.name in sender


# The coordinator's preview -------------------------------------------------------------------


def preview_url(survey_round, *parts) -> str:
    return f"/n/{survey_round.network.slug}/assessments/rounds/{survey_round.pk}/preview/" + "".join(
        f"{p}/" for p in parts)


def test_a_coordinator_previews_every_page_and_the_invitation_storing_nothing(invitation, network, region,
                                                                             make_user):
    coordinator = make_user("coordinator")
    registry.membership_set(network=network, user=coordinator, role=NetworkRole.COORDINATOR)
    client = Client()
    client.force_login(coordinator)
    survey_round = invitation.round
    before = (Answer.objects.count(), Invitation.objects.count(), Invitation.partners.through.objects.count())
    welcome = client.get(preview_url(survey_round))
    assert welcome.status_code == 200 and b'id="preview-banner"' in welcome.content
    pages = re.findall(r'data-minutes="(\d+)"', welcome.content.decode())
    number, seen = 1, []
    while True:
        response = client.get(preview_url(survey_round, number))
        assert response.status_code == 200
        text = response.content.decode()
        assert 'class="survey-answers" disabled' in text and "hx-post" not in text and "csrfmiddlewaretoken" not in text
        seen.append(re.search(r'id="page-title">(.*?)<', text)[1])
        if f"/preview/{number + 1}/" not in text:
            break
        number += 1
    form_fit = sum(p.instrument.key == "network_form_fit" for p in selectors.survey_pages(invitation=invitation))
    assert number == form_fit + 2  # network form fit, the checklist, one example page of relation questions
    assert seen[form_fit] == "With which organisations does your organisation work?" or "organisaties" in seen[form_fit]
    assert client.get(preview_url(survey_round, number + 1)).status_code == 404
    invitation_page = client.get(preview_url(survey_round, "invitation")).content.decode()
    assert f"{pages[0]} minuten" in invitation_page and f"about {pages[0]} minutes" in invitation_page
    assert "/survey/preview-link/" in invitation_page and survey_round.network.name in invitation_page
    assert client.get("/survey/preview-link/").status_code == 404  # the dummy link opens nothing
    detail = client.get(f"/n/{network.slug}/assessments/rounds/{survey_round.pk}/").content.decode()
    assert 'id="preview-questionnaire"' in detail and 'id="preview-invitation"' in detail
    after = (Answer.objects.count(), Invitation.objects.count(), Invitation.partners.through.objects.count())
    assert after == before


@pytest.mark.parametrize("role", [NetworkRole.VIEWER, NetworkRole.MEMBER])
def test_viewers_and_members_cannot_preview(invitation, network, make_user, role):
    member = make_user(f"lid-{role}")
    registry.membership_set(network=network, user=member, role=role)
    client = Client()
    client.force_login(member)
    for parts in ((), (1,), ("invitation",)):
        assert client.get(preview_url(invitation.round, *parts)).status_code == 403
    assert 'id="preview-questionnaire"' not in client.get(
        f"/n/{network.slug}/assessments/rounds/{invitation.round.pk}/").content.decode()


def test_another_networks_round_cannot_be_previewed(invitation, make_network, make_user):
    outsider = make_user("buiten")
    make_network("regio-elders", user=outsider, role=NetworkRole.ADMIN)
    client = Client()
    client.force_login(outsider)
    assert client.get(preview_url(invitation.round)).status_code == 404


def test_erasing_a_respondent_of_a_small_round_drops_the_ticks_with_the_answers(invitation, region):
    survey.partners_save(invitation=invitation, organisation_ids=[region.gp.pk])
    survey.answers_save(invitation=invitation, instrument="relations", organisation=region.gp,
                        values={"relation_kind": "aware"})
    retention.person_erase(person=region.anna)
    assert not Answer.objects.exists() and not Invitation.partners.through.objects.exists()
