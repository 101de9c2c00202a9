/* Small DOM helpers shared by the map's panels, table and export. */

export function element(tag, text, attributes) {
  const el = document.createElement(tag);
  if (text != null) el.textContent = text;
  for (const [name, value] of Object.entries(attributes || {})) el.setAttribute(name, value);
  return el;
}

export function list(items, none) {
  const ul = element("ul");
  if (!items.length) ul.appendChild(element("li", none, { class: "text-muted" }));
  for (const text of items) ul.appendChild(element("li", text));
  return ul;
}

// "{name}" placeholders of a translated text filled in.
export function fill(text, values) {
  return Object.entries(values).reduce((result, [key, value]) => result.replaceAll(`{${key}}`, String(value)), text);
}
