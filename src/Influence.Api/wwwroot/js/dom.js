// Small DOM and formatting helpers. Text is always set through textContent (never innerHTML with data),
// so account ids from the network cannot inject markup.

/** Creates an element: h("td", { class: "num" }, "12"). Children may be strings, nodes, null or arrays. */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith("on") && typeof v === "function") el.addEventListener(k.slice(2), v);
    else if (k === "dataset") Object.assign(el.dataset, v);
    else el.setAttribute(k, v === true ? "" : String(v));
  }
  append(el, children);
  return el;
}

const SVG_NS = "http://www.w3.org/2000/svg";

/** Creates an SVG element with attributes. */
export function s(tag, attrs, ...children) {
  const el = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (v === undefined || v === null || v === false) continue;
    el.setAttribute(k, String(v));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

export const byId = (id) => document.getElementById(id);

/**
 * The influencer filters (k, role, follower range, celebrities), described once in the page's
 * `#influencer-filter-fields` template, added to every form with `data-influencer-filters="prefix"` before its
 * buttons; ids become `prefix-k`, `prefix-role`, … (e.g. `f-k` in the community list, `seg-k` in the segment form).
 */
export function addInfluencerFilters() {
  const template = byId("influencer-filter-fields");
  for (const form of document.querySelectorAll("form[data-influencer-filters]")) {
    const prefix = form.dataset.influencerFilters;
    const fields = template.content.cloneNode(true);
    for (const el of fields.querySelectorAll("[data-id]")) el.id = `${prefix}-${el.dataset.id}`;
    for (const label of fields.querySelectorAll("label[data-for]")) label.htmlFor = `${prefix}-${label.dataset.for}`;
    form.querySelector(".field.buttons").before(fields);
  }
}

/** Removes every child except the ones matching `keep` (e.g. an SVG's title and desc). */
export function clear(el, keep) {
  for (const child of [...el.childNodes]) {
    if (keep && child.nodeType === 1 && child.matches(keep)) continue;
    child.remove();
  }
}

const intFormat = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });

export const fmt = {
  int: (v) => (v === null || v === undefined || Number.isNaN(v) ? "–" : intFormat.format(v)),
  /** Fractions in [0, 1] as percentages. */
  pct: (v, digits = 1) => (v === null || v === undefined || Number.isNaN(v) ? "–" : `${(v * 100).toFixed(digits)}%`),
  /** One notation for every figure: plain decimals, never exponents. Small shares (PageRank, influence) keep
   *  3 significant digits (0.00260), large ones are grouped integers, others have `digits` decimals. */
  num: (v, digits = 3) => {
    if (v === null || v === undefined || Number.isNaN(Number(v))) return "–";
    v = Number(v);
    if (!Number.isFinite(v)) return "–";
    if (v !== 0 && Math.abs(v) < 0.1) return v.toFixed(Math.min(20, Math.ceil(-Math.log10(Math.abs(v))) + 2));
    if (Math.abs(v) >= 10000) return intFormat.format(v);
    return Number.isInteger(v) ? String(v) : v.toFixed(digits);
  },
  date: (v) => (v ? new Date(v).toLocaleString("en-GB", { timeZone: "UTC", dateStyle: "medium", timeStyle: "medium" }) + " UTC" : "–"),
  bool: (v) => (v === true ? "yes" : v === false ? "no" : "–"),
};

/** A role label with its colour dot (same colours as the scatter plot). */
export const roleLabel = (role) => h("span", { class: "role", "data-role": role ?? "regular" }, role ?? "–");

/** Shows an ApiError (or any error) in an error box, with validation errors listed by field. */
/**
 * Fetches a section's data the one way every section does: clears its error box and marks it loading
 * (`data-loaded="false"`, which the browser tests wait on); on failure hides the section and shows the error. Returns
 * the data, or null when the fetch failed or `isCurrent()` turned false meanwhile (the analyst moved on: drop the answer).
 */
export async function fetchSection(section, errorBox, fetch, isCurrent = () => true) {
  showError(errorBox, null);
  section.dataset.loaded = "false";
  try {
    const data = await fetch();
    return isCurrent() ? data : null;
  } catch (e) {
    if (!isCurrent()) return null;
    section.hidden = true;
    showError(errorBox, e);
    return null;
  }
}

export function showError(box, error) {
  if (!error) { box.hidden = true; clear(box); return; }
  clear(box);
  box.append(h("strong", null, error.problem?.title ?? "Error"));
  const detail = error.problem?.detail ?? (error.problem ? null : error.message);
  if (detail) box.append(document.createTextNode(` — ${detail}`));
  const fields = error.fieldErrors ?? [];
  const shown = 20;  // a batch can name a thousand bad rows; the first ones tell the story
  if (fields.length) {
    box.append(h("ul", null, fields.slice(0, shown).map(([f, m]) => h("li", null, `${f}: ${m}`)),
      fields.length > shown ? h("li", null, `… ${fields.length - shown} more`) : null));
  }
  if (error.status) box.append(h("div", { class: "small" }, `HTTP ${error.status} from ${error.url}`));
  box.hidden = false;
}

/** Link to an account profile (keyboard-focusable, opens the profile tab). */
export const accountLink = (id) => h("a", { href: `#account/${encodeURIComponent(id)}`, class: "account-link" }, id);
