// Helpers shared by the box office's and the director's pages.
import { get } from "../api.js";
import { t } from "../i18n.js";
import { el } from "../shell.js";

export const $ = (id) => document.getElementById(id);

/** The event's configuration from the staff view (query side). */
export function loadSetup(eventId) {
  return get(`/api/event-setups/${encodeURIComponent(eventId)}`);
}

/**
 * Commands are applied on the command side and reach the views a moment later: polls the event's
 * configuration until {@code done(setup)} holds (or 15 s pass) and returns the last one read.
 */
export async function awaitSetup(eventId, done, timeoutMs = 15000) {
  const until = Date.now() + timeoutMs;
  let setup = null;
  for (;;) {
    try {
      setup = await loadSetup(eventId);
      if (done(setup)) return setup;
    } catch (e) {
      if (!(e && e.status === 404)) throw e;
    }
    if (Date.now() > until) return setup;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

export function stageBadge(stage) {
  return el("span", { class: "badge stage-" + stage, "data-stage": stage, text: t("stage." + stage) });
}

/** ISO instant to the value of an <input type="datetime-local"> in the browser's time zone. */
export function toLocalInput(iso) {
  if (!iso) return "";
  const d = new Date(iso);
  const pad = (n) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** The value of an <input type="datetime-local"> (local time) to an ISO instant. */
export function fromLocalInput(value) {
  return value ? new Date(value).toISOString() : null;
}

/** "1 h 05 min" / "12 min 30 s" / "45 s" */
export function formatSeconds(total) {
  if (total === null || total === undefined) return "";
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = Math.floor(total % 60);
  if (h) return t("duration.hm", { h, m: String(m).padStart(2, "0") });
  if (m) return t("duration.ms", { m, s: String(s).padStart(2, "0") });
  return t("duration.s", { s });
}

export function formatPercent(rate) {
  return new Intl.NumberFormat(document.documentElement.lang === "en" ? "en-GB" : "fr-FR", {
    style: "percent",
    maximumFractionDigits: 1,
  }).format(rate || 0);
}

/** Puts a busy state on a button while {@code work} runs. */
export async function busy(button, work) {
  button.disabled = true;
  button.setAttribute("aria-busy", "true");
  try {
    return await work();
  } finally {
    button.disabled = false;
    button.removeAttribute("aria-busy");
  }
}

/** Minutes of an ISO-8601 duration such as PT10M or PT1H30M (at least 1). */
export function holdMinutes(iso) {
  const m = /^PT(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?$/.exec(iso || "");
  if (!m) return 10;
  return Math.max(1, Math.round((Number(m[1] || 0) * 3600 + Number(m[2] || 0) * 60 + Number(m[3] || 0)) / 60));
}
