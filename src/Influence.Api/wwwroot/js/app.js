// Dashboard wiring: hash routes → panels, each panel loads its data from /api/v1 when first shown
// and again after a run completes. Routes: #overview, #scatter, #communities[/{id}], #account[/{id}], #planner[/{community}].

import { ApiError, apiKey, apiUrl, accountPath, getJson, request } from "./api.js";
import { h, byId, clear, fmt, roleLabel, showError, accountLink, addInfluencerFilters } from "./dom.js";
import { ScatterPlot } from "./scatter.js";
import { submitPlan, syncScopeFields } from "./planner.js";
import { wirePathForm } from "./path.js";
import { currentAccount, describeAccount, forgetProfiles, showAccount } from "./account.js";

const PANELS = ["overview", "scatter", "communities", "account", "planner"];
const POLL_MS = 1000;
const COMMUNITY_PAGE_SIZE = 25;

const state = {
  loaded: new Set(),          // panels whose data is current
  communityPage: 1,
  communityTotal: 0,
  selectedCommunity: null,
  pollingRun: null,
  vocabulary: null,           // promise of the names from GET /vocabulary
};

// ---------- routing ----------

function parseRoute() {
  const raw = location.hash.replace(/^#/, "");
  const slash = raw.indexOf("/");
  const panel = slash < 0 ? raw : raw.slice(0, slash);
  const arg = slash < 0 ? null : decodeURIComponent(raw.slice(slash + 1));
  return { panel: PANELS.includes(panel) ? panel : "overview", arg: arg || null };
}

async function route() {
  const { panel, arg } = parseRoute();
  for (const p of PANELS) byId(`panel-${p}`).hidden = p !== panel;
  for (const a of document.querySelectorAll(".tabs a")) {
    if (a.dataset.tab === panel) a.setAttribute("aria-current", "page"); else a.removeAttribute("aria-current");
  }
  try {
    await loadVocabulary();
    if (panel === "overview") await showOverview();
    else if (panel === "scatter") await showScatter();
    else if (panel === "communities") await showCommunities(arg);
    else if (panel === "account") await showAccount(arg, { loaded: state.loaded, openAccount });
    else if (panel === "planner" && arg !== null) byId("plan-community").value = arg;
  } catch (e) {
    showGlobalError(e);
  }
}

// Role pickers list the names the API accepts (GET /vocabulary), so a role the model adds shows up here too.
// Loaded once (one request even when routes overlap); a refused read key is asked for by the panels, then retried.
function loadVocabulary() {
  state.vocabulary ??= getJson("/vocabulary").then((vocabulary) => {
    for (const select of document.querySelectorAll("select[data-vocabulary]")) {
      for (const name of vocabulary[select.dataset.vocabulary] ?? []) select.append(h("option", { value: name }, name));
    }
    return vocabulary;
  }).catch((e) => {
    state.vocabulary = null;
    if (!(e instanceof ApiError && e.status === 401)) showGlobalError(e);
  });
  return state.vocabulary;
}

function showGlobalError(e) {
  const banner = byId("global-error");
  if (!e) { banner.hidden = true; return; }
  console.error(e);
  showError(banner, e instanceof ApiError ? e : new ApiError(0, { title: "Unexpected error", detail: e.message }, location.hash));
}

const openAccount = (id) => { location.hash = `#account/${encodeURIComponent(id)}`; };

// ---------- analysis runs ----------

async function showOverview() {
  if (state.loaded.has("overview")) return;
  const results = await Promise.allSettled([loadSummary(), loadRuns()]);
  const failed = results.find((r) => r.status === "rejected");
  if (failed) { showError(byId("run-error"), failed.reason); return; }
  state.loaded.add("overview");
}

async function loadSummary() {
  const cards = byId("summary-cards");
  const info = byId("run-info");
  let data;
  try {
    data = await getJson("/summary");
  } catch (e) {
    clear(cards);
    if (e instanceof ApiError && e.status === 404) {
      info.textContent = `No completed analysis yet (${e.problem?.detail ?? "no run"}). Press "Start run" to analyse the stored graph.`;
      cards.dataset.loaded = "empty";
      return;
    }
    throw e;
  }
  const { run, summary: sm } = data;
  info.textContent = `Latest completed run #${run.id}: ${run.state}, started ${fmt.date(run.startedAt)}, completed ${fmt.date(run.completedAt)}.`;
  cards.dataset.runId = String(run.id);
  clear(cards);
  const card = (label, value, hint) => h("div", { class: "card" },
    h("div", { class: "label" }, label), h("div", { class: "value" }, value), hint ? h("div", { class: "hint" }, hint) : null);
  cards.append(
    card("Accounts", fmt.int(sm.nodes)),
    card("Follow edges", fmt.int(sm.follow_edges)),
    card("Interactions", fmt.int(sm.interactions), sm.interaction_edges != null ? `${fmt.int(sm.interaction_edges)} distinct pairs` : null),
    card("Global reciprocity", fmt.pct(sm.global_reciprocity), "share of follows that are followed back"),
    card("Communities", fmt.int(sm.communities), sm.community_algorithm),
    card("Modularity", fmt.num(sm.modularity), "community separation (−0.5…1)"),
    card("Followers ↔ influence", fmt.num(sm.followers_influence_spearman), "Spearman rank correlation; low = popularity ≠ influence"),
    card("Top-100 overlap", fmt.pct(sm.top100_followers_influence_overlap), "top 100 by followers that are also top 100 by influence"),
    card("Defender links", fmt.int(sm.defender_links), sm.critic_links != null ? `${fmt.int(sm.critic_links)} critic links` : null),
  );
  cards.dataset.loaded = "true";
  drawBars(byId("role-counts"), sm.role_counts ?? {}, true);
  drawBars(byId("stage-counts"), sm.stage_counts ?? {}, false);
  const timings = byId("timings");
  clear(timings);
  const entries = Object.entries(sm.timings_ms ?? {});
  timings.append(entries.length
    ? h("table", { class: "data" }, h("caption", { class: "visually-hidden" }, "Stage timings"),
      h("thead", null, h("tr", null, h("th", { scope: "col" }, "Stage"), h("th", { scope: "col", class: "num" }, "Milliseconds"))),
      h("tbody", null, entries.map(([k, v]) => h("tr", null, h("td", null, k), h("td", { class: "num" }, fmt.num(v, 1))))))
    : h("p", { class: "muted" }, "No timings recorded."));
}

function drawBars(container, counts, roles) {
  clear(container);
  const entries = Object.entries(counts);
  const total = entries.reduce((a, [, v]) => a + v, 0) || 1;
  const max = Math.max(1, ...entries.map(([, v]) => v));
  for (const [name, value] of entries) {
    const fill = h("div", { class: "bar-fill", style: `width:${((100 * value) / max).toFixed(1)}%` });
    if (roles) fill.style.background = `var(--role-${name}, var(--accent))`;
    container.append(h("div", { class: "bar-row" },
      roles ? roleLabel(name) : h("span", null, name),
      h("div", { class: "bar-track", role: "img", "aria-label": `${name}: ${value} accounts, ${fmt.pct(value / total)}` }, fill),
      h("span", { class: "num" }, fmt.int(value))));
  }
  if (!entries.length) container.append(h("p", { class: "muted" }, "No counts."));
}

async function loadRuns() {
  const data = await getJson("/runs");
  const runs = Array.isArray(data) ? data : data?.items ?? [];
  const tbody = byId("run-history").querySelector("tbody");
  clear(tbody);
  for (const r of runs) {
    tbody.append(h("tr", { "data-run": r.id, "data-state": r.state },
      h("td", null, `#${r.id}`), h("td", null, r.state), h("td", null, fmt.date(r.startedAt)), h("td", null, fmt.date(r.completedAt)),
      h("td", { class: "num" }, fmt.int(r.summary?.nodes)), h("td", null, r.error ?? "")));
  }
  if (!runs.length) tbody.append(h("tr", null, h("td", { colspan: 6, class: "muted" }, "No runs yet.")));
  const active = runs.find((r) => r.state === "running" || r.state === "queued");
  if (active && state.pollingRun === null) pollRun(active.id);
}

/** Asks for the API key once (a dialog, not window.prompt, so it is labelled and keyboard-friendly). */
function askForKey(reason) {
  const existing = apiKey.get();
  if (existing) return Promise.resolve(existing);
  const dialog = byId("key-dialog");
  if (dialog.open) {
    // Already asking (e.g. a read and a run at once): share the answer.
    return new Promise((resolve) => dialog.addEventListener("close", () => resolve(apiKey.get()), { once: true }));
  }
  const input = byId("key-input");
  input.value = "";
  byId("key-reason").textContent = reason ?? "Starting a run needs the service's API key (header X-Api-Key).";
  return new Promise((resolve) => {
    dialog.addEventListener("close", () => {
      const value = input.value.trim();
      if (dialog.returnValue === "ok" && value) {
        apiKey.set(value);
        byId("forget-key").hidden = false;
        resolve(value);
      } else resolve(null);
    }, { once: true });
    dialog.showModal();
    input.focus();
  });
}

let askingForReadKey = false;

/** Reads answered 401: the service requires the key for reads. Ask once, then reload the current view. */
async function askForReadKey(hadKey) {
  if (askingForReadKey) return;
  askingForReadKey = true;
  try {
    if (hadKey) apiKey.clear();  // the stored key was refused: ask for a new one
    byId("forget-key").hidden = !apiKey.get();
    const key = await askForKey("This service requires the API key to read results as well.");
    if (!key) return;
    state.loaded.clear();
    forgetProfiles();
    for (const box of document.querySelectorAll(".error-box")) showError(box, null);
    showGlobalError(null);
    await route();
  } finally {
    askingForReadKey = false;
  }
}

async function startRun() {
  const err = byId("run-error");
  showError(err, null);
  const key = await askForKey();
  if (!key) return;
  const button = byId("start-run");
  button.disabled = true;
  try {
    const { data } = await request("POST", "/runs", {});
    pollRun(data.id, data);
  } catch (e) {
    button.disabled = false;
    if (e instanceof ApiError && e.status === 401) {
      apiKey.clear();
      byId("forget-key").hidden = true;
      e.problem = { ...e.problem, detail: `${e.problem?.detail ?? "The API key was refused."} The stored key was forgotten; press "Start run" to enter it again.` };
    }
    showError(err, e);
    if (e instanceof ApiError && e.status === 409) await loadRuns();  // a run is already going: follow it
  }
}

function pollRun(id, first) {
  state.pollingRun = id;
  const box = byId("run-progress");
  const bar = byId("run-progress-bar");
  const text = byId("run-progress-text");
  const button = byId("start-run");
  byId("run-progress-label").textContent = `Run #${id}`;
  box.hidden = false;
  box.dataset.runId = String(id);
  button.disabled = true;
  const show = (job) => {
    const percent = Math.max(0, Math.min(100, Number(job.percent ?? 0)));
    bar.value = percent;
    box.dataset.state = job.state;
    text.textContent = `${job.state}${job.stage ? ` — ${job.stage}` : ""} (${percent.toFixed(0)}%)`;
  };
  if (first) show(first);
  const tick = async () => {
    let job;
    try {
      job = await getJson(`/runs/${id}`);
    } catch (e) {
      showError(byId("run-error"), e);
      state.pollingRun = null;
      button.disabled = false;
      return;
    }
    show(job);
    if (job.state === "completed" || job.state === "failed") {
      state.pollingRun = null;
      button.disabled = false;
      if (job.state === "failed") {
        showError(byId("run-error"), new ApiError(0, { title: `Run #${id} failed`, detail: job.error ?? "no error message" }, `/api/v1/runs/${id}`));
      }
      await refreshAfterRun();
      return;
    }
    setTimeout(tick, POLL_MS);
  };
  setTimeout(tick, first ? POLL_MS : 0);
}

/** A completed run swaps the served snapshot: every view is stale. */
async function refreshAfterRun() {
  state.loaded.clear();
  forgetProfiles();
  await route();
  if (parseRoute().panel !== "overview") { await Promise.all([loadSummary(), loadRuns()]); state.loaded.add("overview"); }
}

// ---------- popularity vs influence ----------

let scatter;

async function showScatter() {
  if (!scatter) {
    scatter = new ScatterPlot(byId("scatter"), byId("scatter-tooltip"), byId("scatter-legend"), { onOpen: openAccount, describe: describeAccount });
    scatter.setColorMode(byId("scatter-colour").value);  // a value the browser restored on reload
    let resizeTimer = 0;
    new ResizeObserver(() => {
      clearTimeout(resizeTimer);
      resizeTimer = setTimeout(() => { if (!byId("panel-scatter").hidden && scatter.response) scatter.render(); }, 120);
    }).observe(byId("scatter").parentElement);
  } else if (state.loaded.has("scatter")) {
    scatter.render();
    return;
  }
  const err = byId("scatter-error");
  showError(err, null);
  let data;
  try {
    data = await getJson("/scatter", { max: 5000 });
  } catch (e) {
    showError(err, e);
    return;
  }
  scatter.setData(data);
  byId("scatter-caption").textContent = data.sampled < data.total
    ? `${fmt.int(data.sampled)} of ${fmt.int(data.total)} accounts (deterministic sample that keeps the top accounts by followers and by influence).`
    : `All ${fmt.int(data.total)} accounts.`;
  const pts = data.points ?? [];
  fillTopTable(byId("scatter-top-followers"), pts.slice().sort((a, b) => b.followers - a.followers).slice(0, 15));
  fillTopTable(byId("scatter-top-influence"), pts.slice().sort((a, b) => b.influence - a.influence).slice(0, 15));
  state.loaded.add("scatter");
}

function fillTopTable(table, rows) {
  const tbody = table.querySelector("tbody");
  clear(tbody);
  for (const p of rows) {
    tbody.append(h("tr", null, h("td", null, accountLink(p.id)), h("td", null, roleLabel(p.role)),
      h("td", { class: "num" }, fmt.int(p.followers)), h("td", { class: "num" }, fmt.num(p.influence))));
  }
}

// ---------- communities ----------

async function showCommunities(arg) {
  if (!state.loaded.has("communities")) {
    await loadCommunityPage(state.communityPage);
    state.loaded.add("communities");
    state.selectedCommunity = null;
  }
  if (arg !== null && String(state.selectedCommunity) !== arg) await selectCommunity(arg);
}

async function loadCommunityPage(page) {
  const err = byId("communities-error");
  showError(err, null);
  let data;
  try {
    data = await getJson("/communities", { page, pageSize: COMMUNITY_PAGE_SIZE });
  } catch (e) {
    showError(err, e);
    return;
  }
  state.communityPage = data.page ?? page;
  state.communityTotal = data.total ?? (data.items ?? []).length;
  const pages = Math.max(1, Math.ceil(state.communityTotal / (data.pageSize || COMMUNITY_PAGE_SIZE)));
  byId("communities-caption").textContent = `${fmt.int(state.communityTotal)} communities. Choose one to list its influencers.`;
  byId("community-page-text").textContent = `Page ${state.communityPage} of ${pages}`;
  byId("community-prev").disabled = state.communityPage <= 1;
  byId("community-next").disabled = state.communityPage >= pages;
  const tbody = byId("community-list").querySelector("tbody");
  clear(tbody);
  for (const c of data.items ?? []) {
    const tops = (c.topAccounts ?? []).slice(0, 3);
    const row = h("tr", { "data-community": c.id, "aria-selected": String(String(c.id) === String(state.selectedCommunity)) },
      h("td", null, h("a", { href: `#communities/${c.id}`, class: "community-link" }, `Community ${c.id}`)),
      h("td", { class: "num" }, fmt.int(c.size)),
      h("td", { class: "num" }, fmt.num(c.density)),
      h("td", { class: "num" }, fmt.pct(c.reciprocity)),
      h("td", null, tops.length ? tops.map((t, i) => [i ? ", " : "", h("span", { class: "role", "data-role": t.role, title: `${t.role}, influence ${fmt.num(t.influence)}` }, t.id)]) : "–"));
    row.addEventListener("click", (e) => { if (e.target.tagName !== "A") location.hash = `#communities/${c.id}`; });
    tbody.append(row);
  }
  if (!(data.items ?? []).length) tbody.append(h("tr", null, h("td", { colspan: 5, class: "muted" }, "No communities in the latest run.")));
}

function influencerQuery() {
  const form = byId("influencer-filters");
  const f = new FormData(form);
  return {
    k: f.get("k") || undefined,
    role: f.get("role") || undefined,
    minFollowers: f.get("minFollowers") || undefined,
    maxFollowers: f.get("maxFollowers") || undefined,
    includeCelebrities: form.elements.includeCelebrities.checked ? "true" : "false",
  };
}

async function selectCommunity(id) {
  state.selectedCommunity = id;
  for (const tr of byId("community-list").querySelectorAll("tbody tr")) tr.setAttribute("aria-selected", String(tr.dataset.community === String(id)));
  byId("community-detail-title").textContent = `Influencers of community ${id}`;
  byId("influencer-filters").hidden = false;
  await loadInfluencers();
  // One column on phones: bring the list into view instead of leaving it below the fold.
  if (window.matchMedia("(max-width: 760px)").matches) byId("community-detail").scrollIntoView({ block: "start" });
}

async function loadInfluencers() {
  const id = state.selectedCommunity;
  if (id === null) return;
  const err = byId("influencers-error");
  const table = byId("influencer-list");
  showError(err, null);
  const query = influencerQuery();
  const path = `/communities/${encodeURIComponent(id)}/influencers`;
  byId("export-csv").href = apiUrl(path, { ...query, format: "csv" });
  byId("export-csv").setAttribute("download", `community-${id}-influencers.csv`);
  table.dataset.loading = "true";
  let data;
  try {
    data = await getJson(path, query);
  } catch (e) {
    table.hidden = true;
    showError(err, e);
    return;
  } finally {
    delete table.dataset.loading;
  }
  fillInfluencerTable(table, data.items ?? [], (it) => h("td", { class: "num" }, fmt.pct(it.inCommunityEngagementShare)));
  table.dataset.community = String(id);
  table.hidden = false;
}

// One row per influencer (rank, account, score, influence, followers, role, stage), then the list's own last column.
function fillInfluencerTable(table, items, lastCell) {
  const tbody = table.querySelector("tbody");
  clear(tbody);
  for (const it of items) {
    tbody.append(h("tr", { "data-id": it.id },
      h("td", { class: "num" }, it.rank), h("td", null, accountLink(it.id)), h("td", { class: "num" }, fmt.num(it.score)),
      h("td", { class: "num" }, fmt.num(it.influence)), h("td", { class: "num" }, fmt.int(it.followers)),
      h("td", null, roleLabel(it.role)), h("td", { class: "nowrap" }, it.stage ?? "–"), lastCell(it)));
  }
  if (!items.length) tbody.append(h("tr", null, h("td", { colspan: 8, class: "muted" }, "No account matches these filters.")));
}

/** CSV export: a plain link when reads are open; with a stored key, fetch with the header and save the blob. */
async function exportCsv(e) {
  const key = apiKey.get();
  if (!key) return;
  e.preventDefault();
  const link = e.currentTarget;
  try {
    const response = await fetch(link.href, { headers: { "X-Api-Key": key, Accept: "text/csv" } });
    if (!response.ok) throw new ApiError(response.status, await response.json().catch(() => null), link.href);
    const url = URL.createObjectURL(await response.blob());
    const a = h("a", { href: url, download: link.getAttribute("download") });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  } catch (err) {
    showError(byId("influencers-error"), err);
  }
}

/** Seeds typed by the analyst: split on commas, whitespace or new lines; duplicates removed, order kept. */
function parseSeeds(text) {
  return [...new Set(text.split(/[\s,;]+/).map((x) => x.trim()).filter(Boolean))];
}

async function findSegmentInfluencers() {
  const form = byId("segment-form");
  const err = byId("segment-error");
  const table = byId("segment-list");
  showError(err, null);
  const f = new FormData(form);
  const number = (name) => (f.get(name) ? Number(f.get(name)) : null);
  const body = {
    seeds: parseSeeds(String(f.get("seeds") ?? "")),
    k: number("k") ?? 20,
    role: f.get("role") || null,
    minFollowers: number("minFollowers"),
    maxFollowers: number("maxFollowers"),
    includeCelebrities: form.elements.includeCelebrities.checked,
  };
  let data;
  try {
    ({ data } = await request("POST", "/segments/influencers", { body }));
  } catch (e) {
    table.hidden = true;
    showError(err, e);
    return;
  }
  fillInfluencerTable(table, data.items ?? [], (it) => h("td", { class: "num" }, h("a", { href: `#communities/${it.community}` }, it.community)));
  table.dataset.seeds = String((data.seeds ?? body.seeds).length);
  table.hidden = false;
}

// ---------- start ----------

function init() {
  addInfluencerFilters();
  byId("account-search").addEventListener("submit", (e) => {
    e.preventDefault();
    const id = byId("account-search-input").value.trim();
    if (!id) return;
    state.loaded.delete("account");
    const target = `#account/${encodeURIComponent(id)}`;
    if (location.hash === target) route(); else location.hash = target;  // same hash fires no hashchange
  });
  byId("start-run").addEventListener("click", () => startRun().catch(showGlobalError));
  byId("forget-key").hidden = !apiKey.get();
  byId("forget-key").addEventListener("click", () => { apiKey.clear(); byId("forget-key").hidden = true; });
  byId("influencer-filters").addEventListener("submit", (e) => { e.preventDefault(); loadInfluencers().catch(showGlobalError); });
  byId("export-csv").addEventListener("click", exportCsv);
  wirePathForm(currentAccount, openAccount, showGlobalError);
  byId("scatter-colour").addEventListener("change", (e) => scatter?.setColorMode(e.target.value));
  byId("segment-form").addEventListener("submit", (e) => { e.preventDefault(); findSegmentInfluencers().catch(showGlobalError); });
  byId("plan-form").addEventListener("submit", (e) => { e.preventDefault(); submitPlan().catch(showGlobalError); });
  byId("plan-scope").addEventListener("change", syncScopeFields);
  byId("community-prev").addEventListener("click", () => loadCommunityPage(state.communityPage - 1).catch(showGlobalError));
  byId("community-next").addEventListener("click", () => loadCommunityPage(state.communityPage + 1).catch(showGlobalError));
  window.addEventListener("hashchange", () => { showGlobalError(null); route(); });
  window.addEventListener("influence:unauthorized", (e) => askForReadKey(e.detail.hadKey));
  // Anything that escapes a panel's own handling is shown, never swallowed.
  window.addEventListener("error", (e) => showGlobalError(e.error ?? new Error(e.message)));
  window.addEventListener("unhandledrejection", (e) => showGlobalError(e.reason instanceof Error ? e.reason : new Error(String(e.reason))));
  route();
}

init();
