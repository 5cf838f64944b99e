// A small line chart in inline SVG: cumulative sales over time, one line per series. No library;
// the SVG is an image with a title and description, and the page shows the same data as a table.

const NS = "http://www.w3.org/2000/svg";

function node(name, attrs = {}, text) {
  const n = document.createElementNS(NS, name);
  for (const [k, v] of Object.entries(attrs)) n.setAttribute(k, String(v));
  if (text !== undefined) n.textContent = text;
  return n;
}

function niceStep(max) {
  const raw = max / 4;
  const power = 10 ** Math.floor(Math.log10(Math.max(raw, 1)));
  for (const m of [1, 2, 5, 10]) if (m * power >= raw) return m * power;
  return 10 * power;
}

/**
 * @param series [{name, colour, points: [{t: ms, v: cumulative}]}]
 * @param options {title, description, start (ms), end (ms), formatTime(ms), formatValue(v)}
 */
export function lineChart(series, options) {
  const width = 640;
  const height = 260;
  const pad = { left: 48, right: 16, top: 16, bottom: 36 };
  const svg = node("svg", { viewBox: `0 0 ${width} ${height}`, role: "img", class: "chart", preserveAspectRatio: "xMidYMid meet" });
  const titleId = "chart-title-" + Math.random().toString(36).slice(2, 8);
  svg.setAttribute("aria-labelledby", titleId + " " + titleId + "-desc");
  svg.append(node("title", { id: titleId }, options.title), node("desc", { id: titleId + "-desc" }, options.description));
  const start = options.start;
  const end = Math.max(options.end, start + 60000);
  const max = Math.max(1, ...series.flatMap((s) => s.points.map((p) => p.v)));
  const step = niceStep(max);
  const top = Math.ceil(max / step) * step;
  const x = (ms) => pad.left + ((Math.min(Math.max(ms, start), end) - start) / (end - start)) * (width - pad.left - pad.right);
  const y = (v) => height - pad.bottom - (v / top) * (height - pad.top - pad.bottom);
  const axes = node("g", { class: "axes", "aria-hidden": "true" });
  for (let v = 0; v <= top; v += step) {
    axes.append(node("line", { x1: pad.left, x2: width - pad.right, y1: y(v), y2: y(v), class: "grid" }));
    axes.append(node("text", { x: pad.left - 6, y: y(v) + 4, "text-anchor": "end" }, options.formatValue(v)));
  }
  for (let k = 0; k <= 4; k++) {
    const ms = start + ((end - start) * k) / 4;
    axes.append(node("text", { x: x(ms), y: height - pad.bottom + 18, "text-anchor": k === 0 ? "start" : k === 4 ? "end" : "middle" }, options.formatTime(ms)));
  }
  axes.append(node("line", { x1: pad.left, x2: width - pad.right, y1: y(0), y2: y(0), class: "axis" }));
  axes.append(node("line", { x1: pad.left, x2: pad.left, y1: pad.top, y2: y(0), class: "axis" }));
  svg.append(axes);
  series.forEach((s, index) => {
    const points = [{ t: start, v: 0 }, ...s.points, { t: end, v: s.points.length ? s.points[s.points.length - 1].v : 0 }];
    let d = "";
    let last = 0;
    for (const p of points) {
      // a step line: the count holds until the next minute's sales
      d += d ? ` L${x(p.t).toFixed(1)},${y(last).toFixed(1)} L${x(p.t).toFixed(1)},${y(p.v).toFixed(1)}` : `M${x(p.t).toFixed(1)},${y(p.v).toFixed(1)}`;
      last = p.v;
    }
    svg.append(node("path", { d, fill: "none", stroke: s.colour, "stroke-width": s.total ? 3 : 2, "stroke-dasharray": s.total ? "" : index % 2 ? "6 3" : "", "data-series": s.name }));
  });
  return svg;
}

/** Cumulative points from per-minute sales [{minute, sold}]. */
export function cumulative(perMinute) {
  let sum = 0;
  return perMinute.map((m) => ({ t: Date.parse(m.minute), v: (sum += m.sold) }));
}
