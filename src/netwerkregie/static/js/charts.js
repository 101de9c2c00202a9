// Every [data-vega-spec] element: embed the chart whose spec is in the <script type="application/json">
// with that id. The expression interpreter (ast: true) keeps Vega free of eval, as the CSP demands;
// the embed and tooltip styles come from vega-embed.css instead of injected <style> elements.
document.querySelectorAll("[data-vega-spec]").forEach((el) => {
  var spec = JSON.parse(document.getElementById(el.dataset.vegaSpec).textContent);
  vegaEmbed(el, spec, {
    actions: {export: true, source: false, compiled: false, editor: false},
    renderer: "svg",
    ast: true,
    defaultStyle: false,
    tooltip: {disableDefaultStyle: true},
  }).catch((error) => { el.textContent = error.message; });
});
