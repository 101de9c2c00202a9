"""Thin views of survey results: resolve the network and round, call results.py, render.

Any member of a network (viewer and up) sees the aggregated results of closed rounds; statistics
that would give away fewer respondents than the anonymity minimum are suppressed by the
selectors. Results of a round still open: admins only, once the minimum have completed
(`results.visible_rounds`). Free text and evidence: coordinators and admins, every member when
the network publishes them (`results.texts_visible`). Raw answers (in the xlsx) only for admins.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.text import slugify
from django.utils.translation import gettext as _

from netwerkregie.audit import services as audit
from netwerkregie.core.charts import svg_download
from netwerkregie.core.views import network_view
from netwerkregie.registry.models import Network, NetworkRole

from . import charts, results
from .access import survey_access
from .dip import dip_assessment
from .instruments import instrument_get, instrument_list, localized
from .results_export import XLSX_CONTENT_TYPE, results_workbook
from .stored import stored_round_results


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        return None


@network_view()
def results_index(request: HttpRequest, network: Network) -> HttpResponse:
    rounds = results.round_list(network=network)
    asked = {key for r in rounds for key in r.instruments}
    return render(request, "assessments/results_index.html", {
        "rounds": rounds, "dip": dip_assessment(network=network),
        "visible": {r.pk for r in results.visible_rounds(rounds=rounds, membership=request.membership)},
        "trend_instruments": [(i.key, localized(i, "name")) for i in instrument_list() if i.key in asked],
        "quadrant_rounds": [r for r in rounds if results.QUADRANT_INSTRUMENT in r.instruments],
    })


@network_view()
def round_results(request: HttpRequest, network: Network, round_id: int) -> HttpResponse:
    round = results.round_get(network=network, round_id=round_id)
    keys = [k for k in round.instruments if _known(k)]
    selected = request.GET.get("instrument") or (keys[0] if keys else "")
    if keys and selected not in keys:
        raise Http404
    visible = results.results_visible(round=round, membership=request.membership)
    data = stored_round_results(round=round, instruments=[selected] if selected else [],
                                with_texts=results.texts_visible(network=network, membership=request.membership)
                                ) if visible else None
    result = data.instruments[0] if data and data.instruments else None
    chart_list, group_charts = [], []
    if result and not result.suppressed:
        chart_list = charts.distribution_charts(result, prefix=result.instrument.key)
        group_charts = [(results.GROUPINGS[kind], charts.group_chart(result, kind, prefix=result.instrument.key,
                                                                     minimum=data.minimum),
                         result.groups[kind]) for kind in results.GROUPINGS]
    if download := svg_download(request, [*chart_list, *(chart for _label, chart, _groups in group_charts)]):
        return download
    return render(request, "assessments/results_round.html", {
        "round": round, "data": data, "result": result, "charts": chart_list, "group_charts": group_charts,
        "instruments": [(k, localized(instrument_get(k), "name")) for k in keys], "selected": selected,
        "is_admin": request.membership.has_role(NetworkRole.ADMIN),
        "hidden_reason": None if visible else results.hidden_reason(round=round),
    })


def _known(key: str) -> bool:
    try:
        instrument_get(key)
    except KeyError:
        return False
    return True


@network_view()
def round_results_xlsx(request: HttpRequest, network: Network, round_id: int) -> HttpResponse:
    round = results.round_get(network=network, round_id=round_id)
    if not results.results_visible(round=round, membership=request.membership):
        raise PermissionDenied(results.hidden_reason(round=round))
    raw = survey_access(request.membership).raw_answers and request.GET.get("raw") == "1"
    content = results_workbook(round=round, include_raw=raw,
                               include_texts=results.texts_visible(network=network, membership=request.membership))
    audit.record(action=audit.AuditAction.RAW_ANSWERS if raw else audit.AuditAction.EXPORT, actor=request.user,
                 network=network, detail=f"{round.name}: {_('results')}")
    response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
    name = slugify(f"{round.name}-{_('results')}{'-raw' if raw else ''}")
    response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    return response


@network_view()
def results_trend(request: HttpRequest, network: Network) -> HttpResponse:
    rounds = results.visible_rounds(rounds=results.round_list(network=network), membership=request.membership)
    asked = [i for i in instrument_list() if any(i.key in r.instruments for r in rounds)]
    keys = [i.key for i in asked]
    selected = request.GET.get("instrument") or (results.CONDITIONS_INSTRUMENT
                                                 if results.CONDITIONS_INSTRUMENT in keys else (keys or [""])[0])
    if selected and selected not in keys:
        raise Http404
    trend = results.trend(network=network, instrument_key=selected, rounds=rounds) if selected else None
    chart = charts.trend_chart(trend) if trend else None
    if download := svg_download(request, [chart]):
        return download
    return render(request, "assessments/results_trend.html", {
        "instruments": [(i.key, localized(i, "name")) for i in asked], "selected": selected, "trend": trend,
        "chart": chart,
    })


@network_view()
def results_compare(request: HttpRequest, network: Network) -> HttpResponse:
    rounds = results.visible_rounds(rounds=results.round_list(network=network), membership=request.membership)
    by_id = {r.pk: r for r in rounds}
    a, b = _int(request.GET.get("a")), _int(request.GET.get("b"))
    if (a is not None and a not in by_id) or (b is not None and b not in by_id):
        raise Http404
    if a is None and b is None and len(rounds) >= 2:
        b, a = rounds[0].pk, rounds[1].pk  # newest first: compare the last two rounds
    comparison = None
    if a is not None and b is not None:
        comparison = results.round_comparison(before=by_id[a], after=by_id[b])
    chart = charts.comparison_chart(comparison) if comparison else None
    if download := svg_download(request, [chart]):
        return download
    return render(request, "assessments/results_compare.html", {
        "rounds": rounds, "a": a, "b": b, "comparison": comparison, "chart": chart,
        "change_share": round(results.CHANGE_SHARE_OF_RANGE * 100, 1),
    })


@network_view()
def results_quadrant(request: HttpRequest, network: Network) -> HttpResponse:
    rounds = [r for r in results.visible_rounds(rounds=results.round_list(network=network),
                                                membership=request.membership)
              if results.QUADRANT_INSTRUMENT in r.instruments]
    by_id = {r.pk: r for r in rounds}
    round_id = _int(request.GET.get("round"))
    if request.GET.get("round") and round_id not in by_id:
        raise Http404
    round = by_id.get(round_id) if round_id else (rounds[0] if rounds else None)
    quadrants = results.quadrants(round=round) if round else []
    minimum = network.anonymity_minimum
    quadrant_charts = [(q, charts.quadrant_chart(q, minimum=minimum)) for q in quadrants]
    if download := svg_download(request, [chart for q, chart in quadrant_charts if not q.suppressed]):
        return download
    return render(request, "assessments/results_quadrant.html", {
        "rounds": rounds, "round": round, "quadrants": quadrants, "charts": quadrant_charts,
        "quadrant_names": [(results.QUADRANT_SHORT[k], v) for k, v in results.QUADRANT_NAMES.items()],
        "suppressed_label": results.suppressed_label(minimum), "withheld_label": results.withheld_label(minimum),
    })
