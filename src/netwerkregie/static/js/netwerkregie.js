// Small behaviours that templates ask for with data attributes, so no page needs an inline script
// (the Content-Security-Policy allows scripts from our static files only).

// <select data-autosubmit>: choosing an option sends its form.
document.addEventListener("change", (event) => {
  var select = event.target.closest("[data-autosubmit]");
  if (select?.form) { select.form.submit(); }
});

// <form data-confirm="question">: ask before sending.
document.addEventListener("submit", (event) => {
  var form = event.target.closest("form[data-confirm]");
  if (form && !window.confirm(form.dataset.confirm)) { event.preventDefault(); }
});

// <button class="copy-link" data-link="…" data-copied="Copied">: copy the link beside it.
document.addEventListener("click", (event) => {
  var button = event.target.closest(".copy-link");
  if (!button) { return; }
  var input = button.parentElement.querySelector("input");
  if (input) { input.select(); }
  var done = () => { button.textContent = button.dataset.copied; };
  if (navigator.clipboard) {
    navigator.clipboard.writeText(button.dataset.link).then(done, () => { if (document.execCommand("copy")) { done(); } });
  } else if (document.execCommand("copy")) {
    done();
  }
});

// <input type="checkbox" data-select-all="#selector">: (un)tick every enabled box the selector finds.
document.addEventListener("change", (event) => {
  var all = event.target.closest("[data-select-all]");
  if (!all) { return; }
  document.querySelectorAll(all.dataset.selectAll).forEach((box) => {
    if (!box.disabled) { box.checked = all.checked; }
  });
});
