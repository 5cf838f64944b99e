// The frame every page shares: skip link, navigation, the caller's display id, the language switch,
// and one polite live region for announcements.
import { currentActorId, currentRole, ensureActorId, isValidActorId, ROLES, setActorId, setRole } from "./auth.js";
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

export function startPage(current) {
  ensureActorId();
  translatePage();
  const header = document.getElementById("site-header");
  const actorInput = el("input", {
    id: "actor-id",
    name: "actor",
    autocomplete: "nickname",
    value: currentActorId(),
    "aria-describedby": "actor-help",
    spellcheck: "false",
    size: "16",
  });
  const actorStatus = el("p", { id: "actor-status", class: "visually-hidden", role: "status" });
  const actorForm = el(
    "form",
    { class: "actor", id: "actor-form" },
    el("label", { for: "actor-id", text: t("actor.label") }),
    actorInput,
    el("button", { type: "submit", text: t("actor.save") }),
    el("span", { id: "actor-help", class: "visually-hidden", text: t("actor.help") }),
    actorStatus
  );
  actorForm.addEventListener("submit", (e) => {
    e.preventDefault();
    const id = actorInput.value.trim();
    if (!isValidActorId(id)) {
      actorInput.setAttribute("aria-invalid", "true");
      actorStatus.textContent = t("actor.invalid");
      actorStatus.classList.remove("visually-hidden");
      actorInput.focus();
      return;
    }
    actorInput.removeAttribute("aria-invalid");
    actorStatus.classList.add("visually-hidden");
    setActorId(id);
    actorStatus.textContent = t("actor.saved", { id });
  });
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
          staffLinks(link)
        )
      ),
      actorForm,
      roleForm(),
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

// ---- Staff navigation and the stand-in role choice ---------------------------------------------
// The box office's and the director's entries show for the role in use. Until sign-in lands the
// role is chosen here (auth.js keeps it); sign-in replaces roleForm() with the signed-in account.

function staffLinks(link) {
  const role = currentRole();
  const item = (href, key, name) => el("li", {}, link(href, key, name));
  if (role === "MANAGER") {
    return [
      item("/manager/", "nav.staff.events", "manager-events"),
      item("/manager/orders.html", "nav.staff.orders", "manager-orders"),
      item("/admin/pricing/", "nav.staff.pricing", "pricing"),
    ];
  }
  if (role === "DIRECTOR") {
    return [item("/director/", "nav.staff.director", "director")];
  }
  return [];
}

function roleForm() {
  const select = el(
    "select",
    { id: "actor-role", name: "role" },
    ROLES.map((role) => el("option", { value: role, selected: role === currentRole(), text: t("role." + role) }))
  );
  select.addEventListener("change", () => {
    setRole(select.value);
    location.reload();
  });
  return el("div", { class: "role-choice" }, el("label", { for: "actor-role", text: t("role.label") }), select);
}

/**
 * Staff pages call this first: when the caller does not act as {@code role}, the page's main
 * content is replaced by a message offering to switch role, and false is returned.
 */
export function requireRole(role) {
  if (currentRole() === role) return true;
  const main = document.getElementById("main");
  const button = el("button", { type: "button", id: "switch-role", text: t("role.switch", { role: t("role." + role) }) });
  button.addEventListener("click", () => {
    setRole(role);
    location.reload();
  });
  main.replaceChildren(
    el("h1", { text: t("role.required.title") }),
    el("p", { class: "message warning", role: "status", text: t("role.required", { role: t("role." + role) }) }),
    el("p", {}, button)
  );
  return false;
}
// ---- end of the staff block -------------------------------------------------------------------
