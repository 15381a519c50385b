// A path between two accounts (the `/paths` response) drawn left to right: the accounts as dots, each hop as a
// line with its ties in words above (forward: from → to) and below (backward: to → from). At most 11 accounts
// (maxTies ≤ 10), so a fixed row layout stays readable without a force layout.

import { getJson } from "./api.js";
import { s, h, byId, clear, fmt, showError } from "./dom.js";

const WIDTH = 640, HEIGHT = 170, MARGIN = 50, Y = 85;

/** "follows", "reply ×3", … for one direction of a hop. */
export function tieList(ties) {
  return (ties ?? []).map((t) => (t.kind === "follows" || t.count === 1 ? t.kind : `${t.kind} ×${fmt.num(t.count, 2)}`)).join(", ");
}

/** Draws `path` into `svg`; `onOpen(id)` opens an account's profile. Returns the number of ties drawn. */
export function drawPath(svg, path, onOpen) {
  clear(svg, "title, desc");
  svg.setAttribute("viewBox", `0 0 ${WIDTH} ${HEIGHT}`);
  const accounts = path.found ? path.accounts ?? [] : [];
  const n = accounts.length;
  const x = (i) => (n <= 1 ? WIDTH / 2 : MARGIN + ((WIDTH - 2 * MARGIN) * i) / (n - 1));
  const hops = s("g", { class: "edges" });
  (path.steps ?? []).forEach((step, i) => {
    const x1 = x(i), x2 = x(i + 1), mid = (x1 + x2) / 2;
    const g = s("g", { class: "hop", "data-from": step.from, "data-to": step.to });
    g.append(s("title", null, step.text));
    g.append(s("line", { class: "e-path", x1: x1 + 9, y1: Y, x2: x2 - 9, y2: Y }));
    const forward = tieList(step.forward), backward = tieList(step.backward);
    if (forward) g.append(s("text", { class: "tie forward", x: mid, y: Y - 12, "text-anchor": "middle" }, `→ ${forward}`));
    if (backward) g.append(s("text", { class: "tie backward", x: mid, y: Y + 22, "text-anchor": "middle" }, `← ${backward}`));
    hops.append(g);
  });
  svg.append(hops);
  const layer = s("g", { class: "nodes" });
  accounts.forEach((id, i) => {
    const end = i === 0 || i === n - 1;
    const g = s("g", { class: `node${end ? " end" : ""}`, tabindex: 0, role: "link", "aria-label": `account ${id}`, "data-id": id });
    g.append(s("title", null, id));
    g.append(s("circle", { class: end ? "n-center" : "n-defender", cx: x(i), cy: Y, r: end ? 9 : 7 }));
    g.append(s("text", { x: x(i), y: i % 2 ? Y + 48 : Y - 36, "text-anchor": "middle", "font-weight": end ? "700" : "400" }, id));
    g.addEventListener("click", () => onOpen(id));
    g.addEventListener("keydown", (e) => { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); onOpen(id); } });
    layer.append(g);
  });
  svg.append(layer);
  svg.dataset.ties = String(path.found ? path.ties : -1);
  svg.dataset.accounts = String(n);
  return path.found ? path.ties : 0;
}

/** Empties the profile's path section (no defender to start from). */
export function resetPath() {
  const svg = byId("path-graph");
  clear(svg, "title, desc");
  svg.dataset.ties = "-1";
  svg.querySelector("desc").textContent = "";
  byId("path-caption").textContent = "Type an account (e.g. a campaign pick) to see how it reaches or is tied to this one.";
  clear(byId("path-steps"));
}

/** Asks `/paths` and draws the answer in the profile; `isCurrent()` is false once another profile was opened. */
export async function loadPath(from, to, direction, { isCurrent, onOpen }) {
  const err = byId("path-error");
  showError(err, null);
  const svg = byId("path-graph");
  svg.dataset.loaded = "false";
  let path;
  try {
    path = await getJson("/paths", { from, to, direction });
  } catch (e) {
    resetPath();
    showError(err, e);
    svg.dataset.loaded = "true";
    return;
  }
  if (!isCurrent()) return;
  drawPath(svg, path, onOpen);
  byId("path-caption").textContent = path.text;
  svg.querySelector("desc").textContent = path.found ? `Path ${path.accounts.join(" → ")}.` : path.text;
  const steps = byId("path-steps");
  clear(steps);
  for (const step of path.steps ?? []) steps.append(h("li", null, step.text));
  svg.dataset.loaded = "true";
}

/** The "Show path" form: from the typed account to the profile's account (`currentAccount()`). */
export function wirePathForm(currentAccount, onOpen, onError) {
  byId("path-form").addEventListener("submit", (e) => {
    e.preventDefault();
    const from = byId("path-from").value.trim();
    const to = currentAccount();
    if (!from || !to) return;
    loadPath(from, to, byId("path-direction").value, { isCurrent: () => currentAccount() === to, onOpen }).catch(onError);
  });
}
