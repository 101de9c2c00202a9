"""Every registry page runs as many SQL queries for 10 as for 1,000 organisations.

Two networks are built with bulk_create (the same generator as the API query-count test);
in each, one organisation, person, theme, coalition and governance unit is linked to a
share of everything, so that detail pages grow with the data too.
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from test_api_query_counts import grow

from netwerkregie.core import pickers
from netwerkregie.registry.models import (
    Coalition,
    CoalitionParticipation,
    GovernanceUnit,
    GovernanceUnitMembership,
    Network,
    Organisation,
    Person,
    Theme,
    ThemeRole,
)

pytestmark = pytest.mark.django_db


def link_hubs(network: Network) -> dict[str, int]:
    """Make the first organisation, person, theme, coalition and unit involved in a share of everything."""
    organisations = list(network.organisations.order_by("name"))
    people = list(network.people.order_by("name"))
    themes = list(network.themes.order_by("name"))
    coalitions = list(network.coalitions.order_by("name"))
    units = list(network.governance_units.order_by("name"))
    hub_org, hub_person, hub_theme, hub_coalition, hub_unit = (
        organisations[0], people[0], themes[0], coalitions[0], units[0])
    Coalition.objects.filter(pk__in=[c.pk for c in coalitions[::2]]).update(theme=hub_theme)
    already = set(hub_org.participations.values_list("coalition_id", flat=True))
    CoalitionParticipation.objects.bulk_create(
        [CoalitionParticipation(coalition=c, organisation=hub_org) for c in coalitions if c.pk not in already])
    taken = set(hub_coalition.participations.values_list("organisation_id", flat=True))
    CoalitionParticipation.objects.bulk_create(
        [CoalitionParticipation(coalition=hub_coalition, organisation=o, contribution_knowledge="kennis")
         for o in organisations[::5] if o.pk not in taken])
    ThemeRole.objects.bulk_create([ThemeRole(theme=t, person=hub_person, kind="coordinator") for t in themes])
    ThemeRole.objects.bulk_create([ThemeRole(theme=hub_theme, person=p, kind="board_lead") for p in people[1::20]])
    GovernanceUnitMembership.objects.bulk_create(
        [GovernanceUnitMembership(unit=u, person=hub_person, level="tactical") for u in units])
    GovernanceUnitMembership.objects.bulk_create(
        [GovernanceUnitMembership(unit=hub_unit, person=p, level="operational") for p in people[1::10]])
    Person.objects.filter(pk__in=[p.pk for p in people[::3]]).update(organisation=hub_org)
    return {"organisation": hub_org.pk, "person": hub_person.pk, "theme": hub_theme.pk,
            "coalition": hub_coalition.pk, "unit": hub_unit.pk}


def pages(network: Network, hubs: dict[str, int]) -> dict[str, tuple[str, dict[str, str]]]:
    """Name → (url, extra request headers); URLs by name, never literal paths."""
    slug = {"network": network.slug}

    def url(name: str, pk: int | None = None) -> str:
        return reverse(f"registry:{name}", kwargs=slug if pk is None else {**slug, "pk": pk})

    dashboard = network.get_absolute_url()
    return {
        "dashboard": (dashboard, {}),
        "dashboard sorted and filtered": (dashboard + "?sort=coalitions&municipality=Noorddorp", {}),
        "matrix partial": (dashboard + "?sort=type", {"HTTP_HX_REQUEST": "true"}),
        "organisations": (url("organisation_list"), {}),
        "organisations filtered": (url("organisation_list") + "?q=Organisatie&type=hospital", {}),
        "people": (url("person_list"), {}),
        "people page 2, by organisation": (url("person_list") + "?sort=organisation&page=2", {}),
        "initiatives": (url("initiative_list"), {}),
        "initiatives filtered": (url("initiative_list") + "?q=initiatief&sort=coalition", {}),
        "themes": (url("theme_list"), {}),
        "coalitions": (url("coalition_list"), {}),
        "governance units": (url("governance_unit_list"), {}),
        "organisation": (url("organisation_detail", hubs["organisation"]), {}),
        "person": (url("person_detail", hubs["person"]), {}),
        "theme": (url("theme_detail", hubs["theme"]), {}),
        "coalition": (url("coalition_detail", hubs["coalition"]), {}),
        "governance unit": (url("governance_unit_detail", hubs["unit"]), {}),
        "search": (url("search") + "?q=e", {}),
    }


def measure(client: Client, network: Network) -> dict[str, tuple[int, int]]:
    """Queries and response size per page."""
    result = {}
    for name, (path, headers) in pages(network, link_hubs(network)).items():
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path, **headers)
        assert response.status_code == 200, (name, path)
        result[name] = (len(queries), len(response.content))
    return result


def test_every_page_has_a_constant_query_count(make_network, user, monkeypatch):
    # Both networks choose people with a search picker, as a large one does (a plain list is one query
    # more, for its options, than an empty picker).
    monkeypatch.setattr(pickers, "PICKER_THRESHOLD", 0)
    client = Client()
    client.force_login(user)
    small_network = make_network("regio-klein", user=user, municipalities=["Noorddorp", "Zuidstad"])
    large_network = make_network("regio-groot", user=user, municipalities=["Noorddorp", "Zuidstad"])
    grow(small_network, 0, 10)
    grow(large_network, 0, 1000)
    assert Organisation.objects.filter(network=large_network).count() == 1000

    small, large = measure(client, small_network), measure(client, large_network)

    differences = {name: (small[name][0], large[name][0]) for name in small if small[name][0] != large[name][0]}
    assert not differences, differences
    # The large pages really show more: the data grew on every page.
    for name in small:
        assert large[name][1] > small[name][1], name
    assert GovernanceUnit.objects.filter(network=large_network).count() == 100
    assert Theme.objects.filter(network=large_network).count() == 100
