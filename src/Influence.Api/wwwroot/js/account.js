// Account profile panel: verdict, figures, reasons, defender network, the tie of the strongest defender and the
// audience-quality section (audience.js). Profiles are fetched once per run and shared with the scatter tooltip.

import { getJson, accountPath } from "./api.js";
import { h, byId, clear, fmt, roleLabel, showError, accountLink, fetchSection } from "./dom.js";
import { drawDefenderNetwork, MAX_DEFENDERS, MAX_CRITICS } from "./network.js";
import { loadPath, resetPath } from "./path.js";
import { loadAudience } from "./audience.js";

const profiles = new Map();  // id → profile promise (tooltip + profile view)
let accountId = null;        // the profile shown (or being loaded)

/** The account whose profile is shown, or null. */
export const currentAccount = () => accountId;

/** A completed run or a new API key: every cached profile is stale. */
export function forgetProfiles() { profiles.clear(); }

export async function describeAccount(id) {
  const profile = await getProfile(id);
  // The tooltip already names the role; keep the reasons that carry figures.
  return (profile.reasons ?? []).filter(hasFigures).map(reasonText);
}

/** The reason's own text when it has one (the model writes the figures into it), else its figures. */
function reasonText(r) {
  return r.text || `${r.metric} ${fmt.num(r.value)} ${r.comparison ?? ""} ${fmt.num(r.threshold)}`;
}

/** "role"/"stage" reasons state the verdict itself; their value/threshold are enum codes, not figures. */
const hasFigures = (r) => r.metric && r.metric !== "role" && r.metric !== "stage";

export function getProfile(id) {
  if (!profiles.has(id)) {
    const p = getJson(accountPath(id));
    p.catch(() => profiles.delete(id));
    profiles.set(id, p);
  }
  return profiles.get(id);
}

/**
 * Shows the profile of `id` (null: the empty state). `loaded` is the dashboard's set of current panels ("account" in
 * it: the shown profile is current); `openAccount(id)` navigates to another profile.
 */
export async function showAccount(id, { loaded, openAccount }) {
  if (id === null) {
    if (accountId === null) { byId("account-empty").hidden = false; byId("account-body").hidden = true; }
    return;
  }
  if (accountId === id && loaded.has("account")) return;
  accountId = id;
  byId("account-empty").hidden = true;
  byId("account-title").textContent = `Account ${id}`;
  byId("account-search-input").value = id;
  const body = byId("account-body");
  const profile = await fetchSection(body, byId("account-error"), () => getProfile(id));
  if (!profile) {
    clear(byId("account-badges"));
    return;
  }
  renderProfile(profile);
  body.hidden = false;
  loaded.add("account");
  const strongest = await loadDefenders(id, openAccount);
  // The strongest defender's tie to the account is drawn at once; any other account (a campaign pick) on request.
  if (strongest && accountId === id) {
    byId("path-from").value = strongest;
    byId("path-direction").value = "any";
    await loadPath(strongest, id, "any", { isCurrent: () => accountId === id, onOpen: openAccount });
  } else {
    resetPath();
  }
  await loadAudience(id, { isCurrent: () => accountId === id });
  body.dataset.loaded = "true";
}

function renderProfile(p) {
  const badges = byId("account-badges");
  clear(badges);
  badges.append(
    h("span", { class: "badge" }, "role: ", roleLabel(p.role)),
    h("span", { class: "badge" }, `stage: ${p.stage}`),
    h("a", { class: "badge", href: `#communities/${p.community}` }, `community ${p.community} (rank ${p.communityRank})`));

  const pvi = byId("account-pvi");
  clear(pvi);
  const v = p.popularityVsInfluence ?? {};
  const bar = (label, rank, pct, color) => [
    h("span", null, label),
    h("div", { class: "track", role: "img", "aria-label": `${label}: percentile ${fmt.num(pct, 1)}` },
      h("div", { class: "fill", style: `width:${Math.max(0, Math.min(100, pct ?? 0)).toFixed(1)}%;background:${color}` })),
    h("span", { class: "num" }, `#${fmt.int(rank)} (p${fmt.num(pct, 1)})`)];
  pvi.append(h("div", { class: "verdict" }, (v.verdict ?? "–").replaceAll("-", " ")),
    ...bar("Followers", v.followersRank, v.followersPercentile, "var(--role-celebrity)"),
    ...bar("Influence", v.influenceRank, v.influencePercentile, "var(--role-macro-influencer)"));

  const reasons = byId("account-reasons");
  clear(reasons);
  for (const r of p.reasons ?? []) {
    reasons.append(h("li", null, r.text,
      hasFigures(r) ? h("span", { class: "figures" }, `${r.metric} = ${fmt.num(r.value)} ${r.comparison} ${fmt.num(r.threshold)} (threshold)`) : null));
  }
  if (!(p.reasons ?? []).length) reasons.append(h("li", { class: "muted" }, "No reasons recorded for this account."));

  const metrics = byId("account-metrics");
  clear(metrics);
  const rows = [
    ["Followers", fmt.int(p.followers)], ["Following", fmt.int(p.following)], ["Mutual follows", fmt.int(p.mutual)],
    ["Follow-back rate", fmt.pct(p.followBackRate)], ["Followed-back rate", fmt.pct(p.followedBackRate)],
    ["PageRank (reach)", fmt.num(p.pagerank)], ["Influence", fmt.num(p.influence)],
    ["Engagement received", fmt.num(p.engagementReceived, 1)], ["Engagement given", fmt.num(p.engagementGiven, 1)],
    ["Engagement rate", fmt.num(p.engagementRate)], ["Unique engagers", fmt.int(p.uniqueEngagers)],
    ["Active audience", fmt.pct(p.activeAudienceShare)], ["Reciprocated engagement", fmt.pct(p.reciprocatedEngagementShare)],
    ["In-community engagement", fmt.pct(p.inCommunityEngagementShare)], ["Defenders", fmt.int(p.defenders)],
    ["Critics", fmt.int(p.critics)], ["Defender engagement share", fmt.pct(p.defenderEngagementShare)],
    ["Defender density", fmt.num(p.defenderDensity)],
  ];
  for (const [k, val] of rows) metrics.append(h("div", null, h("dt", null, k), h("dd", null, val)));

  const kinds = byId("account-kinds");
  const received = p.engagementByKind?.received ?? {};
  const given = p.engagementByKind?.given ?? {};
  const names = [...new Set([...Object.keys(received), ...Object.keys(given)])];
  clear(kinds.tHead);
  clear(kinds.tBodies[0]);
  kinds.tHead.append(h("tr", null, h("th", { scope: "col" }, ""), names.map((n) => h("th", { scope: "col", class: "num" }, n))));
  kinds.tBodies[0].append(
    h("tr", null, h("th", { scope: "row" }, "received"), names.map((n) => h("td", { class: "num" }, fmt.num(received[n] ?? 0, 1)))),
    h("tr", null, h("th", { scope: "row" }, "given"), names.map((n) => h("td", { class: "num" }, fmt.num(given[n] ?? 0, 1)))));
}

async function loadDefenders(id, openAccount) {
  const err = byId("defenders-error");
  showError(err, null);
  const svg = byId("defender-graph");
  const tbody = byId("defender-table").querySelector("tbody");
  clear(tbody);
  let net;
  try {
    net = await getJson(`${accountPath(id)}/defenders`);
  } catch (e) {
    showError(err, e);
    clear(svg, "title, desc");
    svg.dataset.nodes = "0";
    return;
  }
  if (accountId !== id) return;
  const defenders = net.defenders ?? [];
  const critics = net.critics ?? [];
  const groups = (net.communities ?? []).map((c) => `community ${c.community}: ${c.count}`).join(", ");
  byId("defenders-caption").textContent =
    `${fmt.int(net.size ?? defenders.length)} defenders, density ${fmt.num(net.density)}, ` +
    `${fmt.pct(net.engagementShare)} of the engagement received` + (groups ? `; ${groups}` : "") +
    `; ${fmt.int(critics.length)} critics` +
    (defenders.length > MAX_DEFENDERS || critics.length > MAX_CRITICS ? ` (graph shows the strongest ${MAX_DEFENDERS} defenders and ${MAX_CRITICS} critics; the table lists all)` : "") + ".";
  if (defenders.length + critics.length === 0) {
    clear(svg, "title, desc");
    svg.dataset.nodes = "0";
    svg.querySelector("desc").textContent = "No defenders or critics.";
    tbody.append(h("tr", null, h("td", { colspan: 10, class: "muted" }, "No defenders or critics found for this account.")));
    return;
  }
  drawDefenderNetwork(svg, net, openAccount);
  svg.querySelector("desc").textContent = `${net.account} in the centre with ${defenders.length} defenders and ${critics.length} critics; ` +
    `${(net.ties ?? []).length} ties among them. The table below lists the same accounts.`;
  const row = (d, kind) => h("tr", { "data-id": d.id, "data-kind": kind },
    h("td", null, accountLink(d.id)), h("td", null, kind), h("td", { class: "num" }, fmt.num(d.strength)),
    h("td", { class: "num" }, fmt.num(d.interactions, 1)), h("td", { class: "num" }, fmt.int(d.activePeriods)),
    h("td", null, fmt.bool(d.targetFollowsBack)), h("td", null, fmt.bool(d.targetEngagesBack)),
    h("td", { class: "num" }, d.meanStance === null || d.meanStance === undefined ? "–" : fmt.num(d.meanStance, 2)),
    h("td", { class: "num" }, d.community ?? "–"), h("td", null, roleLabel(d.role)));
  for (const d of defenders) tbody.append(row(d, "defender"));
  for (const d of critics) tbody.append(row(d, "critic"));
  return defenders[0]?.id ?? null;
}
