import { get } from "./api.js";
import { formatDate, formatPrice, localHref, t } from "./i18n.js";
import { el, errorMessage, showMessage, startPage } from "./shell.js";

const PAGE_SIZE = 20;
const form = document.getElementById("search");
const results = document.getElementById("results");
const count = document.getElementById("result-count");
const message = document.getElementById("catalog-message");
const more = document.getElementById("more");
let page = 0;
let latest = 0;

function localMidnight(dateValue, plusDays = 0) {
  const [y, m, d] = dateValue.split("-").map(Number);
  return new Date(y, m - 1, d + plusDays).toISOString();
}

function queryFromForm() {
  const data = new FormData(form);
  const params = new URLSearchParams();
  const q = (data.get("q") || "").trim();
  if (q) params.set("q", q);
  if (data.get("from")) params.set("from", localMidnight(data.get("from")));
  if (data.get("to")) params.set("to", localMidnight(data.get("to"), 1));
  const venue = (data.get("venue") || "").trim();
  if (venue) params.set("venue", venue);
  if (data.get("category")) params.set("category", data.get("category"));
  if (data.get("available")) params.set("available", "true");
  return params;
}

function rememberInUrl() {
  const url = new URL(location.href);
  for (const name of ["q", "from", "to", "venue", "category", "available"]) {
    const field = form.elements[name];
    const value = field.type === "checkbox" ? (field.checked ? "true" : "") : field.value.trim();
    if (value) url.searchParams.set(name, value);
    else url.searchParams.delete(name);
  }
  history.replaceState(null, "", url);
}

function restoreFromUrl() {
  const params = new URLSearchParams(location.search);
  for (const name of ["q", "from", "to", "venue"]) {
    if (params.has(name)) form.elements[name].value = params.get(name);
  }
  form.elements.available.checked = params.get("available") === "true";
  return params.get("category") || "";
}

function card(event) {
  const prices = event.categories.map((c) => c.minPriceCents);
  const minPrice = prices.length ? Math.min(...prices) : null;
  const titleId = "event-title-" + event.eventId;
  return el(
    "li",
    { class: "card", "aria-labelledby": titleId },
    el("h2", { id: titleId }, el("a", { href: localHref("/event.html?id=" + encodeURIComponent(event.eventId)), text: event.title })),
    el("p", {}, el("time", { datetime: event.startsAt, text: formatDate(event.startsAt) })),
    el("p", { text: event.venue }),
    el("p", {}, el("span", { class: "badge " + event.salesState, text: t("state." + event.salesState) })),
    minPrice !== null ? el("p", { text: t("catalog.from.price", { price: formatPrice(minPrice) }) }) : null,
    el("p", {
      class: "free",
      text: event.available ? t("catalog.freePlaces", { free: event.free, capacity: event.capacity }) : t("catalog.soldOut"),
    })
  );
}

async function search(append = false) {
  page = append ? page + 1 : 0;
  const params = queryFromForm();
  params.set("page", page);
  params.set("size", PAGE_SIZE);
  const mine = ++latest;
  results.setAttribute("aria-busy", "true");
  try {
    const found = await get("/api/events?" + params);
    if (mine !== latest) return;
    showMessage(message, "");
    if (!append) results.replaceChildren();
    found.items.forEach((event) => results.append(card(event)));
    count.textContent = found.total ? t("catalog.count", { n: found.total }) : t("catalog.none");
    more.hidden = (page + 1) * PAGE_SIZE >= found.total;
  } catch (error) {
    if (mine === latest) showMessage(message, errorMessage(error), "error");
  } finally {
    if (mine === latest) results.setAttribute("aria-busy", "false");
  }
}

async function loadChoices(selectedCategory) {
  try {
    const all = await get("/api/events?size=100");
    const categories = new Map();
    const venues = new Set();
    for (const event of all.items) {
      venues.add(event.venue);
      event.categories.forEach((c) => categories.has(c.code) || categories.set(c.code, c.name));
    }
    const select = form.elements.category;
    [...categories].sort((a, b) => a[1].localeCompare(b[1])).forEach(([code, name]) => select.append(el("option", { value: code, text: name })));
    select.value = selectedCategory;
    document.getElementById("venues").replaceChildren(...[...venues].sort().map((v) => el("option", { value: v })));
  } catch (error) {
    showMessage(message, errorMessage(error), "error");
  }
}

startPage("catalog");
const category = restoreFromUrl();
form.addEventListener("submit", (e) => {
  e.preventDefault();
  rememberInUrl();
  search();
});
form.addEventListener("reset", () =>
  setTimeout(() => {
    rememberInUrl();
    search();
  })
);
more.addEventListener("click", () => search(true));
loadChoices(category).then(() => search());
