// The frame every page shares: skip link, navigation, who is signed in (or a sign-in link), the
// language switch, and one polite live region for announcements.
import { currentLogin, currentRole, isSignedIn, signInHref, signOut } from "./auth.js";
import { ApiError } from "./api.js";
import { has, lang, localHref, otherLanguageUrl, t, translatePage } from "./i18n.js";

export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (name === "class") node.className = value;
    else if (name === "text") node.textContent = value;
    else if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? "" : value);
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined && child !== false) {
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
  }
  return node;
}

let liveRegion;

/** Says something to screen-reader users without moving focus. */
export function announce(message) {
  if (!liveRegion) return;
  liveRegion.textContent = "";
  setTimeout(() => (liveRegion.textContent = message), 50);
}

export function errorMessage(error) {
  if (error instanceof ApiError) {
    const key = "error." + error.code;
    if (error.code && has(key)) {
      return t(key, { detail: error.message, places: error.places.join(", ") });
    }
    return t("error.generic", { detail: error.message });
  }
  return t("error.network");
}

/** Shows a message in a status box (role=alert for errors, status otherwise). */
export function showMessage(box, message, kind = "info") {
  box.hidden = !message;
  box.className = "message " + kind;
  box.setAttribute("role", kind === "error" ? "alert" : "status");
  box.textContent = message || "";
}

/** Roles that read the audit trail (the link shows in their navigation). */
const AUDIT_READERS = ["AUDITOR", "DIRECTOR", "MANAGER"];

export function startPage(current) {
  translatePage();
  const header = document.getElementById("site-header");
  const account = accountArea(current);
  const link = (href, key, name) =>
    el("a", { href: localHref(href), "aria-current": current === name ? "page" : null, text: t(key) });
  header.replaceChildren(
    el("a", { class: "skip-link", href: "#main", text: t("skip") }),
    el(
      "div",
      { class: "bar" },
      el("a", { class: "brand", href: localHref("/"), text: t("brand") }),
      el(
        "nav",
        { "aria-label": t("nav.label") },
        el(
          "ul",
          {},
          el("li", {}, link("/", "nav.catalog", "catalog")),
          el("li", {}, link("/orders.html", "nav.orders", "orders")),
          AUDIT_READERS.includes(currentRole()) ? el("li", {}, link("/audit.html", "nav.audit", "audit")) : null,
          staffLinks(link)
        )
      ),
      account,
      el("a", {
        class: "lang-switch",
        id: "lang-switch",
        href: otherLanguageUrl(),
        lang: lang === "fr" ? "en" : "fr",
        hreflang: lang === "fr" ? "en" : "fr",
        "aria-label": t("lang.switchLabel"),
        text: t("lang.switch"),
      })
    )
  );
  liveRegion = el("div", { id: "announcer", class: "visually-hidden", "aria-live": "polite", "aria-atomic": "true" });
  document.body.append(liveRegion);
}

/** Who is signed in, with a sign-out button; or a link to the sign-in page. */
function accountArea(current) {
  if (!isSignedIn()) {
    return el(
      "div",
      { class: "account", id: "account" },
      el("a", {
        id: "sign-in-link",
        href: localHref(current === "account" ? "/account.html" : signInHref()),
        "aria-current": current === "account" ? "page" : null,
        text: t("auth.signInLink"),
      })
    );
  }
  const status = el("p", { id: "sign-out-status", class: "visually-hidden", role: "status" });
  const button = el("button", { type: "button", id: "sign-out", class: "secondary", text: t("auth.signOut") });
  button.addEventListener("click", async () => {
    button.disabled = true;
    try {
      await signOut();
      location.assign(localHref("/"));
    } catch (error) {
      button.disabled = false;
      status.classList.remove("visually-hidden");
      status.textContent = t("error.network");
    }
  });
  return el(
    "div",
    { class: "account", id: "account" },
    el("span", { id: "signed-in-as", text: t("auth.signedInAs", { login: currentLogin() }) }),
    button,
    status
  );
}

// ---- Staff navigation ------------------------------------------------------------------------
// The box office's and the director's entries show for the signed-in account's role.

function staffLinks(link) {
  const role = currentRole();
  const item = (href, key, name) => el("li", {}, link(href, key, name));
  const abuse = item("/manager/abuse.html", "nav.staff.abuse", "manager-abuse");
  if (role === "MANAGER") {
    return [
      item("/manager/", "nav.staff.events", "manager-events"),
      item("/manager/orders.html", "nav.staff.orders", "manager-orders"),
      abuse,
      item("/admin/pricing/", "nav.staff.pricing", "pricing"),
    ];
  }
  if (role === "DIRECTOR") {
    return [item("/director/", "nav.staff.director", "director"), abuse];
  }
  if (role === "AUDITOR") {
    return [abuse];
  }
  if (role === "DOOR") {
    return [item("/door/scanner.html", "nav.staff.door", "door")];
  }
  return [];
}

/**
 * Staff pages call this first: when the signed-in account does not hold {@code role} (one role, or
 * an array of the roles allowed), the page's main content is replaced by a message with a link to
 * sign in with a staff account, and false is returned.
 */
export function requireRole(role) {
  const allowed = Array.isArray(role) ? role : [role];
  if (allowed.includes(currentRole())) return true;
  const main = document.getElementById("main");
  main.replaceChildren(
    el("h1", { text: t("role.required.title") }),
    el("p", {
      class: "message warning",
      role: "status",
      text:
        allowed.length === 1
          ? t("role.required", { role: t("role." + allowed[0]) })
          : t("role.requiredAny", { roles: allowed.map((r) => t("role." + r)).join(", ") }),
    }),
    el("p", {}, el("a", { id: "staff-sign-in", href: localHref(signInHref()), text: t("auth.signInLink") }))
  );
  return false;
}
// ---- end of the staff block -------------------------------------------------------------------
