// The seating plan as the box office edits it: the same JSON the command side takes
// ({categories, sections:[{code, name, blocks:[{rows, firstSeat, lastSeat, category, attributes}]}],
// zones}), expanded and compressed again for painting, and laid out exactly as the query side's
// SeatMapLayout does so that seatplan.js can draw a live preview before anything is saved.

const CODE = /^[A-Z0-9_]{1,16}$/;
const ROW_LABEL = /^[A-Z0-9]{1,4}$/;
export const MAX_PLACES = 100000;
export const ATTRIBUTES = ["ACCESSIBLE", "RESTRICTED_VIEW"];

/** Expands "A-Z", "1-30" or "A,C,E" like SeatingPlan.rowLabels; throws Error on a bad spec. */
export function rowLabels(spec) {
  if (!spec || !spec.trim()) throw new Error("empty");
  const labels = [];
  for (const item of spec.split(",")) {
    const part = item.trim();
    const dash = part.indexOf("-");
    if (dash < 0) {
      if (!ROW_LABEL.test(part)) throw new Error(part);
      labels.push(part);
      continue;
    }
    const from = part.slice(0, dash).trim();
    const to = part.slice(dash + 1).trim();
    if (/^\d{1,4}$/.test(from) && /^\d{1,4}$/.test(to)) {
      const a = Number(from);
      const b = Number(to);
      if (b < a) throw new Error(part);
      for (let i = a; i <= b; i++) labels.push(String(i));
    } else if (/^[A-Z]$/.test(from) && /^[A-Z]$/.test(to)) {
      if (to < from) throw new Error(part);
      for (let c = from.charCodeAt(0); c <= to.charCodeAt(0); c++) labels.push(String.fromCharCode(c));
    } else {
      throw new Error(part);
    }
  }
  return labels;
}

/** Row labels from a generator: {style: "letters"|"numbers", start, count}. */
export function generateRows(style, start, count) {
  const labels = [];
  if (style === "numbers") {
    const first = Math.max(1, Number(start) || 1);
    for (let i = 0; i < count; i++) labels.push(String(first + i));
  } else {
    const first = (String(start || "A").toUpperCase().charCodeAt(0) || 65) - 65;
    for (let i = 0; i < count && first + i < 26; i++) labels.push(String.fromCharCode(65 + first + i));
  }
  return labels;
}

/** The shortest spec for labels in this order: consecutive runs become ranges. */
export function rowSpec(labels) {
  const parts = [];
  let i = 0;
  const next = (a, b) =>
    (/^\d+$/.test(a) && /^\d+$/.test(b) && Number(b) === Number(a) + 1 && String(Number(b)) === b) ||
    (/^[A-Z]$/.test(a) && /^[A-Z]$/.test(b) && b.charCodeAt(0) === a.charCodeAt(0) + 1);
  while (i < labels.length) {
    let j = i;
    while (j + 1 < labels.length && next(labels[j], labels[j + 1])) j++;
    parts.push(j > i ? `${labels[i]}-${labels[j]}` : labels[i]);
    i = j + 1;
  }
  return parts.join(",");
}

function safeRows(spec) {
  try {
    return rowLabels(spec);
  } catch (e) {
    return [];
  }
}

/** Every place in SeatingPlan.places() order. */
export function places(plan) {
  const out = [];
  for (const section of plan.sections) {
    const order = [];
    for (const block of section.blocks) for (const row of safeRows(block.rows)) if (!order.includes(row)) order.push(row);
    for (const block of section.blocks) {
      for (const row of safeRows(block.rows)) {
        for (let seat = block.firstSeat; seat <= block.lastSeat; seat++) {
          out.push({
            id: `${section.code}-${row}-${seat}`,
            kind: "SEAT",
            area: section.code,
            row,
            rowIndex: order.indexOf(row),
            number: seat,
            category: block.category,
            attributes: block.attributes || [],
          });
        }
      }
    }
  }
  for (const zone of plan.zones) {
    for (let spot = 1; spot <= zone.capacity; spot++) {
      out.push({ id: `${zone.code}-${spot}`, kind: "STANDING", area: zone.code, row: null, rowIndex: 0, number: spot, category: zone.category, attributes: [] });
    }
  }
  return out;
}

export function capacity(plan) {
  let total = 0;
  for (const section of plan.sections) {
    for (const block of section.blocks) total += Math.max(0, block.lastSeat - block.firstSeat + 1) * safeRows(block.rows).length;
  }
  for (const zone of plan.zones) total += Math.max(0, zone.capacity);
  return total;
}

/** Problems as {key, params} for i18n, checked like SeatingPlan.problems() (the server decides). */
export function problems(plan) {
  const out = [];
  const codes = new Set();
  for (const c of plan.categories) {
    if (!CODE.test(c.code || "")) out.push({ key: "plan.problem.code", params: { code: c.code || "" } });
    else if (codes.has(c.code)) out.push({ key: "plan.problem.twice", params: { code: c.code } });
    else codes.add(c.code);
    if (!c.name || !c.name.trim()) out.push({ key: "plan.problem.name", params: { code: c.code } });
    if (!c.tiers.length) out.push({ key: "plan.problem.noTier", params: { code: c.code } });
    const tierCodes = new Set();
    for (const tier of c.tiers) {
      if (!CODE.test(tier.code || "")) out.push({ key: "plan.problem.code", params: { code: tier.code || "" } });
      else if (tierCodes.has(tier.code)) out.push({ key: "plan.problem.twice", params: { code: tier.code } });
      tierCodes.add(tier.code);
      if (!(tier.priceCents >= 0)) out.push({ key: "plan.problem.price", params: { code: tier.code } });
    }
  }
  const areas = new Set();
  const area = (code) => {
    if (!CODE.test(code || "")) out.push({ key: "plan.problem.code", params: { code: code || "" } });
    else if (areas.has(code)) out.push({ key: "plan.problem.twice", params: { code } });
    areas.add(code);
  };
  for (const section of plan.sections) {
    area(section.code);
    if (!section.blocks.length) out.push({ key: "plan.problem.noSeats", params: { code: section.code } });
    for (const block of section.blocks) {
      try {
        rowLabels(block.rows);
      } catch (e) {
        out.push({ key: "plan.problem.rows", params: { code: section.code, rows: block.rows || "" } });
      }
      if (!(block.firstSeat >= 1) || !(block.lastSeat >= block.firstSeat)) {
        out.push({ key: "plan.problem.seats", params: { code: section.code, rows: block.rows || "" } });
      }
      if (!codes.has(block.category)) out.push({ key: "plan.problem.category", params: { code: section.code, category: block.category || "" } });
    }
  }
  for (const zone of plan.zones) {
    area(zone.code);
    if (!(zone.capacity >= 1)) out.push({ key: "plan.problem.capacity", params: { code: zone.code } });
    if (!codes.has(zone.category)) out.push({ key: "plan.problem.category", params: { code: zone.code, category: zone.category || "" } });
  }
  if (out.length) return out;
  const total = capacity(plan);
  if (total === 0) out.push({ key: "plan.problem.empty", params: {} });
  else if (total > MAX_PLACES) out.push({ key: "plan.problem.tooMany", params: { n: total, max: MAX_PLACES } });
  else {
    const ids = new Set();
    const dup = [];
    for (const p of places(plan)) {
      if (ids.has(p.id)) dup.push(p.id);
      ids.add(p.id);
    }
    if (dup.length) out.push({ key: "plan.problem.duplicates", params: { ids: dup.slice(0, 10).join(", ") } });
  }
  return out;
}

const SEAT_PITCH = 10;
const ROW_PITCH = 12;
const MARGIN = 20;
const HEADER = 20;
const GAP = 20;
const ZONE_HEIGHT = 60;

/** The drawing seatplan.js expects, computed like the query side's SeatMapLayout.of(plan). */
export function layoutOf(plan) {
  const all = places(plan);
  const rowsByArea = new Map();
  const zoneFirst = new Map();
  all.forEach((p, i) => {
    if (p.kind === "SEAT") {
      if (!rowsByArea.has(p.area)) rowsByArea.set(p.area, new Map());
      const rows = rowsByArea.get(p.area);
      if (!rows.has(p.rowIndex)) rows.set(p.rowIndex, []);
      rows.get(p.rowIndex).push(i);
    } else if (!zoneFirst.has(p.area)) zoneFirst.set(p.area, i);
  });
  const span = (row) => {
    let min = Infinity;
    let max = -Infinity;
    for (const i of row) {
      min = Math.min(min, all[i].number);
      max = Math.max(max, all[i].number);
    }
    return max - min + 1;
  };
  let widest = 1;
  for (const rows of rowsByArea.values()) for (const row of rows.values()) widest = Math.max(widest, span(row));
  const width = 2 * MARGIN + widest * SEAT_PITCH;
  let top = MARGIN;
  const sections = [];
  for (const section of plan.sections) {
    const rows = rowsByArea.get(section.code) || new Map();
    const keys = [...rows.keys()].sort((a, b) => a - b);
    const drawn = [];
    for (const key of keys) {
      const row = rows.get(key);
      const first = Math.min(...row.map((i) => all[i].number));
      const offset = MARGIN + Math.floor(((widest - span(row)) * SEAT_PITCH) / 2);
      const y = top + HEADER + key * ROW_PITCH;
      drawn.push({
        label: all[row[0]].row,
        index: key,
        y,
        seats: row.map((i) => ({
          id: all[i].id,
          i,
          number: all[i].number,
          x: offset + (all[i].number - first) * SEAT_PITCH,
          y,
          category: all[i].category,
          attributes: all[i].attributes,
        })),
      });
    }
    const height = HEADER + keys.length * ROW_PITCH;
    sections.push({ code: section.code, name: section.name, x: MARGIN, y: top, width: width - 2 * MARGIN, height, rows: drawn });
    top += height + GAP;
  }
  const zones = plan.zones.map((zone) => {
    const z = { code: zone.code, name: zone.name, category: zone.category, capacity: zone.capacity, firstIndex: zoneFirst.has(zone.code) ? zoneFirst.get(zone.code) : -1, x: MARGIN, y: top, width: width - 2 * MARGIN, height: ZONE_HEIGHT };
    top += ZONE_HEIGHT + GAP;
    return z;
  });
  const categories = plan.categories.map((c) => {
    const prices = c.tiers.map((tier) => tier.priceCents);
    return { code: c.code, name: c.name, minPriceCents: prices.length ? Math.min(...prices) : 0, maxPriceCents: prices.length ? Math.max(...prices) : 0, tiers: c.tiers };
  });
  return { width, height: top - GAP + MARGIN, placeCount: all.length, categories, sections, zones, places: all };
}

/**
 * A section's seats row by row (in drawing order): Map row -> Map seat number -> {category,
 * attributes}. The inverse of compress().
 */
export function expand(section) {
  const rows = new Map();
  for (const block of section.blocks) {
    for (const row of safeRows(block.rows)) {
      if (!rows.has(row)) rows.set(row, new Map());
      for (let seat = block.firstSeat; seat <= block.lastSeat; seat++) {
        rows.get(row).set(seat, { category: block.category, attributes: [...(block.attributes || [])].sort() });
      }
    }
  }
  return rows;
}

/**
 * The fewest blocks for expanded rows, keeping the row order: each row becomes runs of
 * consecutive seats sharing category and attributes; neighbouring rows with the same runs share
 * blocks.
 */
export function compress(rows) {
  const runsOf = (seats) => {
    const numbers = [...seats.keys()].sort((a, b) => a - b);
    const runs = [];
    for (const n of numbers) {
      const s = seats.get(n);
      const last = runs[runs.length - 1];
      if (last && last.lastSeat === n - 1 && last.category === s.category && last.attributes.join() === s.attributes.join()) last.lastSeat = n;
      else runs.push({ firstSeat: n, lastSeat: n, category: s.category, attributes: s.attributes });
    }
    return runs;
  };
  const groups = [];
  for (const [label, seats] of rows) {
    const runs = runsOf(seats);
    const key = JSON.stringify(runs);
    const last = groups[groups.length - 1];
    if (last && last.key === key) last.labels.push(label);
    else groups.push({ key, labels: [label], runs });
  }
  const blocks = [];
  for (const group of groups) {
    for (const run of group.runs) blocks.push({ rows: rowSpec(group.labels), ...run });
  }
  return blocks;
}

/**
 * Paints seats of a section: rows (spec) and seats first..last (null = the whole row) get the
 * category (when given) and the attribute set to on/off (when given). Seats that do not exist
 * are left alone. Returns how many seats changed.
 */
export function paint(section, { rows, firstSeat, lastSeat, category, attribute, on }) {
  const expanded = expand(section);
  const wanted = new Set(rowLabels(rows));
  let changed = 0;
  for (const [label, seats] of expanded) {
    if (!wanted.has(label)) continue;
    for (const [n, seat] of seats) {
      if (firstSeat != null && n < firstSeat) continue;
      if (lastSeat != null && n > lastSeat) continue;
      const before = JSON.stringify(seat);
      if (category) seat.category = category;
      if (attribute) {
        const set = new Set(seat.attributes);
        if (on) set.add(attribute);
        else set.delete(attribute);
        seat.attributes = [...set].sort();
      }
      if (JSON.stringify(seat) !== before) changed++;
    }
  }
  section.blocks = compress(expanded);
  return changed;
}

/** Paints one seat (by place id) of the plan; returns true when it changed. */
export function paintSeat(plan, placeId, brush) {
  for (const section of plan.sections) {
    const prefix = section.code + "-";
    if (!placeId.startsWith(prefix)) continue;
    const rest = placeId.slice(prefix.length);
    const dash = rest.lastIndexOf("-");
    const row = rest.slice(0, dash);
    const number = Number(rest.slice(dash + 1));
    return paint(section, { rows: row, firstSeat: number, lastSeat: number, ...brush }) > 0;
  }
  return false;
}
