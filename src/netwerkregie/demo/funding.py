"""Demo step: three funding streams, two calls, independent assessment, allocations and two effectenarenas.

The IZA call 2026 is assessed by three members of the beleidsadviesgroep. The one from Ziekenhuis
Rivierenland is excluded automatically from the application her hospital takes part in (the
conflict of interest). The demo user signs in for the independent chair. Valpreventie 65+ applied
for the same initiative in the GALA call 2025 and the IZA call 2026: a double application. In the
effectenarena of Beeldzorg the housing corporation invests without any return (a warning).
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.utils import timezone

from netwerkregie.funding import services

if TYPE_CHECKING:
    from .generator import Demo

D = datetime.date.fromisoformat

# name, kind, scope, budget, start, end, financier keys
STREAMS = [
    ("IZA-transformatiemiddelen 2025–2026", "iza", "coalitions", "1200000", "2025-01-01", "2026-12-31", ["zorgzaam"]),
    ("GALA-middelen 2024–2026", "gala", "coalitions", "450000", "2024-01-01", "2026-12-31", ["gem-aldermeer"]),
    ("WOZO-middelen netwerkinfrastructuur", "wozo", "infrastructure", "300000", "2025-01-01", "2026-12-31",
     ["gem-aldermeer", "zorgzaam"]),
]

# stream, name, agreed on, agreed by, opens, closes, whole-chain check, criteria (name, weight, description)
CALLS = [
    ("GALA-middelen 2024–2026", "GALA-oproep 2025", "2024-11-12", "Bestuurlijke regiegroep, besluit BRG-2024-09",
     "2025-01-15", "2025-03-15", False,
     [("Bijdrage aan gezondheid in de aandachtswijken", "3", ""), ("Bereik van inwoners", "2", ""),
      ("Samenwerking zorg en welzijn", "1", "")]),
    ("IZA-transformatiemiddelen 2025–2026", "IZA-oproep 2026", "2025-11-20",
     "Breed netwerkoverleg, besluit BNO-2025-07", "2026-01-15", "2026-03-31", True,
     [("Bijdrage aan het regioplan", "3", "Werkt aantoonbaar aan een doel van het regioplan, met indicator."),
      ("Domeinoverstijgend", "2", "Zorg, welzijn en gemeente werken samen, van cure tot community."),
      ("Duurzame financiering", "2", "Na de projectperiode structureel belegd."),
      ("Inbreng van inwoners", "1", "Inwoners of cliëntenraden dachten mee.")]),
]

# call, coalition, initiative, title, amount, submitted on, partners (key, own contribution), goals
APPLICATIONS = [
    ("GALA-oproep 2025", "Valpreventie 65+", "Beweegprogramma In Balans", "In Balans in Dijkstede en Calverhoek",
     "60000", "2025-02-20", [("welzijn-dijkstede", "5000"), ("buurtkracht", "5000")], []),
    ("IZA-oproep 2026", "Valpreventie 65+", "Beweegprogramma In Balans", "Opschaling beweegprogramma In Balans",
     "180000", "2026-02-10", [("avondrood", "30000"), ("welzijn-aldermeer", "10000"), ("hac-linde", "15000")],
     ["Minder valincidenten bij ouderen"]),
    ("IZA-oproep 2026", "Digitale zorg thuis", "Beeldzorg in de wijkverpleging",
     "Thuismonitoring en beeldzorg regiobreed", "240000", "2026-02-24",
     [("zh-rivierenland", "60000"), ("dijkzicht", "20000")], []),
    ("IZA-oproep 2026", "Wijkgerichte GGZ", "Herstelinloop Bruggeveen", "Herstelinloop in alle vier gemeenten",
     "120000", "2026-03-02", [("ggz-veenland", "15000"), ("welzijn-bruggeveen", "5000"), ("gem-bruggeveen", "20000")],
     []),
    ("IZA-oproep 2026", "Zorgcoördinatie acute ouderenzorg", "Coördinatiepunt 7x24 uur", "Coördinatiepunt 7x24 uur",
     "200000", "2026-03-20", [("zh-aldermeer", "40000"), ("avondrood", "25000"), ("hz-bc", "10000")], []),
]

# call: assessor person keys (the first is linked to the demo user)
ASSESSORS = {"GALA-oproep 2025": ["kenniscentrum", "advies-dijkstede", "advies-zorgzaam"],
             "IZA-oproep 2026": ["kenniscentrum", "advies-zorgzaam", "advies-rivierenland"]}
REASONS = {2: "Onvoldoende onderbouwd in de aanvraag.", 3: "Redelijk; de aanvraag laat kansen liggen.",
           4: "Goed onderbouwd met een concreet plan.", 5: "Sterk: overtuigend en meetbaar."}

# application title, amount, decided on, reasoning, responses (financier, response, amount, reason, date)
ALLOCATIONS = [
    ("In Balans in Dijkstede en Calverhoek", "50000", "2025-04-08",
     "Hoogste score; bijdrage aan de aandachtswijken. Toegekend minus de gevraagde overhead.",
     [("gem-aldermeer", "adopted", "50000", "", "2025-05-01")]),
    ("Opschaling beweegprogramma In Balans", "160000", "2026-04-14",
     "Hoogste gewogen score; aandachtspunt is de dubbele aanvraag met GALA 2025: alleen de uitbreiding naar "
     "Aldermeer en Bruggeveen wordt bekostigd.",
     [("zorgzaam", "adopted", "160000", "", "2026-05-12")]),
    ("Coördinatiepunt 7x24 uur", "150000", "2026-04-14",
     "Tweede in de rangorde; domeinoverstijgend en nodig voor de acute ouderenzorg.",
     [("zorgzaam", "deviated", "100000", "Zorgzaam financiert de nachtdienst uit de reguliere zorginkoop; alleen de "
       "avond- en weekenduitbreiding uit IZA-middelen.", "2026-05-12")]),
]

# coalition, initiative, quality of life classic and integrated, entries (stakeholder, organisation key or None,
# approach, investment, returns, note)
ARENAS = [
    ("Valpreventie 65+", "Beweegprogramma In Balans", "6.2", "7.1", [
        ("insurer", "zorgzaam", "classic", "0", "0", ""),
        ("insurer", "zorgzaam", "integrated", "90000", "310000", "Minder SEH-bezoeken en heupfracturen."),
        ("municipality", "gem-aldermeer", "classic", "0", "0", ""),
        ("municipality", "gem-aldermeer", "integrated", "40000", "65000", "Minder Wmo-hulp na een val."),
        ("providers", "avondrood", "integrated", "30000", "20000", "Minder revalidatie, wel inzet fysiotherapie."),
        ("residents", None, "integrated", "0", "0", "Eigen bijdrage nihil; winst in kwaliteit van leven."),
    ]),
    ("Digitale zorg thuis", "Beeldzorg in de wijkverpleging", "6.8", "7.3", [
        ("insurer", "zorgzaam", "integrated", "60000", "140000", "Minder nachtelijke huisbezoeken."),
        ("providers", "dijkzicht", "integrated", "45000", "80000", "Minder reistijd; personeel vrij voor zorg."),
        ("housing", "wonen-dijkstede", "integrated", "25000", "0", "Glasvezel en sensoren in de woningen."),
        ("municipality", "gem-dijkstede", "classic", "0", "0", ""),
    ]),
]


def add_funding(demo: Demo) -> None:
    """Streams, calls with criteria, applications, independent scores, allocations, responses and arenas."""
    rng = demo.rng("funding")
    network, organisations = demo.network, demo.organisations
    streams = {name: services.stream_create(network=network, name=name, kind=kind, scope=scope, budget=Decimal(budget),
                                            start_date=D(start), end_date=D(end),
                                            financiers=[organisations[key] for key in financiers])
               for name, kind, scope, budget, start, end, financiers in STREAMS}
    calls = {}
    for stream, name, agreed_on, agreed_by, opens, closes, whole_chain, criteria in CALLS:
        call = services.call_create(stream=streams[stream], name=name, criteria_agreed_on=D(agreed_on),
                                    agreed_by=agreed_by, opens_on=D(opens), closes_on=D(closes),
                                    check_whole_chain=whole_chain)
        for criterion, weight, description in criteria:
            services.criterion_add(call=call, name=criterion, weight=Decimal(weight), description=description)
        calls[name] = services.call_open(call=call)
    applications = {}
    for call, coalition, initiative, title, amount, submitted, partners, goals in APPLICATIONS:
        applications[title] = services.application_create(
            call=calls[call], coalition=demo.coalitions[coalition], title=title, requested_amount=Decimal(amount),
            initiative=demo.coalitions[coalition].initiatives.get(name=initiative), submitted_on=D(submitted),
            partners=[(organisations[key], Decimal(own)) for key, own in partners],
            goals=[demo.goals[goal] for goal in goals])
    demo_user = get_user_model().objects.get(username="demo")
    for call_name, people in ASSESSORS.items():
        call = calls[call_name]
        for index, key in enumerate(people):
            assessor = services.assessor_add(call=call, person=demo.person(key), user=demo_user if index == 0 else None)
            for application in call.applications.prefetch_related("partners", "conflicts"):
                if services.is_excluded(assessor, application):
                    continue
                for criterion in call.criteria.all():
                    score = rng.choice([2, 3, 3, 4, 4, 4, 5])
                    services.score_set(assessor=assessor, application=application, criterion=criterion, score=score,
                                       reason=REASONS[score])
            services.assessment_submit(assessor=assessor, at=timezone.make_aware(
                datetime.datetime.combine(call.closes_on, datetime.time(17, index))))
        services.call_close(call=call, on=call.closes_on)
    for title, amount, decided_on, reasoning, responses in ALLOCATIONS:
        allocation = services.allocation_decide(application=applications[title], amount=Decimal(amount),
                                                decided_on=D(decided_on), reasoning=reasoning,
                                                decided_by="Breed netwerkoverleg op advies van de beleidsadviesgroep")
        for financier, response, granted, reason, date in responses:
            services.financier_response_record(allocation=allocation, financier=organisations[financier],
                                               response=response, amount=Decimal(granted), reason=reason,
                                               responded_on=D(date))
    for coalition, initiative, classic, integrated, entries in ARENAS:
        arena = services.arena_set(initiative=demo.coalitions[coalition].initiatives.get(name=initiative),
                                   quality_of_life_classic=Decimal(classic),
                                   quality_of_life_integrated=Decimal(integrated))
        for stakeholder, organisation, approach, investment, returns, note in entries:
            services.arena_entry_set(arena=arena, stakeholder=stakeholder, approach=approach,
                                     organisation=organisations[organisation] if organisation else None,
                                     investment=Decimal(investment), returns=Decimal(returns), note=note)
