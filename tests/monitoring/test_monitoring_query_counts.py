"""Every monitoring page and API list runs as many SQL queries for a small as for a large network."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from netwerkregie.monitoring.models import (
    Area,
    CoalitionValue,
    DataReport,
    Evidence,
    Goal,
    Indicator,
    IndicatorValue,
    LegitimationEvidence,
)
from netwerkregie.registry import services as registry
from netwerkregie.registry.models import Initiative

pytestmark = pytest.mark.django_db


def grow(network, size: int) -> tuple[int, int]:
    """`size` indicators, areas, goals, initiatives, stories, reports; values for every pair over three years."""
    theme = registry.theme_create(network=network, name="Gezondheid")
    coalition = registry.coalition_create(network=network, theme=theme, name="Bewegen")
    indicators = Indicator.objects.bulk_create([Indicator(network=network, name=f"Indicator {i}") for i in range(size)])
    areas = Area.objects.bulk_create([Area(network=network, code=f"GM{i:04}", kind="GM") for i in range(size)])
    IndicatorValue.objects.bulk_create([
        IndicatorValue(indicator=indicator, area=area, period=f"{year}JJ00", period_start=datetime.date(year, 1, 1),
                       period_end=datetime.date(year, 12, 31), value=Decimal(year - 2000 + i))
        for i, indicator in enumerate(indicators) for area in areas for year in (2021, 2022, 2023)])
    Goal.objects.bulk_create([Goal(network=network, name=f"Doel {i}", indicator=indicator, area=areas[i],
                                   coalition=coalition if i % 2 else None, theme=None if i % 2 else theme,
                                   baseline=1, target=5, target_date=datetime.date(2027, 1, 1))
                              for i, indicator in enumerate(indicators)])
    Initiative.objects.bulk_create([Initiative(coalition=coalition, name=f"Initiatief {i}",
                                               start_date=datetime.date(2022, 1, 1 + i % 28)) for i in range(size)])
    Evidence.objects.bulk_create([Evidence(network=network, coalition=coalition, title=f"Verhaal {i}", text="t",
                                           recorded_on=datetime.date(2024, 1, 1)) for i in range(size)])
    DataReport.objects.bulk_create([DataReport(network=network, title=f"Rapport {i}", is_public=True,
                                               due_date=datetime.date(2024, 1, 1)) for i in range(size)])
    LegitimationEvidence.objects.bulk_create([LegitimationEvidence(network=network, route="AB"[i % 2],
                                                                   description=f"Bewijs {i}",
                                                                   occurred_on=datetime.date(2025, 1, 1))
                                              for i in range(size)])
    CoalitionValue.objects.create(coalition=coalition, function="leer", beneficiary="residents")
    return theme.pk, coalition.pk


def urls(slug: str, theme: int, coalition: int) -> list[str]:
    api = f"/api/v1/networks/{slug}"
    return [reverse("monitoring:index", args=[slug]), reverse("monitoring:theme_effect", args=[slug, theme]),
            reverse("monitoring:coalition_effect", args=[slug, coalition]),
            reverse("monitoring:legitimation", args=[slug]), reverse("monitoring:import", args=[slug]),
            f"{api}/indicators/", f"{api}/areas/", f"{api}/indicator-values/", f"{api}/goals/",
            f"{api}/data-reports/", f"{api}/legitimation/", f"{api}/evidence/"]


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
    small_ids, large_ids = grow(small, 2), grow(large, 12)
    assert counts(logged_in_client, urls("klein", *small_ids), bearer) == counts(
        logged_in_client, urls("groot", *large_ids), bearer)
