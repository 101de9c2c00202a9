"""Reference data shipped with every installation (docs/sources.md §1).

Organisation types stay editable in the admin; this list only seeds them.
"""

ORGANISATION_TYPES: list[tuple[str, str, str, str]] = [
    # key, Dutch, English, colour
    ("municipality", "Gemeente", "Municipality", "#1f77b4"),
    ("health_insurer", "Zorgverzekeraar", "Health insurer", "#aec7e8"),
    ("care_office", "Zorgkantoor", "Care office", "#9edae5"),
    ("hospital", "Ziekenhuis", "Hospital", "#d62728"),
    ("gp", "Huisartsen(coöperatie)", "GP practice / cooperative", "#ff9896"),
    ("vvt", "Ouderenzorg (VVT)", "Elderly and nursing care (VVT)", "#ff7f0e"),
    ("ggz", "Geestelijke gezondheidszorg (GGZ)", "Mental health care (GGZ)", "#9467bd"),
    ("disability_care", "Gehandicaptenzorg", "Disability care", "#c5b0d5"),
    ("welfare", "Welzijnsorganisatie", "Welfare organisation", "#2ca02c"),
    ("housing", "Woningcorporatie", "Housing corporation", "#8c564b"),
    ("ggd", "GGD", "Public health service (GGD)", "#17becf"),
    ("shelter", "Maatschappelijke opvang / beschermd wonen", "Shelter / sheltered housing",
     "#c49c94"),
    ("work_income", "Werk en inkomen", "Work and income", "#bcbd22"),
    ("debt_support", "Schuldhulpverlening", "Debt support", "#dbdb8d"),
    ("education", "Onderwijs", "Education / school", "#e377c2"),
    ("police", "Politie", "Police", "#393b79"),
    ("entrepreneurs", "Ondernemers", "Entrepreneurs", "#637939"),
    ("client_council", "Cliëntenraad / Wmo-raad / participatieraad",
     "Client or resident council", "#f7b6d2"),
    ("resident_group", "Bewonersgroep", "Resident group", "#7f7f7f"),
    ("knowledge_institute", "Kennisinstituut", "Knowledge institute", "#8c6d31"),
    ("employers_association", "Werkgeversvereniging", "Employers' association", "#843c39"),
    ("other", "Overig", "Other", "#c7c7c7"),
]


def seed_organisation_types(apps=None) -> None:
    """Create the reference types that are missing; never overwrite edits."""
    if apps is None:
        from netwerkregie.registry.models import OrganisationType
    else:
        OrganisationType = apps.get_model("registry", "OrganisationType")  # noqa: N806
    for order, (key, name_nl, name_en, colour) in enumerate(ORGANISATION_TYPES):
        OrganisationType.objects.get_or_create(
            key=key, defaults={"name_nl": name_nl, "name_en": name_en, "colour": colour,
                               "order": order})
