"""Vega-Lite specs of the survey results, built from the selectors in the results package.

Charts only draw what the results package returns: a suppressed group is never in a chart's data, it is
named in the chart's notes as "fewer than N respondents". Labels follow the active language.
"""

from __future__ import annotations

from django.utils.text import capfirst
from django.utils.translation import gettext as _

from netwerkregie.core.charts import Chart, spec

from .results.breakdown import GROUPINGS, InstrumentResult
from .results.quadrant import QUADRANT_SHORT, Quadrant
from .results.stats import Stat, suppressed_label, withheld_label
from .results.trends import Comparison, Trend

# Answer colours: a diverging scale from disagree (red) to agree (blue); "don't know" grey.
DIVERGING = {
    4: ["#d7191c", "#fdae61", "#abd9e9", "#2c7bb6"],
    5: ["#d7191c", "#fdae61", "#e9e29c", "#abd9e9", "#2c7bb6"],
    10: ["#9e0142", "#d53e4f", "#f46d43", "#fdae61", "#fee08b", "#e6f598", "#abdda4", "#66c2a5",
         "#3288bd", "#5e4fa2"],
}
DONT_KNOW_COLOUR = "#b0b0b0"


def _r(value: float | None, digits: int = 2) -> float | None:
    return None if value is None else round(value, digits)


def _scale_domain(stats: list[Stat]) -> list[float] | None:
    scales = {s.scale for s in stats if s.scale}
    return list(scales.pop()) if len(scales) == 1 else None


def _answer_colours(distributions: list[list[tuple[str, str, int]]]) -> dict:
    """A colour scale for the answer categories: diverging for a scale, categorical otherwise."""
    categories = list(dict.fromkeys(label for d in distributions for _k, label, _c in d))
    keys = list(dict.fromkeys(key for d in distributions for key, _l, _c in d))
    numeric = [k for k in keys if k.isdigit()]
    if numeric and len(numeric) in DIVERGING and len(numeric) >= len(keys) - 1:
        colours = DIVERGING[len(numeric)] + ([DONT_KNOW_COLOUR] if len(keys) > len(numeric) else [])
        return {"domain": categories, "range": colours}
    return {"domain": categories, "scheme": "tableau10"}


def distribution_charts(result: InstrumentResult, *, prefix: str) -> list[Chart]:
    """Stacked bars of the answers per dimension, so disagreement is visible, not hidden in a mean.

    Dimensions scored on a scale share one chart; each dimension of choices gets its own.
    """
    visible = [s for s in result.dimensions if not s.suppressed and s.distribution]
    scaled = [s for s in visible if s.method != "distribution"]
    sets = ([(f"{prefix}-dist", _("Answers per dimension"), [(s.name, s.distribution) for s in scaled])]
            if scaled else [])
    sets += [(f"{prefix}-dist-{s.key}", s.name, s.items) for s in visible if s.method == "distribution"]
    charts = []
    for chart_id, title, bars in sets:
        rows = []
        for name, distribution in bars:
            total = sum(count for _k, _l, count in distribution) or 1
            rows += [{"dimension": name, "answer": label, "order": i, "count": count,
                      "share": round(count / total, 3)}
                     for i, (_key, label, count) in enumerate(distribution)]
        chart_spec = spec(
            data=rows, description=title, mark={"type": "bar", "tooltip": True},
            height={"step": 28},
            encoding={
                "y": {"field": "dimension", "type": "nominal", "title": None, "sort": None},
                "x": {"field": "count", "type": "quantitative", "stack": "normalize",
                      "title": _("share of answers"), "axis": {"format": "%"}},
                "color": {"field": "answer", "type": "nominal", "title": _("answer"),
                          "scale": _answer_colours([d for _n, d in bars]), "sort": None},
                "order": {"field": "order", "type": "quantitative"},
            })
        charts.append(Chart(chart_id, title, chart_spec,
                            [("dimension", _("dimension")), ("answer", _("answer")), ("count", _("count")),
                             ("share", _("share"))]))
    return charts


def group_chart(result: InstrumentResult, kind: str, *, prefix: str, minimum: int) -> Chart:
    """Means per dimension for every group of one grouping that meets the anonymity minimum."""
    rows, hidden = [], []
    for group in result.groups.get(kind, []):
        if group.suppressed:
            hidden.append(group.label)
            continue
        rows += [{"dimension": s.name, "group": group.label, "mean": _r(s.mean), "median": _r(s.median),
                  "n": s.n} for s in group.dimensions if not s.suppressed and s.mean is not None]
    notes = [f"{capfirst(withheld_label(minimum))}: {', '.join(hidden)}"] if hidden else []
    stats = [s for g in result.groups.get(kind, []) for s in g.dimensions]
    x = {"field": "mean", "type": "quantitative", "title": _("mean")}
    domain = _scale_domain(stats)
    if domain:
        x["scale"] = {"domain": domain}
    title = _("Means by %(grouping)s") % {"grouping": GROUPINGS[kind]}
    chart_spec = spec(
        data=rows, description=title, mark={"type": "bar", "tooltip": True, "clip": True}, height={"step": 12},
        encoding={"y": {"field": "dimension", "type": "nominal", "title": None, "sort": None},
                  "yOffset": {"field": "group", "type": "nominal"},
                  "x": x, "color": {"field": "group", "type": "nominal", "title": str(GROUPINGS[kind])}})
    return Chart(f"{prefix}-by-{kind}", title, chart_spec,
                 [("group", str(GROUPINGS[kind])), ("dimension", _("dimension")), ("n", "n"),
                  ("mean", _("mean")), ("median", _("median"))], notes=notes)


def trend_chart(trend: Trend) -> Chart:
    """Each dimension's mean per round with its 95% confidence band (mean ± 1.96·sd/√n)."""
    rows, notes = [], []
    for series in trend.series:
        for order, point in enumerate(series.points):
            if point.stat.suppressed or point.stat.mean is None:
                notes.append(f"{series.name}, {point.round.name}: {suppressed_label(trend.minimum)}")
                continue
            rows.append({"dimension": series.name, "round": point.round.name, "order": order,
                         "n": point.stat.n, "mean": _r(point.stat.mean),
                         "ci_low": _r(point.stat.ci_low), "ci_high": _r(point.stat.ci_high)})
    domain = _scale_domain([p.stat for s in trend.series for p in s.points])
    y_scale = {"domain": domain} if domain else {"zero": False}
    x = {"field": "round", "type": "ordinal", "title": _("survey round"), "sort": [r.name for r in trend.rounds],
         "axis": {"labelAngle": 0}}
    colour = {"field": "dimension", "type": "nominal", "title": _("dimension")}
    title = _("Trend per dimension with 95% confidence band")
    chart_spec = spec(
        data=rows, description=title, height=320,
        layer=[
            {"mark": {"type": "area", "opacity": 0.15},
             "encoding": {"x": x, "y": {"field": "ci_low", "type": "quantitative", "scale": y_scale,
                                        "title": _("mean")},
                          "y2": {"field": "ci_high"}, "color": colour}},
            {"mark": {"type": "line", "point": True, "tooltip": True},
             "encoding": {"x": x, "y": {"field": "mean", "type": "quantitative"}, "color": colour}},
        ])
    return Chart("trend", title, chart_spec,
                 [("dimension", _("dimension")), ("round", _("survey round")), ("n", "n"), ("mean", _("mean")),
                  ("ci_low", _("lower bound")), ("ci_high", _("upper bound"))], notes=notes)


def comparison_chart(comparison: Comparison) -> Chart:
    """The change per dimension between two rounds; changes beyond the threshold stand out."""
    rows, notes = [], []
    for diff in comparison.differences:
        label = f"{diff.instrument.key}: {diff.name}"
        if diff.suppressed:
            notes.append(f"{label}: {suppressed_label(comparison.minimum)}")
            continue
        rows.append({"dimension": label, "before": _r(diff.before.mean), "after": _r(diff.after.mean),
                     "change": _r(diff.change), "threshold": _r(diff.threshold),
                     "flagged": _("beyond threshold") if diff.flagged else _("within threshold")})
    title = _("Change from %(before)s to %(after)s") % {"before": comparison.before.name,
                                                        "after": comparison.after.name}
    chart_spec = spec(
        data=rows, description=title, height={"step": 16},
        layer=[
            {"mark": {"type": "bar", "tooltip": True},
             "encoding": {"y": {"field": "dimension", "type": "nominal", "title": None, "sort": None},
                          "x": {"field": "change", "type": "quantitative", "title": _("change")},
                          "color": {"field": "flagged", "type": "nominal", "title": None,
                                    "scale": {"domain": [_("beyond threshold"), _("within threshold")],
                                              "range": ["#d7191c", "#9ecae1"]}}}},
            {"mark": {"type": "rule", "color": "#333"}, "encoding": {"x": {"datum": 0}}},
        ])
    return Chart("compare", title, chart_spec,
                 [("dimension", _("dimension")), ("before", comparison.before.name),
                  ("after", comparison.after.name), ("change", _("change")), ("flagged", _("flag"))], notes=notes)


def quadrant_chart(quadrant: Quadrant, *, minimum: int) -> Chart:
    """Respondents per square of the network-nature quadrant, and their centre; never one dot per person.

    Squares with fewer respondents than the anonymity minimum are left blank (named in the notes).
    """
    rows = [{"kind": _("respondents"), "x": b.x_low, "x2": b.x_high, "y": b.y_low, "y2": b.y_high,
             "count": b.count} for b in quadrant.bins]
    if quadrant.centre:
        rows.append({"kind": _("centre"), "x": round(quadrant.centre["x"], 2), "y": round(quadrant.centre["y"], 2),
                     "x2": None, "y2": None, "count": quadrant.n})
    notes = [f"{quadrant.label}: {suppressed_label(minimum)}"] if quadrant.suppressed else []
    if not quadrant.suppressed and sum(b.count for b in quadrant.bins) < quadrant.n:
        notes.append(_("Squares with fewer than %(minimum)d respondents are left blank.") % {"minimum": minimum})
    axis = {"domain": [-1, 1]}
    names = [{"x": x, "y": y, "name": str(QUADRANT_SHORT[key]), "align": "left" if x < 0 else "right"}
             for key, x, y in (("informal_ambition", -0.98, -0.95), ("informal_action", -0.98, 0.95),
                               ("formal_ambition", 0.98, -0.95), ("formal_action", 0.98, 0.95))]
    title = _("Nature of the network: %(subject)s") % {"subject": quadrant.label}
    squares = {"filter": {"field": "kind", "equal": _("respondents")}}
    position = {"x": {"field": "x", "type": "quantitative", "scale": axis,
                      "title": _("steering: informal ← → formal")},
                "x2": {"field": "x2"},
                "y": {"field": "y", "type": "quantitative", "scale": axis,
                      "title": _("content: guiding ambition ← → concrete action")},
                "y2": {"field": "y2"}}
    chart_spec = spec(
        data=rows, description=title, height=360, width=360,
        layer=[
            {"mark": {"type": "rect", "tooltip": True, "stroke": "#fff"}, "transform": [squares],
             "encoding": {**position, "color": {"field": "count", "type": "quantitative", "title": _("respondents"),
                                                "scale": {"scheme": "blues", "zero": True}}}},
            {"mark": {"type": "text", "fontSize": 13, "fontWeight": "bold"}, "transform": [
                squares, {"calculate": "(datum.x + datum.x2) / 2", "as": "cx"},
                {"calculate": "(datum.y + datum.y2) / 2", "as": "cy"}],
             "encoding": {"x": {"field": "cx", "type": "quantitative", "scale": axis},
                          "y": {"field": "cy", "type": "quantitative", "scale": axis}, "text": {"field": "count"}}},
            {"mark": {"type": "rule", "color": "#888"}, "encoding": {"x": {"datum": 0, "scale": axis}}},
            {"mark": {"type": "rule", "color": "#888"}, "encoding": {"y": {"datum": 0, "scale": axis}}},
            {"data": {"values": names},
             "mark": {"type": "text", "fontSize": 11, "color": "#555", "baseline": "middle"},
             "encoding": {"x": {"field": "x", "type": "quantitative"}, "y": {"field": "y", "type": "quantitative"},
                          "text": {"field": "name"}, "align": {"field": "align"}}},
            {"mark": {"type": "point", "shape": "cross", "filled": True, "size": 260, "color": "#d7191c",
                      "tooltip": True},
             "transform": [{"filter": {"field": "kind", "equal": _("centre")}}],
             "encoding": {"x": {"field": "x", "type": "quantitative", "scale": axis},
                          "y": {"field": "y", "type": "quantitative", "scale": axis}}},
        ])
    suffix = "network" if quadrant.theme_id is None else f"theme-{quadrant.theme_id}"
    return Chart(f"quadrant-{suffix}", title, chart_spec,
                 [("kind", _("what")), ("x", _("steering (−1 informal, +1 formal)")), ("x2", _("to")),
                  ("y", _("content (−1 ambition, +1 action)")), ("y2", _("to")), ("count", _("respondents"))],
                 notes=notes)
