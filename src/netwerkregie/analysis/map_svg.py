"""The network map as a standalone vector SVG drawn on the server, for PDF reports.

Draws `map_selectors.map_data` as the browser would with its preset positions: relations as
lines in their kind's colour, organisations as circles in their type's colour sized by degree,
and names for the best-connected organisations (all of them in a small network), so the PDF
stays readable. The legend is left to the report, which has the map's own legend data.
"""

from __future__ import annotations

import math
from xml.sax.saxutils import escape, quoteattr

WIDTH = 680.0  # points: the text width of an A4 page with 2 cm margins, at most
LABELLED = 40  # above this many organisations only the best-connected ones are named
MARGIN = 12.0


def _n(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def map_svg(data: dict, *, width: float = WIDTH, title: str = "") -> str:
    """`data` as `map_data` returns it, drawn into a square of `width` points."""
    nodes = data["elements"]["nodes"]
    edges = data["elements"]["edges"]
    colours = {kind["key"]: kind["colour"] for kind in data["legend"]["kinds"]}
    if not nodes:
        return ""
    xs = [node["position"]["x"] for node in nodes]
    ys = [node["position"]["y"] for node in nodes]
    left, top = min(xs), min(ys)
    span = max(max(xs) - left, max(ys) - top) or 1.0
    inner = width - 2 * MARGIN
    scale = inner / span
    height = (max(ys) - top) * scale + 2 * MARGIN + 10
    position = {node["data"]["id"]: (MARGIN + (node["position"]["x"] - left) * scale,
                                     MARGIN + (node["position"]["y"] - top) * scale) for node in nodes}
    degrees = [node["data"].get("degree", 0) for node in nodes]
    most = max(degrees) or 1
    radius_base = max(1.5, min(7.0, 180 / math.sqrt(len(nodes)) / 4))
    stroke = max(0.15, min(1.0, 40 / math.sqrt(len(edges) + 1) / 4))
    named = {node["data"]["id"] for node in sorted(nodes, key=lambda n: -n["data"].get("degree", 0))[:LABELLED]}

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{_n(width)}" height="{_n(height)}" '
             f'viewBox="0 0 {_n(width)} {_n(height)}" font-family="sans-serif" text-anchor="middle" role="img"'
             + (f" aria-label={quoteattr(title)}" if title else "") + ">"]
    if title:
        parts.append(f"<title>{escape(title)}</title>")
    parts.append('<g class="edges" fill="none">')
    for edge in edges:
        source, target = position.get(edge["data"]["source"]), position.get(edge["data"]["target"])
        if source and target:
            parts.append(f'<line x1="{_n(source[0])}" y1="{_n(source[1])}" x2="{_n(target[0])}" '
                         f'y2="{_n(target[1])}" stroke="{colours.get(edge["data"]["kind"], "#999999")}" '
                         f'stroke-width="{_n(stroke)}" stroke-opacity="0.55"/>')
    parts.append('</g><g class="nodes" stroke="#ffffff" stroke-width="0.6">')
    labels = []
    for node, degree in zip(nodes, degrees, strict=True):
        x, y = position[node["data"]["id"]]
        radius = radius_base * (0.6 + 0.8 * math.sqrt(degree / most))
        parts.append(f'<circle cx="{_n(x)}" cy="{_n(y)}" r="{_n(radius)}" fill="{node["data"]["colour"]}"/>')
        if node["data"]["id"] in named:
            labels.append(f'<text x="{_n(x)}" y="{_n(y + radius + 6)}">{escape(node["data"]["label"])}</text>')
    parts.append('</g><g class="labels" font-size="6" fill="#222222" stroke="#ffffff" stroke-width="1.6" '
                 'paint-order="stroke">')
    parts += labels
    parts.append("</g></svg>")
    return "\n".join(parts)
