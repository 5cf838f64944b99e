// Who the browser acts as. Until sign-in lands, the spectator picks a display id kept in
// localStorage and every API call carries it as X-Actor-Id. Only this module knows how the caller
// is identified: a session cookie can replace it without touching the pages.

const KEY = "guichet.actorId";
const VALID = /^[A-Za-z0-9._@:-]{1,100}$/;

export function isValidActorId(id) {
  return typeof id === "string" && VALID.test(id);
}

export function currentActorId() {
  const stored = localStorage.getItem(KEY);
  return isValidActorId(stored) ? stored : null;
}

export function setActorId(id) {
  if (!isValidActorId(id)) {
    throw new Error("invalid actor id");
  }
  localStorage.setItem(KEY, id);
  document.dispatchEvent(new CustomEvent("guichet:actor", { detail: id }));
}

/** A readable id for a first visit, which the spectator may change. */
export function ensureActorId() {
  let id = currentActorId();
  if (!id) {
    const bytes = new Uint8Array(3);
    crypto.getRandomValues(bytes);
    id = "spectateur-" + Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
    localStorage.setItem(KEY, id);
  }
  return id;
}

/** Headers identifying the caller on API requests. */
export function authHeaders() {
  const id = currentActorId();
  const headers = id ? { "X-Actor-Id": id } : {};
  const role = currentRole();
  if (id && role !== "SPECTATOR") headers["X-Actor-Role"] = role;
  return headers;
}

// ---- Stand-in staff role (until sign-in lands) -------------------------------------------------
// Staff pages need a role. Until staff accounts exist, the caller picks one (kept in localStorage
// like the actor id) and API calls carry it as X-Actor-Role. Sign-in replaces this block: the
// session then says who the caller is and which role they hold.

const ROLE_KEY = "guichet.actorRole";
export const ROLES = ["SPECTATOR", "MANAGER", "DIRECTOR"];

export function currentRole() {
  const stored = localStorage.getItem(ROLE_KEY);
  return ROLES.includes(stored) ? stored : "SPECTATOR";
}

export function setRole(role) {
  if (!ROLES.includes(role)) {
    throw new Error("unknown role");
  }
  localStorage.setItem(ROLE_KEY, role);
  document.dispatchEvent(new CustomEvent("guichet:role", { detail: role }));
}

/** Whether the caller may use pages meant for {@code role}. */
export function actsAs(role) {
  return currentRole() === role;
}
// ---- end of the stand-in staff role ------------------------------------------------------------
