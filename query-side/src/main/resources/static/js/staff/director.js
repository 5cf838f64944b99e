// The programming director's desk: drafts awaiting approval (approve or send back with a reason),
// the season's figures per category with its sales chart, and each event's dashboard.
import { get, post } from "../api.js";
import { formatDate, formatPrice, formatShortDate, localHref, t } from "../i18n.js";
import { announce, el, errorMessage, requireRole, showMessage, startPage } from "../shell.js";
import { $, awaitSetup, busy, formatPercent, holdMinutes, stageBadge } from "./common.js";
import { categoryTable, discountTable, renderKpis, salesChart } from "./dashboard-view.js";
import "./messages.js";

const dashboards = new Map(); // eventId -> latest dashboard
const streams = new Map();
let redraw;

startPage("director");
if (requireRole("DIRECTOR")) {
  loadApprovals();
  loadSeason();
}

// ---- approvals ------------------------------------------------------------------------------

async function loadApprovals() {
  try {
    const page = await get("/api/event-setups?stage=AWAITING_APPROVAL&size=100");
    const setups = await Promise.all(page.items.map((e) => get(`/api/event-setups/${encodeURIComponent(e.eventId)}`)));
    $("approvals").replaceChildren(...setups.map(approvalCard));
    $("approvals-count").textContent = setups.length ? t("director.awaiting", { n: setups.length }) : t("director.noneAwaiting");
  } catch (error) {
    showMessage($("page-message"), errorMessage(error), "error");
  }
}

function approvalCard(setup) {
  const titleId = "approval-" + setup.eventId;
  const counts = new Map();
  const plan = setup.plan || { categories: [], sections: [], zones: [] };
  // capacity per category: seats of each block and standing zones
  for (const section of plan.sections) {
    for (const block of section.blocks) {
      const rows = block.rows.split(",").reduce((n, part) => {
        const [a, b] = part.split("-").map((s) => s.trim());
        if (b === undefined) return n + 1;
        return n + (/^\d+$/.test(a) ? Number(b) - Number(a) + 1 : b.charCodeAt(0) - a.charCodeAt(0) + 1);
      }, 0);
      counts.set(block.category, (counts.get(block.category) || 0) + rows * (block.lastSeat - block.firstSeat + 1));
    }
  }
  for (const zone of plan.zones) counts.set(zone.category, (counts.get(zone.category) || 0) + zone.capacity);
  const categories = plan.categories.map((c) =>
    el(
      "tr",
      { "data-category": c.code },
      el("th", { scope: "row", text: c.name }),
      el("td", { text: c.tiers.map((x) => `${x.name} ${formatPrice(x.priceCents)}`).join(" · ") }),
      el("td", { class: "num", text: String(counts.get(c.code) || 0) })
    )
  );
  const zones = plan.zones.map((z) => `${z.name} (${z.capacity})`).join(", ");
  const approve = el("button", { type: "button", class: "approve", "data-approve": setup.eventId, text: t("director.approve") });
  const reject = el("button", { type: "button", class: "secondary danger", "data-reject": setup.eventId, text: t("director.reject") });
  const actions = el("div", { class: "actions" }, approve, reject);
  approve.addEventListener("click", () =>
    busy(approve, async () => {
      try {
        await post(`/api/events/${encodeURIComponent(setup.eventId)}/approval`);
        await awaitSetup(setup.eventId, (s) => s.stage !== "AWAITING_APPROVAL");
        done(t("director.approved", { title: setup.title }));
      } catch (error) {
        showMessage($("approval-message"), errorMessage(error), "error");
      }
    })
  );
  reject.addEventListener("click", () => {
    const id = "reject-reason-" + setup.eventId;
    const reason = el("textarea", { id, rows: "2", maxlength: "500", required: true });
    const send = el("button", { type: "submit", class: "danger", text: t("director.rejectConfirm") });
    const cancel = el("button", { type: "button", class: "secondary", text: t("director.rejectCancel") });
    const form = el("form", { class: "stack", novalidate: true }, el("label", { for: id, text: t("director.rejectReason") }), reason, el("div", { class: "actions" }, send, cancel));
    cancel.addEventListener("click", () => {
      form.replaceWith(actions);
      reject.focus();
    });
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      if (!reason.value.trim()) {
        reason.setAttribute("aria-invalid", "true");
        showMessage($("approval-message"), t("director.reasonMissing"), "error");
        reason.focus();
        return;
      }
      busy(send, async () => {
        try {
          await post(`/api/events/${encodeURIComponent(setup.eventId)}/rejection`, { reason: reason.value.trim() });
          await awaitSetup(setup.eventId, (s) => s.stage !== "AWAITING_APPROVAL");
          done(t("director.rejected", { title: setup.title }));
        } catch (error) {
          showMessage($("approval-message"), errorMessage(error), "error");
        }
      });
    });
    actions.replaceWith(form);
    reason.focus();
  });
  return el(
    "article",
    { class: "card approval", "data-event": setup.eventId, "aria-labelledby": titleId },
    el("h3", { id: titleId, text: setup.title }),
    el("p", {}, el("time", { datetime: setup.startsAt, text: formatDate(setup.startsAt) }), " — ", setup.venue),
    setup.description ? el("p", { class: "hint", text: setup.description }) : null,
    el("p", { text: t("director.submittedAt", { date: setup.submittedAt ? formatShortDate(setup.submittedAt) : "—" }) }),
    el(
      "div",
      { class: "table-scroll" },
      el(
        "table",
        { class: "compact" },
        el("caption", { text: t("director.planCaption", { n: setup.capacity }) }),
        el("thead", {}, el("tr", {}, el("th", { scope: "col", text: t("col.category") }), el("th", { scope: "col", text: t("col.prices") }), el("th", { scope: "col", text: t("col.places") }))),
        el("tbody", {}, categories)
      )
    ),
    zones ? el("p", { text: t("director.zones", { zones }) }) : null,
    el("p", { text: t("director.limits", { order: setup.limits.maxPlacesPerOrder, customer: setup.limits.maxPlacesPerCustomer, hold: holdMinutes(setup.limits.holdDuration) }) }),
    actions
  );
}

function done(message) {
  showMessage($("approval-message"), message, "ok");
  announce(message);
  loadApprovals();
  loadSeason();
  $("approvals-title").focus?.();
}

// ---- season ---------------------------------------------------------------------------------

async function loadSeason() {
  try {
    const page = await get("/api/event-setups?stage=APPROVED&stage=ON_SALE&stage=PAUSED&stage=CLOSED&size=100");
    const results = await Promise.all(
      page.items.map((e) =>
        get(`/api/dashboard/events/${encodeURIComponent(e.eventId)}`)
          .then((d) => [e, d])
          .catch(() => [e, null])
      )
    );
    results.forEach(([e, d]) => d && dashboards.set(e.eventId, d));
    renderEvents(results);
    renderSeason();
    for (const [e] of results) if (["ON_SALE", "PAUSED"].includes(e.stage)) watch(e.eventId);
  } catch (error) {
    showMessage($("page-message"), errorMessage(error), "error");
  }
}

function watch(eventId) {
  if (streams.has(eventId)) return;
  const stream = new EventSource(`/api/dashboard/events/${encodeURIComponent(eventId)}/stream`);
  streams.set(eventId, stream);
  stream.addEventListener("dashboard", (e) => {
    const d = JSON.parse(e.data);
    const before = dashboards.get(eventId);
    if (before && d.version <= before.version) return;
    dashboards.set(eventId, d);
    clearTimeout(redraw);
    redraw = setTimeout(() => {
      renderSeason();
      updateEventRow(d);
    }, 250);
  });
}

function seasonFigures() {
  const all = [...dashboards.values()];
  const sum = (f) => all.reduce((n, d) => n + f(d), 0);
  const byName = new Map();
  for (const d of all) {
    for (const c of d.categories) {
      const key = c.name;
      const a = byName.get(key) || { code: c.code, name: c.name, capacity: 0, sold: 0, held: 0, free: 0, blocked: 0, revenueCents: 0, salesPerMinute: new Map() };
      a.capacity += c.capacity;
      a.sold += c.sold;
      a.held += c.held;
      a.free += c.free;
      a.blocked += c.blocked;
      a.revenueCents += c.revenueCents;
      for (const m of c.salesPerMinute || []) a.salesPerMinute.set(m.minute, (a.salesPerMinute.get(m.minute) || 0) + m.sold);
      byName.set(key, a);
    }
  }
  const categories = [...byName.values()].map((a, i) => ({
    ...a,
    code: a.code + "-" + i,
    fillRate: a.capacity ? a.sold / a.capacity : 0,
    salesPerMinute: [...a.salesPerMinute.entries()].sort().map(([minute, sold]) => ({ minute, sold })),
  }));
  const total = new Map();
  for (const d of all) for (const m of d.salesPerMinute || []) total.set(m.minute, (total.get(m.minute) || 0) + m.sold);
  const discounts = new Map();
  for (const d of all) {
    for (const x of d.discounts || []) {
      const a = discounts.get(x.rule) || { rule: x.rule, tickets: 0, cents: 0 };
      a.tickets += x.tickets;
      a.cents += x.cents;
      discounts.set(x.rule, a);
    }
  }
  const capacity = sum((d) => d.capacity);
  return {
    discounts: [...discounts.values()].sort((a, b) => b.tickets - a.tickets),
    events: all.length,
    capacity,
    sold: sum((d) => d.sold),
    held: sum((d) => d.held),
    free: sum((d) => d.free),
    blocked: sum((d) => d.blocked),
    revenueCents: sum((d) => d.revenueCents),
    fillRate: capacity ? sum((d) => d.sold) / capacity : 0,
    categories,
    total: [...total.entries()].sort().map(([minute, sold]) => ({ minute, sold })),
  };
}

function renderSeason() {
  const s = seasonFigures();
  renderKpis($("season-kpis"), s, [["events", String(s.events)], ["capacity", String(s.capacity)]]);
  $("season-kpis").dataset.sold = String(s.sold);
  $("season-categories").replaceChildren(
    categoryTable(s.categories, { milestones: false, caption: t("director.seasonCategories") }),
    el("h3", { text: t("dashboard.discounts") }),
    discountTable(s.discounts, t("dashboard.discounts"))
  );
  const chart = el("div", { id: "season-chart-svg" });
  const legend = el("ul", { class: "legend" });
  const data = el("div");
  salesChart({ chart, legend, data }, s.categories, s.total, null);
  $("season-chart").replaceChildren(
    el("h3", { text: t("dashboard.chart") }),
    chart,
    legend,
    el("details", {}, el("summary", { text: t("dashboard.chartData") }), data)
  );
}

function renderEvents(results) {
  if (!results.length) {
    $("events").replaceChildren(el("p", { text: t("director.noEvents") }));
    return;
  }
  const rows = results.map(([e, d]) =>
    el(
      "tr",
      { "data-event": e.eventId },
      el("th", { scope: "row" }, el("a", { href: localHref("/director/event.html?id=" + encodeURIComponent(e.eventId)), text: e.title })),
      el("td", {}, el("time", { datetime: e.startsAt, text: formatShortDate(e.startsAt) })),
      el("td", {}, stageBadge(e.stage)),
      el("td", { class: "num sold", text: d ? `${d.sold} / ${d.capacity}` : "—" }),
      el("td", { class: "num revenue", text: d ? formatPrice(d.revenueCents) : "—" }),
      el("td", { class: "num fill", text: d ? formatPercent(d.fillRate) : "—" })
    )
  );
  $("events").replaceChildren(
    el(
      "div",
      { class: "table-scroll" },
      el(
        "table",
        { class: "figures" },
        el("caption", { class: "visually-hidden", text: t("director.events") }),
        el(
          "thead",
          {},
          el(
            "tr",
            {},
            [t("col.event"), t("col.date"), t("col.stage"), t("kpi.sold"), t("kpi.revenue"), t("kpi.fillRate")].map((h) => el("th", { scope: "col", text: h }))
          )
        ),
        el("tbody", {}, rows)
      )
    )
  );
}

function updateEventRow(d) {
  const row = document.querySelector(`#events tr[data-event="${CSS.escape(d.eventId)}"]`);
  if (!row) return;
  row.querySelector(".sold").textContent = `${d.sold} / ${d.capacity}`;
  row.querySelector(".revenue").textContent = formatPrice(d.revenueCents);
  row.querySelector(".fill").textContent = formatPercent(d.fillRate);
}
