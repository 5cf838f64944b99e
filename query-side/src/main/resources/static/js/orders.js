import { currentActorId, signInHref } from "./auth.js";
import { get } from "./api.js";
import { formatPrice, formatShortDate, formatTime, localHref, t } from "./i18n.js";
import { el, errorMessage, showMessage, startPage } from "./shell.js";
import { pdfDownload, placeLabels, placeName, priceExplanation, renderBreakdown, renderTickets, ruleSetNote } from "./tickets.js";

startPage("orders");
const table = document.getElementById("orders");
const count = document.getElementById("orders-count");
const message = document.getElementById("orders-message");
const details = document.getElementById("order-details");

function row(order) {
  const status = [el("span", { class: "badge " + order.status, text: t("status." + order.status) })];
  if (order.status === "AWAITING_PAYMENT" && order.heldUntil) {
    status.push(" ", t("orders.heldUntil", { time: formatTime(order.heldUntil) }));
    if (Date.parse(order.heldUntil) > Date.now()) {
      status.push(" ", el("a", { href: localHref("/checkout.html?order=" + encodeURIComponent(order.orderId)), text: t("orders.pay") }));
    }
  }
  if (order.tickets && order.tickets.length) {
    status.push(" — ", el("a", { href: "#order-" + order.orderId, text: t("orders.tickets", { n: order.tickets.length }) }));
  }
  return el(
    "tr",
    { "data-order": order.orderId },
    el("th", { scope: "row" }, el("a", { href: localHref("/event.html?id=" + encodeURIComponent(order.eventId)), text: order.eventTitle || order.eventId })),
    el("td", {}, order.startsAt ? el("time", { datetime: order.startsAt, text: formatShortDate(order.startsAt) }) : ""),
    el("td", { class: "places", "data-places-for": order.orderId, text: order.placeIds.join(", ") }),
    el("td", { class: "amount", "data-amount-for": order.orderId, text: "…" }),
    el("td", { class: "status" }, status)
  );
}

/** The places of an order named from its event's seating plan (section, row, seat), once known. */
async function fillPlaces(order) {
  const labels = await placeLabels(order.eventId);
  const cell = document.querySelector(`[data-places-for="${CSS.escape(order.orderId)}"]`);
  if (cell && labels.size) cell.textContent = order.placeIds.map((id) => placeName(labels, id)).join(" ; ");
}

/** The amount of each order, from its recorded price. */
async function fillAmount(order) {
  const cell = document.querySelector(`[data-amount-for="${CSS.escape(order.orderId)}"]`);
  try {
    const explanation = await priceExplanation(order.orderId);
    cell.textContent = explanation.failure ? "—" : formatPrice(explanation.totalCents);
    return explanation;
  } catch (error) {
    cell.textContent = "—";
    return null;
  }
}

/** A confirmed order: its tickets with their QR codes and its receipt. */
async function confirmedOrder(order, explanation) {
  const labels = await placeLabels(order.eventId);
  const section = el(
    "section",
    { class: "order-detail panel", id: "order-" + order.orderId, "data-order": order.orderId, "aria-labelledby": "order-title-" + order.orderId },
    el("h2", { id: "order-title-" + order.orderId, text: `${order.eventTitle || order.eventId} — ${t("checkout.order", { id: order.orderId })}` }),
    el("p", { text: order.placeIds.map((id) => placeName(labels, id)).join(" ; ") })
  );
  details.append(section);
  try {
    const tickets = await get(`/api/orders/${encodeURIComponent(order.orderId)}/tickets`);
    section.append(el("h3", { text: t("confirm.tickets") }));
    section.append(...(tickets.length ? [pdfDownload(order.orderId), renderTickets(tickets, labels, { headingLevel: 4 })] : [el("p", { text: t("orders.ticketsPending") })]));
  } catch (error) {
    section.append(el("p", { class: "message error", text: errorMessage(error) }));
  }
  if (explanation && !explanation.failure) {
    section.append(
      el(
        "details",
        { class: "receipt-details" },
        el("summary", { text: t("orders.receipt", { total: formatPrice(explanation.totalCents) }) }),
        renderBreakdown(explanation, labels, { headingLevel: 4 }),
        ruleSetNote(explanation),
        el("p", { class: "total" }, t("receipt.total"), " : ", el("strong", { text: formatPrice(explanation.totalCents) }))
      )
    );
  }
}

async function load() {
  const actor = currentActorId();
  if (!actor) {
    showMessage(message, t("auth.neededOrders"), "info");
    message.append(" ", el("a", { href: localHref(signInHref()), text: t("auth.signInLink") }));
    return;
  }
  try {
    const page = await get(`/api/customers/${encodeURIComponent(actor)}/orders?size=100`);
    table.tBodies[0].replaceChildren(...page.items.map(row));
    table.hidden = page.items.length === 0;
    details.replaceChildren();
    count.textContent = page.items.length ? t("orders.count", { n: page.total }) : t("orders.none", { id: actor });
    showMessage(message, "");
    for (const order of page.items) {
      await fillPlaces(order);
      const explanation = await fillAmount(order);
      if (order.status === "CONFIRMED") await confirmedOrder(order, explanation);
    }
    details.dataset.ready = "true";
  } catch (error) {
    showMessage(message, errorMessage(error), "error");
  }
}

document.addEventListener("guichet:actor", load);
load();
