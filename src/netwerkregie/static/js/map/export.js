/* PNG and SVG files of the map as drawn now. The SVG writer is our own small one: it draws every
 * node as a circle or an ellipse and every edge as a straight line or a curve. */

import { element } from "./dom.js";

export function download(blob, filename) {
  const url = URL.createObjectURL(blob);
  const link = element("a", null, { href: url, download: filename });
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function png(cy) {
  return cy.png({ full: true, output: "blob", bg: "#ffffff", maxWidth: 6000, maxHeight: 6000 });
}

const ENTITIES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" };

function xml(value) {
  return String(value).replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

const n = (value) => Math.round(value * 100) / 100;

// An edge not drawn yet (the table is showing) has no endpoints: its nodes' centres do.
function point(p, node) {
  return p && Number.isFinite(p.x) && Number.isFinite(p.y) ? p : node.position();
}

function edgePath(edge, markers) {
  const opacity = edge.effectiveOpacity();
  if (!opacity) return null;
  const s = point(edge.sourceEndpoint(), edge.source());
  const t = point(edge.targetEndpoint(), edge.target());
  const colour = edge.style("line-color");
  const width = edge.numericStyle("width");
  const points = edge.style("curve-style") === "bezier" ? edge.controlPoints() || [] : [];
  let d = `M${n(s.x)} ${n(s.y)}`;
  points.forEach((p, i) => {
    const next = points[i + 1] ? { x: (p.x + points[i + 1].x) / 2, y: (p.y + points[i + 1].y) / 2 } : t;
    d += ` Q${n(p.x)} ${n(p.y)} ${n(next.x)} ${n(next.y)}`;
  });
  if (!points.length) d += ` L${n(t.x)} ${n(t.y)}`;
  const dash = { dashed: edge.numericStyle("line-dash-pattern") || [6, 3], dotted: [1, 1] }[edge.style("line-style")];
  let arrow = "";
  if (edge.style("target-arrow-shape") !== "none") {
    // Cytoscape's triangle: 0.3 of max((13.37 × width)^0.9, 29) × arrow-scale, long and wide.
    const size = 0.3 * Math.max((13.37 * width) ** 0.9, 29) * edge.numericStyle("arrow-scale");
    const key = [edge.style("target-arrow-color"), n(opacity), n(size)].join("|");
    if (!markers.has(key)) markers.set(key, `arrow-${markers.size}`);
    arrow = ` marker-end="url(#${markers.get(key)})"`;
  }
  const dashes = dash ? ` stroke-dasharray="${dash.join(" ")}"` : "";
  return `<path d="${d}" fill="none" stroke="${xml(colour)}" stroke-width="${n(width)}" stroke-opacity="${n(opacity)}"${dashes}${arrow}/>`;
}

function nodeShape(node) {
  const p = node.position();
  const opacity = node.effectiveOpacity();
  const rx = node.width() / 2;
  const ry = node.height() / 2;
  const fillOpacity = node.numericStyle("background-opacity") * opacity;
  if (fillOpacity <= 0) return null;
  const border = node.numericStyle("border-width");
  const stroke = border > 0 ? ` stroke="${xml(node.style("border-color"))}" stroke-width="${n(border)}"` : "";
  const paint = ` fill="${xml(node.style("background-color"))}" fill-opacity="${n(fillOpacity)}"${stroke}/>`;
  return rx === ry
    ? `<circle cx="${n(p.x)}" cy="${n(p.y)}" r="${n(rx)}"${paint}`
    : `<ellipse cx="${n(p.x)}" cy="${n(p.y)}" rx="${n(rx)}" ry="${n(ry)}"${paint}`;
}

function nodeLabel(node) {
  const text = node.style("label");
  const textOpacity = node.numericStyle("text-opacity") * node.effectiveOpacity();
  if (!text || !textOpacity) return null;
  const p = node.position();
  const rx = node.width() / 2;
  const ry = node.height() / 2;
  const valign = node.style("text-valign");
  const halign = node.style("text-halign");
  const offset = valign === "bottom" ? ry : valign === "top" ? -ry : 0;
  const ty = p.y + node.numericStyle("text-margin-y") + offset;
  const tx = p.x + node.numericStyle("text-margin-x") + (halign === "right" ? rx : halign === "left" ? -rx : 0);
  const anchor = { right: ' text-anchor="start"', left: ' text-anchor="end"' }[halign] || "";
  const baseline = valign === "bottom" ? "hanging" : valign === "top" ? "auto" : "central";
  const outline = node.numericStyle("text-outline-width");
  const halo =
    outline > 0
      ? ` stroke="${xml(node.style("text-outline-color"))}" stroke-width="${n(2 * outline)}" stroke-opacity="${n(textOpacity)}" paint-order="stroke"`
      : "";
  return (
    `<text x="${n(tx)}" y="${n(ty)}"${anchor} font-size="${n(node.numericStyle("font-size"))}" ` +
    `font-weight="${xml(node.style("font-weight"))}" dominant-baseline="${baseline}" fill="${xml(node.style("color"))}" ` +
    `fill-opacity="${n(textOpacity)}"${halo}>${xml(text)}</text>`
  );
}

// The whole map as a standalone SVG file: edges, then nodes, then labels, as drawn now
// (colours, widths, dashes, arrows, the names shown and the faded state of a selection).
export function toSvg(cy) {
  const visible = cy.elements(":visible");
  const box = visible.boundingBox();
  const margin = 20;
  const x = box.x1 - margin;
  const y = box.y1 - margin;
  const w = (box.w || 0) + 2 * margin;
  const h = (box.h || 0) + 2 * margin;
  const markers = new Map();
  const edges = visible.edges().map((edge) => edgePath(edge, markers)).filter(Boolean);
  const nodes = visible.nodes().map(nodeShape).filter(Boolean);
  const labels = visible.nodes().map(nodeLabel).filter(Boolean);
  const defs = Array.from(markers, ([key, id]) => {
    const [colour, opacity, size] = key.split("|");
    return (
      `<marker id="${id}" viewBox="0 0 10 10" refX="10" refY="5" markerUnits="userSpaceOnUse" ` +
      `markerWidth="${size}" markerHeight="${size}" orient="auto"><path d="M0 0 L10 5 L0 10 z" fill="${xml(colour)}" fill-opacity="${opacity}"/></marker>`
    );
  });
  const font = xml(cy.nodes().style("font-family") || "sans-serif");
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<svg xmlns="http://www.w3.org/2000/svg" width="${n(w)}" height="${n(h)}" viewBox="${[x, y, w, h].map(n).join(" ")}" ` +
    `font-family="${font}" text-anchor="middle">\n${defs.length ? `<defs>${defs.join("")}</defs>\n` : ""}` +
    `<rect x="${n(x)}" y="${n(y)}" width="${n(w)}" height="${n(h)}" fill="#ffffff"/>\n` +
    `<g class="edges">\n${edges.join("\n")}\n</g>\n<g class="nodes">\n${nodes.join("\n")}\n</g>\n` +
    `<g class="labels">\n${labels.join("\n")}\n</g>\n</svg>\n`
  );
}
