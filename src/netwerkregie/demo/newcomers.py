"""Demo step: two partners that joined after the 2026 survey round, so the structure warnings show.

The food bank is tied in by one referral agreement only (on the periphery); the residents'
initiative has no relation yet (isolated). Neither takes part in a coalition so far – the typical
position of a newcomer a network director wants to see at once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from netwerkregie.analysis import services as relations
from netwerkregie.analysis.models import RelationKind
from netwerkregie.core.exchange import parse_date
from netwerkregie.registry import services
from netwerkregie.registry.models import OrganisationType

if TYPE_CHECKING:
    from .generator import Demo

# key, name, type, municipality, domain, notes, (contact's name, function, e-mail name, phone)
NEWCOMERS = [
    ("voedselbank", "Voedselbank Bruggeveen", "debt_support", "Bruggeveen", "voedselbank-bruggeveen.example",
     "Sinds april 2026 partner; vrijwilligersorganisatie met twee uitgiftepunten.",
     ("Gerrit Zwiers", "coördinator (vrijwilliger)", "g.zwiers", "06-41870326")),
    ("samen-calverhoek", "Bewonersinitiatief Samen Calverhoek", "resident_group", "Calverhoek",
     "samencalverhoek.example", "Sinds mei 2026 partner; bewoners organiseren burenhulp in de wijk Oosthoek.",
     ("Noor Bakkali", "initiatiefnemer", "n.bakkali", "06-28415579")),
]
# The one relation of a newcomer: from, to, kind, description, start.
NEWCOMER_RELATIONS = [
    ("schuldhulp", "voedselbank", RelationKind.REFERRAL,
     "Verwijsafspraak: huishoudens in de schuldhulp krijgen een voedselpakket.", "2026-04-01"),
]


def add_newcomers(demo: Demo) -> None:
    municipalities = {m.name: m for m in demo.network.municipalities.all()}
    types = {t.key: t for t in OrganisationType.objects.all()}
    for key, name, type_key, municipality, domain, notes, (contact, function, mailbox, phone) in NEWCOMERS:
        organisation = demo.organisations[key] = services.organisation_create(
            network=demo.network, name=name, type=types[type_key], municipality=municipalities[municipality],
            website=f"https://www.{domain}/", notes=notes)
        demo.people[f"head:{key}"] = services.person_create(
            network=demo.network, name=contact, organisation=organisation, function=function,
            email=f"{mailbox}@{domain}", phone=phone)
    for source, target, kind, description, start in NEWCOMER_RELATIONS:
        relations.relation_create(network=demo.network, source=demo.organisations[source],
                                  target=demo.organisations[target], kind=kind, description=description,
                                  start_date=parse_date(start))
