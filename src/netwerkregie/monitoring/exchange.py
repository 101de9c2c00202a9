"""Monitoring in the network's JSON export (section `monitoring`, docs/json-format.md).

Indicators, goals and reports refer to each other by name, areas by their code, themes and
coalitions by name: an export imports into any database and exports again identically.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from netwerkregie.core.exchange import iso, parse_date, parse_decimal_text
from netwerkregie.registry.models import Coalition, Network, Theme

from . import services
from .models import CoalitionValue, Goal, Indicator, IndicatorValue


def monitoring_export(*, network: Network) -> dict[str, Any]:
    goals = network.goals.select_related("indicator", "theme", "coalition", "area").order_by("name")
    return {
        "indicators": [{"name": i.name, "unit": i.unit, "definition": i.definition, "source": i.source,
                        "direction": i.direction} for i in network.indicators.order_by("name")],
        "areas": [{"code": a.code, "name": a.name} for a in network.areas.order_by("code")],
        "values": [{"indicator": v.indicator.name, "area": v.area.code, "period": v.period,
                    "value": str(v.value), "source": v.source}
                   for v in IndicatorValue.objects.filter(indicator__network=network).select_related(
                       "indicator", "area").order_by("indicator__name", "area__code", "period")],
        "goals": [{"name": g.name, "description": g.description, "indicator": g.indicator.name if g.indicator else None,
                   "theme": g.theme.name if g.theme else None, "coalition": g.coalition.name if g.coalition else None,
                   "area": g.area.code if g.area else None, "baseline": _text(g.baseline),
                   "baseline_period": g.baseline_period, "target": _text(g.target),
                   "target_date": iso(g.target_date)} for g in goals],
        "evidence": [{"kind": e.kind, "title": e.title, "text": e.text, "recorded_on": iso(e.recorded_on),
                      "theme": e.theme.name if e.theme else None,
                      "coalition": e.coalition.name if e.coalition else None}
                     for e in network.evidence.select_related("theme", "coalition").order_by(
                         "recorded_on", "title", "pk")],
        "data_reports": [{"title": r.title, "due_date": iso(r.due_date), "published_on": iso(r.published_on),
                          "is_public": r.is_public, "url": r.url} for r in network.data_reports.order_by("title")],
        "value_functions": [{"coalition": v.coalition.name, "function": v.function, "beneficiary": v.beneficiary,
                             "note": v.note}
                            for v in CoalitionValue.objects.filter(coalition__network=network).select_related(
                                "coalition").order_by("coalition__name", "function", "beneficiary")],
        "legitimation": [{"route": e.route, "description": e.description, "occurred_on": iso(e.occurred_on),
                          "url": e.url} for e in network.legitimation_evidence.order_by("route", "occurred_on",
                                                                                        "description")],
    }


def _text(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def monitoring_import(*, network: Network, data: dict[str, Any] | None, themes: dict[str, Theme],
                      coalitions: dict[str, Coalition]) -> dict[str, Goal]:
    """Restore the section inside the caller's transaction; returns the goals by name for the funding section."""
    data = data or {}
    indicators: dict[str, Indicator] = {}
    for row in data.get("indicators", []):
        indicators[row["name"]] = services.indicator_create(
            network=network, name=row["name"], unit=row.get("unit", ""), definition=row.get("definition", ""),
            source=row["source"], direction=row["direction"])
    services.areas_ensure(network=network, names={a["code"]: a.get("name", "") for a in data.get("areas", [])})
    services.values_store(network=network, rows=[services.ValueRow(
        indicator=indicators[v["indicator"]], area_code=v["area"], period=v["period"], value=Decimal(v["value"]),
        source=v.get("source", "")) for v in data.get("values", [])])
    areas = {area.code: area for area in network.areas.all()}
    goals = {}
    for row in data.get("goals", []):
        goals[row["name"]] = services.goal_create(
            network=network, name=row["name"], description=row.get("description", ""),
            indicator=indicators[row["indicator"]] if row.get("indicator") else None,
            theme=themes[row["theme"]] if row.get("theme") else None,
            coalition=coalitions[row["coalition"]] if row.get("coalition") else None,
            area=areas[row["area"]] if row.get("area") else None, baseline=parse_decimal_text(row.get("baseline")),
            baseline_period=row.get("baseline_period", ""), target=parse_decimal_text(row.get("target")),
            target_date=parse_date(row.get("target_date")))
    for row in data.get("evidence", []):
        services.evidence_create(network=network, kind=row["kind"], title=row["title"], text=row["text"],
                                 recorded_on=parse_date(row["recorded_on"]),
                                 theme=themes[row["theme"]] if row.get("theme") else None,
                                 coalition=coalitions[row["coalition"]] if row.get("coalition") else None)
    for row in data.get("data_reports", []):
        services.data_report_create(network=network, title=row["title"], due_date=parse_date(row["due_date"]),
                                    published_on=parse_date(row.get("published_on")),
                                    is_public=row.get("is_public", False), url=row.get("url", ""))
    for row in data.get("value_functions", []):
        services.coalition_value_add(coalition=coalitions[row["coalition"]], function=row["function"],
                                     beneficiary=row["beneficiary"], note=row.get("note", ""))
    for row in data.get("legitimation", []):
        services.legitimation_evidence_add(network=network, route=row["route"], description=row["description"],
                                           occurred_on=parse_date(row["occurred_on"]), url=row.get("url", ""))
    return goals
