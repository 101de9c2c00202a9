"""Demo step: the data team's indicators, goals, reports and legitimation for Regio Voorbeeld.

Five years (2021–2025) of yearly values for the four municipalities and the region. The demo
municipalities are fictional, so their CBS-style codes lie in the unused range GM9001–GM9004;
the region has its own code RG-VOORBEELD. Deliberate findings: Valpreventie 65+ and Samen sterk
in de wijk both aim at loneliness (attribution note), the theme goal on healthy ageing lacks a
target date (SMART check), and the spring 2026 effect report is overdue.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from netwerkregie.monitoring import services
from netwerkregie.monitoring.services import ValueRow

if TYPE_CHECKING:
    from .generator import Demo

AREAS = {"GM9001": "Aldermeer", "GM9002": "Bruggeveen", "GM9003": "Calverhoek", "GM9004": "Dijkstede"}
REGION = ("RG-VOORBEELD", "Regio Voorbeeld")
YEARS = range(2021, 2026)

# name, unit, source, direction, definition, 2021 value per municipality, change per year
INDICATORS = [
    ("Valincidenten 65-plussers", "SEH-bezoeken per 1.000", "vektis", "lower",
     "Bezoeken aan de spoedeisende hulp na een val door inwoners van 65 jaar en ouder, per 1.000 inwoners van die "
     "leeftijd (Vektis, declaraties Zvw).", [31.0, 34.5, 29.8, 33.2], -0.7),
    ("Eenzaamheid 75-plussers", "%", "ggd", "lower",
     "Aandeel 75-plussers dat zich (zeer) ernstig eenzaam voelt (GGD Gezondheidsmonitor Volwassenen en Ouderen).",
     [11.8, 14.2, 12.5, 13.1], -0.3),
    ("Ervaren gezondheid goed of zeer goed", "%", "ggd", "higher",
     "Aandeel volwassenen dat de eigen gezondheid als goed of zeer goed ervaart (GGD Gezondheidsmonitor).",
     [76.0, 73.5, 71.2, 74.4], 0.2),
    ("Mantelzorgers zwaar belast", "%", "ggd", "lower",
     "Aandeel mantelzorgers dat zich zwaar of overbelast voelt (GGD Gezondheidsmonitor).", [9.1, 10.4, 8.7, 9.9], -0.1),
    ("Kinderen met overgewicht", "%", "rivm", "lower",
     "Aandeel kinderen van 4–12 jaar met overgewicht inclusief obesitas (JGZ-registratie, RIVM).",
     [12.9, 11.4, 15.6, 16.2], -0.2),
]

# name, indicator, theme key or None, coalition name or None, area code, baseline period, target, target date, text
GOALS = [
    ("Minder valincidenten bij ouderen", "Valincidenten 65-plussers", None, "Valpreventie 65+", REGION[0], "2022JJ00",
     "27.0", "2027-12-31", "Minder 65-plussers op de SEH na een val, doordat zij in beweeggroepen en met een veilige "
     "woning hun valrisico verlagen."),
    ("Minder eenzame ouderen (valpreventie)", "Eenzaamheid 75-plussers", None, "Valpreventie 65+", REGION[0],
     "2022JJ00", "11.0", "2027-12-31", "Beweeggroepen in buurthuizen brengen ouderen samen."),
    ("Minder eenzame ouderen in de wijk", "Eenzaamheid 75-plussers", None, "Samen sterk in de wijk", "GM9002",
     "2022JJ00", "12.0", "2027-12-31", "Dorpsteams in Bruggeveen zien eenzaamheid eerder en verbinden met buren."),
    ("Gezond ouder worden", "Ervaren gezondheid goed of zeer goed", "ouderen", None, REGION[0], "2022JJ00", "76.0",
     None, "Meer inwoners ervaren hun gezondheid als goed."),
    ("Gezond gewicht voor kinderen in Dijkstede", "Kinderen met overgewicht", None, "Eerste 1000 dagen", "GM9004",
     "2022JJ00", "14.0", "2028-12-31", "Minder overgewicht bij kinderen in de aandachtswijken van Dijkstede (GALA)."),
    ("Mantelzorgers houden het vol", "Mantelzorgers zwaar belast", None, "Mantelzorg-ondersteuning", REGION[0],
     "2022JJ00", "8.0", "2027-12-31", "Minder mantelzorgers voelen zich zwaar belast dankzij respijtzorg."),
]

# coalition, kind, title, date, text
EVIDENCE = [
    ("Valpreventie 65+", "story", "Mevrouw De Wit loopt weer naar de markt", "2025-04-10",
     "Na twee valpartijen durfde mevrouw De Wit (82) de deur niet meer uit. Via de praktijkondersteuner kwam ze bij "
     "In Balans in het buurthuis. Na twaalf weken loopt ze weer zelf naar de markt – en drinkt ze na afloop koffie met "
     "de groep."),
    ("Valpreventie 65+", "lesson", "Fysiotherapeut en vrijwilliger samen werkt", "2025-06-02",
     "Groepen met een vaste vrijwilliger naast de fysiotherapeut hebben de helft minder uitval. Vrijwilligers worden "
     "voortaan vanaf de start betrokken."),
    ("Samen sterk in de wijk", "lesson", "Dorpsteams hebben een vaste plek nodig", "2025-09-15",
     "In dorpen zonder vaste inloopplek bereikten de teams nauwelijks nieuwe inwoners. De teams houden nu spreekuur in "
     "de dorpshuizen."),
]

# title, due date, published on, public
REPORTS = [
    ("Effectrapportage voorjaar 2025", "2025-05-01", "2025-05-15", True),
    ("Effectrapportage najaar 2025", "2025-11-01", "2025-11-20", False),
    ("Effectrapportage voorjaar 2026", "2026-05-01", None, False),
]

# coalition, function, beneficiary, note
VALUE_FUNCTIONS = [
    ("Valpreventie 65+", "doe", "residents", "Beweeggroepen en woningscans voor ouderen."),
    ("Valpreventie 65+", "leer", "professionals", "Fysiotherapeuten en wijkverpleging leren valrisico samen te zien."),
    ("Samen sterk in de wijk", "transformatie", "society", "Van losse loketten naar één wijkteam voor ouderen."),
    ("Digitale zorg thuis", "innovatie", "professionals", "Thuismonitoring en beeldzorg beproeven."),
    ("Eerste 1000 dagen", "doe", "residents", "Voorzorgcirkel voor jonge gezinnen."),
    ("Mantelzorg-ondersteuning", "doe", "residents", "Respijtzorg en steun voor mantelzorgers."),
]

# route, description, date
LEGITIMATION = [
    ("A", "Jaarlijkse netwerkevaluatie met alle partners in het breed netwerkoverleg", "2025-12-10"),
    ("B", "Publiek jaarverslag 2024 op de website van het netwerk", "2025-05-15"),
    ("C", "Verantwoording IZA-middelen aan de raden van bestuur van de aanbieders", "2025-10-01"),
    ("D", "Cliëntenpanel toetst het regioplan 2026", "2025-11-04"),
]


def _values(rng) -> list[tuple[str, str, str, Decimal]]:
    rows = []
    for name, _unit, _source, _direction, _definition, start, trend in INDICATORS:
        for year in YEARS:
            municipal = [base + trend * (year - 2021) + rng.uniform(-0.6, 0.6) for base in start]
            for code, value in zip(AREAS, municipal, strict=True):
                rows.append((name, code, f"{year}JJ00", Decimal(f"{value:.1f}")))
            rows.append((name, REGION[0], f"{year}JJ00", Decimal(f"{sum(municipal) / len(municipal):.1f}")))
    return rows


def add_monitoring(demo: Demo) -> None:
    """Indicators with five years of values, goals, evidence, reports, value functions and legitimation."""
    network = demo.network
    indicators = {name: services.indicator_create(network=network, name=name, unit=unit, source=source,
                                                  direction=direction, definition=definition)
                  for name, unit, source, direction, definition, _start, _trend in INDICATORS}
    services.areas_ensure(network=network, names={**AREAS, REGION[0]: REGION[1]})
    rows = _values(demo.rng("monitoring"))
    services.values_store(network=network, rows=[
        ValueRow(indicator=indicators[name], area_code=code, period=period, value=value,
                 source=str(indicators[name].get_source_display()))
        for name, code, period, value in rows])
    baseline = {(name, code, period): value for name, code, period, value in rows}
    areas = {area.code: area for area in network.areas.all()}
    for name, indicator, theme, coalition, code, period, target, date, text in GOALS:
        demo.goals[name] = services.goal_create(
            network=network, name=name, description=text, indicator=indicators[indicator],
            theme=demo.themes[theme] if theme else None, coalition=demo.coalitions[coalition] if coalition else None,
            area=areas[code], baseline=baseline[(indicator, code, period)], baseline_period=period,
            target=Decimal(target), target_date=datetime.date.fromisoformat(date) if date else None)
    for coalition, kind, title, date, text in EVIDENCE:
        services.evidence_create(network=network, coalition=demo.coalitions[coalition], kind=kind, title=title,
                                 text=text, recorded_on=datetime.date.fromisoformat(date))
    for title, due, published, public in REPORTS:
        services.data_report_create(network=network, title=title, due_date=datetime.date.fromisoformat(due),
                                    published_on=datetime.date.fromisoformat(published) if published else None,
                                    is_public=public)
    for coalition, function, beneficiary, note in VALUE_FUNCTIONS:
        services.coalition_value_add(coalition=demo.coalitions[coalition], function=function,
                                     beneficiary=beneficiary, note=note)
    for route, description, date in LEGITIMATION:
        services.legitimation_evidence_add(network=network, route=route, description=description,
                                           occurred_on=datetime.date.fromisoformat(date))
