"""Every funding page and API list runs as many SQL queries for a few as for many applications."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from netwerkregie.funding import services
from netwerkregie.funding.models import (
    Allocation,
    Application,
    ApplicationPartner,
    Arena,
    ArenaEntry,
    Assessor,
    FinancierResponse,
    Score,
)
from netwerkregie.registry import services as registry
from netwerkregie.registry.models import Coalition, Initiative, Organisation, OrganisationType, Person

pytestmark = pytest.mark.django_db


def grow(network, user, size: int) -> int:
    """A call with `size` applications of two partners, three assessors (one is `user`) who scored all of them."""
    types = list(OrganisationType.objects.all())
    organisations = Organisation.objects.bulk_create([
        Organisation(network=network, name=f"Org {i}", type=types[i % len(types)]) for i in range(size + 2)])
    theme = registry.theme_create(network=network, name="Thema")
    coalitions = Coalition.objects.bulk_create([Coalition(network=network, theme=theme, name=f"Coalitie {i}")
                                                for i in range(size)])
    initiatives = Initiative.objects.bulk_create([Initiative(coalition=c, name=f"Initiatief {c.name}")
                                                  for c in coalitions])
    stream = services.stream_create(network=network, name="IZA", kind="iza", budget=Decimal(10**9),
                                    financiers=organisations[:2])
    call = services.call_create(stream=stream, name="Oproep", agreed_by="Regiegroep",
                                criteria_agreed_on=datetime.date(2026, 1, 1))
    criteria = [services.criterion_add(call=call, name=f"C{i}", weight=Decimal(i + 1)) for i in range(3)]
    call = services.call_open(call=call)
    applications = Application.objects.bulk_create([
        Application(call=call, coalition=c, initiative=i, title=f"Aanvraag {c.name}", requested_amount=1000,
                    submitted_on=datetime.date(2026, 2, 1)) for c, i in zip(coalitions, initiatives, strict=True)])
    ApplicationPartner.objects.bulk_create([ApplicationPartner(application=a, organisation=organisations[j + k])
                                            for j, a in enumerate(applications) for k in (0, 1)])
    people = Person.objects.bulk_create([Person(network=network, name=f"Beoordelaar {i}") for i in range(3)])
    assessors = Assessor.objects.bulk_create([Assessor(call=call, person=p, user=user if i == 0 else None,
                                                       submitted_at=timezone.now() if i else None)
                                              for i, p in enumerate(people)])
    Score.objects.bulk_create([Score(assessor=s, application=a, criterion=c, score=3, reason="r")
                               for s in assessors for a in applications for c in criteria])
    allocations = Allocation.objects.bulk_create([Allocation(application=a, amount=500, reasoning="r",
                                                             decided_on=datetime.date(2026, 4, 1))
                                                  for a in applications])
    FinancierResponse.objects.bulk_create([FinancierResponse(allocation=al, financier=organisations[0],
                                                             response="adopted", responded_on=datetime.date(2026, 5, 1))
                                           for al in allocations])
    arenas = Arena.objects.bulk_create([Arena(initiative=i) for i in initiatives])
    ArenaEntry.objects.bulk_create([ArenaEntry(arena=a, stakeholder=s, approach=ap, investment=10, returns=5)
                                    for a in arenas for s in ("municipality", "insurer") for ap in ("classic",
                                                                                                   "integrated")])
    return call.pk


def urls(slug: str, call: int) -> list[str]:
    api = f"/api/v1/networks/{slug}"
    return [reverse("funding:index", args=[slug]), reverse("funding:call_detail", args=[slug, call]),
            reverse("funding:score", args=[slug, call]), reverse("funding:arena", args=[slug]),
            reverse("funding:application_create", args=[slug, call]),
            f"{api}/funding-streams/", f"{api}/calls/", f"{api}/calls/{call}/result", f"{api}/applications/",
            f"{api}/allocations/", f"{api}/effectenarenas/"]


def counts(client: Client, paths: list[str], headers: dict) -> list[int]:
    result = []
    for path in paths:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path, headers=headers if path.startswith("/api/") else {})
        assert response.status_code == 200, (path, response.content[:300])
        result.append(len(queries))
    return result


def test_query_counts_do_not_grow(make_network, user, logged_in_client, bearer):
    small, large = make_network("klein", user=user), make_network("groot", user=user)
    small_call, large_call = grow(small, user, 2), grow(large, user, 12)
    assert counts(logged_in_client, urls("klein", small_call), bearer) == counts(
        logged_in_client, urls("groot", large_call), bearer)
