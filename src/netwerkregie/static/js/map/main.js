/* The interactive network map (analysis/map.html), loaded as an ES module.
 *
 * Cytoscape.js (vendored, a classic script before this one) draws the elements of the map data
 * endpoint; every filter change reloads only that data. Texts come translated from the page
 * (#map-config), never from these files. The Cytoscape instance is window.networkMap, so tests
 * and the console can reach it. By default only each organisation's strongest ties are drawn
 * (analysis/map/strongest.py), and only those are sent; "show all ties" loads and draws the rest.
 * The data comes as compact rows, turned into Cytoscape elements by data.js.
 */

import { decode } from "./data.js";
import { download, png, toSvg } from "./export.js";
import { fit, runLayout } from "./layout.js";
import { placeLabels, watchLabels } from "./labels.js";
import { renderLegend, renderSummary, showDetails } from "./panels.js";
import { initialStyle, relationStyle } from "./style.js";
import { renderTable } from "./table.js";

const SIZE_MIN = 12;
const SIZE_MAX = 52;
const DEFAULT_SIZE = 18;

function start(container) {
  const config = JSON.parse(document.getElementById("map-config").textContent);
  const form = document.getElementById("map-filters");
  const large = config.large;
  // Big maps draw faster: straight "haystack" edges without arrows, a cached texture while
  // panning and zooming, no edges while moving.
  const cy = window.cytoscape({
    container,
    minZoom: 0.02,
    maxZoom: 5,
    boxSelectionEnabled: false,
    textureOnViewport: large,
    hideEdgesOnViewport: large,
    pixelRatio: large ? 1 : "auto",
    style: initialStyle(large),
  });
  window.networkMap = cy;
  const state = {
    cy,
    config,
    form,
    L: config.labels,
    data: null,
    request: 0,
    showAll: form.elements.ties.value === "all",
    layoutSelect: document.getElementById("map-layout"),
    status: document.getElementById("map-status"),
    summary: document.getElementById("map-summary"),
    showAllButton: document.getElementById("map-show-all"),
    details: document.querySelector("#map-details .card-body"),
    legend: document.querySelector("#map-legend .card-body"),
    table: document.getElementById("map-table"),
    metric: () => form.elements.size.value || "degree",
    themeName: (id) => state.data.themes[id] || "",
    query: () => new URLSearchParams(new FormData(form)).toString(),
    // The analysis page for the same sources and round, which counts the same ties.
    analysisUrl: () => {
      const params = new URLSearchParams();
      for (const source of new FormData(form).getAll("sources")) params.append("sources", source);
      if (form.elements.survey_round.value) params.set("round", form.elements.survey_round.value);
      return `${config.analysisUrl}?${params}`;
    },
  };
  const relabel = watchLabels(cy);

  async function load() {
    const id = ++state.request;
    state.status.textContent = state.L.loading;
    container.setAttribute("aria-busy", "true");
    let response = null;
    try {
      response = await fetch(`${config.dataUrl}?${state.query()}`, { headers: { Accept: "application/json" } });
    } catch {
      response = null;
    }
    if (id !== state.request) return; // a newer filter change is on its way
    if (!response?.ok) {
      state.status.textContent = state.L.error;
      container.removeAttribute("aria-busy");
      return;
    }
    const data = decode(await response.json());
    if (id !== state.request) return;
    state.data = data;
    draw();
  }

  function draw() {
    const { elements } = state.data;
    // Sizes and the stylesheet are set before the elements are added, so each is styled once.
    sizeNodes(elements.nodes);
    cy.batch(() => {
      cy.elements().remove();
      cy.style(relationStyle(large, state.data));
      cy.add(elements.nodes.concat(elements.edges));
      thin();
    });
    layout();
    renderLegend(state);
    renderSummary(state);
    showDetails(state, null);
    if (!state.table.hidden) renderTable(state);
    const shown = cy.edges(":visible").length;
    state.status.textContent = state.L.counts.replace("{nodes}", elements.nodes.length).replace("{edges}", shown);
    container.removeAttribute("aria-busy");
    container.dataset.loaded = String(state.request);
  }

  // Node area grows with the chosen centrality; `home` keeps the server's position for the force layout.
  function sizeNodes(nodes) {
    const key = state.metric();
    let max = 0;
    for (const node of nodes) max = Math.max(max, node.data[key] || 0);
    for (const node of nodes) {
      const value = node.data[key];
      node.data.size =
        max > 0 && value != null ? SIZE_MIN + (SIZE_MAX - SIZE_MIN) * Math.sqrt(value / max) : DEFAULT_SIZE;
      node.data.home = node.position;
    }
  }

  function thin() {
    cy.edges("[!strong]").toggleClass("weak", !state.showAll);
  }

  function layout() {
    runLayout(state);
    placeLabels(cy);
  }

  // Selection -----------------------------------------------------------------------------------

  cy.on("tap", "node", (event) => {
    const node = event.target;
    if (node.hasClass("group-label")) return;
    const hood = node.closedNeighborhood(":visible");
    cy.batch(() => {
      cy.elements().removeClass("highlight focus").addClass("faded");
      hood.removeClass("faded").addClass("highlight");
      node.addClass("focus");
    });
    placeLabels(cy);
    showDetails(state, node);
  });
  cy.on("tap", (event) => {
    if (event.target === cy) {
      cy.elements().removeClass("faded highlight focus");
      placeLabels(cy);
      showDetails(state, null);
    }
  });

  // Wiring --------------------------------------------------------------------------------------

  state.showAllButton.addEventListener("click", () => {
    state.showAll = !state.showAll;
    form.elements.ties.value = state.showAll ? "all" : "";
    history.replaceState(null, "", `?${state.query()}`);
    const ties = state.data.ties;
    // The weaker ties were not sent: ask for them (once; going back only hides them).
    if (state.showAll && ties.sent < ties.lines) {
      load();
      return;
    }
    cy.batch(thin);
    layout();
    renderSummary(state);
    state.status.textContent = state.L.counts
      .replace("{nodes}", state.data.elements.nodes.length)
      .replace("{edges}", cy.edges(":visible").length);
  });
  const tableToggle = document.getElementById("map-table-toggle");
  tableToggle.addEventListener("click", () => {
    const showTable = state.table.hidden;
    state.table.hidden = !showTable;
    container.hidden = showTable;
    tableToggle.setAttribute("aria-pressed", String(showTable));
    if (showTable && state.data) renderTable(state);
    if (!showTable) {
      cy.resize();
      fit(cy);
      relabel();
    }
  });
  document.getElementById("map-export-png").addEventListener("click", () => download(png(cy), "network-map.png"));
  document.getElementById("map-export-svg").addEventListener("click", () => {
    download(new Blob([toSvg(cy)], { type: "image/svg+xml" }), "network-map.svg");
  });
  form.addEventListener("change", () => {
    history.replaceState(null, "", `?${state.query()}`);
    load();
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    load();
  });
  state.layoutSelect.addEventListener("change", layout);
  container.addEventListener("mouseleave", () => cy.nodes(".hover").removeClass("hover"));
  cy.on("resize", relabel);
  load();
}

const container = document.getElementById("network-map");
if (container && window.cytoscape) start(container);
