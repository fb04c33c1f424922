/**
 * The HTML report of the hwprofile plugin (`html=FILE`): one self-contained page (inline CSS
 * and SVG, no script, nothing fetched) with a summary table and, per device, a chart of its
 * reads and writes over guest time, a heat map of accesses per register offset over the
 * same time axis (rows labelled with the register names the device model knows), and a table
 * of the offsets. Tooltips are SVG `<title>` elements.
 *
 * Not a plugin itself: imported by hwprofile.ts.
 *
 * @module
 */

/** One register offset of a device. */
export interface HtmlOffset {
  /** Offset into the device's region. */
  offset: number;
  /** Register name from the device model, or null. */
  register: string | null;
  reads: number;
  writes: number;
  /** Access sizes seen, in bytes. */
  sizes: number[];
  /** Accesses per time bucket. */
  heat: ArrayLike<number>;
}

/** One device of the report. */
export interface HtmlDevice {
  name: string;
  /** Physical base address. */
  base: number;
  reads: number;
  writes: number;
  /** Reads per time bucket. */
  readsOverTime: ArrayLike<number>;
  /** Writes per time bucket. */
  writesOverTime: ArrayLike<number>;
  offsets: HtmlOffset[];
}

/** What the report shows. */
export interface HtmlReport {
  /** Guest instructions executed (the end of the time axis). */
  instructions: number;
  /** Instructions per time bucket. */
  bucketWidth: number;
  /** Number of buckets in every series. */
  buckets: number;
  /** Devices, most accessed first. */
  devices: HtmlDevice[];
}

const CHART_W = 960;
const LABEL_W = 190;
const PLOT_W = CHART_W - LABEL_W - 20;
const TIMELINE_H = 200;
const ROW_H = 16;
const READ_COLOR = "#1f77b4";
const WRITE_COLOR = "#d62728";

const STYLE = `
body { font: 14px/1.4 system-ui, sans-serif; margin: 2em auto; max-width: 1000px; color: #222; }
h1 { font-size: 1.5em; } h2 { font-size: 1.2em; margin-top: 2em; border-bottom: 1px solid #ccc; }
table { border-collapse: collapse; margin: 0.5em 0; }
th, td { padding: 2px 10px; border-bottom: 1px solid #eee; text-align: right; }
th:first-child, td:first-child, .name { text-align: left; }
td.mono, th.mono { font-family: ui-monospace, monospace; }
svg { display: block; margin: 0.5em 0; background: #fafafa; border: 1px solid #ddd; }
svg text { font: 11px ui-monospace, monospace; fill: #333; }
.legend { font-size: 12px; } .read { color: ${READ_COLOR}; } .write { color: ${WRITE_COLOR}; }
`;

/** Escapes text for HTML and SVG. */
function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** 1234567 -> "1.23M". */
function si(n: number): string {
  if (n < 1000) return String(Math.round(n));
  const units = ["k", "M", "G", "T"];
  let u = -1;
  while (n >= 1000 && u < units.length - 1) {
    n /= 1000;
    u++;
  }
  return `${n.toPrecision(3).replace(/\.?0+$/, "")}${units[u]}`;
}

function hex(n: number, width = 0): string {
  return "0x" + n.toString(16).padStart(width, "0");
}

/** Buckets that cover the run (at least one). */
function usedBuckets(r: HtmlReport): number {
  return Math.max(1, Math.min(r.buckets, Math.ceil(r.instructions / r.bucketWidth)));
}

function timeAxis(r: HtmlReport, x0: number, y: number, w: number): string {
  const end = usedBuckets(r) * r.bucketWidth;
  let out = `<line x1="${x0}" y1="${y}" x2="${x0 + w}" y2="${y}" stroke="#888"/>`;
  for (const f of [0, 0.25, 0.5, 0.75, 1]) {
    const x = x0 + f * w;
    out += `<line x1="${x}" y1="${y}" x2="${x}" y2="${y + 4}" stroke="#888"/>` +
      `<text x="${x}" y="${y + 16}" text-anchor="middle">${si(f * end)}</text>`;
  }
  return out;
}

/** Reads and writes per time bucket as two polylines. */
function timelineSvg(r: HtmlReport, d: HtmlDevice): string {
  const n = usedBuckets(r);
  const top = 20, bottom = TIMELINE_H - 30, h = bottom - top;
  let max = 1;
  for (let i = 0; i < n; i++) max = Math.max(max, d.readsOverTime[i], d.writesOverTime[i]);
  const bw = PLOT_W / n;
  const line = (series: ArrayLike<number>, color: string, label: string) => {
    const pts: string[] = [];
    for (let i = 0; i < n; i++) {
      const x = LABEL_W + (i + 0.5) * bw;
      pts.push(`${x.toFixed(1)},${(bottom - (series[i] / max) * h).toFixed(1)}`);
    }
    return `<polyline class="${label}" fill="none" stroke="${color}" stroke-width="1.5" ` +
      `points="${pts.join(" ")}"><title>${label} per ${si(r.bucketWidth)} instructions` +
      `</title></polyline>`;
  };
  return `<svg class="timeline" data-device="${esc(d.name)}" width="${CHART_W}" ` +
    `height="${TIMELINE_H}" viewBox="0 0 ${CHART_W} ${TIMELINE_H}" ` +
    `xmlns="http://www.w3.org/2000/svg" role="img">` +
    `<title>${esc(d.name)}: accesses over guest time</title>` +
    `<text x="${LABEL_W - 8}" y="${top + 4}" text-anchor="end">${si(max)}</text>` +
    `<text x="${LABEL_W - 8}" y="${bottom}" text-anchor="end">0</text>` +
    `<text x="10" y="${top + h / 2}">accesses per</text>` +
    `<text x="10" y="${top + h / 2 + 14}">${si(r.bucketWidth)} insns</text>` +
    `<line x1="${LABEL_W}" y1="${top}" x2="${LABEL_W}" y2="${bottom}" stroke="#888"/>` +
    timeAxis(r, LABEL_W, bottom, PLOT_W) +
    line(d.readsOverTime, READ_COLOR, "reads") +
    line(d.writesOverTime, WRITE_COLOR, "writes") +
    `<text x="${LABEL_W + PLOT_W}" y="14" text-anchor="end">guest instructions →</text>` +
    `</svg>`;
}

/** Colour of a heat-map cell: light yellow to dark red on a log scale. */
function heatColor(v: number, max: number): string {
  const t = Math.log1p(v) / Math.log1p(max);
  const r = Math.round(255 - 80 * t), g = Math.round(240 - 220 * t), b = Math.round(160 - 150 * t);
  return `rgb(${r},${g},${b})`;
}

/** Accesses per register offset (rows) and time bucket (columns). */
function heatmapSvg(r: HtmlReport, d: HtmlDevice): string {
  const n = usedBuckets(r);
  const top = 10;
  const height = top + d.offsets.length * ROW_H + 30;
  const bw = PLOT_W / n;
  let max = 1;
  for (const o of d.offsets) for (let i = 0; i < n; i++) max = Math.max(max, o.heat[i]);
  let cells = "";
  d.offsets.forEach((o, row) => {
    const y = top + row * ROW_H;
    const name = o.register ?? "";
    cells += `<text x="6" y="${y + ROW_H - 4}">${hex(o.offset, 3)} ${esc(name)}</text>`;
    for (let i = 0; i < n; i++) {
      const v = o.heat[i];
      if (!v) continue;
      const from = i * r.bucketWidth;
      cells += `<rect x="${(LABEL_W + i * bw).toFixed(1)}" y="${y + 1}" ` +
        `width="${Math.max(1, bw).toFixed(1)}" height="${ROW_H - 2}" fill="${heatColor(v, max)}">` +
        `<title>${esc(name || hex(o.offset))}: ${v} accesses, instructions ${si(from)}–` +
        `${si(from + r.bucketWidth)}</title></rect>`;
    }
  });
  return `<svg class="heatmap" data-device="${esc(d.name)}" width="${CHART_W}" ` +
    `height="${height}" viewBox="0 0 ${CHART_W} ${height}" ` +
    `xmlns="http://www.w3.org/2000/svg" role="img">` +
    `<title>${esc(d.name)}: accesses per register over guest time</title>` + cells +
    timeAxis(r, LABEL_W, top + d.offsets.length * ROW_H, PLOT_W) + `</svg>`;
}

function offsetsTable(d: HtmlDevice): string {
  const rows = d.offsets.map((o) =>
    `<tr><td class="mono">${hex(o.offset, 3)}</td><td class="name">${esc(o.register ?? "")}` +
    `</td><td>${o.reads}</td><td>${o.writes}</td><td>${o.sizes.join(", ")}</td></tr>`
  ).join("\n");
  return `<table class="offsets"><tr><th class="mono">offset</th><th class="name">register</th>` +
    `<th>reads</th><th>writes</th><th>sizes (bytes)</th></tr>\n${rows}</table>`;
}

function deviceSection(r: HtmlReport, d: HtmlDevice): string {
  return `<section class="device" id="dev-${esc(d.name)}">
<h2>${esc(d.name)} @ ${hex(d.base)}</h2>
<p><span class="read">${d.reads} reads</span>, <span class="write">${d.writes} writes</span>,
${d.offsets.length} register offsets.</p>
${timelineSvg(r, d)}
${heatmapSvg(r, d)}
${offsetsTable(d)}
</section>`;
}

/** The complete HTML document. */
export function renderHwprofileHtml(r: HtmlReport): string {
  const summary = r.devices.map((d) =>
    `<tr><td class="name"><a href="#dev-${esc(d.name)}">${esc(d.name)}</a></td>` +
    `<td class="mono">${hex(d.base)}</td><td>${d.reads}</td><td>${d.writes}</td></tr>`
  ).join("\n");
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>tsemu hwprofile report</title>
<style>${STYLE}</style>
</head>
<body>
<h1>hwprofile: device accesses</h1>
<p>${r.devices.length} devices; ${r.instructions} guest instructions; time buckets of
${r.bucketWidth} instructions. Lines: <span class="read">reads</span> and
<span class="write">writes</span>; heat maps: accesses per register offset (log scale).</p>
<table class="summary"><tr><th>device</th><th class="mono">address</th><th>reads</th>` +
    `<th>writes</th></tr>
${summary}</table>
${r.devices.map((d) => deviceSection(r, d)).join("\n")}
</body>
</html>
`;
}
