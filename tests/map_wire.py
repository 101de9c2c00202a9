"""The map data's compact rows (analysis/map/selectors.py, map_json) read back as `map_data`'s elements.

The same reading as static/js/map/data.js, so a test can compare what the page and the API send
with `map_data`, and look at nodes and relations by name.
"""

from __future__ import annotations


def _records(table: dict) -> list[dict]:
    return [dict(zip(table["fields"], row, strict=True)) for row in table["rows"]]


def elements(payload: dict) -> dict:
    """`payload` (as sent) with `elements` as map_data gives them, and without the rows."""
    types = {t["id"]: t for t in payload["legend"]["types"]}
    nodes = []
    for d in _records(payload["nodes"]):
        x, y, municipality, kind = d.pop("x"), d.pop("y"), d["municipality"], types[d["type"]]
        d.update(id=str(d["id"]), group=kind["group"], colour=kind["colour"],
                 municipality="" if municipality is None else payload["municipalities"][municipality])
        nodes.append({"data": d, "position": {"x": x, "y": y}})
    sources = [s["key"] for s in payload["legend"]["sources"]]
    kinds = [k["key"] for k in payload["legend"]["kinds"]]
    edges = []
    for d in _records(payload["edges"]):
        d.update(source=nodes[d["source"]]["data"]["id"], target=nodes[d["target"]]["data"]["id"],
                 src=sources[d["src"]], kind=kinds[d["kind"]], weight=float(d["weight"]), strong=bool(d["strong"]))
        if d.pop("directed"):
            d["directed"] = True
        if d.get("trust", 0) is None:
            del d["trust"]
        edges.append({"data": d})
    rest = {key: value for key, value in payload.items() if key not in ("nodes", "edges", "municipalities")}
    return {**rest, "elements": {"nodes": nodes, "edges": edges}}
