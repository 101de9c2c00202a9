"""Registry selectors: lists and filters, the contribution matrix, every warning, search, access."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404
from django.utils import timezone

from netwerkregie.core import access
from netwerkregie.core.roles import NetworkRole
from netwerkregie.registry import selectors, services
from netwerkregie.registry.filters import OrganisationFilter
from netwerkregie.registry.models import GovernanceUnitKind, Level, StoredResult, ThemeRoleKind
from netwerkregie.registry.warnings import REGISTRY, network_warnings

pytestmark = pytest.mark.django_db

D = datetime.date
PAST = {"start_date": D(2019, 1, 1), "end_date": D(2020, 1, 1)}
FUTURE = {"start_date": D(2999, 1, 1)}


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def warnings(network, code: str | None = None) -> list[str]:
    """The warning codes (or, for one code, the messages) of the network."""
    found = network_warnings(network=network)
    if code is None:
        return sorted(w.code for w in found)
    return [w.message for w in found if w.code == code]


@pytest.fixture
def region(network, org_type):
    """Two municipalities, four organisations of three types, two themes, three coalitions."""
    noord, zuid = network.municipalities.order_by("name")
    orgs = {
        "ziekenhuis": services.organisation_create(network=network, name="Ziekenhuis Zuid", type=org_type(),
                                                   municipality=zuid),
        "huisartsen": services.organisation_create(network=network, name="Huisartsen Noord",
                                                   type=org_type("gp"), municipality=noord),
        "welzijn": services.organisation_create(network=network, name="Welzijn Noord",
                                                type=org_type("welfare"), municipality=noord),
        "ggd": services.organisation_create(network=network, name="GGD", type=org_type("ggd")),
    }
    ouderen = services.theme_create(network=network, name="Ouderen", challenge="elderly")
    jeugd = services.theme_create(network=network, name="Jeugd", challenge="youth")
    coalitions = {
        "val": services.coalition_create(network=network, theme=ouderen, name="Valpreventie",
                                         organisations=[orgs["ziekenhuis"], orgs["huisartsen"]]),
        "dementie": services.coalition_create(network=network, theme=ouderen, name="Dementienetwerk",
                                              organisations=[orgs["huisartsen"], orgs["welzijn"]]),
        "school": services.coalition_create(network=network, theme=jeugd, name="Gezonde school",
                                            status="exploring", organisations=[orgs["welzijn"], orgs["ggd"]]),
    }
    return {"orgs": orgs, "themes": {"ouderen": ouderen, "jeugd": jeugd}, "coalitions": coalitions}


# Access -----------------------------------------------------------------------------------


def test_networks_of_a_user_and_membership(user, network, make_network, make_user, org_type):
    other = make_network("andere-regio", user=make_user("ander"))
    services.organisation_create(network=network, name="A", type=org_type())
    services.organisation_create(network=network, name="B", type=org_type())
    networks = list(selectors.network_list_for_user(user=user))
    assert networks == [network] and networks[0].organisation_count == 2
    assert list(selectors.network_list_for_user(user=AnonymousUser())) == []
    assert access.membership_get(user=user, slug=network.slug).role == NetworkRole.ADMIN
    for slug in [other.slug, "bestaat-niet"]:
        with pytest.raises(Http404):
            access.membership_get(user=user, slug=slug)
    with pytest.raises(Http404):
        access.membership_get(user=AnonymousUser(), slug=network.slug)


# Lists ------------------------------------------------------------------------------------


def test_organisation_list_filters_and_counts_coalitions(network, region):
    names = lambda **kw: [o.name for o in OrganisationFilter(kw, network=network).queryset()]  # noqa: E731
    assert names() == ["GGD", "Huisartsen Noord", "Welzijn Noord", "Ziekenhuis Zuid"]
    assert names(type="gp") == ["Huisartsen Noord"]
    assert names(municipality="Noorddorp") == ["Huisartsen Noord", "Welzijn Noord"]
    assert names(q="noord") == ["Huisartsen Noord", "Welzijn Noord"]
    assert names(type="welfare", municipality="Zuidstad") == []
    counts = {o.name: o.coalition_count for o in selectors.organisation_list(network=network)}
    assert counts == {"GGD": 1, "Huisartsen Noord": 2, "Welzijn Noord": 2, "Ziekenhuis Zuid": 1}
    # An ended participation no longer counts.
    participation = region["coalitions"]["val"].participations.get(organisation=region["orgs"]["ziekenhuis"])
    services.participation_update(participation=participation, **PAST)
    ziekenhuis = selectors.organisation_list(network=network, q="Ziekenhuis").get()
    assert ziekenhuis.coalition_count == 0


def test_other_lists_and_their_filters(network, region):
    orgs, themes, coalitions = region["orgs"], region["themes"], region["coalitions"]
    anna = services.person_create(network=network, name="Anna", organisation=orgs["ggd"], function="arts")
    services.person_create(network=network, name="Bram", email="bram@ggd.example.org")
    assert [p.name for p in selectors.person_list(network=network, organisation_id=orgs["ggd"].pk)] == ["Anna"]
    # Contact details are not searched: a viewer could otherwise confirm an e-mail address.
    assert [p.name for p in selectors.person_list(network=network, q="GGD")] == []
    assert [p.name for p in selectors.person_list(network=network, q="ARTS")] == ["Anna"]

    assert [t.name for t in selectors.theme_list(network=network)] == ["Jeugd", "Ouderen"]
    assert {t.name: t.coalition_count for t in selectors.theme_list(network=network)} == {"Jeugd": 1, "Ouderen": 2}
    services.theme_role_add(theme=themes["jeugd"], person=anna, kind=ThemeRoleKind.COORDINATOR, **PAST)
    assert list(selectors.theme_list(network=network).get(name="Jeugd").roles.all()) == []

    assert [c.name for c in selectors.coalition_list(network=network)] == [
        "Gezonde school", "Dementienetwerk", "Valpreventie"]  # by theme, then name
    assert [c.name for c in selectors.coalition_list(network=network, theme_id=themes["jeugd"].pk)] == [
        "Gezonde school"]
    assert [c.name for c in selectors.coalition_list(network=network, status="exploring")] == ["Gezonde school"]

    services.initiative_create(coalition=coalitions["val"], name="Beweegcoach")
    services.initiative_create(coalition=coalitions["school"], name="Gezonde kantine")
    assert [i.name for i in selectors.initiative_list(network=network, coalition_id=coalitions["val"].pk)] == [
        "Beweegcoach"]
    assert len(selectors.initiative_list(network=network)) == 2

    unit = services.governance_unit_create(network=network, kind=GovernanceUnitKind.FUNDAMENT, name="Beraad")
    services.unit_membership_add(unit=unit, person=anna, level=Level.OPERATIONAL)
    services.unit_membership_add(unit=unit, person=anna, level=Level.STRATEGIC, **PAST)
    listed = selectors.governance_unit_list(network=network).get()
    assert [m.level for m in listed.memberships.all()] == [Level.OPERATIONAL]  # only the current seat
    assert len(selectors.governance_unit_members(unit=unit)) == 2  # the detail page shows history

    assert selectors.network_counts(network=network) == {
        "organisations": 4, "people": 2, "themes": 2, "coalitions": 3, "governance_units": 1,
        "initiatives": 2}


# The contribution matrix -----------------------------------------------------------------


def test_matrix_contents(network, region):
    orgs, coalitions = region["orgs"], region["coalitions"]
    participation = coalitions["val"].participations.get(organisation=orgs["huisartsen"])
    services.participation_update(participation=participation, contribution_knowledge="triage")
    matrix = selectors.contribution_matrix(network=network)
    assert [c.name for c in matrix.coalitions] == ["Gezonde school", "Dementienetwerk", "Valpreventie"]
    grid = {org.name: [cell.pk if cell else None for cell in cells] for org, cells in matrix.rows}
    assert grid == {
        "GGD": [coalitions["school"].participations.get(organisation=orgs["ggd"]).pk, None, None],
        "Huisartsen Noord": [None, coalitions["dementie"].participations.get(organisation=orgs["huisartsen"]).pk,
                             participation.pk],
        "Welzijn Noord": [coalitions["school"].participations.get(organisation=orgs["welzijn"]).pk,
                          coalitions["dementie"].participations.get(organisation=orgs["welzijn"]).pk, None],
        "Ziekenhuis Zuid": [None, None,
                            coalitions["val"].participations.get(organisation=orgs["ziekenhuis"]).pk],
    }
    huisartsen_row = {org.name: cells for org, cells in matrix.rows}["Huisartsen Noord"]
    assert huisartsen_row[2].contribution_knowledge == "triage"

    # Ended participations leave the matrix; the row stays.
    services.participation_update(participation=participation, **PAST)
    row = {org.name: cells for org, cells in selectors.contribution_matrix(network=network).rows}
    assert row["Huisartsen Noord"][2] is None


def test_matrix_sorts_and_filters(network, region, org_type):
    def matrix_of(**params):
        """The dashboard's matrix: rows through the organisation list's filters."""
        rows = OrganisationFilter(params, network=network).queryset()
        return selectors.contribution_matrix(network=network, organisations=rows)

    def rows(**params) -> list[str]:
        return [org.name for org, _ in matrix_of(**params).rows]

    assert rows() == ["GGD", "Huisartsen Noord", "Welzijn Noord", "Ziekenhuis Zuid"]
    assert rows(sort="coalitions") == ["Huisartsen Noord", "Welzijn Noord", "GGD", "Ziekenhuis Zuid"]
    # By municipality; an organisation without one comes last.
    assert rows(sort="municipality") == ["Huisartsen Noord", "Welzijn Noord", "Ziekenhuis Zuid", "GGD"]
    by_type = rows(sort="type")
    type_order = [org_type(key).order for key in ("hospital", "gp", "welfare", "ggd")]
    expected = [name for _order, name in sorted(zip(type_order, ["Ziekenhuis Zuid", "Huisartsen Noord",
                                                                  "Welzijn Noord", "GGD"], strict=True))]
    assert by_type == expected
    assert rows(sort="onzin") == rows()
    assert rows(municipality="Noorddorp") == ["Huisartsen Noord", "Welzijn Noord"]
    assert rows(type="ggd") == ["GGD"]
    assert rows(type="ggd", municipality="Noorddorp") == []
    # Filtering rows keeps every coalition as a column.
    assert len(matrix_of(type="ggd").coalitions) == 3


# Warnings ---------------------------------------------------------------------------------


def test_theme_warnings_follow_leads_and_coordinators(network):
    theme = services.theme_create(network=network, name="Ouderen")
    person = services.person_create(network=network, name="Anna")
    assert warnings(network) == ["theme_without_board_lead", "theme_without_coordinator"]
    assert "Ouderen" in warnings(network, "theme_without_board_lead")[0]

    lead = services.theme_role_add(theme=theme, person=person, kind=ThemeRoleKind.BOARD_LEAD)
    assert warnings(network) == ["theme_without_coordinator"]
    coordinator = services.theme_role_add(theme=theme, person=person, kind=ThemeRoleKind.COORDINATOR)
    assert warnings(network) == []

    # Ended and not yet started roles do not count.
    services.theme_role_update(role=lead, **PAST)
    assert warnings(network) == ["theme_without_board_lead"]
    services.theme_role_update(role=coordinator, **FUTURE)
    assert warnings(network) == ["theme_without_board_lead", "theme_without_coordinator"]
    services.theme_role_delete(role=coordinator)
    services.theme_role_update(role=lead, start_date=None, end_date=None)
    assert warnings(network) == ["theme_without_coordinator"]


def test_stored_warnings_follow_the_day_a_role_ends(network, monkeypatch):
    """Found once per data version and day: a role ending today is a missing lead tomorrow, with no write between."""
    theme = services.theme_create(network=network, name="Ouderen")
    person = services.person_create(network=network, name="Anna")
    today = timezone.localdate()
    services.theme_role_add(theme=theme, person=person, kind=ThemeRoleKind.BOARD_LEAD, end_date=today)
    services.theme_role_add(theme=theme, person=person, kind=ThemeRoleKind.COORDINATOR)
    assert warnings(network) == []
    assert StoredResult.objects.filter(network=network, kind=REGISTRY).count() == 1  # read from here on

    tomorrow = today + datetime.timedelta(days=1)
    monkeypatch.setattr(timezone, "localdate", lambda *args: tomorrow)
    assert warnings(network) == ["theme_without_board_lead"]


def test_coalition_and_organisation_warnings(network, org_type):
    theme = services.theme_create(network=network, name="Ouderen")
    person = services.person_create(network=network, name="Anna")
    services.theme_role_add(theme=theme, person=person, kind=ThemeRoleKind.BOARD_LEAD)
    services.theme_role_add(theme=theme, person=person, kind=ThemeRoleKind.COORDINATOR)
    a = services.organisation_create(network=network, name="Alfa", type=org_type())
    b = services.organisation_create(network=network, name="Beta", type=org_type("gp"))
    assert warnings(network) == ["organisation_without_coalition"] * 2

    coalition = services.coalition_create(network=network, theme=theme, name="Valpreventie", organisations=[a])
    assert warnings(network) == ["coalition_too_small", "organisation_without_coalition"]
    [idle] = warnings(network, "organisation_without_coalition")
    assert "Beta" in idle
    second = services.participation_add(coalition=coalition, organisation=b)
    assert warnings(network) == []

    services.participation_update(participation=second, **PAST)
    assert warnings(network) == ["coalition_too_small", "organisation_without_coalition"]
    services.participation_delete(participation=coalition.participations.get(organisation=a))
    assert warnings(network) == ["coalition_too_small"] + ["organisation_without_coalition"] * 2
    services.coalition_delete(coalition=coalition)
    assert warnings(network) == ["organisation_without_coalition"] * 2
    services.organisation_erase(organisation=a)
    services.organisation_erase(organisation=b)
    assert warnings(network) == []


def test_board_overload_counts_current_board_roles_only(network):
    anna = services.person_create(network=network, name="Anna")
    themes = [services.theme_create(network=network, name=f"Thema {i}") for i in range(2)]
    units = [services.governance_unit_create(network=network, kind=GovernanceUnitKind.OTHER, name=f"Groep {i}")
             for i in range(3)]
    for theme in themes:
        services.theme_role_add(theme=theme, person=anna, kind=ThemeRoleKind.BOARD_LEAD)
        services.theme_role_add(theme=theme, person=anna, kind=ThemeRoleKind.COORDINATOR)  # not a board role
    services.unit_membership_add(unit=units[0], person=anna, level=Level.STRATEGIC)
    services.unit_membership_add(unit=units[1], person=anna, level=Level.TACTICAL)  # not a board role
    assert dict(selectors.board_role_counts(network=network)) == {anna: 3}
    assert "board_overload" not in warnings(network)

    fourth = services.unit_membership_add(unit=units[2], person=anna, level=Level.STRATEGIC)
    assert dict(selectors.board_role_counts(network=network)) == {anna: 4}
    [message] = warnings(network, "board_overload")
    assert "Anna" in message and "4" in message

    services.unit_membership_update(membership=fourth, **PAST)
    assert "board_overload" not in warnings(network)
    services.unit_membership_update(membership=fourth, start_date=None, end_date=None)
    assert "board_overload" in warnings(network)
    services.unit_membership_update(membership=fourth, level=Level.OPERATIONAL)
    assert "board_overload" not in warnings(network)


def test_warnings_of_another_network_stay_there(network, make_network, org_type):
    other = make_network("elders")
    services.organisation_create(network=other, name="Elders", type=org_type())
    services.theme_create(network=other, name="Elders thema")
    assert warnings(network) == []
    assert warnings(other) == ["organisation_without_coalition", "theme_without_board_lead",
                               "theme_without_coordinator"]


# Search and detail pages ----------------------------------------------------------------


def test_search_across_the_network(network, region, make_network, org_type):
    other = make_network("elders")
    services.organisation_create(network=other, name="Welzijn Elders", type=org_type("welfare"))
    services.person_create(network=network, name="Wim Welzijnswerker", function="opbouwwerker")
    services.initiative_create(coalition=region["coalitions"]["school"], name="Welzijnsspreekuur")
    services.governance_unit_create(network=network, kind="other", name="Welzijnsoverleg")
    services.theme_create(network=network, name="Leefstijl", description="Welzijn en bewegen")

    found = selectors.network_search(network=network, q="  WELZIJN ")
    assert [o.name for o in found["organisations"]] == ["Welzijn Noord"]
    assert [p.name for p in found["people"]] == ["Wim Welzijnswerker"]
    assert [t.name for t in found["themes"]] == ["Leefstijl"]
    assert [i.name for i in found["initiatives"]] == ["Welzijnsspreekuur"]
    assert [u.name for u in found["governance_units"]] == ["Welzijnsoverleg"]
    assert [c.name for c in selectors.network_search(network=network, q="school")["coalitions"]] == [
        "Gezonde school"]
    assert all(not hits for hits in selectors.network_search(network=network, q="   ").values())
    assert len(selectors.network_search(network=network, q="e", limit=2)["organisations"]) == 2


def test_involvement_of_organisation_person_theme_and_coalition(network, region):
    orgs, coalitions, themes = region["orgs"], region["coalitions"], region["themes"]
    anna = services.person_create(network=network, name="Anna", organisation=orgs["huisartsen"])
    services.theme_role_add(theme=themes["ouderen"], person=anna, kind=ThemeRoleKind.BOARD_LEAD, **PAST)
    unit = services.governance_unit_create(network=network, kind="other", name="Regiegroep")
    services.unit_membership_add(unit=unit, person=anna, level=Level.STRATEGIC)

    involvement = selectors.organisation_involvement(organisation=orgs["huisartsen"])
    assert [p.coalition.name for p in involvement["participations"]] == ["Dementienetwerk", "Valpreventie"]
    assert involvement["people"] == [anna]
    assert [m.unit for m in involvement["unit_memberships"]] == [unit]
    assert [r.theme for r in involvement["theme_roles"]] == [themes["ouderen"]]  # past roles are history

    person = selectors.person_involvement(person=anna)
    assert [r.is_active for r in person["theme_roles"]] == [False]
    assert [m.unit.name for m in person["unit_memberships"]] == ["Regiegroep"]

    theme = selectors.theme_detail(theme=themes["ouderen"])
    assert [c.name for c in theme["coalitions"]] == ["Dementienetwerk", "Valpreventie"]
    assert [o.name for o in theme["organisations"]] == ["Huisartsen Noord", "Welzijn Noord", "Ziekenhuis Zuid"]
    assert [r.person for r in theme["roles"]] == [anna]

    services.initiative_create(coalition=coalitions["val"], name="Beweegcoach")
    coalition = selectors.coalition_detail(coalition=coalitions["val"])
    assert [p.organisation.name for p in coalition["participations"]] == ["Huisartsen Noord", "Ziekenhuis Zuid"]
    assert [i.name for i in coalition["initiatives"]] == ["Beweegcoach"]
