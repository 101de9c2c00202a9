"""Charts as Vega-Lite specs built in Python: one spec, drawn in the browser and on the server.

Every app builds its specs as plain dicts and wraps them in a `Chart`, which also knows the
columns of its table view. The table view shows the very rows in the spec's data, so what a
screen reader reads is what the chart draws. `chart_svg` renders the same spec on the server
(vl-convert, no browser) for PDF reports and downloads.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import vl_convert
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.text import slugify
from django.utils.translation import get_language

# The Vega-Lite version vendored under static/vendor/vega (see VERSIONS.md); the server renders
# with the same major version so both sides read the spec alike.
VEGA_LITE_VERSION = "6.4"
SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json"


@dataclass
class Chart:
    """A spec, its title and the columns (data field, label) of its table view."""

    id: str
    title: str
    spec: dict[str, Any]
    columns: list[tuple[str, str]]
    description: str = ""
    notes: list[str] = field(default_factory=list)

    @property
    def spec_id(self) -> str:
        return f"{self.id}-spec"

    @property
    def rows(self) -> list[list[Any]]:
        return [[row.get(name) for name, _label in self.columns] for row in self.spec["data"]["values"]]

    @property
    def is_empty(self) -> bool:
        return not self.spec["data"]["values"]


# d3-format and d3-time-format locales (Vega's `config.locale`), so axes and tooltips read
# "0,5", "€ 25.000" and "maart 2026" in Dutch. English uses Vega's own defaults.
DUTCH_LOCALE = {
    "number": {"decimal": ",", "thousands": ".", "grouping": [3], "currency": ["€ ", ""]},
    "time": {
        "dateTime": "%A %e %B %Y %X", "date": "%d-%m-%Y", "time": "%H:%M:%S",
        "periods": ["", ""],
        "days": ["zondag", "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag"],
        "shortDays": ["zo", "ma", "di", "wo", "do", "vr", "za"],
        "months": ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
                   "september", "oktober", "november", "december"],
        "shortMonths": ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt",
                        "nov", "dec"],
    },
}


def spec(*, data: list[dict[str, Any]], description: str = "", **parts: Any) -> dict[str, Any]:
    """A Vega-Lite spec with inline data and the defaults every chart of the app shares,
    including the number and date notation of the active language."""
    config: dict[str, Any] = {"font": "system-ui, sans-serif", "view": {"stroke": None}}
    if (get_language() or "nl").startswith("nl"):
        config["locale"] = DUTCH_LOCALE
    return {"$schema": SCHEMA, "description": description, "data": {"values": data},
            "width": "container", "config": config, **parts}


def chart_svg(chart_spec: dict[str, Any]) -> str:
    """Render a spec to SVG on the server; 'container' widths get a fixed size for print."""
    printable = dict(chart_spec)
    if printable.get("width") == "container":
        printable["width"] = 560
    return vl_convert.vegalite_to_svg(printable, vl_version=VEGA_LITE_VERSION)


def svg_download(request: HttpRequest, charts: Iterable[Chart | None]) -> HttpResponse | None:
    """With `?svg=<chart id>`, that chart of the page as an SVG file drawn on the server (for slides
    and reports); without it None, so the view renders its page. An unknown or empty chart is a 404.
    """
    wanted = request.GET.get("svg")
    if not wanted:
        return None
    for chart in charts:
        if chart is not None and chart.id == wanted and not chart.is_empty:
            response = HttpResponse(chart_svg(chart.spec), content_type="image/svg+xml")
            response["Content-Disposition"] = f'attachment; filename="{slugify(chart.title) or chart.id}.svg"'
            return response
    raise Http404
