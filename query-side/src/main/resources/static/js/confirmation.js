// Back from the bank after paying: the order is confirmed once the bank's webhook is processed.
// The page follows the payment, the order and the tickets, says each step, then shows the tickets
// with their QR codes and the receipt.
import { ApiError, get } from "./api.js";
import { formatDate, formatPrice, localHref, t } from "./i18n.js";
import { announce, el, errorMessage, showMessage, startPage } from "./shell.js";
import { pdfDownload, placeLabels, priceExplanation, renderBreakdown, renderTickets, ruleSetNote } from "./tickets.js";

startPage("confirmation");

const $ = (id) => document.getElementById(id);
const params = new URLSearchParams(location.search);
const orderId = params.get("order");
const paymentId = params.get("payment");
const message = $("confirm-message");
const done = new Set();
let polls = 0;
let finished = false;

function mark(step, state) {
  const item = document.querySelector(`#steps [data-step="${step}"]`);
  if (item.dataset.state === state) return;
  item.dataset.state = state;
  item.querySelector(".step-state").textContent = t("confirm.state." + state);
  if (state === "done" && !done.has(step)) {
    done.add(step);
    const said = t("confirm.announce." + step);
    $("progress-status").textContent = said;
  }
}

async function fetchOrNull(path) {
  try {
    return await get(path);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
}

function stop(kind, text) {
  finished = true;
  showMessage(message, text, kind);
  message.focus();
}

async function showConfirmed(order, tickets) {
  finished = true;
  const labels = await placeLabels(order.eventId);
  $("confirm-title").textContent = t("confirm.doneTitle");
  document.title = `${t("confirm.doneTitle")} — ${order.eventTitle || "Guichet"}`;
  $("confirm-tickets").replaceChildren(pdfDownload(order.orderId), renderTickets(tickets, labels));
  try {
    const explanation = await priceExplanation(order.orderId);
    $("confirm-receipt").replaceChildren(renderBreakdown(explanation, labels), ruleSetNote(explanation));
    $("confirm-total").textContent = formatPrice(explanation.totalCents);
  } catch (error) {
    $("confirm-receipt").replaceChildren(el("p", { text: errorMessage(error) }));
  }
  $("confirm-done").hidden = false;
  showMessage(message, t("confirm.doneText", { n: tickets.length }), "ok");
  announce(t("confirm.doneText", { n: tickets.length }));
  $("confirm-title").focus();
}

async function poll() {
  if (finished) return;
  polls++;
  try {
    const payment = paymentId ? await fetchOrNull(`/api/payments/${encodeURIComponent(paymentId)}`) : null;
    const order = await fetchOrNull(`/api/orders/${encodeURIComponent(orderId)}`);
    if (order) renderEvent(order);
    const paid = payment && ["SUCCEEDED", "REFUND_REQUESTED", "REFUNDED"].includes(payment.status);
    if (paid || (order && order.status === "CONFIRMED")) mark("paid", "done");
    else mark("paid", "waiting");
    if (payment && payment.status === "AWAITING_BANK" && payment.lastFailureCode) {
      const back = el("a", { href: localHref(`/checkout.html?order=${encodeURIComponent(orderId)}&payment=${encodeURIComponent(paymentId)}&outcome=cancelled`), text: t("confirm.backToPay") });
      stop("error", t("confirm.declined"));
      message.append(" ", back);
      return;
    }
    if (order && order.status === "CONFIRMED") {
      mark("confirmed", "done");
      const tickets = await get(`/api/orders/${encodeURIComponent(orderId)}/tickets`);
      if (tickets.length) {
        mark("tickets", "done");
        await showConfirmed(order, tickets);
        return;
      }
      mark("tickets", "waiting");
    } else if (order && (order.status === "EXPIRED" || order.status === "CANCELLED")) {
      // A payment after the hold ended may still be accepted while every place is free (the
      // event's late-payment rule); it is refused for good once its refund is asked for.
      const refunded = payment && ["REFUND_REQUESTED", "REFUNDED"].includes(payment.status);
      if (!paid || refunded) {
        mark("confirmed", "failed");
        stop("error", paid ? t("confirm.tooLate") : t("confirm.ended"));
        return;
      }
      mark("confirmed", "waiting");
    } else {
      mark("confirmed", "waiting");
      mark("tickets", "pending");
    }
    if (polls === 15) $("progress-status").textContent = t("confirm.slow");
  } catch (error) {
    $("progress-status").textContent = errorMessage(error);
  }
  setTimeout(poll, polls < 30 ? 1000 : 3000);
}

let eventShown = false;
function renderEvent(order) {
  if (eventShown) return;
  eventShown = true;
  $("confirm-event").replaceChildren(
    el("strong", { text: order.eventTitle || "" }),
    order.startsAt ? el("span", {}, " — ", el("time", { datetime: order.startsAt, text: formatDate(order.startsAt) })) : "",
    " — ",
    t("checkout.order", { id: order.orderId })
  );
}

$("to-orders").href = localHref("/orders.html");
if (!orderId) {
  showMessage(message, t("pay.noOrder"), "error");
} else {
  mark("paid", "waiting");
  mark("confirmed", "pending");
  mark("tickets", "pending");
  poll();
}
