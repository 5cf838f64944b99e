// Who the browser acts as: the account signed in on this browser's session. The session lives in a
// Secure, HttpOnly cookie that no script can read; the server tells who it belongs to
// (GET /api/auth/session) and hands out the CSRF token that every unsafe request echoes in
// X-XSRF-TOKEN. Only this module knows how the caller is identified: api.js asks it for headers,
// pages ask it who is signed in.
//
// The session is read once, before any page module runs (top-level await): currentActorId() and
// the others answer synchronously afterwards.

const SESSION = "/api/auth/session";
const CSRF_COOKIE = "XSRF-TOKEN";
const CSRF_HEADER = "X-XSRF-TOKEN";

let session = { signedIn: false };

async function readSession() {
  try {
    const response = await fetch(SESSION, { headers: { Accept: "application/json" }, credentials: "same-origin" });
    session = response.ok ? await response.json() : { signedIn: false };
  } catch (e) {
    session = { signedIn: false };
  }
  return session;
}

await readSession();

function csrfToken() {
  for (const part of document.cookie.split(";")) {
    const [name, ...value] = part.trim().split("=");
    if (name === CSRF_COOKIE) return decodeURIComponent(value.join("="));
  }
  return (session.csrf && session.csrf.token) || null;
}

/** Whether an account is signed in on this browser. */
export function isSignedIn() {
  return session.signedIn === true;
}

/** The signed-in account's id (the customer id of its orders), or null. */
export function currentActorId() {
  return isSignedIn() ? session.accountId : null;
}

/** The signed-in account's role (SPECTATOR, MANAGER, DIRECTOR, AUDITOR, DOOR), or null. */
export function currentRole() {
  return isSignedIn() ? session.role : null;
}

/** The roles an account may hold. */
export const ROLES = ["SPECTATOR", "MANAGER", "DIRECTOR", "AUDITOR", "DOOR"];

/** Whether the signed-in account holds {@code role} (false when nobody is signed in). */
export function actsAs(role) {
  return currentRole() === role;
}

/** What the signed-in person typed to sign in (their e-mail address, or a staff login), or null. */
export function currentLogin() {
  return isSignedIn() ? session.login || session.accountId : null;
}

/** Kept for pages written before sign-in: the signed-in account's id, or null (never invented). */
export function ensureActorId() {
  return currentActorId();
}

/** Kept for pages written before sign-in: the shape of an account id. */
export function isValidActorId(id) {
  return typeof id === "string" && /^[A-Za-z0-9._@:-]{1,100}$/.test(id);
}

/** Pages no longer choose who they act as: the caller signs in (see signInHref). */
export function setActorId() {
  throw new Error("The caller is the signed-in account: sign in at " + signInHref());
}

/** Nor the role they act in: it is the signed-in account's (a staff account for staff pages). */
export function setRole() {
  throw new Error("The role is the signed-in account's: sign in at " + signInHref());
}

/**
 * Headers for API requests: the CSRF token (the session cookie itself travels on its own). Sent on
 * every request, as the server only checks it on unsafe ones.
 */
export function authHeaders() {
  const token = csrfToken();
  return token ? { [CSRF_HEADER]: token } : {};
}

/** The sign-in page, coming back to {@code next} (by default, this page) once signed in. */
export function signInHref(next = location.pathname + location.search) {
  return "/account.html?next=" + encodeURIComponent(next);
}

class AuthError extends Error {
  constructor(status, problem) {
    super((problem && (problem.detail || problem.title)) || "HTTP " + status);
    this.status = status;
    this.code = (problem && problem.code) || null;
    this.retryAfter = null;
  }
}

async function send(method, path, body) {
  const headers = { Accept: "application/json", ...authHeaders() };
  const init = { method, headers, credentials: "same-origin" };
  if (body !== undefined) {
    headers["Content-Type"] = "application/json";
    init.body = JSON.stringify(body);
  }
  const response = await fetch(path, init);
  const text = await response.text();
  let data = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch (e) {
    data = null;
  }
  if (!response.ok) {
    const error = new AuthError(response.status, data);
    error.retryAfter = response.headers.get("Retry-After");
    throw error;
  }
  return data;
}

function changed() {
  document.dispatchEvent(new CustomEvent("guichet:actor", { detail: currentActorId() }));
}

/** Signs this browser in (session cookie); rejects with an error whose code says why not. */
export async function signIn(login, password) {
  if (!csrfToken()) await readSession();
  await send("POST", SESSION, { login, password });
  await readSession();
  if (!isSignedIn()) {
    // Accepted, yet the browser did not keep the Secure session cookie (plain HTTP, not localhost).
    throw new AuthError(0, { code: "session-cookie-refused", detail: "session cookie refused" });
  }
  changed();
  return session;
}

/** Ends this browser's session. */
export async function signOut() {
  try {
    await send("POST", SESSION + "/sign-out");
  } finally {
    await readSession();
    changed();
  }
}

/** Opens a spectator account; the server e-mails a link that confirms the address, in {@code lang}. */
export function signUp(email, password, lang) {
  return send("POST", "/api/auth/signup", { email, password, lang });
}

/** Confirms an e-mail address with the token of the link. */
export function verifyEmail(token) {
  return send("POST", "/api/auth/email-verification", { token });
}

/**
 * E-mails a password reset link in {@code lang} (the answer is the same whether or not the address
 * is known).
 */
export function requestPasswordReset(email, lang) {
  return send("POST", "/api/auth/password-reset", { email, lang });
}

/** Sets a new password with the token of the reset link. */
export function completePasswordReset(token, newPassword) {
  return send("POST", "/api/auth/password-reset/completion", { token, newPassword });
}
