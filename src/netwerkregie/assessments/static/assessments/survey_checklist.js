// The relational survey's checklist: filter the organisations by name and count the ticked ones.
// A static file with data attributes, as the content security policy allows no inline scripts.
(() => {
  "use strict";

  function plain(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").trim().toLocaleLowerCase();
  }

  function setUp() {
    const list = document.querySelector("[data-checklist]");
    const filter = document.querySelector("[data-checklist-filter]");
    const count = document.querySelector("[data-checklist-count]");
    if (!list || !filter) {
      return;
    }
    const labels = Array.from(list.querySelectorAll("label"));
    const names = labels.map((label) => plain(label.textContent));
    const groups = Array.from(list.querySelectorAll("details"));
    filter.hidden = false;
    filter.addEventListener("keydown", (event) => {
      if (event.key === "Enter") {
        event.preventDefault(); // searching must not submit the page
      }
    });
    filter.addEventListener("input", () => {
      const wanted = plain(filter.value);
      labels.forEach((label, index) => {
        label.hidden = wanted !== "" && !names[index].includes(wanted);
      });
      groups.forEach((group) => {
        group.hidden = group.querySelector("label:not([hidden])") === null;
        if (wanted !== "") {
          group.open = true;
        }
      });
    });
    list.addEventListener("change", () => {
      if (count) {
        count.textContent = String(list.querySelectorAll("input:checked").length);
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
