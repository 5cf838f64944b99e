// The box office finds orders by buyer, order number, event or seat, and cancels and refunds paid
// ones, in whole or some of their places.
import { get, newIdempotencyKey, post } from "../api.js";
import { formatPrice, formatShortDate, localHref, t } from "../i18n.js";
import { announce, el, errorMessage, requireRole, showMessage, startPage } from "../shell.js";
import { $, busy } from "./common.js";
import "./messages.js";

startPage("manager-orders");
if (requireRole("MANAGER")) start();

async function start() {
  const params = new URLSearchParams(location.search);
  try {
    const page = await get("/api/event-setups?size=100");
    $("event-id").append(...page.items.map((e) => el("option", { value: e.eventId, text: `${e.title} — ${formatShortDate(e.startsAt)}` })));
  } catch (error) {
    showMessage($("orders-message"), errorMessage(error), "error");
  }
  for (const name of ["orderId", "customerId", "eventId", "placeId", "status"]) {
    if (params.get(name)) $("search").elements[name].value = params.get(name);
  }
  $("search").addEventListener("submit", (e) => {
    e.preventDefault();
    search();
  });
  if (["orderId", "customerId", "eventId"].some((n) => params.get(n))) search();
}

async function search() {
  const form = $("search").elements;
  const orderId = form.orderId.value.trim();
  const customerId = form.customerId.value.trim();
  const eventId = form.eventId.value;
  const placeId = form.placeId.value.trim().toUpperCase();
  const status = form.status.value;
  const box = $("orders-message");
  if (!orderId && !customerId && !eventId) {
    showMessage(box, t("staffOrders.needFilter"), "error");
    form.orderId.focus();
    return;
  }
  if (placeId && !eventId) {
    showMessage(box, t("staffOrders.placeNeedsEvent"), "error");
    form.eventId.focus();
    return;
  }
  showMessage(box, "");
  try {
    let items;
    let total;
    if (orderId) {
      try {
        items = [await get(`/api/orders/${encodeURIComponent(orderId)}`)];
      } catch (error) {
        if (error.status !== 404) throw error;
        items = [];
      }
      total = items.length;
    } else {
      const query = new URLSearchParams({ size: "100" });
      if (customerId) query.set("customerId", customerId);
      if (eventId) query.set("eventId", eventId);
      if (placeId) query.set("placeId", placeId);
      if (status) query.set("status", status);
      const page = await get(`/api/orders?${query}`);
      items = page.items;
      total = page.total;
    }
    const table = $("orders");
    table.tBodies[0].replaceChildren(...items.map(row));
    table.hidden = items.length === 0;
    $("orders-count").textContent = items.length ? t("staffOrders.count", { n: total }) : t("staffOrders.none");
  } catch (error) {
    showMessage(box, errorMessage(error), "error");
  }
}

function row(order) {
  const actions = el("td", { class: "order-actions" });
  if (order.status === "CONFIRMED") {
    const cancel = el("button", { type: "button", class: "secondary danger", "data-cancel": order.orderId, text: t("staffOrders.cancel") });
    cancel.addEventListener("click", () => openCancellation(order, actions));
    actions.append(cancel);
  } else {
    actions.append(el("span", { class: "hint", text: "—" }));
  }
  return el(
    "tr",
    { "data-order": order.orderId },
    el("th", { scope: "row" }, el("code", { text: order.orderId })),
    el(
      "td",
      {},
      el("a", { href: localHref("/manager/event.html?id=" + encodeURIComponent(order.eventId)), text: order.eventTitle || order.eventId }),
      order.startsAt ? el("br") : null,
      order.startsAt ? el("time", { datetime: order.startsAt, text: formatShortDate(order.startsAt) }) : null
    ),
    el("td", { text: order.customerId }),
    placesCell(order),
    el(
      "td",
      { class: "status" },
      el("span", { class: "badge " + order.status, text: t("status." + order.status) }),
      order.createdAt ? el("span", { class: "hint", text: " " + t("staffOrders.created", { date: formatShortDate(order.createdAt) }) }) : null
    ),
    actions
  );
}

/** The places the order still has; cancelled ones and the amount kept are said below them. */
function placesCell(order) {
  const cancelled = order.cancelledPlaceIds || [];
  const kept = order.placeIds.filter((p) => !cancelled.includes(p));
  const cell = el("td", {}, el("span", { text: kept.join(", ") }));
  if (cancelled.length) {
    cell.append(el("br"), el("span", { class: "hint cancelled-places", text: t("staffOrders.cancelledPlaces", { places: cancelled.join(", ") }) }));
  }
  if (cancelled.length && order.remainingCents != null) {
    cell.append(
      el("br"),
      el("span", { class: "hint", text: t("staffOrders.remaining", { amount: formatPrice(order.remainingCents), refunded: formatPrice(order.refundedCents || 0) }) })
    );
  }
  return cell;
}

/**
 * The reason comes first; the places to cancel are checkboxes, all ticked: the whole order is
 * cancelled unless the manager unticks some (then only the ticked places are).
 */
function openCancellation(order, cell) {
  const id = "reason-" + order.orderId;
  const reason = el("input", { id, required: true, maxlength: "500", "aria-describedby": id + "-help" });
  const cancelled = order.cancelledPlaceIds || [];
  const kept = order.placeIds.filter((p) => !cancelled.includes(p));
  const boxes = kept.map((placeId) =>
    el("input", { type: "checkbox", name: "placeIds", value: placeId, checked: true, id: `cancel-${order.orderId}-${placeId}` })
  );
  const places = el(
    "fieldset",
    { class: "cancel-places" },
    el("legend", { text: t("staffOrders.placesToCancel") }),
    ...boxes.map((box) => el("div", { class: "check" }, box, el("label", { for: box.id, text: box.value })))
  );
  // One key per form: a retry after a network error cancels nothing twice.
  const key = newIdempotencyKey();
  const confirm = el("button", { type: "submit", class: "danger", text: t("staffOrders.confirmCancel") });
  const back = el("button", { type: "button", class: "secondary", text: t("staffOrders.keep") });
  const form = el(
    "form",
    { class: "stack cancel-form", novalidate: true },
    el("label", { for: id, text: t("staffOrders.reason") }),
    reason,
    places,
    el("p", { id: id + "-help", class: "hint", text: t("staffOrders.cancelHelp", { places: kept.join(", ") }) }),
    el("div", { class: "actions" }, confirm, back)
  );
  back.addEventListener("click", () => search());
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    if (!reason.value.trim()) {
      reason.setAttribute("aria-invalid", "true");
      reason.focus();
      return;
    }
    const chosen = boxes.filter((b) => b.checked).map((b) => b.value);
    if (!chosen.length) {
      showMessage($("orders-message"), t("staffOrders.choosePlaces"), "error");
      boxes[0]?.focus();
      return;
    }
    await busy(confirm, async () => {
      try {
        const path = `/api/orders/${encodeURIComponent(order.orderId)}`;
        let message;
        if (chosen.length === kept.length && cancelled.length === 0) {
          const result = await post(`${path}/cancellation`, { reason: reason.value.trim() });
          message = t("staffOrders.cancelled", { id: order.orderId, places: result.freedPlaces.join(", "), refund: t("refund." + result.paymentStatus) });
        } else {
          const result = await post(`${path}/places-cancellation`, { placeIds: chosen, reason: reason.value.trim() }, { headers: { "Idempotency-Key": key } });
          message = t(result.orderCancelled ? "staffOrders.lastPlacesCancelled" : "staffOrders.placesCancelled", {
            id: order.orderId,
            places: result.cancelledPlaces.join(", "),
            amount: formatPrice(result.refundCents),
            refund: t("refund." + result.paymentStatus),
            remaining: formatPrice(result.remainingCents),
          });
        }
        showMessage($("orders-message"), message, "ok");
        announce(message);
        // The refreshed list clears the message box: say it again once the list is back.
        setTimeout(async () => {
          await search();
          showMessage($("orders-message"), message, "ok");
        }, 800);
      } catch (error) {
        showMessage($("orders-message"), errorMessage(error), "error");
      }
    });
  });
  cell.replaceChildren(form);
  reason.focus();
}
