"""Demo step: the formal ties of Regio Voorbeeld, entered by hand through the analysis services.

Municipalities fund their welfare organisations and the GGD, the insurer and the care office
contract hospitals, GPs, VVT and GGZ, GPs and GGZ have referral agreements, and the parties signed
regional covenants. One referral agreement ended in 2024, so the history shows too; the
organisations the dashboard flags as taking part in no coalition keep no current relation either.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from netwerkregie.analysis import services
from netwerkregie.analysis.models import RelationKind
from netwerkregie.core.exchange import parse_date

if TYPE_CHECKING:
    from .generator import Demo

F, C, V, R, OTHER = (RelationKind.FUNDING, RelationKind.CONTRACT, RelationKind.COVENANT, RelationKind.REFERRAL,
                 RelationKind.OTHER)

# from, to, kind, description, start, end (organisation keys of generator.ORGANISATIONS)
RELATIONS = [
    ("gem-aldermeer", "welzijn-aldermeer", F,
     "Subsidie sociaal werk, ouderenadvies en buurthuizen.", "2023-01-01", None),
    ("gem-aldermeer", "mantelzorg", F,
     "Regionale subsidie mantelzorgondersteuning namens de vier gemeenten.", "2023-01-01", None),
    ("gem-aldermeer", "de-haven", F,
     "Centrumgemeente: middelen maatschappelijke opvang en beschermd wonen.", "2023-01-01", None),
    ("gem-aldermeer", "werkplein", F, "Bijdrage uitvoering Participatiewet.", "2023-01-01", None),
    ("gem-aldermeer", "ggd", F, "Inwonerbijdrage GGD en maatwerk gezondheidsmonitor.", "2023-01-01", None),
    ("gem-bruggeveen", "welzijn-bruggeveen", F, "Subsidie dorpsondersteuners in elf kernen.", "2023-01-01", None),
    ("gem-bruggeveen", "schuldhulp", F, "Opdracht vroegsignalering en schuldhulpverlening.", "2023-04-01", None),
    ("gem-bruggeveen", "ggd", F, "Inwonerbijdrage GGD.", "2023-01-01", None),
    ("gem-calverhoek", "buurtkracht", F, "Subsidie opbouwwerk en sociaal werk.", "2023-01-01", None),
    ("gem-calverhoek", "vrijwilligers", F, "Subsidie respijtvrijwilligers.", "2023-07-01", None),
    ("gem-calverhoek", "ggd", F, "Inwonerbijdrage GGD.", "2023-01-01", None),
    ("gem-dijkstede", "welzijn-dijkstede", F,
     "Subsidie sociaal werk en jongerenwerk; GALA-middelen voorzorgcirkel.", "2023-01-01", None),
    ("gem-dijkstede", "ggd", F, "Inwonerbijdrage GGD.", "2023-01-01", None),
    ("zorgzaam", "zh-aldermeer", C,
     "Meerjarencontract medisch-specialistische zorg met afspraken over zorg op de juiste plek.", "2023-01-01", None),
    ("zorgzaam", "zh-rivierenland", C, "Meerjarencontract inclusief thuismonitoring.", "2023-01-01", None),
    ("zorgzaam", "hac-linde", C, "Contract huisartsenzorg en huisartsenpost.", "2023-01-01", None),
    ("zorgzaam", "hz-bc", C, "Contract huisartsenzorg, programma ouderenzorg en POH-GGZ.", "2023-01-01", None),
    ("zorgzaam", "avondrood", C, "Contract wijkverpleging en geriatrische revalidatie.", "2023-01-01", None),
    ("zorgzaam", "de-kroon", C, "Contract wijkverpleging.", "2023-01-01", None),
    ("zorgzaam", "dijkzicht", C, "Contract wijkverpleging en zorg op afstand.", "2024-01-01", None),
    ("zorgzaam", "ggz-veenland", C, "Contract specialistische GGZ en FACT.", "2023-01-01", None),
    ("zorgzaam", "mentaal-fit", C, "Contract basis-GGZ.", "2023-01-01", None),
    ("zorgkantoor", "avondrood", C, "Wlz-contract verpleeghuiszorg.", "2023-01-01", None),
    ("zorgkantoor", "het-anker", C, "Wlz-contract verpleeghuiszorg en eerstelijnsverblijf.", "2023-01-01", None),
    ("zorgkantoor", "waterlelie", C, "Wlz-contract gehandicaptenzorg.", "2023-01-01", None),
    ("hac-linde", "ggz-veenland", R,
     "Verwijsafspraak: consultatie en snelle doorverwijzing naar de specialistische GGZ.", "2023-03-01", None),
    ("hac-linde", "mentaal-fit", R, "Verwijsafspraak basis-GGZ met terugrapportage.", "2023-03-01", None),
    ("hz-bc", "ggz-veenland", R, "Verwijsafspraak en consultatie POH-GGZ.", "2023-03-01", None),
    ("ggz-veenland", "hz-bc", R, "Terugverwijzing na behandeling naar de huisarts.", "2023-03-01", None),
    ("zh-aldermeer", "avondrood", R, "Transferafspraak geriatrische revalidatie na ontslag.", "2023-06-01", None),
    ("zh-aldermeer", "het-anker", R, "Transferafspraak eerstelijnsverblijf.", "2023-06-01", None),
    ("politie", "ggz-veenland", OTHER,
     "Afspraak over verward gedrag: meldpunt en gezamenlijke triage.", "2024-01-01", None),
    ("politie", "de-haven", R, "Toeleiding van dak- en thuislozen naar de opvang.", "2024-01-01", None),
    ("schuldhulp", "apotheek", R,
     "Signaleren van betalingsachterstanden bij medicijnen (pilot).", "2023-03-01", "2024-06-30"),
    ("gem-aldermeer", "zorgzaam", V,
     "Regionaal convenant Samen Gezond Regio Voorbeeld (IZA-regioplan).", "2023-03-15", None),
    ("gem-aldermeer", "ggd", V, "Convenant regiobeeld en data-uitwisseling.", "2023-03-15", None),
    ("zorgzaam", "zorgkantoor", V, "Convenant afstemming Zvw en Wlz in de regio.", "2023-06-01", None),
    ("gem-aldermeer", "woonstichting-thuis", V,
     "Convenant wonen, zorg en welzijn: geclusterde ouderenwoningen.", "2024-01-01", None),
    ("gem-bruggeveen", "veenwonen", V,
     "Convenant vroegsignalering eenzaamheid door wijkconsulenten.", "2024-01-01", None),
    ("gem-dijkstede", "wonen-dijkstede", V, "Convenant aanpak aandachtswijken (GALA).", "2024-01-01", None),
]


def add_relations(demo: Demo, rows: list[tuple] = RELATIONS) -> None:
    """Create the relations of `rows` (as in RELATIONS) between organisations the demo has made."""
    for source, target, kind, description, start, end in rows:
        services.relation_create(network=demo.network, source=demo.organisations[source],
                                 target=demo.organisations[target], kind=kind, description=description,
                                 start_date=parse_date(start), end_date=parse_date(end))
