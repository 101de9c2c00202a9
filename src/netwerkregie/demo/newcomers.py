"""Demo step: two partners that joined after the 2026 survey round, so the structure warnings show.

The food bank is tied in by one referral agreement only (on the periphery); the residents'
initiative has no relation yet (isolated). Neither takes part in a coalition so far – the typical
position of a newcomer a network director wants to see at once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from netwerkregie.analysis.models import RelationKind
from netwerkregie.registry import services

from .relations import add_relations

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
# The one relation of a newcomer, as in relations.RELATIONS.
NEWCOMER_RELATIONS = [
    ("schuldhulp", "voedselbank", RelationKind.REFERRAL,
     "Verwijsafspraak: huishoudens in de schuldhulp krijgen een voedselpakket.", "2026-04-01", None),
]


def add_newcomers(demo: Demo) -> None:
    for key, name, type_key, municipality, domain, notes, (contact, function, mailbox, phone) in NEWCOMERS:
        organisation = demo.add_organisation(key, name, type_key, municipality, domain, notes)
        demo.people[f"head:{key}"] = services.person_create(
            network=demo.network, name=contact, organisation=organisation, function=function,
            email=f"{mailbox}@{domain}", phone=phone)
    add_relations(demo, NEWCOMER_RELATIONS)
