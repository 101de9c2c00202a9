"""Thin views of survey results: resolve the network and round, call the results selectors, render.

Any member of a network (viewer and up) sees the aggregated results of closed rounds; statistics
that would give away fewer respondents than the anonymity minimum are suppressed by the
selectors. Results of a round still open: admins only, once the minimum have completed
(`visibility.visible_rounds`). Free text and evidence: coordinators and admins, every member when
the network publishes them (`visibility.texts_visible`). Raw answers (in the xlsx) only for admins.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.text import slugify
from django.utils.translation import gettext as _

from netwerkregie.audit import services as audit
from netwerkregie.core.charts import svg_download
from netwerkregie.core.roles import NetworkRole
from netwerkregie.core.views import full_version_needs_second_factor, network_view
from netwerkregie.core.xlsx import XLSX_CONTENT_TYPE
from netwerkregie.registry.models import Network

from .. import charts, selectors
from ..access import survey_access
from ..instruments import instrument_get, instrument_list, localized
from . import breakdown, quadrant, stats, trends, visibility
from .export import results_workbook
from .stored import stored_comparison, stored_dip, stored_quadrants, stored_round_results, stored_trend


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        return None


@network_view()
def results_index(request: HttpRequest, network: Network) -> HttpResponse:
    rounds = selectors.round_list(network=network)
    asked = {key for r in rounds for key in r.instruments}
    return render(request, "assessments/results_index.html", {
        "rounds": rounds, "dip": stored_dip(network=network),
        "visible": {r.pk for r in visibility.visible_rounds(rounds=rounds, membership=request.membership)},
        "trend_instruments": [(i.key, localized(i, "name")) for i in instrument_list() if i.key in asked],
        "quadrant_rounds": [r for r in rounds if quadrant.QUADRANT_INSTRUMENT in r.instruments],
    })


@network_view()
def round_results(request: HttpRequest, network: Network, round_id: int) -> HttpResponse:
    survey_round = selectors.round_get(network=network, pk=round_id)
    keys = [k for k in survey_round.instruments if _known(k)]
    selected = request.GET.get("instrument") or (keys[0] if keys else "")
    if keys and selected not in keys:
        raise Http404
    visible = visibility.results_visible(survey_round=survey_round, membership=request.membership)
    data = stored_round_results(survey_round=survey_round, instruments=[selected] if selected else [],
                                with_texts=visibility.texts_visible(network=network, membership=request.membership)
                                ) if visible else None
    result = data.instruments[0] if data and data.instruments else None
    chart_list, group_charts = [], []
    if result and not result.suppressed:
        chart_list = charts.distribution_charts(result, prefix=result.instrument.key)
        group_charts = [(breakdown.GROUPINGS[kind], charts.group_chart(result, kind, prefix=result.instrument.key,
                                                                     minimum=data.minimum),
                         result.groups[kind]) for kind in breakdown.GROUPINGS]
    if download := svg_download(request, [*chart_list, *(chart for _label, chart, _groups in group_charts)]):
        return download
    return render(request, "assessments/results_round.html", {
        "round": survey_round, "data": data, "result": result, "charts": chart_list, "group_charts": group_charts,
        "instruments": [(k, localized(instrument_get(k), "name")) for k in keys], "selected": selected,
        "is_admin": request.membership.has_role(NetworkRole.ADMIN),
        "hidden_reason": None if visible else visibility.hidden_reason(survey_round=survey_round),
    })


def _known(key: str) -> bool:
    try:
        instrument_get(key)
    except KeyError:
        return False
    return True


@network_view()
def round_results_xlsx(request: HttpRequest, network: Network, round_id: int) -> HttpResponse:
    survey_round = selectors.round_get(network=network, pk=round_id)
    if not visibility.results_visible(survey_round=survey_round, membership=request.membership):
        raise PermissionDenied(visibility.hidden_reason(survey_round=survey_round))
    if request.GET.get("raw") == "1":
        full_version_needs_second_factor(request)
    raw = survey_access(request.membership).raw_answers and request.GET.get("raw") == "1"
    content = results_workbook(survey_round=survey_round, include_raw=raw,
                               include_texts=visibility.texts_visible(network=network, membership=request.membership))
    audit.record(action=audit.AuditAction.RAW_ANSWERS if raw else audit.AuditAction.EXPORT, actor=request.user,
                 network=network, detail=f"{survey_round.name}: {_('results')}")
    response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
    name = slugify(f"{survey_round.name}-{_('results')}{'-raw' if raw else ''}")
    response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    return response


@network_view()
def results_trend(request: HttpRequest, network: Network) -> HttpResponse:
    rounds = visibility.visible_rounds(rounds=selectors.round_list(network=network), membership=request.membership)
    asked = [i for i in instrument_list() if any(i.key in r.instruments for r in rounds)]
    selected = trends.trend_instrument(asked=[i.key for i in asked], chosen=request.GET.get("instrument"))
    trend = stored_trend(network=network, instrument_key=selected, rounds=rounds) if selected else None
    chart = charts.trend_chart(trend) if trend else None
    if download := svg_download(request, [chart]):
        return download
    return render(request, "assessments/results_trend.html", {
        "instruments": [(i.key, localized(i, "name")) for i in asked], "selected": selected, "trend": trend,
        "chart": chart,
    })


@network_view()
def results_compare(request: HttpRequest, network: Network) -> HttpResponse:
    rounds = visibility.visible_rounds(rounds=selectors.round_list(network=network), membership=request.membership)
    before, after = trends.compared_rounds(rounds=rounds, before_id=_int(request.GET.get("a")),
                                           after_id=_int(request.GET.get("b")))
    comparison = stored_comparison(before=before, after=after) if before and after else None
    chart = charts.comparison_chart(comparison) if comparison else None
    if download := svg_download(request, [chart]):
        return download
    return render(request, "assessments/results_compare.html", {
        "rounds": rounds, "a": before.pk if before else None, "b": after.pk if after else None,
        "comparison": comparison, "chart": chart,
        "change_share": round(trends.CHANGE_SHARE_OF_RANGE * 100, 1), "verdicts": charts.verdict_legend(),
    })


@network_view()
def results_quadrant(request: HttpRequest, network: Network) -> HttpResponse:
    rounds = [r for r in visibility.visible_rounds(rounds=selectors.round_list(network=network),
                                                membership=request.membership)
              if quadrant.QUADRANT_INSTRUMENT in r.instruments]
    survey_round = quadrant.quadrant_round(rounds=rounds, chosen=request.GET.get("round"))
    quadrants = stored_quadrants(survey_round=survey_round) if survey_round else []
    minimum = network.anonymity_minimum
    quadrant_charts = [(q, charts.quadrant_chart(q, minimum=minimum)) for q in quadrants]
    if download := svg_download(request, [chart for q, chart in quadrant_charts if not q.suppressed]):
        return download
    return render(request, "assessments/results_quadrant.html", {
        "rounds": rounds, "round": survey_round, "quadrants": quadrants, "charts": quadrant_charts,
        "quadrant_names": [(quadrant.QUADRANT_SHORT[k], v) for k, v in quadrant.QUADRANT_NAMES.items()],
        "suppressed_label": stats.suppressed_label(minimum), "withheld_label": stats.withheld_label(minimum),
    })
