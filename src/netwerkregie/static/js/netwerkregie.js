// Small behaviours that templates ask for with data attributes, so no page needs an inline script
// (the Content-Security-Policy allows scripts from our static files only).

// <select data-autosubmit>: choosing an option sends its form.
document.addEventListener("change", function (event) {
  var select = event.target.closest("[data-autosubmit]");
  if (select && select.form) { select.form.submit(); }
});

// <form data-confirm="question">: ask before sending.
document.addEventListener("submit", function (event) {
  var form = event.target.closest("form[data-confirm]");
  if (form && !window.confirm(form.dataset.confirm)) { event.preventDefault(); }
});

// <button class="copy-link" data-link="…" data-copied="Copied">: copy the link beside it.
document.addEventListener("click", function (event) {
  var button = event.target.closest(".copy-link");
  if (!button) { return; }
  var input = button.parentElement.querySelector("input");
  if (input) { input.select(); }
  var done = function () { button.textContent = button.dataset.copied; };
  if (navigator.clipboard) {
    navigator.clipboard.writeText(button.dataset.link).then(done, function () { if (document.execCommand("copy")) { done(); } });
  } else if (document.execCommand("copy")) {
    done();
  }
});

// <input type="checkbox" data-select-all="#selector">: (un)tick every enabled box the selector finds.
document.addEventListener("change", function (event) {
  var all = event.target.closest("[data-select-all]");
  if (!all) { return; }
  document.querySelectorAll(all.dataset.selectAll).forEach(function (box) {
    if (!box.disabled) { box.checked = all.checked; }
  });
});
