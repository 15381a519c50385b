// Audience quality of one account (GET /accounts/{id}/audience): the follower-growth curve with its flagged spikes
// (a spike's cohort figures on hover, focus or click), the score's breakdown (components × published weights), the
// reasons, and Kred's two axes. Nothing is computed here but layout and the points each component contributes.

import { getJson, accountPath } from "./api.js";
import { s, h, byId, clear, fmt, accountLink, fetchSection } from "./dom.js";

const DAY_MS = 86_400_000;
const COMPONENT_LABELS = {
  reachable: "Reachable (1 − mass-follower share)",
  active: "Active (1 − inactive-follower share)",
  authenticGrowth: "Authentic growth (1 − suspicious-growth share)",
  engagementForSize: "Engagement for its size (percentile in its tier)",
};

const day = (iso) => Date.parse(`${iso}T00:00:00Z`) / DAY_MS;
const isoDay = (d) => new Date(d * DAY_MS).toISOString().slice(0, 10);

/** Loads and draws the audience section; `isCurrent()` false means the analyst moved on (drop the answer). */
export async function loadAudience(id, { isCurrent }) {
  const section = byId("audience-body");
  const report = await fetchSection(section, byId("audience-error"), () => getJson(`${accountPath(id)}/audience`), isCurrent);
  if (!report) return;
  section.hidden = false;
  renderSummary(report);
  drawGrowth(byId("audience-growth"), report, (spike) => showSpike(spike, report));
  fillSpikeTable(report);
  fillBreakdown(report);
  fillCommunities(report);
  fillReasons(report);
  showSpike(null, report);
  section.dataset.loaded = "true";
}

function renderSummary(r) {
  const score = r.audienceQuality;
  const box = byId("audience-score");
  box.dataset.score = score === null ? "" : String(score);
  box.textContent = score === null ? "No followers: audience quality is undefined." : `Audience quality ${fmt.num(score, 0)} / 100`;
  const suspicious = r.spikes.filter((x) => x.suspicious).length;
  byId("audience-caption").textContent =
    `${fmt.int(r.followers)} followers; ${fmt.int(r.suspectedFakeFollowers)} suspected fakes; ` +
    `${fmt.int(r.spikes.length)} growth spike${r.spikes.length === 1 ? "" : "s"}, ${fmt.int(suspicious)} suspicious; ` +
    `mass followers follow ≥ ${fmt.int(r.massFollowingThreshold)} accounts. ` +
    `Influence received ${fmt.num(r.influenceReceived, 1)} (${fmt.pct(r.influenceReceivedInCommunityShare)} from its community) vs outreach given ` +
    `${fmt.num(r.outreachGiven, 1)} (${fmt.pct(r.outreachGivenInCommunityShare)} to its community).`;
}

/**
 * Cumulative followers (line, top band) over daily new followers (bars, bottom band) on one time axis; every spike is a
 * shaded band over both (red: suspicious, blue: organic) that can be hovered, focused or clicked.
 */
function drawGrowth(svg, r, onSpike) {
  clear(svg, "title, desc");
  const W = 720, H = 300, L = 58, R = 14, T = 12, B = 34, gap = 16, barsH = 70;
  svg.setAttribute("viewBox", `0 0 ${W} ${H}`);
  svg.dataset.days = String(r.growth.length);
  svg.dataset.spikes = String(r.spikes.length);
  if (!r.hasFollowTimes || r.growth.length === 0) {
    svg.append(s("text", { x: W / 2, y: H / 2, "text-anchor": "middle" },
      r.hasFollowTimes ? "No follower has arrived yet." : "The follows carry no time (since): no growth curve."));
    svg.querySelector("desc").textContent = "No growth series.";
    return;
  }
  const days = r.growth.map((g) => day(g.date));
  const first = Math.min(days[0], ...r.spikes.map((x) => day(x.from))) - 1;
  const last = Math.max(days.at(-1), ...r.spikes.map((x) => day(x.to))) + 1;
  const span = Math.max(1, last - first);
  const lineTop = T, lineBottom = H - B - barsH - gap, barsTop = H - B - barsH, barsBottom = H - B;
  const x = (d) => L + ((d - first) / span) * (W - L - R);
  const counted = r.growth.reduce((a, g) => a + g.followers, 0);
  const maxDaily = Math.max(1, ...r.growth.map((g) => g.followers));
  const yLine = (v) => lineBottom - ((lineBottom - lineTop) * v) / Math.max(1, counted);
  const yBar = (v) => barsBottom - (barsH * v) / maxDaily;

  const bands = s("g", { class: "spikes" });
  r.spikes.forEach((sp, i) => {
    const x0 = x(day(sp.from)), x1 = x(day(sp.to) + 1);
    const band = s("rect", {
      class: `spike${sp.suspicious ? " suspicious" : ""}`, x: x0.toFixed(1), y: lineTop, width: Math.max(6, x1 - x0).toFixed(1),
      height: barsBottom - lineTop, tabindex: 0, role: "button", "data-spike": i, "data-suspicious": String(sp.suspicious),
      "data-from": sp.from, "aria-label": `${sp.suspicious ? "Suspicious" : "Organic"} spike ${sp.from} to ${sp.to}: ${fmt.int(sp.newFollowers)} new followers`,
    });
    for (const type of ["mouseenter", "focus", "click"]) band.addEventListener(type, () => onSpike(sp));
    band.addEventListener("keydown", (e) => { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); onSpike(sp); } });
    bands.append(band);
  });

  const axes = s("g", { class: "axis" });
  axes.append(
    s("line", { x1: L, x2: W - R, y1: lineBottom, y2: lineBottom }), s("line", { x1: L, x2: W - R, y1: barsBottom, y2: barsBottom }),
    s("line", { x1: L, x2: L, y1: lineTop, y2: barsBottom }),
    s("text", { x: L - 6, y: lineTop + 10, "text-anchor": "end" }, fmt.int(counted)), s("text", { x: L - 6, y: lineBottom, "text-anchor": "end" }, "0"),
    s("text", { x: L - 6, y: barsTop + 10, "text-anchor": "end" }, fmt.int(maxDaily)), s("text", { x: L - 6, y: barsBottom, "text-anchor": "end" }, "0"),
    s("text", { class: "axis-title", x: L + 6, y: lineTop + 10 }, "followers (cumulative)"),
    s("text", { class: "axis-title", x: L + 6, y: barsTop + 10 }, "new followers per day"),
    s("text", { x: L, y: H - 8, "text-anchor": "start" }, isoDay(first + 1)), s("text", { x: W - R, y: H - 8, "text-anchor": "end" }, isoDay(last - 1)));

  const bars = s("g", { class: "bars" });
  const barW = Math.max(1, (W - L - R) / span - 0.5);
  let total = 0;
  const points = [`${x(first).toFixed(1)},${yLine(0).toFixed(1)}`];
  r.growth.forEach((g, i) => {
    const d = days[i];
    bars.append(s("rect", { x: x(d).toFixed(1), y: yBar(g.followers).toFixed(1), width: barW.toFixed(1), height: (barsBottom - yBar(g.followers)).toFixed(1) }));
    points.push(`${x(d).toFixed(1)},${yLine(total).toFixed(1)}`);
    total += g.followers;
    points.push(`${x(d + 1).toFixed(1)},${yLine(total).toFixed(1)}`);
  });
  points.push(`${x(last).toFixed(1)},${yLine(total).toFixed(1)}`);
  svg.append(bands, axes, bars, s("polyline", { class: "growth-line", points: points.join(" ") }));
  const suspicious = r.spikes.filter((x) => x.suspicious);
  svg.querySelector("desc").textContent =
    `${fmt.int(counted)} followers arrived over ${fmt.int(r.growth.length)} days from ${r.growth[0].date} to ${r.growth.at(-1).date}; ` +
    `${r.spikes.length} spikes (${suspicious.length} suspicious${suspicious.length ? `: ${suspicious.map((x) => `${x.from}–${x.to}`).join(", ")}` : ""}). ` +
    "The table below lists them.";
}

/** The figures of one spike's cohort (or a hint when none is chosen). */
function showSpike(sp, r) {
  const box = byId("audience-spike");
  clear(box);
  for (const band of byId("audience-growth").querySelectorAll("rect.spike")) band.classList.toggle("chosen", sp !== null && band.dataset.from === sp.from);
  if (sp === null) {
    box.dataset.from = "";
    box.append(h("p", { class: "muted" }, r.spikes.length
      ? "Point at, focus or click a shaded spike (or a row of the table) for its cohort's figures."
      : "No growth spike: no day's new followers stand out from the trailing 28 days."));
    return;
  }
  box.dataset.from = sp.from;
  const figures = [
    ["New followers (cohort)", `${fmt.int(sp.newFollowers)} (${fmt.pct(sp.shareOfFollowers)} of followers)`],
    ["Days", sp.from === sp.to ? sp.from : `${sp.from} to ${sp.to}`], ["Robust z (peak)", fmt.num(sp.peakZ, 1)],
    ["Inactive", fmt.pct(sp.inactiveShare)], ["Very new accounts", fmt.pct(sp.newAccountShare)],
    ["Mass followers", fmt.pct(sp.massFollowingShare)], ["Engaged with the account", fmt.pct(sp.engagedShare)],
    ["Followee overlap (Jaccard)", sp.followeeJaccard.toFixed(2)], ["Lockstep follows (CopyCatch)", fmt.pct(sp.lockstepTimeShare)],
    ["Common followees", fmt.int(sp.commonFollowees)], ["Suspected fakes", fmt.int(sp.suspectedFakes)],
  ];
  box.append(
    h("h4", null, sp.suspicious ? "Suspicious spike" : "Organic spike (not suspicious)"),
    h("dl", { class: "metrics" }, figures.map(([k, v]) => h("div", null, h("dt", null, k), h("dd", null, v)))),
    h("p", { class: "small" }, "Cohort sample: ", sp.cohortSample.map((id, i) => [i ? ", " : "", accountLink(id)])));
}

function fillSpikeTable(r) {
  const tbody = byId("audience-spikes").querySelector("tbody");
  clear(tbody);
  for (const sp of r.spikes) {
    const row = h("tr", { "data-from": sp.from, "data-suspicious": String(sp.suspicious), tabindex: 0 },
      h("td", null, sp.from === sp.to ? sp.from : `${sp.from} – ${sp.to}`), h("td", { class: "num" }, fmt.int(sp.newFollowers)),
      h("td", { class: "num" }, fmt.pct(sp.inactiveShare)), h("td", { class: "num" }, fmt.pct(sp.newAccountShare)),
      h("td", { class: "num" }, fmt.pct(sp.engagedShare)), h("td", { class: "num" }, sp.followeeJaccard.toFixed(2)),
      h("td", { class: "num" }, fmt.pct(sp.lockstepTimeShare)), h("td", null, sp.suspicious ? "suspicious" : "organic"));
    row.addEventListener("click", () => showSpike(sp, r));
    row.addEventListener("keydown", (e) => { if (e.key === "Enter") showSpike(sp, r); });
    tbody.append(row);
  }
  if (!r.spikes.length) tbody.append(h("tr", null, h("td", { colspan: 8, class: "muted" }, "No growth spikes.")));
}

/** Each component's value, its published weight and the points it adds: the points sum to the score. */
function fillBreakdown(r) {
  const table = byId("audience-components");
  const tbody = table.querySelector("tbody");
  clear(tbody);
  let sum = 0;
  for (const c of r.components) {
    const points = c.value === null ? null : 100 * c.weight * c.value;
    sum += points ?? 0;
    tbody.append(h("tr", { "data-component": c.name },
      h("th", { scope: "row" }, COMPONENT_LABELS[c.name] ?? c.name),
      h("td", { class: "num" }, c.value === null ? "–" : fmt.pct(c.value)),
      h("td", { class: "num" }, c.weight.toFixed(2)),
      h("td", { class: "num" }, points === null ? "–" : points.toFixed(1)),
      h("td", { class: "bar-cell" }, h("div", { class: "bar-track", role: "img", "aria-label": `${c.name}: ${fmt.pct(c.value)}` },
        h("div", { class: "bar-fill", style: `width:${(100 * Math.max(0, Math.min(1, c.value ?? 0))).toFixed(1)}%` })))));
  }
  const tfoot = table.querySelector("tfoot");
  clear(tfoot);
  tfoot.append(h("tr", null, h("th", { scope: "row" }, "Audience quality"), h("td"), h("td", { class: "num" }, "1.00"),
    h("td", { class: "num", "data-sum": sum.toFixed(3) }, r.audienceQuality === null ? "–" : sum.toFixed(1)), h("td")));
}

/** Kred's two axes per community, the account's own community marked. */
function fillCommunities(r) {
  const table = byId("audience-communities");
  const tbody = table.querySelector("tbody");
  clear(tbody);
  for (const c of r.byCommunity) {
    tbody.append(h("tr", { "data-community": c.community, "data-own": String(c.own) },
      h("td", null, h("a", { href: `#communities/${c.community}` }, `Community ${c.community}`), c.own ? " (own)" : ""),
      h("td", { class: "num" }, fmt.num(c.influenceReceived, 1)), h("td", { class: "num" }, fmt.pct(c.influenceReceivedShare)),
      h("td", { class: "num" }, fmt.num(c.outreachGiven, 1)), h("td", { class: "num" }, fmt.pct(c.outreachGivenShare))));
  }
  if (!r.byCommunity.length) tbody.append(h("tr", null, h("td", { colspan: 5, class: "muted" }, "No engagement received or given.")));
  table.querySelector("caption").textContent = "Influence received vs outreach given, by community (Kred's two axes)" +
    (r.communitiesEngaged > r.byCommunity.length ? `: the largest ${r.byCommunity.length} of ${r.communitiesEngaged}` : "");
}

function fillReasons(r) {
  const list = byId("audience-reasons");
  clear(list);
  for (const text of r.reasons) list.append(h("li", null, text));
}
