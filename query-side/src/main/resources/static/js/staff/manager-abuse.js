// Anti-scalping for the box office: the abuse signals the platform recorded (for one event or all),
// the accounts blocked now, and blocking (with a reason) or unblocking an account. Managers and
// directors decide; auditors read the same lists without the actions.
import { get, request } from "../api.js";
import { currentRole } from "../auth.js";
import { formatShortDate, lang, localHref, locale, t } from "../i18n.js";
import { announce, el, errorMessage, requireRole, showMessage, startPage } from "../shell.js";
import { $, busy, fromLocalInput, toLocalInput } from "./common.js";
import "./messages.js";

const READERS = ["MANAGER", "DIRECTOR", "AUDITOR"];
const DECIDERS = ["MANAGER", "DIRECTOR"];
const REFRESH_MS = 15000;

const when = new Intl.DateTimeFormat(locale, { dateStyle: "short", timeStyle: "medium" });
const clock = new Intl.DateTimeFormat(locale, { timeStyle: "medium" });

let eventId = new URLSearchParams(location.search).get("eventId") || "";
let canDecide = false;
let blockedIds = new Set();

startPage("manager-abuse");
if (requireRole(READERS)) start();

async function start() {
  canDecide = DECIDERS.includes(currentRole());
  document.querySelectorAll(".decider-only").forEach((node) => (node.hidden = !canDecide));
  $("read-only").hidden = canDecide;
  $("filter").addEventListener("submit", (e) => {
    e.preventDefault();
    chooseEvent($("event-id").value);
  });
  $("refresh").addEventListener("click", () => busy($("refresh"), () => load()));
  $("block-form").addEventListener("submit", blockFromForm);
  $("room-form").hidden = currentRole() !== "MANAGER";
  $("room-form").addEventListener("submit", saveRoom);
  await listEvents();
  showEventLink();
  await load();
  await loadRoom(true);
  setInterval(() => {
    if (!document.hidden && !editing()) {
      load();
      loadRoom(false);
    }
  }, REFRESH_MS);
}

/** Whether the person is typing a reason or has focus in a list (a refresh would move it). */
function editing() {
  const active = document.activeElement;
  return (
    document.querySelector("#signals form, #blocked form") !== null ||
    (active &&
      (active.closest("#signals") || active.closest("#blocked") || active.closest("#block-form") || active.closest("#room-form")))
  );
}

async function listEvents() {
  const select = $("event-id");
  try {
    const page = await get("/api/event-setups?size=100");
    select.append(...page.items.map((e) => el("option", { value: e.eventId, text: `${e.title} — ${formatShortDate(e.startsAt)}` })));
  } catch (error) {
    showMessage($("abuse-message"), errorMessage(error), "error");
  }
  if (eventId && ![...select.options].some((o) => o.value === eventId)) {
    select.append(el("option", { value: eventId, text: eventId }));
  }
  select.value = eventId;
}

function showEventLink() {
  // The event's page is the manager's; the others come from the navigation.
  const shown = Boolean(eventId) && currentRole() === "MANAGER";
  $("back-to-event").hidden = !shown;
  if (shown) $("event-link").href = localHref("/manager/event.html?id=" + encodeURIComponent(eventId));
}

function chooseEvent(id) {
  eventId = id;
  const url = new URL(location.href);
  if (id) url.searchParams.set("eventId", id);
  else url.searchParams.delete("eventId");
  history.replaceState(null, "", url.pathname + url.search);
  showEventLink();
  load();
  loadRoom(true);
}

async function load() {
  const query = new URLSearchParams({ limit: "500" });
  if (eventId) query.set("eventId", eventId);
  try {
    const [signals, blocked] = await Promise.all([get(`/api/abuse-signals?${query}`), get("/api/blocked-accounts?limit=500")]);
    blockedIds = new Set(blocked.map((b) => b.accountId));
    renderSignals(signals);
    renderBlocked(blocked);
    $("updated").textContent = t("abuse.updated", { time: clock.format(new Date()) });
  } catch (error) {
    showMessage($("abuse-message"), errorMessage(error), "error");
  }
}

// ---- signals ---------------------------------------------------------------------------------

/** One row per kind and subject (the API gives the newest first): last seen, how many times. */
function group(signals) {
  const rows = new Map();
  for (const signal of signals) {
    const key = signal.kind + "|" + signal.subject;
    const row = rows.get(key);
    if (row) row.count += 1;
    else rows.set(key, { ...signal, count: 1 });
  }
  return [...rows.values()];
}

function renderSignals(signals) {
  const rows = group(signals);
  const table = $("signals");
  table.tBodies[0].replaceChildren(...rows.map(signalRow));
  table.hidden = rows.length === 0;
  $("signals-count").textContent = rows.length
    ? t("abuse.signalsCount", { n: signals.length, subjects: rows.length })
    : t(eventId ? "abuse.noSignalsForEvent" : "abuse.noSignals");
}

function kindLabel(kind) {
  const key = "abuse.kind." + kind;
  const text = t(key);
  return text === key ? kind : text;
}

function cell(labelKey, attrs, ...children) {
  return el("td", { "data-label": t(labelKey), ...attrs }, ...children);
}

function signalRow(signal) {
  const action = el("td", { class: "row-actions", "data-label": t("abuse.col.action") });
  renderSignalAction(signal, action);
  return el(
    "tr",
    { "data-kind": signal.kind, "data-subject": signal.subject },
    el("th", { scope: "row", "data-label": t("abuse.col.kind") }, el("span", { class: "badge abuse-kind", text: kindLabel(signal.kind) })),
    cell("abuse.col.subject", {}, el("span", { class: "hint", text: t("abuse.subject." + (signal.subjectType || "account")) + " " }), el("code", { class: "subject", text: signal.subject })),
    cell("abuse.col.when", {}, el("time", { datetime: signal.observedAt, text: when.format(new Date(signal.observedAt)) })),
    cell("abuse.col.count", { class: "num" }, String(signal.count)),
    // The monitor writes its details in English.
    cell("abuse.col.detail", { class: "detail" }, el("span", { lang: lang === "en" ? null : "en", text: signal.detail })),
    canDecide ? action : null
  );
}

function renderSignalAction(signal, action) {
  if ((signal.subjectType || "account") !== "account") {
    action.replaceChildren(el("span", { class: "hint", text: t("abuse.notAnAccount") }));
  } else if (blockedIds.has(signal.subject)) {
    action.replaceChildren(el("span", { class: "badge blocked-badge", "data-blocked": signal.subject, text: t("abuse.isBlocked") }));
  } else {
    const button = el("button", {
      type: "button",
      class: "secondary danger small",
      "data-block": signal.subject,
      "aria-label": t("abuse.blockLabel", { account: signal.subject }),
      text: t("abuse.block"),
    });
    button.addEventListener("click", () => openBlock(signal, action));
    action.replaceChildren(button);
  }
}

function openBlock(signal, action) {
  const id = "reason-" + cssId(signal.kind + "-" + signal.subject);
  const reason = el("input", { id, required: true, maxlength: "500", autocomplete: "off", "aria-describedby": id + "-help" });
  reason.value = t("abuse.suggestedReason", { kind: kindLabel(signal.kind) });
  const confirm = el("button", { type: "submit", class: "danger small", text: t("abuse.confirmBlock") });
  const back = el("button", { type: "button", class: "secondary small", text: t("abuse.cancel") });
  const form = el(
    "form",
    { class: "stack inline-form", novalidate: true, "data-block-form": signal.subject },
    el("label", { for: id, text: t("abuse.reasonFor", { account: signal.subject }) }),
    reason,
    el("p", { id: id + "-help", class: "hint", text: t("abuse.blockHelp") }),
    el("div", { class: "actions" }, confirm, back)
  );
  back.addEventListener("click", () => {
    renderSignalAction(signal, action);
    action.querySelector("button")?.focus();
  });
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    await block(signal.subject, reason, confirm);
  });
  action.replaceChildren(form);
  reason.focus();
  reason.select();
}

async function block(accountId, reasonField, button) {
  const reason = reasonField.value.trim();
  if (!reason) {
    reasonField.setAttribute("aria-invalid", "true");
    showMessage($("abuse-message"), t("abuse.reasonMissing"), "error");
    reasonField.focus();
    return false;
  }
  reasonField.removeAttribute("aria-invalid");
  return busy(button, async () => {
    try {
      await request("PUT", `/api/blocked-accounts/${encodeURIComponent(accountId)}`, { body: { reason } });
      const message = t("abuse.blocked.done", { account: accountId });
      showMessage($("abuse-message"), message, "ok");
      announce(message);
      await load();
      focusBlockedRow(accountId);
      return true;
    } catch (error) {
      const message = error.status === 404 ? t("abuse.unknownAccount", { account: accountId }) : errorMessage(error);
      showMessage($("abuse-message"), message, "error");
      return false;
    }
  });
}

async function blockFromForm(e) {
  e.preventDefault();
  const account = $("block-account");
  const accountId = account.value.trim();
  account.toggleAttribute("aria-invalid", !accountId);
  if (!accountId) {
    showMessage($("abuse-message"), t("abuse.accountMissing"), "error");
    account.focus();
    return;
  }
  if (await block(accountId, $("block-reason"), $("block-form").querySelector("button[type=submit]"))) {
    $("block-form").reset();
  }
}

// ---- blocked accounts ------------------------------------------------------------------------

function renderBlocked(blocked) {
  const table = $("blocked");
  table.tBodies[0].replaceChildren(...blocked.map(blockedRow));
  table.hidden = blocked.length === 0;
  $("blocked-count").textContent = blocked.length ? t("abuse.blockedCount", { n: blocked.length }) : t("abuse.noneBlocked");
}

function blockedRow(block) {
  const action = el("td", { class: "row-actions", "data-label": t("abuse.col.action") });
  renderUnblockButton(block, action);
  return el(
    "tr",
    { "data-account": block.accountId },
    el("th", { scope: "row", tabindex: "-1", "data-label": t("abuse.col.account") }, el("code", { class: "subject", text: block.accountId })),
    cell("abuse.col.reason", { class: "reason" }, block.reason),
    cell("abuse.col.by", {}, block.blockedBy || "—"),
    cell("abuse.col.since", {}, el("time", { datetime: block.blockedAt, text: when.format(new Date(block.blockedAt)) })),
    canDecide ? action : null
  );
}

function renderUnblockButton(block, action) {
  const button = el("button", {
    type: "button",
    class: "secondary small",
    "data-unblock": block.accountId,
    "aria-label": t("abuse.unblockLabel", { account: block.accountId }),
    text: t("abuse.unblock"),
  });
  button.addEventListener("click", () => openUnblock(block, action));
  action.replaceChildren(button);
}

function openUnblock(block, action) {
  const id = "unblock-reason-" + cssId(block.accountId);
  const reason = el("input", { id, maxlength: "500", autocomplete: "off" });
  const confirm = el("button", { type: "submit", class: "small", text: t("abuse.confirmUnblock") });
  const back = el("button", { type: "button", class: "secondary small", text: t("abuse.cancel") });
  const form = el(
    "form",
    { class: "stack inline-form", novalidate: true, "data-unblock-form": block.accountId },
    el("label", { for: id, text: t("abuse.unblockReason", { account: block.accountId }) }),
    reason,
    el("div", { class: "actions" }, confirm, back)
  );
  back.addEventListener("click", () => {
    renderUnblockButton(block, action);
    action.querySelector("button").focus();
  });
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    await busy(confirm, async () => {
      const query = reason.value.trim() ? "?reason=" + encodeURIComponent(reason.value.trim()) : "";
      try {
        await request("DELETE", `/api/blocked-accounts/${encodeURIComponent(block.accountId)}${query}`);
        const message = t("abuse.unblocked.done", { account: block.accountId });
        showMessage($("abuse-message"), message, "ok");
        announce(message);
        await load();
        $("blocked-title").focus();
      } catch (error) {
        showMessage($("abuse-message"), errorMessage(error), "error");
      }
    });
  });
  action.replaceChildren(form);
  reason.focus();
}

function focusBlockedRow(accountId) {
  const row = [...$("blocked").tBodies[0].rows].find((r) => r.dataset.account === accountId);
  if (row) row.querySelector("th").focus();
}

function cssId(text) {
  return text.replace(/[^A-Za-z0-9_-]/g, "_");
}

// ---- waiting room and proof-of-work challenge (one event) ------------------------------------

async function loadRoom(fillForm) {
  $("room-section").hidden = !eventId;
  if (!eventId) return;
  try {
    const room = await get(`/api/events/${encodeURIComponent(eventId)}/waiting-room`);
    renderRoom(room);
    if (fillForm) fillRoomForm(room.settings);
  } catch (error) {
    showMessage($("room-message"), errorMessage(error), "error");
  }
}

function renderRoom(room) {
  const number = new Intl.NumberFormat(locale);
  const kpi = (key, value, name) => [el("div", { class: "kpi", "data-kpi": name }, el("dt", { text: t(key) }), el("dd", { text: value }))];
  const s = room.settings;
  $("room-state").replaceChildren(
    ...kpi("room.state", t(s.enabled ? (room.open ? "room.state.open" : "room.state.preQueue") : "room.state.off"), "state"),
    ...kpi("room.waiting", number.format(room.waiting), "waiting"),
    ...kpi("room.preQueued", number.format(room.preQueued), "pre-queued"),
    ...kpi("room.admitted", number.format(room.admitted), "admitted"),
    ...kpi("room.dropped", number.format(room.dropped), "dropped"),
    ...kpi("room.effectiveRate", s.enabled ? t("room.effectiveRateValue", { rate: number.format(room.effectiveAdmitPerMinute ?? s.admitPerMinute), configured: number.format(s.admitPerMinute) }) : "–", "effective-rate"),
    ...kpi("room.adjustedFor", t("room.adjusted." + (room.admissionAdjustedFor || "steady")), "adjusted-for"),
    ...kpi("room.currentDifficulty", s.challengeRequired ? number.format(s.challengeDifficulty) : t("room.challengeOff"), "difficulty")
  );
}

function fillRoomForm(settings) {
  $("room-enabled").checked = settings.enabled;
  $("room-rate").value = settings.admitPerMinute;
  $("room-opens").value = toLocalInput(settings.opensAt);
  $("room-grace").value = settings.graceSeconds;
  $("room-challenge").checked = settings.challengeRequired;
  $("room-difficulty").value = settings.challengeDifficulty;
}

async function saveRoom(e) {
  e.preventDefault();
  const fields = [$("room-rate"), $("room-grace"), $("room-difficulty")];
  const wrong = fields.filter((f) => !f.value || !f.checkValidity());
  fields.forEach((f) => f.toggleAttribute("aria-invalid", wrong.includes(f)));
  if (wrong.length) {
    showMessage($("room-message"), t("room.invalid"), "error");
    wrong[0].focus();
    return;
  }
  const body = {
    enabled: $("room-enabled").checked,
    admitPerMinute: Number($("room-rate").value),
    opensAt: fromLocalInput($("room-opens").value),
    graceSeconds: Number($("room-grace").value),
    challengeRequired: $("room-challenge").checked,
    challengeDifficulty: Number($("room-difficulty").value),
  };
  await busy($("room-form").querySelector("button[type=submit]"), async () => {
    try {
      const room = await request("PUT", `/api/events/${encodeURIComponent(eventId)}/waiting-room`, { body });
      renderRoom(room);
      fillRoomForm(room.settings);
      const message = t("room.saved", { difficulty: new Intl.NumberFormat(locale).format(room.settings.challengeDifficulty) });
      showMessage($("room-message"), message, "ok");
      announce(message);
    } catch (error) {
      showMessage($("room-message"), errorMessage(error), "error");
    }
  });
}
