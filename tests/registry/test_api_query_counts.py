"""Every list endpoint of the registry API runs as many SQL queries for 10 as for 1,000 organisations."""

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from netwerkregie.core.text import collation_key
from netwerkregie.registry import services
from netwerkregie.registry.models import (
    Coalition,
    CoalitionParticipation,
    GovernanceUnit,
    GovernanceUnitMembership,
    Initiative,
    Organisation,
    OrganisationType,
    Person,
    Theme,
    ThemeRole,
)

pytestmark = pytest.mark.django_db

LISTS = ["organisations", "people", "themes", "theme-roles", "coalitions", "participations", "initiatives",
         "governance-units", "unit-memberships", "memberships"]


def grow(network, start: int, stop: int) -> None:
    """Organisations start..stop with people, and themes, coalitions, roles and seats in proportion."""
    types = list(OrganisationType.objects.all())
    municipalities = list(network.municipalities.all())
    organisations = Organisation.objects.bulk_create([
        Organisation(network=network, name=f"Organisatie {i:04}", sort_name=f"organisatie {i:04}",
                     type=types[i % len(types)],
                     municipality=municipalities[i % len(municipalities)]) for i in range(start, stop)])
    people = Person.objects.bulk_create([
        Person(network=network, name=f"Persoon {o.name}", sort_name=collation_key(f"Persoon {o.name}"),
               organisation=o) for o in organisations])
    themes = Theme.objects.bulk_create([Theme(network=network, name=f"Thema {i:04}")
                                        for i in range(start, stop, 10)])
    ThemeRole.objects.bulk_create([ThemeRole(theme=t, person=people[k], kind="board_lead")
                                   for k, t in enumerate(themes)])
    coalitions = Coalition.objects.bulk_create([
        Coalition(network=network, theme=themes[k // 2], name=f"Coalitie {i:04}")
        for k, i in enumerate(range(start, stop, 5))])
    CoalitionParticipation.objects.bulk_create([
        CoalitionParticipation(coalition=c, organisation=organisations[(5 * k + j) % len(organisations)],
                               end_date=datetime.date(2020, 1, 1) if j == 2 else None)
        for k, c in enumerate(coalitions) for j in range(3)])
    Initiative.objects.bulk_create([
        Initiative(coalition=c, name=f"Initiatief {c.name}", sort_name=collation_key(f"Initiatief {c.name}"))
        for c in coalitions])
    units = GovernanceUnit.objects.bulk_create([GovernanceUnit(network=network, kind="other",
                                                               name=f"Eenheid {i:04}")
                                                for i in range(start, stop, 10)])
    GovernanceUnitMembership.objects.bulk_create([
        GovernanceUnitMembership(unit=u, person=people[k], level="strategic") for k, u in enumerate(units)])


def test_every_list_endpoint_has_a_constant_query_count(settings, user, make_user, network):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    api = Client(HTTP_AUTHORIZATION=f"Bearer {services.api_token_create(user=user, name='t')[1]}")
    paths = ["/api/v1/networks/", "/api/v1/organisation-types/",
             *(f"/api/v1/networks/{network.slug}/{name}/?limit=1000" for name in LISTS)]

    def counts() -> dict[str, tuple[int, int]]:
        result = {}
        for path in paths:
            with CaptureQueriesContext(connection) as queries:
                response = api.get(path)
            assert response.status_code == 200, (path, response.content)
            body = response.json()
            result[path] = (len(queries), len(body) if isinstance(body, list) else len(body["items"]))
        return result

    grow(network, 0, 10)
    small = counts()
    grow(network, 10, 1000)
    for index in range(5):
        services.membership_set(network=network, user=make_user(f"lid{index}"), role="viewer")
        services.network_create(slug=f"extra-{index}", name=f"Extra {index}", creator=user,
                                municipalities=["Een", "Twee"])
    large = counts()

    for path in paths:
        assert large[path][0] == small[path][0], (path, small[path][0], large[path][0])
    # The big run really answered with many more rows.
    organisations = f"/api/v1/networks/{network.slug}/organisations/?limit=1000"
    assert (small[organisations][1], large[organisations][1]) == (10, 1000)
    assert large[f"/api/v1/networks/{network.slug}/participations/?limit=1000"][1] == 600
    assert large["/api/v1/networks/"][1] == 6
