// The seating plan on one canvas: every seat drawn in batches (one path per category and state),
// culled to the visible part, so 50,000 places stay smooth; zoom, pan, click, hover, and a keyboard
// cursor that walks seats and rows. State is told by shape as well as colour.

export const FREE = 0;
export const HELD = 1;
export const SOLD = 2;
export const BLOCKED = 3;
export const STATE_CODES = { F: FREE, H: HELD, S: SOLD, B: BLOCKED, FREE, HELD, SOLD, BLOCKED };

const PALETTE = ["#9c6b00", "#1f5fbf", "#2e7d32", "#b3261e", "#7b3fb3", "#00727d", "#8d4f1f", "#ad1457"];
const CELL = 10;
const MIN_SCALE_FACTOR = 0.5;
const MAX_SCALE = 12;

function rgba(hex) {
  const n = parseInt(hex.slice(1), 16);
  return ((255 << 24) | ((n & 0xff) << 16) | (n & 0xff00) | ((n >> 16) & 0xff)) >>> 0;
}

export function categoryColours(categories) {
  const colours = new Map();
  categories.forEach((c, i) => colours.set(c.code, PALETTE[i % PALETTE.length]));
  return colours;
}

export class SeatPlan {
  /**
   * @param frame element holding the canvas (sized by CSS)
   * @param hooks {describe(i), onActivate(i), onZone(code), onCursor(i)}
   */
  constructor(frame, canvas, tooltip, hooks) {
    this.frame = frame;
    this.canvas = canvas;
    this.tooltip = tooltip;
    this.hooks = hooks;
    this.ctx = canvas.getContext("2d");
    this.mine = new Set();
    this.accessibleOnly = false;
    this.cursor = -1;
    this.hover = -1;
    this.view = { x: 0, y: 0, scale: 1 };
    this.pending = false;
    this.pointers = new Map();
    this.bindEvents();
    new ResizeObserver(() => this.resize()).observe(frame);
  }

  /** Takes a new layout and availability (state codes per place index). */
  load(layout, states, colours, zoneStates) {
    this.layout = layout;
    this.states = states;
    this.colours = colours;
    this.zoneStates = zoneStates;
    const categoryIndex = new Map(layout.categories.map((c, i) => [c.code, i]));
    const count = layout.sections.reduce((n, s) => n + s.rows.reduce((m, r) => m + r.seats.length, 0), 0);
    this.seatCount = count;
    this.seatX = new Float32Array(count);
    this.seatY = new Float32Array(count);
    this.seatPlace = new Int32Array(count);
    this.seatCategory = new Uint8Array(count);
    this.seatAccessible = new Uint8Array(count);
    this.positionOf = new Int32Array(layout.placeCount).fill(-1);
    this.rows = [];
    this.grid = new Map();
    this.seatInfo = new Map();
    let k = 0;
    for (const section of layout.sections) {
      for (const row of section.rows) {
        const places = [];
        for (const seat of row.seats) {
          this.seatX[k] = seat.x;
          this.seatY[k] = seat.y;
          this.seatPlace[k] = seat.i;
          this.seatCategory[k] = categoryIndex.get(seat.category) ?? 0;
          this.seatAccessible[k] = seat.attributes && seat.attributes.includes("ACCESSIBLE") ? 1 : 0;
          this.positionOf[seat.i] = k;
          const key = this.cellKey(Math.floor(seat.x / CELL), Math.floor(seat.y / CELL));
          let bucket = this.grid.get(key);
          if (!bucket) this.grid.set(key, (bucket = []));
          bucket.push(k);
          places.push(k);
          k++;
        }
        places.sort((a, b) => this.seatX[a] - this.seatX[b]);
        this.rows.push({ section, label: row.label, seats: places, y: row.y });
        for (let r = 0; r < places.length; r++) this.seatInfo.set(places[r], { row: this.rows.length - 1, at: r });
      }
    }
    this.rows.sort((a, b) => a.y - b.y || a.section.x - b.section.x);
    this.rows.forEach((row, r) => row.seats.forEach((pos, at) => this.seatInfo.set(pos, { row: r, at })));
    this.categoryCodes = layout.categories.map((c) => c.code);
    if (this.cursor >= layout.placeCount) this.cursor = -1;
    this.resize();
    this.fit();
  }

  cellKey(cx, cy) {
    return cx * 100003 + cy;
  }

  resize() {
    const rect = this.frame.getBoundingClientRect();
    const dpr = window.devicePixelRatio || 1;
    this.width = Math.max(1, rect.width);
    this.height = Math.max(1, rect.height);
    this.canvas.width = Math.round(this.width * dpr);
    this.canvas.height = Math.round(this.height * dpr);
    this.dpr = dpr;
    this.requestDraw();
  }

  fitScale() {
    if (!this.layout) return 1;
    return Math.min(this.width / this.layout.width, this.height / this.layout.height);
  }

  fit() {
    if (!this.layout) return;
    const scale = this.fitScale();
    this.view = {
      scale,
      x: (this.layout.width - this.width / scale) / 2,
      y: (this.layout.height - this.height / scale) / 2,
    };
    this.requestDraw();
  }

  zoomBy(factor, sx = this.width / 2, sy = this.height / 2) {
    const v = this.view;
    const min = this.fitScale() * MIN_SCALE_FACTOR;
    const scale = Math.min(MAX_SCALE, Math.max(min, v.scale * factor));
    const wx = v.x + sx / v.scale;
    const wy = v.y + sy / v.scale;
    this.view = { scale, x: wx - sx / scale, y: wy - sy / scale };
    this.requestDraw();
  }

  panBy(dx, dy) {
    this.view.x -= dx / this.view.scale;
    this.view.y -= dy / this.view.scale;
    this.requestDraw();
  }

  setAccessibleOnly(on) {
    this.accessibleOnly = on;
    this.requestDraw();
  }

  isSeat(place) {
    return this.positionOf && this.positionOf[place] >= 0;
  }

  isAccessible(place) {
    const pos = this.positionOf[place];
    return pos >= 0 && this.seatAccessible[pos] === 1;
  }

  /** Is the place a free seat the buyer may pick under the current filter? */
  isPickable(place) {
    return this.isSeat(place) && this.states[place] === FREE && (!this.accessibleOnly || this.isAccessible(place));
  }

  requestDraw() {
    if (this.pending) return;
    this.pending = true;
    requestAnimationFrame(() => {
      this.pending = false;
      this.draw();
    });
  }

  toScreen(x, y) {
    return [(x - this.view.x) * this.view.scale, (y - this.view.y) * this.view.scale];
  }

  toWorld(sx, sy) {
    return [this.view.x + sx / this.view.scale, this.view.y + sy / this.view.scale];
  }

  draw() {
    const ctx = this.ctx;
    const { x: vx, y: vy, scale } = this.view;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, this.canvas.width, this.canvas.height);
    if (!this.layout) return;
    const k = this.dpr * scale;
    const tiny = 4 * k < 2.5;
    if (tiny) this.drawPixels(k);
    ctx.setTransform(k, 0, 0, k, -vx * k, -vy * k);
    const lineUnit = 1 / scale;

    ctx.fillStyle = "#2b2b33";
    ctx.font = `600 ${Math.max(8, 11 * lineUnit)}px system-ui, sans-serif`;
    ctx.textAlign = "center";
    ctx.textBaseline = "middle";
    ctx.fillText(this.hooks.stageLabel || "", this.layout.width / 2, 10);
    ctx.textAlign = "left";
    ctx.font = `${Math.max(6, 12 * lineUnit)}px system-ui, sans-serif`;
    for (const section of this.layout.sections) {
      ctx.lineWidth = lineUnit;
      ctx.strokeStyle = "#8a8a96";
      ctx.strokeRect(section.x - 6, section.y, section.width + 12, section.height);
      ctx.fillStyle = "#2b2b33";
      ctx.fillText(section.name, section.x, section.y + 10);
    }
    if (!tiny) {
      ctx.save();
      ctx.fillStyle = "#4a4a55";
      ctx.textAlign = "right";
      ctx.font = "7px system-ui, sans-serif";
      for (const row of this.rows) {
        if (row.seats.length) ctx.fillText(row.label, this.seatX[row.seats[0]] - 6, row.y);
      }
      ctx.restore();
    }
    for (const zone of this.layout.zones) {
      const colour = this.colours.get(zone.category) || "#555";
      const free = this.zoneStates(zone).free;
      ctx.globalAlpha = free > 0 ? 0.18 : 0.06;
      ctx.fillStyle = colour;
      ctx.fillRect(zone.x, zone.y, zone.width, zone.height);
      ctx.globalAlpha = 1;
      ctx.lineWidth = 2 * lineUnit;
      ctx.strokeStyle = colour;
      ctx.setLineDash(free > 0 ? [] : [4 * lineUnit, 3 * lineUnit]);
      ctx.strokeRect(zone.x, zone.y, zone.width, zone.height);
      ctx.setLineDash([]);
      ctx.fillStyle = "#1b1b1f";
      ctx.textAlign = "center";
      ctx.fillText(`${zone.name} — ${free} / ${zone.capacity}`, zone.x + zone.width / 2, zone.y + zone.height / 2);
      ctx.textAlign = "left";
    }

    const left = vx - CELL;
    const top = vy - CELL;
    const right = vx + this.width / scale + CELL;
    const bottom = vy + this.height / scale + CELL;
    const groups = this.categoryCodes.length;
    const free = Array.from({ length: groups }, () => []);
    const freeAccessible = Array.from({ length: groups }, () => []);
    const mine = Array.from({ length: groups }, () => []);
    const held = [];
    const gone = [];
    const dimmed = [];
    for (let p = 0; p < (tiny ? 0 : this.seatCount); p++) {
      const x = this.seatX[p];
      const y = this.seatY[p];
      if (x < left || x > right || y < top || y > bottom) continue;
      const place = this.seatPlace[p];
      const cat = this.seatCategory[p];
      if (this.mine.has(place)) mine[cat].push(p);
      else {
        const state = this.states[place];
        if (state === FREE) {
          if (this.accessibleOnly && !this.seatAccessible[p]) dimmed.push(p);
          else (this.seatAccessible[p] ? freeAccessible : free)[cat].push(p);
        } else if (state === HELD) held.push(p);
        else gone.push(p);
      }
    }
    const X = this.seatX;
    const Y = this.seatY;
    const disc = (list, r) => {
      ctx.beginPath();
      for (const p of list) {
        ctx.moveTo(X[p] + r, Y[p]);
        ctx.arc(X[p], Y[p], r, 0, 2 * Math.PI);
      }
    };
    const square = (list, r) => {
      ctx.beginPath();
      for (const p of list) ctx.rect(X[p] - r, Y[p] - r, 2 * r, 2 * r);
    };
    for (let c = 0; c < groups; c++) {
      ctx.fillStyle = this.colours.get(this.categoryCodes[c]);
      disc(free[c], 4);
      ctx.fill();
      square(freeAccessible[c], 4);
      ctx.fill();
    }
    ctx.fillStyle = "#d5d5dc";
    disc(dimmed, 2);
    ctx.fill();
    ctx.lineWidth = Math.max(1.2, lineUnit);
    ctx.strokeStyle = "#5a5a66";
    ctx.fillStyle = "#ffffff";
    disc(held, 3.4);
    ctx.fill();
    ctx.stroke();
    ctx.strokeStyle = "#6e6e7a";
    ctx.lineWidth = Math.max(1.2, 1.2 * lineUnit);
    ctx.beginPath();
    for (const p of gone) {
      ctx.moveTo(X[p] - 3, Y[p] - 3);
      ctx.lineTo(X[p] + 3, Y[p] + 3);
      ctx.moveTo(X[p] + 3, Y[p] - 3);
      ctx.lineTo(X[p] - 3, Y[p] + 3);
    }
    ctx.stroke();
    for (let c = 0; c < groups; c++) {
      if (!mine[c].length) continue;
      ctx.fillStyle = this.colours.get(this.categoryCodes[c]);
      disc(mine[c], 4.6);
      ctx.fill();
      ctx.strokeStyle = "#000000";
      ctx.lineWidth = 1.6;
      ctx.stroke();
      ctx.fillStyle = "#ffffff";
      disc(mine[c], 1.6);
      ctx.fill();
    }
    for (const [place, colour, width] of [
      [this.hover, "#1b1b1f", 1.2],
      [this.cursor, "#d14900", 2.2],
    ]) {
      const pos = place >= 0 ? this.positionOf[place] : -1;
      if (pos >= 0) {
        ctx.beginPath();
        ctx.arc(X[pos], Y[pos], 6.5, 0, 2 * Math.PI);
        ctx.strokeStyle = colour;
        ctx.lineWidth = Math.max(width, width * lineUnit);
        ctx.stroke();
      }
    }
    this.placeTooltip();
  }

  /**
   * Zoomed far out a seat is a few device pixels: write them straight into an ImageData (one
   * square per seat, colour for category and state) instead of building paths.
   */
  drawPixels(k) {
    const W = this.canvas.width;
    const H = this.canvas.height;
    if (!this.image || this.image.width !== W || this.image.height !== H) {
      this.image = this.ctx.createImageData(W, H);
      this.pixels = new Uint32Array(this.image.data.buffer);
    }
    const px = this.pixels;
    px.fill(0);
    const colours = this.categoryCodes.map((code) => rgba(this.colours.get(code)));
    const heldColour = rgba("#8a8a96");
    const goneColour = rgba("#d0d0d8");
    const mineColour = rgba("#000000");
    const size = Math.max(1, Math.round(8 * k));
    const half = size / 2;
    const { x: vx, y: vy } = this.view;
    for (let p = 0; p < this.seatCount; p++) {
      const dx = Math.round((this.seatX[p] - vx) * k - half);
      const dy = Math.round((this.seatY[p] - vy) * k - half);
      if (dx < 0 || dy < 0 || dx + size > W || dy + size > H) continue;
      const place = this.seatPlace[p];
      const state = this.states[place];
      let colour;
      if (this.mine.has(place)) colour = mineColour;
      else if (state === FREE) colour = this.accessibleOnly && !this.seatAccessible[p] ? goneColour : colours[this.seatCategory[p]];
      else if (state === HELD) colour = heldColour;
      else colour = goneColour;
      for (let j = 0; j < size; j++) {
        const row = (dy + j) * W + dx;
        for (let i = 0; i < size; i++) px[row + i] = colour;
      }
    }
    this.ctx.putImageData(this.image, 0, 0);
  }

  seatAt(sx, sy) {
    const [wx, wy] = this.toWorld(sx, sy);
    const cx = Math.floor(wx / CELL);
    const cy = Math.floor(wy / CELL);
    let best = -1;
    let bestDistance = Math.max(6, 8 / this.view.scale) ** 2;
    for (let dx = -1; dx <= 1; dx++) {
      for (let dy = -1; dy <= 1; dy++) {
        for (const p of this.grid.get(this.cellKey(cx + dx, cy + dy)) || []) {
          const d = (this.seatX[p] - wx) ** 2 + (this.seatY[p] - wy) ** 2;
          if (d < bestDistance) {
            bestDistance = d;
            best = p;
          }
        }
      }
    }
    return best >= 0 ? this.seatPlace[best] : -1;
  }

  zoneAt(sx, sy) {
    const [wx, wy] = this.toWorld(sx, sy);
    return this.layout.zones.find((z) => wx >= z.x && wx <= z.x + z.width && wy >= z.y && wy <= z.y + z.height);
  }

  placeTooltip() {
    const place = this.hover >= 0 ? this.hover : this.focused ? this.cursor : -1;
    const pos = place >= 0 ? this.positionOf[place] : -1;
    if (pos < 0) {
      this.tooltip.hidden = true;
      return;
    }
    const [sx, sy] = this.toScreen(this.seatX[pos], this.seatY[pos]);
    if (sx < 0 || sy < 0 || sx > this.width || sy > this.height) {
      this.tooltip.hidden = true;
      return;
    }
    this.tooltip.textContent = this.hooks.describe(place);
    this.tooltip.hidden = false;
    const w = this.tooltip.offsetWidth;
    const h = this.tooltip.offsetHeight;
    this.tooltip.style.left = Math.min(Math.max(4, sx - w / 2), this.width - w - 4) + "px";
    this.tooltip.style.top = (sy - h - 12 < 4 ? sy + 14 : sy - h - 12) + "px";
  }

  /** Moves the keyboard cursor to a place and keeps it in view. */
  moveCursor(place) {
    if (place < 0) return;
    this.cursor = place;
    const pos = this.positionOf[place];
    const [sx, sy] = this.toScreen(this.seatX[pos], this.seatY[pos]);
    const margin = 40;
    if (sx < margin || sy < margin || sx > this.width - margin || sy > this.height - margin) {
      if (this.view.scale < 1.5) this.view.scale = Math.min(MAX_SCALE, 2);
      this.view.x = this.seatX[pos] - this.width / 2 / this.view.scale;
      this.view.y = this.seatY[pos] - this.height / 2 / this.view.scale;
    }
    this.requestDraw();
    this.hooks.onCursor(place);
  }

  firstCursorPlace() {
    for (const row of this.rows) {
      for (const p of row.seats) {
        if (this.isPickable(this.seatPlace[p])) return this.seatPlace[p];
      }
    }
    return this.rows.length ? this.seatPlace[this.rows[0].seats[0]] : -1;
  }

  step(key) {
    if (this.cursor < 0) return this.firstCursorPlace();
    const pos = this.positionOf[this.cursor];
    const { row, at } = this.seatInfo.get(pos);
    const seats = this.rows[row].seats;
    const skip = (p) => this.accessibleOnly && !this.seatAccessible[p];
    if (key === "ArrowLeft" || key === "ArrowRight") {
      const dir = key === "ArrowLeft" ? -1 : 1;
      for (let j = at + dir; j >= 0 && j < seats.length; j += dir) if (!skip(seats[j])) return this.seatPlace[seats[j]];
      return this.cursor;
    }
    if (key === "Home" || key === "End") {
      const order = key === "Home" ? seats : [...seats].reverse();
      const found = order.find((p) => !skip(p));
      return found === undefined ? this.cursor : this.seatPlace[found];
    }
    const dir = key === "ArrowUp" ? -1 : 1;
    const x = this.seatX[pos];
    for (let r = row + dir; r >= 0 && r < this.rows.length; r += dir) {
      let best = -1;
      let bestDistance = Infinity;
      for (const p of this.rows[r].seats) {
        if (skip(p)) continue;
        const d = Math.abs(this.seatX[p] - x);
        if (d < bestDistance) {
          bestDistance = d;
          best = p;
        }
      }
      if (best >= 0) return this.seatPlace[best];
    }
    return this.cursor;
  }

  bindEvents() {
    const c = this.canvas;
    c.addEventListener("focus", () => {
      this.focused = true;
      if (this.cursor < 0) this.moveCursor(this.firstCursorPlace());
      else this.moveCursor(this.cursor);
    });
    c.addEventListener("blur", () => {
      this.focused = false;
      this.requestDraw();
    });
    c.addEventListener("keydown", (e) => {
      if (!this.layout) return;
      const keys = ["ArrowLeft", "ArrowRight", "ArrowUp", "ArrowDown", "Home", "End"];
      if (keys.includes(e.key)) {
        e.preventDefault();
        this.moveCursor(this.step(e.key));
      } else if (e.key === "Enter" || e.key === " ") {
        e.preventDefault();
        if (this.cursor >= 0) this.hooks.onActivate(this.cursor);
      } else if (e.key === "+" || e.key === "=") {
        e.preventDefault();
        this.zoomBy(1.4);
      } else if (e.key === "-") {
        e.preventDefault();
        this.zoomBy(1 / 1.4);
      } else if (e.key === "0") {
        e.preventDefault();
        this.fit();
      }
    });
    c.addEventListener(
      "wheel",
      (e) => {
        e.preventDefault();
        const r = c.getBoundingClientRect();
        this.zoomBy(Math.exp(-e.deltaY * 0.0015), e.clientX - r.left, e.clientY - r.top);
      },
      { passive: false }
    );
    c.addEventListener("pointerdown", (e) => {
      c.setPointerCapture(e.pointerId);
      this.pointers.set(e.pointerId, { x: e.clientX, y: e.clientY, startX: e.clientX, startY: e.clientY });
    });
    c.addEventListener("pointermove", (e) => {
      const r = c.getBoundingClientRect();
      const p = this.pointers.get(e.pointerId);
      if (!p) {
        if (!this.layout) return;
        const place = this.seatAt(e.clientX - r.left, e.clientY - r.top);
        if (place !== this.hover) {
          this.hover = place;
          this.requestDraw();
        }
        return;
      }
      if (this.pointers.size === 2) {
        const [a, b] = [...this.pointers.values()];
        const before = Math.hypot(a.x - b.x, a.y - b.y);
        p.x = e.clientX;
        p.y = e.clientY;
        const after = Math.hypot(a.x - b.x, a.y - b.y);
        if (before > 0) this.zoomBy(after / before, (a.x + b.x) / 2 - r.left, (a.y + b.y) / 2 - r.top);
        p.moved = true;
        return;
      }
      this.panBy(e.clientX - p.x, e.clientY - p.y);
      p.x = e.clientX;
      p.y = e.clientY;
      if (Math.hypot(e.clientX - p.startX, e.clientY - p.startY) > 5) p.moved = true;
    });
    const end = (e) => {
      const p = this.pointers.get(e.pointerId);
      this.pointers.delete(e.pointerId);
      if (!p || p.moved || e.type !== "pointerup" || !this.layout) return;
      const r = c.getBoundingClientRect();
      const sx = e.clientX - r.left;
      const sy = e.clientY - r.top;
      const place = this.seatAt(sx, sy);
      if (place >= 0) {
        this.cursor = place;
        this.hooks.onActivate(place);
        this.requestDraw();
        return;
      }
      const zone = this.zoneAt(sx, sy);
      if (zone) this.hooks.onZone(zone.code);
    };
    c.addEventListener("pointerup", end);
    c.addEventListener("pointercancel", end);
    c.addEventListener("pointerleave", () => {
      if (this.hover >= 0) {
        this.hover = -1;
        this.requestDraw();
      }
    });
  }

  /** Screen position of a place's centre, relative to the canvas (for tests and tooltips). */
  screenPositionOf(place) {
    const pos = this.positionOf[place];
    return pos >= 0 ? this.toScreen(this.seatX[pos], this.seatY[pos]) : null;
  }
}
