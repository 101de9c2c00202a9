"""The dashboard's reads: the contribution matrix and the warnings, computed from real data."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404

from netwerkregie.core import access
from netwerkregie.registry import selectors, services
from netwerkregie.registry.filters import OrganisationFilter
from netwerkregie.registry.models import GovernanceUnitKind, Level, ThemeRoleKind
from netwerkregie.registry.warnings import network_warnings

pytestmark = pytest.mark.django_db


def codes(network):
    return sorted({w.code for w in network_warnings(network=network)})


def test_warnings_follow_the_data(network, org_type):
    hospital = services.organisation_create(network=network, name="Ziekenhuis Noord", type=org_type())
    gp = services.organisation_create(network=network, name="Huisartsen Zuid", type=org_type("gp"))
    theme = services.theme_create(network=network, name="Ouderen", challenge="elderly")
    coalition = services.coalition_create(network=network, theme=theme, name="Valpreventie",
                                          organisations=[hospital])
    assert codes(network) == ["coalition_too_small", "organisation_without_coalition",
                              "theme_without_board_lead", "theme_without_coordinator"]

    services.participation_add(coalition=coalition, organisation=gp)
    lead = services.person_create(network=network, name="A. Bestuurder", organisation=hospital)
    services.theme_role_add(theme=theme, person=lead, kind=ThemeRoleKind.BOARD_LEAD)
    coordinator = services.person_create(network=network, name="C. Coördinator")
    services.theme_role_add(theme=theme, person=coordinator, kind=ThemeRoleKind.COORDINATOR)
    assert codes(network) == []

    # Three more strategic seats make four board roles: bestuurlijke drukte.
    for index in range(3):
        unit = services.governance_unit_create(network=network, kind=GovernanceUnitKind.OTHER,
                                               name=f"Overleg {index}")
        services.unit_membership_add(unit=unit, person=lead, level=Level.STRATEGIC)
    assert codes(network) == ["board_overload"]

    # An ended role no longer counts.
    role = lead.theme_roles.get()
    services.theme_role_update(role=role, end_date=datetime.date(2020, 1, 1),
                               start_date=datetime.date(2019, 1, 1))
    assert "board_overload" not in codes(network)
    assert "theme_without_board_lead" in codes(network)


def test_matrix_filters_and_sorts(network, org_type):
    noord, zuid = network.municipalities.order_by("name")
    a = services.organisation_create(network=network, name="Alfa", type=org_type("ggz"), municipality=zuid)
    b = services.organisation_create(network=network, name="Beta", type=org_type("hospital"),
                                     municipality=noord)
    theme = services.theme_create(network=network, name="GGZ")
    c1 = services.coalition_create(network=network, theme=theme, name="Wijk-GGZ", organisations=[a, b])
    services.coalition_create(network=network, theme=theme, name="Crisis", organisations=[b])

    def matrix_of(**params):
        rows = OrganisationFilter(params, network=network).queryset()
        return selectors.contribution_matrix(network=network, organisations=rows)

    matrix = matrix_of(sort="coalitions")
    assert [c.name for c in matrix.coalitions] == ["Crisis", "Wijk-GGZ"]
    assert [org.name for org, _ in matrix.rows] == ["Beta", "Alfa"]
    alfa_cells = dict(matrix.rows)[a]
    assert alfa_cells[0] is None and alfa_cells[1].coalition == c1

    only_noord = matrix_of(municipality="Noorddorp")
    assert [org.name for org, _ in only_noord.rows] == ["Beta"]
    only_ggz = matrix_of(type="ggz")
    assert [org.name for org, _ in only_ggz.rows] == ["Alfa"]


def test_other_networks_stay_invisible(network, make_network, make_user, org_type):
    other = make_network("andere-regio")
    stranger = make_user("vreemde")
    with pytest.raises(Http404):
        access.membership_get(user=stranger, slug=network.slug)
    foreign_org = services.organisation_create(network=other, name="Elders", type=org_type())
    theme = services.theme_create(network=network, name="Jeugd")
    with pytest.raises(ValidationError) as error:
        services.coalition_create(network=network, theme=theme, name="X", organisations=[foreign_org])
    assert "organisation" in error.value.message_dict
    assert list(selectors.network_list_for_user(user=stranger)) == []
