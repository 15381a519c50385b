// HTTP access to /api/v1. Every failure becomes an ApiError carrying the server's ProblemDetails,
// so panels can show the server's own words (title, detail, validation errors) instead of swallowing them.

const KEY_STORAGE = "influence.apiKey";
const BASE = "/api/v1";

/** An error response (or a network failure) from the service, with its ProblemDetails when there is one. */
export class ApiError extends Error {
  /**
   * @param {number} status HTTP status (0 when the service could not be reached).
   * @param {object|null} problem Parsed RFC 7807 body, if any.
   * @param {string} url Request path, shown to help the analyst report the problem.
   */
  constructor(status, problem, url) {
    const title = problem?.title ?? (status === 0 ? "Service unreachable" : `HTTP ${status}`);
    super(problem?.detail ? `${title}: ${problem.detail}` : title);
    this.status = status;
    this.problem = problem;
    this.url = url;
  }

  /** Validation errors as [field, message] pairs (ValidationProblem `errors` object). */
  get fieldErrors() {
    const errors = this.problem?.errors;
    if (!errors || typeof errors !== "object") return [];
    const out = [];
    for (const [field, messages] of Object.entries(errors)) {
      for (const m of Array.isArray(messages) ? messages : [messages]) out.push([field, String(m)]);
    }
    return out;
  }
}

export const apiKey = {
  get() { try { return localStorage.getItem(KEY_STORAGE); } catch { return null; } },
  set(value) { localStorage.setItem(KEY_STORAGE, value); },
  clear() { localStorage.removeItem(KEY_STORAGE); },
};

/** Builds `/api/v1/<path>?<query>`, leaving out empty query values. */
export function apiUrl(path, query) {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v === undefined || v === null || v === "") continue;
    params.set(k, String(v));
  }
  const qs = params.toString();
  return `${BASE}${path}${qs ? `?${qs}` : ""}`;
}

/** `/accounts/{id}` with the external id URL-encoded (e.g. `@alice` → `%40alice`). */
export const accountPath = (id) => `/accounts/${encodeURIComponent(id)}`;

/**
 * Calls the API and returns the parsed JSON body (and the response for headers).
 * The stored API key is sent on every call: reads may be keyed (`RequireKeyForReads`).
 */
export async function request(method, path, { query, body, signal } = {}) {
  const url = apiUrl(path, query);
  const headers = { Accept: "application/json" };
  const key = apiKey.get();
  if (key) headers["X-Api-Key"] = key;
  if (body !== undefined) headers["Content-Type"] = "application/json";
  let response;
  try {
    response = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal });
  } catch (e) {
    if (e.name === "AbortError") throw e;
    throw new ApiError(0, { title: "Service unreachable", detail: `${method} ${url} failed: ${e.message}` }, url);
  }
  const type = response.headers.get("Content-Type") ?? "";
  let data = null;
  if (type.includes("json")) {
    try { data = await response.json(); } catch { data = null; }
  } else {
    const text = await response.text();
    data = text ? { text } : null;
  }
  if (response.status === 401 && !path.startsWith("/runs") && !path.startsWith("/ingest")) {
    // Reads are keyed on this service (RequireKeyForReads): let the page ask for the key.
    window.dispatchEvent(new CustomEvent("influence:unauthorized", { detail: { hadKey: Boolean(key), url } }));
  }
  if (!response.ok) {
    const problem = data && typeof data === "object" && !("text" in data)
      ? data
      : { title: `HTTP ${response.status} ${response.statusText}`, detail: data?.text?.slice(0, 300) || `${method} ${url}` };
    throw new ApiError(response.status, problem, url);
  }
  return { data, response };
}

export const getJson = async (path, query, signal) => (await request("GET", path, { query, signal })).data;
