"""The demo region "Regio Voorbeeld": fictional, realistic, deterministic.

Built only through the registry services, so the demo exercises the same rules as users do.
Its deliberate problems make every dashboard warning show.
"""

from __future__ import annotations

import datetime
import random
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction

from netwerkregie.registry import services
from netwerkregie.registry.models import GovernanceUnitKind, Level, Network, OrganisationType, ThemeRoleKind

SLUG = "regio-voorbeeld"
USERS = [("demo", "demo", "admin"), ("viewer", "viewer", "viewer")]
MUNICIPALITIES = ["Aldermeer", "Bruggeveen", "Calverhoek", "Dijkstede"]

# name, type key, municipality index
ORGANISATIONS = [
    ("Gemeente Aldermeer", "municipality", 0), ("Gemeente Bruggeveen", "municipality", 1),
    ("Gemeente Calverhoek", "municipality", 2), ("Gemeente Dijkstede", "municipality", 3),
    ("Zorgverzekeraar Zorgzaam", "health_insurer", 0), ("Zorgkantoor Midden", "care_office", 0),
    ("Streekziekenhuis Aldermeer", "hospital", 0), ("Rivierenland Ziekenhuis", "hospital", 3),
    ("Huisartsencoöperatie De Linde", "gp", 0), ("Huisartsen Bruggeveen-Calverhoek", "gp", 1),
    ("Zorggroep Avondrood", "vvt", 0), ("Thuiszorg De Kroon", "vvt", 1), ("Woonzorg Dijkzicht", "vvt", 3),
    ("Verpleeghuis Het Anker", "vvt", 2), ("GGZ Veenland", "ggz", 1), ("Praktijk Mentaal Fit", "ggz", 0),
    ("Stichting Welzijn Aldermeer", "welfare", 0), ("Welzijn Bruggeveen", "welfare", 1),
    ("Buurtkracht Calverhoek", "welfare", 2), ("Welzijn Dijkstede", "welfare", 3),
    ("Woonstichting Thuis", "housing", 0), ("Woningcorporatie Veenwonen", "housing", 1),
    ("Wonen Dijkstede", "housing", 3), ("GGD Regio Voorbeeld", "ggd", 0),
    ("Stichting Beschermd Wonen De Haven", "shelter", 2), ("Werkplein Regio Voorbeeld", "work_income", 0),
    ("Schuldhulp Samen", "debt_support", 1), ("ROC Veenland", "education", 1),
    ("Basisschool De Regenboog", "education", 2), ("Politie basisteam Veenland", "police", 1),
    ("Ondernemersvereniging Dijkstede", "entrepreneurs", 3), ("Wmo-raad Aldermeer", "client_council", 0),
    ("Cliëntenraad Zorggroep Avondrood", "client_council", 0), ("Participatieraad Bruggeveen", "client_council", 1),
    ("Bewonersgroep Wijk Oost", "resident_group", 2), ("Kenniscentrum Zorg & Welzijn", "knowledge_institute", 0),
    ("Werkgeversvereniging Zorg Midden", "employers_association", 0), ("Stichting Zorg voor Beperkingen", "disability_care", 2),
    ("Mantelzorgsteunpunt Regio", "welfare", 0), ("Apotheek Centrum", "other", 0),
    ("Vrijwilligerscentrale Calverhoek", "welfare", 2), ("Sportbedrijf Dijkstede", "other", 3),
]

FIRST = ["Anne", "Bram", "Carla", "Daan", "Eva", "Fatima", "Gert", "Hanna", "Ingrid", "Joost", "Karin",
         "Lars", "Mira", "Noor", "Omar", "Petra", "Ruud", "Sanne", "Tom", "Yasmin"]
LAST = ["de Vries", "Jansen", "Bakker", "Visser", "Smit", "Meijer", "de Boer", "Mulder", "Bos", "Vos",
        "Peters", "Hendriks", "van Dijk", "Kaya", "El Amrani", "Dekker", "Brouwer", "Willems"]
FUNCTIONS = ["bestuurder", "manager", "beleidsadviseur", "teamleider", "wijkverpleegkundige",
             "programmamanager", "huisarts", "data-analist"]

# name, challenge, description, (board lead?, coordinator?)
THEMES = [
    ("Gezond ouder worden", "elderly", "Kwetsbare ouderen wonen langer veilig thuis, met zorg en welzijn dichtbij.", True, True),
    ("Mentale gezondheid", "mental_health", "Snelle, passende steun bij psychische vragen, zo veel mogelijk in de wijk.", True, True),
    ("Preventie en leefstijl", "prevention", "Gezondheidsachterstanden verkleinen met preventie en een gezonde leefstijl.", True, False),
    ("Passende zorg op de juiste plek", "smarter_care", "Zorg verplaatsen van ziekenhuis naar huis en wijk; slim organiseren.", False, True),
    ("Arbeidsmarkt zorg en welzijn", "labour_market", "Genoeg mensen voor zorg en welzijn, en steun voor mantelzorgers.", True, True),
]

# name, theme index, form, status, sub task, organisation indices
COALITIONS = [
    ("Valpreventie 65+", 0, "programme", "active", "Minder valincidenten bij thuiswonende ouderen.", [6, 8, 10, 16, 23]),
    ("Samen sterk in de wijk", 0, "alliance", "active", "Wijkteams van zorg en welzijn voor ouderen.", [0, 11, 17, 20, 38]),
    ("Wijkgerichte GGZ", 1, "project", "active", "GGZ-expertise in de wijk en bij de huisarts.", [14, 15, 9, 18]),
    ("Domeinoverstijgende triage", 1, "shared_service_centre", "exploring", "Eén loket voor vragen over zorg, welzijn en bestaanszekerheid.", [1, 14, 25, 26, 29]),
    ("Eerste 1000 dagen", 2, "programme", "active", "Een kansrijke start voor ieder kind.", [23, 2, 28, 19]),
    ("Digitale zorg thuis", 3, "project", "active", "Zorg op afstand en thuismonitoring.", [7, 12, 4, 35]),
    ("Mantelzorg-ondersteuning", 4, "alliance", "active", "Mantelzorgers zien, ontlasten en ondersteunen.", [38, 16, 10, 3]),
    ("Arbeidsmarkt zorg & welzijn", 4, "research_group", "active", "Samen opleiden en behouden van personeel.", [36, 27, 13, 21]),
    ("Schulden en gezondheid", 2, "project", "paused", "Vroegsignalering van schulden via de huisarts.", [26]),  # deliberately too small
]

UNITS = [
    (GovernanceUnitKind.FUNDAMENT, "Breed netwerkoverleg", "Alle partijen; komt minstens twee keer per jaar bijeen en besluit bij consent.", Level.STRATEGIC),
    (GovernanceUnitKind.BOARD_DIRECTION_GROUP, "Bestuurlijke regiegroep", "Bestuurders van sleutelpartijen; voert procesregie.", Level.STRATEGIC),
    (GovernanceUnitKind.DIRECTION_TEAM, "Regieteam", "Netwerkregisseur en secretariaat: overzicht en actieplan.", Level.TACTICAL),
    (GovernanceUnitKind.POLICY_ADVISORY_GROUP, "Beleidsadviesgroep", "Inhoudelijke experts adviseren over aanvragen.", Level.TACTICAL),
    (GovernanceUnitKind.DATA_RESEARCH_TEAM, "Data- en onderzoeksteam", "Data-experts van verzekeraar, GGD en aanbieders.", Level.OPERATIONAL),
    (GovernanceUnitKind.OTHER, "Cliëntenpanel", "Inwoners en cliëntenraden denken mee.", Level.OPERATIONAL),
]

IDLE_ORGANISATIONS = {39, 41}  # deliberately in no coalition


def demo_exists() -> bool:
    return Network.objects.filter(slug=SLUG).exists()


@transaction.atomic
def build_demo() -> Network:
    """Create Regio Voorbeeld and its demo users; the same content on every run."""
    rng = random.Random(2024)
    start = datetime.date(2023, 1, 1)
    network = services.network_create(
        name="Regio Voorbeeld", slug=SLUG, municipalities=MUNICIPALITIES, start_date=start,
        region_description="Fictieve regio met vier gemeenten, één zorgkantoorregio en één ROAZ-regio.",
        societal_task="Samen zorgen dat inwoners van Regio Voorbeeld gezond en zelfstandig kunnen leven, "
                      "met passende zorg en ondersteuning dichtbij (IZA, GALA, WOZO).",
    )
    municipalities = {m.name: m for m in network.municipalities.all()}
    types = {t.key: t for t in OrganisationType.objects.all()}
    organisations = []
    for name, type_key, m_index in ORGANISATIONS:
        slug = name.lower().replace(" ", "-").replace("&", "en").replace("ë", "e").replace("ö", "o")
        organisations.append(services.organisation_create(
            network=network, name=name, type=types[type_key],
            municipality=municipalities[MUNICIPALITIES[m_index]],
            website=f"https://{slug}.example.org", notes=""))

    people = []
    for index in range(96):
        organisation = organisations[index % len(organisations)]
        name = f"{FIRST[index % len(FIRST)]} {LAST[(index * 7) % len(LAST)]}"
        local = name.lower().replace(" ", ".")
        people.append(services.person_create(
            network=network, name=name, organisation=organisation,
            function=FUNCTIONS[rng.randrange(len(FUNCTIONS))], email=f"{local}@{index}.example",
            phone=f"06-{rng.randrange(10_000_000, 99_999_999)}"))

    overloaded = people[6]  # bestuurder of the hospital: too many board roles
    themes = []
    for index, (name, challenge, description, has_lead, has_coordinator) in enumerate(THEMES):
        theme = services.theme_create(network=network, name=name, challenge=challenge, description=description)
        themes.append(theme)
        if has_lead:
            lead = overloaded if index < 3 else people[index * 5]
            services.theme_role_add(theme=theme, person=lead, kind=ThemeRoleKind.BOARD_LEAD, start_date=start)
        if has_coordinator:
            services.theme_role_add(theme=theme, person=people[40 + index], kind=ThemeRoleKind.COORDINATOR,
                                    start_date=start)
    # History: a former coordinator whose role ended.
    services.theme_role_add(theme=themes[0], person=people[60], kind=ThemeRoleKind.COORDINATOR,
                            start_date=datetime.date(2021, 3, 1), end_date=datetime.date(2022, 12, 31))

    for name, theme_index, form, status, sub_task, members in COALITIONS:
        coalition = services.coalition_create(network=network, theme=themes[theme_index], name=name, form=form,
                                              status=status, sub_task=sub_task)
        for position, org_index in enumerate(members):
            services.participation_add(
                coalition=coalition, organisation=organisations[org_index], start_date=start,
                contribution_people=Decimal(rng.choice(["0.2", "0.5", "1.0", "1.5"])),
                contribution_money=Decimal(rng.choice([0, 5000, 25000, 60000])) if position < 2 else None,
                contribution_knowledge=rng.choice(["", "data over de doelgroep", "wijkkennis", "projectleiding"]))
        for number in range(2):
            begin = datetime.date(2024, 1 + number * 5, 1)
            services.initiative_create(
                coalition=coalition, name=f"{name}: {['pilot', 'opschaling'][number]}",
                description=f"{['Pilot in één wijk', 'Uitrol naar de hele regio'][number]} ({sub_task.lower()})",
                start_date=begin, end_date=begin + datetime.timedelta(days=365),
                status=["completed", "running"][number])
    assert not IDLE_ORGANISATIONS & {i for c in COALITIONS for i in c[5]}

    for kind, name, description, level in UNITS:
        unit = services.governance_unit_create(network=network, kind=kind, name=name, description=description)
        for offset in range(6 if kind == GovernanceUnitKind.FUNDAMENT else 4):
            services.unit_membership_add(unit=unit, person=people[(offset * 11 + len(name)) % 90 + 1],
                                         level=level, role_title="voorzitter" if offset == 0 else "lid",
                                         start_date=start)
        if kind in (GovernanceUnitKind.FUNDAMENT, GovernanceUnitKind.BOARD_DIRECTION_GROUP):
            services.unit_membership_add(unit=unit, person=overloaded, level=Level.STRATEGIC,
                                         role_title="lid", start_date=start)

    user_model = get_user_model()
    for username, password, role in USERS:
        user = user_model.objects.filter(username=username).first()
        if user is None:
            user = user_model.objects.create_user(username=username, password=password,
                                                  email=f"{username}@example.org")
        services.membership_set(network=network, user=user, role=role)
    if not user_model.objects.filter(username="admin").exists():
        user_model.objects.create_superuser("admin", "admin@example.org", "admin")
    return network
