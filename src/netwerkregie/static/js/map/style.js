/* The map's Cytoscape stylesheet: colours come from the data (type groups, kinds of relation). */

// Last in the stylesheet, so a highlight wins over the colours of kinds.
const EMPHASIS = [
  { selector: ".faded", style: { opacity: 0.1, "text-opacity": 0 } },
  { selector: "edge.highlight", style: { opacity: 1, "z-index": 10 } },
  { selector: "node.focus", style: { "border-width": 3, "border-color": "#212529", "z-index": 20 } },
  // Weaker ties are left out until "show all ties"; the hovered organisation is always named.
  { selector: "edge.weak", style: { display: "none" } },
  { selector: "node.hover", style: { label: "data(label)", "z-index": 30, "text-background-opacity": 0.85 } },
];

export function baseStyle(large) {
  return [
    {
      selector: "node",
      style: {
        "background-color": "data(colour)",
        label: "",
        width: "data(size)",
        height: "data(size)",
        "font-size": 11,
        "text-valign": "bottom",
        "text-margin-y": 2,
        color: "#212529",
        "text-outline-color": "#ffffff",
        "text-outline-width": 1,
        "text-background-color": "#ffffff",
        "text-background-opacity": 0,
        "text-background-padding": 1,
      },
    },
    { selector: "node.named", style: { label: "data(label)" } },
    {
      selector: "edge",
      style: {
        width: 1.5,
        "line-color": "#adb5bd",
        "target-arrow-color": "#adb5bd",
        opacity: 0.65,
        // Straight lines: the relations of one pair (several sources, both directions) lie on
        // one line instead of fanning out.
        "curve-style": large ? "haystack" : "straight",
      },
    },
    { selector: 'edge[src = "comembership"]', style: { "line-style": "dashed" } },
    { selector: 'edge[src = "manual"]', style: { "line-style": "dotted" } },
    {
      selector: "node.group-label",
      style: {
        label: "data(label)",
        "background-opacity": 0,
        width: 1,
        height: 1,
        "font-size": 16,
        "font-weight": "bold",
        "text-valign": "top",
        "min-zoomed-font-size": 4,
        events: "no",
      },
    },
  ].concat(large ? [] : [{ selector: "edge[?directed]", style: { "target-arrow-shape": "triangle", "arrow-scale": 0.8 } }]);
}

// Line width by weight and colour by kind of relation, for the data just loaded.
export function relationStyle(large, data) {
  let max = 1;
  for (const edge of data.elements.edges) max = Math.max(max, edge.data.weight);
  const width = { selector: "edge", style: { width: max > 1 ? `mapData(weight, 1, ${max}, 1, 6)` : 1.5 } };
  const kinds = data.legend.kinds.map((kind) => ({
    selector: `edge[kind = ${JSON.stringify(kind.key)}]`,
    style: { "line-color": kind.colour, "target-arrow-color": kind.colour },
  }));
  return baseStyle(large).concat([width], kinds, EMPHASIS);
}

export const initialStyle = (large) => baseStyle(large).concat(EMPHASIS);
