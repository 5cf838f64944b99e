// The auditor's pages: the global event stream filtered by type, time range and actor (paged, and
// exported as JSON Lines), one aggregate's ordered stream with payload and metadata, an event's
// seating at an instant, and why an order cost what it cost. Reads /api/audit and
// /api/orders/{id}/price-explanation as the signed-in account (AUDITOR, DIRECTOR or MANAGER).
import { currentRole, isSignedIn, signInHref } from "./auth.js";
import { get } from "./api.js";
import { formatPrice, formatShortDate, lang, localHref } from "./i18n.js";
import { el, errorMessage, showMessage, startPage } from "./shell.js";

const TEXT = {
  fr: {
    "stream.title": "Flux global des événements",
    filters: "Filtres",
    type: "Type d'événement",
    from: "Depuis",
    to: "Jusqu'à",
    actor: "Acteur (identifiant)",
    show: "Afficher",
    export: "Exporter en JSON Lines",
    more: "Événements suivants",
    "col.index": "N° global",
    "col.time": "Date",
    "col.type": "Type",
    "col.aggregate": "Agrégat (n°)",
    "col.actor": "Acteur",
    "col.details": "Contenu",
    "col.place": "Place",
    "col.category": "Catégorie",
    "col.state": "État",
    "col.order": "Commande",
    payload: "Contenu (payload)",
    metadata: "Métadonnées",
    "stream.count": "{n} événement(s) affiché(s).",
    "stream.none": "Aucun événement ne correspond à ces filtres.",
    "aggregate.title": "Historique d'un agrégat",
    "aggregate.id": "Identifiant (événement, commande, paiement…)",
    "aggregate.count": "{n} événement(s), dans l'ordre, pour {id}.",
    "aggregate.seq": "n° {seq}",
    "seating.title": "Placement à un instant",
    "seating.event": "Identifiant de l'événement",
    "seating.at": "Instant",
    "seating.summary": "Au {at} (après l'événement n° {seq}) : {counts}.",
    "seating.none": "Aucune place tenue, vendue ou bloquée à cet instant.",
    "price.title": "Pourquoi une commande a coûté ce prix",
    "price.order": "Identifiant de la commande",
    "price.summary": "Total {total}, tarifé le {at} par la version {version} des règles ({reason}).",
    "price.failure": "Tarification impossible : {failure}",
    "price.base": "Base {base}",
    "price.discount": "remise {percent} % ({amount})",
    "price.final": "payé {final}",
    "price.noRule": "aucune règle appliquée",
    "state.HELD": "tenue",
    "state.SOLD": "vendue",
    "state.BLOCKED": "bloquée",
    "state.FREE": "libre",
    needRole: "Le journal d'audit est réservé aux comptes AUDITOR, DIRECTOR et MANAGER.",
    needSignIn: "Connectez-vous avec un compte d'auditeur pour lire le journal.",
    signIn: "Se connecter",
    by: "par {actor} ({role})",
    system: "système",
  },
  en: {
    "stream.title": "Global event stream",
    filters: "Filters",
    type: "Event type",
    from: "From",
    to: "Until",
    actor: "Actor (id)",
    show: "Show",
    export: "Export as JSON Lines",
    more: "Next events",
    "col.index": "Global no.",
    "col.time": "Date",
    "col.type": "Type",
    "col.aggregate": "Aggregate (no.)",
    "col.actor": "Actor",
    "col.details": "Content",
    "col.place": "Place",
    "col.category": "Category",
    "col.state": "State",
    "col.order": "Order",
    payload: "Payload",
    metadata: "Metadata",
    "stream.count": "{n} event(s) shown.",
    "stream.none": "No event matches these filters.",
    "aggregate.title": "One aggregate's history",
    "aggregate.id": "Id (event, order, payment…)",
    "aggregate.count": "{n} event(s), in order, for {id}.",
    "aggregate.seq": "no. {seq}",
    "seating.title": "Seating at an instant",
    "seating.event": "Event id",
    "seating.at": "Instant",
    "seating.summary": "At {at} (after event no. {seq}): {counts}.",
    "seating.none": "No place held, sold or blocked at that instant.",
    "price.title": "Why an order cost what it cost",
    "price.order": "Order id",
    "price.summary": "Total {total}, priced on {at} by version {version} of the rules ({reason}).",
    "price.failure": "Could not price: {failure}",
    "price.base": "Base {base}",
    "price.discount": "discount {percent}% ({amount})",
    "price.final": "paid {final}",
    "price.noRule": "no rule applied",
    "state.HELD": "held",
    "state.SOLD": "sold",
    "state.BLOCKED": "blocked",
    "state.FREE": "free",
    needRole: "The audit trail is for AUDITOR, DIRECTOR and MANAGER accounts.",
    needSignIn: "Sign in with an auditor's account to read the trail.",
    signIn: "Sign in",
    by: "by {actor} ({role})",
    system: "system",
  },
};
const READERS = ["AUDITOR", "DIRECTOR", "MANAGER"];
const PAGE = 50;

function a(key, params = {}) {
  const text = TEXT[lang][key] ?? TEXT.fr[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (m, name) => (name in params ? String(params[name]) : m));
}

startPage("audit");
document.querySelectorAll("[data-audit]").forEach((node) => (node.textContent = a(node.dataset.audit)));
const $ = (id) => document.getElementById(id);
const message = $("audit-message");

/** A datetime-local value (the browser's time zone) as an ISO instant, or null. */
function instant(value) {
  return value ? new Date(value).toISOString() : null;
}

function localInput(date) {
  const pad = (n) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(
    date.getMinutes()
  )}:${pad(date.getSeconds())}`;
}

function query(params) {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) if (value) search.set(name, value);
  const text = search.toString();
  return text ? "?" + text : "";
}

// Focusable: a long payload or metadata block scrolls, and keyboard users must be able to scroll it.
function json(value) {
  return el("pre", { class: "json", tabindex: "0", text: JSON.stringify(value, null, 2) });
}

function who(event) {
  const meta = event.metaData || {};
  return meta.actorId ? a("by", { actor: meta.actorId, role: meta.actorRole || "?" }) : a("system");
}

function details(event) {
  return el(
    "details",
    {},
    el("summary", { text: a("payload") + " / " + a("metadata") }),
    json(event.payload),
    el("p", { text: a("metadata") }),
    json(event.metaData || {})
  );
}

function aggregateLink(id, sequence) {
  const link = el("a", { href: "#aggregate-section", "data-aggregate": id, text: id });
  link.addEventListener("click", (e) => {
    e.preventDefault();
    $("aggregate-id").value = id;
    loadAggregate(id, true);
  });
  return sequence === null || sequence === undefined ? link : el("span", {}, link, ` (${sequence})`);
}

function fail(error) {
  showMessage(message, errorMessage(error), "error");
  message.focus();
}

// The global stream -----------------------------------------------------------------------------

let filters = {};
let next = null;
let shown = 0;

function streamRow(event) {
  return el(
    "tr",
    { "data-index": event.globalIndex, "data-type": event.type },
    el("td", { text: event.globalIndex }),
    el("td", {}, el("time", { datetime: event.timestamp, text: formatShortDate(event.timestamp) })),
    el("td", { text: event.type }),
    el("td", {}, aggregateLink(event.aggregateId, event.sequence)),
    el("td", { text: who(event) }),
    el("td", {}, details(event))
  );
}

async function loadStream(more) {
  const form = $("stream-form");
  if (!more) {
    filters = {
      type: form.type.value.trim(),
      from: instant(form.from.value),
      to: instant(form.to.value),
      actor: form.actor.value.trim(),
    };
    next = null;
    shown = 0;
    $("export").href = "/api/audit/events/export" + query(filters);
  }
  try {
    const page = await get("/api/audit/events" + query({ ...filters, after: more ? next : null, limit: PAGE }));
    const rows = page.events.map(streamRow);
    if (more) $("stream").tBodies[0].append(...rows);
    else $("stream").tBodies[0].replaceChildren(...rows);
    shown += page.events.length;
    next = page.next;
    $("stream").hidden = shown === 0;
    $("stream-more").hidden = next === null || next === undefined;
    $("stream-count").textContent = shown ? a("stream.count", { n: shown }) : a("stream.none");
    const types = new Set([...document.querySelectorAll("#event-types option")].map((o) => o.value));
    for (const event of page.events) {
      if (!types.has(event.type)) {
        types.add(event.type);
        $("event-types").append(el("option", { value: event.type }));
      }
    }
    showMessage(message, "");
  } catch (error) {
    fail(error);
  }
}

// One aggregate ---------------------------------------------------------------------------------

async function loadAggregate(id, moveFocus) {
  try {
    const events = await get(`/api/audit/aggregates/${encodeURIComponent(id)}/events`);
    $("aggregate-events").replaceChildren(
      ...events.map((event) =>
        el(
          "li",
          { "data-sequence": event.sequence, "data-type": event.type },
          el("strong", { text: event.type }),
          " — ",
          a("aggregate.seq", { seq: event.sequence }),
          " — ",
          el("time", { datetime: event.timestamp, text: formatShortDate(event.timestamp) }),
          " — ",
          who(event),
          details(event)
        )
      )
    );
    $("aggregate-count").textContent = a("aggregate.count", { n: events.length, id });
    showMessage(message, "");
    if (moveFocus) $("aggregate-title").scrollIntoView();
  } catch (error) {
    $("aggregate-events").replaceChildren();
    $("aggregate-count").textContent = "";
    fail(error);
  }
}

// Seating at an instant -------------------------------------------------------------------------

async function loadSeating(eventId, at) {
  try {
    const seating = await get(`/api/audit/performances/${encodeURIComponent(eventId)}/seating` + query({ at }));
    const counts = Object.entries(seating.counts)
      .map(([state, n]) => `${a("state." + state)} ${n}`)
      .join(", ");
    const taken = seating.places.filter((p) => p.state !== "FREE");
    $("seating-summary").textContent =
      a("seating.summary", { at: formatShortDate(seating.at), seq: seating.lastSequence, counts }) +
      (taken.length ? "" : " " + a("seating.none"));
    $("seating").tBodies[0].replaceChildren(
      ...taken.map((place) =>
        el(
          "tr",
          { "data-place": place.placeId },
          el("th", { scope: "row", text: place.placeId }),
          el("td", { text: place.category }),
          el("td", { text: a("state." + place.state) }),
          el("td", {}, place.orderId ? aggregateLink(place.orderId) : "")
        )
      )
    );
    $("seating").hidden = taken.length === 0;
    showMessage(message, "");
  } catch (error) {
    fail(error);
  }
}

// Price explanation -----------------------------------------------------------------------------

async function loadPrice(orderId) {
  const out = $("price-explanation");
  try {
    const x = await get(`/api/orders/${encodeURIComponent(orderId)}/price-explanation?lang=${lang}`);
    const parts = [];
    if (x.failure) parts.push(el("p", { class: "message error", text: a("price.failure", { failure: x.failure }) }));
    parts.push(
      el("p", {
        id: "price-summary",
        text: a("price.summary", {
          total: formatPrice(x.totalCents),
          at: formatShortDate(x.pricedAt),
          version: x.ruleSetVersion,
          reason: x.reason,
        }),
      })
    );
    parts.push(
      el(
        "ul",
        { id: "price-tickets" },
        ...x.tickets.map((ticket) =>
          el(
            "li",
            { "data-place": ticket.placeId },
            el("strong", { text: `${ticket.placeId} (${ticket.category}, ${ticket.rate})` }),
            " — ",
            [
              a("price.base", { base: formatPrice(ticket.baseCents) }),
              ticket.discountPercent ? a("price.discount", { percent: ticket.discountPercent, amount: formatPrice(ticket.discountCents) }) : null,
              a("price.final", { final: formatPrice(ticket.finalCents) }),
            ]
              .filter(Boolean)
              .join(", "),
            el(
              "ul",
              {},
              ...(ticket.rules.length
                ? ticket.rules.map((rule) => el("li", { text: `${rule.name}: ${rule.description || ""}` }))
                : [el("li", { text: a("price.noRule") })]),
              ...ticket.why.map((why) => el("li", { text: why }))
            )
          )
        )
      )
    );
    out.replaceChildren(...parts);
    showMessage(message, "");
  } catch (error) {
    out.replaceChildren();
    fail(error);
  }
}

// Wiring ----------------------------------------------------------------------------------------

$("stream-form").addEventListener("submit", (e) => {
  e.preventDefault();
  loadStream(false);
});
$("stream-more").addEventListener("click", () => loadStream(true));
$("aggregate-form").addEventListener("submit", (e) => {
  e.preventDefault();
  const id = $("aggregate-id").value.trim();
  if (id) loadAggregate(id, false);
});
$("seating-form").addEventListener("submit", (e) => {
  e.preventDefault();
  const eventId = $("seating-event").value.trim();
  if (eventId) loadSeating(eventId, instant($("seating-at").value));
});
$("price-form").addEventListener("submit", (e) => {
  e.preventDefault();
  const orderId = $("price-order").value.trim();
  if (orderId) loadPrice(orderId);
});
$("seating-at").value = localInput(new Date());

if (!isSignedIn()) {
  showMessage(message, a("needSignIn"), "info");
  message.append(" ", el("a", { href: localHref(signInHref()), text: a("signIn") }));
  document.querySelectorAll("main section").forEach((s) => (s.hidden = true));
} else if (!READERS.includes(currentRole())) {
  showMessage(message, a("needRole"), "error");
  document.querySelectorAll("main section").forEach((s) => (s.hidden = true));
} else {
  const params = new URLSearchParams(location.search);
  if (params.get("aggregate")) {
    $("aggregate-id").value = params.get("aggregate");
    loadAggregate(params.get("aggregate"), false);
  }
  loadStream(false);
}
document.body.dataset.ready = "true";

