// Searchable checkbox lists (core.widgets.SearchableCheckboxes) and "select all" boxes.
// A static file rather than inline scripts, so a strict Content-Security-Policy can stay on.
(() => {
  "use strict";

  // Case- and accent-insensitive, as people search: "gemeente" finds "Gemeente", "ggz" "GGZ".
  const fold = (text) => text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();

  function setUp(root) {
    if (root.dataset.checklistReady) return;
    root.dataset.checklistReady = "1";
    const search = root.querySelector("[data-checklist-search]");
    const items = Array.from(root.querySelectorAll("[data-checklist-item]"));
    const counter = root.querySelector("[data-checklist-count]");
    const count = () => {
      const n = root.querySelectorAll("input[type=checkbox]:checked").length;
      counter.textContent = n === 1 ? root.dataset.countOne : root.dataset.countOther.replace("%(n)s", n);
    };
    search.hidden = false;
    search.addEventListener("input", () => {
      const wanted = fold(search.value.trim());
      items.forEach((item) => { item.hidden = wanted !== "" && !fold(item.textContent).includes(wanted); });
    });
    // Enter in the filter box filters; it must not submit the form half filled in.
    search.addEventListener("keydown", (event) => { if (event.key === "Enter") event.preventDefault(); });
    root.addEventListener("change", count);
    count();
  }

  function setUpAll(scope) {
    scope.querySelectorAll("[data-checklist]").forEach(setUp);
  }

  document.addEventListener("DOMContentLoaded", () => setUpAll(document));
  document.addEventListener("htmx:load", (event) => setUpAll(event.target));

  // <input type="checkbox" data-select-all="CSS selector"> ticks every enabled, visible match.
  document.addEventListener("change", (event) => {
    const box = event.target;
    if (!box.matches?.("[data-select-all]")) return;
    document.querySelectorAll(box.dataset.selectAll).forEach((target) => {
      if (!target.disabled && !target.closest("[hidden]")) target.checked = box.checked;
    });
  });
})();
