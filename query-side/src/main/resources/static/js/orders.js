import { currentActorId, signInHref } from "./auth.js";
import { get } from "./api.js";
import { formatShortDate, formatTime, localHref, t } from "./i18n.js";
import { el, errorMessage, showMessage, startPage } from "./shell.js";

startPage("orders");
const table = document.getElementById("orders");
const count = document.getElementById("orders-count");
const message = document.getElementById("orders-message");

function row(order) {
  const status = [el("span", { class: "badge " + order.status, text: t("status." + order.status) })];
  if (order.status === "AWAITING_PAYMENT" && order.heldUntil) {
    status.push(" ", t("orders.heldUntil", { time: formatTime(order.heldUntil) }));
  }
  if (order.tickets && order.tickets.length) status.push(" — ", t("orders.tickets", { n: order.tickets.length }));
  return el(
    "tr",
    { "data-order": order.orderId },
    el("th", { scope: "row" }, el("a", { href: localHref("/event.html?id=" + encodeURIComponent(order.eventId)), text: order.eventTitle || order.eventId })),
    el("td", {}, order.startsAt ? el("time", { datetime: order.startsAt, text: formatShortDate(order.startsAt) }) : ""),
    el("td", { text: order.placeIds.join(", ") }),
    el("td", { class: "status" }, status)
  );
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
    count.textContent = page.items.length ? t("orders.count", { n: page.total }) : t("orders.none", { id: actor });
    showMessage(message, "");
  } catch (error) {
    showMessage(message, errorMessage(error), "error");
  }
}

document.addEventListener("guichet:actor", load);
load();
