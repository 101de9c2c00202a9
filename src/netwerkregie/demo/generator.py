"""The demo region "Regio Voorbeeld": fictional, realistic, deterministic.

Everything is created through the registry services, so the demo obeys the same rules as users
do. The content is fixed data plus random draws from `random.Random` seeded per step, so every
run gives the same region. Its deliberate problems make every dashboard warning show:

- theme "Passende zorg op de juiste plek" has no board lead (the former lead stepped down);
- theme "Kansrijk opgroeien en gezonde leefstijl" has no coordinator (she left in 2024);
- coalition "Schulden en gezondheid" has one organisation left;
- Ondernemersvereniging Dijkstede, Sportbedrijf Dijkstede and Apotheek Dijkstede Centrum take
  part in no coalition;
- the alderman of Aldermeer holds four board roles (bestuurlijke drukte).

The generator is a list of steps (`STEPS`): later features (survey rounds, relations, funding)
add a step function that reads what the earlier steps put on the `Demo` object.
"""

from __future__ import annotations

import datetime
import random
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction

from netwerkregie.core.exchange import parse_date
from netwerkregie.core.roles import NetworkRole
from netwerkregie.monitoring.models import Goal
from netwerkregie.registry import services
from netwerkregie.registry.models import (
    Coalition,
    GovernanceUnit,
    GovernanceUnitKind,
    Level,
    Municipality,
    Network,
    Organisation,
    OrganisationType,
    Person,
    Theme,
    ThemeRoleKind,
)

from .funding import add_funding
from .governance import add_governance_profile
from .monitoring import add_monitoring
from .newcomers import add_newcomers
from .organising import add_organising
from .relations import add_relations
from .surveys import add_survey_rounds

SLUG = "regio-voorbeeld"
SEED = "regio-voorbeeld-2023"
URL = "http://127.0.0.1:8000/"
# Demo-only credentials: username, password, role in the network (None: Django superuser).
USERS: list[tuple[str, str, str | None]] = [
    ("demo", "demo", NetworkRole.ADMIN),
    ("viewer", "viewer", NetworkRole.VIEWER),
    ("lid", "lid", NetworkRole.MEMBER),  # answers proposals for Zorgverzekeraar Zorgzaam (demo/organising.py)
    ("admin", "admin", None),
]
MUNICIPALITIES = ["Aldermeer", "Bruggeveen", "Calverhoek", "Dijkstede"]
NETWORK_START = datetime.date(2023, 1, 1)

# key, name, type key, municipality, web domain, function of its board member / director, notes
ORGANISATIONS = [
    ("gem-aldermeer", "Gemeente Aldermeer", "municipality", "Aldermeer", "aldermeer.example", "wethouder Zorg, Welzijn en Volksgezondheid", "Centrumgemeente van de regio en penvoerder van de GALA- en SPUK-middelen. Levert de netwerkregisseur."),
    ("gem-bruggeveen", "Gemeente Bruggeveen", "municipality", "Bruggeveen", "bruggeveen.example", "wethouder Sociaal Domein", "Plattelandsgemeente met veel kleine kernen; sterke vergrijzing in de dorpen."),
    ("gem-calverhoek", "Gemeente Calverhoek", "municipality", "Calverhoek", "calverhoek.example", "wethouder Zorg en Jeugd", "Voert de Wmo uit met eigen wijkteams; trekker van de mantelzorgaanpak."),
    ("gem-dijkstede", "Gemeente Dijkstede", "municipality", "Dijkstede", "dijkstede.example", "wethouder Gezondheid en Onderwijs", "Stedelijke gemeente met twee aandachtswijken (GALA-middelen ingezet voor kansengelijkheid)."),
    ("zorgzaam", "Zorgverzekeraar Zorgzaam", "health_insurer", "Aldermeer", "zorgzaam.example", "directeur Regio en Zorginkoop", "Dominante zorgverzekeraar in de regio (marktaandeel ruim 60%). Financier van de IZA-transformatieplannen."),
    ("zorgkantoor", "Zorgkantoor Veenland", "care_office", "Aldermeer", "zorgkantoor-veenland.example", "manager zorgkantoor", "Voert de Wlz uit in de regio; koopt verpleeghuiszorg en eerstelijnsverblijf in."),
    ("zh-aldermeer", "Streekziekenhuis Aldermeer", "hospital", "Aldermeer", "streekziekenhuis-aldermeer.example", "lid raad van bestuur", "Algemeen ziekenhuis met SEH en geriatrie; deelnemer in het ROAZ."),
    ("zh-rivierenland", "Ziekenhuis Rivierenland", "hospital", "Dijkstede", "ziekenhuis-rivierenland.example", "voorzitter raad van bestuur", "Locatie Dijkstede met poli's en dagbehandeling; koploper in thuismonitoring."),
    ("hac-linde", "Huisartsencoöperatie De Linde", "gp", "Aldermeer", "hac-delinde.example", "bestuurder", "28 huisartsenpraktijken in Aldermeer en Dijkstede; organiseert ook de huisartsenpost."),
    ("hz-bc", "Huisartsenzorg Bruggeveen-Calverhoek", "gp", "Bruggeveen", "huisartsenzorg-bc.example", "voorzitter bestuur", "Zorggroep van 17 praktijken; programma's ouderenzorg en POH-GGZ."),
    ("avondrood", "Zorggroep Avondrood", "vvt", "Aldermeer", "avondrood.example", "bestuurder", "Grootste VVT-aanbieder: wijkverpleging, vijf verpleeghuislocaties en geriatrische revalidatie."),
    ("de-kroon", "Thuiszorg De Kroon", "vvt", "Bruggeveen", "thuiszorgdekroon.example", "directeur-bestuurder", "Wijkverpleging en huishoudelijke hulp in Bruggeveen en Calverhoek."),
    ("dijkzicht", "Woonzorg Dijkzicht", "vvt", "Dijkstede", "dijkzicht.example", "bestuurder", "Woonzorgcentra en wijkverpleging in Dijkstede; experimenteert met zorg op afstand."),
    ("het-anker", "Verpleeghuis Het Anker", "vvt", "Calverhoek", "hetanker.example", "locatiedirecteur", "Kleinschalig verpleeghuis met eerstelijnsverblijfbedden."),
    ("ggz-veenland", "GGZ Veenland", "ggz", "Bruggeveen", "ggzveenland.example", "lid raad van bestuur", "Specialistische GGZ en FACT-teams voor de hele regio."),
    ("mentaal-fit", "Praktijk Mentaal Fit", "ggz", "Aldermeer", "mentaalfit.example", "praktijkhouder", "Vrijgevestigde praktijk voor basis-GGZ met acht behandelaars."),
    ("waterlelie", "Stichting De Waterlelie", "disability_care", "Calverhoek", "dewaterlelie.example", "directeur-bestuurder", "Zorg en begeleiding voor mensen met een verstandelijke beperking; dagbesteding in alle vier gemeenten."),
    ("welzijn-aldermeer", "Stichting Welzijn Aldermeer", "welfare", "Aldermeer", "welzijnaldermeer.example", "directeur-bestuurder", "Ouderenadvies, sociaal werk en buurthuizen."),
    ("welzijn-bruggeveen", "Welzijn Bruggeveen", "welfare", "Bruggeveen", "welzijnbruggeveen.example", "directeur", "Dorpsondersteuners in elf kernen."),
    ("buurtkracht", "Buurtkracht Calverhoek", "welfare", "Calverhoek", "buurtkracht.example", "directeur", "Opbouwwerk en sociaal werk; sterk in bewonersinitiatieven."),
    ("welzijn-dijkstede", "Welzijn Dijkstede", "welfare", "Dijkstede", "welzijndijkstede.example", "directeur-bestuurder", "Sociaal werk, jongerenwerk en de voorzorgcirkel voor jonge gezinnen."),
    ("mantelzorg", "Mantelzorgsteunpunt Regio Voorbeeld", "welfare", "Aldermeer", "mantelzorgsteunpunt.example", "coördinator", "Regionaal steunpunt voor mantelzorgers en jonge mantelzorgers."),
    ("vrijwilligers", "Vrijwilligerscentrale Calverhoek", "welfare", "Calverhoek", "vrijwilligerscalverhoek.example", "coördinator", "Bemiddelt vrijwilligers, onder wie respijtvrijwilligers."),
    ("woonstichting-thuis", "Woonstichting Thuis", "housing", "Aldermeer", "woonstichtingthuis.example", "directeur-bestuurder", "Ruim 9.000 huurwoningen; bouwt geclusterde ouderenwoningen."),
    ("veenwonen", "Woningcorporatie Veenwonen", "housing", "Bruggeveen", "veenwonen.example", "directeur-bestuurder", "Woningen in Bruggeveen en Calverhoek; wijkconsulenten signaleren eenzaamheid."),
    ("wonen-dijkstede", "Wonen Dijkstede", "housing", "Dijkstede", "wonendijkstede.example", "directeur-bestuurder", "Corporatie met de meeste woningen in de aandachtswijken."),
    ("ggd", "GGD Regio Voorbeeld", "ggd", "Aldermeer", "ggdregiovoorbeeld.example", "directeur publieke gezondheid", "Jeugdgezondheidszorg, gezondheidsmonitor en epidemiologie; trekker van de regiobeeldanalyse."),
    ("de-haven", "Stichting Beschermd Wonen De Haven", "shelter", "Calverhoek", "dehaven.example", "directeur", "Maatschappelijke opvang en beschermd wonen voor de vier gemeenten."),
    ("werkplein", "Werkplein Regio Voorbeeld", "work_income", "Aldermeer", "werkplein.example", "directeur", "Uitvoering van de Participatiewet voor de vier gemeenten."),
    ("schuldhulp", "Schuldhulp Samen", "debt_support", "Bruggeveen", "schuldhulpsamen.example", "coördinator schuldhulpverlening", "Vroegsignalering van betalingsachterstanden en schuldhulpverlening."),
    ("roc", "ROC Veenland", "education", "Bruggeveen", "rocveenland.example", "lid college van bestuur", "Mbo-opleidingen zorg en welzijn; coördineert de regionale zorgacademie."),
    ("regenboog", "Kindcentrum De Regenboog", "education", "Calverhoek", "kcderegenboog.example", "directeur", "Kindcentrum met kinderopvang en basisonderwijs in Calverhoek-Oost."),
    ("politie", "Politie basisteam Veenland", "police", "Bruggeveen", "politie-veenland.example", "teamchef", "Wijkagenten signaleren verward gedrag en zorgmijding."),
    ("ondernemers", "Ondernemersvereniging Dijkstede", "entrepreneurs", "Dijkstede", "ovdijkstede.example", "voorzitter", "Interesse in vitaliteit van werknemers; nog niet aangehaakt bij een coalitie."),
    ("wmo-raad", "Wmo-raad Aldermeer", "client_council", "Aldermeer", "wmoraad-aldermeer.example", "voorzitter", "Adviesraad sociaal domein; vertegenwoordigt inwoners in het breed netwerkoverleg."),
    ("clientenraad-avondrood", "Cliëntenraad Zorggroep Avondrood", "client_council", "Aldermeer", "clientenraad-avondrood.example", "voorzitter", "Centrale cliëntenraad van Zorggroep Avondrood."),
    ("participatieraad", "Participatieraad Bruggeveen", "client_council", "Bruggeveen", "participatieraad-bruggeveen.example", "voorzitter", "Adviseert de gemeente over Wmo, Jeugdwet en Participatiewet."),
    ("wijk-oost", "Bewonersgroep Calverhoek-Oost", "resident_group", "Calverhoek", "calverhoek-oost.example", "woordvoerder", "Actieve bewoners die een buurtkamer en een maaltijdproject runnen."),
    ("kenniscentrum", "Kenniscentrum Zorg & Welzijn Veenland", "knowledge_institute", "Aldermeer", "kenniscentrum-veenland.example", "lector Netwerkzorg", "Lectoraat van Hogeschool Veenland; onderzoekt effecten van de coalities."),
    ("werkgevers", "Werkgeversvereniging Zorg & Welzijn Midden", "employers_association", "Aldermeer", "wgv-zorgwelzijn.example", "bestuurder", "Regionale werkgeversorganisatie; arbeidsmarktcijfers en opleidingsfonds."),
    ("apotheek", "Apotheek Dijkstede Centrum", "other", "Dijkstede", "apotheekdijkstede.example", "apotheker", "Deed tot medio 2024 mee aan Schulden en gezondheid."),
    ("sportbedrijf", "Sportbedrijf Dijkstede", "other", "Dijkstede", "sportbedrijfdijkstede.example", "directeur", "Beweegaanbod voor ouderen; gesprek over aansluiting bij Valpreventie 65+ staat gepland."),
    ("verloskunde", "Verloskundigenpraktijk Calverhoek", "other", "Calverhoek", "verloskunde-calverhoek.example", "verloskundige", "Partner in het lokale geboortezorgoverleg."),
]

# People with a part to play in the steps below: key, organisation key, function.
KEY_PEOPLE = [
    ("netwerkregisseur", "gem-aldermeer", "netwerkregisseur Regio Voorbeeld"),
    ("secretaris", "gem-aldermeer", "programmasecretaris netwerkbureau"),
    ("ondersteuner", "ggd", "projectondersteuner netwerkbureau"),
    ("coord-ouderen", "avondrood", "programmamanager ouderenzorg"),
    ("coord-ouderen-oud", "welzijn-aldermeer", "ouderenadviseur"),
    ("coord-ggz", "gem-bruggeveen", "beleidsadviseur GGZ en preventie"),
    ("coord-preventie-oud", "ggd", "beleidsadviseur gezondheidsbevordering"),
    ("coord-passend", "zh-aldermeer", "manager transmurale zorg"),
    ("coord-arbeidsmarkt", "roc", "projectleider regionale zorgacademie"),
    ("advies-dijkstede", "gem-dijkstede", "beleidsadviseur sociaal domein"),
    ("advies-zorgzaam", "zorgzaam", "zorginkoper wijkverpleging en GGZ"),
    ("advies-rivierenland", "zh-rivierenland", "manager strategie en netwerkzorg"),
    ("advies-waterlelie", "waterlelie", "gedragsdeskundige"),
    ("data-zorgzaam", "zorgzaam", "data-analist"),
    ("data-ggd", "ggd", "epidemioloog"),
    ("data-rivierenland", "zh-rivierenland", "data-analist"),
    ("data-avondrood", "avondrood", "beleidsmedewerker kwaliteit en informatie"),
    ("data-kenniscentrum", "kenniscentrum", "onderzoeker"),
    ("panel-wmo", "wmo-raad", "lid Wmo-raad"),
    ("panel-ervaring", "ggz-veenland", "ervaringsdeskundige"),
]

# Functions of the other staff, per organisation type, and how many each such organisation has.
STAFF = {
    "municipality": (2, ["beleidsadviseur Wmo", "Wmo-consulent", "beleidsadviseur volksgezondheid", "accounthouder zorg en welzijn"]),
    "health_insurer": (1, ["regiomanager", "zorginkoper"]),
    "care_office": (1, ["zorginkoper Wlz"]),
    "hospital": (2, ["klinisch geriater", "verpleegkundig specialist", "SEH-arts", "afdelingsmanager"]),
    "gp": (2, ["huisarts", "praktijkondersteuner GGZ", "praktijkverpleegkundige ouderenzorg", "programmamanager"]),
    "vvt": (2, ["wijkverpleegkundige", "specialist ouderengeneeskunde", "teamleider wijkverpleging", "HR-adviseur"]),
    "ggz": (2, ["psychiater", "manager ambulante zorg", "sociaal psychiatrisch verpleegkundige"]),
    "disability_care": (1, ["persoonlijk begeleider"]),
    "welfare": (1, ["sociaal werker", "ouderenadviseur", "opbouwwerker", "coördinator vrijwilligers"]),
    "housing": (1, ["wijkconsulent", "beleidsadviseur wonen en zorg"]),
    "ggd": (2, ["jeugdverpleegkundige", "jeugdarts", "beleidsadviseur gezondheidsbevordering"]),
    "shelter": (1, ["trajectbegeleider"]),
    "work_income": (1, ["klantmanager"]),
    "debt_support": (1, ["schuldhulpverlener"]),
    "education": (1, ["docent zorg en welzijn", "intern begeleider"]),
    "police": (1, ["wijkagent"]),
    "client_council": (1, ["secretaris"]),
    "knowledge_institute": (1, ["docent-onderzoeker"]),
}

FIRST_NAMES = [
    "Anne", "Bram", "Carla", "Daan", "Eva", "Fatima", "Gert", "Hanna", "Ingrid", "Joost", "Karin", "Lars",
    "Mira", "Noor", "Omar", "Petra", "Ruud", "Sanne", "Tom", "Yasmin", "Willem", "Marieke", "Sem", "Lotte",
    "Jeroen", "Esther", "Mehmet", "Linda", "Koen", "Astrid", "Hüseyin", "Femke", "Bas", "Nadia", "Pieter",
    "Ilse", "Rik", "Saskia", "Jan", "Mariska", "Dirk", "Aylin", "Wouter", "Janneke", "Hans", "Rachida",
]
LAST_NAMES = [
    "de Vries", "Jansen", "Bakker", "Visser", "Smit", "Meijer", "de Boer", "Mulder", "Bos", "Vos", "Peters",
    "Hendriks", "van Dijk", "Kaya", "El Amrani", "Dekker", "Brouwer", "Willems", "van der Veen", "Kok",
    "Postma", "Hoekstra", "van den Berg", "Yılmaz", "Schouten", "Kuipers", "Wijnands", "Veenstra", "Timmer",
    "Ramdin", "Groen", "de Haan", "Koster", "Prins", "Boersma",
]

# key, name, regiobeeld challenge, description
THEMES = [
    ("ouderen", "Gezond ouder worden", "elderly", "Kwetsbare ouderen wonen langer veilig en prettig thuis, met zorg en welzijn dichtbij. Het aantal 75-plussers in de regio groeit tot 2030 met ruim 40%; in de dorpen van Bruggeveen nog sneller."),
    ("ggz", "Mentale gezondheid", "mental_health", "Inwoners met psychische vragen krijgen snel passende steun, zo veel mogelijk in hun eigen wijk en zonder wachtlijst voor de lichte vragen. Zorg, welzijn en bestaanszekerheid werken daarbij samen."),
    ("preventie", "Kansrijk opgroeien en gezonde leefstijl", "prevention", "Gezondheidsachterstanden in de aandachtswijken van Dijkstede en Calverhoek verkleinen: een kansrijke start voor ieder kind en een gezonde leefstijl voor alle leeftijden (GALA)."),
    ("passend", "Passende zorg op de juiste plek", "smarter_care", "Zorg verplaatsen van het ziekenhuis naar huis en wijk waar dat kan: digitale zorg, thuismonitoring en een sluitende acute ouderenzorg (IZA)."),
    ("arbeidsmarkt", "Arbeidsmarkt en informele zorg", "labour_market", "Genoeg mensen voor zorg en welzijn: samen opleiden, behouden en slimmer werken. Mantelzorgers en vrijwilligers krijgen steun, zodat zij het langer volhouden (WOZO)."),
]

# theme key, person key (or organisation key for its board member), kind, start, end
THEME_ROLES = [
    ("ouderen", "gem-aldermeer", ThemeRoleKind.BOARD_LEAD, "2023-01-01", None),
    ("ouderen", "coord-ouderen-oud", ThemeRoleKind.COORDINATOR, "2023-01-01", "2023-12-31"),
    ("ouderen", "coord-ouderen", ThemeRoleKind.COORDINATOR, "2024-01-01", None),
    ("ggz", "ggz-veenland", ThemeRoleKind.BOARD_LEAD, "2023-01-01", None),
    ("ggz", "coord-ggz", ThemeRoleKind.COORDINATOR, "2023-03-01", None),
    ("preventie", "gem-aldermeer", ThemeRoleKind.BOARD_LEAD, "2023-06-01", None),
    ("preventie", "ggd", ThemeRoleKind.BOARD_LEAD, "2023-01-01", None),
    ("preventie", "coord-preventie-oud", ThemeRoleKind.COORDINATOR, "2023-01-01", "2024-06-30"),  # not replaced yet
    ("passend", "zh-aldermeer", ThemeRoleKind.BOARD_LEAD, "2023-01-01", "2024-12-31"),  # stepped down, no successor
    ("passend", "coord-passend", ThemeRoleKind.COORDINATOR, "2023-01-01", None),
    ("arbeidsmarkt", "werkgevers", ThemeRoleKind.BOARD_LEAD, "2023-01-01", None),
    ("arbeidsmarkt", "gem-dijkstede", ThemeRoleKind.BOARD_LEAD, "2024-03-01", None),
    ("arbeidsmarkt", "coord-arbeidsmarkt", ThemeRoleKind.COORDINATOR, "2023-01-01", None),
]

# name, theme key, form, status, decision principle, start, sub-task, organisation keys,
# initiatives: (name, description, start, end, status)
COALITIONS = [
    ("Valpreventie 65+", "ouderen", "programme", "active", "consensus", "2023-04-01",
     "Het aantal valincidenten bij thuiswonende 65-plussers in 2026 met 15% verminderen: valrisico vroeg signaleren, passend beweegaanbod en veilige woningen.",
     ["ggd", "hac-linde", "avondrood", "welzijn-aldermeer", "zh-aldermeer", "woonstichting-thuis", "zorgzaam", "gem-aldermeer"],
     [("Valrisicoscreening in de huisartsenpraktijk", "Praktijkverpleegkundigen screenen 75-plussers met de valrisicotest en verwijzen naar het beweegaanbod.", "2023-09-01", "2024-08-31", "completed"),
      ("Beweegprogramma In Balans", "Wekelijkse beweeggroepen in buurthuizen in alle vier gemeenten, begeleid door fysiotherapeuten en vrijwilligers.", "2024-03-01", "2027-12-31", "running"),
      ("Woningscan valrisico", "Wijkconsulenten van Woonstichting Thuis bieden bij huisbezoek een woningscan aan; kleine aanpassingen binnen twee weken.", "2027-01-01", "2027-12-31", "planned")]),
    ("Samen sterk in de wijk", "ouderen", "alliance", "active", "consent", "2023-06-01",
     "In elke wijk één vast team van wijkverpleging, sociaal werk en Wmo-consulent rond kwetsbare ouderen, met één aanspreekpunt voor de oudere en de mantelzorger.",
     ["gem-calverhoek", "de-kroon", "buurtkracht", "het-anker", "veenwonen", "wijk-oost", "clientenraad-avondrood"],
     [("Proeftuin Calverhoek-Oost", "Eerste wijkteam ouderen met gezamenlijke casuïstiekbespreking en één ondersteuningsplan.", "2023-09-01", "2024-12-31", "completed"),
      ("Uitrol wijkteams ouderen naar Bruggeveen", "Drie dorpsteams naar het model van Calverhoek-Oost.", "2025-02-01", "2027-06-30", "running")]),
    ("Wijkgerichte GGZ", "ggz", "project", "active", "consensus", "2023-05-01",
     "GGZ-expertise laagdrempelig in de wijk en bij de huisarts: consultatie voor huisartsen en sociaal werkers, inloop zonder verwijzing en snellere doorstroom.",
     ["ggz-veenland", "mentaal-fit", "hz-bc", "welzijn-bruggeveen", "gem-bruggeveen", "de-haven"],
     [("Consultatielijn GGZ voor huisartsen", "Huisartsen en POH's kunnen binnen een werkdag een psychiater of GZ-psycholoog raadplegen.", "2023-10-01", "2024-09-30", "completed"),
      ("Herstelinloop Bruggeveen", "Wekelijkse inloop met ervaringsdeskundigen en een sociaal werker, zonder verwijzing.", "2024-04-01", "2027-12-31", "running")]),
    ("Domeinoverstijgende triage", "ggz", "shared_service_centre", "exploring", "consent", "2025-01-01",
     "Eén gezamenlijke triage voor vragen die zorg, welzijn en bestaanszekerheid raken, zodat inwoners niet van loket naar loket gaan.",
     ["gem-bruggeveen", "ggz-veenland", "werkplein", "schuldhulp", "politie", "welzijn-dijkstede", "participatieraad"],
     [("Verkenning gezamenlijk triagepunt", "Klantreizen van twintig inwoners in kaart; ontwerp van een gezamenlijk triagepunt en de juridische basis voor gegevensdeling.", "2025-01-01", "2027-03-31", "running")]),
    ("Eerste 1000 dagen", "preventie", "programme", "active", "consensus", "2023-03-01",
     "Elk kind een kansrijke start: van kinderwens tot tweede verjaardag, met extra steun voor gezinnen in kwetsbare situaties.",
     ["ggd", "verloskunde", "gem-dijkstede", "welzijn-dijkstede", "regenboog", "zh-rivierenland", "wonen-dijkstede"],
     [("Voorzorgcirkel Dijkstede", "Verloskundigen, JGZ en sociaal werk bespreken zwangeren met een stapeling van zorgen en maken één plan.", "2023-06-01", "2025-05-31", "completed"),
      ("Kansrijke Start Calverhoek", "Uitbreiding van de voorzorgcirkel naar Calverhoek, samen met het kindcentrum.", "2025-06-01", "2027-12-31", "running")]),
    ("Schulden en gezondheid", "preventie", "project", "paused", "consensus", "2023-09-01",
     "Vroegsignalering van geldzorgen via huisarts en apotheek, met een warme overdracht naar schuldhulp.",
     ["schuldhulp"],
     [("Signaleringskaart geldzorgen", "Een signaleringskaart voor huisartsen en apothekers; gepauzeerd sinds het vertrek van de apotheek.", "2023-09-01", "2024-06-30", "stopped")]),
    ("Digitale zorg thuis", "passend", "project", "active", "consensus", "2024-01-01",
     "Thuismonitoring en beeldzorg, zodat ouderen en chronisch zieken zorg thuis krijgen waar het kan en de wijkverpleging tijd overhoudt.",
     ["zh-rivierenland", "zh-aldermeer", "dijkzicht", "zorgzaam", "kenniscentrum", "hac-linde"],
     [("Thuismonitoring hartfalen", "Patiënten met hartfalen meten thuis gewicht en bloeddruk; het ziekenhuis kijkt op afstand mee.", "2024-02-01", "2025-01-31", "completed"),
      ("Beeldzorg in de wijkverpleging", "Nachtelijke controles via beeldbellen in plaats van huisbezoek bij Woonzorg Dijkzicht.", "2024-09-01", "2027-08-31", "running")]),
    ("Zorgcoördinatie acute ouderenzorg", "passend", "alliance", "active", "consent", "2024-04-01",
     "Eén regionaal coördinatiepunt voor spoedeisende ouderenzorg en eerstelijnsverblijf, zodat geen oudere onnodig op de SEH belandt.",
     ["zh-aldermeer", "hac-linde", "avondrood", "het-anker", "zorgkantoor"],
     [("Regionaal beddenoverzicht ELV", "Dagelijks actueel overzicht van vrije eerstelijnsverblijfbedden voor huisartsen en SEH.", "2024-04-01", "2025-03-31", "completed"),
      ("Coördinatiepunt 7x24 uur", "Het coördinatiepunt uitbreiden naar avond, nacht en weekend.", "2025-04-01", "2027-03-31", "running")]),
    ("Mantelzorg-ondersteuning", "arbeidsmarkt", "alliance", "active", "consensus", "2023-05-01",
     "Mantelzorgers eerder in beeld, respijtzorg dichterbij en werkgevers die mantelzorgvriendelijk zijn.",
     ["mantelzorg", "welzijn-aldermeer", "vrijwilligers", "gem-calverhoek", "waterlelie", "wmo-raad"],
     [("Respijtpool vrijwilligers", "Een regionale pool van getrainde vrijwilligers die mantelzorgers een dagdeel per week ontlasten.", "2023-09-01", "2027-12-31", "running"),
      ("Jonge mantelzorgers op school", "Scholen herkennen jonge mantelzorgers en verwijzen naar het steunpunt.", "2025-09-01", "2027-07-15", "running")]),
    ("Arbeidsmarkt zorg & welzijn", "arbeidsmarkt", "research_group", "active", "consensus", "2023-02-01",
     "Samen opleiden, behouden en slimmer inzetten van medewerkers: regionale leerwerkplaatsen, zij-instroom en minder administratieve last.",
     ["werkgevers", "roc", "kenniscentrum", "avondrood", "ggz-veenland", "dijkzicht"],
     [("Regionale leerwerkplaatsen", "Leerlingen mbo-verpleegkunde en sociaal werk leren in gemengde teams bij drie aanbieders.", "2023-09-01", "2027-07-31", "running"),
      ("Onderzoek behoud zij-instromers", "Het kenniscentrum volgt twee cohorten zij-instromers en rapporteert waarom zij blijven of vertrekken.", "2024-01-01", "2025-12-31", "completed")]),
]

# Participations that ended: history, and the reason the too-small coalition is too small.
ENDED_PARTICIPATIONS = [
    ("Schulden en gezondheid", "apotheek", "2023-09-01", "2024-06-30", "Signalering bij niet-opgehaalde medicatie."),
    ("Schulden en gezondheid", "hz-bc", "2023-09-01", "2024-12-31", "Huisartsen vragen naar geldzorgen bij stressklachten."),
]

# What organisations of a type typically bring in, in their own words.
KNOWLEDGE = {
    "municipality": "Kennis van Wmo, Jeugdwet en de sociale basis; wijkgegevens",
    "health_insurer": "Zorgkostendata en inkoopkennis",
    "care_office": "Kennis van Wlz-inkoop en capaciteit",
    "hospital": "Medisch-specialistische kennis en SEH-gegevens",
    "gp": "Kennis van de huisartsenpopulatie en signalering",
    "vvt": "Wijkverpleegkundige expertise en kennis van kwetsbare ouderen",
    "ggz": "Behandelkennis en ervaringsdeskundigheid",
    "disability_care": "Kennis van mensen met een beperking en hun netwerk",
    "welfare": "Wijkkennis, vrijwilligersnetwerk en sociaal werk",
    "housing": "Kennis van huurders, woningvoorraad en woningaanpassingen",
    "ggd": "Epidemiologie, gezondheidsmonitor en preventieprogramma's",
    "shelter": "Kennis van kwetsbare inwoners en beschermd wonen",
    "work_income": "Kennis van bestaanszekerheid en re-integratie",
    "debt_support": "Kennis van schuldhulp en vroegsignalering",
    "education": "Opleidingskennis en contact met leerlingen en ouders",
    "police": "Signalen uit de wijk over verward gedrag en zorgmijding",
    "client_council": "Ervaringskennis van cliënten en inwoners",
    "resident_group": "Ervaringskennis en netwerk in de buurt",
    "knowledge_institute": "Onderzoek, evaluatie en monitoring",
    "employers_association": "Arbeidsmarktcijfers en opleidingsfonds",
    "other": "Praktijkkennis",
}
FINANCIERS = {"municipality", "health_insurer", "care_office"}

# kind, name, description, members: (person key or organisation key, level, role title, start, end)
GOVERNANCE_UNITS = [
    (GovernanceUnitKind.FUNDAMENT, "Breed netwerkoverleg",
     "Alle partners van het netwerk. Open voor nieuwe partijen; komt minstens twee keer per jaar bijeen en besluit bij consent over de regionale koers, het werkplan en de inzet van de netwerkmiddelen.",
     [("gem-aldermeer", Level.STRATEGIC, "voorzitter", "2023-01-01", None), ("gem-bruggeveen", Level.STRATEGIC, "lid", "2023-01-01", None),
      ("gem-calverhoek", Level.STRATEGIC, "lid", "2023-01-01", None), ("gem-dijkstede", Level.STRATEGIC, "lid", "2023-01-01", None),
      ("zorgzaam", Level.STRATEGIC, "lid", "2023-01-01", None), ("zh-aldermeer", Level.STRATEGIC, "lid", "2023-01-01", None),
      ("hac-linde", Level.STRATEGIC, "lid", "2023-01-01", None), ("avondrood", Level.STRATEGIC, "lid", "2023-01-01", None),
      ("ggz-veenland", Level.STRATEGIC, "lid", "2023-01-01", None), ("ggd", Level.STRATEGIC, "lid", "2023-01-01", None),
      ("welzijn-aldermeer", Level.STRATEGIC, "lid", "2023-01-01", None), ("woonstichting-thuis", Level.STRATEGIC, "lid", "2023-01-01", None),
      ("werkgevers", Level.STRATEGIC, "lid", "2023-06-01", None), ("wmo-raad", Level.STRATEGIC, "lid namens inwoners", "2023-01-01", None),
      ("netwerkregisseur", Level.TACTICAL, "secretaris", "2023-01-01", None)]),
    (GovernanceUnitKind.BOARD_DIRECTION_GROUP, "Bestuurlijke regiegroep",
     "Een kleine groep bestuurders van sleutelpartijen (inwoners, aanbieders, gemeenten en zorgverzekeraar). Voert procesregie, niet de inhoud, en bereidt het breed netwerkoverleg voor.",
     [("gem-aldermeer", Level.STRATEGIC, "voorzitter", "2025-01-01", None), ("gem-bruggeveen", Level.STRATEGIC, "voorzitter", "2023-01-01", "2024-12-31"),
      ("zorgzaam", Level.STRATEGIC, "lid", "2023-01-01", None), ("zh-aldermeer", Level.STRATEGIC, "lid", "2023-01-01", None),
      ("ggz-veenland", Level.STRATEGIC, "lid", "2023-01-01", None), ("wmo-raad", Level.STRATEGIC, "lid namens inwoners", "2023-01-01", None),
      ("netwerkregisseur", Level.TACTICAL, "adviseur", "2023-01-01", None)]),
    (GovernanceUnitKind.DIRECTION_TEAM, "Regieteam",
     "De netwerkregisseur met het netwerkbureau: bereidt de overleggen voor, houdt het overzicht van samenwerkingen, coalities, IZA-transformatieplannen en GALA-aanvragen bij en bewaakt het actieplan.",
     [("netwerkregisseur", Level.TACTICAL, "netwerkregisseur", "2023-01-01", None), ("secretaris", Level.OPERATIONAL, "programmasecretaris", "2023-01-01", None),
      ("ondersteuner", Level.OPERATIONAL, "projectondersteuner", "2024-02-01", None)]),
    (GovernanceUnitKind.POLICY_ADVISORY_GROUP, "Beleidsadviesgroep",
     "Inhoudelijke experts met een onafhankelijke voorzitter. Toetst aanvragen voor transformatiemiddelen aan het regioplan en de afgesproken criteria en adviseert het breed netwerkoverleg.",
     [("kenniscentrum", Level.TACTICAL, "onafhankelijk voorzitter", "2023-03-01", None), ("advies-dijkstede", Level.TACTICAL, "lid", "2023-03-01", None),
      ("advies-zorgzaam", Level.TACTICAL, "lid", "2023-03-01", None), ("advies-rivierenland", Level.TACTICAL, "lid", "2023-03-01", None),
      ("coord-ggz", Level.TACTICAL, "lid", "2023-03-01", None), ("advies-waterlelie", Level.TACTICAL, "lid", "2024-01-01", None)]),
    (GovernanceUnitKind.DATA_RESEARCH_TEAM, "Data- en onderzoeksteam",
     "Data-experts van zorgverzekeraar, GGD en aanbieders. Koppelen gegevens uit meerdere bronnen en rapporteren twee keer per jaar over de effecten van de coalities.",
     [("data-kenniscentrum", Level.TACTICAL, "trekker", "2023-06-01", None), ("data-zorgzaam", Level.OPERATIONAL, "data-analist", "2023-06-01", None),
      ("data-ggd", Level.OPERATIONAL, "epidemioloog", "2023-06-01", None), ("data-rivierenland", Level.OPERATIONAL, "data-analist", "2024-01-01", None),
      ("data-avondrood", Level.OPERATIONAL, "lid", "2023-06-01", "2025-06-30")]),
    (GovernanceUnitKind.OTHER, "Cliëntenpanel",
     "Inwoners en leden van cliënten-, Wmo- en participatieraden denken vooraf mee over plannen en toetsen ze aan de dagelijkse praktijk.",
     [("panel-wmo", Level.OPERATIONAL, "lid", "2023-09-01", None), ("clientenraad-avondrood", Level.OPERATIONAL, "lid", "2023-09-01", None),
      ("participatieraad", Level.OPERATIONAL, "lid", "2023-09-01", None), ("wijk-oost", Level.OPERATIONAL, "lid", "2023-09-01", None),
      ("panel-ervaring", Level.OPERATIONAL, "lid", "2024-01-01", None)]),
]


@dataclass
class Demo:
    """What the steps have built so far, by the keys used in the tables above."""

    network: Network
    organisations: dict[str, Organisation] = field(default_factory=dict)
    people: dict[str, Person] = field(default_factory=dict)
    themes: dict[str, Theme] = field(default_factory=dict)
    coalitions: dict[str, Coalition] = field(default_factory=dict)
    units: dict[str, GovernanceUnit] = field(default_factory=dict)
    goals: dict[str, Goal] = field(default_factory=dict)

    def rng(self, step: str) -> random.Random:
        """A generator per step, so adding a step never changes what the other steps draw."""
        return random.Random(f"{SEED}:{step}")

    def person(self, key: str) -> Person:
        """A key person, or the board member / director of the organisation with that key."""
        return self.people[key] if key in self.people else self.people[f"head:{key}"]

    @cached_property
    def _types(self) -> dict[str, OrganisationType]:
        return {t.key: t for t in OrganisationType.objects.all()}

    @cached_property
    def _municipalities(self) -> dict[str, Municipality]:
        return {m.name: m for m in self.network.municipalities.all()}

    def add_organisation(self, key: str, name: str, type_key: str, municipality: str, domain: str,
                         notes: str) -> Organisation:
        """Create an organisation of the demo's tables under `key`, with its website on `domain`."""
        organisation = self.organisations[key] = services.organisation_create(
            network=self.network, name=name, type=self._types[type_key],
            municipality=self._municipalities[municipality], website=f"https://www.{domain}/", notes=notes)
        return organisation


Step = Callable[[Demo], None]


def _ascii(text: str) -> str:
    """'van den Berg' → 'vandenberg', 'Yılmaz' → 'yilmaz': e-mail addresses in plain ASCII."""
    text = text.replace("ı", "i")
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(c for c in plain.lower() if c.isalnum())


def add_organisations(demo: Demo) -> None:
    for key, name, type_key, municipality, domain, _function, notes in ORGANISATIONS:
        demo.add_organisation(key, name, type_key, municipality, domain, notes)


def add_people(demo: Demo) -> None:
    """Board members, the key people the other steps need, and staff of the larger organisations."""
    rng = demo.rng("people")
    roster = [(f"head:{key}", key, function) for key, _n, _t, _m, _d, function, _notes in ORGANISATIONS]
    roster += KEY_PEOPLE
    for key, _name, type_key, *_rest in ORGANISATIONS:
        count, functions = STAFF.get(type_key, (0, []))
        roster += [(f"staff:{key}:{i}", key, rng.choice(functions)) for i in range(count)]
    names = rng.sample([(f, last) for f in FIRST_NAMES for last in LAST_NAMES], len(roster))
    domains = {row[0]: row[4] for row in ORGANISATIONS}
    for (key, organisation_key, function), (first, last) in zip(roster, names, strict=True):
        demo.people[key] = services.person_create(
            network=demo.network, name=f"{first} {last}", organisation=demo.organisations[organisation_key],
            function=function, email=f"{_ascii(first[0])}.{_ascii(last)}@{domains[organisation_key]}",
            phone=f"06-{rng.randrange(10_000_000, 100_000_000)}")


def add_themes(demo: Demo) -> None:
    for key, name, challenge, description in THEMES:
        demo.themes[key] = services.theme_create(network=demo.network, name=name, challenge=challenge,
                                                 description=description)
    for theme_key, person_key, kind, start, end in THEME_ROLES:
        services.theme_role_add(theme=demo.themes[theme_key], person=demo.person(person_key), kind=kind,
                                start_date=parse_date(start), end_date=parse_date(end))


def add_coalitions(demo: Demo) -> None:
    """Coalitions with what each party brings in: financiers bring money, providers people."""
    rng = demo.rng("coalitions")
    for name, theme_key, form, status, principle, start, sub_task, members, initiatives in COALITIONS:
        coalition = services.coalition_create(
            network=demo.network, theme=demo.themes[theme_key], name=name, form=form, status=status,
            decision_principle=principle, sub_task=sub_task)
        demo.coalitions[name] = coalition
        for organisation_key in members:
            organisation = demo.organisations[organisation_key]
            type_key = organisation.type.key
            financier = type_key in FINANCIERS
            services.participation_add(
                coalition=coalition, organisation=organisation, start_date=parse_date(start),
                contribution_people=Decimal(rng.choice(["0.1", "0.2", "0.4", "0.5", "0.8", "1.0"]))
                if type_key not in {"client_council", "resident_group"} else None,
                contribution_money=Decimal(rng.choice([15_000, 25_000, 40_000, 75_000, 120_000]))
                if financier else None,
                contribution_knowledge=KNOWLEDGE[type_key])
        for initiative, description, begin, end, initiative_status in initiatives:
            services.initiative_create(coalition=coalition, name=initiative, description=description,
                                       start_date=parse_date(begin), end_date=parse_date(end), status=initiative_status)
    for name, organisation_key, start, end, knowledge in ENDED_PARTICIPATIONS:
        services.participation_add(coalition=demo.coalitions[name], organisation=demo.organisations[organisation_key],
                                   start_date=parse_date(start), end_date=parse_date(end), contribution_knowledge=knowledge)


def add_governance_units(demo: Demo) -> None:
    for kind, name, description, members in GOVERNANCE_UNITS:
        unit = services.governance_unit_create(network=demo.network, kind=kind, name=name, description=description)
        demo.units[name] = unit
        for person_key, level, role_title, start, end in members:
            services.unit_membership_add(unit=unit, person=demo.person(person_key), level=level,
                                         role_title=role_title, start_date=parse_date(start), end_date=parse_date(end))


def add_users(demo: Demo) -> None:
    """Demo-only accounts; their passwords are reset on every build so the printed ones hold.

    The superuser (admin/admin) only on a development machine (DEBUG, as `make run` sets it):
    a demo loaded on a server must not open the Django admin to anyone who read the README.
    """
    user_model = get_user_model()
    for username, password, role in USERS:
        if role is None and not settings.DEBUG:
            continue
        user, _created = user_model.objects.get_or_create(
            username=username, defaults={"email": f"{username}@regio-voorbeeld.example"})
        user.set_password(password)
        if role is None:
            user.is_staff = user.is_superuser = True
        user.save()
        if role is not None:
            services.membership_set(network=demo.network, user=user, role=role)


# Later features append their own step here (e.g. survey rounds, relations); order matters.
STEPS: list[Step] = [add_organisations, add_people, add_themes, add_coalitions, add_governance_units, add_users,
                     add_survey_rounds, add_governance_profile, add_relations, add_newcomers, add_organising,
                     add_monitoring, add_funding]


def demo_exists() -> bool:
    return Network.objects.filter(slug=SLUG).exists()


@transaction.atomic
def build_demo(*, steps: Sequence[Step] | None = None) -> Network:
    """Create Regio Voorbeeld and its demo users: the same content on every run."""
    network = services.network_create(
        name="Regio Voorbeeld", slug=SLUG, municipalities=MUNICIPALITIES, start_date=NETWORK_START,
        region_description="Fictieve regio met vier gemeenten (Aldermeer, Bruggeveen, Calverhoek en Dijkstede), "
                           "ruim 180.000 inwoners, één zorgkantoorregio en één ROAZ-regio. Stedelijk rond Aldermeer "
                           "en Dijkstede, landelijk met veel kleine kernen in Bruggeveen.",
        societal_task="Samen zorgen dat inwoners van Regio Voorbeeld gezond en zelfstandig kunnen leven, met passende "
                      "zorg en ondersteuning dichtbij – ook nu de vraag groeit en er minder handen zijn (IZA, GALA, WOZO).",
    )
    demo = Demo(network=network)
    for step in STEPS if steps is None else steps:
        step(demo)
    return network


def reset_demo() -> Network:
    """Delete Regio Voorbeeld with everything in it, then build it again."""
    with transaction.atomic():
        Network.objects.filter(slug=SLUG).delete()
        return build_demo()
