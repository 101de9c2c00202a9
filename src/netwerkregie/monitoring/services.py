"""All writes of the monitoring app. Views, API, imports, exchange and the demo call these only."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from netwerkregie.core.services import ensure_in_network, model_update, refuse_when_used, validated_save
from netwerkregie.registry.models import Coalition, Network

from .models import (
    Area,
    AreaKind,
    CoalitionValue,
    DataReport,
    Evidence,
    Goal,
    Indicator,
    IndicatorValue,
    LegitimationEvidence,
)
from .periods import parse_period

INDICATOR_FIELDS = ["name", "unit", "definition", "source", "direction"]
GOAL_FIELDS = ["name", "description", "indicator", "theme", "coalition", "area", "baseline", "baseline_period",
               "target", "target_date"]
REPORT_FIELDS = ["title", "due_date", "published_on", "is_public", "url"]
VALUE_FIELDS = ["value", "source"]
EVIDENCE_FIELDS = ["kind", "title", "text", "recorded_on", "theme", "coalition"]
COALITION_VALUE_FIELDS = ["coalition", "function", "beneficiary", "note"]
LEGITIMATION_FIELDS = ["route", "description", "occurred_on", "url"]
_CBS_CODE = re.compile(r"^(GM|WK|BU)\d+$")


def indicator_create(*, network: Network, **data: Any) -> Indicator:
    return validated_save(Indicator(network=network, **data))


def indicator_update(*, indicator: Indicator, **data: Any) -> Indicator:
    return model_update(instance=indicator, fields=INDICATOR_FIELDS, data=data)


@transaction.atomic
def indicator_delete(*, indicator: Indicator) -> None:
    """Only an unused indicator goes: its measured values and the goals on it are history."""
    refuse_when_used({capfirst(IndicatorValue._meta.verbose_name_plural): indicator.values.count(),
                      capfirst(Goal._meta.verbose_name_plural): [g.name for g in indicator.goals.all()]})
    indicator.delete()


def value_update(*, indicator_value: IndicatorValue, **data: Any) -> IndicatorValue:
    """Correct a measured value or its source; its indicator, area and period are its identity."""
    return model_update(instance=indicator_value, fields=VALUE_FIELDS, data=data)


def value_delete(*, indicator_value: IndicatorValue) -> None:
    indicator_value.delete()


def area_kind(code: str) -> str:
    """GM/WK/BU codes are CBS areas; any other code is the network's own region."""
    return code[:2] if _CBS_CODE.match(code) else AreaKind.REGION


def normalise_code(code: str) -> str:
    """CBS pads codes with spaces in its data sets ("GM0363    "); codes are stored without."""
    return str(code).strip().upper()


def areas_ensure(*, network: Network, names: dict[str, str]) -> dict[str, Area]:
    """The areas with these codes, created when new; a name fills an empty name, never overwrites one."""
    codes = {normalise_code(code): name for code, name in names.items()}
    existing = {area.code: area for area in network.areas.filter(code__in=codes)}
    for code, name in codes.items():
        if code not in existing:
            existing[code] = validated_save(Area(network=network, code=code, name=name or "", kind=area_kind(code)))
        elif name and not existing[code].name:
            existing[code] = model_update(instance=existing[code], fields=["name"], data={"name": name})
    return existing


@dataclass(frozen=True)
class ValueRow:
    indicator: Indicator
    area_code: str
    period: str
    value: Decimal
    source: str = ""
    area_name: str = ""


@dataclass(frozen=True)
class ValuesWritten:
    created: int
    updated: int


@transaction.atomic
def values_store(*, network: Network, rows: Iterable[ValueRow]) -> ValuesWritten:
    """Store values per (indicator, area, period): a new key is created, a known one takes the new value.

    Bulk writes: one query per kind whatever the number of rows, so a StatLine table of every
    neighbourhood imports in seconds.
    """
    rows = list(rows)
    if any(row.indicator.network_id != network.pk for row in rows):
        raise ValidationError({"indicator": _("This indicator does not belong to this network.")})
    names: dict[str, str] = {}
    for row in rows:
        names[row.area_code] = names.get(row.area_code) or row.area_name
    areas = areas_ensure(network=network, names=names)
    indicators = {row.indicator.pk for row in rows}
    known = {(v.indicator_id, v.area_id, v.period): v
             for v in IndicatorValue.objects.filter(indicator__in=indicators, area__in=areas.values())}
    new, changed = {}, {}
    for row in rows:
        period = parse_period(row.period)
        area = areas[normalise_code(row.area_code)]
        key = (row.indicator.pk, area.pk, period.key)
        if key in known:
            value = known[key]
            value.value, value.source = row.value, row.source or value.source
            changed[key] = value
        else:
            new[key] = IndicatorValue(indicator=row.indicator, area=area, period=period.key,
                                      period_start=period.start, period_end=period.end, value=row.value,
                                      source=row.source)
    IndicatorValue.objects.bulk_create(new.values())
    IndicatorValue.objects.bulk_update(changed.values(), ["value", "source"])
    return ValuesWritten(created=len(new), updated=len(changed))


def _check_goal(goal: Goal) -> None:
    """A goal belongs to a theme or a coalition; a coalition's goal lies in that coalition's theme."""
    if goal.theme_id is None and goal.coalition_id is None:
        raise ValidationError({"theme": _("Choose the theme or the coalition this goal belongs to.")})
    if goal.theme_id and goal.coalition_id and goal.coalition.theme_id != goal.theme_id:
        raise ValidationError({"coalition": _("This coalition works in another theme.")})
    if goal.baseline_period:
        try:
            goal.baseline_period = parse_period(goal.baseline_period).key
        except ValueError as error:
            raise ValidationError({"baseline_period": str(error)}) from None


@transaction.atomic
def goal_create(*, network: Network, **data: Any) -> Goal:
    goal = Goal(network=network, **data)
    ensure_in_network(network, indicator=goal.indicator, theme=goal.theme, coalition=goal.coalition,
                      area=goal.area)
    _check_goal(goal)
    return validated_save(goal)


@transaction.atomic
def goal_update(*, goal: Goal, **data: Any) -> Goal:
    ensure_in_network(goal.network, **{name: data[name] for name in ("indicator", "theme", "coalition", "area")
                                       if name in data})
    for name, value in data.items():
        setattr(goal, name, value)
    _check_goal(goal)
    return model_update(instance=goal, fields=GOAL_FIELDS, data=data)


@transaction.atomic
def goal_delete(*, goal: Goal) -> None:
    """A goal that funding applications refer to stays: those applications were judged on it."""
    refuse_when_used({str(_("Applications")): [a.title for a in goal.applications.all()]})
    goal.delete()


def _check_evidence(evidence: Evidence) -> None:
    ensure_in_network(evidence.network, theme=evidence.theme, coalition=evidence.coalition)
    if evidence.theme is None and evidence.coalition is None:
        raise ValidationError({"theme": _("Choose the theme or the coalition this story or lesson belongs to.")})


def evidence_create(*, network: Network, **data: Any) -> Evidence:
    evidence = Evidence(network=network, **data)
    _check_evidence(evidence)
    return validated_save(evidence)


@transaction.atomic
def evidence_update(*, evidence: Evidence, **data: Any) -> Evidence:
    for name, value in data.items():
        setattr(evidence, name, value)
    _check_evidence(evidence)
    return model_update(instance=evidence, fields=EVIDENCE_FIELDS, data=data)


def evidence_delete(*, evidence: Evidence) -> None:
    evidence.delete()


def data_report_create(*, network: Network, **data: Any) -> DataReport:
    return validated_save(DataReport(network=network, **data))


def data_report_update(*, report: DataReport, **data: Any) -> DataReport:
    return model_update(instance=report, fields=REPORT_FIELDS, data=data)


def data_report_delete(*, report: DataReport) -> None:
    report.delete()


def coalition_value_add(*, coalition: Coalition, function: str, beneficiary: str, note: str = "") -> CoalitionValue:
    return validated_save(CoalitionValue(coalition=coalition, function=function, beneficiary=beneficiary, note=note))


def legitimation_evidence_add(*, network: Network, **data: Any) -> LegitimationEvidence:
    return validated_save(LegitimationEvidence(network=network, **data))


def coalition_value_update(*, value: CoalitionValue, **data: Any) -> CoalitionValue:
    ensure_in_network(value.coalition.network, coalition=data.get("coalition"))
    return model_update(instance=value, fields=COALITION_VALUE_FIELDS, data=data)


def coalition_value_delete(*, value: CoalitionValue) -> None:
    value.delete()


def legitimation_evidence_update(*, evidence: LegitimationEvidence, **data: Any) -> LegitimationEvidence:
    return model_update(instance=evidence, fields=LEGITIMATION_FIELDS, data=data)


def legitimation_evidence_delete(*, evidence: LegitimationEvidence) -> None:
    evidence.delete()
