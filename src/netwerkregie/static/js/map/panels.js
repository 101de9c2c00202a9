/* The panels beside the map: the selected organisation, the legend and what the map counts. */

import { element, fill, list } from "./dom.js";

export function number(L, value) {
  if (value == null) return L.notComputed;
  return Number.isInteger(value) ? String(value) : value.toFixed(3);
}

export function typeName(data, id) {
  const type = data.legend.types.find((t) => t.id === id);
  return type ? type.name : "";
}

export function showDetails(state, node) {
  const { details, L, data, config } = state;
  details.replaceChildren();
  if (!node) {
    details.appendChild(element("p", L.hint, { class: "text-muted mb-0" }));
    return;
  }
  const d = node.data();
  details.appendChild(element("h2", d.label, { class: "h5", id: "map-details-name" }));
  const facts = element("dl", null, { class: "row mb-2" });
  const fact = (term, value) => {
    facts.appendChild(element("dt", term, { class: "col-7 fw-normal text-muted" }));
    facts.appendChild(element("dd", value, { class: "col-5 mb-1" }));
  };
  fact(L.type, typeName(data, d.type));
  fact(L.municipality, d.municipality || "–");
  fact(L.relationCount, String(node.connectedEdges(":visible").length));
  for (const [key, label] of Object.entries(config.centralities)) fact(label, number(L, d[key]));
  details.appendChild(facts);
  details.appendChild(element("h3", L.coalitions, { class: "h6" }));
  details.appendChild(list((d.coalitions || []).map((id) => data.coalitions[id] || ""), L.none));
  details.appendChild(element("h3", L.themes, { class: "h6" }));
  details.appendChild(list((d.themes || []).map((id) => data.themes[id] || ""), L.none));
  details.appendChild(
    element("a", L.open, {
      href: config.organisationUrl.replace("/0/", `/${d.id}/`),
      class: "btn btn-sm btn-outline-primary",
    }),
  );
}

export function renderLegend(state) {
  const { legend, L, data } = state;
  legend.replaceChildren();
  const section = (title, items, swatch, extra) => {
    legend.appendChild(element("h2", title, { class: "h6" }));
    const ul = element("ul", null, { class: "map-legend-list" });
    for (const item of items) {
      const li = element("li");
      li.appendChild(swatch(item));
      li.appendChild(document.createTextNode(item.name || item.label));
      if (extra) extra(li, item);
      ul.appendChild(li);
    }
    legend.appendChild(ul);
  };
  section(
    L.types,
    data.legend.groups,
    (group) => element("span", null, { class: "type-dot", "data-colour": group.colour }),
    (li, group) => li.appendChild(element("span", group.types.join(", "), { class: "d-block text-muted map-legend-types" })),
  );
  section(L.sources, data.legend.sources, (source) => element("span", null, { class: `map-swatch ${source.key}` }));
  section(L.kinds, data.legend.kinds, (kind) => element("span", null, { class: "map-swatch", "data-colour": kind.colour }));
  // Colours are set as properties, not style attributes, which the content security policy forbids.
  for (const dot of legend.querySelectorAll(".type-dot[data-colour]")) dot.style.background = dot.dataset.colour;
  for (const line of legend.querySelectorAll(".map-swatch[data-colour]")) line.style.borderTopColor = line.dataset.colour;
  if (data.legend.survey_ties) {
    legend.appendChild(element("h2", L.surveyTies, { class: "h6" }));
    legend.appendChild(element("p", data.legend.survey_ties.note, { id: "map-survey-ties", class: "mb-0" }));
  }
}

// What the map counts and draws, with the same count as the analysis page and why it may differ.
export function renderSummary(state) {
  const { summary, L, data, showAllButton } = state;
  const ties = data.ties;
  summary.replaceChildren();
  const counts = element("p", null, { class: "mb-1", id: "map-tie-count" });
  counts.append(
    fill(L.tieCount, { ties: ties.count, lines: ties.lines }),
    " ",
  );
  counts.appendChild(element("a", L.analysisLink, { href: state.analysisUrl() }));
  summary.appendChild(counts);
  if (ties.thinned) {
    const drawn = state.showAll ? L.drawnAll : L.drawnStrongest;
    summary.appendChild(
      element("p", fill(drawn, { strongest: ties.strongest, count: ties.count, k: ties.per_organisation }), {
        class: "mb-1",
        id: "map-thinned",
      }),
    );
  }
  if (ties.sent < ties.lines) {
    summary.appendChild(
      element("p", fill(L.notSent, { hidden: ties.lines - ties.sent }), { class: "mb-1", id: "map-not-sent" }),
    );
  }
  if (ties.differs.length) {
    const ul = element("ul", null, { class: "mb-1", id: "map-count-differs" });
    for (const reason of ties.differs) ul.appendChild(element("li", reason));
    summary.appendChild(ul);
  }
  showAllButton.hidden = !ties.thinned;
  showAllButton.setAttribute("aria-pressed", String(state.showAll));
  showAllButton.textContent = fill(state.showAll ? L.showStrongest : L.showAll, {
    strongest: ties.strongest,
    count: ties.count,
  });
}
