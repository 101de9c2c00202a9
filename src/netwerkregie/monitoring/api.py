"""Monitoring endpoints under /api/v1: indicators, areas, values, goals, data-team reports, legitimation.

Every member (viewer and up) reads; coordinators and admins create, change (PATCH) and delete
indicators, values, goals, data-team reports, evidence and value functions, and store values;
a delete that would destroy history (an indicator's values or goals, a goal's applications) is a
422 naming what depends on it. A network the caller is not a member of is a 404; ids of another network in the
body are a 422 naming the field.
"""

import datetime
import inspect
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Annotated

from django.core.exceptions import ValidationError
from django.db.models import Model, QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema
from ninja.pagination import paginate

from netwerkregie.core.api import Id, Pagination, PathId, Slug, Text, network_for, partial, patch_data, reference
from netwerkregie.core.roles import NetworkRole
from netwerkregie.registry.models import Network

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
    id: int
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


NO_CONTENT = {204: None}
IndicatorPatch = partial(IndicatorIn)
GoalPatch = partial(GoalIn)
ReportPatch = partial(ReportIn)
EvidencePatch = partial(EvidenceIn)
ValueFunctionPatch = partial(ValueFunctionIn)
ValuePatch = partial(ValueIn, exclude=("indicator", "area_code", "period", "area_name"))


@dataclass(frozen=True)
class Editable:
    """A kind of record coordinators change (PATCH) and delete under `/networks/{slug}/<path>/{<param>}/`.

    `rows` are the network's records of the kind, `update` and `delete` call its services, `references` turn
    ids in the body into the network's objects (422 naming the field otherwise), `answer` re-reads the changed
    record for the response where the service's return lacks what the schema shows.
    """

    name: str
    path: str
    param: str
    rows: Callable[[Network], QuerySet]
    patch: type[Schema]
    out: type[Schema]
    update: Callable[..., Model]
    delete: Callable[[Model], None]
    references: tuple[tuple[str, Callable[[Network], QuerySet]], ...] = ()
    answer: Callable[[Network, Model], Model] | None = None
    update_doc: str = ""
    delete_doc: str = ""


EDITABLES = (
    Editable("indicator", "indicators", "indicator_id", lambda n: n.indicators, IndicatorPatch, IndicatorOut,
             lambda record, data: services.indicator_update(indicator=record, **data),
             lambda record: services.indicator_delete(indicator=record),
             answer=lambda n, record: selectors.indicator_list(network=n).get(pk=record.pk),
             update_doc="Change an indicator (coordinators).",
             delete_doc="Delete an indicator without values or goals (coordinators); otherwise 422 naming them."),
    Editable("value", "indicator-values", "value_id", lambda n: selectors.network_values(network=n), ValuePatch,
             ValueOut, lambda record, data: services.value_update(indicator_value=record, **data),
             lambda record: services.value_delete(indicator_value=record),
             update_doc="Correct one value or its source (coordinators); indicator, area and period are what it "
                        "is of."),
    Editable("goal", "goals", "goal_id", lambda n: n.goals, GoalPatch, GoalOut,
             lambda record, data: services.goal_update(goal=record, **data),
             lambda record: services.goal_delete(goal=record),
             references=(("indicator", lambda n: n.indicators), ("theme", lambda n: n.themes),
                         ("coalition", lambda n: n.coalitions), ("area", lambda n: n.areas)),
             answer=lambda n, record: selectors.goal_queryset(network=n).get(pk=record.pk),
             delete_doc="Delete a goal no funding application refers to (coordinators); otherwise 422 naming "
                        "them."),
    Editable("report", "data-reports", "report_id", lambda n: n.data_reports, ReportPatch, ReportOut,
             lambda record, data: services.data_report_update(report=record, **data),
             lambda record: services.data_report_delete(report=record)),
    Editable("evidence", "evidence", "evidence_id", lambda n: n.evidence, EvidencePatch, EvidenceItemOut,
             lambda record, data: services.evidence_update(evidence=record, **data),
             lambda record: services.evidence_delete(evidence=record),
             references=(("theme", lambda n: n.themes), ("coalition", lambda n: n.coalitions))),
    Editable("value_function", "value-functions", "value_id",
             lambda n: selectors.network_coalition_values(network=n), ValueFunctionPatch, ValueFunctionOut,
             lambda record, data: services.coalition_value_update(value=record, **data),
             lambda record: services.coalition_value_delete(value=record)),
)


def _endpoint(function: Callable, name: str, doc: str, param: str, payload: type[Schema] | None = None) -> Callable:
    """`function` as a view named `name` (its operation id) taking the path parameter `param`."""
    parameters = [inspect.Parameter("request", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=HttpRequest),
                  inspect.Parameter("slug", inspect.Parameter.KEYWORD_ONLY, annotation=Slug),
                  inspect.Parameter(param, inspect.Parameter.KEYWORD_ONLY, annotation=PathId)]
    if payload is not None:
        parameters.append(inspect.Parameter("payload", inspect.Parameter.KEYWORD_ONLY, annotation=payload))
    function.__signature__ = inspect.Signature(parameters)
    function.__name__ = function.__qualname__ = name
    function.__doc__ = doc or None
    return function


def _register(editable: Editable) -> None:
    path = f"/networks/{{slug}}/{editable.path}/{{{editable.param}}}/"

    def record_of(request: HttpRequest, slug: str, ids: dict) -> tuple[Network, Model]:
        network = network_for(request, slug, NetworkRole.COORDINATOR)
        return network, get_object_or_404(editable.rows(network), pk=ids[editable.param])

    def update(request: HttpRequest, slug: str, payload: Schema, **ids):
        network, record = record_of(request, slug, ids)
        data = patch_data(payload)
        for name, queryset in editable.references:
            if name in data:
                data[name] = reference(queryset(network), name, data[name], required=False)
        changed = editable.update(record, data)
        return editable.answer(network, record) if editable.answer else changed

    def delete(request: HttpRequest, slug: str, **ids):
        editable.delete(record_of(request, slug, ids)[1])
        return 204, None

    router.patch(path, response=editable.out)(
        _endpoint(update, f"{editable.name}_update", editable.update_doc, editable.param, editable.patch))
    router.delete(path, response=NO_CONTENT)(
        _endpoint(delete, f"{editable.name}_delete", editable.delete_doc, editable.param))


for _editable in EDITABLES:
    _register(_editable)
