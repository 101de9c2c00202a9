/* Where the organisations go: the server's force layout (settled further in the browser on small
 * maps), rings by centrality, or a grid per theme. */

export function runLayout(state) {
  const { cy, data } = state;
  cy.nodes(".group-label").remove();
  const nodes = cy.nodes();
  if (!nodes.length) return;
  const choice = state.layoutSelect.value;
  if (choice === "concentric") {
    const key = state.metric();
    let max = 0;
    nodes.forEach((node) => {
      max = Math.max(max, node.data(key) || 0);
    });
    nodes
      .layout({
        name: "concentric",
        animate: false,
        minNodeSpacing: 4,
        concentric: (node) => node.data(key) || 0,
        levelWidth: () => max / 8 || 1,
      })
      .run();
  } else if (choice === "theme") {
    groupByTheme(state, nodes);
  } else {
    // Server positions (igraph) for big maps; small maps settle further in the browser, pulled
    // together by the ties shown (the strongest, or all of them).
    cy.batch(() => {
      nodes.forEach((node) => {
        node.position({ ...node.data("home") });
      });
    });
    if (!data.large) {
      cy.elements(":visible")
        .layout({
          name: "cose",
          animate: false,
          randomize: false,
          nodeDimensionsIncludeLabels: false,
          idealEdgeLength: () => 90,
          nodeRepulsion: () => 12000,
        })
        .run();
    }
  }
  fit(cy);
}

// Fit the view to the node positions: cheaper than cy.fit(), which measures every edge and label.
export function fit(cy) {
  let x1 = Number.POSITIVE_INFINITY;
  let y1 = Number.POSITIVE_INFINITY;
  let x2 = Number.NEGATIVE_INFINITY;
  let y2 = Number.NEGATIVE_INFINITY;
  cy.nodes().forEach((node) => {
    const p = node.position();
    x1 = Math.min(x1, p.x);
    y1 = Math.min(y1, p.y);
    x2 = Math.max(x2, p.x);
    y2 = Math.max(y2, p.y);
  });
  if (x1 === Number.POSITIVE_INFINITY) return;
  const margin = 40;
  // A handful of organisations need no magnifier.
  const zoom = Math.min(
    1.5,
    (cy.width() - 2 * margin) / Math.max(x2 - x1, 1),
    (cy.height() - 2 * margin) / Math.max(y2 - y1, 1),
  );
  cy.viewport({ zoom, pan: { x: cy.width() / 2 - (zoom * (x1 + x2)) / 2, y: cy.height() / 2 - (zoom * (y1 + y2)) / 2 } });
}

function groupByTheme(state, nodes) {
  const { cy } = state;
  const groups = new Map();
  nodes.forEach((node) => {
    const theme = (node.data("themes") || [])[0];
    const key = theme == null ? "" : String(theme);
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(node);
  });
  const keys = Array.from(groups.keys()).sort((a, b) => {
    if (a === "") return 1;
    if (b === "") return -1;
    return state.themeName(a).localeCompare(state.themeName(b));
  });
  const columns = Math.ceil(Math.sqrt(keys.length));
  let biggest = 1;
  for (const members of groups.values()) biggest = Math.max(biggest, members.length);
  const cell = 80 * Math.ceil(Math.sqrt(biggest)) + 120;
  keys.forEach((key, i) => {
    const x = (i % columns) * cell;
    const y = Math.floor(i / columns) * cell;
    cy.collection(groups.get(key))
      .layout({
        name: "grid",
        animate: false,
        fit: false,
        avoidOverlap: true,
        boundingBox: { x1: x, y1: y + 30, w: cell - 100, h: cell - 100 },
      })
      .run();
    cy.add({
      group: "nodes",
      classes: "group-label",
      selectable: false,
      grabbable: false,
      data: { id: `group-${key || "none"}`, label: key ? state.themeName(key) : state.L.noTheme, colour: "#ffffff" },
      position: { x: x + (cell - 100) / 2, y },
    });
  });
}
