"""Demo step: how Regio Voorbeeld organises itself – rules of play, decisions and two years of meetings.

The rules come from the Salland United template and were adopted by consent in the broad network meeting
of March 2025, after the Wmo-raad objected and the proposal was amended. Every organisation committed,
except the employers' association and the housing corporation. Decisions show every state: a coalition
decision blocked by one party, one that expired in silence, a withdrawn one, open and draft ones. Meetings
run from December 2024 to March 2027 with agendas, attendance, minutes and action points, some overdue.
All dates are fixed, so the demo is the same on every run.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.utils import translation
from django.utils.formats import date_format

from netwerkregie.organising.models import ActionStatus, MinutesStatus, ResponseKind, RuleStatus, UnitOfficerRole
from netwerkregie.organising.selectors.bodies import body_organisations
from netwerkregie.organising.services import bodies, decisions, meetings, rules
from netwerkregie.registry.models import Level

if TYPE_CHECKING:
    from .generator import Demo

TZ = ZoneInfo("Europe/Amsterdam")
NOT_COMMITTED = {"werkgevers", "woonstichting-thuis"}
# The demo's member account (generator.USERS) answers proposals for the health insurer.
MEMBER = ("lid", "zorgzaam")


def _at(day: str, hour: int = 10) -> datetime.datetime:
    return datetime.datetime.combine(datetime.date.fromisoformat(day), datetime.time(hour), tzinfo=TZ)


def _month(moment: datetime.datetime) -> str:
    with translation.override("nl"):
        return date_format(moment, "F Y")


def _day(text: str) -> datetime.date:
    return datetime.date.fromisoformat(text)


class _Secretary:
    """Enters responses by proxy for the meeting, as the network office does."""

    def __init__(self, demo: Demo):
        self.demo = demo
        self.user = get_user_model().objects.get(username="demo")

    def respond(self, proposal, key: str, kind: str, day: str, reason: str = ""):
        return decisions.response_record(proposal=proposal, organisation=self.demo.organisations[key], kind=kind,
                                         reason=reason, recorded_by=self.user, proxy=True, now=_at(day, 9))


def _member(demo: Demo):
    username, organisation_key = MEMBER
    user = get_user_model().objects.get(username=username)
    bodies.spokesperson_add(network=demo.network, user=user, organisation=demo.organisations[organisation_key])
    return user


def _rules_adopted(demo: Demo, secretary: _Secretary) -> None:
    """The March 2025 decision: objection by the Wmo-raad, amendment, consent by everyone present."""
    fundament = demo.units["Breed netwerkoverleg"]
    created = rules.rules_from_template(network=demo.network, language="nl", now=_at("2025-01-20"))
    for rule in created:
        rules.rule_set_status(rule=rule, status=RuleStatus.PROPOSED, now=_at("2025-02-10"))
    proposal = decisions.proposal_create(
        network=demo.network, body=fundament, title="Spelregels Regio Voorbeeld vaststellen",
        text="Het breed netwerkoverleg stelt de tien spelregels vast, naar het voorbeeld van Salland United.",
        created_by=secretary.user, now=_at("2025-02-10"))
    decisions.proposal_open(proposal=proposal, closes_on=_day("2025-03-12"), today=_day("2025-02-10"))
    secretary.respond(proposal, "gem-aldermeer", ResponseKind.CONSENT, "2025-02-14")
    secretary.respond(proposal, "wmo-raad", ResponseKind.OBJECTION, "2025-02-20",
                      "Inwoners staan nergens in de spelregels. Zonder hen mist het netwerk de toets aan de praktijk.")
    decisions.proposal_amend(
        proposal=proposal, note="Inwoners toegevoegd aan de spelregel over meedoen.", now=_at("2025-03-03"),
        text="Het breed netwerkoverleg stelt de tien spelregels vast, naar het voorbeeld van Salland United. In de "
             "spelregel 'Meedoen is niet vrijblijvend' staat dat inwoners via de Wmo-raad en het cliëntenpanel aan "
             "tafel zitten.")
    for key in ("gem-aldermeer", "wmo-raad", "zorgzaam", "zh-aldermeer", "ggz-veenland", "ggd"):
        secretary.respond(proposal, key, ResponseKind.CONSENT, "2025-03-10")
    proposal = decisions.proposal_decide(proposal=proposal, action="adopt", today=_day("2025-03-13"),
                              outcome="Vastgesteld bij consent. Goed genoeg voor nu, veilig genoeg om te proberen: "
                                      "we evalueren na een jaar.",
                              outcome_by=demo.person("netwerkregisseur"), review_date=_day("2026-03-11"))
    participation = next(r for r in created if r.template_key == "commit_to_take_part")
    rules.rule_update(rule=participation, note="Amendement Wmo-raad", now=_at("2025-03-12", 12),
                      text=participation.text + " Inwoners zitten aan tafel via de Wmo-raad en het cliëntenpanel.")
    for rule in created:
        rules.rule_update(rule=rule, adopted_by=proposal, evaluation_date=_day("2026-03-11"))
        rules.rule_set_status(rule=rule, status=RuleStatus.ADOPTED, now=_at("2025-03-13"))
    for rule in created[-3:]:
        rules.rule_set_status(rule=rule, status=RuleStatus.TO_EVALUATE, note="Evaluatie maart 2026",
                              now=_at("2026-03-11", 12))
    for index, (key, organisation) in enumerate(sorted(demo.organisations.items())):
        if key in NOT_COMMITTED:
            continue
        rules.commitment_record(network=demo.network, organisation=organisation,
                                committed_by=demo.people.get(f"head:{key}"),
                                committed_on=_day("2025-03-13") + datetime.timedelta(days=index % 40),
                                recorded_by=secretary.user, now=_at("2025-05-01"))


def _decisions(demo: Demo, secretary: _Secretary, member) -> dict[str, object]:
    """One decision in every state; returns them by a short key for the agendas."""
    units, coalitions = demo.units, demo.coalitions
    made = {}

    def propose(key, body, title, text, day, closes, **extra):
        proposal = decisions.proposal_create(network=demo.network, body=body, title=title, text=text,
                                             created_by=secretary.user, now=_at(day), **extra)
        if closes:
            decisions.proposal_open(proposal=proposal, closes_on=_day(closes), today=_day(day))
        made[key] = proposal
        return proposal

    werkplan = propose("werkplan", units["Bestuurlijke regiegroep"], "Werkplan en begroting netwerkbureau 2026",
                       "Advies aan Zorgzaam en de gemeenten: het netwerkbureau krijgt in 2026 2,4 fte en "
                       "€ 310.000 voor regie, data en leren.", "2025-10-01", "2025-10-22",
                       financier=demo.organisations["zorgzaam"])
    for key in ("gem-aldermeer", "zh-aldermeer", "ggz-veenland", "wmo-raad"):
        secretary.respond(werkplan, key, ResponseKind.CONSENT, "2025-10-15")
    decisions.response_record(proposal=werkplan, organisation=demo.organisations["zorgzaam"],
                              kind=ResponseKind.CONSENT, recorded_by=member, now=_at("2025-10-16"))
    decisions.proposal_conclude(proposal=werkplan, today=_day("2025-10-23"))
    decisions.proposal_outcome_set(proposal=werkplan, outcome="Positief advies aan de financiers.",
                                   outcome_by=demo.person("netwerkregisseur"), review_date=_day("2026-10-01"))
    decisions.financier_response_set(proposal=werkplan, responded_on=_day("2025-12-02"),
                                     response="Zorgzaam neemt het advies over en financiert 60% uit IZA-middelen.")

    beweeg = propose("beweeg", coalitions["Valpreventie 65+"], "Beweegaanbod uitbreiden naar Bruggeveen",
                     "De coalitie zet in 2026 vier extra beweeggroepen op in de kernen van Bruggeveen.",
                     "2026-01-12", "2026-02-09")
    for key in ("ggd", "hac-linde", "avondrood", "welzijn-aldermeer", "gem-aldermeer"):
        secretary.respond(beweeg, key, ResponseKind.AGREE, "2026-01-26")
    secretary.respond(beweeg, "zh-aldermeer", ResponseKind.ABSTAIN, "2026-01-27")
    decisions.response_record(proposal=beweeg, organisation=demo.organisations["zorgzaam"],
                              kind=ResponseKind.DISAGREE, recorded_by=member, now=_at("2026-02-02"),
                              reason="Geen dekking in de inkoop 2026; eerst de effectmeting van de eerste groepen.")
    decisions.proposal_decide(proposal=beweeg, action="reject", today=_day("2026-02-10"),
                              outcome="Geblokkeerd door Zorgzaam; opnieuw na de effectmeting in het najaar.",
                              outcome_by=demo.person("coord-ouderen"), review_date=_day("2026-10-01"))

    mantelzorg = propose("mantelzorg", coalitions["Mantelzorg-ondersteuning"], "Respijtzorg-pas voor mantelzorgers",
                         "Eén pas waarmee mantelzorgers bij alle partners respijtzorg kunnen boeken.",
                         "2026-04-06", "2026-05-04")
    participants = list(body_organisations(mantelzorg.body, _day("2026-04-06")))
    for organisation in participants[:2]:
        decisions.response_record(proposal=mantelzorg, organisation=organisation, kind=ResponseKind.AGREE,
                                  recorded_by=secretary.user, proxy=True, now=_at("2026-04-20"))
    decisions.proposal_conclude(proposal=mantelzorg, today=_day("2026-05-05"))

    huisvesting = propose("huisvesting", units["Breed netwerkoverleg"], "Gezamenlijke huisvesting netwerkbureau",
                          "Het netwerkbureau verhuist naar het Gezondheidshuis Aldermeer.", "2026-05-11", "2026-06-17")
    decisions.proposal_decide(proposal=huisvesting, action="withdraw", today=_day("2026-06-01"),
                              outcome="Ingetrokken: het Gezondheidshuis opent pas in 2028.",
                              outcome_by=demo.person("netwerkregisseur"))

    evaluatie = propose("evaluatie", units["Breed netwerkoverleg"], "Evaluatie spelregels: regel 8 aanscherpen",
                        "Spelregel 8 ('Twee partijen mogen starten') vullen we aan: een nieuwe coalitie meldt zich "
                        "binnen een maand in het overzicht van het netwerk.", "2026-11-04", "2027-01-20")
    secretary.respond(evaluatie, "gem-aldermeer", ResponseKind.CONSENT, "2026-11-10")

    ggz = propose("ggz", coalitions["Wijkgerichte GGZ"], "Gezamenlijk wijkteam GGZ in Dijkstede-Oost",
                  "Vanaf 2027 een gezamenlijk GGZ-wijkteam met 3 fte uit de partners.", "2026-10-05", "2027-02-01")
    first = next(iter(body_organisations(ggz.body, _day("2026-10-05"))))
    decisions.response_record(proposal=ggz, organisation=first, kind=ResponseKind.AGREE, recorded_by=secretary.user,
                              proxy=True, now=_at("2026-10-12"))
    decisions.proposal_amend(proposal=ggz, text="Vanaf 2027 een gezamenlijk GGZ-wijkteam met 2,5 fte uit de partners "
                             "en 0,5 fte ervaringsdeskundigheid.", note="Ervaringsdeskundige toegevoegd",
                             now=_at("2026-10-26"))

    propose("data", units["Data- en onderzoeksteam"], "Convenant gegevensdeling effectmeting",
            "Afspraken over het delen van gepseudonimiseerde gegevens voor de effectmeting van de coalities.",
            "2026-11-16", None)
    return made


# Fundament twice a year (plus one in between), the regiegroep every quarter; fixed dates.
FUNDAMENT = ["2024-12-11", "2025-03-12", "2025-06-18", "2025-11-05", "2026-03-11", "2026-06-17", "2026-11-04",
             "2027-03-10"]
REGIEGROEP = ["2025-01-22", "2025-04-16", "2025-07-09", "2025-10-22", "2026-01-21", "2026-04-15", "2026-07-08",
              "2026-10-21", "2027-01-20"]
LAST_PAST = "2026-11-30"
ABSENT_AT_END = "woonstichting-thuis"


def _meetings(demo: Demo, made: dict[str, object]) -> None:
    rng = demo.rng("organising-meetings")
    fundament, regiegroep = demo.units["Breed netwerkoverleg"], demo.units["Bestuurlijke regiegroep"]
    owners = [demo.person(k) for k in ("netwerkregisseur", "secretaris", "coord-ouderen", "coord-ggz",
                                       "coord-passend")]
    agendas = {"2025-03-12": "spelregels", "2025-10-22": "werkplan", "2026-11-04": "evaluatie",
               "2026-01-21": "beweeg"}
    schedule = [(fundament, day, "Breed netwerkoverleg") for day in FUNDAMENT] + [
        (regiegroep, day, "Regiegroep") for day in REGIEGROEP]
    fundament_past = [d for d in FUNDAMENT if d <= LAST_PAST]
    for unit, day, label in sorted(schedule, key=lambda row: row[1]):
        start = _at(day, 14 if unit == fundament else 9)
        meeting = meetings.meeting_create(
            network=demo.network, body=unit, title=f"{label} {_month(start)}",
            starts_at=start, ends_at=start + datetime.timedelta(hours=2 if unit == fundament else 1, minutes=30),
            place="Stadhuis Aldermeer, raadzaal" if unit == fundament else "",
            online_url="" if unit == fundament else "https://vergaderen.regio-voorbeeld.example/regiegroep")
        meetings.agenda_item_add(meeting=meeting, title="Opening en vaststellen verslag", duration_minutes=10)
        key = agendas.get(day)
        proposal = made.get(key)
        if proposal is not None:
            meetings.agenda_item_add(meeting=meeting, title=f"Besluit: {proposal.title}", duration_minutes=40,
                                     proposal=proposal)
        theme = sorted(demo.themes.values(), key=lambda t: t.name)[rng.randrange(len(demo.themes))]
        meetings.agenda_item_add(meeting=meeting, title=f"Voortgang thema {theme.name}", duration_minutes=30,
                                 theme=theme)
        meetings.agenda_item_add(meeting=meeting, title="Rondvraag en sluiting", duration_minutes=10)
        meetings.invitations_send(meeting=meeting, now=start - datetime.timedelta(days=21), notify=False)
        if day > LAST_PAST:
            continue
        invited = [i.organisation for i in meeting.invitations.select_related("organisation").order_by("pk")]
        last_two = unit == fundament and day in fundament_past[-2:]
        for organisation in invited:
            absent = (last_two and demo.organisations[ABSENT_AT_END] == organisation) or rng.random() < 0.08
            meetings.attendance_record(meeting=meeting, organisation=organisation, present=not absent,
                                       level="" if absent else Level.STRATEGIC)
        final = day != fundament_past[-1]
        meetings.minutes_save(meeting=meeting, status=MinutesStatus.DRAFT,
                              text=f"Verslag {meeting.title}. Aanwezig: {len(invited)} organisaties uitgenodigd.")
        if final:
            meetings.minutes_save(meeting=meeting, status=MinutesStatus.FINAL, text=meeting.minutes +
                                  " Vastgesteld met een aanvulling van de Wmo-raad.")
        for number in range(rng.randint(1, 3)):
            due = start.date() + datetime.timedelta(days=rng.choice([21, 42, 70]))
            status = ActionStatus.DONE if due < _day("2026-06-01") else ActionStatus.OPEN
            meetings.action_point_add(meeting=meeting, title=f"Actie {number + 1}: {rng.choice(ACTIONS)}",
                                      owner=rng.choice(owners), due_date=due, status=status)


ACTIONS = ["notitie opstellen", "partners informeren", "cijfers opvragen bij het data-team", "advies voorbereiden",
           "bijeenkomst plannen", "voorstel uitwerken"]


def _officers(demo: Demo) -> None:
    bodies.unit_officer_add(unit=demo.units["Beleidsadviesgroep"], person=demo.person("kenniscentrum"),
                            role=UnitOfficerRole.CHAIR, independent=True, start_date=_day("2023-03-01"))
    bodies.unit_officer_add(unit=demo.units["Bestuurlijke regiegroep"], person=demo.person("gem-bruggeveen"),
                            role=UnitOfficerRole.CHAIR, start_date=_day("2023-01-01"), end_date=_day("2024-12-31"))
    bodies.unit_officer_add(unit=demo.units["Bestuurlijke regiegroep"], person=demo.person("gem-aldermeer"),
                            role=UnitOfficerRole.CHAIR, start_date=_day("2025-01-01"))
    for unit in ("Breed netwerkoverleg", "Bestuurlijke regiegroep"):
        bodies.unit_officer_add(unit=demo.units[unit], person=demo.person("secretaris"),
                                role=UnitOfficerRole.SECRETARY, start_date=_day("2023-01-01"))


def add_organising(demo: Demo) -> None:
    """Rules adopted from the template with commitments, decisions in every state, two years of meetings."""
    secretary = _Secretary(demo)
    member = _member(demo)
    made = {}
    _rules_adopted(demo, secretary)
    made["spelregels"] = demo.network.proposals.get(title="Spelregels Regio Voorbeeld vaststellen")
    made.update(_decisions(demo, secretary, member))
    _meetings(demo, made)
    _officers(demo)
