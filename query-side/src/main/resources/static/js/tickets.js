// What checkout, confirmation and "my orders" share: readable place names, rate names, the price
// breakdown from the pricing rules (the receipt), and tickets with their QR codes.
import { get, getBlob } from "./api.js";
import { formatPrice, lang, t } from "./i18n.js";
import { el, errorMessage } from "./shell.js";

const labelCache = new Map();

/** Place id -> "Orchestre, rang A, place 5" for one event (the seat map is cached by the server). */
export function placeLabels(eventId) {
  if (!labelCache.has(eventId)) {
    labelCache.set(
      eventId,
      get(`/api/events/${encodeURIComponent(eventId)}/seat-map`)
        .then((layout) => {
          const labels = new Map();
          const categories = new Map(layout.categories.map((c) => [c.code, c.name]));
          for (const section of layout.sections) {
            for (const row of section.rows) {
              for (const seat of row.seats) {
                labels.set(seat.id, {
                  text: `${section.name}, ${t("seat.row", { row: row.label })}, ${t("seat.number", { number: seat.number })}`,
                  category: categories.get(seat.category) || seat.category,
                });
              }
            }
          }
          for (const zone of layout.zones) {
            labels.set(zone.code, { text: zone.name, category: categories.get(zone.category) || zone.category, zone: true });
          }
          return labels;
        })
        .catch(() => new Map())
    );
  }
  return labelCache.get(eventId);
}

/** The readable name of a place, from {@link placeLabels}' map. */
export function placeName(labels, placeId) {
  const seat = labels.get(placeId);
  if (seat) return seat.text;
  const dash = placeId.lastIndexOf("-");
  const zone = dash > 0 ? labels.get(placeId.slice(0, dash)) : null;
  return zone ? t("ticket.standing", { zone: zone.text, n: placeId.slice(dash + 1) }) : placeId;
}

export function categoryName(labels, placeId, fallback) {
  const seat = labels.get(placeId);
  if (seat) return seat.category;
  const dash = placeId.lastIndexOf("-");
  const zone = dash > 0 ? labels.get(placeId.slice(0, dash)) : null;
  return zone ? zone.category : fallback;
}

/** The rate as offered at checkout ({@code short}: as printed on a receipt). */
export function rateName(rate, short = false) {
  return t((short ? "rateShort." : "rate.") + (rate || "FULL"));
}

/** The price explanation of an order, in the page's language. */
export function priceExplanation(orderId) {
  return get(`/api/orders/${encodeURIComponent(orderId)}/price-explanation?lang=${lang}`);
}

/**
 * The price of each ticket as the pricing rules set it: full price, the rules that applied with
 * their descriptions, the discount and the price, then the total.
 */
export function renderBreakdown(explanation, labels, { headingLevel = 3 } = {}) {
  const items = explanation.tickets.map((ticket) => {
    const proof =
      ticket.rate === "STUDENT" && ticket.studentProof
        ? t("receipt.proof", { proof: ticket.studentProof })
        : ticket.rate === "SUBSCRIBER" && ticket.subscriptionNumber
          ? t("receipt.subscription", { number: ticket.subscriptionNumber })
          : "";
    const rules = el(
      "ul",
      { class: "rules" },
      ticket.rules.map((rule) =>
        el("li", { "data-rule": rule.name }, el("code", { text: rule.name }), " — ", rule.description || rule.name)
      )
    );
    const pair = (term, ...value) => [el("dt", { text: term }), el("dd", {}, ...value)];
    return el(
      "li",
      { class: "price-line", "data-place": ticket.placeId },
      el("h" + headingLevel, { text: `${placeName(labels, ticket.placeId)} — ${categoryName(labels, ticket.placeId, ticket.category)}` }),
      el(
        "dl",
        {},
        pair(t("receipt.rate"), rateName(ticket.rate, true), proof ? ` (${proof})` : ""),
        pair(t("receipt.full"), formatPrice(ticket.baseCents)),
        pair(t("receipt.rules"), rules),
        pair(
          t("receipt.discount"),
          ticket.discountCents > 0 ? t("receipt.discountValue", { amount: formatPrice(ticket.discountCents), percent: ticket.discountPercent }) : t("receipt.noDiscount")
        ),
        pair(t("receipt.price"), el("strong", { class: "final", text: formatPrice(ticket.finalCents) }))
      )
    );
  });
  return el("ul", { class: "receipt" }, items);
}

/** Where the rules came from: version and publication; and the box office's payment, if it took it. */
export function ruleSetNote(explanation) {
  const note = el("p", {
    class: "rule-set",
    text: t("receipt.ruleSet", { version: explanation.ruleSetVersion, hash: (explanation.ruleSetHash || "").slice(0, 12) }),
  });
  const paid = explanation.boxOfficePayment;
  if (!paid) return note;
  const how = t("receipt.boxOffice.method." + paid.method);
  const text = t(paid.reference ? "receipt.boxOffice.withReference" : "receipt.boxOffice", {
    amount: formatPrice(paid.amountCents),
    method: how,
    reference: paid.reference || "",
    manager: paid.recordedBy,
  });
  return el(
    "div",
    {},
    note,
    el("p", { class: "box-office-payment", "data-method": paid.method, text: paid.note ? `${text} — ${paid.note}` : text })
  );
}

/** The tickets of a confirmed order with their QR codes (PNG images, downloadable). */
export function renderTickets(tickets, labels, { headingLevel = 3 } = {}) {
  return el(
    "ul",
    { class: "tickets" },
    tickets.map((ticket) => {
      const qr = "/api/tickets/qr?code=" + encodeURIComponent(ticket.code);
      const place = placeName(labels, ticket.placeId);
      const file = `billet-${ticket.ticketId.replace(/[^A-Za-z0-9-]+/g, "-")}.png`;
      return el(
        "li",
        { class: "ticket", "data-ticket": ticket.ticketId, "data-place": ticket.placeId, "data-code": ticket.code },
        el("img", { src: qr, width: "200", height: "200", alt: t("ticket.qrAlt", { place, holder: ticket.holderName || "" }) }),
        el(
          "div",
          { class: "ticket-text" },
          el("h" + headingLevel, { text: place }),
          el("p", { text: `${ticket.categoryName} — ${formatPrice(ticket.priceCents)}` }),
          el("p", { text: t("ticket.holder", { name: ticket.holderName || "" }) }),
          el("p", { class: "ticket-id", text: t("ticket.number", { id: ticket.ticketId }) }),
          el("a", { href: qr, download: file, class: "download", text: t("ticket.download"), "aria-label": t("ticket.downloadLabel", { place }) })
        )
      );
    })
  );
}

/** A button that downloads every ticket of the order as one PDF (one page per ticket). */
export function pdfDownload(orderId) {
  const status = el("span", { class: "download-status", role: "status" });
  const button = el("button", { type: "button", class: "secondary pdf-download", "data-order": orderId, text: t("ticket.pdf") });
  button.addEventListener("click", async () => {
    button.disabled = true;
    status.textContent = t("ticket.pdfWorking");
    try {
      const blob = await getBlob(`/api/orders/${encodeURIComponent(orderId)}/tickets.pdf?lang=${lang}`);
      const url = URL.createObjectURL(blob);
      const link = el("a", { href: url, download: `billets-${orderId}.pdf`, hidden: true });
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10000);
      status.textContent = t("ticket.pdfDone");
    } catch (error) {
      status.textContent = errorMessage(error);
    } finally {
      button.disabled = false;
    }
  });
  return el("p", { class: "actions" }, button, status);
}
