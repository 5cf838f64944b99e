// The checkout of a held order: countdown to the hold's end, a rate and a holder name per ticket,
// the price from the pricing rules, then the bank's hosted payment page and back.
import { ApiError, get, newIdempotencyKey, post, serverNow } from "./api.js";
import { formatDate, formatPrice, formatTime, has, lang, localHref, t } from "./i18n.js";
import { announce, el, errorMessage, showMessage, startPage } from "./shell.js";
import { categoryName, placeLabels, placeName, priceExplanation, rateName, renderBreakdown, ruleSetNote } from "./tickets.js";

startPage("checkout");

const $ = (id) => document.getElementById(id);
const params = new URLSearchParams(location.search);
const orderId = params.get("order");
const returnedPayment = params.get("payment");
const outcome = params.get("outcome");
const message = $("pay-message");
const ratesMessage = $("rates-message");
const saved = `guichet.checkout.${orderId}`;

let order;
let labels = new Map();
let explanation;
let applied = ""; // the rate choices the recorded price was made with
let heldUntil = 0;
let countdownTimer;
let statusTimer;
let ended = false;
let paymentKey = null;
let paymentBody = null;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Retries while the read side or pricing have not caught up with a hold made a moment ago. */
async function eventually(load, retryable) {
  for (let attempt = 0; ; attempt++) {
    try {
      return await load();
    } catch (error) {
      if (attempt >= 40 || !(error instanceof ApiError) || !retryable(error)) throw error;
      await sleep(250 + attempt * 50);
    }
  }
}

function confirmationUrl(paymentId) {
  const query = `?order=${encodeURIComponent(orderId)}` + (paymentId ? `&payment=${encodeURIComponent(paymentId)}` : "");
  return localHref("/confirmation.html" + query);
}

function planUrl() {
  return localHref("/event.html?id=" + encodeURIComponent(order.eventId));
}

// Ending -----------------------------------------------------------------------------------------

function end(kind) {
  if (ended) return;
  ended = true;
  clearInterval(countdownTimer);
  clearInterval(statusTimer);
  $("pay-body").hidden = true;
  showMessage(message, "");
  const panel = $("pay-ended");
  $("pay-ended-title").textContent = t(`pay.${kind}.title`);
  $("pay-ended-text").textContent = t(`pay.${kind}.text`);
  const link = $("pay-ended-link");
  link.textContent = t("pay.backToPlan");
  link.href = order ? planUrl() : localHref("/");
  panel.hidden = false;
  panel.dataset.kind = kind;
  announce(t(`pay.${kind}.title`));
  panel.focus();
  sessionStorage.removeItem(saved);
}

// Countdown --------------------------------------------------------------------------------------

let lastAnnounced = null;
function tick() {
  if (ended) return;
  const left = Math.max(0, Math.ceil((heldUntil - serverNow()) / 1000));
  const min = Math.floor(left / 60);
  const sec = left % 60;
  const countdown = $("pay-countdown");
  countdown.textContent = `${String(min).padStart(2, "0")}:${String(sec).padStart(2, "0")}`;
  countdown.setAttribute("aria-label", t("checkout.countdown", { min, sec }));
  countdown.classList.toggle("urgent", left <= 60);
  let said = null;
  if (sec === 0 && min > 0 && lastAnnounced !== left) said = t("checkout.announce", { min });
  else if ((left === 30 || left === 10) && lastAnnounced !== left) said = t("checkout.announceSeconds", { sec: left });
  if (said) {
    lastAnnounced = left;
    announce(said);
  }
  if (left === 0) end("expired");
}

async function checkStatus() {
  if (ended) return;
  try {
    const current = await get(`/api/orders/${encodeURIComponent(orderId)}`);
    if (current.status === "EXPIRED") end("expired");
    else if (current.status === "CANCELLED") end("released");
    else if (current.status === "CONFIRMED") location.replace(confirmationUrl(returnedPayment));
  } catch (error) {
    // A missed poll changes nothing; the countdown still runs.
  }
}

// Tickets: rate and holder -----------------------------------------------------------------------

function remembered() {
  try {
    return JSON.parse(sessionStorage.getItem(saved)) || {};
  } catch (e) {
    return {};
  }
}

function remember() {
  const holders = {};
  document.querySelectorAll("[data-holder]").forEach((input) => (holders[input.dataset.holder] = input.value));
  sessionStorage.setItem(saved, JSON.stringify({ email: $("pay-email").value, holders }));
}

function ticketForm(ticket, index, rates, memory) {
  const id = `t${index}`;
  const place = placeName(labels, ticket.placeId);
  const radios = rates.map((rate) =>
    el(
      "div",
      { class: "check" },
      el("input", {
        type: "radio",
        id: `${id}-rate-${rate}`,
        name: `${id}-rate`,
        value: rate,
        checked: (ticket.rate || "FULL") === rate,
        "data-rate-for": ticket.placeId,
      }),
      el("label", { for: `${id}-rate-${rate}`, text: rateName(rate) })
    )
  );
  const extra = (kind, value, autocomplete) =>
    el(
      "div",
      { class: "field", "data-extra": kind, hidden: true },
      el("label", { for: `${id}-${kind}`, text: t(`pay.${kind}`) }),
      el("input", {
        id: `${id}-${kind}`,
        name: `${id}-${kind}`,
        value: value || "",
        maxlength: "100",
        autocomplete,
        "aria-describedby": `${id}-${kind}-help`,
      }),
      el("p", { id: `${id}-${kind}-help`, class: "hint", text: t(`pay.${kind}Help`) })
    );
  const holder = (memory.holders && memory.holders[ticket.placeId]) || "";
  const fieldset = el(
    "fieldset",
    { class: "ticket-form", "data-place": ticket.placeId },
    el("legend", { text: t("pay.ticketLegend", { n: index + 1, place, category: categoryName(labels, ticket.placeId, ticket.category) }) }),
    el(
      "div",
      { class: "field" },
      el("label", { for: `${id}-holder`, text: t("pay.holder") }),
      el("input", {
        id: `${id}-holder`,
        "data-holder": ticket.placeId,
        value: holder,
        required: true,
        maxlength: "120",
        autocomplete: index === 0 ? "name" : "off",
        "aria-describedby": `${id}-holder-error`,
      }),
      el("p", { id: `${id}-holder-error`, class: "field-error", hidden: true })
    ),
    el("fieldset", { class: "rates" }, el("legend", { text: t("pay.rate") }), radios),
    extra("proof", ticket.studentProof, "off"),
    extra("subscription", ticket.subscriptionNumber, "off"),
    el("p", { class: "ticket-price", "data-price-for": ticket.placeId, "aria-live": "polite" })
  );
  fieldset.addEventListener("change", () => showExtras(fieldset));
  return el("li", {}, fieldset);
}

function showExtras(fieldset) {
  const rate = fieldset.querySelector("input[type=radio]:checked")?.value;
  fieldset.querySelector("[data-extra=proof]").hidden = rate !== "STUDENT";
  fieldset.querySelector("[data-extra=subscription]").hidden = rate !== "SUBSCRIBER";
}

function choices() {
  return [...document.querySelectorAll("fieldset.ticket-form")].map((fieldset) => {
    const placeId = fieldset.dataset.place;
    const rate = fieldset.querySelector("input[type=radio]:checked")?.value || "FULL";
    const choice = { placeId, rate };
    if (rate === "STUDENT") choice.studentProof = fieldset.querySelector("[data-extra=proof] input").value.trim();
    if (rate === "SUBSCRIBER") choice.subscriptionNumber = fieldset.querySelector("[data-extra=subscription] input").value.trim();
    return choice;
  });
}

function setFieldError(input, text) {
  const box = document.getElementById(input.getAttribute("aria-describedby").split(" ")[0]);
  if (text) {
    input.setAttribute("aria-invalid", "true");
  } else {
    input.removeAttribute("aria-invalid");
  }
  if (box && box.classList.contains("field-error")) {
    box.textContent = text || "";
    box.hidden = !text;
  } else if (box) {
    box.textContent = text || t(box.id.endsWith("proof-help") ? "pay.proofHelp" : "pay.subscriptionHelp");
    box.classList.toggle("field-error", !!text);
  }
}

/** Checks that each chosen discount has its proof; returns the first field in error. */
function checkRateFields() {
  let first = null;
  for (const fieldset of document.querySelectorAll("fieldset.ticket-form")) {
    const rate = fieldset.querySelector("input[type=radio]:checked")?.value;
    for (const [kind, needed] of [["proof", rate === "STUDENT"], ["subscription", rate === "SUBSCRIBER"]]) {
      const input = fieldset.querySelector(`[data-extra=${kind}] input`);
      const missing = needed && !input.value.trim();
      setFieldError(input, missing ? t(`pay.${kind}Missing`) : null);
      if (missing && !first) first = input;
    }
  }
  return first;
}

function renderPrices() {
  const breakdown = $("pay-breakdown");
  breakdown.replaceChildren(renderBreakdown(explanation, labels), ruleSetNote(explanation));
  for (const ticket of explanation.tickets) {
    const out = document.querySelector(`[data-price-for="${CSS.escape(ticket.placeId)}"]`);
    if (out) {
      out.textContent =
        ticket.discountCents > 0
          ? t("pay.ticketPriceDiscount", { price: formatPrice(ticket.finalCents), full: formatPrice(ticket.baseCents) })
          : t("pay.ticketPrice", { price: formatPrice(ticket.finalCents) });
    }
  }
  $("pay-total").textContent = formatPrice(explanation.totalCents);
  $("pay-submit").textContent = t("pay.submitAmount", { total: formatPrice(explanation.totalCents) });
  applied = JSON.stringify(
    explanation.tickets.map((ticket) => {
      const choice = { placeId: ticket.placeId, rate: ticket.rate || "FULL" };
      if (choice.rate === "STUDENT") choice.studentProof = ticket.studentProof;
      if (choice.rate === "SUBSCRIBER") choice.subscriptionNumber = ticket.subscriptionNumber;
      return choice;
    })
  );
}

/** Records the chosen rates (when they changed); true when the price shown is the recorded one. */
async function applyRates() {
  showMessage(ratesMessage, "");
  const invalid = checkRateFields();
  if (invalid) {
    showMessage(ratesMessage, t("pay.fixFields"), "error");
    invalid.focus();
    return false;
  }
  const wanted = choices();
  if (JSON.stringify(wanted) === applied) return true;
  $("pay-breakdown").setAttribute("aria-busy", "true");
  $("apply-rates").disabled = true;
  try {
    await post(`/api/orders/${encodeURIComponent(orderId)}/rates`, { tickets: wanted });
    explanation = await priceExplanation(orderId);
    renderPrices();
    const text = t("pay.pricesUpdated", { total: formatPrice(explanation.totalCents) });
    showMessage(ratesMessage, text, "ok");
    return true;
  } catch (error) {
    const places = error instanceof ApiError ? error.places : [];
    showMessage(ratesMessage, errorMessage(error), "error");
    const fieldset = places.length ? document.querySelector(`fieldset.ticket-form[data-place="${CSS.escape(places[0])}"]`) : null;
    const target = fieldset?.querySelector("input[type=radio]:checked") || ratesMessage;
    if (target === ratesMessage) ratesMessage.tabIndex = -1;
    target.focus();
    return false;
  } finally {
    $("pay-breakdown").setAttribute("aria-busy", "false");
    $("apply-rates").disabled = false;
  }
}

// Paying -----------------------------------------------------------------------------------------

function checkBuyerFields() {
  let first = null;
  for (const input of document.querySelectorAll("[data-holder]")) {
    const missing = !input.value.trim();
    setFieldError(input, missing ? t("pay.holderMissing") : null);
    if (missing && !first) first = input;
  }
  const email = $("pay-email");
  const bad = !email.value.trim() || !email.checkValidity();
  setFieldError(email, bad ? t("pay.emailInvalid") : null);
  if (bad && !first) first = email;
  return first;
}

async function pay(e) {
  e.preventDefault();
  if (ended) return;
  remember();
  const invalid = checkBuyerFields() || checkRateFields();
  if (invalid) {
    showMessage(message, t("pay.fixFields"), "error");
    invalid.focus();
    return;
  }
  $("pay-submit").disabled = true;
  try {
    if (!(await applyRates())) return;
    const holders = [...document.querySelectorAll("[data-holder]")].map((input) => ({ placeId: input.dataset.holder, name: input.value.trim() }));
    const body = {
      holderName: holders[0].name,
      email: $("pay-email").value.trim(),
      locale: lang,
      holders,
      returnPath: localHref(`/checkout.html?order=${encodeURIComponent(orderId)}`),
    };
    if (!paymentBody || JSON.stringify(paymentBody) !== JSON.stringify(body)) {
      paymentKey = newIdempotencyKey();
      paymentBody = body;
    }
    showMessage(message, t("pay.redirecting"), "info");
    const started = await post(`/api/orders/${encodeURIComponent(orderId)}/payments`, body, { headers: { "Idempotency-Key": paymentKey } });
    location.assign(started.paymentPageUrl);
  } catch (error) {
    if (error instanceof ApiError) paymentKey = paymentBody = null;
    showMessage(message, errorMessage(error), "error");
    message.focus();
    if (error instanceof ApiError && error.code === "order-not-awaiting-payment") checkStatus();
  } finally {
    $("pay-submit").disabled = false;
  }
}

async function release() {
  $("pay-release").disabled = true;
  try {
    await post(`/api/events/${encodeURIComponent(order.eventId)}/holds/${encodeURIComponent(orderId)}/release`);
    end("released");
  } catch (error) {
    $("pay-release").disabled = false;
    showMessage(message, errorMessage(error), "error");
  }
}

/** Back from the bank: success goes to the confirmation, a refusal is said here with a retry. */
async function returnedFromBank() {
  if (!returnedPayment) return false;
  if (outcome === "succeeded" || outcome === "pending") {
    location.replace(confirmationUrl(returnedPayment));
    return true;
  }
  try {
    let payment = await get(`/api/payments/${encodeURIComponent(returnedPayment)}`);
    // The bank's webhook telling why it refused may arrive a moment after the buyer.
    for (let wait = 0; wait < 8 && payment.status === "AWAITING_BANK" && !payment.lastFailureCode; wait++) {
      await sleep(500);
      payment = await get(`/api/payments/${encodeURIComponent(returnedPayment)}`);
    }
    if (payment.status === "SUCCEEDED") {
      location.replace(confirmationUrl(returnedPayment));
      return true;
    }
    const code = payment.lastFailureCode;
    const text = code ? t("pay.declined", { reason: has("pay.failure." + code) ? t("pay.failure." + code) : code }) : t("pay.interrupted");
    showMessage(message, text, code ? "error" : "warning");
    message.dataset.failure = code || "";
    $("pay-submit").textContent = t("pay.retry", { total: formatPrice(explanation.totalCents) });
    message.focus();
  } catch (error) {
    showMessage(message, errorMessage(error), "error");
  }
  return false;
}

// Start ------------------------------------------------------------------------------------------

async function main() {
  if (!orderId) {
    showMessage(message, t("pay.noOrder"), "error");
    return;
  }
  try {
    order = await eventually(() => get(`/api/orders/${encodeURIComponent(orderId)}`), (e) => e.status === 404);
  } catch (error) {
    showMessage(message, error instanceof ApiError && error.status === 404 ? t("pay.noOrder") : errorMessage(error), "error");
    return;
  }
  $("back-to-plan").href = planUrl();
  $("pay-event").replaceChildren(
    el("strong", { text: order.eventTitle || "" }),
    order.venue ? ` — ${order.venue}` : "",
    order.startsAt ? el("span", {}, " — ", el("time", { datetime: order.startsAt, text: formatDate(order.startsAt) })) : ""
  );
  if (order.status === "CONFIRMED") {
    location.replace(confirmationUrl(returnedPayment));
    return;
  }
  if (order.status !== "AWAITING_PAYMENT") {
    end(order.status === "EXPIRED" ? "expired" : "released");
    return;
  }
  heldUntil = Date.parse(order.heldUntil);
  $("pay-held-until").textContent = t("pay.heldUntil", { time: formatTime(order.heldUntil) });
  tick();
  countdownTimer = setInterval(tick, 1000);
  statusTimer = setInterval(checkStatus, 4000);
  try {
    labels = await placeLabels(order.eventId);
    const notReady = (e) => e.code === "order-not-priced-yet";
    const [options, priced] = await Promise.all([
      eventually(() => get(`/api/orders/${encodeURIComponent(orderId)}/rate-options`), notReady),
      eventually(() => priceExplanation(orderId).then((x) => (x.failure ? Promise.reject(new ApiError(422, { code: "order-not-priced-yet" })) : x)), notReady),
    ]);
    explanation = priced;
    const rates = new Map(options.tickets.map((ticket) => [ticket.placeId, ticket.rates]));
    const memory = remembered();
    $("pay-tickets").replaceChildren(...explanation.tickets.map((ticket, i) => ticketForm(ticket, i, rates.get(ticket.placeId) || ["FULL"], memory)));
    document.querySelectorAll("fieldset.ticket-form").forEach(showExtras);
    $("pay-email").value = memory.email || "";
    renderPrices();
  } catch (error) {
    if (ended) return;
    showMessage(message, errorMessage(error), "error");
    return;
  }
  if (ended) return;
  $("pay-body").hidden = false;
  document.title = `${t("pay.title")} — ${order.eventTitle || "Guichet"}`;
  const back = await returnedFromBank();
  if (!back && !returnedPayment) $("main").focus();
}

$("apply-rates").addEventListener("click", applyRates);
$("pay-form").addEventListener("submit", pay);
$("pay-release").addEventListener("click", release);
$("pay-form").addEventListener("input", () => remember());

window.guichetCheckout = { orderId, explanation: () => explanation };
main();
