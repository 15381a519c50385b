// Campaign planner panel: scope, k and constraints → POST /campaigns/plan (polling the job when the service runs it
// as one) → the picks, the coverage curve against the top-k by followers and by influence, and the overlap heat map
// of the picks' engaged audiences (POST /audiences/overlap).

import { ApiError, request, getJson } from "./api.js";
import { h, s, byId, clear, fmt, roleLabel, showError, accountLink, fetchSection } from "./dom.js";

const POLL_MS = 500;

/** Splits "a, b c\nd" into ids. */
const ids = (text) => text.split(/[\s,]+/).map((x) => x.trim()).filter(Boolean);

/** Reads the planner form into the request body of POST /campaigns/plan. */
function planRequest(form) {
  const value = (name) => form.elements[name].value.trim();
  const number = (name) => (value(name) === "" ? null : Number(value(name)));
  const body = { k: number("k") ?? 20, objective: value("objective") || "reach", minInteractions: number("minInteractions") ?? 1 };
  const scope = value("scope");
  if (scope === "community") body.community = number("community");
  if (scope === "segment") body.seeds = ids(value("seeds"));
  if (form.elements.excludeCelebrities.checked) body.excludeRoles = ["celebrity"];
  if (number("maxFollowers") !== null) body.maxFollowers = number("maxFollowers");
  if (value("include")) body.include = ids(value("include"));
  if (value("exclude")) body.exclude = ids(value("exclude"));
  return body;
}

/** Runs the plan; a 202 answer is a job, polled until it ends with its progress shown. */
async function runPlan(body, progress) {
  const { data, response } = await request("POST", "/campaigns/plan", { body });
  if (response.status !== 202) return data;
  const location = response.headers.get("Location") ?? `/api/v1/campaigns/plans/${data.id}`;
  const path = location.replace(/^\/api\/v1/, "");
  progress.hidden = false;
  for (;;) {
    const job = await getJson(path);
    byId("plan-progress-bar").value = job.percent ?? 0;
    byId("plan-progress-text").textContent = `${job.state} (${(job.percent ?? 0).toFixed(0)}%)`;
    if (job.state === "completed") { progress.hidden = true; return job.plan; }
    if (job.state === "failed" || job.state === "cancelled") {
      progress.hidden = true;
      throw new ApiError(500, { title: "The plan failed", detail: job.error ?? job.state }, location);
    }
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}

export async function submitPlan() {
  const form = byId("plan-form");
  const result = byId("plan-result");
  const plan = await fetchSection(result, byId("plan-error"), () => runPlan(planRequest(form), byId("plan-progress")));
  if (!plan) return;
  renderPlan(plan);
  result.hidden = false;
  await loadOverlap(plan.picks.map((p) => p.id));
  result.dataset.loaded = "true";
}

function renderPlan(plan) {
  const unit = plan.objective === "reach" ? "distinct engaged accounts" : "expected accounts reached";
  const lift = (x) => (x === null || x === undefined ? "–" : `×${fmt.num(x, 2)}`);
  byId("plan-summary").textContent =
    `${plan.picks.length} picks reach ${fmt.num(plan.value, 1)} ${unit} of the ${plan.scope}` +
    `${plan.community !== null && plan.community !== undefined ? ` ${plan.community}` : ""} (${fmt.int(plan.scopeSize)} people, ` +
    `${fmt.int(plan.candidates)} candidates); the top ${plan.k} by followers reach ${fmt.num(plan.byFollowers.value, 1)} (${lift(plan.liftOverFollowers)}), ` +
    `by influence ${fmt.num(plan.byInfluence.value, 1)} (${lift(plan.liftOverInfluence)}).` +
    (plan.sampling ? ` IMM: ${fmt.int(plan.sampling.samples)} RR sets, ε ${fmt.num(plan.sampling.epsilon)}.` : "") +
    (plan.stoppedEarly ? ` ${plan.stoppedEarly}.` : "");
  const summary = byId("plan-summary");
  summary.dataset.value = String(plan.value);
  summary.dataset.followers = String(plan.byFollowers.value);
  summary.dataset.influence = String(plan.byInfluence.value);

  const tbody = byId("plan-picks").querySelector("tbody");
  clear(tbody);
  for (const p of plan.picks) {
    tbody.append(h("tr", { "data-id": p.id },
      h("td", { class: "num" }, p.rank), h("td", null, accountLink(p.id)), h("td", { class: "num" }, fmt.num(p.marginalGain, 1)),
      h("td", { class: "num" }, fmt.num(p.cumulativeValue, 1)), h("td", { class: "num" }, fmt.int(p.audience)),
      h("td", { class: "num" }, fmt.int(p.overlapWithEarlier)), h("td", null, roleLabel(p.role)), h("td", { class: "num" }, fmt.int(p.followers)),
      h("td", null, h("details", null, h("summary", null, p.included ? "included on request" : "why"),
        h("ul", { class: "reasons" }, p.reasons.map((r) => h("li", null, r)))))));
  }
  drawCurve(byId("plan-curve"), [
    { name: "plan", values: plan.curve, cls: "c-plan" },
    { name: "top-k by followers", values: plan.byFollowers.curve, cls: "c-followers" },
    { name: "top-k by influence", values: plan.byInfluence.curve, cls: "c-influence" },
  ], unit);
}

/** Coverage curve: value after 1..k accounts, one polyline per list. */
function drawCurve(svg, series, unit) {
  clear(svg, "title, desc");
  const W = 640, H = 260, L = 56, R = 150, T = 12, B = 36;
  svg.setAttribute("viewBox", `0 0 ${W} ${H}`);
  const k = Math.max(1, ...series.map((x) => x.values.length));
  const top = Math.max(1, ...series.flatMap((x) => x.values));
  const x = (i) => L + ((W - L - R) * i) / Math.max(1, k - 1 || 1);
  const y = (v) => H - B - ((H - T - B) * v) / top;
  svg.append(s("line", { x1: L, y1: H - B, x2: W - R, y2: H - B, class: "axis" }), s("line", { x1: L, y1: T, x2: L, y2: H - B, class: "axis" }),
    s("text", { x: (L + W - R) / 2, y: H - 6, "text-anchor": "middle" }, "accounts picked (k)"),
    s("text", { x: L - 6, y: T + 10, "text-anchor": "end" }, fmt.num(top, 0)), s("text", { x: L - 6, y: H - B, "text-anchor": "end" }, "0"),
    s("text", { x: W - R, y: H - B + 14, "text-anchor": "middle" }, String(k)), s("text", { x: L, y: H - B + 14, "text-anchor": "middle" }, "1"));
  series.forEach((line, n) => {
    const points = line.values.map((v, i) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(" ");
    svg.append(s("polyline", { points, class: `curve ${line.cls}`, "data-series": line.name, "data-points": line.values.length }));
    svg.append(s("text", { x: W - R + 8, y: T + 14 + 18 * n, class: `legend ${line.cls}` }, line.name));
  });
  svg.dataset.series = String(series.length);
  svg.querySelector("desc").textContent = series.map((l) => `${l.name}: ${fmt.num(l.values.at(-1) ?? 0, 1)} ${unit} with ${l.values.length} accounts`).join("; ");
}

async function loadOverlap(accounts) {
  const svg = byId("plan-overlap");
  const err = byId("plan-overlap-error");
  showError(err, null);
  clear(svg, "title, desc");
  svg.dataset.cells = "0";
  if (accounts.length < 2) { svg.querySelector("desc").textContent = "Fewer than two picks: no overlap to show."; return; }
  let data;
  try {
    ({ data } = await request("POST", "/audiences/overlap", { body: { accounts } }));
  } catch (e) {
    showError(err, e);
    return;
  }
  drawHeatMap(svg, data);
}

/** Jaccard of every pair of picks as a square grid (darker = more shared engagers); hover a cell for the counts. */
function drawHeatMap(svg, data) {
  const names = data.accounts.map((a) => a.id);
  const n = names.length, cell = Math.max(12, Math.min(28, Math.floor(480 / n))), L = 110, T = 110;
  const size = L + n * cell + 8;
  svg.setAttribute("viewBox", `0 0 ${size} ${T + n * cell + 8}`);
  svg.style.maxWidth = `${size}px`;  // drawn at its own scale: a few picks do not blow up to the column's width
  const index = new Map(names.map((id, i) => [id, i]));
  const jaccard = Array.from({ length: n }, () => new Array(n).fill(null));
  const shared = Array.from({ length: n }, () => new Array(n).fill(0));
  for (const p of data.pairs) {
    const a = index.get(p.a), b = index.get(p.b);
    jaccard[a][b] = jaccard[b][a] = p.jaccard;
    shared[a][b] = shared[b][a] = p.shared;
  }
  const max = Math.max(0.0001, ...data.pairs.map((p) => p.jaccard));
  names.forEach((id, i) => {
    const label = id.length > 14 ? `${id.slice(0, 13)}…` : id;
    svg.append(s("text", { x: L - 4, y: T + i * cell + cell * 0.7, "text-anchor": "end" }, label),
      s("text", { x: 0, y: 0, transform: `translate(${L + i * cell + cell * 0.7},${T - 4}) rotate(-60)` }, label));
    for (let j = 0; j < n; j++) {
      const v = i === j ? null : jaccard[i][j];
      const shade = v === null ? 0 : v / max;
      const rect = s("rect", { x: L + j * cell, y: T + i * cell, width: cell - 1, height: cell - 1, class: i === j ? "diag" : "cell",
        "data-a": id, "data-b": names[j], "data-jaccard": v ?? "", style: v === null ? null : `fill-opacity:${(0.08 + 0.92 * shade).toFixed(3)}` },
      s("title", null, i === j ? `${id}: ${fmt.int(data.accounts[i].audience)} engaged accounts`
        : `${id} × ${names[j]}: ${fmt.int(shared[i][j])} shared engagers, Jaccard ${fmt.num(v)}`));
      svg.append(rect);
    }
  });
  svg.dataset.cells = String(n * (n - 1));
  svg.querySelector("desc").textContent = `Overlap of the engaged audiences of ${n} picks: union ${fmt.int(data.union)} of ` +
    `${fmt.int(data.sumOfAudiences)} summed audiences; the highest pairwise Jaccard is ${fmt.num(max)}.`;
}

/** Shows or hides the scope's own field (community id or segment accounts). */
export function syncScopeFields() {
  const scope = byId("plan-form").elements.scope.value;
  byId("plan-community-field").hidden = scope !== "community";
  byId("plan-seeds-field").hidden = scope !== "segment";
  byId("plan-community").required = scope === "community";
  byId("plan-seeds").required = scope === "segment";
}
