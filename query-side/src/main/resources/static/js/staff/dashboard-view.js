// Drawing of sales figures, shared by the event dashboard and the season view.
import { formatPrice, formatTime, locale, t } from "../i18n.js";
import { categoryColours } from "../seatplan.js";
import { el } from "../shell.js";
import { cumulative, lineChart } from "./chart.js";
import { formatPercent, formatSeconds } from "./common.js";

const number = new Intl.NumberFormat(locale);
const hourMinute = new Intl.DateTimeFormat(locale, { hour: "2-digit", minute: "2-digit" });
const dayHour = new Intl.DateTimeFormat(locale, { day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" });

/** Key figures as a definition list: sold, held, free, blocked, revenue, fill rate. */
export function renderKpis(target, d, extra = []) {
  const item = (key, value) => [el("div", { class: "kpi", "data-kpi": key }, el("dt", { text: t("kpi." + key) }), el("dd", { text: value }))];
  target.replaceChildren(
    ...extra.flatMap(([key, value]) => item(key, value)),
    ...item("sold", number.format(d.sold)),
    ...item("held", number.format(d.held)),
    ...item("free", number.format(d.free)),
    ...item("blocked", number.format(d.blocked)),
    ...item("revenue", formatPrice(d.revenueCents)),
    ...item("fillRate", formatPercent(d.fillRate))
  );
}

function bar(rate) {
  return el(
    "span",
    { class: "fill-bar", "aria-hidden": "true" },
    el("span", { class: "fill-bar-fill", style: `width:${Math.min(100, Math.round((rate || 0) * 100))}%` })
  );
}

/** Per-category table; with milestones (time to reach 50/80/100 %) when they are given. */
export function categoryTable(categories, { milestones = true, caption }) {
  const head = [
    t("col.category"),
    t("col.capacity"),
    t("kpi.sold"),
    t("kpi.held"),
    t("kpi.free"),
    t("kpi.revenue"),
    t("kpi.fillRate"),
  ];
  if (milestones) head.push(t("dashboard.reached", { p: 50 }), t("dashboard.reached", { p: 80 }), t("dashboard.reached", { p: 100 }));
  const rows = categories.map((c) =>
    el(
      "tr",
      { "data-category": c.code },
      el("th", { scope: "row", text: c.name }),
      el("td", { class: "num", text: number.format(c.capacity) }),
      el("td", { class: "num sold", text: number.format(c.sold) }),
      el("td", { class: "num", text: number.format(c.held) }),
      el("td", { class: "num", text: number.format(c.free) }),
      el("td", { class: "num revenue", text: formatPrice(c.revenueCents) }),
      el("td", { class: "num fill" }, bar(c.fillRate), formatPercent(c.fillRate)),
      ...(milestones
        ? (c.milestones || []).map((m) =>
            el(
              "td",
              { class: "milestone", "data-percent": m.percent },
              m.reachedAt ? (m.afterSeconds !== null && m.afterSeconds !== undefined ? t("dashboard.after", { time: formatSeconds(m.afterSeconds) }) : formatTime(m.reachedAt)) : el("span", { "aria-label": t("dashboard.notYet"), text: "—" })
            )
          )
        : [])
    )
  );
  return el(
    "div",
    { class: "table-scroll" },
    el(
      "table",
      { class: "figures" },
      el("caption", { text: caption }),
      el("thead", {}, el("tr", {}, head.map((h) => el("th", { scope: "col", text: h })))),
      el("tbody", {}, rows)
    )
  );
}

/**
 * The sales chart (one line per category and the total) with its legend and, for screen readers
 * and the curious, the same data as a table.
 */
export function salesChart({ chart, legend, data }, categories, total, startMs) {
  const colours = categoryColours(categories);
  const series = categories.map((c) => ({ name: c.name, colour: colours.get(c.code), points: cumulative(c.salesPerMinute || []) }));
  const all = { name: t("dashboard.total"), colour: "#1b1b1f", total: true, points: cumulative(total) };
  const times = [...series, all].flatMap((s) => s.points.map((p) => p.t));
  const start = startMs || (times.length ? Math.min(...times) : Date.now() - 3600000);
  const end = Math.max(Date.now(), ...times);
  const sameDay = end - start < 20 * 3600000;
  const fmt = (ms) => (sameDay ? hourMinute : dayHour).format(new Date(ms));
  const lastTotal = all.points.length ? all.points[all.points.length - 1].v : 0;
  chart.replaceChildren(
    lineChart([...series, all], {
      title: t("dashboard.chartTitle"),
      description: t("dashboard.chartDesc", { n: lastTotal, from: fmt(start), to: fmt(end) }),
      start,
      end,
      formatTime: fmt,
      formatValue: (v) => number.format(v),
    })
  );
  const swatch = (s) => {
    const holder = document.createElement("span");
    holder.innerHTML = `<svg width="24" height="10" aria-hidden="true" focusable="false"><line x1="0" x2="24" y1="5" y2="5" stroke="${s.colour}" stroke-width="${s.total ? 3 : 2}"/></svg>`;
    return holder.firstChild;
  };
  legend.replaceChildren(...[...series, all].map((s) => el("li", {}, swatch(s), s.name)));
  const minutes = [...new Set(times)].sort((a, b) => a - b);
  const valueAt = (s, ms) => {
    let v = 0;
    for (const p of s.points) if (p.t <= ms) v = p.v;
    return v;
  };
  data.replaceChildren(
    minutes.length
      ? el(
          "div",
          { class: "table-scroll" },
          el(
            "table",
            { class: "compact" },
            el("caption", { text: t("dashboard.chartTable") }),
            el("thead", {}, el("tr", {}, el("th", { scope: "col", text: t("dashboard.time") }), [...series, all].map((s) => el("th", { scope: "col", text: s.name })))),
            el(
              "tbody",
              {},
              minutes.map((ms) => el("tr", {}, el("th", { scope: "row", text: fmt(ms) }), [...series, all].map((s) => el("td", { class: "num", text: number.format(valueAt(s, ms)) }))))
            )
          )
        )
      : el("p", { text: t("dashboard.noSales") })
  );
}

/** Discount rules used by sold orders: tickets reduced and amount taken off. */
export function discountTable(discounts, caption) {
  if (!discounts || !discounts.length) return el("p", { class: "no-discounts", text: t("dashboard.noDiscounts") });
  return el(
    "div",
    { class: "table-scroll" },
    el(
      "table",
      { class: "figures" },
      el("caption", { class: "visually-hidden", text: caption }),
      el("thead", {}, el("tr", {}, [t("dashboard.rule"), t("dashboard.tickets"), t("dashboard.discountAmount")].map((h) => el("th", { scope: "col", text: h })))),
      el(
        "tbody",
        {},
        discounts.map((d) =>
          el("tr", { "data-rule": d.rule }, el("th", { scope: "row", text: d.rule }), el("td", { class: "num", text: number.format(d.tickets) }), el("td", { class: "num", text: formatPrice(d.cents) }))
        )
      )
    )
  );
}
