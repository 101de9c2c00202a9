"""A network in which every repeating thing grows with `size`, for the query budgets.

Organisations, people, themes, coalitions, initiatives, governance units, relations, survey rounds,
respondents and answers all grow, and so do the apps on top: rules, commitments, proposals with
responses and objections, meetings with agenda items, attendance and action points, indicators with
values and goals, funding streams, calls, criteria, applications, assessors and scores, board
reports and prepared downloads. One object of each kind (the hubs) is linked to a share of everything,
so detail pages grow too. Everything comes from bulk inserts that respect the services' rules;
survey invitations are made by the assessments service.
"""

from __future__ import annotations

import datetime
import secrets
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from netwerkregie.analysis.models import Relation
from netwerkregie.assessments import services as assessments
from netwerkregie.assessments.access import ExportScope
from netwerkregie.assessments.instruments import instrument_get
from netwerkregie.assessments.models import Answer, SurveyRound
from netwerkregie.funding.models import (
    Allocation,
    Application,
    ApplicationPartner,
    Approach,
    Arena,
    ArenaEntry,
    Assessor,
    Call,
    CallStatus,
    ConflictOfInterest,
    Criterion,
    FinancierResponse,
    FundingStream,
    Score,
    Stakeholder,
    StreamKind,
)
from netwerkregie.funding.models import ResponseKind as FinancierResponseKind
from netwerkregie.monitoring.models import (
    Area,
    AreaKind,
    Beneficiary,
    CoalitionValue,
    DataReport,
    Evidence,
    Goal,
    Indicator,
    IndicatorValue,
    LegitimationEvidence,
    LegitimationRoute,
    ValueFunction,
)
from netwerkregie.organising.models import (
    ActionPoint,
    AgendaItem,
    Attendance,
    Commitment,
    Meeting,
    MeetingInvitation,
    ObjectionStatus,
    Proposal,
    ProposalState,
    ProposalVersion,
    Response,
    ResponseKind,
    Rule,
    RuleStatus,
    RuleTopic,
    RuleVersion,
)
from netwerkregie.registry.models import (
    Coalition,
    CoalitionParticipation,
    GovernanceUnit,
    GovernanceUnitMembership,
    Initiative,
    Network,
    Organisation,
    OrganisationType,
    Person,
    Theme,
    ThemeRole,
)
from netwerkregie.reports.models import BoardReport, DownloadKind, PreparedDownload, ReportStatus

INSTRUMENTS = ["five_conditions", "network_dip", "relations"]


@dataclass(frozen=True)
class Hubs:
    """The objects whose detail pages are measured: each is linked to a share of everything."""

    organisation: int
    person: int
    theme: int
    coalition: int
    unit: int
    round: int
    relation: int
    membership: int
    initiative: int
    participation: int
    theme_role: int
    unit_membership: int
    rule: int
    proposal: int
    meeting: int
    call: int
    application: int
    allocation: int
    board_report: int
    download: int
    # The edit and delete pages of the monitoring and funding records.
    indicator: int
    value: int
    goal: int
    report: int
    evidence: int
    value_function: int
    legitimation: int
    stream: int
    criterion: int
    assessor: int
    response: int
    arena_entry: int


def grow(network: Network, size: int, user, *, rounds: int | None = None, apps: int | None = None,
         coalition_count: int | None = None) -> Hubs:
    """`size` organisations (at least 10) with everything else in proportion.

    `rounds`, `apps` and `coalition_count` cap the closed survey rounds, the size of the apps' lists
    and the coalitions, so a network of thousands of organisations (the page-weight test) has the
    shape of a real region and stays cheap to build; its hubs then hold some 50 of each kind.
    """
    types = list(OrganisationType.objects.order_by("order"))
    municipalities = list(network.municipalities.all())
    organisations = Organisation.objects.bulk_create([
        Organisation(network=network, name=f"Organisatie {i:04}", sort_name=f"organisatie {i:04}",
                     type=types[i % len(types)],
                     municipality=municipalities[i % len(municipalities)]) for i in range(size)])
    people = Person.objects.bulk_create([
        Person(network=network, name=f"Persoon {i:04}", sort_name=f"persoon {i:04}",
               organisation=organisations[i % size],
               email=f"persoon{i}@example.org") for i in range(2 * size)])
    themes = Theme.objects.bulk_create([Theme(network=network, name=f"Thema {i:04}") for i in range(size // 5)])
    hub_org, hub_person, hub_theme = organisations[0], people[0], themes[0]
    theme_roles = ThemeRole.objects.bulk_create(
        [ThemeRole(theme=t, person=people[k + 1], kind="board_lead") for k, t in enumerate(themes)]
        + [ThemeRole(theme=t, person=hub_person, kind="coordinator") for t in themes]
        + [ThemeRole(theme=hub_theme, person=p, kind="board_lead") for p in people[2::max(20, size // 10)]])
    coalitions = Coalition.objects.bulk_create([
        Coalition(network=network, theme=hub_theme if k % 2 else themes[k % len(themes)], name=f"Coalitie {k:04}")
        for k in range(coalition_count or size // 3)])
    hub_coalition = coalitions[0]
    pairs = {(c.pk, organisations[(3 * k + j) % size].pk) for k, c in enumerate(coalitions) for j in range(3)}
    pairs |= ({(c.pk, hub_org.pk) for c in coalitions}
              | {(hub_coalition.pk, o.pk) for o in organisations[::max(4, size // 50)]})
    participations = CoalitionParticipation.objects.bulk_create([
        CoalitionParticipation(coalition_id=c, organisation_id=o, contribution_knowledge="kennis")
        for c, o in sorted(pairs)])
    initiatives = Initiative.objects.bulk_create(
        [Initiative(coalition=c, name=f"Initiatief {c.name}") for c in coalitions]
        + [Initiative(coalition=hub_coalition, name=f"Initiatief {i}", start_date=datetime.date(2022, 1, 1 + i % 28))
           for i in range(size // 5)])
    units = GovernanceUnit.objects.bulk_create([GovernanceUnit(network=network, kind="other", name=f"Eenheid {i:04}")
                                                for i in range(size // 5)])
    hub_unit = units[0]
    unit_memberships = GovernanceUnitMembership.objects.bulk_create(
        [GovernanceUnitMembership(unit=u, person=people[k + 1], level="strategic") for k, u in enumerate(units)]
        + [GovernanceUnitMembership(unit=u, person=hub_person, level="tactical") for u in units[1:]]
        + [GovernanceUnitMembership(unit=hub_unit, person=p, level="operational")
           for p in people[3::max(10, size // 20)]])
    relations = Relation.objects.bulk_create([
        Relation(network=network, source=organisations[i], target=organisations[(i + 1 + i % 3) % size],
                 kind="contract") for i in range(size)]
        + [Relation(network=network, source=hub_org, target=o, kind="funding") for o in organisations[5::6]])
    # Closed rounds only, in both networks: a running round adds a (constant) query of its own.
    this_year = timezone.localdate().year
    rounds = [_survey_round(network, year, people, organisations)
              for year in range(this_year - (rounds or max(2, size // 40)), this_year)]
    # The apps' lists grow more slowly: each of their rows links to several of the registry's.
    return Hubs(organisation=hub_org.pk, person=hub_person.pk, theme=hub_theme.pk, coalition=hub_coalition.pk,
                unit=hub_unit.pk, round=rounds[-1].pk, relation=relations[0].pk,
                membership=network.memberships.get(user=user).pk, initiative=initiatives[0].pk,
                participation=participations[0].pk, theme_role=theme_roles[0].pk,
                unit_membership=unit_memberships[0].pk,
                **grow_apps(network, apps or max(2, size // 20), user, organisations=organisations, people=people,
                            themes=themes, coalitions=coalitions, units=units))


def grow_apps(network: Network, n: int, user, *, organisations: list[Organisation], people: list[Person],
              themes: list[Theme], coalitions: list[Coalition], units: list[GovernanceUnit]) -> dict[str, int]:
    """The apps on top of the registry, `n` rows per list, linked to the registry's rows given; returns
    their hubs (the Hubs fields of organising, monitoring, funding and reports)."""
    rule, proposal, meeting = _organising(network, n, organisations, people, units, coalitions)
    monitoring_hubs = _monitoring(network, n, themes, coalitions)
    call, application, allocation, funding_hubs = _funding(network, n, organisations, people, coalitions, user)
    return {"rule": rule, "proposal": proposal, "meeting": meeting, "call": call, "application": application,
            "allocation": allocation, "board_report": _board_reports(network, n, user),
            "download": _prepared_downloads(network, n, user),
            **monitoring_hubs, **funding_hubs}


def _survey_round(network: Network, year: int, people: list[Person],
                  organisations: list[Organisation]) -> SurveyRound:
    """A closed round in which two thirds of the people answered every instrument."""
    survey_round = SurveyRound.objects.create(
        network=network, name=f"Netwerkmonitor {year}", instruments=INSTRUMENTS,
        opens_on=datetime.date(year, 1, 10), closes_on=datetime.date(year, 3, 1))
    invitations = assessments.invitations_create(survey_round=survey_round, people=people)
    completed = datetime.datetime(year, 2, 1, tzinfo=datetime.UTC)
    answers = []
    for k, invitation in enumerate(invitations):
        if k % 3 == 2:
            continue
        for instrument in ("five_conditions", "network_dip"):
            for item in instrument_get(instrument).items:
                answers.append(Answer(invitation=invitation, instrument=instrument, item=item.key,
                                      value=1 + (k + len(item.key)) % 5))
        for step in (1, 2):
            target = organisations[(k + step) % len(organisations)]
            if target.pk == invitation.organisation_id:
                continue
            for item, value in (("relation_kind", "coordinated"), ("trust_reliability", 3), ("value_power", 2)):
                answers.append(Answer(invitation=invitation, instrument="relations", item=item, value=value,
                                      organisation=target,
                                      subject=Answer.subject_key(organisation_id=target.pk)))
    Answer.objects.bulk_create(answers)
    survey_round.invitations.exclude(pk__in=[inv.pk for k, inv in enumerate(invitations) if k % 3 == 2]).update(
        sent_at=timezone.now(), started_at=completed, completed_at=completed)
    return survey_round


def _organising(network: Network, n: int, organisations: list[Organisation], people: list[Person],
                units: list[GovernanceUnit], coalitions: list[Coalition]) -> tuple[int, int, int]:
    """Rules with versions and commitments, proposals with responses and objections, meetings with
    agenda items, invitations, attendance and action points; returns the hub rule, proposal and meeting."""
    now = timezone.now()
    rules = Rule.objects.bulk_create([
        Rule(network=network, topic=RuleTopic.choices[i % len(RuleTopic.choices)][0], title=f"Spelregel {i:04}",
             text="Tekst", unit=units[i % len(units)] if i % 2 else None, status=RuleStatus.choices[i % 2][0],
             evaluation_date=datetime.date(2027, 1, 1), order=i) for i in range(n)])
    RuleVersion.objects.bulk_create([
        RuleVersion(rule=r, number=v, title=r.title, text="Tekst", status=r.status, changed_at=now)
        for r in rules for v in (1, 2)])
    Commitment.objects.bulk_create([
        Commitment(network=network, organisation=o, committed_by=people[k], committed_on=datetime.date(2026, 1, 5),
                   recorded_at=now) for k, o in enumerate(organisations[::2])])
    proposals = Proposal.objects.bulk_create([
        Proposal(network=network, title=f"Voorstel {i:04}", unit=None if i % 2 else units[i % len(units)],
                 coalition=coalitions[i % len(coalitions)] if i % 2 else None,
                 state=(ProposalState.OPEN, ProposalState.PASSED)[i % 2], closes_on=datetime.date(2027, 1, 1))
        for i in range(n)])
    ProposalVersion.objects.bulk_create([ProposalVersion(proposal=p, number=1, text="Tekst", created_at=now)
                                         for p in proposals])
    Response.objects.bulk_create([
        Response(proposal=p, version=1, organisation=o, recorded_at=now,
                 kind=ResponseKind.OBJECTION if k % 3 == 0 else ResponseKind.CONSENT,
                 objection_status=ObjectionStatus.STANDING if k % 3 == 0 else "")
        for p in proposals for k, o in enumerate(organisations[:n])])
    meetings = Meeting.objects.bulk_create([
        Meeting(network=network, title=f"Overleg {i:04}", unit=units[i % len(units)],
                starts_at=now + datetime.timedelta(days=i - n // 2),
                ends_at=now + datetime.timedelta(days=i - n // 2, hours=2)) for i in range(n)])
    AgendaItem.objects.bulk_create([
        AgendaItem(meeting=m, title=f"Punt {k}", order=k, proposal=proposals[k], theme_id=None)
        for m in meetings for k in range(n)])
    MeetingInvitation.objects.bulk_create([MeetingInvitation(meeting=m, organisation=o)
                                           for m in meetings for o in organisations[:n]])
    Attendance.objects.bulk_create([Attendance(meeting=m, organisation=o, present=True)
                                    for m in meetings for o in organisations[:n]])
    ActionPoint.objects.bulk_create([ActionPoint(meeting=m, title=f"Actie {k}", owner=people[k])
                                     for m in meetings for k in range(n)])
    return rules[0].pk, proposals[0].pk, meetings[0].pk


def _monitoring(network: Network, n: int, themes: list[Theme], coalitions: list[Coalition]) -> dict[str, int]:
    """Indicators with values per area and period, goals on themes and coalitions, evidence, data-team
    reports, value functions and legitimation evidence; returns one of each for their edit pages."""
    areas = Area.objects.bulk_create([Area(network=network, code=f"GM{i:04}", name=f"Gemeente {i}",
                                           kind=AreaKind.MUNICIPALITY) for i in range(n)])
    indicators = Indicator.objects.bulk_create([Indicator(network=network, name=f"Indicator {i:04}", unit="%")
                                                for i in range(n)])
    values = IndicatorValue.objects.bulk_create([
        IndicatorValue(indicator=ind, area=area, period=f"{year}JJ00", period_start=datetime.date(year, 1, 1),
                       period_end=datetime.date(year, 12, 31), value=Decimal(10 + k + year % 7))
        for k, ind in enumerate(indicators) for area in areas for year in (2022, 2023, 2024)])
    goals = Goal.objects.bulk_create([
        Goal(network=network, name=f"Doel {i:04}", indicator=indicators[i], area=areas[i % n],
             theme=themes[0] if i % 2 else None, coalition=None if i % 2 else coalitions[0],
             baseline=Decimal(10), baseline_period="2022JJ00", target=Decimal(20),
             target_date=datetime.date(2027, 12, 31)) for i in range(n)])
    evidence = Evidence.objects.bulk_create([
        Evidence(network=network, theme=themes[0] if i % 2 else None, coalition=None if i % 2 else coalitions[0],
                 title=f"Verhaal {i}", text="Tekst", recorded_on=datetime.date(2026, 1, 1 + i % 28))
        for i in range(n)])
    reports = DataReport.objects.bulk_create([DataReport(network=network, title=f"Rapport {i}", is_public=i % 2 == 0,
                                               due_date=datetime.date(2026, 1 + i % 12, 1)) for i in range(n)])
    value_functions = CoalitionValue.objects.bulk_create([
        CoalitionValue(coalition=c, function=ValueFunction.choices[k % len(ValueFunction.choices)][0],
                       beneficiary=Beneficiary.choices[k % len(Beneficiary.choices)][0])
        for k, c in enumerate(coalitions)])
    legitimation = LegitimationEvidence.objects.bulk_create([
        LegitimationEvidence(network=network, route=LegitimationRoute.choices[i % len(LegitimationRoute.choices)][0],
                             description=f"Bewijs {i}", occurred_on=datetime.date(2026, 1, 1 + i % 28))
        for i in range(n)])
    return {"indicator": indicators[0].pk, "value": values[0].pk, "goal": goals[0].pk, "report": reports[0].pk,
            "evidence": evidence[0].pk, "value_function": value_functions[0].pk, "legitimation": legitimation[0].pk}


def _funding(network: Network, n: int, organisations: list[Organisation], people: list[Person],
             coalitions: list[Coalition], user) -> tuple[int, int, int, dict[str, int]]:
    """Streams with financiers, open calls with criteria, applications with partners, assessors with
    scores and a conflict, allocations with the financiers' responses, and arenas; returns the hub call,
    application and allocation, and one of each other record for their edit pages."""
    streams = FundingStream.objects.bulk_create([
        FundingStream(network=network, name=f"Stroom {i}", kind=StreamKind.IZA, budget=Decimal(100000))
        for i in range(n)])
    for stream in streams:
        stream.financiers.set(organisations[:n])
    calls = Call.objects.bulk_create([
        Call(stream=streams[i % n], name=f"Oproep {i}", status=CallStatus.OPEN, opens_on=datetime.date(2026, 1, 1),
             closes_on=datetime.date(2026, 6, 1)) for i in range(n)])
    criteria = Criterion.objects.bulk_create([Criterion(call=c, name=f"Criterium {k}", weight=Decimal(1), order=k)
                                              for c in calls for k in range(n)])
    applications = Application.objects.bulk_create([
        Application(call=c, coalition=coalitions[k % len(coalitions)], title=f"Aanvraag {k}",
                    requested_amount=Decimal(1000 * (k + 1)), submitted_on=datetime.date(2026, 2, 1))
        for c in calls for k in range(n)])
    ApplicationPartner.objects.bulk_create([ApplicationPartner(application=a, organisation=o)
                                            for a in applications for o in organisations[:3]])
    # The admin is an assessor who has not submitted yet: the score page shows their own sheet.
    assessors = Assessor.objects.bulk_create([Assessor(call=c, person=people[k], user=user if k == 0 else None,
                                                       submitted_at=timezone.now() if k else None)
                                              for c in calls for k in range(n)])
    Score.objects.bulk_create([
        Score(assessor=s, application=a, criterion=cr, score=1 + (s.pk + a.pk) % 5, reason="Reden")
        for s in assessors for a in applications if a.call_id == s.call_id
        for cr in criteria if cr.call_id == s.call_id])
    ConflictOfInterest.objects.bulk_create([ConflictOfInterest(assessor=assessors[-1], application=applications[-1],
                                                               reason="Bestuurder")])
    allocations = Allocation.objects.bulk_create([
        Allocation(application=a, amount=a.requested_amount, decided_on=datetime.date(2026, 7, 1), reasoning="Reden")
        for a in applications[::2]])
    responses = FinancierResponse.objects.bulk_create([
        FinancierResponse(allocation=al, financier=o, response=FinancierResponseKind.ADOPTED,
                          responded_on=datetime.date(2026, 8, 1)) for al in allocations for o in organisations[:2]])
    initiatives = Initiative.objects.filter(coalition__network=network).order_by("pk")[:n]
    arenas = Arena.objects.bulk_create([Arena(initiative=i) for i in initiatives])
    entries = ArenaEntry.objects.bulk_create([
        ArenaEntry(arena=a, stakeholder=s, approach=approach, investment=Decimal(100), returns=Decimal(150))
        for a in arenas for s in Stakeholder.values[:4] for approach in Approach.values])
    return calls[0].pk, applications[0].pk, allocations[0].pk, {
        "stream": streams[0].pk, "criterion": criteria[0].pk, "assessor": assessors[0].pk,
        "response": responses[0].pk, "arena_entry": entries[0].pk}


def _board_reports(network: Network, n: int, user) -> int:
    """Finished versions of the board report; returns the newest."""
    reports = BoardReport.objects.bulk_create([
        BoardReport(network=network, period_start=datetime.date(2020 + i, 1, 1),
                    period_end=datetime.date(2020 + i, 12, 31), sections=["glance"], created_by=user,
                    status=ReportStatus.READY, html="<p>Rapport</p>", pdf=b"%PDF-1.4", xlsx=b"PK",
                    finished_at=timezone.now()) for i in range(n)])
    return reports[-1].pk


def _prepared_downloads(network: Network, n: int, user) -> int:
    """Ready prepared downloads (a placeholder file under settings.PREPARED_DOWNLOAD_DIR); returns the newest."""
    directory = Path(settings.PREPARED_DOWNLOAD_DIR)
    directory.mkdir(parents=True, exist_ok=True)
    downloads = PreparedDownload.objects.bulk_create([
        PreparedDownload(network=network, kind=DownloadKind.REGISTRY_XLSX, scope=ExportScope.WITHOUT_RESPONSES,
                         contact_details=True, requested_by=user, status=ReportStatus.READY,
                         file_name=f"{secrets.token_urlsafe(32)}.xlsx", download_name=f"registry-{i}.xlsx", size=2,
                         finished_at=timezone.now()) for i in range(n)])
    (directory / downloads[-1].file_name).write_bytes(b"PK")
    return downloads[-1].pk
