"""Survey round services: rounds, invitations, e-mails, answers; and the coordinator pages."""

from __future__ import annotations

import datetime
import re

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import translation
from survey_helpers import DAY, TODAY, build_region, open_round

from netwerkregie.assessments import selectors
from netwerkregie.assessments import services as survey
from netwerkregie.assessments.instruments import Choice, Item
from netwerkregie.assessments.models import Answer, Invitation, SurveyRound
from netwerkregie.registry import services as registry

pytestmark = pytest.mark.django_db

BASE = "https://netwerk.example.org"


@pytest.fixture
def region(network):
    return build_region(network)


def fields(excinfo) -> set[str]:
    return set(excinfo.value.message_dict)


# Rounds ------------------------------------------------------------------------------------


def test_round_create_fills_default_texts_in_both_languages(network):
    r = open_round(network)
    assert r.instruments == ["five_conditions", "relations"]
    assert "{link}" in r.invitation_body_nl and "{link}" in r.invitation_body_en
    assert "Beste {name}" in r.invitation_body_nl and "Dear {name}" in r.invitation_body_en
    assert r.is_open()


def test_round_create_validates(network, make_network, region):
    other = make_network("elders")
    other_theme = registry.theme_create(network=other, name="Elders")
    with pytest.raises(ValidationError) as excinfo:
        survey.round_create(network=network, name="X", instruments=["five_conditions", "nope"],
                            opens_on=TODAY(), closes_on=TODAY() - DAY, theme=other_theme,
                            invitation_body_nl="Hallo {naam}")
    assert fields(excinfo) == {"instruments", "closes_on", "invitation_body_nl"}
    assert "nope" in str(excinfo.value)
    with pytest.raises(ValidationError) as excinfo:
        survey.round_create(network=network, name="X", instruments=["five_conditions"],
                            opens_on=TODAY(), closes_on=TODAY(), theme=other_theme)
    assert fields(excinfo) == {"theme"}
    with pytest.raises(ValidationError) as excinfo:
        survey.round_create(network=network, name="X", instruments=[], opens_on=TODAY(), closes_on=TODAY())
    assert fields(excinfo) == {"instruments"}
    open_round(network, name="Dubbel")
    with pytest.raises(ValidationError) as excinfo:
        open_round(network, name="Dubbel")
    assert fields(excinfo) == {"name"}


def test_round_update_and_delete(network, region):
    r = open_round(network)
    survey.round_update(survey_round=r, name="Meting voorjaar", instruments=["network_dip"], invitation_subject_en="")
    r.refresh_from_db()
    assert r.name == "Meting voorjaar" and r.instruments == ["network_dip"]
    assert r.invitation_subject_en == "Your view on the cooperation in {network}"
    with pytest.raises(ValidationError) as excinfo:
        survey.round_update(survey_round=r, closes_on=r.opens_on - DAY)
    assert fields(excinfo) == {"closes_on"}
    with pytest.raises(ValidationError):
        survey.round_update(survey_round=r, network=None)
    survey.invitations_create(survey_round=r, people=region.people)
    survey.round_delete(survey_round=r)
    assert not SurveyRound.objects.exists() and not Invitation.objects.exists()


# Invitations -------------------------------------------------------------------------------


def test_invitations_are_idempotent_and_derive_level(network, region):
    r = open_round(network)
    first = survey.invitations_create(survey_round=r, people=region.people)
    assert [i.person for i in first] == region.people
    levels = {i.person.name: i.level for i in first}
    assert levels == {"Anna Bakker": "strategic", "Bram de Vries": "tactical", "Chris Jansen": "",
                      "Dewi Smit": "", "Eva Mulder": ""}
    assert {i.organisation for i in first} == {region.hospital, region.gp, region.welfare}
    assert len({i.token for i in first}) == 5 and all(len(i.token) >= 40 for i in first)
    again = survey.invitations_create(survey_round=r, people=[region.eva, region.anna], language="en",
                                      level="operational")
    assert [i.pk for i in again] == [first[4].pk, first[0].pk]
    assert again[1].token_digest == first[0].token_digest and again[1].level == "strategic"  # kept as it was
    assert again[1].token is None  # the plain link existed only when it was made
    assert r.invitations.count() == 5
    # A given level wins over the derived one.
    r2 = open_round(network, name="Tweede")
    (inv,) = survey.invitations_create(survey_round=r2, people=[region.anna], level="operational", language="en")
    assert inv.level == "operational" and inv.language == "en"


def test_invitations_refuse_other_networks_and_bad_input(network, region, make_network):
    other = make_network("elders")
    stranger = registry.person_create(network=other, name="Vreemde")
    r = open_round(network)
    with pytest.raises(ValidationError) as excinfo:
        survey.invitations_create(survey_round=r, people=[region.anna, stranger], language="de", level="top")
    assert fields(excinfo) == {"people", "language", "level"}
    assert not r.invitations.exists()


def test_invitations_for_hundreds_of_people_use_few_queries(network, region, django_assert_max_num_queries):
    people = [registry.person_create(network=network, name=f"Persoon {i}", organisation=region.gp)
              for i in range(300)]
    r = open_round(network)
    with django_assert_max_num_queries(10):  # bulk insert batches
        invitations = survey.invitations_create(survey_round=r, people=people)
    assert len(invitations) == 300


def test_send_invitations_and_reminders(network, region):
    r = open_round(network)
    invitations = survey.invitations_create(survey_round=r, people=region.people)
    survey.invitations_create(survey_round=r, people=[region.chris], language="en")
    survey.round_update(survey_round=r, invitation_subject_nl="Doe mee met {round}")
    Invitation.objects.filter(person=region.chris).update(language="en")
    assert survey.invitations_send(survey_round=r, base_url=BASE + "/") == 4  # Dewi has no e-mail
    assert [i.person for i in survey.unreachable_invitations(survey_round=r)] == [region.dewi]
    by_to = {m.to[0]: m for m in mail.outbox}
    anna = by_to["anna@example.org"]
    assert anna.subject == "Doe mee met Meting 2026"
    token = re.search(rf"{BASE}/survey/([^/\s]+)/", anna.body).group(1)
    assert selectors.invitation_for_token(token) == invitations[0] and "Beste Anna Bakker" in anna.body
    with pytest.raises(selectors.UnknownLink):  # each e-mail carries a new link; the first one is void
        selectors.invitation_for_token(invitations[0].token)
    assert "Dear Chris Jansen" in by_to["chris@example.org"].body
    assert by_to["chris@example.org"].subject == f"Your view on the cooperation in {network.name}"
    assert Invitation.objects.filter(sent_at__isnull=False).count() == 4
    # Sending again only goes to the ones not sent: none reachable left.
    assert survey.invitations_send(survey_round=r, base_url=BASE) == 0
    # An explicit resend.
    assert survey.invitations_send(survey_round=r, invitations=[invitations[1]], base_url=BASE) == 1

    survey.invitation_complete(invitation=invitations[0])
    mail.outbox.clear()
    assert survey.reminders_send(survey_round=r, base_url=BASE) == 3
    assert sorted(m.to[0] for m in mail.outbox) == ["bram@example.org", "chris@example.org", "eva@example.org"]
    assert all(m.subject.startswith(("Herinnering: ", "Reminder: ")) for m in mail.outbox)
    survey.reminders_send(survey_round=r, base_url=BASE)
    bram = Invitation.objects.get(person=region.bram)
    assert bram.reminder_count == 2 and bram.reminded_at is not None
    assert Invitation.objects.get(person=region.anna).reminder_count == 0


def test_no_mail_after_the_round_closed(network, region):
    r = survey.round_create(network=network, name="Oud", instruments=["network_dip"],
                            opens_on=TODAY() - 30 * DAY, closes_on=TODAY() - DAY)
    survey.invitations_create(survey_round=r, people=[region.anna])
    with pytest.raises(ValidationError):
        survey.invitations_send(survey_round=r, base_url=BASE)
    with pytest.raises(ValidationError):
        survey.reminders_send(survey_round=r, base_url=BASE)
    assert not mail.outbox


# Answers -----------------------------------------------------------------------------------


@pytest.fixture
def anna(network, region):
    r = open_round(network, instruments=["five_conditions", "relations", "platform31", "network_nature",
                                         "network_form_fit"])
    (invitation,) = survey.invitations_create(survey_round=r, people=[region.anna])
    return invitation


def stored(invitation, **filters) -> dict:
    return {a.item: a.value for a in Answer.objects.filter(invitation=invitation, **filters)}


def test_answers_save_validates_every_answer_type(anna, region):
    with pytest.raises(ValidationError) as excinfo:
        survey.answers_save(invitation=anna, instrument="five_conditions",
                            values={"amb_shared": 6, "amb_concrete": "abc", "amb_meaningful": 2.5,
                                    "nope": 3, "amb_own_org": 4})
    assert fields(excinfo) == {"amb_shared", "amb_concrete", "amb_meaningful", "nope"}
    assert not Answer.objects.exists()  # all or nothing
    assert survey.answers_save(invitation=anna, instrument="five_conditions",
                               values={"amb_shared": "4", "amb_concrete": 5, "amb_unclear": "dont_know"},
                               evidence={"amb_shared": "  Het regioplan is door iedereen getekend. "}) == 3
    assert stored(anna) == {"amb_shared": 4, "amb_concrete": 5, "amb_unclear": "dont_know"}
    assert Answer.objects.get(item="amb_shared").evidence == "Het regioplan is door iedereen getekend."
    with pytest.raises(ValidationError) as excinfo:
        survey.answers_save(invitation=anna, instrument="five_conditions", values={},
                            evidence={"amb_concrete": "heeft geen toelichting"})
    assert fields(excinfo) == {"evidence.amb_concrete"}
    # yes/no and its "don't know" refusal
    survey.answers_save(invitation=anna, instrument="network_form_fit",
                        values={"no_single_party": "yes", "complexity": False})
    assert stored(anna, instrument="network_form_fit") == {"no_single_party": True, "complexity": False}
    with pytest.raises(ValidationError) as excinfo:
        survey.answers_save(invitation=anna, instrument="network_form_fit",
                            values={"no_single_party": "dont_know", "complexity": 3})
    assert fields(excinfo) == {"no_single_party", "complexity"}
    # choice, multi choice and scale 1-4 about another organisation
    survey.answers_save(invitation=anna, instrument="relations", organisation=region.gp,
                        values={"relation_kind": "coordinated", "flows": ["money", "information", "money"],
                                "trust_reliability": 4})
    assert stored(anna, instrument="relations") == {"relation_kind": "coordinated",
                                                    "flows": ["information", "money"], "trust_reliability": 4}
    with pytest.raises(ValidationError) as excinfo:
        survey.answers_save(invitation=anna, instrument="relations", organisation=region.gp,
                            values={"relation_kind": "friends", "flows": ["love"], "trust_reliability": 5})
    assert fields(excinfo) == {"relation_kind", "flows", "trust_reliability"}


@pytest.mark.parametrize(("answer_type", "raw", "expected"), [
    ("rating10", "10", 10), ("rating10", 0, ValueError), ("rating10", "dont_know", ValueError),
    ("number", "3,5", 3.5), ("number", "12", 12), ("number", "veel", ValueError), ("number", "nan", ValueError),
    ("free_text", "  Goed  ", "Goed"), ("free_text", "   ", None), ("free_text", 5, ValueError),
    ("free_text", "x" * 5001, ValueError), ("likert5", "dont_know", "dont_know"), ("likert5", True, ValueError),
    ("yes_no", "no", False), ("yes_no", 1, ValueError), ("choice", "b", "b"), ("choice", ["a"], ValueError),
    ("multi_choice", "a", ["a"]), ("multi_choice", [], None), ("scale_1_4", 4, 4), ("scale_1_4", 5, ValueError),
])
def test_clean_value_per_answer_type(answer_type, raw, expected):
    choices = (Choice("a", "A", "A"), Choice("b", "B", "B")) if "choice" in answer_type else ()
    item = Item(key="q", text_nl="V", text_en="Q", answer_type=answer_type, choices=choices)
    if expected is ValueError:
        with pytest.raises(ValueError):
            survey.clean_value(item, raw)
    else:
        assert survey.clean_value(item, raw) == expected


def test_changing_and_taking_back_answers(anna):
    survey.answers_save(invitation=anna, instrument="five_conditions", values={"amb_shared": 2, "amb_concrete": 3})
    survey.answers_save(invitation=anna, instrument="five_conditions", values={"amb_shared": 5})
    assert stored(anna) == {"amb_shared": 5, "amb_concrete": 3}
    survey.answers_save(invitation=anna, instrument="five_conditions", values={"amb_concrete": ""})
    assert stored(anna) == {"amb_shared": 5}
    # Evidence alone keeps the row.
    survey.answers_save(invitation=anna, instrument="five_conditions", values={"amb_shared": None},
                        evidence={"amb_shared": "Notulen"})
    assert Answer.objects.get().evidence == "Notulen" and Answer.objects.get().value is None


def test_partial_saves_persist_and_mark_started(anna):
    assert anna.started_at is None
    survey.answers_save(invitation=anna, instrument="five_conditions", values={"amb_shared": 4})
    survey.answers_save(invitation=anna, instrument="network_form_fit", values={"complexity": True})
    anna.refresh_from_db()
    assert anna.started_at is not None and anna.completed_at is None
    assert Answer.objects.filter(invitation=anna).count() == 2
    survey.invitation_complete(invitation=anna)
    anna.refresh_from_db()
    assert anna.completed_at is not None
    survey.answers_save(invitation=anna, instrument="five_conditions", values={"amb_shared": 1})  # still editable
    assert stored(anna, instrument="five_conditions") == {"amb_shared": 1}


@translation.override("en")
def test_subjects_follow_the_instrument_flags(anna, region, network):
    with pytest.raises(ValidationError) as excinfo:
        survey.answers_save(invitation=anna, instrument="relations", organisation=region.hospital,
                            values={"relation_kind": "aware"})
    assert fields(excinfo) == {"organisation"}
    assert "other than your own" in str(excinfo.value)
    with pytest.raises(ValidationError) as excinfo:
        survey.answers_save(invitation=anna, instrument="relations", values={"relation_kind": "aware"})
    assert fields(excinfo) == {"organisation"}
    with pytest.raises(ValidationError) as excinfo:
        survey.answers_save(invitation=anna, instrument="platform31", values={"val_task": 3})
    assert fields(excinfo) == {"level"}
    with pytest.raises(ValidationError) as excinfo:
        survey.answers_save(invitation=anna, instrument="platform31", level="tactical",
                            values={"chr_public": True})
    assert fields(excinfo) == {"level"}
    with pytest.raises(ValidationError) as excinfo:
        survey.answers_save(invitation=anna, instrument="five_conditions", theme=region.theme,
                            values={"amb_shared": 3})
    assert fields(excinfo) == {"theme"}
    with pytest.raises(ValidationError) as excinfo:
        survey.answers_save(invitation=anna, instrument="network_dip", values={"goal_disputes": 3})
    assert fields(excinfo) == {"instrument"}
    # The same item per level and per theme are separate answers.
    survey.answers_save(invitation=anna, instrument="platform31", level="strategic", values={"val_task": 2})
    survey.answers_save(invitation=anna, instrument="platform31", level="operational", values={"val_task": 5})
    survey.answers_save(invitation=anna, instrument="platform31", values={"chr_public": True})
    survey.answers_save(invitation=anna, instrument="network_nature", values={"steer_mandates": 2})
    survey.answers_save(invitation=anna, instrument="network_nature", theme=region.theme,
                        values={"steer_mandates": 4})
    rows = sorted((a.item, a.level, a.theme_id or 0, a.value) for a in Answer.objects.filter(invitation=anna))
    assert rows == [("chr_public", "", 0, True), ("steer_mandates", "", 0, 2),
                    ("steer_mandates", "", region.theme.pk, 4),
                    ("val_task", "operational", 0, 5), ("val_task", "strategic", 0, 2)]


@translation.override("en")
def test_answers_only_while_the_round_is_open(anna):
    r = anna.round
    with pytest.raises(ValidationError, match="opens on"):
        survey.answers_save(invitation=anna, instrument="five_conditions", values={"amb_shared": 3},
                            now=r.opens_on - DAY)
    with pytest.raises(ValidationError, match="closed"):
        survey.answers_save(invitation=anna, instrument="five_conditions", values={"amb_shared": 3},
                            now=datetime.datetime.combine(r.closes_on + DAY, datetime.time(9)))
    with pytest.raises(ValidationError):
        survey.invitation_complete(invitation=anna, now=r.closes_on + DAY)
    # The demo fills a past round by passing a moment inside it.
    survey.round_update(survey_round=r, opens_on=TODAY() - 400 * DAY, closes_on=TODAY() - 380 * DAY)
    anna.refresh_from_db()
    survey.answers_save(invitation=anna, instrument="five_conditions", values={"amb_shared": 3},
                        now=r.opens_on + DAY)
    survey.invitation_complete(invitation=anna, now=r.opens_on + 2 * DAY)
    anna.refresh_from_db()
    assert anna.started_at.date() == r.opens_on + DAY and anna.completed_at.date() == r.opens_on + 2 * DAY


# Selectors ---------------------------------------------------------------------------------


def test_link_checks(anna):
    assert selectors.invitation_for_token(anna.token) == anna
    with pytest.raises(selectors.UnknownLink):
        selectors.invitation_for_token("x" + anna.token)
    with pytest.raises(selectors.RoundNotOpenYet):
        selectors.invitation_for_token(anna.token, on=anna.round.opens_on - DAY)
    with pytest.raises(selectors.RoundClosed) as excinfo:
        selectors.invitation_for_token(anna.token, on=anna.round.closes_on + DAY)
    assert excinfo.value.status == 410


def test_response_counts_overall_and_per_organisation(network, region, django_assert_max_num_queries):
    r = open_round(network)
    invitations = survey.invitations_create(survey_round=r, people=region.people)
    survey.invitations_send(survey_round=r, base_url=BASE)
    survey.answers_save(invitation=invitations[0], instrument="five_conditions", values={"amb_shared": 3})
    survey.invitation_complete(invitation=invitations[0])
    survey.answers_save(invitation=invitations[1], instrument="five_conditions", values={"amb_shared": 3})
    network.anonymity_minimum = 1
    network.save()
    r = selectors.round_get(network=network, pk=r.pk)
    with django_assert_max_num_queries(2):
        response = selectors.round_response(survey_round=r, per_organisation=True)
    assert (response.invited, response.sent, response.started, response.completed, response.rate) == (5, 4, 2, 1, 0.2)
    per_org = {row.name: (row.invited, row.started, row.completed) for row in response.organisations}
    assert per_org == {"Huisartsen Noord": (2, 1, None), "Welzijn Oost": (1, None, None),
                       "Ziekenhuis Zuid": (2, 1, 1)}  # zero is below any minimum too
    assert selectors.round_response(survey_round=r).organisations == ()
    statuses = {i.person.name: i.status for i in selectors.invitation_list(survey_round=r)}
    assert statuses == {"Anna Bakker": "completed", "Bram de Vries": "started", "Chris Jansen": "sent",
                        "Dewi Smit": "not_sent", "Eva Mulder": "sent"}
    listed = selectors.round_list(network=network).get()
    assert (listed.invited, listed.completed) == (5, 1)


def test_candidates_filter_by_organisation_type_and_level(network, region):
    names = lambda **kw: [p.name for p in selectors.candidate_list(network=network, **kw)]  # noqa: E731
    assert names(organisation_id=region.gp.pk) == ["Bram de Vries", "Eva Mulder"]
    assert names(type_key="hospital") == ["Anna Bakker", "Dewi Smit"]
    assert names(level="strategic") == ["Anna Bakker"]  # Chris's seat has ended
    assert names(level="tactical") == ["Bram de Vries"]


def test_survey_pages_follow_the_instrument_flags(anna, region, network):
    pages = selectors.survey_pages(invitation=anna)
    kinds = [(p.instrument.key, tuple(d.key for d in p.dimensions), p.level, p.theme) for p in pages]
    five = [k for k in kinds if k[0] == "five_conditions"]
    assert len(five) == 5  # 25 items: a page per condition
    relations = [p for p in pages if p.instrument.key == "relations"]
    assert [p.checklist for p in relations] == [True]  # first "with which organisations do you work?"
    survey.partners_save(invitation=anna, organisation_ids=[region.welfare.pk, region.gp.pk])
    relations = [p for p in selectors.survey_pages(invitation=anna) if p.instrument.key == "relations"]
    assert len(relations) == 2 and relations[1].dimensions == relations[1].instrument.dimensions
    assert relations[1].organisations == [region.gp, region.welfare]  # the ticked ones in name order
    p31 = [k for k in kinds if k[0] == "platform31"]
    assert [k[2] for k in p31] == ["strategic"] * 4 + ["tactical"] * 4 + ["operational"] * 4 + [""]
    nature = [k for k in kinds if k[0] == "network_nature"]
    assert [k[3] for k in nature] == [None, region.theme]
    assert [k for k in kinds if k[0] == "network_form_fit"] == [
        ("network_form_fit", ("conditions",), "", None),  # short: one page
        ("network_form_fit", ("principles",), "", None)]  # and the reflection list of 004's principles
    assert [p.number for p in pages] == list(range(1, len(pages) + 1))


# Coordinator pages -------------------------------------------------------------------------


def rounds_url(network, *parts) -> str:
    return f"/n/{network.slug}/assessments/" + "".join(f"{p}/" for p in parts)


@pytest.fixture
def as_role(network, make_user, client):
    def login(role: str):
        member = make_user(f"lid-{role}")
        registry.membership_set(network=network, user=member, role=role)
        client.force_login(member)
        return client
    return login


def test_coordinator_creates_a_round_and_invites_people(network, region, logged_in_client):
    client = logged_in_client
    page = client.get(rounds_url(network, "rounds", "new")).content.decode()
    assert "Relations between organisations" in page or "Relaties tussen organisaties" in page
    response = client.post(rounds_url(network, "rounds", "new"), {
        "name": "Meting 2026", "instruments": ["five_conditions", "relations"], "opens_on": TODAY().isoformat(),
        "closes_on": (TODAY() + 20 * DAY).isoformat(), "theme": region.theme.pk, "invitation_body_nl": ""})
    r = SurveyRound.objects.get()
    assert response["Location"] == rounds_url(network, "rounds", r.pk)
    assert r.theme == region.theme and r.created_by.username == "regisseur" and "{link}" in r.invitation_body_nl
    bad = client.post(rounds_url(network, "rounds", r.pk, "edit"), {
        "name": "Meting 2026", "instruments": ["five_conditions"], "opens_on": TODAY().isoformat(),
        "closes_on": (TODAY() - DAY).isoformat(), "invitation_body_en": "Hi {who}"})
    assert bad.status_code == 200 and b"id_closes_on_errors" in bad.content
    assert b"id_invitation_body_en_errors" in bad.content
    # The respondent picker filters in place and invites.
    listing = client.get(rounds_url(network, "rounds", r.pk, "respondents") + f"?organisation={region.gp.pk}",
                         HTTP_HX_REQUEST="true").content.decode()
    assert "Bram de Vries" in listing and "Anna Bakker" not in listing and "<html" not in listing
    response = client.post(rounds_url(network, "rounds", r.pk, "respondents"),
                           {"people": [region.anna.pk, region.dewi.pk], "language": "nl", "level": ""})
    assert response.status_code == 302 and r.invitations.count() == 2
    detail = client.get(rounds_url(network, "rounds", r.pk)).content.decode()
    assert "/survey/" not in detail and detail.count('class="btn btn-sm btn-outline-secondary new-link"') == 1
    assert "0 of 2 completed" in detail or "0 van 2" in detail
    client.post(rounds_url(network, "rounds", r.pk, "send"))
    assert [m.to for m in mail.outbox] == [["anna@example.org"]]
    client.post(rounds_url(network, "rounds", r.pk, "remind"))
    assert len(mail.outbox) == 2
    dewi = r.invitations.get(person=region.dewi)
    response = client.post(rounds_url(network, "rounds", r.pk, "invitations", dewi.pk, "delete"))
    assert response.status_code == 302 and list(r.invitations.values_list("person", flat=True)) == [region.anna.pk]
    response = client.post(rounds_url(network, "rounds", r.pk, "delete"))
    assert response["Location"] == rounds_url(network) and not SurveyRound.objects.exists()


def test_viewers_see_rates_but_not_links_and_cannot_write(network, region, as_role):
    r = open_round(network)
    invitations = survey.invitations_create(survey_round=r, people=region.people)
    survey.answers_save(invitation=invitations[0], instrument="five_conditions", values={"amb_shared": 3})
    survey.invitation_complete(invitation=invitations[0])
    client = as_role("viewer")
    listing = client.get(rounds_url(network)).content.decode()
    assert "Meting 2026" in listing and "20%" in listing
    detail = client.get(rounds_url(network, "rounds", r.pk)).content.decode()
    assert "1 of 5 completed" in detail or "1 van 5" in detail
    assert invitations[0].token not in detail and "invitation-list" not in detail
    panel = client.get(rounds_url(network, "rounds", r.pk, "response")).content.decode()
    assert 'hx-trigger="every 10s"' in panel and "Ziekenhuis Zuid" not in panel  # per organisation: coordinators
    for path in (("rounds", "new"), ("rounds", r.pk, "edit"), ("rounds", r.pk, "delete"),
                 ("rounds", r.pk, "respondents")):
        assert client.get(rounds_url(network, *path)).status_code == 403
    for path in ("send", "remind", "delete", f"invitations/{invitations[1].pk}/delete"):
        assert client.post(rounds_url(network, "rounds", r.pk, path)).status_code == 403
    assert client.get(rounds_url(network, "rounds", r.pk) + "answers.xlsx").status_code == 403
    assert as_role("coordinator").get(rounds_url(network, "rounds", r.pk) + "answers.xlsx").status_code == 403
    assert SurveyRound.objects.exists() and not mail.outbox and r.invitations.count() == 5


def test_rounds_of_another_network_are_404(network, region, make_network, make_user, client):
    r = open_round(network)
    stranger = make_user("vreemde")
    make_network("elders", user=stranger)
    client.force_login(stranger)
    assert client.get(rounds_url(network)).status_code == 404
    elders = f"/n/elders/assessments/rounds/{r.pk}/"
    for suffix in ("", "edit/", "delete/", "response/", "respondents/", "answers.xlsx"):
        assert client.get(elders + suffix).status_code == 404
    assert client.post(elders + "send/").status_code == 404
    # Nor can an invitation of one round be withdrawn through another round of one's own.
    mine = open_round(network, name="Eigen")
    (inv,) = survey.invitations_create(survey_round=r, people=[region.anna])
    owner = Client()
    owner.force_login(network.memberships.get().user)
    url = rounds_url(network, "rounds", mine.pk, "invitations", inv.pk, "delete")
    assert owner.post(url).status_code == 404 and r.invitations.count() == 1


def test_admin_downloads_raw_answers_without_names(network, region, logged_in_client):
    from io import BytesIO

    from openpyxl import load_workbook

    r = open_round(network)
    anna, bram = survey.invitations_create(survey_round=r, people=[region.anna, region.bram])
    survey.answers_save(invitation=anna, instrument="relations", organisation=region.gp,
                        values={"flows": ["money", "staff"], "trust_mission": 3})
    survey.answers_save(invitation=bram, instrument="five_conditions", values={"amb_shared": 5},
                        evidence={"amb_shared": "Convenant"})
    response = logged_in_client.get(rounds_url(network, "rounds", r.pk) + "answers.xlsx")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd.openxml")
    rows = list(load_workbook(BytesIO(response.content)).active.iter_rows(values_only=True))
    assert len(rows) == 4
    body = rows[1:]
    first = tuple(body[0][i] for i in (0, 1, 3, 4, 5, 8, 9))
    assert first == ("R1", "Ziekenhuis Zuid", "strategic", "relations", "flows", "Huisartsen Noord", "money, staff")
    assert body[2][0] == "R2" and body[2][9] == 5 and body[2][10] == "Convenant"
    text = repr(rows)
    assert "Anna" not in text and "Bram" not in text and "@" not in text


def test_django_admin_shows_rounds_and_invitations_read_only(network, region, admin_client):
    r = open_round(network)
    (invitation,) = survey.invitations_create(survey_round=r, people=[region.anna])
    survey.answers_save(invitation=invitation, instrument="five_conditions", values={"amb_shared": 4})
    assert admin_client.get(f"/admin/assessments/surveyround/{r.pk}/change/").status_code == 200
    page = admin_client.get(f"/admin/assessments/invitation/{invitation.pk}/change/")
    assert page.status_code == 200 and b"amb_shared" in page.content
    assert invitation.token.encode() not in page.content
    assert admin_client.get("/admin/assessments/invitation/add/").status_code == 403


def _queries(client, path: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as context:
        assert client.get(path).status_code == 200
    return len(context)


def test_pages_use_the_same_number_of_queries_for_5_or_45_people(network, region, logged_in_client):
    r = open_round(network)
    anna = survey.invitations_create(survey_round=r, people=region.people)[0]
    relations = next(p.number for p in selectors.survey_pages(invitation=anna) if p.instrument.key == "relations")
    paths = [rounds_url(network), rounds_url(network, "rounds", r.pk), rounds_url(network, "rounds", r.pk, "response"),
             rounds_url(network, "rounds", r.pk, "respondents"), f"/survey/{anna.token}/{relations}/"]
    small = [_queries(logged_in_client, path) for path in paths]
    hospital = region.hospital.type
    for i in range(40):
        org = registry.organisation_create(network=network, name=f"Organisatie {i}", type=hospital)
        person = registry.person_create(network=network, name=f"Persoon {i}", organisation=org, email=f"p{i}@x.nl")
        (inv,) = survey.invitations_create(survey_round=r, people=[person])
        survey.answers_save(invitation=inv, instrument="relations", organisation=region.gp,
                            values={"relation_kind": "aware"})
        survey.answers_save(invitation=anna, instrument="relations", organisation=org,
                            values={"relation_kind": "aware"})
    assert [_queries(logged_in_client, path) for path in paths] == small
