"""The network map as a standalone vector SVG drawn on the server, for PDF reports.

Draws `selectors.map_data` as the browser's default view does with its preset positions: the
strongest ties (strongest.py) as lines in their kind's colour, organisations as circles in
their type group's colour sized by degree, and names for the best-connected organisations
where they do not overlap, so the PDF stays readable. The legend is left to the report, which
has the map's own legend data.
"""

from __future__ import annotations

import math
from xml.sax.saxutils import escape, quoteattr

WIDTH = 680.0  # points: the text width of an A4 page with 2 cm margins, at most
LABELLED = 20  # at most this many organisations are named, the best-connected first
FONT_SIZE = 6.5
CHARACTER_WIDTH = 0.55  # of the font size: a sans-serif name's average character, to keep names apart
MARGIN = 12.0
# At most this many relations are drawn, the strongest first: more are an unreadable tangle on
# paper, and each costs the PDF renderer time (20,000 lines take it about a minute).
MAX_LINES = 3000


def _n(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _fences(values: list[float]) -> tuple[float, float]:
    values = sorted(values)
    q1, q3 = values[len(values) // 4], values[(3 * len(values)) // 4]
    return max(values[0], q1 - 1.5 * (q3 - q1)), min(values[-1], q3 + 1.5 * (q3 - q1))


def drawn_edges(data: dict) -> list[dict]:
    """The relations the SVG draws: those of the strongest ties, at most the MAX_LINES with the highest weight."""
    edges = [edge for edge in data["elements"]["edges"] if edge["data"].get("strong", True)]
    if len(edges) <= MAX_LINES:
        return edges
    return sorted(edges, key=lambda edge: -edge["data"]["weight"])[:MAX_LINES]


def _labels(nodes: list[dict], position: dict[str, tuple[float, float]],
            radii: dict[str, float]) -> list[tuple[str, float, float]]:
    """Names under the organisations in label order (`rank`), skipping a name that would overlap one placed."""
    placed: list[tuple[float, float, float, float]] = []
    labels = []
    for node in sorted(nodes, key=lambda n: n["data"].get("rank", 0)):
        x, y = position[node["data"]["id"]]
        baseline = y + radii[node["data"]["id"]] + FONT_SIZE
        half = len(node["data"]["label"]) * FONT_SIZE * CHARACTER_WIDTH / 2
        box = (x - half, baseline - FONT_SIZE, x + half, baseline + 1)
        if any(box[0] < other[2] and other[0] < box[2] and box[1] < other[3] and other[1] < box[3]
               for other in placed):
            continue
        placed.append(box)
        labels.append((node["data"]["label"], x, baseline))
        if len(labels) == LABELLED:
            break
    return labels


def drawn_ties(data: dict) -> int:
    """How many ties (pairs of organisations, as the analysis counts them) the drawn relations show."""
    return len({frozenset((edge["data"]["source"], edge["data"]["target"])) for edge in drawn_edges(data)})


def map_svg(data: dict, *, width: float = WIDTH, title: str = "") -> str:
    """`data` as `map_data` returns it, drawn into a square of `width` points."""
    nodes = data["elements"]["nodes"]
    edges = drawn_edges(data)
    colours = {kind["key"]: kind["colour"] for kind in data["legend"]["kinds"]}
    if not nodes:
        return ""
    # Isolated organisations drift far off in a force layout: the box is the quartiles widened by
    # 1.5 times their distance (Tukey's fences); organisations outside it sit on its edge, so the
    # rest of the map keeps its size.
    left, right = _fences([node["position"]["x"] for node in nodes])
    top, bottom = _fences([node["position"]["y"] for node in nodes])
    scale = (width - 2 * MARGIN) / (max(right - left, bottom - top) or 1.0)
    height = (bottom - top) * scale + 2 * MARGIN + 10

    def place(x: float, y: float) -> tuple[float, float]:
        return (MARGIN + (min(max(x, left), right) - left) * scale, MARGIN + (min(max(y, top), bottom) - top) * scale)

    position = {node["data"]["id"]: place(node["position"]["x"], node["position"]["y"]) for node in nodes}
    degrees = [node["data"].get("degree", 0) for node in nodes]
    most = max(degrees) or 1
    radius_base = max(1.5, min(7.0, 180 / math.sqrt(len(nodes)) / 4))
    stroke = max(0.15, min(1.0, 40 / math.sqrt(len(edges) + 1) / 4))

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
                         f'stroke-width="{_n(stroke)}" stroke-opacity="0.5"/>')
    parts.append('</g><g class="nodes" stroke="#ffffff" stroke-width="0.6">')
    radii = {}
    for node, degree in zip(nodes, degrees, strict=True):
        x, y = position[node["data"]["id"]]
        radii[node["data"]["id"]] = radius = radius_base * (0.6 + 0.8 * math.sqrt(degree / most))
        parts.append(f'<circle cx="{_n(x)}" cy="{_n(y)}" r="{_n(radius)}" fill="{node["data"]["colour"]}"/>')
    labels = [f'<text x="{_n(x)}" y="{_n(y)}">{escape(label)}</text>'
              for label, x, y in _labels(nodes, position, radii)]
    parts.append(f'</g><g class="labels" font-size="{FONT_SIZE}" fill="#1d2530">')
    parts += labels
    parts.append("</g></svg>")
    return "\n".join(parts)
