// Defender network of one account, drawn as a small SVG graph: the account in the centre, defenders around
// it (size = strength), critics as red squares further out, ties among defenders as grey lines.
// Layout: a deterministic force layout seeded from a circle (same input → same picture), capped at
// MAX_DEFENDERS + MAX_CRITICS nodes so it stays readable and O(n²) stays trivial.

import { s, clear, fmt } from "./dom.js";
import { roleColor } from "./scatter.js";

export const MAX_DEFENDERS = 60;
export const MAX_CRITICS = 20;
const ITERATIONS = 300;

/**
 * Draws `network` (the `/accounts/{id}/defenders` response) into `svg`.
 * Returns the number of nodes drawn besides the centre. `onOpen(id)` opens a node's profile.
 */
export function drawDefenderNetwork(svg, network, onOpen) {
  clear(svg, "title, desc");
  const size = 520;
  svg.setAttribute("viewBox", `0 0 ${size} ${size}`);
  const c = size / 2;
  const defenders = (network.defenders ?? []).slice(0, MAX_DEFENDERS);
  const critics = (network.critics ?? []).slice(0, MAX_CRITICS);
  const nodes = [
    ...defenders.map((d) => ({ ...d, kind: "defender" })),
    ...critics.map((d) => ({ ...d, kind: "critic" })),
  ];
  const index = new Map(nodes.map((n, i) => [n.id, i]));
  const ties = [];
  for (const t of network.ties ?? []) {
    const a = index.get(t.source), b = index.get(t.target);
    if (a !== undefined && b !== undefined && a !== b) ties.push([a, b]);
  }

  const started = performance.now();
  layout(nodes, ties, c, size);
  svg.dataset.layoutMs = (performance.now() - started).toFixed(1);
  const maxStrength = Math.max(1e-9, ...nodes.map((n) => n.strength ?? 0));
  const radius = (n) => 5 + 9 * Math.sqrt(Math.max(0, n.strength ?? 0) / maxStrength);

  const edges = s("g", { class: "edges" });
  for (const n of nodes) {
    const w = n.kind === "critic" ? 1 : 0.6 + 2.4 * ((n.strength ?? 0) / maxStrength);
    edges.append(s("line", { class: n.kind === "critic" ? "e-critic" : "e-spoke", x1: c, y1: c, x2: n.x, y2: n.y, "stroke-width": w.toFixed(2) }));
  }
  for (const [a, b] of ties) {
    edges.append(s("line", { class: "e-tie", x1: nodes[a].x, y1: nodes[a].y, x2: nodes[b].x, y2: nodes[b].y }));
  }
  svg.append(edges);

  // Labels only for the strongest few, so the picture does not drown in text; the table lists all.
  const labelled = new Set(nodes.slice().sort((p, q) => (q.strength ?? 0) - (p.strength ?? 0)).slice(0, 10).map((n) => n.id));
  const layer = s("g", { class: "nodes" });
  for (const n of nodes) {
    const r = radius(n);
    const label = `${n.kind} ${n.id}, strength ${fmt.num(n.strength)}, ${fmt.num(n.interactions)} interactions, role ${n.role ?? "–"}`;
    const g = s("g", { class: `node ${n.kind}`, tabindex: 0, role: "link", "aria-label": label, "data-id": n.id, "data-kind": n.kind });
    g.append(s("title", null, label));
    if (n.kind === "critic") {
      g.append(s("rect", { class: "n-critic", x: n.x - r, y: n.y - r, width: 2 * r, height: 2 * r }));
    } else {
      g.append(s("circle", { class: "n-defender", cx: n.x, cy: n.y, r, style: `fill:${roleColor(n.role)}` }));
    }
    if (labelled.has(n.id)) {
      const right = n.x >= c;
      g.append(s("text", { x: n.x + (right ? r + 3 : -r - 3), y: n.y + 4, "text-anchor": right ? "start" : "end" }, n.id));
    }
    g.addEventListener("click", () => onOpen(n.id));
    g.addEventListener("keydown", (e) => { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); onOpen(n.id); } });
    layer.append(g);
  }
  const centre = s("g", { class: "node centre", "data-id": network.account });
  centre.append(s("circle", { class: "n-center", cx: c, cy: c, r: 14 }));
  centre.append(s("text", { x: c, y: c + 30, "text-anchor": "middle", "font-weight": "700" }, network.account));
  layer.append(centre);
  svg.append(layer);

  svg.dataset.nodes = String(nodes.length);
  svg.dataset.defenders = String(defenders.length);
  svg.dataset.critics = String(critics.length);
  svg.dataset.ties = String(ties.length);
  return nodes.length;
}

/** Force layout: spring to the centre (critics kept further out), repulsion between nodes, springs on ties. */
function layout(nodes, ties, c, size) {
  const n = nodes.length;
  if (n === 0) return;
  const ringD = Math.min(170, 70 + 24 * Math.sqrt(n));
  const ringC = ringD + 50;
  const nd = nodes.filter((x) => x.kind === "defender").length;
  // Seed positions on a circle, defenders grouped by community so allied groups start side by side.
  const order = nodes.map((_, i) => i).sort((a, b) =>
    (nodes[a].kind === nodes[b].kind ? 0 : nodes[a].kind === "defender" ? -1 : 1) ||
    ((nodes[a].community ?? 0) - (nodes[b].community ?? 0)) ||
    ((nodes[b].strength ?? 0) - (nodes[a].strength ?? 0)));
  order.forEach((i, k) => {
    const isDef = nodes[i].kind === "defender";
    const count = isDef ? nd : n - nd;
    const pos = isDef ? k : k - nd;
    const angle = (2 * Math.PI * pos) / Math.max(1, count) + (isDef ? 0 : Math.PI / Math.max(1, count));
    const rr = isDef ? ringD : ringC;
    nodes[i].x = c + rr * Math.cos(angle);
    nodes[i].y = c + rr * Math.sin(angle);
  });
  let strongest = 1e-9;
  for (const a of nodes) strongest = Math.max(strongest, a.strength ?? 0);
  const fx = new Float64Array(n), fy = new Float64Array(n);
  for (let it = 0; it < ITERATIONS; it++) {
    const cool = 1 - it / ITERATIONS;
    fx.fill(0); fy.fill(0);
    for (let i = 0; i < n; i++) {
      const a = nodes[i];
      // Radial spring towards the node's ring.
      const dx = a.x - c, dy = a.y - c, d = Math.hypot(dx, dy) || 1;
      const target = a.kind === "critic" ? ringC : ringD * (1.1 - 0.35 * Math.min(1, (a.strength ?? 0) / strongest));
      fx[i] -= (dx / d) * (d - target) * 0.15;
      fy[i] -= (dy / d) * (d - target) * 0.15;
      for (let j = i + 1; j < n; j++) {
        const b = nodes[j];
        let ex = a.x - b.x, ey = a.y - b.y;
        let d2 = ex * ex + ey * ey;
        if (d2 < 0.01) { ex = 0.1 * (i - j); ey = 0.1; d2 = 0.02; }
        const f = 2500 / d2;
        const dd = Math.sqrt(d2);
        fx[i] += (ex / dd) * f; fy[i] += (ey / dd) * f;
        fx[j] -= (ex / dd) * f; fy[j] -= (ey / dd) * f;
      }
    }
    for (const [i, j] of ties) {
      const ex = nodes[j].x - nodes[i].x, ey = nodes[j].y - nodes[i].y;
      fx[i] += ex * 0.003; fy[i] += ey * 0.003;
      fx[j] -= ex * 0.003; fy[j] -= ey * 0.003;
    }
    for (let i = 0; i < n; i++) {
      const step = Math.min(8 * cool + 0.5, Math.hypot(fx[i], fy[i]));
      const len = Math.hypot(fx[i], fy[i]) || 1;
      nodes[i].x = clamp(nodes[i].x + (fx[i] / len) * step, 60, size - 60);
      nodes[i].y = clamp(nodes[i].y + (fy[i] / len) * step, 30, size - 30);
    }
  }
}

const clamp = (v, lo, hi) => Math.min(hi, Math.max(lo, v));
