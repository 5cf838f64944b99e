// One event's live dashboard for the programming director: figures per category, time to reach
// 50/80/100 %, sales over time; refreshed from the dashboard stream (server-sent events).
import { get } from "../api.js";
import { formatDate, t } from "../i18n.js";
import { el, errorMessage, requireRole, showMessage, startPage } from "../shell.js";
import { $, formatPercent } from "./common.js";
import { categoryTable, discountTable, renderKpis, salesChart } from "./dashboard-view.js";
import "./messages.js";

const eventId = new URLSearchParams(location.search).get("id");
let stream;
let lastAnnounced = 0;
let announceTimer;
let retryDelay = 1000;
let current;

startPage("director");
if (requireRole("DIRECTOR")) start();

async function start() {
  if (!eventId) {
    showMessage($("page-message"), t("manager.event.missing"), "error");
    return;
  }
  try {
    render(await get(`/api/dashboard/events/${encodeURIComponent(eventId)}`));
  } catch (error) {
    showMessage($("page-message"), errorMessage(error), "error");
    return;
  }
  connect();
  setInterval(() => current && renderChart(current), 60000);
}

function render(d) {
  current = d;
  document.title = `${d.title} — ${t("dashboard.title")} — Guichet`;
  $("dashboard-title").textContent = t("dashboard.heading", { title: d.title });
  $("dashboard-when").replaceChildren(
    el("time", { datetime: d.startsAt, text: formatDate(d.startsAt) }),
    d.salesOpenedAt ? ` — ${t("dashboard.openedAt", { date: formatDate(d.salesOpenedAt) })}` : ` — ${t("dashboard.notOpened")}`
  );
  renderKpis($("kpis"), d, [["capacity", String(d.capacity)]]);
  $("kpis").dataset.sold = String(d.sold);
  $("categories").replaceChildren(categoryTable(d.categories, { caption: t("dashboard.categoriesCaption", { title: d.title }) }));
  $("discounts").replaceChildren(discountTable(d.discounts, t("dashboard.discounts")));
  renderChart(d);
  $("dashboard").hidden = false;
}

function renderChart(d) {
  salesChart({ chart: $("chart"), legend: $("chart-legend"), data: $("chart-data") }, d.categories, d.salesPerMinute, d.salesOpenedAt ? Date.parse(d.salesOpenedAt) : null);
}

function connect() {
  stream = new EventSource(`/api/dashboard/events/${encodeURIComponent(eventId)}/stream`);
  stream.addEventListener("open", () => {
    retryDelay = 1000;
    $("live-status").textContent = t("dashboard.live");
    $("dashboard").dataset.live = "true";
  });
  stream.addEventListener("dashboard", (e) => {
    const d = JSON.parse(e.data);
    if (current && d.version <= current.version) return;
    const soldBefore = current ? current.sold : d.sold;
    render(d);
    if (d.sold !== soldBefore) scheduleAnnouncement();
  });
  stream.addEventListener("error", () => {
    $("dashboard").dataset.live = "false";
    $("live-status").textContent = t("live.reconnecting");
    stream.close();
    setTimeout(connect, retryDelay);
    retryDelay = Math.min(retryDelay * 2, 30000);
  });
}

/** Tells screen-reader users about new sales at most every 10 seconds. */
function scheduleAnnouncement() {
  const wait = Math.max(0, lastAnnounced + 10000 - Date.now());
  clearTimeout(announceTimer);
  announceTimer = setTimeout(() => {
    lastAnnounced = Date.now();
    $("live-announcer").textContent = t("dashboard.announce", { sold: current.sold, rate: formatPercent(current.fillRate) });
  }, wait);
}
