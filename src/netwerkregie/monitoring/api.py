"""Monitoring endpoints under /api/v1: indicators, areas, values, goals, data-team reports, legitimation.

Every member (viewer and up) reads; coordinators and admins create indicators and goals and
store values. A network the caller is not a member of is a 404; ids of another network in the
body are a 422 naming the field.
"""

import datetime
from decimal import Decimal
from typing import Annotated

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema
from ninja.pagination import paginate

from netwerkregie.core.api import Id, Pagination, PathId, Slug, Text, network_for, reference
from netwerkregie.core.roles import NetworkRole

from . import selectors, services
from .models import AreaKind, Beneficiary, Direction, EvidenceKind, Goal, IndicatorSource, ValueFunction
from .periods import parse_period

router = Router(tags=["monitoring"])
# The database columns: 16 digits, 4 after the point.
Measure = Annotated[Decimal, Field(max_digits=16, decimal_places=4)]


class IndicatorIn(Schema):
    name: Text = Field(min_length=1, max_length=200)
    unit: Text = ""
    definition: Text = ""
    source: IndicatorSource = IndicatorSource.CBS
    direction: Direction = Direction.HIGHER


class IndicatorOut(IndicatorIn):
    id: int
    value_count: int = 0


class AreaOut(Schema):
    id: int
    code: str
    name: str
    kind: AreaKind


class ValueOut(Schema):
    indicator: int = Field(alias="indicator_id")
    area_code: str = Field(alias="area.code")
    period: str
    period_start: datetime.date
    period_end: datetime.date
    value: Decimal
    source: str


class ValueIn(Schema):
    indicator: Id
    area_code: Text = Field(min_length=1, max_length=20)
    period: Text
    value: Measure
    source: Text = ""
    area_name: Text = Field("", max_length=200)


class WrittenOut(Schema):
    created: int
    updated: int


class GoalIn(Schema):
    name: Text = Field(min_length=1, max_length=200)
    description: Text = ""
    indicator: Id | None = None
    theme: Id | None = None
    coalition: Id | None = None
    area: Id | None = None
    baseline: Measure | None = None
    baseline_period: Text = ""
    target: Measure | None = None
    target_date: datetime.date | None = None


class GoalOut(Schema):
    id: int
    name: str
    description: str
    indicator: int | None = Field(alias="indicator_id")
    theme: int | None = Field(alias="theme_id")
    coalition: int | None = Field(alias="coalition_id")
    area: int | None = Field(alias="area_id")
    baseline: Decimal | None
    baseline_period: str
    target: Decimal | None
    target_date: datetime.date | None
    smart_gaps: list[str]

    @staticmethod
    def resolve_smart_gaps(obj: Goal) -> list[str]:
        return selectors.smart_gaps(obj)


class ReportOut(Schema):
    id: int
    title: str
    due_date: datetime.date
    published_on: datetime.date | None
    is_public: bool
    url: str


class SignalOut(Schema):
    code: str
    message: str
    url: str


class EvidenceOut(Schema):
    description: str
    occurred_on: datetime.date
    url: str


class RouteOut(Schema):
    route: str
    label: str
    evidence: list[EvidenceOut]


@router.get("/networks/{slug}/indicators/", response=list[IndicatorOut])
@paginate(Pagination)
def indicator_list(request: HttpRequest, slug: Slug):
    return selectors.indicator_list(network=network_for(request, slug))


@router.post("/networks/{slug}/indicators/", response={201: IndicatorOut})
def indicator_create(request: HttpRequest, slug: Slug, payload: IndicatorIn):
    """Coordinators and admins."""
    network = network_for(request, slug, NetworkRole.COORDINATOR)
    return 201, services.indicator_create(network=network, **payload.dict())


@router.get("/networks/{slug}/areas/", response=list[AreaOut])
@paginate(Pagination)
def area_list(request: HttpRequest, slug: Slug):
    return selectors.area_list(network=network_for(request, slug))


@router.get("/networks/{slug}/indicator-values/", response=list[ValueOut])
@paginate(Pagination)
def value_list(request: HttpRequest, slug: Slug, indicator: Id | None = None):
    """Values in the long format, ordered by indicator, area and period; `indicator` filters."""
    network = network_for(request, slug)
    chosen = reference(network.indicators, "indicator", indicator) if indicator else None
    return selectors.value_list(network=network, indicator=chosen).order_by("indicator__name", "area__code",
                                                                           "period_start")


@router.post("/networks/{slug}/indicator-values/", response=WrittenOut)
def value_store(request: HttpRequest, slug: Slug, payload: list[ValueIn]):
    """Store values atomically (coordinators); an unknown indicator or bad period is a 422 naming the row."""
    network = network_for(request, slug, NetworkRole.COORDINATOR)
    indicators = network.indicators.in_bulk({row.indicator for row in payload})
    errors = {}
    for index, row in enumerate(payload):
        if row.indicator not in indicators:
            errors[f"{index}.indicator"] = [_("There is no indicator with id %(id)s in this network.")
                                            % {"id": row.indicator}]
        try:
            parse_period(row.period)
        except ValueError as error:
            errors[f"{index}.period"] = [str(error)]
    if errors:
        raise ValidationError(errors)
    written = services.values_store(network=network, rows=[services.ValueRow(
        indicator=indicators[row.indicator], area_code=row.area_code, period=row.period, value=row.value,
        source=row.source, area_name=row.area_name) for row in payload])
    return {"created": written.created, "updated": written.updated}


@router.get("/networks/{slug}/goals/", response=list[GoalOut])
@paginate(Pagination)
def goal_list(request: HttpRequest, slug: Slug):
    """Goals with what the SMART check finds missing."""
    return selectors.goal_queryset(network=network_for(request, slug))


@router.post("/networks/{slug}/goals/", response={201: GoalOut})
def goal_create(request: HttpRequest, slug: Slug, payload: GoalIn):
    """Coordinators and admins; a goal belongs to a theme or a coalition."""
    network = network_for(request, slug, NetworkRole.COORDINATOR)
    data = payload.dict()
    for name, queryset in (("indicator", network.indicators), ("theme", network.themes),
                           ("coalition", network.coalitions), ("area", network.areas)):
        data[name] = reference(queryset, name, data[name], required=False)
    return 201, services.goal_create(network=network, **data)


@router.get("/networks/{slug}/data-reports/", response=list[ReportOut])
@paginate(Pagination)
def report_list(request: HttpRequest, slug: Slug):
    return network_for(request, slug).data_reports.all()


class LegitimationOut(Schema):
    routes: list[RouteOut]
    stress_signals: list[SignalOut]


@router.get("/networks/{slug}/legitimation/", response=LegitimationOut)
def legitimation_read(request: HttpRequest, slug: Slug):
    """The routes A–E with their evidence and the stress signals found in the data."""
    result = selectors.legitimation(network=network_for(request, slug))
    return {"routes": [{"route": r.route, "label": str(r.label), "evidence": r.evidence} for r in result.routes],
            "stress_signals": result.stress}


class ReportIn(Schema):
    title: Text = Field(min_length=1, max_length=200)
    due_date: datetime.date
    published_on: datetime.date | None = None
    is_public: bool = False
    url: Text = Field("", max_length=200)


class EvidenceIn(Schema):
    kind: EvidenceKind = EvidenceKind.STORY
    title: Text = Field(min_length=1, max_length=200)
    text: Text = Field(min_length=1)
    recorded_on: datetime.date
    theme: Id | None = None
    coalition: Id | None = None


class EvidenceItemOut(EvidenceIn):
    id: int
    theme: int | None = Field(alias="theme_id")
    coalition: int | None = Field(alias="coalition_id")


class ValueFunctionIn(Schema):
    function: ValueFunction
    beneficiary: Beneficiary
    note: Text = ""


class ValueFunctionOut(ValueFunctionIn):
    id: int
    coalition: int = Field(alias="coalition_id")


@router.post("/networks/{slug}/data-reports/", response={201: ReportOut})
def report_create(request: HttpRequest, slug: Slug, payload: ReportIn):
    """Plan a data-team report (coordinators)."""
    return 201, services.data_report_create(network=network_for(request, slug, NetworkRole.COORDINATOR),
                                            **payload.dict())


@router.get("/networks/{slug}/evidence/", response=list[EvidenceItemOut])
@paginate(Pagination)
def evidence_list(request: HttpRequest, slug: Slug):
    """Stories and lessons learned of themes and coalitions."""
    return network_for(request, slug).evidence.all()


@router.post("/networks/{slug}/evidence/", response={201: EvidenceItemOut})
def evidence_create(request: HttpRequest, slug: Slug, payload: EvidenceIn):
    network = network_for(request, slug, NetworkRole.COORDINATOR)
    data = payload.dict()
    data["theme"] = reference(network.themes, "theme", data["theme"], required=False)
    data["coalition"] = reference(network.coalitions, "coalition", data["coalition"], required=False)
    return 201, services.evidence_create(network=network, **data)


@router.post("/networks/{slug}/coalitions/{coalition_id}/value-functions/", response={201: ValueFunctionOut})
def value_function_create(request: HttpRequest, slug: Slug, coalition_id: PathId, payload: ValueFunctionIn):
    """Record which value function a coalition serves, for whom (coordinators)."""
    network = network_for(request, slug, NetworkRole.COORDINATOR)
    coalition = get_object_or_404(network.coalitions, pk=coalition_id)
    return 201, services.coalition_value_add(coalition=coalition, **payload.dict())
