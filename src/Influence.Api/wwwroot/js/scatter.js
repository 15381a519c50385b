// Popularity vs influence: followers (log x) against influence (log y), one SVG circle per account.
// Up to the server's sample size (5,000 by default) circles; SVG keeps hover/click per point simple and
// leaves the drawn points countable by tests (data-points on the <svg>).

import { s, h, clear, fmt, roleLabel } from "./dom.js";

/** Draw order: regular accounts underneath, the rare roles on top so they stay visible. */
export const ROLES = ["regular", "amplifier", "micro-influencer", "macro-influencer", "celebrity"];
const RADIUS = { regular: 2.6, amplifier: 3.4, "micro-influencer": 3.8, "macro-influencer": 4.2, celebrity: 4.6 };
const COLOR = {
  celebrity: "var(--role-celebrity)",
  "macro-influencer": "var(--role-macro-influencer)",
  "micro-influencer": "var(--role-micro-influencer)",
  amplifier: "var(--role-amplifier)",
  regular: "var(--role-regular)",
};

export const roleColor = (role) => COLOR[role] ?? COLOR.regular;

/** Audience-quality bins (colour-blind-safe orange → blue), drawn best first so low-quality audiences sit on top. */
export const QUALITY_BINS = [
  { key: "none", label: "no followers", color: "var(--role-regular)", min: null },
  { key: "80-100", label: "80–100", color: "#0072b2", min: 80 },
  { key: "60-80", label: "60–79", color: "#56b4e9", min: 60 },
  { key: "40-60", label: "40–59", color: "#e69f00", min: 40 },
  { key: "0-40", label: "0–39", color: "#d55e00", min: 0 },
];
const QUALITY_ORDER = QUALITY_BINS.map((b) => b.key);
const QUALITY_COLOR = Object.fromEntries(QUALITY_BINS.map((b) => [b.key, b.color]));

/** The bin of an audience quality (null or undefined: no followers). */
export function qualityBin(q) {
  if (q === null || q === undefined) return "none";
  return QUALITY_BINS.find((b) => b.min !== null && q >= b.min).key;
}

/** How points are coloured: by role (the model's verdict) or by audience quality (docs/audience-quality.md). */
const MODES = {
  role: {
    order: ROLES, groupOf: (p) => (ROLES.includes(p.role) ? p.role : "regular"), color: (g) => COLOR[g],
    legendLabel: (g) => roleLabel(g), legendOrder: ROLES.slice().reverse(),
  },
  audience: {
    order: QUALITY_ORDER, groupOf: (p) => qualityBin(p.audienceQuality), color: (g) => QUALITY_COLOR[g],
    legendLabel: (g) => [h("span", { class: "swatch", style: `background:${QUALITY_COLOR[g]}` }), `audience quality ${QUALITY_BINS.find((b) => b.key === g).label}`],
    legendOrder: QUALITY_ORDER.slice().reverse(),
  },
};

/**
 * Owns the scatter SVG: call `setData` with the `/scatter` response, `render` on resize.
 * `onOpen(id)` is called when a point is clicked; `describe(id)` returns a promise of extra
 * tooltip lines (the profile's reasons), fetched lazily on hover.
 */
export class ScatterPlot {
  constructor(svg, tooltip, legend, { onOpen, describe }) {
    this.svg = svg;
    this.tooltip = tooltip;
    this.legend = legend;
    this.onOpen = onOpen;
    this.describe = describe;
    this.points = [];
    this.hidden = new Set();
    this.mode = "role";
    this.hoverTimer = 0;
    this.hoverId = null;
    svg.addEventListener("mouseover", (e) => this.#hover(e));
    svg.addEventListener("mouseout", (e) => { if (e.target.classList?.contains("pt")) this.#unhover(); });
    svg.addEventListener("click", (e) => {
      const id = e.target.dataset?.id;
      if (id) this.onOpen(id);
    });
  }

  setData(response) {
    this.response = response;
    this.points = response.points ?? [];
    this.#renderLegend();
    this.render();
  }

  /** Colours by "role" or "audience"; groups hidden in the other mode are shown again. */
  setColorMode(mode) {
    if (!MODES[mode]) throw new Error(`Unknown colour mode ${mode}`);
    if (mode === this.mode) return;
    this.mode = mode;
    this.hidden.clear();
    this.#renderLegend();
    this.render();
  }

  render() {
    const started = performance.now();
    const svg = this.svg;
    clear(svg, "title, desc");
    const width = Math.max(320, Math.round(svg.parentElement.clientWidth || 960));
    const height = Math.round(Math.min(560, Math.max(300, width * 0.58)));
    const narrow = width < 560;
    const m = { left: narrow ? 50 : 68, right: 14, top: 14, bottom: narrow ? 44 : 50 };
    svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
    svg.setAttribute("width", width);
    svg.setAttribute("height", height);
    const pts = this.points;
    if (pts.length === 0) {
      svg.append(s("text", { x: width / 2, y: height / 2, "text-anchor": "middle" }, "No accounts in the latest run."));
      svg.dataset.points = "0";
      svg.querySelector("desc").textContent = "No accounts.";
      return;
    }

    // Domains: x = log10(followers + 1) so accounts without followers still show; y = log10(influence).
    let maxF = 1, minI = Infinity, maxI = 0;
    for (const p of pts) {
      if (p.followers > maxF) maxF = p.followers;
      if (p.influence > 0 && p.influence < minI) minI = p.influence;
      if (p.influence > maxI) maxI = p.influence;
    }
    if (!Number.isFinite(minI)) { minI = 1e-6; maxI = 1; }
    const x0 = 0, x1 = Math.ceil(Math.log10(maxF + 1) + 1e-9) || 1;
    let y0 = Math.floor(Math.log10(minI)), y1 = Math.ceil(Math.log10(maxI));
    if (y1 <= y0) y1 = y0 + 1;
    const iw = width - m.left - m.right, ih = height - m.top - m.bottom;
    const sx = (f) => m.left + ((Math.log10(f + 1) - x0) / (x1 - x0)) * iw;
    const sy = (v) => m.top + ih - ((Math.log10(Math.max(v, minI)) - y0) / (y1 - y0)) * ih;

    const grid = s("g", { class: "grid" });
    const axes = s("g", { class: "axis" });
    for (let e = x0; e <= x1; e++) {
      const x = m.left + ((e - x0) / (x1 - x0)) * iw;
      grid.append(s("line", { x1: x, x2: x, y1: m.top, y2: m.top + ih }));
      axes.append(s("text", { x, y: m.top + ih + 16, "text-anchor": "middle" }, e === 0 ? "0" : tickLabel(e)));
    }
    const yStep = Math.max(1, Math.ceil((y1 - y0) / 8));
    for (let e = y0; e <= y1; e += yStep) {
      const y = m.top + ih - ((e - y0) / (y1 - y0)) * ih;
      grid.append(s("line", { x1: m.left, x2: m.left + iw, y1: y, y2: y }));
      axes.append(s("text", { x: m.left - 6, y: y + 4, "text-anchor": "end" }, `1e${e}`));
    }
    axes.append(s("line", { x1: m.left, x2: m.left + iw, y1: m.top + ih, y2: m.top + ih }));
    axes.append(s("line", { x1: m.left, x2: m.left, y1: m.top, y2: m.top + ih }));
    axes.append(s("text", { class: "axis-title", x: m.left + iw / 2, y: height - 6, "text-anchor": "middle" },
      "Followers + 1 (log scale) — popularity"));
    axes.append(s("text", { class: "axis-title", transform: `translate(14 ${m.top + ih / 2}) rotate(-90)`, "text-anchor": "middle" },
      "Influence (log scale)"));
    svg.append(grid, axes);
    if (!narrow) {
      svg.append(s("text", { class: "quadrant", x: m.left + iw - 8, y: m.top + ih - 10, "text-anchor": "end" }, "popular, not influential →"));
      svg.append(s("text", { class: "quadrant", x: m.left + 10, y: m.top + 16 }, "↑ influential without a big audience"));
    }

    const layer = s("g", { class: "points" });
    const mode = MODES[this.mode];
    let drawn = 0;
    const counts = {};
    for (const group of mode.order) {
      if (this.hidden.has(group)) continue;
      const frag = document.createDocumentFragment();
      for (const p of pts) {
        if (mode.groupOf(p) !== group) continue;
        const r = ROLES.includes(p.role) ? p.role : "regular";
        frag.append(s("circle", {
          class: "pt", cx: sx(p.followers).toFixed(1), cy: sy(p.influence).toFixed(1), r: RADIUS[r],
          fill: mode.color(group), "fill-opacity": r === "regular" && this.mode === "role" ? 0.55 : 0.85, "data-id": p.id, "data-role": r,
          "data-group": group,
        }));
        drawn++;
        counts[group] = (counts[group] ?? 0) + 1;
      }
      layer.append(frag);
    }
    svg.append(layer);
    svg.dataset.points = String(drawn);
    svg.dataset.colour = this.mode;
    // Evidence for docs/dashboard.md: time to build the SVG (layout/paint come after, in the browser).
    svg.dataset.renderMs = (performance.now() - started).toFixed(1);
    const total = this.response?.total ?? pts.length;
    svg.querySelector("desc").textContent =
      `${fmt.int(drawn)} accounts drawn (${fmt.int(pts.length)} sampled of ${fmt.int(total)}). ` +
      (this.mode === "role" ? "By role: " : "By audience quality: ") +
      mode.legendOrder.map((g) => `${g}: ${fmt.int(counts[g] ?? 0)}`).join(", ") + ".";
  }

  #renderLegend() {
    clear(this.legend);
    const mode = MODES[this.mode];
    const counts = {};
    for (const p of this.points) { const g = mode.groupOf(p); counts[g] = (counts[g] ?? 0) + 1; }
    for (const group of mode.legendOrder) {
      const button = h("button", { type: "button", "aria-pressed": this.hidden.has(group) ? "false" : "true",
        [this.mode === "role" ? "data-role" : "data-bin"]: group },
        mode.legendLabel(group), " ", h("span", { class: "count" }, `(${fmt.int(counts[group] ?? 0)})`));
      button.addEventListener("click", () => {
        if (this.hidden.has(group)) this.hidden.delete(group); else this.hidden.add(group);
        button.setAttribute("aria-pressed", this.hidden.has(group) ? "false" : "true");
        this.render();
      });
      this.legend.append(button);
    }
  }

  #hover(e) {
    const c = e.target;
    if (!c.classList?.contains("pt")) return;
    const id = c.dataset.id;
    const p = this.points.find((q) => q.id === id);
    if (!p) return;
    this.svg.querySelector(".pt.hot")?.classList.remove("hot");
    c.classList.add("hot");
    this.hoverId = id;
    const tip = this.tooltip;
    clear(tip);
    const reasons = h("div", { class: "reasons-slot muted" }, "Loading reasons…");
    tip.append(
      h("strong", null, p.id), h("br"),
      roleLabel(p.role), h("br"),
      `Followers ${fmt.int(p.followers)} · influence ${fmt.num(p.influence)}`,
      p.audienceQuality === null || p.audienceQuality === undefined ? null : [h("br"), `Audience quality ${fmt.num(p.audienceQuality, 0)} / 100`],
      reasons,
      h("div", { class: "muted" }, "Click to open the profile"),
    );
    tip.hidden = false;
    this.#place(c);
    clearTimeout(this.hoverTimer);
    // Fetch the profile only when the pointer rests on a point, not for every point crossed.
    this.hoverTimer = setTimeout(async () => {
      try {
        const lines = await this.describe(id);
        if (this.hoverId !== id) return;
        clear(reasons);
        reasons.classList.remove("muted");
        reasons.append(lines.length ? h("ul", null, lines.map((l) => h("li", null, l))) : h("span", { class: "muted" }, "No reasons recorded."));
      } catch (err) {
        if (this.hoverId === id) reasons.textContent = `Reasons unavailable: ${err.message}`;
      }
      if (this.hoverId === id) this.#place(c);
    }, 180);
  }

  #unhover() {
    clearTimeout(this.hoverTimer);
    this.hoverId = null;
    this.svg.querySelector(".pt.hot")?.classList.remove("hot");
    this.tooltip.hidden = true;
  }

  #place(circle) {
    const wrap = this.svg.parentElement.getBoundingClientRect();
    const c = circle.getBoundingClientRect();
    const tip = this.tooltip;
    let left = c.left - wrap.left + 12;
    let top = c.top - wrap.top + 12;
    if (left + tip.offsetWidth > wrap.width) left = Math.max(0, c.left - wrap.left - tip.offsetWidth - 12);
    if (top + tip.offsetHeight > wrap.height) top = Math.max(0, c.top - wrap.top - tip.offsetHeight - 12);
    tip.style.left = `${left}px`;
    tip.style.top = `${top}px`;
  }
}

function tickLabel(exp) {
  const v = 10 ** exp;
  if (v >= 1e6) return `${v / 1e6}M`;
  if (v >= 1e3) return `${v / 1e3}k`;
  return String(v);
}
