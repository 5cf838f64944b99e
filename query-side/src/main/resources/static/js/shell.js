// The frame every page shares: skip link, navigation, the caller's display id, the language switch,
// and one polite live region for announcements.
import { currentActorId, ensureActorId, isValidActorId, setActorId } from "./auth.js";
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
        el("ul", {}, el("li", {}, link("/", "nav.catalog", "catalog")), el("li", {}, link("/orders.html", "nav.orders", "orders")))
      ),
      actorForm,
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
