// Thin fetch wrapper: JSON in and out, problem+json turned into ApiError, the caller's identity
// from auth.js, an estimate of the server clock from the Date header.
import { authHeaders } from "./auth.js";

export class ApiError extends Error {
  constructor(status, problem) {
    super((problem && (problem.detail || problem.title)) || "HTTP " + status);
    this.status = status;
    this.code = problem && problem.code;
    this.places = (problem && problem.places) || [];
    this.problem = problem;
  }
}

let clockOffsetMs = 0;

/** Milliseconds to add to Date.now() to get the server's time (second precision). */
export function serverNow() {
  return Date.now() + clockOffsetMs;
}

function noteServerClock(response) {
  const date = response.headers.get("Date");
  if (date) {
    const server = Date.parse(date);
    if (!Number.isNaN(server)) {
      const offset = server + 500 - Date.now();
      clockOffsetMs = Math.abs(offset) > 1500 ? offset : 0;
    }
  }
}

export async function request(method, path, { body, headers = {}, signal } = {}) {
  const init = {
    method,
    headers: { Accept: "application/json", ...authHeaders(), ...headers },
    signal,
    credentials: "same-origin",
  };
  if (body !== undefined) {
    init.headers["Content-Type"] = "application/json";
    init.body = JSON.stringify(body);
  }
  const response = await fetch(path, init);
  noteServerClock(response);
  const text = await response.text();
  let data = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch (e) {
      data = null;
    }
  }
  if (!response.ok) {
    throw new ApiError(response.status, data);
  }
  return data;
}

export const get = (path, options) => request("GET", path, options);
export const post = (path, body, options = {}) => request("POST", path, { ...options, body });

export function newIdempotencyKey() {
  return crypto.randomUUID ? crypto.randomUUID() : String(Date.now()) + "-" + Math.random().toString(36).slice(2);
}

// ---- Files (branch checkout): a binary answer (PDF, PNG) with the same identity and errors. ----
export async function getBlob(path, { signal } = {}) {
  const response = await fetch(path, { method: "GET", headers: { ...authHeaders() }, signal, credentials: "same-origin" });
  noteServerClock(response);
  if (!response.ok) {
    let problem = null;
    try {
      problem = await response.json();
    } catch (e) {
      problem = null;
    }
    throw new ApiError(response.status, problem);
  }
  return response.blob();
}
