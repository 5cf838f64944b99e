// One event for the box office: details, the seating-plan builder with its live preview, sales
// settings, submission and the sales lifecycle, blocked places.
import { post, request } from "../api.js";
import { formatDate, formatPrice, localHref, t } from "../i18n.js";
import { BLOCKED, FREE, SeatPlan, categoryColours } from "../seatplan.js";
import { announce, el, errorMessage, requireRole, showMessage, startPage } from "../shell.js";
import { $, awaitSetup, busy, fromLocalInput, holdMinutes, stageBadge, toLocalInput } from "./common.js";
import "./messages.js";
import { ATTRIBUTES, capacity, generateRows, layoutOf, paint, paintSeat, problems, rowLabels, rowSpec } from "./plan-model.js";

const eventId = new URLSearchParams(location.search).get("id");
const api = (suffix) => `/api/events/${encodeURIComponent(eventId)}${suffix}`;
let setup;
let plan;
let layout;
let preview;
let previewTimer;
let planDirty = false; // the builder holds changes not saved yet

startPage("manager-events");
if (requireRole("MANAGER")) start();

async function start() {
  if (!eventId) {
    showMessage($("page-message"), t("manager.event.missing"), "error");
    return;
  }
  try {
    setup = await awaitSetup(eventId, (s) => s !== null, 10000);
    if (!setup) throw new Error("not found");
  } catch (error) {
    showMessage($("page-message"), error.status ? errorMessage(error) : t("manager.event.notFound"), "error");
    return;
  }
  $("orders-link").href = localHref("/manager/orders.html?eventId=" + encodeURIComponent(eventId));
  $("abuse-link").href = localHref("/manager/abuse.html?eventId=" + encodeURIComponent(eventId));
  preview = new SeatPlan($("plan-frame"), $("plan"), $("tooltip"), {
    describe: (i) => describePlace(i),
    onActivate: (i) => paintByClick(i),
    onZone: () => {},
    onCursor: (i) => ($("plan-cursor").textContent = describePlace(i)),
    stageLabel: t("plan.stage"),
  });
  window.guichetBuilder = { get plan() { return plan; }, get layout() { return layout; }, preview };
  $("zoom-in").addEventListener("click", () => preview.zoomBy(1.4));
  $("zoom-out").addEventListener("click", () => preview.zoomBy(1 / 1.4));
  $("zoom-reset").addEventListener("click", () => preview.fit());
  bindDetails();
  bindBuilder();
  bindLimits();
  bindBlocking();
  renderAll();
  $("event").hidden = false;
  if (new URLSearchParams(location.search).has("created")) {
    showMessage($("page-message"), t("manager.create.done"), "ok");
  }
}

function clonePlan(p) {
  return p ? JSON.parse(JSON.stringify(p)) : { categories: [], sections: [], zones: [] };
}

function renderAll() {
  if (!planDirty) plan = clonePlan(setup.plan);
  renderHeader();
  renderDetails();
  renderBuilder();
  renderLimits();
  renderLifecycle();
  renderBlocked();
}

function renderHeader() {
  document.title = `${setup.title} — ${t("manager.event.title")} — Guichet`;
  $("event-title").textContent = setup.title;
  $("event-stage").replaceChildren(stageBadge(setup.stage));
  $("event-when").replaceChildren(el("time", { datetime: setup.startsAt, text: `${formatDate(setup.startsAt)} — ${setup.venue}` }));
  const rejection = $("rejection");
  rejection.hidden = !setup.rejectionReason;
  rejection.textContent = setup.rejectionReason ? t("manager.rejected", { reason: setup.rejectionReason }) : "";
}

/** Sends a command, waits until the staff view shows it, re-renders; messages go to {@code box}. */
async function command(button, box, send, okKey, done = (s, before) => s.version > before.version) {
  await busy(button, async () => {
    const before = setup;
    try {
      await send();
      setup = await awaitSetup(eventId, (s) => done(s, before));
      renderAll();
      showMessage(box, t(okKey), "ok");
      announce(t(okKey));
    } catch (error) {
      showMessage(box, errorMessage(error), "error");
    }
  });
}

// ---- details -------------------------------------------------------------------------------

function renderDetails() {
  $("details-title-input").value = setup.title;
  $("details-venue").value = setup.venue;
  $("details-starts").value = toLocalInput(setup.startsAt);
  $("details-description").value = setup.description || "";
}

function bindDetails() {
  $("details").addEventListener("submit", (e) => {
    e.preventDefault();
    const fields = ["details-title-input", "details-venue", "details-starts"].map($);
    const missing = fields.filter((f) => !f.value.trim());
    fields.forEach((f) => f.toggleAttribute("aria-invalid", missing.includes(f)));
    if (missing.length) {
      showMessage($("details-message"), t("form.missing"), "error");
      missing[0].focus();
      return;
    }
    const body = {
      title: $("details-title-input").value.trim(),
      venue: $("details-venue").value.trim(),
      startsAt: fromLocalInput($("details-starts").value),
      description: $("details-description").value.trim(),
    };
    command(e.submitter || $("details").querySelector("button"), $("details-message"), () => request("PUT", api(""), { body }), "details.saved");
  });
}

// ---- seating-plan builder ------------------------------------------------------------------

const input = (attrs, onInput) => {
  const node = el("input", attrs);
  node.addEventListener("input", () => {
    onInput(node);
    planChanged();
  });
  return node;
};

function categoryOptions(selected, withNone = false) {
  const options = plan.categories.map((c) => el("option", { value: c.code, selected: c.code === selected, text: `${c.name || c.code} (${c.code})` }));
  if (withNone) options.unshift(el("option", { value: "", selected: !selected, text: t("paint.keepCategory") }));
  return options;
}

function categorySelect(id, label, selected, onChange) {
  const select = el("select", { id, "aria-label": label }, categoryOptions(selected));
  select.addEventListener("change", () => {
    onChange(select.value);
    planChanged();
  });
  return select;
}

function removeButton(label, onClick) {
  const button = el("button", { type: "button", class: "secondary small", "aria-label": label, text: t("builder.remove") });
  button.addEventListener("click", () => {
    onClick();
    renderBuilder();
    planChanged();
    announce(t("builder.removed"));
  });
  return button;
}

function renderCategories() {
  const blocks = plan.categories.map((category, ci) => {
    const name = () => category.name || category.code || String(ci + 1);
    const tiers = category.tiers.map((tier, ti) =>
      el(
        "tr",
        { "data-tier": `${ci}-${ti}` },
        el("td", {}, input({ id: `tier-code-${ci}-${ti}`, value: tier.code, maxlength: "16", "aria-label": t("tiers.code"), autocapitalize: "characters", size: "8" }, (n) => (tier.code = n.value.trim().toUpperCase()))),
        el("td", {}, input({ id: `tier-name-${ci}-${ti}`, value: tier.name, maxlength: "100", "aria-label": t("tiers.name") }, (n) => (tier.name = n.value))),
        el(
          "td",
          {},
          input(
            { id: `tier-price-${ci}-${ti}`, type: "number", min: "0", step: "0.01", value: (tier.priceCents / 100).toFixed(2), inputmode: "decimal", "aria-label": t("tiers.price"), class: "price" },
            (n) => (tier.priceCents = Math.round((n.valueAsNumber || 0) * 100))
          )
        ),
        el("td", {}, removeButton(t("tiers.remove", { tier: tier.code || ti + 1, category: name() }), () => category.tiers.splice(ti, 1)))
      )
    );
    const addTier = el("button", { type: "button", class: "secondary small", text: t("tiers.add") });
    addTier.addEventListener("click", () => {
      category.tiers.push({ code: category.tiers.length ? "" : "FULL", name: category.tiers.length ? "" : t("tiers.fullName"), priceCents: 0 });
      renderBuilder();
      planChanged();
      $(`tier-code-${ci}-${category.tiers.length - 1}`).focus();
    });
    return el(
      "fieldset",
      { class: "subpanel", "data-category": category.code },
      el("legend", { text: t("categories.legend", { n: ci + 1 }) }),
      el(
        "div",
        { class: "form-grid" },
        el("div", { class: "field" }, el("label", { for: `cat-code-${ci}`, text: t("categories.code") }), input({ id: `cat-code-${ci}`, value: category.code, maxlength: "16", autocapitalize: "characters", "aria-describedby": "code-help" }, (n) => renameCategory(category, n.value.trim().toUpperCase()))),
        el("div", { class: "field" }, el("label", { for: `cat-name-${ci}`, text: t("categories.name") }), input({ id: `cat-name-${ci}`, value: category.name, maxlength: "100" }, (n) => (category.name = n.value)))
      ),
      el(
        "div",
        { class: "table-scroll" },
        el(
          "table",
          { class: "compact" },
          el("caption", { text: t("tiers.caption", { category: name() }) }),
          el("thead", {}, el("tr", {}, el("th", { scope: "col", text: t("tiers.code") }), el("th", { scope: "col", text: t("tiers.name") }), el("th", { scope: "col", text: t("tiers.price") }), el("td", {}))),
          el("tbody", {}, tiers)
        )
      ),
      el("div", { class: "actions" }, addTier, removeButton(t("categories.remove", { category: name() }), () => plan.categories.splice(ci, 1)))
    );
  });
  $("categories").replaceChildren(...blocks);
}

function renameCategory(category, code) {
  const old = category.code;
  category.code = code;
  for (const section of plan.sections) for (const block of section.blocks) if (block.category === old) block.category = code;
  for (const zone of plan.zones) if (zone.category === old) zone.category = code;
  clearTimeout(renameCategory.timer);
  renameCategory.timer = setTimeout(refreshCategorySelects, 400);
}

/** Replaces a select's options only when they differ, so that a select in use is left alone. */
function setOptions(select, options) {
  const signature = options.map((o) => o.value + "|" + o.textContent).join("\n");
  if (select.dataset.options === signature) return;
  const value = select.value;
  select.replaceChildren(...options);
  select.dataset.options = signature;
  if ([...select.options].some((o) => o.value === value)) select.value = value;
}

function refreshCategorySelects() {
  document.querySelectorAll("select[data-category-select]").forEach((select) => {
    setOptions(select, categoryOptions(select.value, select.hasAttribute("data-with-none")));
  });
  renderSections();
  renderZones();
}

function renderSections() {
  const blocks = plan.sections.map((section, si) => {
    const name = () => section.name || section.code || String(si + 1);
    const rows = section.blocks.map((block, bi) => {
      const attr = (attribute) => {
        const box = el("input", { type: "checkbox", id: `blk-${attribute}-${si}-${bi}`, checked: (block.attributes || []).includes(attribute), "aria-label": t("attr." + attribute) });
        box.addEventListener("change", () => {
          const set = new Set(block.attributes || []);
          if (box.checked) set.add(attribute);
          else set.delete(attribute);
          block.attributes = [...set].sort();
          planChanged();
        });
        return el("td", { class: "center" }, box);
      };
      return el(
        "tr",
        { "data-block": `${si}-${bi}` },
        el("td", {}, input({ id: `blk-rows-${si}-${bi}`, value: block.rows, "aria-label": t("blocks.rows"), size: "8", autocapitalize: "characters" }, (n) => (block.rows = n.value.trim().toUpperCase()))),
        el("td", {}, input({ id: `blk-first-${si}-${bi}`, type: "number", min: "1", value: block.firstSeat, "aria-label": t("blocks.first"), class: "seat-number", inputmode: "numeric" }, (n) => (block.firstSeat = n.valueAsNumber))),
        el("td", {}, input({ id: `blk-last-${si}-${bi}`, type: "number", min: "1", value: block.lastSeat, "aria-label": t("blocks.last"), class: "seat-number", inputmode: "numeric" }, (n) => (block.lastSeat = n.valueAsNumber))),
        el("td", {}, withMarker(categorySelect(`blk-cat-${si}-${bi}`, t("blocks.category"), block.category, (v) => (block.category = v)))),
        ...ATTRIBUTES.map(attr),
        el("td", {}, removeButton(t("blocks.remove", { rows: block.rows, section: name() }), () => section.blocks.splice(bi, 1)))
      );
    });
    return el(
      "fieldset",
      { class: "subpanel", "data-section": section.code },
      el("legend", { text: t("sections.legend", { name: name(), seats: sectionSeats(section) }) }),
      el(
        "div",
        { class: "form-grid" },
        el("div", { class: "field" }, el("label", { for: `sec-code-${si}`, text: t("sections.code") }), input({ id: `sec-code-${si}`, value: section.code, maxlength: "16", autocapitalize: "characters", "aria-describedby": "code-help" }, (n) => (section.code = n.value.trim().toUpperCase()))),
        el("div", { class: "field" }, el("label", { for: `sec-name-${si}`, text: t("sections.name") }), input({ id: `sec-name-${si}`, value: section.name, maxlength: "100" }, (n) => (section.name = n.value)))
      ),
      el(
        "div",
        { class: "table-scroll" },
        el(
          "table",
          { class: "compact" },
          el("caption", { text: t("blocks.caption", { section: name() }) }),
          el(
            "thead",
            {},
            el(
              "tr",
              {},
              el("th", { scope: "col", text: t("blocks.rows") }),
              el("th", { scope: "col", text: t("blocks.first") }),
              el("th", { scope: "col", text: t("blocks.last") }),
              el("th", { scope: "col", text: t("blocks.category") }),
              ...ATTRIBUTES.map((a) => el("th", { scope: "col", text: t("attr.short." + a) })),
              el("td", {})
            )
          ),
          el("tbody", {}, rows)
        )
      ),
      el("div", { class: "actions" }, removeButton(t("sections.remove", { section: name() }), () => plan.sections.splice(si, 1)))
    );
  });
  $("sections").replaceChildren(...blocks);
  fillSectionSelect($("gen-section"), true);
  fillSectionSelect($("paint-section"), false);
}

function withMarker(select) {
  select.setAttribute("data-category-select", "");
  return select;
}

function sectionSeats(section) {
  return capacity({ sections: [section], zones: [] });
}

function fillSectionSelect(select, withNew) {
  const options = plan.sections.map((s) => el("option", { value: s.code, text: `${s.name || s.code} (${s.code})` }));
  if (withNew) options.push(el("option", { value: "", text: t("generator.newSection") }));
  setOptions(select, options);
  if (withNew && !plan.sections.length) select.value = "";
}

function renderZones() {
  const rows = plan.zones.map((zone, zi) =>
    el(
      "tr",
      { "data-zone": zone.code },
      el("td", {}, input({ id: `zone-code-${zi}`, value: zone.code, maxlength: "16", "aria-label": t("zones.code"), autocapitalize: "characters", size: "8" }, (n) => (zone.code = n.value.trim().toUpperCase()))),
      el("td", {}, input({ id: `zone-name-${zi}`, value: zone.name, maxlength: "100", "aria-label": t("zones.name") }, (n) => (zone.name = n.value))),
      el("td", {}, input({ id: `zone-capacity-${zi}`, type: "number", min: "1", value: zone.capacity, "aria-label": t("zones.capacity"), class: "seat-number", inputmode: "numeric" }, (n) => (zone.capacity = n.valueAsNumber))),
      el("td", {}, withMarker(categorySelect(`zone-cat-${zi}`, t("zones.category"), zone.category, (v) => (zone.category = v)))),
      el("td", {}, removeButton(t("zones.remove", { zone: zone.name || zone.code }), () => plan.zones.splice(zi, 1)))
    )
  );
  $("zones").replaceChildren(
    plan.zones.length
      ? el(
          "div",
          { class: "table-scroll" },
          el(
            "table",
            { class: "compact" },
            el("caption", { class: "visually-hidden", text: t("zones.staffTitle") }),
            el(
              "thead",
              {},
              el("tr", {}, el("th", { scope: "col", text: t("zones.code") }), el("th", { scope: "col", text: t("zones.name") }), el("th", { scope: "col", text: t("zones.capacity") }), el("th", { scope: "col", text: t("zones.category") }), el("td", {}))
            ),
            el("tbody", {}, rows)
          )
        )
      : el("p", { class: "hint", text: t("zones.none") })
  );
}

function renderBuilder() {
  renderCategories();
  renderSections();
  renderZones();
  setOptions($("gen-category"), categoryOptions($("gen-category").value));
  setOptions($("paint-category"), categoryOptions($("paint-category").value, true));
  $("gen-category").setAttribute("data-category-select", "");
  $("paint-category").setAttribute("data-category-select", "");
  $("paint-category").setAttribute("data-with-none", "");
  updatePreview();
}

function planChanged() {
  planDirty = true;
  clearTimeout(previewTimer);
  previewTimer = setTimeout(updatePreview, 150);
}

function updatePreview() {
  const found = problems(plan);
  $("plan-problems").replaceChildren(...found.map((p) => el("li", { class: "problem", text: t(p.key, p.params) })));
  $("save-plan").disabled = found.length > 0;
  if (found.length) {
    $("plan-summary").textContent = t("preview.invalid");
    return;
  }
  layout = layoutOf(plan);
  const blocked = new Set((setup.blocked || []).map((b) => b.placeId));
  const states = new Uint8Array(layout.placeCount);
  layout.places.forEach((p, i) => (states[i] = blocked.has(p.id) ? BLOCKED : FREE));
  const colours = categoryColours(layout.categories);
  preview.load(layout, states, colours, (zone) => ({ free: zone.capacity }));
  $("plan-frame").setAttribute("data-places", String(layout.placeCount));
  renderLegend(colours);
  renderSummary();
}

function renderLegend(colours) {
  const swatch = (colour, shape = "circle") => {
    const holder = document.createElement("span");
    holder.innerHTML =
      shape === "square"
        ? `<svg width="16" height="16" viewBox="-8 -8 16 16" aria-hidden="true" focusable="false"><rect x="-6" y="-6" width="12" height="12" fill="${colour}"/></svg>`
        : `<svg width="16" height="16" viewBox="-8 -8 16 16" aria-hidden="true" focusable="false"><circle r="6" fill="${colour}"/></svg>`;
    return holder.firstChild;
  };
  const first = colours.values().next().value || "#9c6b00";
  $("legend").replaceChildren(
    ...layout.categories.map((c) => el("li", {}, swatch(colours.get(c.code)), c.name)),
    el("li", {}, swatch(first, "square"), t("legend.accessible")),
    el("li", {}, el("span", { "aria-hidden": "true", class: "cross" }, "✕"), t("preview.blocked"))
  );
}

function renderSummary() {
  const counts = new Map(plan.categories.map((c) => [c.code, 0]));
  let accessible = 0;
  for (const p of layout.places) {
    counts.set(p.category, (counts.get(p.category) || 0) + 1);
    if (p.attributes.includes("ACCESSIBLE")) accessible++;
  }
  const rows = plan.categories.map((c) => {
    const prices = c.tiers.map((x) => formatPrice(x.priceCents)).join(" / ");
    return el("tr", { "data-category": c.code }, el("th", { scope: "row", text: c.name || c.code }), el("td", { text: prices }), el("td", { class: "num", text: String(counts.get(c.code) || 0) }));
  });
  $("plan-summary").replaceChildren(
    el("p", { id: "plan-capacity", text: t("preview.capacity", { n: layout.placeCount, accessible }) }),
    el(
      "table",
      { class: "compact" },
      el("caption", { class: "visually-hidden", text: t("preview.summary") }),
      el("thead", {}, el("tr", {}, el("th", { scope: "col", text: t("col.category") }), el("th", { scope: "col", text: t("col.prices") }), el("th", { scope: "col", text: t("col.places") }))),
      el("tbody", {}, rows)
    )
  );
}

function describePlace(i) {
  const p = layout.places[i];
  const category = plan.categories.find((c) => c.code === p.category);
  const parts = [p.id, category ? category.name : p.category];
  if (p.attributes.includes("ACCESSIBLE")) parts.push(t("seat.accessible"));
  if (p.attributes.includes("RESTRICTED_VIEW")) parts.push(t("attr.RESTRICTED_VIEW"));
  if ((setup.blocked || []).some((b) => b.placeId === p.id)) parts.push(t("seat.blocked"));
  return parts.filter(Boolean).join(", ");
}

function brush() {
  const category = $("paint-category").value || null;
  const [attribute, on] = ($("paint-attribute").value || ":").split(":");
  return { category, attribute: attribute || null, on: on === "on" };
}

function paintByClick(i) {
  if (!$("paint-click").checked) {
    announce(t("paint.clickOff"));
    return;
  }
  const b = brush();
  if (!b.category && !b.attribute) {
    announce(t("paint.nothing"));
    return;
  }
  const id = layout.places[i].id;
  if (paintSeat(plan, id, b)) {
    planDirty = true;
    renderSections();
    updatePreview();
    announce(t("paint.painted", { n: 1 }) + " " + describePlace(layout.places.findIndex((p) => p.id === id)));
  }
}

function bindBuilder() {
  $("add-category").addEventListener("click", () => {
    const n = plan.categories.length + 1;
    planDirty = true;
    plan.categories.push({ code: "CAT" + n, name: "", tiers: [{ code: "FULL", name: t("tiers.fullName"), priceCents: 0 }] });
    renderBuilder();
    $(`cat-code-${plan.categories.length - 1}`).focus();
  });
  $("add-zone").addEventListener("click", () => {
    planDirty = true;
    plan.zones.push({ code: plan.zones.length ? "ZONE" + (plan.zones.length + 1) : "FOSSE", name: plan.zones.length ? "" : t("zones.defaultName"), capacity: 100, category: plan.categories.length ? plan.categories[plan.categories.length - 1].code : "" });
    renderBuilder();
    $(`zone-code-${plan.zones.length - 1}`).focus();
  });
  $("gen-style").addEventListener("change", () => ($("gen-start").value = $("gen-style").value === "numbers" ? "1" : "A"));
  $("generator").addEventListener("submit", (e) => {
    e.preventDefault();
    const box = $("plan-message");
    let code = $("gen-section").value;
    let section = plan.sections.find((s) => s.code === code);
    if (!section) {
      code = $("gen-new-code").value.trim().toUpperCase();
      if (!/^[A-Z0-9_]{1,16}$/.test(code) || plan.sections.some((s) => s.code === code)) {
        $("gen-new-code").setAttribute("aria-invalid", "true");
        showMessage(box, t("generator.badCode"), "error");
        $("gen-new-code").focus();
        return;
      }
      $("gen-new-code").removeAttribute("aria-invalid");
      section = { code, name: $("gen-new-name").value.trim() || code, blocks: [] };
      plan.sections.push(section);
    }
    const count = Math.max(1, Math.min(200, $("gen-count").valueAsNumber || 1));
    const labels = generateRows($("gen-style").value, $("gen-start").value.trim().toUpperCase(), count);
    const first = $("gen-first").valueAsNumber;
    const last = $("gen-last").valueAsNumber;
    const category = $("gen-category").value;
    if (!labels.length || !(first >= 1) || !(last >= first) || !category) {
      showMessage(box, t("generator.invalid"), "error");
      return;
    }
    section.blocks.push({ rows: rowSpec(labels), firstSeat: first, lastSeat: last, category, attributes: [] });
    planDirty = true;
    $("gen-new-code").value = "";
    $("gen-new-name").value = "";
    renderBuilder();
    $("gen-section").value = section.code;
    const message = t("generator.added", { rows: rowSpec(labels), section: section.name, n: labels.length * (last - first + 1) });
    showMessage(box, message, "ok");
  });
  $("paint").addEventListener("submit", (e) => {
    e.preventDefault();
    const box = $("plan-message");
    const section = plan.sections.find((s) => s.code === $("paint-section").value);
    const b = brush();
    let rows;
    try {
      rows = $("paint-rows").value.trim().toUpperCase();
      rowLabels(rows);
    } catch (err) {
      $("paint-rows").setAttribute("aria-invalid", "true");
      showMessage(box, t("paint.badRows"), "error");
      $("paint-rows").focus();
      return;
    }
    $("paint-rows").removeAttribute("aria-invalid");
    if (!section || (!b.category && !b.attribute)) {
      showMessage(box, t("paint.nothing"), "error");
      return;
    }
    const first = $("paint-first").valueAsNumber;
    const last = $("paint-last").valueAsNumber;
    planDirty = true;
    const n = paint(section, { rows, firstSeat: Number.isNaN(first) ? null : first, lastSeat: Number.isNaN(last) ? null : last, ...b });
    renderBuilder();
    showMessage(box, t("paint.painted", { n }), n ? "ok" : "warning");
  });
  $("reset-plan").addEventListener("click", () => {
    planDirty = false;
    plan = clonePlan(setup.plan);
    renderBuilder();
    showMessage($("plan-message"), t("plan.undone"), "info");
  });
  $("save-plan").addEventListener("click", () =>
    command(
      $("save-plan"),
      $("plan-message"),
      async () => {
        await request("PUT", api("/seating-plan"), { body: cleanPlan() });
        planDirty = false;
      },
      "plan.saved"
    )
  );
}

function cleanPlan() {
  return {
    categories: plan.categories.map((c) => ({ code: c.code, name: c.name.trim() || c.code, tiers: c.tiers.map((x) => ({ code: x.code, name: x.name.trim() || x.code, priceCents: x.priceCents })) })),
    sections: plan.sections.map((s) => ({ code: s.code, name: s.name.trim() || s.code, blocks: s.blocks.map((b) => ({ rows: b.rows, firstSeat: b.firstSeat, lastSeat: b.lastSeat, category: b.category, attributes: b.attributes || [] })) })),
    zones: plan.zones.map((z) => ({ code: z.code, name: z.name.trim() || z.code, capacity: z.capacity, category: z.category })),
  };
}

// ---- sales settings ------------------------------------------------------------------------

function renderLimits() {
  $("limits-hold").value = holdMinutes(setup.limits.holdDuration);
  $("limits-order").value = setup.limits.maxPlacesPerOrder;
  $("limits-customer").value = setup.limits.maxPlacesPerCustomer;
  $("limits-offer").value = holdMinutes(setup.limits.waitingListOfferDuration || "PT30M");
  $("limits-late").checked = Boolean(setup.limits.latePaymentAccepted);
}

function bindLimits() {
  $("limits").addEventListener("submit", (e) => {
    e.preventDefault();
    const fields = ["limits-hold", "limits-order", "limits-customer", "limits-offer"].map($);
    const bad = fields.filter((f) => !(f.valueAsNumber >= 1) || !f.checkValidity());
    fields.forEach((f) => f.toggleAttribute("aria-invalid", bad.includes(f)));
    if (bad.length) {
      showMessage($("limits-message"), t("limits.invalid"), "error");
      bad[0].focus();
      return;
    }
    const body = {
      holdDuration: `PT${$("limits-hold").valueAsNumber}M`,
      maxPlacesPerOrder: $("limits-order").valueAsNumber,
      maxPlacesPerCustomer: $("limits-customer").valueAsNumber,
      waitingListOfferDuration: `PT${$("limits-offer").valueAsNumber}M`,
      latePaymentAccepted: $("limits-late").checked,
    };
    command($("limits").querySelector("button"), $("limits-message"), () => request("PUT", api("/sales-limits"), { body }), "limits.saved");
  });
}

// ---- approval and sales lifecycle -----------------------------------------------------------

function actionButton(id, key, path, okKey, options = {}) {
  const button = el("button", { type: "button", id, class: options.secondary ? "secondary" : null, text: t(key) });
  button.addEventListener("click", () => command(button, $("lifecycle-message"), () => post(api(path), options.body ? options.body() : undefined), okKey));
  return button;
}

function renderLifecycle() {
  const stage = setup.stage;
  const state = $("lifecycle-state");
  const actions = [];
  state.textContent = t("lifecycle.state." + stage, {
    since: setup.submittedAt ? formatDate(setup.submittedAt) : "",
    at: setup.opensAt ? formatDate(setup.opensAt) : "",
  });
  if (stage === "DRAFT") {
    const submit = actionButton("submit-approval", "lifecycle.submit", "/approval-request", "lifecycle.submitted");
    if (!setup.plan) {
      submit.disabled = true;
      actions.push(el("p", { class: "hint", text: t("lifecycle.needsPlan") }));
    }
    actions.push(el("div", { class: "actions" }, submit));
  } else if (stage === "APPROVED") {
    const openNow = actionButton("open-now", "lifecycle.openNow", "/opening", "lifecycle.opened");
    const at = el("input", { id: "open-at", type: "datetime-local", value: setup.opensAt ? toLocalInput(setup.opensAt) : "" });
    const schedule = el("button", { type: "button", id: "open-later", class: "secondary", text: t("lifecycle.schedule") });
    schedule.addEventListener("click", () => {
      if (!at.value) {
        at.setAttribute("aria-invalid", "true");
        showMessage($("lifecycle-message"), t("lifecycle.scheduleMissing"), "error");
        at.focus();
        return;
      }
      const when = fromLocalInput(at.value);
      command(schedule, $("lifecycle-message"), () => post(api("/opening"), { at: when }), "lifecycle.scheduled", (s, before) => s.version > before.version);
    });
    actions.push(
      el("div", { class: "actions" }, openNow),
      el("div", { class: "form-grid" }, el("div", { class: "field" }, el("label", { for: "open-at", text: t("lifecycle.openAt") }), at), el("div", { class: "actions" }, schedule))
    );
  } else if (stage === "ON_SALE") {
    const reason = el("input", { id: "pause-reason", type: "text", maxlength: "500" });
    const pause = actionButton("pause-sales", "lifecycle.pause", "/pause", "lifecycle.paused", { secondary: true, body: () => ({ reason: reason.value.trim() || null }) });
    actions.push(el("div", { class: "form-grid" }, el("div", { class: "field" }, el("label", { for: "pause-reason", text: t("lifecycle.pauseReason") }), reason), el("div", { class: "actions" }, pause)));
  } else if (stage === "PAUSED") {
    if (setup.pauseReason) actions.push(el("p", { id: "pause-reason-shown", text: t("lifecycle.pausedBecause", { reason: setup.pauseReason }) }));
    actions.push(el("div", { class: "actions" }, actionButton("resume-sales", "lifecycle.resume", "/resumption", "lifecycle.resumed")));
  }
  if (["APPROVED", "ON_SALE", "PAUSED"].includes(stage)) {
    const close = el("button", { type: "button", id: "close-sales", class: "secondary danger", text: t("lifecycle.close") });
    close.addEventListener("click", () => {
      const confirm = el("button", { type: "button", id: "close-confirm", class: "danger", text: t("lifecycle.closeConfirm") });
      confirm.addEventListener("click", () => command(confirm, $("lifecycle-message"), () => post(api("/closing")), "lifecycle.closed"));
      close.replaceWith(el("span", { class: "confirm" }, el("span", { text: t("lifecycle.closeWarning") + " " }), confirm));
      confirm.focus();
    });
    actions.push(el("div", { class: "actions" }, close));
  }
  if (["APPROVED", "ON_SALE", "PAUSED", "CLOSED"].includes(stage)) {
    actions.push(el("p", {}, el("a", { href: localHref("/event.html?id=" + encodeURIComponent(eventId)), text: t("lifecycle.publicPage") })));
  }
  $("lifecycle-actions").replaceChildren(...actions);
  renderWaitingList();
}

async function renderWaitingList() {
  try {
    const summary = await request("GET", api("/waiting-list"));
    const areas = Object.entries(summary.placesWantedByArea || {}).map(([area, n]) => `${area} ${n}`);
    $("waitlist-summary").textContent =
      summary.waiting + summary.offered + summary.left === 0
        ? t("staff.waitlist.empty")
        : [t("staff.waitlist.summary", summary), areas.length ? t("staff.waitlist.wanted", { areas: areas.join(", ") }) : ""].join(" ").trim();
  } catch (error) {
    $("waitlist-summary").textContent = errorMessage(error);
  }
}

// ---- blocked places -------------------------------------------------------------------------

function renderBlocked() {
  const list = setup.blocked || [];
  if (!list.length) {
    $("blocked-list").replaceChildren(el("p", { id: "blocked-none", text: t("blocked.none") }));
    return;
  }
  const rows = list.map((b, i) =>
    el(
      "tr",
      { "data-place": b.placeId },
      el("td", {}, el("input", { type: "checkbox", id: "unblock-" + i, value: b.placeId, "aria-label": t("blocked.choose", { place: b.placeId }) })),
      el("th", { scope: "row", text: b.placeId }),
      el("td", { text: b.reason || "—" })
    )
  );
  const unblock = el("button", { type: "button", id: "unblock", class: "secondary", text: t("blocked.unblock") });
  unblock.addEventListener("click", () => {
    const placeIds = [...document.querySelectorAll("#blocked-list input:checked")].map((c) => c.value);
    if (!placeIds.length) {
      showMessage($("blocked-message"), t("blocked.chooseFirst"), "error");
      return;
    }
    command(unblock, $("blocked-message"), () => post(api("/unblocked-places"), { placeIds }), "blocked.unblocked");
  });
  $("blocked-list").replaceChildren(
    el(
      "div",
      { class: "table-scroll" },
      el(
        "table",
        { class: "compact" },
        el("caption", { text: t("blocked.caption", { n: list.length }) }),
        el("thead", {}, el("tr", {}, el("td", {}), el("th", { scope: "col", text: t("col.place") }), el("th", { scope: "col", text: t("blocked.reason") }))),
        el("tbody", {}, rows)
      )
    ),
    el("div", { class: "actions" }, unblock)
  );
}

function bindBlocking() {
  $("block").addEventListener("submit", (e) => {
    e.preventDefault();
    const placeIds = $("block-places")
      .value.split(/[\s,;]+/)
      .map((s) => s.trim().toUpperCase())
      .filter(Boolean);
    if (!placeIds.length) {
      $("block-places").setAttribute("aria-invalid", "true");
      showMessage($("blocked-message"), t("blocked.chooseFirst"), "error");
      $("block-places").focus();
      return;
    }
    $("block-places").removeAttribute("aria-invalid");
    const reason = $("block-reason").value.trim();
    command($("block").querySelector("button"), $("blocked-message"), () => post(api("/blocked-places"), { placeIds, reason }), "blocked.blocked").then(() => {
      if (!$("blocked-message").classList.contains("error")) {
        $("block-places").value = "";
        $("block-reason").value = "";
      }
    });
  });
}

