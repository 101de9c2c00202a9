/* Names that do not overlap: the best-connected organisations first (the server's `rank`),
 * each name only where it covers neither a name already placed nor another organisation. Names
 * keep one size on screen, so zooming in makes room and names more organisations; hovering
 * names any organisation. */

export const LABEL_PX = 11; // font size on screen
const CHARACTER_WIDTH = 0.62; // of the font size: a sans-serif name's average character, a little generous
const MAX_NAMED = 60; // on a big map more names would only slow the drawing

const GAP_PX = 2; // between an organisation and its name, on screen

// Where a name may go, in order of preference: under, above, right or left of its organisation.
const SPOTS = [
  {
    box: (p, r, w, h, gap) => ({ x1: p.x - w / 2, y1: p.y + r + gap, x2: p.x + w / 2, y2: p.y + r + gap + h }),
    style: (gap) => ({ "text-valign": "bottom", "text-halign": "center", "text-margin-y": gap }),
  },
  {
    box: (p, r, w, h, gap) => ({ x1: p.x - w / 2, y1: p.y - r - gap - h, x2: p.x + w / 2, y2: p.y - r - gap }),
    style: (gap) => ({ "text-valign": "top", "text-halign": "center", "text-margin-y": -gap }),
  },
  {
    box: (p, r, w, h, gap) => ({ x1: p.x + r + gap, y1: p.y - h / 2, x2: p.x + r + gap + w, y2: p.y + h / 2 }),
    style: (gap) => ({ "text-valign": "center", "text-halign": "right", "text-margin-x": gap }),
  },
  {
    box: (p, r, w, h, gap) => ({ x1: p.x - r - gap - w, y1: p.y - h / 2, x2: p.x - r - gap, y2: p.y + h / 2 }),
    style: (gap) => ({ "text-valign": "center", "text-halign": "left", "text-margin-x": -gap }),
  },
];

function overlaps(a, b) {
  return a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2;
}

// The label's font size in model units for the current zoom.
export function labelSize(cy) {
  return LABEL_PX / cy.zoom();
}

export function placeLabels(cy) {
  const size = labelSize(cy);
  const nodes = cy
    .nodes(":visible")
    .not(".group-label")
    .not(".faded")
    .sort((a, b) => priority(a) - priority(b));
  const circles = nodes.map((node) => {
    const p = node.position();
    const r = node.width() / 2;
    return { node, x1: p.x - r, y1: p.y - r, x2: p.x + r, y2: p.y + r };
  });
  const placed = [];
  const named = [];
  const gap = GAP_PX / cy.zoom();
  const view = cy.extent(); // a name cut off at the map's edge is no help
  nodes.forEach((node) => {
    if (named.length >= MAX_NAMED) return;
    const width = node.data("label").length * size * CHARACTER_WIDTH;
    for (const spot of SPOTS) {
      const box = spot.box(node.position(), node.width() / 2, width, size * 1.2, gap);
      if (box.x1 < view.x1 || box.x2 > view.x2 || box.y1 < view.y1 || box.y2 > view.y2) continue;
      if (placed.some((other) => overlaps(box, other))) continue;
      if (circles.some((circle) => circle.node !== node && overlaps(box, circle))) continue;
      placed.push(box);
      named.push([node, spot]);
      return;
    }
  });
  cy.batch(() => {
    cy.nodes(".named").removeClass("named");
    // Only the named ones need a size and a spot: style bypasses, as stylesheet rules per zoom would pile up.
    for (const [node, spot] of named) {
      node.addClass("named").style({ "font-size": size, "text-margin-x": 0, "text-margin-y": 0, ...spot.style(gap) });
    }
  });
  return named.length;
}

// A selected organisation is named first, then its neighbours, then the rest by rank.
function priority(node) {
  const first = node.hasClass("focus") ? -2e6 : node.hasClass("highlight") ? -1e6 : 0;
  return first + (node.data("rank") || 0);
}

export function watchLabels(cy) {
  let timer = null;
  const again = () => {
    clearTimeout(timer);
    timer = setTimeout(() => placeLabels(cy), 80);
  };
  cy.on("zoom pan", again);
  cy.on("mouseover", "node", (event) => event.target.style("font-size", labelSize(cy)).addClass("hover"));
  cy.on("mouseout", "node", (event) => event.target.removeClass("hover"));
  return again;
}
