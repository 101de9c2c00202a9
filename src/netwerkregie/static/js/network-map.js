/* The interactive network map (analysis/map.html).
 *
 * Cytoscape.js draws the elements of the map data endpoint; every filter change reloads only
 * that data. Texts come translated from the page (#map-config), never from this file. The
 * Cytoscape instance is window.networkMap, so tests and the console can reach it.
 */
(function () {
  "use strict";

  const container = document.getElementById("network-map");
  if (!container || typeof cytoscape === "undefined") return;
  const config = JSON.parse(document.getElementById("map-config").textContent);
  const L = config.labels;
  const form = document.getElementById("map-filters");
  const layoutSelect = document.getElementById("map-layout");
  const status = document.getElementById("map-status");
  const details = document.querySelector("#map-details .card-body");
  const legend = document.querySelector("#map-legend .card-body");
  const table = document.getElementById("map-table");
  const tableToggle = document.getElementById("map-table-toggle");
  const SIZE_MIN = 12, SIZE_MAX = 52, DEFAULT_SIZE = 18;
  let data = null;
  let request = 0;

  // Last in the stylesheet, so a highlight wins over the colours of kinds.
  const EMPHASIS = [
    {selector: ".faded", style: {"opacity": 0.1, "text-opacity": 0}},
    {selector: "edge.highlight", style: {"opacity": 1, "z-index": 10}},
    {selector: "node.focus", style: {"border-width": 3, "border-color": "#212529", "z-index": 20}},
  ];

  // Big maps draw faster: straight "haystack" edges without arrows, a cached texture while
  // panning and zooming, no edges while moving, labels only once legible.
  const large = config.large;
  const cy = cytoscape({
    container: container,
    minZoom: 0.02,
    maxZoom: 5,
    boxSelectionEnabled: false,
    textureOnViewport: large,
    hideEdgesOnViewport: large,
    pixelRatio: large ? 1 : "auto",
    style: baseStyle().concat(EMPHASIS),
  });
  window.networkMap = cy;

  function baseStyle() {
    return [
      {selector: "node", style: {
        "background-color": "data(colour)", "label": "data(label)", "width": "data(size)", "height": "data(size)",
        "font-size": 10, "min-zoomed-font-size": 8, "text-valign": "bottom", "text-margin-y": 2,
        "color": "#212529", "text-outline-color": "#ffffff", "text-outline-width": 1,
      }},
      {selector: "edge", style: {
        "width": 1.5, "line-color": "#adb5bd", "target-arrow-color": "#adb5bd", "opacity": 0.65,
        "curve-style": large ? "haystack" : "bezier",
      }},
      {selector: "edge[src = \"comembership\"]", style: {"line-style": "dashed"}},
      {selector: "edge[src = \"manual\"]", style: {"line-style": "dotted"}},
      {selector: "node.group-label", style: {
        "background-opacity": 0, "width": 1, "height": 1, "font-size": 16, "font-weight": "bold",
        "text-valign": "top", "min-zoomed-font-size": 4, "events": "no",
      }},
    ].concat(large ? [] : [{selector: "edge[?directed]", style: {"target-arrow-shape": "triangle", "arrow-scale": 0.8}}]);
  }

  // Data ----------------------------------------------------------------------------------------

  function query() {
    return new URLSearchParams(new FormData(form)).toString();
  }

  async function load() {
    const id = ++request;
    status.textContent = L.loading;
    container.setAttribute("aria-busy", "true");
    let response;
    try {
      response = await fetch(config.dataUrl + "?" + query(), {headers: {Accept: "application/json"}});
    } catch (error) {
      response = null;
    }
    if (id !== request) return;  // a newer filter change is on its way
    if (!response || !response.ok) {
      status.textContent = L.error;
      container.removeAttribute("aria-busy");
      return;
    }
    data = await response.json();
    if (id !== request) return;
    draw();
  }

  function draw() {
    const elements = data.elements;
    // Sizes and the stylesheet are set before the elements are added, so each is styled once.
    sizeNodes(elements.nodes);
    cy.batch(function () {
      cy.elements().remove();
      styleRelations();
      cy.add(elements.nodes.concat(elements.edges));
    });
    runLayout();
    renderLegend();
    showDetails(null);
    if (!table.hidden) renderTable();
    status.textContent = L.counts.replace("{nodes}", elements.nodes.length).replace("{edges}", elements.edges.length);
    container.removeAttribute("aria-busy");
    container.dataset.loaded = String(request);
  }

  function metric() {
    return form.elements.size.value || "degree";
  }

  // Node area grows with the chosen centrality; `home` keeps the server's position for the force layout.
  function sizeNodes(nodes) {
    const key = metric();
    let max = 0;
    nodes.forEach(function (node) { max = Math.max(max, node.data[key] || 0); });
    nodes.forEach(function (node) {
      const value = node.data[key];
      node.data.size = max > 0 && value != null ? SIZE_MIN + (SIZE_MAX - SIZE_MIN) * Math.sqrt(value / max) : DEFAULT_SIZE;
      node.data.home = node.position;
    });
  }

  function styleRelations() {
    let max = 1;
    data.elements.edges.forEach(function (edge) { max = Math.max(max, edge.data.weight); });
    const width = {selector: "edge", style: {"width": max > 1 ? "mapData(weight, 1, " + max + ", 1, 6)" : 1.5}};
    const kinds = data.legend.kinds.map(function (kind) {
      return {selector: "edge[kind = " + JSON.stringify(kind.key) + "]",
        style: {"line-color": kind.colour, "target-arrow-color": kind.colour}};
    });
    cy.style(baseStyle().concat([width], kinds, EMPHASIS));
  }

  // Layouts -------------------------------------------------------------------------------------

  function runLayout() {
    cy.nodes(".group-label").remove();
    const nodes = cy.nodes();
    if (!nodes.length) return;
    const choice = layoutSelect.value;
    if (choice === "concentric") {
      const key = metric();
      let max = 0;
      nodes.forEach(function (node) { max = Math.max(max, node.data(key) || 0); });
      nodes.layout({name: "concentric", animate: false, minNodeSpacing: 4,
        concentric: function (node) { return node.data(key) || 0; },
        levelWidth: function () { return max / 8 || 1; }}).run();
    } else if (choice === "theme") {
      groupByTheme(nodes);
    } else {
      // Server positions (igraph) for big maps; small maps settle further in the browser.
      cy.batch(function () {
        nodes.forEach(function (node) { node.position(Object.assign({}, node.data("home"))); });
      });
      if (!data.large) {
        cy.elements().layout({name: "cose", animate: false, randomize: false, nodeDimensionsIncludeLabels: true,
          idealEdgeLength: function () { return 90; }, nodeRepulsion: function () { return 12000; }}).run();
      }
    }
    fit();
  }

  // Fit the view to the node positions: cheaper than cy.fit(), which measures every edge and label.
  function fit() {
    let x1 = Infinity, y1 = Infinity, x2 = -Infinity, y2 = -Infinity;
    cy.nodes().forEach(function (node) {
      const p = node.position();
      x1 = Math.min(x1, p.x); y1 = Math.min(y1, p.y); x2 = Math.max(x2, p.x); y2 = Math.max(y2, p.y);
    });
    if (x1 === Infinity) return;
    const margin = 40;
    // A handful of organisations need no magnifier.
    const zoom = Math.min(1.5, (cy.width() - 2 * margin) / Math.max(x2 - x1, 1), (cy.height() - 2 * margin) / Math.max(y2 - y1, 1));
    cy.viewport({zoom: zoom, pan: {x: cy.width() / 2 - zoom * (x1 + x2) / 2, y: cy.height() / 2 - zoom * (y1 + y2) / 2}});
  }

  function groupByTheme(nodes) {
    const groups = new Map();
    nodes.forEach(function (node) {
      const theme = (node.data("themes") || [])[0];
      const key = theme == null ? "" : String(theme);
      if (!groups.has(key)) groups.set(key, []);
      groups.get(key).push(node);
    });
    const keys = Array.from(groups.keys()).sort(function (a, b) {
      return a === "" ? 1 : b === "" ? -1 : themeName(a).localeCompare(themeName(b));
    });
    const columns = Math.ceil(Math.sqrt(keys.length));
    let biggest = 1;
    groups.forEach(function (members) { biggest = Math.max(biggest, members.length); });
    const cell = 80 * Math.ceil(Math.sqrt(biggest)) + 120;
    keys.forEach(function (key, i) {
      const x = (i % columns) * cell, y = Math.floor(i / columns) * cell;
      cy.collection(groups.get(key)).layout({name: "grid", animate: false, fit: false, avoidOverlap: true,
        boundingBox: {x1: x, y1: y + 30, w: cell - 100, h: cell - 100}}).run();
      cy.add({group: "nodes", classes: "group-label", selectable: false, grabbable: false,
        data: {id: "group-" + (key || "none"), label: key ? themeName(key) : L.noTheme, colour: "#ffffff"},
        position: {x: x + (cell - 100) / 2, y: y}});
    });
  }

  function themeName(id) {
    return data.themes[id] || "";
  }

  // Selection -----------------------------------------------------------------------------------

  cy.on("tap", "node", function (event) {
    const node = event.target;
    if (node.hasClass("group-label")) return;
    const hood = node.closedNeighborhood();
    cy.batch(function () {
      cy.elements().removeClass("highlight focus").addClass("faded");
      hood.removeClass("faded").addClass("highlight");
      node.addClass("focus");
    });
    showDetails(node);
  });
  cy.on("tap", function (event) {
    if (event.target === cy) {
      cy.elements().removeClass("faded highlight focus");
      showDetails(null);
    }
  });

  function element(tag, text, attributes) {
    const el = document.createElement(tag);
    if (text != null) el.textContent = text;
    Object.entries(attributes || {}).forEach(function (entry) { el.setAttribute(entry[0], entry[1]); });
    return el;
  }

  function list(items) {
    const ul = element("ul");
    if (!items.length) ul.appendChild(element("li", L.none, {"class": "text-muted"}));
    items.forEach(function (text) { ul.appendChild(element("li", text)); });
    return ul;
  }

  function typeName(id) {
    const type = data.legend.types.find(function (t) { return t.id === id; });
    return type ? type.name : "";
  }

  function number(value) {
    return value == null ? L.notComputed : (Number.isInteger(value) ? String(value) : value.toFixed(3));
  }

  function showDetails(node) {
    details.replaceChildren();
    if (!node) {
      details.appendChild(element("p", L.hint, {"class": "text-muted mb-0"}));
      return;
    }
    const d = node.data();
    details.appendChild(element("h2", d.label, {"class": "h5", "id": "map-details-name"}));
    const facts = element("dl", null, {"class": "row mb-2"});
    function fact(term, value) {
      facts.appendChild(element("dt", term, {"class": "col-7 fw-normal text-muted"}));
      facts.appendChild(element("dd", value, {"class": "col-5 mb-1"}));
    }
    fact(L.type, typeName(d.type));
    fact(L.municipality, d.municipality || "–");
    fact(L.relationCount, String(node.connectedEdges().length));
    Object.entries(config.centralities).forEach(function (entry) { fact(entry[1], number(d[entry[0]])); });
    details.appendChild(facts);
    details.appendChild(element("h3", L.coalitions, {"class": "h6"}));
    details.appendChild(list((d.coalitions || []).map(function (id) { return data.coalitions[id] || ""; })));
    details.appendChild(element("h3", L.themes, {"class": "h6"}));
    details.appendChild(list((d.themes || []).map(themeName)));
    details.appendChild(element("a", L.open, {"href": config.organisationUrl.replace("/0/", "/" + d.id + "/"),
      "class": "btn btn-sm btn-outline-primary"}));
  }

  // Legend and table ----------------------------------------------------------------------------

  function renderLegend() {
    legend.replaceChildren();
    function section(title, items, swatch) {
      legend.appendChild(element("h2", title, {"class": "h6"}));
      const ul = element("ul");
      items.forEach(function (item) {
        const li = element("li");
        li.appendChild(swatch(item));
        li.appendChild(document.createTextNode(item.name || item.label));
        ul.appendChild(li);
      });
      legend.appendChild(ul);
    }
    section(L.types, data.legend.types, function (type) {
      return element("span", null, {"class": "type-dot", "style": "background: " + type.colour});
    });
    section(L.sources, data.legend.sources, function (source) {
      return element("span", null, {"class": "map-swatch " + source.key});
    });
    section(L.kinds, data.legend.kinds, function (kind) {
      return element("span", null, {"class": "map-swatch", "style": "border-top-color: " + kind.colour});
    });
    if (data.legend.survey_ties) {
      legend.appendChild(element("h2", L.surveyTies, {"class": "h6"}));
      legend.appendChild(element("p", data.legend.survey_ties.note, {"id": "map-survey-ties", "class": "mb-0"}));
    }
  }

  function renderTable() {
    const key = function (map, k) { return map[k] || k; };
    const sourceLabels = config.sources;
    const kindLabels = {};
    data.legend.kinds.forEach(function (kind) { kindLabels[kind.key] = kind.label; });
    const names = {};
    data.elements.nodes.forEach(function (node) { names[node.data.id] = node.data.label; });
    const centralities = Object.entries(config.centralities);
    table.replaceChildren(
      dataTable(L.organisations, [L.name, L.type, L.municipality].concat(centralities.map(function (c) { return c[1]; })),
        data.elements.nodes.map(function (node) {
          const d = node.data;
          return [d.label, typeName(d.type), d.municipality].concat(centralities.map(function (c) { return number(d[c[0]]); }));
        }), "map-table-nodes"),
      dataTable(L.relations, [L.from, L.to, L.source, L.kind, L.weight, L.trust],
        data.elements.edges.map(function (edge) {
          const d = edge.data;
          return [names[d.source], names[d.target], key(sourceLabels, d.src), key(kindLabels, d.kind),
            String(d.weight), d.trust == null ? "–" : d.trust.toFixed(2)];
        }), "map-table-edges"));
  }

  // Rows are added a page at a time: a table of 20,000 relations at once would freeze the page.
  const TABLE_PAGE = 500;

  function dataTable(caption, headers, rows, id) {
    const wrapper = element("div", null, {"class": "mb-3"});
    const tableEl = element("table", null, {"class": "table table-sm table-striped", "id": id});
    tableEl.appendChild(element("caption", caption + " (" + rows.length + ")", {"class": "caption-top"}));
    const head = tableEl.createTHead().insertRow();
    headers.forEach(function (h) { head.appendChild(element("th", h, {"scope": "col"})); });
    const body = tableEl.createTBody();
    const more = element("button", null, {"type": "button", "class": "btn btn-sm btn-outline-secondary"});
    let shown = 0;
    function showMore() {
      const fragment = document.createDocumentFragment();
      rows.slice(shown, shown + TABLE_PAGE).forEach(function (cells) {
        const tr = document.createElement("tr");
        cells.forEach(function (cell) { tr.appendChild(document.createElement("td")).textContent = cell; });
        fragment.appendChild(tr);
      });
      body.appendChild(fragment);
      shown = Math.min(rows.length, shown + TABLE_PAGE);
      more.textContent = L.showMore.replace("{count}", Math.min(TABLE_PAGE, rows.length - shown));
      more.hidden = shown >= rows.length;
    }
    more.addEventListener("click", showMore);
    showMore();
    wrapper.append(tableEl, more);
    return wrapper;
  }

  tableToggle.addEventListener("click", function () {
    const showTable = table.hidden;
    table.hidden = !showTable;
    container.hidden = showTable;
    tableToggle.setAttribute("aria-pressed", String(showTable));
    if (showTable && data) renderTable();
    if (!showTable) { cy.resize(); fit(); }
  });

  // Export --------------------------------------------------------------------------------------

  function download(blob, filename) {
    const url = URL.createObjectURL(blob);
    const link = element("a", null, {"href": url, "download": filename});
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
  }

  document.getElementById("map-export-png").addEventListener("click", function () {
    download(cy.png({full: true, output: "blob", bg: "#ffffff", maxWidth: 6000, maxHeight: 6000}), "network-map.png");
  });
  document.getElementById("map-export-svg").addEventListener("click", function () {
    download(new Blob([toSvg()], {type: "image/svg+xml"}), "network-map.svg");
  });

  function xml(value) {
    return String(value).replace(/[&<>"']/g, function (c) {
      return {"&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&apos;"}[c];
    });
  }

  // The whole map as a standalone SVG file: edges, then nodes, then labels, as drawn now
  // (colours, widths, dashes, arrows and the faded state of a selection). Our own small writer;
  // it draws every node as a circle or an ellipse and every edge as a straight line or a curve.
  function toSvg() {
    const n = function (value) { return Math.round(value * 100) / 100; };
    const visible = cy.elements(":visible");
    const box = visible.boundingBox(), margin = 20;
    const x = box.x1 - margin, y = box.y1 - margin, w = (box.w || 0) + 2 * margin, h = (box.h || 0) + 2 * margin;
    const markers = new Map(), edges = [], nodes = [], labels = [];
    // An edge not drawn yet (the table is showing) has no endpoints: its nodes' centres do.
    const point = function (p, node) { return p && isFinite(p.x) && isFinite(p.y) ? p : node.position(); };
    visible.edges().forEach(function (edge) {
      const opacity = edge.effectiveOpacity();
      if (!opacity) return;
      const s = point(edge.sourceEndpoint(), edge.source()), t = point(edge.targetEndpoint(), edge.target());
      const colour = edge.style("line-color"), width = edge.numericStyle("width");
      const points = edge.style("curve-style") === "bezier" ? edge.controlPoints() || [] : [];
      let d = "M" + n(s.x) + " " + n(s.y);
      points.forEach(function (p, i) {
        const next = points[i + 1] ? {x: (p.x + points[i + 1].x) / 2, y: (p.y + points[i + 1].y) / 2} : t;
        d += " Q" + n(p.x) + " " + n(p.y) + " " + n(next.x) + " " + n(next.y);
      });
      if (!points.length) d += " L" + n(t.x) + " " + n(t.y);
      const dash = {dashed: edge.numericStyle("line-dash-pattern") || [6, 3], dotted: [1, 1]}[edge.style("line-style")];
      let arrow = "";
      if (edge.style("target-arrow-shape") !== "none") {
        // Cytoscape's triangle: 0.3 of max((13.37 × width)^0.9, 29) × arrow-scale, long and wide.
        const size = 0.3 * Math.max(Math.pow(13.37 * width, 0.9), 29) * edge.numericStyle("arrow-scale");
        const key = [edge.style("target-arrow-color"), n(opacity), n(size)].join("|");
        if (!markers.has(key)) markers.set(key, "arrow-" + markers.size);
        arrow = ' marker-end="url(#' + markers.get(key) + ')"';
      }
      edges.push('<path d="' + d + '" fill="none" stroke="' + xml(colour) + '" stroke-width="' + n(width) +
        '" stroke-opacity="' + n(opacity) + '"' + (dash ? ' stroke-dasharray="' + dash.join(" ") + '"' : "") + arrow + "/>");
    });
    visible.nodes().forEach(function (node) {
      const p = node.position(), opacity = node.effectiveOpacity(), rx = node.width() / 2, ry = node.height() / 2;
      const fillOpacity = node.numericStyle("background-opacity") * opacity;
      if (fillOpacity > 0) {
        const border = node.numericStyle("border-width");
        const paint = ' fill="' + xml(node.style("background-color")) + '" fill-opacity="' + n(fillOpacity) + '"' +
          (border > 0 ? ' stroke="' + xml(node.style("border-color")) + '" stroke-width="' + n(border) + '"' : "") + "/>";
        nodes.push(rx === ry ? '<circle cx="' + n(p.x) + '" cy="' + n(p.y) + '" r="' + n(rx) + '"' + paint
          : '<ellipse cx="' + n(p.x) + '" cy="' + n(p.y) + '" rx="' + n(rx) + '" ry="' + n(ry) + '"' + paint);
      }
      const text = node.style("label"), textOpacity = node.numericStyle("text-opacity") * opacity;
      if (!text || !textOpacity) return;
      const valign = node.style("text-valign"), size = node.numericStyle("font-size");
      const ty = p.y + node.numericStyle("text-margin-y") + (valign === "bottom" ? ry : valign === "top" ? -ry : 0);
      const outline = node.numericStyle("text-outline-width");
      labels.push('<text x="' + n(p.x) + '" y="' + n(ty) + '" font-size="' + n(size) + '" font-weight="' +
        xml(node.style("font-weight")) + '" dominant-baseline="' +
        (valign === "bottom" ? "hanging" : valign === "top" ? "auto" : "central") + '" fill="' + xml(node.style("color")) +
        '" fill-opacity="' + n(textOpacity) + '"' + (outline > 0 ? ' stroke="' + xml(node.style("text-outline-color")) +
        '" stroke-width="' + n(2 * outline) + '" stroke-opacity="' + n(textOpacity) + '" paint-order="stroke"' : "") +
        ">" + xml(text) + "</text>");
    });
    const defs = Array.from(markers, function (entry) {
      const paint = entry[0].split("|");
      return '<marker id="' + entry[1] + '" viewBox="0 0 10 10" refX="10" refY="5" markerUnits="userSpaceOnUse" ' +
        'markerWidth="' + paint[2] + '" markerHeight="' + paint[2] + '" orient="auto"><path d="M0 0 L10 5 L0 10 z" fill="' + xml(paint[0]) + '" fill-opacity="' + paint[1] + '"/></marker>';
    });
    return '<?xml version="1.0" encoding="UTF-8"?>\n' +
      '<svg xmlns="http://www.w3.org/2000/svg" width="' + n(w) + '" height="' + n(h) + '" viewBox="' +
      [x, y, w, h].map(n).join(" ") + '" font-family="' + xml(cy.nodes().style("font-family") || "sans-serif") +
      '" text-anchor="middle">\n' + (defs.length ? "<defs>" + defs.join("") + "</defs>\n" : "") +
      '<rect x="' + n(x) + '" y="' + n(y) + '" width="' + n(w) + '" height="' + n(h) + '" fill="#ffffff"/>\n' +
      '<g class="edges">\n' + edges.join("\n") + '\n</g>\n<g class="nodes">\n' + nodes.join("\n") +
      '\n</g>\n<g class="labels">\n' + labels.join("\n") + "\n</g>\n</svg>\n";
  }

  // Wiring --------------------------------------------------------------------------------------

  form.addEventListener("change", function () {
    history.replaceState(null, "", "?" + query());
    load();
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    load();
  });
  layoutSelect.addEventListener("change", runLayout);
  load();
})();
