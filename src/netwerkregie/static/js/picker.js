// Search pickers (core.pickers.SearchPicker): a match that is ticked moves to the chosen list, so it
// stays chosen whatever is searched next. A static file rather than inline scripts (CSP).
(() => {
  "use strict";

  const chosenValues = (picker) =>
    new Set(Array.from(picker.querySelectorAll("[data-picker-chosen] [data-picker-item] input"), (box) => box.value));

  document.addEventListener("change", (event) => {
    const box = event.target;
    const results = box.closest?.("[data-picker-results]");
    if (!results || !box.checked) return;
    const picker = results.closest("[data-picker]");
    const chosen = picker.querySelector("[data-picker-chosen]");
    if (box.type === "radio") {
      chosen.querySelectorAll("[data-picker-item]").forEach((item) => {
        item.remove();
      });
    }
    chosen.querySelector("[data-picker-nothing]")?.remove();
    chosen.append(box.closest("[data-picker-item]"));
  });

  // A match already in the chosen list (ticked or unticked again) is not offered twice.
  document.addEventListener("htmx:afterSwap", (event) => {
    const results = event.target;
    if (!results.matches?.("[data-picker-results]")) return;
    const have = chosenValues(results.closest("[data-picker]"));
    results.querySelectorAll("[data-picker-item] input").forEach((box) => {
      if (have.has(box.value)) box.closest("[data-picker-item]").remove();
    });
  });

  // Enter in the search box searches; it must not submit the form half filled in.
  document.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && event.target.matches?.("[data-picker-search]")) event.preventDefault();
  });
})();
