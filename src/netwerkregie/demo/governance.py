"""Demo step: Regio Voorbeeld's governance profile.

The region works today as a lead-organisation network: Gemeente Aldermeer, the central
municipality, is lead and penvoerder and hosts the network office. With some forty partners and
a growing need for its own data and programme capacity, the advice page shows the board why an
NAO fits the data better – the typical step Provan & Kenis describe.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from netwerkregie.governance.models import GovernanceForm
from netwerkregie.governance.services import governance_profile_update

if TYPE_CHECKING:
    from .generator import Demo

NOTES = (
    "Regio Voorbeeld werkt sinds de start in 2023 met Gemeente Aldermeer als leidende organisatie. Als "
    "centrumgemeente is Aldermeer penvoerder van de GALA- en SPUK-middelen, levert zij de netwerkregisseur en is "
    "het netwerkbureau (regieteam) bij de gemeente ondergebracht. De bestuurlijke regiegroep besluit; het breed "
    "netwerkoverleg adviseert.\n\n"
    "Aandachtspunten: zorgaanbieders en de zorgverzekeraar ervaren de gemeente soms als 'eigenaar' van het "
    "netwerk, en de vraag naar eigen data-analyse, programmamanagement en fondsenwerving groeit met de "
    "IZA-transformatieplannen. De bestuurlijke regiegroep verkent in 2026 of een onafhankelijke "
    "netwerkorganisatie (NAO), bijvoorbeeld een stichting met het netwerkbureau als kern, beter past.\n\n"
    "De schattingen hieronder zijn gemaakt op de heidag van de bestuurlijke regiegroep (november 2025). Zodra een "
    "meting met de vragenlijst Voorwaarden voor de governancevorm genoeg respondenten heeft, gaat het advies "
    "uit van die meting."
)


def add_governance_profile(demo: Demo) -> None:
    """Lead organisation with Gemeente Aldermeer as lead and penvoerder; estimates from a board session."""
    governance_profile_update(
        network=demo.network, current_form=GovernanceForm.LEAD_ORGANIZATION,
        lead_organisation=demo.organisations["gem-aldermeer"], goal_consensus=0.6, competency_need=0.75,
        notes=NOTES)
