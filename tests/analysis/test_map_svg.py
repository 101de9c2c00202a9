"""The server-drawn map SVG: well-formed, names escaped, outliers on the edge, at most MAX_LINES lines."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from netwerkregie.analysis.map import svg as map_svg

SVG = "{http://www.w3.org/2000/svg}"


def _data(positions: list[tuple[float, float]], edges: list[tuple[int, int, float]]) -> dict:
    return {
        "elements": {
            "nodes": [{"data": {"id": str(i), "label": f"Org <{i}> & co", "colour": "#0072B2", "degree": i},
                       "position": {"x": x, "y": y}} for i, (x, y) in enumerate(positions)],
            "edges": [{"data": {"source": str(s), "target": str(t), "kind": "contract", "weight": w}}
                      for s, t, w in edges],
        },
        "legend": {"kinds": [{"key": "contract", "label": "contract", "colour": "#D55E00"}]},
    }


def test_the_svg_is_well_formed_with_escaped_names_and_every_node():
    positions = [(float(i % 5), float(i // 5)) for i in range(10)]
    root = ET.fromstring(map_svg.map_svg(_data(positions, [(0, 1, 1.0), (2, 3, 1.0)]), title="Kaart <A&B>"))
    assert root.find(f"{SVG}title").text == "Kaart <A&B>"
    assert len(root.findall(f".//{SVG}circle")) == 10 and len(root.findall(f".//{SVG}line")) == 2
    assert "Org <9> & co" in [text.text for text in root.iter(f"{SVG}text")]
    assert all(line.get("stroke") == "#D55E00" for line in root.iter(f"{SVG}line"))


def test_a_far_outlier_is_drawn_on_the_edge_without_shrinking_the_rest():
    positions = [(float(i % 4), float(i // 4)) for i in range(16)] + [(1000.0, 1000.0)]
    root = ET.fromstring(map_svg.map_svg(_data(positions, []), width=400))
    xs = [float(circle.get("cx")) for circle in root.iter(f"{SVG}circle")]
    assert max(xs) <= 400 - map_svg.MARGIN + 0.1
    assert xs[1] - xs[0] > 50  # the grid still spreads over the page: the outlier did not set the scale


def test_a_dense_network_draws_only_its_strongest_relations():
    positions = [(float(i), float(i % 7)) for i in range(100)]
    edges = [(s, t, 2.0 if s == 0 else 1.0) for s in range(100) for t in range(s + 1, 100)]
    data = _data(positions, edges)
    drawn = map_svg.drawn_edges(data)
    assert len(drawn) == map_svg.MAX_LINES < len(edges)
    assert all(edge["data"]["weight"] == 2.0 for edge in drawn[:99])
    assert len(ET.fromstring(map_svg.map_svg(data)).findall(f".//{SVG}line")) == map_svg.MAX_LINES
    assert map_svg.map_svg(_data([], [])) == ""
