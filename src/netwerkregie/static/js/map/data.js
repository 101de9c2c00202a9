/* The map data's compact rows (analysis/map/selectors.py, map_json) as Cytoscape elements.
 *
 * Nodes and relations come as rows under one header; a relation names its organisations by
 * row index and its source and kind by index into the legend, so no label is repeated. The
 * elements get the fields the stylesheet, panels and table read: label, colour, municipality,
 * and per relation the node ids, src and kind keys. */

function records({ fields, rows }) {
  return rows.map((row) => Object.fromEntries(fields.map((field, i) => [field, row[i]])));
}

export function decode(data) {
  const types = new Map(data.legend.types.map((type) => [type.id, type]));
  const nodes = records(data.nodes).map(({ x, y, ...d }) => ({
    data: {
      ...d,
      id: String(d.id),
      colour: types.get(d.type)?.colour || "#BBBBBB",
      municipality: d.municipality == null ? "" : data.municipalities[d.municipality],
    },
    position: { x, y },
  }));
  const sources = data.legend.sources.map((source) => source.key);
  const kinds = data.legend.kinds.map((kind) => kind.key);
  const edges = records(data.edges).map((d) => {
    const edge = {
      ...d,
      source: nodes[d.source].data.id,
      target: nodes[d.target].data.id,
      src: sources[d.src],
      kind: kinds[d.kind],
      strong: Boolean(d.strong),
      directed: Boolean(d.directed),
    };
    if (edge.trust == null) delete edge.trust;
    return { data: edge };
  });
  return { ...data, elements: { nodes, edges } };
}
