// French by default; English when asked for with ?lang=en, the language switch (remembered), or a
// browser whose preferred languages (its Accept-Language) put English before French.

const KEY = "guichet.lang";
const SUPPORTED = ["fr", "en"];

const MESSAGES = {
  fr: {
    "skip": "Aller au contenu",
    "brand": "Guichet",
    "nav.label": "Navigation principale",
    "nav.catalog": "Programme",
    "nav.orders": "Mes commandes",
    "actor.label": "Votre identifiant",
    "actor.save": "Utiliser",
    "actor.help": "Lettres, chiffres ou . _ @ : - (jusqu'à 100).",
    "actor.saved": "Vous êtes maintenant « {id} ».",
    "actor.invalid": "Identifiant invalide : lettres, chiffres ou . _ @ : - uniquement.",
    "lang.switch": "English",
    "lang.switchLabel": "Switch to English",
    "catalog.title": "Programme",
    "catalog.search": "Rechercher",
    "catalog.reset": "Effacer les filtres",
    "catalog.q": "Artiste, titre, salle…",
    "catalog.qLabel": "Recherche",
    "catalog.from": "Du",
    "catalog.to": "Au",
    "catalog.venue": "Salle",
    "catalog.category": "Catégorie",
    "catalog.anyCategory": "Toutes les catégories",
    "catalog.available": "Places encore disponibles",
    "catalog.filters": "Filtres",
    "catalog.count": "{n} événement(s) trouvé(s).",
    "catalog.none": "Aucun événement ne correspond à votre recherche.",
    "catalog.from.price": "à partir de {price}",
    "catalog.freePlaces": "{free} place(s) libre(s) sur {capacity}",
    "catalog.soldOut": "Complet",
    "catalog.more": "Voir les événements suivants",
    "state.DRAFT": "Brouillon",
    "state.APPROVED": "Bientôt en vente",
    "state.ON_SALE": "En vente",
    "state.PAUSED": "Ventes suspendues",
    "state.CLOSED": "Ventes closes",
    "event.loading": "Chargement…",
    "event.notFound": "Cet événement n'existe pas ou n'est plus au programme.",
    "event.back": "Retour au programme",
    "event.opensAt": "Ouverture des ventes : {date}",
    "event.categories": "Catégories et tarifs",
    "event.col.category": "Catégorie",
    "event.col.price": "Prix",
    "event.col.free": "Places libres",
    "event.freeOf": "{free} sur {capacity}",
    "event.notOnSale": "Les ventes ne sont pas ouvertes pour cet événement.",
    "plan.title": "Plan de salle",
    "plan.label": "Plan de salle interactif. Flèches pour se déplacer de place en place, Entrée ou Espace pour choisir, + et − pour zoomer.",
    "plan.help": "Cliquez sur une place ou, au clavier, placez-vous sur le plan puis utilisez les flèches, Entrée ou Espace pour choisir, + et − pour zoomer, 0 pour tout voir. Faites glisser pour vous déplacer, molette ou pincement pour zoomer.",
    "plan.zoomIn": "Zoom avant",
    "plan.zoomOut": "Zoom arrière",
    "plan.reset": "Vue d'ensemble",
    "plan.accessibleOnly": "Seulement les places accessibles (PMR)",
    "plan.legend": "Légende",
    "plan.stage": "SCÈNE",
    "legend.free": "Libre (disque plein, couleur de la catégorie)",
    "legend.mine": "Votre choix (disque cerclé avec point)",
    "legend.held": "Réservée par quelqu'un d'autre (cercle vide)",
    "legend.sold": "Vendue ou indisponible (croix)",
    "legend.accessible": "Place accessible (carré)",
    "seat.row": "rang {row}",
    "seat.number": "place {number}",
    "seat.free": "libre",
    "seat.held": "réservée par quelqu'un d'autre",
    "seat.sold": "vendue",
    "seat.blocked": "indisponible",
    "seat.mine": "dans votre sélection",
    "seat.heldByMe": "réservée pour vous",
    "seat.accessible": "accessible PMR",
    "seat.filteredOut": "hors filtre accessibilité",
    "seat.selected": "Ajoutée : {seat}. {count} place(s) choisie(s).",
    "seat.unselected": "Retirée : {seat}. {count} place(s) choisie(s).",
    "seat.notFree": "{seat} n'est pas disponible.",
    "seat.takenLive": "{seat} vient d'être prise par quelqu'un d'autre et a été retirée de votre sélection.",
    "booking.label": "Réservation",
    "selection.title": "Votre sélection",
    "selection.empty": "Aucune place choisie. Choisissez sur le plan, ou utilisez les options ci-dessous.",
    "selection.remove": "Retirer {seat}",
    "selection.total": "Total : {total}",
    "selection.hold": "Réserver ces places",
    "selection.clear": "Vider la sélection",
    "best.title": "Meilleures places disponibles",
    "best.quantity": "Nombre de places",
    "best.category": "Catégorie",
    "best.accessible": "Places accessibles uniquement",
    "best.submit": "Réserver les meilleures places",
    "zones.title": "Places debout",
    "zones.free": "{free} place(s) debout libre(s) sur {capacity}",
    "zones.quantity": "Nombre de places en {zone}",
    "zones.submit": "Réserver en {zone}",
    "hold.working": "Réservation en cours…",
    "checkout.title": "Vos places sont réservées",
    "checkout.places": "Places réservées",
    "checkout.remaining": "Temps restant pour payer",
    "checkout.countdown": "{min} min {sec} s",
    "checkout.announce": "Il vous reste {min} minute(s) pour payer.",
    "checkout.announceSeconds": "Il vous reste {sec} secondes pour payer.",
    "checkout.status": "Statut : {status}",
    "checkout.awaiting": "En attente de paiement. Le paiement en ligne arrive bientôt ; en attendant, le guichet confirme votre commande.",
    "checkout.release": "Libérer ces places",
    "checkout.released": "Vos places ont été libérées.",
    "checkout.expired": "Le délai de 10 minutes est écoulé : votre réservation a expiré et les places ont été libérées pour d'autres spectateurs.",
    "checkout.confirmed": "Paiement reçu : votre commande est confirmée. Retrouvez vos billets dans « Mes commandes ».",
    "checkout.order": "Commande {id}",
    "orders.title": "Mes commandes",
    "orders.none": "Vous n'avez encore aucune commande sous l'identifiant « {id} ».",
    "orders.count": "{n} commande(s).",
    "orders.event": "Événement",
    "orders.places": "Places",
    "orders.status": "Statut",
    "orders.date": "Date",
    "orders.heldUntil": "à payer avant {time}",
    "orders.tickets": "{n} billet(s)",
    "status.AWAITING_PAYMENT": "En attente de paiement",
    "status.CONFIRMED": "Confirmée",
    "status.EXPIRED": "Expirée",
    "status.CANCELLED": "Annulée",
    "status.RELEASED": "Libérée",
    "live.connected": "Disponibilités en direct.",
    "live.reconnecting": "Connexion perdue, reconnexion…",
    "error.generic": "Une erreur est survenue : {detail}",
    "error.network": "Le serveur ne répond pas. Réessayez dans un instant.",
    "error.places-not-free": "Ces places ne sont plus libres : {places}. Choisissez-en d'autres.",
    "error.not-enough-places": "Il ne reste pas assez de places libres pour cette demande.",
    "error.order-limit": "Trop de places pour une seule commande. {detail}",
    "error.customer-limit": "Vous avez atteint le nombre maximum de places pour cet événement. {detail}",
    "error.sales-not-open": "Les ventes ne sont pas ouvertes pour cet événement.",
    "error.sales-closed": "Les ventes de cet événement sont closes.",
    "error.actor-missing": "Choisissez d'abord un identifiant en haut de la page.",
    "error.already-sold": "Cette commande est déjà payée.",
  },
  en: {
    "skip": "Skip to content",
    "brand": "Guichet",
    "nav.label": "Main navigation",
    "nav.catalog": "What's on",
    "nav.orders": "My orders",
    "actor.label": "Your display id",
    "actor.save": "Use",
    "actor.help": "Letters, digits or . _ @ : - (up to 100).",
    "actor.saved": "You are now “{id}”.",
    "actor.invalid": "Invalid id: letters, digits or . _ @ : - only.",
    "lang.switch": "Français",
    "lang.switchLabel": "Passer en français",
    "catalog.title": "What's on",
    "catalog.search": "Search",
    "catalog.reset": "Clear filters",
    "catalog.q": "Artist, title, venue…",
    "catalog.qLabel": "Search",
    "catalog.from": "From",
    "catalog.to": "To",
    "catalog.venue": "Venue",
    "catalog.category": "Category",
    "catalog.anyCategory": "All categories",
    "catalog.available": "Seats still available",
    "catalog.filters": "Filters",
    "catalog.count": "{n} event(s) found.",
    "catalog.none": "No event matches your search.",
    "catalog.from.price": "from {price}",
    "catalog.freePlaces": "{free} of {capacity} place(s) free",
    "catalog.soldOut": "Sold out",
    "catalog.more": "Show more events",
    "state.DRAFT": "Draft",
    "state.APPROVED": "On sale soon",
    "state.ON_SALE": "On sale",
    "state.PAUSED": "Sales paused",
    "state.CLOSED": "Sales closed",
    "event.loading": "Loading…",
    "event.notFound": "This event does not exist or is no longer listed.",
    "event.back": "Back to what's on",
    "event.opensAt": "Sales open: {date}",
    "event.categories": "Categories and prices",
    "event.col.category": "Category",
    "event.col.price": "Price",
    "event.col.free": "Free places",
    "event.freeOf": "{free} of {capacity}",
    "event.notOnSale": "Sales are not open for this event.",
    "plan.title": "Seating plan",
    "plan.label": "Interactive seating plan. Arrow keys move from seat to seat, Enter or Space choose, + and − zoom.",
    "plan.help": "Click a seat or, with the keyboard, move onto the plan and use the arrow keys, Enter or Space to choose, + and − to zoom, 0 to see it all. Drag to move around, wheel or pinch to zoom.",
    "plan.zoomIn": "Zoom in",
    "plan.zoomOut": "Zoom out",
    "plan.reset": "Whole plan",
    "plan.accessibleOnly": "Accessible (wheelchair) seats only",
    "plan.legend": "Legend",
    "plan.stage": "STAGE",
    "legend.free": "Free (filled disc, category colour)",
    "legend.mine": "Your choice (ringed disc with dot)",
    "legend.held": "Held by someone else (empty circle)",
    "legend.sold": "Sold or unavailable (cross)",
    "legend.accessible": "Accessible seat (square)",
    "seat.row": "row {row}",
    "seat.number": "seat {number}",
    "seat.free": "free",
    "seat.held": "held by someone else",
    "seat.sold": "sold",
    "seat.blocked": "unavailable",
    "seat.mine": "in your selection",
    "seat.heldByMe": "held for you",
    "seat.accessible": "wheelchair accessible",
    "seat.filteredOut": "outside the accessibility filter",
    "seat.selected": "Added: {seat}. {count} place(s) chosen.",
    "seat.unselected": "Removed: {seat}. {count} place(s) chosen.",
    "seat.notFree": "{seat} is not available.",
    "seat.takenLive": "{seat} was just taken by someone else and left your selection.",
    "booking.label": "Booking",
    "selection.title": "Your selection",
    "selection.empty": "No place chosen yet. Choose on the plan, or use the options below.",
    "selection.remove": "Remove {seat}",
    "selection.total": "Total: {total}",
    "selection.hold": "Hold these places",
    "selection.clear": "Clear the selection",
    "best.title": "Best available places",
    "best.quantity": "Number of places",
    "best.category": "Category",
    "best.accessible": "Accessible places only",
    "best.submit": "Hold the best places",
    "zones.title": "Standing places",
    "zones.free": "{free} of {capacity} standing place(s) free",
    "zones.quantity": "Number of places in {zone}",
    "zones.submit": "Hold in {zone}",
    "hold.working": "Holding…",
    "checkout.title": "Your places are held",
    "checkout.places": "Held places",
    "checkout.remaining": "Time left to pay",
    "checkout.countdown": "{min} min {sec} s",
    "checkout.announce": "{min} minute(s) left to pay.",
    "checkout.announceSeconds": "{sec} seconds left to pay.",
    "checkout.status": "Status: {status}",
    "checkout.awaiting": "Awaiting payment. Online payment is coming soon; meanwhile the box office confirms your order.",
    "checkout.release": "Release these places",
    "checkout.released": "Your places were released.",
    "checkout.expired": "The 10 minutes are over: your hold expired and the places were released for other spectators.",
    "checkout.confirmed": "Payment received: your order is confirmed. Find your tickets under “My orders”.",
    "checkout.order": "Order {id}",
    "orders.title": "My orders",
    "orders.none": "You have no order yet as “{id}”.",
    "orders.count": "{n} order(s).",
    "orders.event": "Event",
    "orders.places": "Places",
    "orders.status": "Status",
    "orders.date": "Date",
    "orders.heldUntil": "pay before {time}",
    "orders.tickets": "{n} ticket(s)",
    "status.AWAITING_PAYMENT": "Awaiting payment",
    "status.CONFIRMED": "Confirmed",
    "status.EXPIRED": "Expired",
    "status.CANCELLED": "Cancelled",
    "status.RELEASED": "Released",
    "live.connected": "Live availability.",
    "live.reconnecting": "Connection lost, reconnecting…",
    "error.generic": "Something went wrong: {detail}",
    "error.network": "The server does not answer. Try again in a moment.",
    "error.places-not-free": "These places are no longer free: {places}. Choose others.",
    "error.not-enough-places": "Not enough free places are left for this request.",
    "error.order-limit": "Too many places for one order. {detail}",
    "error.customer-limit": "You reached the maximum number of places for this event. {detail}",
    "error.sales-not-open": "Sales are not open for this event.",
    "error.sales-closed": "Sales for this event are closed.",
    "error.actor-missing": "First choose a display id at the top of the page.",
    "error.already-sold": "This order is already paid.",
  },
};

// ---- Staff pages: navigation entries (the pages' own texts are in staff/messages.js) -----------
Object.assign(MESSAGES.fr, {
  "nav.staff.events": "Billetterie",
  "nav.staff.orders": "Commandes clients",
  "nav.staff.pricing": "Règles tarifaires",
  "nav.staff.director": "Direction",
  "role.label": "Rôle",
  "role.SPECTATOR": "Spectateur",
  "role.MANAGER": "Gestionnaire de billetterie",
  "role.DIRECTOR": "Responsable de programmation",
  "role.switch": "Agir comme {role}",
  "role.required.title": "Espace réservé",
  "role.required": "Cette page est réservée au rôle « {role} ». Choisissez ce rôle pour continuer.",
});
Object.assign(MESSAGES.en, {
  "nav.staff.events": "Box office",
  "nav.staff.orders": "Customer orders",
  "nav.staff.pricing": "Pricing rules",
  "nav.staff.director": "Programming",
  "role.label": "Role",
  "role.SPECTATOR": "Spectator",
  "role.MANAGER": "Box-office manager",
  "role.DIRECTOR": "Programming director",
  "role.switch": "Act as {role}",
  "role.required.title": "Staff only",
  "role.required": "This page is for the “{role}” role. Choose that role to go on.",
});

/** Adds a page family's messages ({fr: {...}, en: {...}}) to the shared ones. */
export function registerMessages(extra) {
  for (const language of SUPPORTED) Object.assign(MESSAGES[language], extra[language] || {});
}
// ---- end of the staff block -------------------------------------------------------------------

function pickLanguage() {
  const asked = new URLSearchParams(location.search).get("lang");
  if (SUPPORTED.includes(asked)) {
    localStorage.setItem(KEY, asked);
    return asked;
  }
  const remembered = localStorage.getItem(KEY);
  if (SUPPORTED.includes(remembered)) {
    return remembered;
  }
  for (const tag of navigator.languages || [navigator.language || ""]) {
    const base = String(tag).toLowerCase().slice(0, 2);
    if (SUPPORTED.includes(base)) {
      return base;
    }
  }
  return "fr";
}

export const lang = pickLanguage();
export const locale = lang === "en" ? "en-GB" : "fr-FR";

export function t(key, params = {}) {
  const text = MESSAGES[lang][key] ?? MESSAGES.fr[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (m, name) => (name in params ? String(params[name]) : m));
}

export function has(key) {
  return key in MESSAGES[lang];
}

const money = new Intl.NumberFormat(locale, { style: "currency", currency: "EUR" });
export function formatPrice(cents) {
  return money.format(cents / 100);
}

const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: "full", timeStyle: "short" });
const shortDateTime = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" });
const timeOnly = new Intl.DateTimeFormat(locale, { timeStyle: "medium" });
export function formatDate(iso) {
  return iso ? dateTime.format(new Date(iso)) : "";
}
export function formatShortDate(iso) {
  return iso ? shortDateTime.format(new Date(iso)) : "";
}
export function formatTime(iso) {
  return iso ? timeOnly.format(new Date(iso)) : "";
}

/** Fills every [data-i18n] element's text and [data-i18n-attr="attr:key;…"] attributes. */
export function translatePage(root = document) {
  document.documentElement.lang = lang;
  root.querySelectorAll("[data-i18n]").forEach((el) => {
    el.textContent = t(el.dataset.i18n);
  });
  root.querySelectorAll("[data-i18n-attr]").forEach((el) => {
    for (const pair of el.dataset.i18nAttr.split(";")) {
      const [attr, key] = pair.split(":");
      el.setAttribute(attr.trim(), t(key.trim()));
    }
  });
}

/** The same page in the other language. */
export function otherLanguageUrl() {
  const url = new URL(location.href);
  url.searchParams.set("lang", lang === "fr" ? "en" : "fr");
  return url.toString();
}

/** Keeps the chosen language on internal links. */
export function localHref(path) {
  const url = new URL(path, location.href);
  if (new URLSearchParams(location.search).has("lang")) {
    url.searchParams.set("lang", lang);
  }
  return url.pathname + url.search + url.hash;
}
