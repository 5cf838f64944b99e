import { currentActorId, signInHref } from "./auth.js";
import { ApiError, get, newIdempotencyKey, post, serverNow } from "./api.js";
import { formatDate, formatPrice, formatTime, lang, localHref, t } from "./i18n.js";
import { FREE, HELD, SOLD, STATE_CODES, SeatPlan, categoryColours } from "./seatplan.js";
import { announce, el, errorMessage, showMessage, startPage } from "./shell.js";
import { WaitingRoom } from "./waitingroom.js";

startPage("event");

const eventId = new URLSearchParams(location.search).get("id");
const $ = (id) => document.getElementById(id);
const pageMessage = $("page-message");
const checkoutMessage = $("checkout-message");

let event; // catalog view
let layout;
let states; // Uint8Array of state codes per place index
let version = -1;
let indexOf = new Map(); // place id -> index
let placeById = new Map(); // place id -> {category, label}
let colours = new Map();
let stream;
let retryDelay = 1000;
const selection = new Set(); // place indices chosen, not yet held
let hold = null; // {orderId, placeIds, heldUntil}
let countdownTimer;
let statusTimer;
// The event's virtual waiting room: while it is on, holding needs the admission it gives.
const room = new WaitingRoom(eventId, { onChange: () => layout && renderSelection() });

const plan = new SeatPlan($("plan-frame"), $("plan"), $("tooltip"), {
  describe: (i) => describe(i),
  onActivate: (i) => toggle(i),
  onZone: (code) => {
    const input = document.querySelector(`#zones input[data-zone="${code}"]`);
    if (input) input.focus();
  },
  onCursor: (i) => ($("plan-cursor").textContent = describe(i)),
  stageLabel: t("plan.stage"),
});

function categoryOf(code) {
  return layout.categories.find((c) => c.code === code);
}

function priceOf(code) {
  const c = categoryOf(code);
  return c ? c.minPriceCents : 0;
}

function priceText(c) {
  return c.minPriceCents === c.maxPriceCents
    ? formatPrice(c.minPriceCents)
    : `${formatPrice(c.minPriceCents)} – ${formatPrice(c.maxPriceCents)}`;
}

function isMine(i) {
  return hold !== null && hold.indices.has(i);
}

function describe(i) {
  const place = placeById.get(layout.places[i]);
  const parts = [place.label, categoryOf(place.category)?.name, formatPrice(priceOf(place.category))];
  if (place.accessible) parts.push(t("seat.accessible"));
  if (isMine(i)) parts.push(t("seat.heldByMe"));
  else if (selection.has(i)) parts.push(t("seat.mine"));
  else if (states[i] === FREE && plan.accessibleOnly && !place.accessible) parts.push(t("seat.filteredOut"));
  else parts.push(t(["seat.free", "seat.held", "seat.sold", "seat.blocked"][states[i]]));
  return parts.filter(Boolean).join(", ");
}

function indexLayout() {
  indexOf = new Map();
  placeById = new Map();
  layout.places = new Array(layout.placeCount);
  for (const section of layout.sections) {
    for (const row of section.rows) {
      for (const seat of row.seats) {
        indexOf.set(seat.id, seat.i);
        layout.places[seat.i] = seat.id;
        placeById.set(seat.id, {
          category: seat.category,
          accessible: (seat.attributes || []).includes("ACCESSIBLE"),
          label: `${section.name}, ${t("seat.row", { row: row.label })}, ${t("seat.number", { number: seat.number })}`,
        });
      }
    }
  }
  for (const zone of layout.zones) {
    for (let n = 1; n <= zone.capacity; n++) {
      const id = `${zone.code}-${n}`;
      indexOf.set(id, zone.firstIndex + n - 1);
      layout.places[zone.firstIndex + n - 1] = id;
      placeById.set(id, { category: zone.category, accessible: false, label: zone.name });
    }
  }
}

function zoneCounts(zone) {
  let free = 0;
  for (let i = zone.firstIndex; i < zone.firstIndex + zone.capacity; i++) if (states[i] === FREE) free++;
  return { free };
}

function renderEvent() {
  document.title = `${event.title} — Guichet`;
  $("event-title").textContent = event.title;
  $("event-when").replaceChildren(el("time", { datetime: event.startsAt, text: formatDate(event.startsAt) }));
  $("event-venue").textContent = event.venue;
  $("event-state").textContent = t("state." + event.salesState);
  $("event-state").className = "badge " + event.salesState;
  $("event-opens").textContent = event.opensAt && event.salesState !== "ON_SALE" ? t("event.opensAt", { date: formatDate(event.opensAt) }) : "";
  $("event-description").textContent = event.description || "";
  $("event").hidden = false;
  if (event.salesState !== "ON_SALE") showMessage(pageMessage, t("event.notOnSale"), "warning");
}

function renderLegend() {
  const icon = (draw) => el("span", { "aria-hidden": "true", class: "legend-icon" }, draw);
  const svg = (inner) => {
    const holder = document.createElement("span");
    holder.innerHTML = `<svg width="18" height="18" viewBox="-9 -9 18 18" aria-hidden="true" focusable="false">${inner}</svg>`;
    return holder.firstChild;
  };
  const first = colours.values().next().value || "#9c6b00";
  const items = [
    [svg(`<circle r="6" fill="${first}"/>`), t("legend.free")],
    [svg(`<circle r="7" fill="${first}" stroke="#000" stroke-width="2"/><circle r="2.5" fill="#fff"/>`), t("legend.mine")],
    [svg(`<circle r="5.5" fill="#fff" stroke="#5a5a66" stroke-width="2"/>`), t("legend.held")],
    [svg(`<path d="M-5-5L5 5M5-5L-5 5" stroke="#6e6e7a" stroke-width="2"/>`), t("legend.sold")],
    [svg(`<rect x="-6" y="-6" width="12" height="12" fill="${first}"/>`), t("legend.accessible")],
  ];
  const list = items.map(([graphic, text]) => el("li", {}, icon(graphic), text));
  for (const c of layout.categories) {
    list.push(el("li", {}, icon(svg(`<circle r="6" fill="${colours.get(c.code)}"/>`)), `${c.name} (${priceText(c)})`));
  }
  $("legend").replaceChildren(...list);
}

function renderCategories() {
  const free = new Map();
  const capacity = new Map();
  const categoryAt = (i) => placeById.get(layout.places[i]).category;
  for (let i = 0; i < layout.placeCount; i++) {
    const code = categoryAt(i);
    capacity.set(code, (capacity.get(code) || 0) + 1);
    if (states[i] === FREE) free.set(code, (free.get(code) || 0) + 1);
  }
  const rows = layout.categories.map((c) =>
    el(
      "tr",
      { "data-category": c.code },
      el("th", { scope: "row" }, el("span", { class: "swatch", style: `background:${colours.get(c.code)}`, "aria-hidden": "true" }), c.name),
      el("td", { text: priceText(c) }),
      el("td", { class: "free", text: t("event.freeOf", { free: free.get(c.code) || 0, capacity: capacity.get(c.code) || 0 }) })
    )
  );
  $("categories").tBodies[0].replaceChildren(...rows);
  for (const zone of layout.zones) {
    const out = document.querySelector(`#zones [data-zone-free="${zone.code}"]`);
    if (out) out.textContent = t("zones.free", { free: zoneCounts(zone).free, capacity: zone.capacity });
  }
  if (!joinFromFailedHold) offerWaitingList(bestWanted());
}

function renderBooking() {
  const select = $("best-category");
  const seatedCategories = new Set();
  layout.sections.forEach((s) => s.rows.forEach((r) => r.seats.forEach((seat) => seatedCategories.add(seat.category))));
  select.replaceChildren(
    ...layout.categories.filter((c) => seatedCategories.has(c.code)).map((c) => el("option", { value: c.code, text: `${c.name} (${priceText(c)})` }))
  );
  $("best").hidden = select.options.length === 0;
  const zones = $("zones");
  zones.querySelectorAll("form").forEach((f) => f.remove());
  zones.hidden = layout.zones.length === 0;
  for (const zone of layout.zones) {
    const inputId = "zone-quantity-" + zone.code;
    const form = el(
      "form",
      { class: "stack", "data-zone-form": zone.code },
      el("h3", { text: `${zone.name} — ${formatPrice(priceOf(zone.category))}` }),
      el("p", { "data-zone-free": zone.code }),
      el(
        "div",
        { class: "field" },
        el("label", { for: inputId, text: t("zones.quantity", { zone: zone.name }) }),
        el("input", { id: inputId, type: "number", min: "1", max: "100", value: "1", inputmode: "numeric", "data-zone": zone.code })
      ),
      el("button", { type: "submit", text: t("zones.submit", { zone: zone.name }) })
    );
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      const quantity = Number(form.querySelector("input").value);
      requestHold({ zone: zone.code, quantity });
    });
    zones.append(form);
  }
}

function refreshMine() {
  const mine = new Set(selection);
  if (hold) hold.indices.forEach((i) => mine.add(i));
  plan.mine = mine;
  plan.requestDraw();
}

function renderSelection() {
  const list = $("selection");
  const items = [...selection].map((i) => {
    const id = layout.places[i];
    const place = placeById.get(id);
    return el(
      "li",
      { "data-place": id },
      el("span", { text: `${place.label} — ${categoryOf(place.category)?.name} — ${formatPrice(priceOf(place.category))}` }),
      el("button", { type: "button", class: "secondary", "aria-label": t("selection.remove", { seat: place.label }), onclick: () => toggle(i), text: "×" })
    );
  });
  list.replaceChildren(...items);
  const total = [...selection].reduce((sum, i) => sum + priceOf(placeById.get(layout.places[i]).category), 0);
  $("selection-empty").hidden = selection.size > 0;
  $("selection-total").textContent = selection.size ? t("selection.total", { total: formatPrice(total) }) : "";
  const locked = room.locked;
  $("hold").disabled = selection.size === 0 || hold !== null || locked;
  document.querySelectorAll("#best button, #zones button").forEach((b) => (b.disabled = hold !== null || locked));
  $("clear").hidden = selection.size === 0;
  refreshMine();
}

function toggle(i) {
  const label = placeById.get(layout.places[i]).label;
  if (selection.has(i)) {
    selection.delete(i);
    announce(t("seat.unselected", { seat: label, count: selection.size }));
  } else if (hold === null && plan.isPickable(i)) {
    selection.add(i);
    announce(t("seat.selected", { seat: label, count: selection.size }));
  } else {
    announce(t("seat.notFree", { seat: label }));
    return;
  }
  renderSelection();
  $("plan-cursor").textContent = describe(i);
}

// Live availability -------------------------------------------------------------------------

let redrawQueued = false;
function queueRefresh() {
  if (redrawQueued) return;
  redrawQueued = true;
  requestAnimationFrame(() => {
    redrawQueued = false;
    plan.requestDraw();
    renderCategories();
  });
}

function applyChange(change) {
  if (change.version <= version) return;
  version = change.version;
  const code = STATE_CODES[change.state];
  const lost = [];
  for (const id of change.placeIds) {
    const i = indexOf.get(id);
    if (i === undefined) continue;
    states[i] = code;
    if (code !== FREE && selection.has(i)) {
      selection.delete(i);
      lost.push(placeById.get(id).label);
    }
  }
  if (lost.length) {
    renderSelection();
    const message = lost.map((seat) => t("seat.takenLive", { seat })).join(" ");
    showMessage(checkoutMessage, message, "warning");
    announce(message);
  }
  queueRefresh();
}

function connect() {
  if (stream) stream.close();
  stream = new EventSource(`/api/events/${encodeURIComponent(eventId)}/availability/changes?fromVersion=${version}`);
  stream.addEventListener("open", () => {
    retryDelay = 1000;
    $("live-status").textContent = t("live.connected");
    $("plan-frame").dataset.live = "true";
  });
  stream.addEventListener("change", (e) => applyChange(JSON.parse(e.data)));
  stream.addEventListener("reload", () => {
    stream.close();
    loadPlan().then(connect);
  });
  stream.addEventListener("error", () => {
    stream.close();
    $("plan-frame").dataset.live = "false";
    $("live-status").textContent = t("live.reconnecting");
    setTimeout(connect, retryDelay);
    retryDelay = Math.min(retryDelay * 2, 15000);
  });
}

async function loadPlan() {
  const [seatMap, snapshot] = await Promise.all([
    get(`/api/events/${encodeURIComponent(eventId)}/seat-map`),
    get(`/api/events/${encodeURIComponent(eventId)}/availability`),
  ]);
  layout = seatMap;
  colours = categoryColours(layout.categories);
  indexLayout();
  states = new Uint8Array(layout.placeCount);
  for (let i = 0; i < layout.placeCount; i++) states[i] = STATE_CODES[snapshot.states[i]];
  version = snapshot.version;
  for (const i of [...selection]) if (states[i] !== FREE) selection.delete(i);
  plan.load(layout, states, colours, zoneCounts);
  renderLegend();
  renderBooking();
  renderCategories();
  renderSelection();
}

// Holding and checkout ------------------------------------------------------------------------

let pendingKey = null;
let pendingBody = null;

async function requestHold(body) {
  if (!currentActorId()) {
    showMessage(checkoutMessage, t("error.actor-missing"), "error");
    checkoutMessage.append(" ", el("a", { id: "hold-sign-in", href: localHref(signInHref()), text: t("auth.signInLink") }));
    return;
  }
  const same = pendingBody && JSON.stringify(pendingBody) === JSON.stringify(body);
  if (!same) {
    pendingKey = newIdempotencyKey();
    pendingBody = body;
  }
  showMessage(checkoutMessage, t("hold.working"), "info");
  document.querySelectorAll("#booking button").forEach((b) => (b.disabled = true));
  try {
    const key = pendingKey;
    const outcome = await room.guarded(
      (guard) => post(`/api/events/${encodeURIComponent(eventId)}/holds`, body, { headers: { "Idempotency-Key": key, ...guard } }),
      (message) => showMessage(checkoutMessage, message || t("hold.working"), "info")
    );
    pendingKey = pendingBody = null;
    selection.clear();
    showMessage(checkoutMessage, "");
    startCheckout(outcome, true);
  } catch (error) {
    if (error instanceof ApiError) pendingKey = pendingBody = null;
    if (error instanceof ApiError && error.code === "places-not-free") {
      for (const id of error.places) {
        const i = indexOf.get(id);
        if (i !== undefined) {
          selection.delete(i);
          if (states[i] === FREE) states[i] = HELD;
        }
      }
      queueRefresh();
    }
    showMessage(checkoutMessage, errorMessage(error), "error");
    if (error instanceof ApiError && (error.code === "not-enough-places" || error.code === "places-not-free")) {
      const wanted = wantedFrom(body);
      if (wanted) {
        joinFromFailedHold = true;
        offerWaitingList(wanted);
      }
    }
  } finally {
    document.querySelectorAll("#booking button").forEach((b) => (b.disabled = false));
    renderSelection();
  }
}

function startCheckout(outcome, moveFocus) {
  hold = {
    orderId: outcome.orderId,
    placeIds: outcome.placeIds,
    heldUntil: Date.parse(outcome.heldUntil),
    indices: new Set(outcome.placeIds.map((id) => indexOf.get(id)).filter((i) => i !== undefined)),
  };
  const checkout = $("checkout");
  $("checkout-order").textContent = t("checkout.order", { id: outcome.orderId });
  $("held-places").replaceChildren(
    ...outcome.placeIds.map((id) => {
      const place = placeById.get(id);
      return el("li", { "data-place": id }, `${place.label} — ${categoryOf(place.category)?.name} — ${formatPrice(priceOf(place.category))}`);
    })
  );
  const total = outcome.placeIds.reduce((sum, id) => sum + priceOf(placeById.get(id).category), 0);
  $("held-total").textContent = t("selection.total", { total: formatPrice(total) });
  $("checkout-status").textContent = t("checkout.awaiting");
  $("go-pay").href = localHref("/checkout.html?order=" + encodeURIComponent(outcome.orderId));
  $("release").disabled = false;
  checkout.hidden = false;
  $("waitlist-join").hidden = true;
  renderSelection();
  tick();
  clearInterval(countdownTimer);
  countdownTimer = setInterval(tick, 1000);
  clearInterval(statusTimer);
  statusTimer = setInterval(checkOrder, 5000);
  if (moveFocus) checkout.focus();
}

let lastAnnounced = null;
function tick() {
  if (!hold) return;
  const left = Math.max(0, Math.ceil((hold.heldUntil - serverNow()) / 1000));
  const min = Math.floor(left / 60);
  const sec = left % 60;
  const countdown = $("countdown");
  countdown.textContent = `${String(min).padStart(2, "0")}:${String(sec).padStart(2, "0")}`;
  countdown.setAttribute("aria-label", t("checkout.countdown", { min, sec }));
  countdown.classList.toggle("urgent", left <= 60);
  let message = null;
  if (sec === 0 && min > 0 && lastAnnounced !== left) message = t("checkout.announce", { min });
  else if ((left === 30 || left === 10) && lastAnnounced !== left) message = t("checkout.announceSeconds", { sec: left });
  if (message) {
    lastAnnounced = left;
    announce(message);
  }
  if (left === 0) endCheckout(t("checkout.expired"), "error");
}

function endCheckout(message, kind) {
  clearInterval(countdownTimer);
  clearInterval(statusTimer);
  if (hold) {
    for (const i of hold.indices) if (states[i] === HELD && kind !== "ok") states[i] = FREE;
  }
  hold = null;
  $("checkout").hidden = true;
  showMessage(checkoutMessage, message, kind);
  checkoutMessage.tabIndex = -1;
  checkoutMessage.focus();
  renderSelection();
  queueRefresh();
}

async function checkOrder() {
  if (!hold) return;
  try {
    const order = await get(`/api/orders/${encodeURIComponent(hold.orderId)}`);
    if (order.status === "CONFIRMED") {
      for (const i of hold.indices) states[i] = SOLD;
      endCheckout(t("checkout.confirmed"), "ok");
    } else if (order.status === "EXPIRED") endCheckout(t("checkout.expired"), "error");
    else if (order.status === "CANCELLED") endCheckout(t("checkout.released"), "info");
  } catch (error) {
    // The orders view may not have caught up with a hold made a moment ago.
  }
}

async function release() {
  if (!hold) return;
  $("release").disabled = true;
  try {
    await post(`/api/events/${encodeURIComponent(eventId)}/holds/${encodeURIComponent(hold.orderId)}/release`);
    endCheckout(t("checkout.released"), "info");
  } catch (error) {
    $("release").disabled = false;
    showMessage(checkoutMessage, errorMessage(error), "error");
  }
}

async function resumeHold() {
  const actor = currentActorId();
  if (!actor) return;
  try {
    const page = await get(
      `/api/orders?customerId=${encodeURIComponent(actor)}&eventId=${encodeURIComponent(eventId)}&status=AWAITING_PAYMENT&size=5`
    );
    const open = page.items.find((o) => Date.parse(o.heldUntil) > serverNow());
    if (open && !hold) startCheckout({ orderId: open.orderId, placeIds: open.placeIds, heldUntil: open.heldUntil }, false);
  } catch (error) {
    // Nothing to resume.
  }
}

// Waiting list -------------------------------------------------------------------------------

let waitlistCandidate = null; // {kind, area, quantity, accessibleOnly}: what the join button asks for
let joinFromFailedHold = false; // the candidate came from a refused hold, not from the counts
let waitlistEntry = null; // the buyer's place on the list, as GET …/waiting-list/me answers
let waitlistTimer;
let waitlistKey = null;
let offerAnnounced = null;
const WAITLIST_REFRESH_MS = 12000;
const payBefore = new Intl.DateTimeFormat(lang === "en" ? "en-GB" : "fr-FR", {
  hour: "2-digit",
  minute: "2-digit",
  timeZone: "Europe/Paris",
});

function areaName(kind, area) {
  if (kind === "STANDING") return layout.zones.find((z) => z.code === area)?.name || area;
  return categoryOf(area)?.name || area;
}

function freeIn(kind, area, accessibleOnly) {
  if (kind === "STANDING") {
    const zone = layout.zones.find((z) => z.code === area);
    return zone ? zoneCounts(zone).free : 0;
  }
  let free = 0;
  for (const section of layout.sections) {
    for (const row of section.rows) {
      for (const seat of row.seats) {
        if (seat.category !== area || states[seat.i] !== FREE) continue;
        if (accessibleOnly && !(seat.attributes || []).includes("ACCESSIBLE")) continue;
        free++;
      }
    }
  }
  return free;
}

/** What a refused hold asked for, as a waiting-list request (specific seats: their category). */
function wantedFrom(body) {
  if (body.zone) return { kind: "STANDING", area: body.zone, quantity: body.quantity, accessibleOnly: false };
  if (body.category) {
    return { kind: "BEST_AVAILABLE", area: body.category, quantity: body.quantity, accessibleOnly: !!body.accessibleOnly };
  }
  if (body.placeIds && body.placeIds.length) {
    const category = placeById.get(body.placeIds[0])?.category;
    if (category && freeIn("BEST_AVAILABLE", category, false) < body.placeIds.length) {
      return { kind: "BEST_AVAILABLE", area: category, quantity: body.placeIds.length, accessibleOnly: false };
    }
  }
  return null;
}

/** The category chosen in "best places", when it has fewer free places than asked for. */
function bestWanted() {
  const area = $("best-category").value;
  const quantity = Number($("best-quantity").value) || 1;
  const accessibleOnly = $("best-accessible").checked;
  if (!area || !layout || freeIn("BEST_AVAILABLE", area, accessibleOnly) >= quantity) return null;
  return { kind: "BEST_AVAILABLE", area, quantity, accessibleOnly };
}

function onTheList() {
  return waitlistEntry !== null && (waitlistEntry.status === "WAITING" || waitlistEntry.status === "OFFERED");
}

/** Shows (or hides, for null) the invitation to join the list for {@code wanted}. */
function offerWaitingList(wanted) {
  if (onTheList() || !event || event.salesState !== "ON_SALE") return;
  waitlistCandidate = wanted;
  const show = wanted !== null && hold === null;
  $("waitlist-join").hidden = !show;
  if (show) {
    const params = { area: areaName(wanted.kind, wanted.area), quantity: wanted.quantity };
    $("waitlist-join-text").textContent = t("waitlist.none", params);
    $("join-waitlist").textContent = t("waitlist.joinFor", params);
  }
  $("waitlist").hidden = !show && $("waitlist-message").hidden;
}

/** The join request: the same choice as a hold's (a category or a standing zone, and how many). */
function joinRequest(wanted) {
  return wanted.kind === "STANDING"
    ? { zone: wanted.area, quantity: wanted.quantity, locale: lang }
    : { category: wanted.area, quantity: wanted.quantity, accessibleOnly: wanted.accessibleOnly, locale: lang };
}

async function joinWaitingList() {
  if (!waitlistCandidate) return;
  if (!currentActorId()) {
    showMessage($("waitlist-message"), t("error.actor-missing"), "error");
    $("waitlist-message").append(" ", el("a", { href: localHref(signInHref()), text: t("auth.signInLink") }));
    return;
  }
  waitlistKey = waitlistKey || newIdempotencyKey();
  $("join-waitlist").disabled = true;
  showMessage($("waitlist-message"), t("waitlist.joining"), "info");
  try {
    const key = waitlistKey;
    const place = await room.guarded(
      (guard) =>
        post(`/api/events/${encodeURIComponent(eventId)}/waiting-list`, joinRequest(waitlistCandidate), {
          headers: { "Idempotency-Key": key, ...guard },
        }),
      (message) => showMessage($("waitlist-message"), message || t("waitlist.joining"), "info")
    );
    waitlistKey = null;
    joinFromFailedHold = false;
    showMessage(checkoutMessage, "");
    showMessage($("waitlist-message"), t("waitlist.joined"), "ok");
    showWaitingList({ ...place, waiting: place.position }, true);
    refreshWaitingList();
  } catch (error) {
    if (error instanceof ApiError) waitlistKey = null;
    showMessage($("waitlist-message"), errorMessage(error), "error");
  } finally {
    $("join-waitlist").disabled = false;
  }
}

async function leaveWaitingList() {
  $("leave-waitlist").disabled = true;
  try {
    await post(`/api/events/${encodeURIComponent(eventId)}/waiting-list/leave`);
    stopWaitingList(t("waitlist.left"), "info");
  } catch (error) {
    showMessage($("waitlist-message"), errorMessage(error), "error");
  } finally {
    $("leave-waitlist").disabled = false;
  }
}

function stopWaitingList(message, kind) {
  clearInterval(waitlistTimer);
  waitlistTimer = null;
  waitlistEntry = null;
  $("waitlist-state").hidden = true;
  showMessage($("waitlist-message"), message, kind);
  $("waitlist").hidden = !message;
  offerWaitingList(bestWanted());
}

/** Renders the buyer's place; {@code moveFocus} after they joined. */
function showWaitingList(entry, moveFocus) {
  waitlistEntry = entry;
  const section = $("waitlist");
  section.hidden = false;
  $("waitlist-join").hidden = true;
  $("waitlist-state").hidden = false;
  const wanted = entry.wanted || {};
  const area = areaName(wanted.kind, wanted.area);
  if (entry.status === "WAITING") {
    $("waitlist-offer").hidden = true;
    $("leave-waitlist").hidden = false;
    $("waitlist-position").textContent = t("waitlist.position", {
      position: entry.position,
      ahead: Math.max(0, entry.position - 1),
      waiting: Math.max(entry.waiting ?? 0, entry.position),
      quantity: wanted.quantity,
      area,
    });
  } else if (entry.status === "OFFERED") {
    $("leave-waitlist").hidden = true;
    const until = Date.parse(entry.heldUntil);
    if (until > serverNow()) {
      const link = $("waitlist-pay");
      link.textContent = t("waitlist.pay", { time: payBefore.format(new Date(until)) });
      link.href = localHref("/checkout.html?order=" + encodeURIComponent(entry.orderId));
      $("waitlist-offer").hidden = false;
      $("waitlist-position").textContent = t("waitlist.offered");
      if (offerAnnounced !== entry.orderId) {
        offerAnnounced = entry.orderId;
        announce(t("waitlist.offered") + " " + link.textContent);
        if (!hold) resumeHold();
      }
    } else {
      $("waitlist-offer").hidden = true;
      $("waitlist-position").textContent = t("waitlist.offerEnded");
      clearInterval(waitlistTimer);
      waitlistTimer = null;
    }
  } else {
    const message = { CLOSED: "waitlist.closed", CUSTOMER_LIMIT: "waitlist.customerLimit", LEFT: "waitlist.left" }[entry.status];
    stopWaitingList(message ? t(message) : "", "info");
    return;
  }
  if (!waitlistTimer && (entry.status === "WAITING" || entry.status === "OFFERED")) {
    waitlistTimer = setInterval(refreshWaitingList, WAITLIST_REFRESH_MS);
  }
  if (moveFocus) section.focus();
}

async function refreshWaitingList() {
  if (!currentActorId()) return;
  try {
    const entry = await get(`/api/events/${encodeURIComponent(eventId)}/waiting-list/me`);
    showWaitingList(entry, false);
  } catch (error) {
    // 404 until the view has the buyer who just joined; a network hiccup: the next refresh.
  }
}

/** On load (or once signed in): a buyer already on the list sees where they stand. */
async function resumeWaitingList() {
  if (!currentActorId()) return;
  try {
    const entry = await get(`/api/events/${encodeURIComponent(eventId)}/waiting-list/me`);
    if (entry.status === "WAITING" || entry.status === "OFFERED") showWaitingList(entry, false);
  } catch (error) {
    // Not on the list.
  }
}

// Wiring ---------------------------------------------------------------------------------------

$("zoom-in").addEventListener("click", () => plan.zoomBy(1.4));
$("zoom-out").addEventListener("click", () => plan.zoomBy(1 / 1.4));
$("zoom-reset").addEventListener("click", () => plan.fit());
$("accessible-only").addEventListener("change", (e) => {
  plan.setAccessibleOnly(e.target.checked);
  $("best-accessible").checked = e.target.checked;
});
$("hold").addEventListener("click", () => requestHold({ placeIds: [...selection].map((i) => layout.places[i]) }));
$("clear").addEventListener("click", () => {
  selection.clear();
  renderSelection();
});
$("best").addEventListener("submit", (e) => {
  e.preventDefault();
  const data = new FormData(e.target);
  requestHold({ category: data.get("category"), quantity: Number(data.get("quantity")), accessibleOnly: data.get("accessibleOnly") === "on" });
});
$("release").addEventListener("click", release);
$("join-waitlist").addEventListener("click", joinWaitingList);
$("leave-waitlist").addEventListener("click", leaveWaitingList);
$("best-category").addEventListener("change", () => {
  joinFromFailedHold = false;
  offerWaitingList(bestWanted());
});
$("best-quantity").addEventListener("change", () => {
  joinFromFailedHold = false;
  offerWaitingList(bestWanted());
});
document.addEventListener("guichet:actor", () => {
  if (hold) endCheckout("", "info");
  room.start().then(() => layout && renderSelection());
  resumeHold();
  resumeWaitingList();
});
$("back").href = localHref("/");

async function main() {
  if (!eventId) {
    showMessage(pageMessage, t("event.notFound"), "error");
    return;
  }
  try {
    event = await get(`/api/events/${encodeURIComponent(eventId)}`);
  } catch (error) {
    showMessage(pageMessage, error instanceof ApiError && error.status === 404 ? t("event.notFound") : errorMessage(error), "error");
    return;
  }
  renderEvent();
  try {
    await room.start();
    await loadPlan();
    connect();
    await resumeHold();
    await resumeWaitingList();
  } catch (error) {
    showMessage(pageMessage, errorMessage(error), "error");
  }
}

window.guichetWaitingRoom = room;
window.guichetWaitingList = { refresh: () => refreshWaitingList() };
window.guichetPlan = {
  plan,
  indexOf: (id) => indexOf.get(id),
  stateOf: (id) => states[indexOf.get(id)],
  version: () => version,
};
main();
