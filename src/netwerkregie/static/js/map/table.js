/* The table view: the same organisations and relations as text, a page of rows at a time. */

import { element } from "./dom.js";
import { number, typeName } from "./panels.js";

// Rows are added a page at a time: a table of 20,000 relations at once would freeze the page.
const TABLE_PAGE = 500;

export function renderTable(state) {
  const { table, L, data, config } = state;
  const label = (labels, key) => labels[key] || key;
  const kindLabels = Object.fromEntries(data.legend.kinds.map((kind) => [kind.key, kind.label]));
  const names = Object.fromEntries(data.elements.nodes.map((node) => [node.data.id, node.data.label]));
  const centralities = Object.entries(config.centralities);
  table.replaceChildren(
    dataTable(
      L,
      L.organisations,
      [L.name, L.type, L.municipality].concat(centralities.map(([, title]) => title)),
      data.elements.nodes.map(({ data: d }) =>
        [d.label, typeName(data, d.type), d.municipality].concat(centralities.map(([key]) => number(L, d[key]))),
      ),
      "map-table-nodes",
    ),
    dataTable(
      L,
      L.relations,
      [L.from, L.to, L.source, L.kind, L.weight, L.trust],
      data.elements.edges.map(({ data: d }) => [
        names[d.source],
        names[d.target],
        label(config.sources, d.src),
        label(kindLabels, d.kind),
        String(d.weight),
        d.trust == null ? "–" : d.trust.toFixed(2),
      ]),
      "map-table-edges",
    ),
  );
}

function dataTable(L, caption, headers, rows, id) {
  const wrapper = element("div", null, { class: "mb-3" });
  const tableEl = element("table", null, { class: "table table-sm table-striped", id });
  tableEl.appendChild(element("caption", `${caption} (${rows.length})`, { class: "caption-top" }));
  const head = tableEl.createTHead().insertRow();
  for (const h of headers) head.appendChild(element("th", h, { scope: "col" }));
  const body = tableEl.createTBody();
  const more = element("button", null, { type: "button", class: "btn btn-sm btn-outline-secondary" });
  let shown = 0;
  const showMore = () => {
    const fragment = document.createDocumentFragment();
    for (const cells of rows.slice(shown, shown + TABLE_PAGE)) {
      const tr = document.createElement("tr");
      for (const cell of cells) tr.appendChild(document.createElement("td")).textContent = cell;
      fragment.appendChild(tr);
    }
    body.appendChild(fragment);
    shown = Math.min(rows.length, shown + TABLE_PAGE);
    more.textContent = L.showMore.replace("{count}", Math.min(TABLE_PAGE, rows.length - shown));
    more.hidden = shown >= rows.length;
  };
  more.addEventListener("click", showMore);
  showMore();
  wrapper.append(tableEl, more);
  return wrapper;
}
