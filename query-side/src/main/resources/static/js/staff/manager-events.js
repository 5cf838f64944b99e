// The box office's list of events by stage, and the form drafting a new one.
import { get, newIdempotencyKey, post } from "../api.js";
import { formatShortDate, localHref, t } from "../i18n.js";
import { el, errorMessage, requireRole, showMessage, startPage } from "../shell.js";
import { $, busy, fromLocalInput, stageBadge } from "./common.js";
import "./messages.js";

const STAGES = ["DRAFT", "AWAITING_APPROVAL", "APPROVED", "ON_SALE", "PAUSED", "CLOSED"];

startPage("manager-events");
if (requireRole("MANAGER")) {
  load();
  bindCreate();
}

async function load() {
  try {
    const page = await get("/api/event-setups?size=100");
    const byStage = new Map(STAGES.map((s) => [s, []]));
    page.items.forEach((e) => byStage.get(e.stage).push(e));
    const sections = [];
    for (const stage of STAGES) {
      const items = byStage.get(stage);
      if (!items.length) continue;
      const id = "stage-" + stage;
      sections.push(
        el(
          "section",
          { class: "stage-group", "aria-labelledby": id, "data-stage-group": stage },
          el("h3", { id, text: `${t("stages." + stage)} (${items.length})` }),
          table(items)
        )
      );
    }
    $("events").replaceChildren(...sections);
    $("events-count").textContent = page.total ? t("manager.events.count", { n: page.total }) : t("manager.events.none");
  } catch (error) {
    showMessage($("page-message"), errorMessage(error), "error");
  }
}

function table(items) {
  return el(
    "div",
    { class: "table-scroll" },
    el(
      "table",
      {},
      el(
        "thead",
        {},
        el(
          "tr",
          {},
          el("th", { scope: "col", text: t("col.event") }),
          el("th", { scope: "col", text: t("col.date") }),
          el("th", { scope: "col", text: t("col.venue") }),
          el("th", { scope: "col", text: t("col.capacity") }),
          el("th", { scope: "col", text: t("col.stage") })
        )
      ),
      el(
        "tbody",
        {},
        items.map((e) =>
          el(
            "tr",
            { "data-event": e.eventId },
            el("th", { scope: "row" }, el("a", { href: localHref("/manager/event.html?id=" + encodeURIComponent(e.eventId)), text: e.title })),
            el("td", {}, el("time", { datetime: e.startsAt, text: formatShortDate(e.startsAt) })),
            el("td", { text: e.venue }),
            el("td", { class: "num", text: String(e.capacity) }),
            el(
              "td",
              {},
              stageBadge(e.stage),
              e.rejectionReason ? el("span", { class: "note", text: " " + t("manager.rejected", { reason: e.rejectionReason }) }) : null
            )
          )
        )
      )
    )
  );
}

function bindCreate() {
  const form = $("create");
  const box = $("create-message");
  const key = newIdempotencyKey();
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const fields = ["create-title-input", "create-venue", "create-starts"].map($);
    const missing = fields.filter((f) => !f.value.trim());
    fields.forEach((f) => f.toggleAttribute("aria-invalid", missing.includes(f)));
    if (missing.length) {
      showMessage(box, t("form.missing"), "error");
      missing[0].focus();
      return;
    }
    const body = {
      title: $("create-title-input").value.trim(),
      venue: $("create-venue").value.trim(),
      startsAt: fromLocalInput($("create-starts").value),
      description: $("create-description").value.trim(),
    };
    await busy(form.querySelector("button[type=submit]"), async () => {
      try {
        const created = await post("/api/events", body, { headers: { "Idempotency-Key": key } });
        showMessage(box, t("manager.create.done"), "ok");
        location.href = localHref("/manager/event.html?id=" + encodeURIComponent(created.eventId) + "&created=1");
      } catch (error) {
        showMessage(box, errorMessage(error), "error");
      }
    });
  });
}
