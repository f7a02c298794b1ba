/**
 * A dependency-free SVG line chart: what the trainer's live notebook display draws (no plotly.js, so it
 * renders in JupyterLab, the classic Notebook, untrusted notebooks and on GitHub alike).
 */
import { escapeHtml as esc } from "./display";

export interface Series {
  readonly name: string;
  readonly points: readonly (readonly [number, number])[];
  readonly color?: string;
}

const COLORS = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd"];

/** Keeps at most `max` points, evenly spaced, always the first and the last. */
export function thin<T>(points: readonly T[], max: number): readonly T[] {
  if (points.length <= max) return points;
  const out: T[] = [];
  for (let i = 0; i < max; i++) out.push(points[Math.round((i * (points.length - 1)) / (max - 1))]);
  return out;
}

/** Three significant digits, no exponent below 1e6 (axis labels). */
function tick(v: number): string {
  if (v === 0) return "0";
  const a = Math.abs(v);
  return a >= 1e6 || a < 1e-3 ? v.toExponential(1) : String(Number(v.toPrecision(3)));
}

/**
 * An SVG line chart of `series` (x = step) with min/max axis labels and a legend.
 *
 * @example
 * svgLineChart("loss", [{ name: "train", points: [[1, 2.3], [2, 1.9]] }]); // "<svg ...>...</svg>"
 */
export function svgLineChart(title: string, series: readonly Series[], o: { width?: number; height?: number } = {}): string {
  const W = o.width ?? 420;
  const H = o.height ?? 180;
  const L = 46, R = 8, T = 22, B = 20;
  const pts = series.flatMap((s) => s.points).filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y));
  const head = `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="11">`;
  const titleEl = `<text x="${L}" y="14" font-weight="bold">${esc(title)}</text>`;
  if (pts.length === 0) return `${head}${titleEl}<text x="${L}" y="${H / 2}" fill="#888">waiting for data</text></svg>`;
  let [x0, x1, y0, y1] = [Math.min(...pts.map((p) => p[0])), Math.max(...pts.map((p) => p[0])), Math.min(...pts.map((p) => p[1])), Math.max(...pts.map((p) => p[1]))];
  if (x1 === x0) x1 = x0 + 1;
  if (y1 === y0) (y0 -= 0.5), (y1 += 0.5);
  const sx = (x: number) => (L + ((x - x0) / (x1 - x0)) * (W - L - R)).toFixed(1);
  const sy = (y: number) => (H - B - ((y - y0) / (y1 - y0)) * (H - T - B)).toFixed(1);
  const axes = `<rect x="${L}" y="${T}" width="${W - L - R}" height="${H - T - B}" fill="none" stroke="#ccc"/>` +
    `<text x="${L - 4}" y="${T + 8}" text-anchor="end">${tick(y1)}</text><text x="${L - 4}" y="${H - B}" text-anchor="end">${tick(y0)}</text>` +
    `<text x="${L}" y="${H - 6}">${tick(x0)}</text><text x="${W - R}" y="${H - 6}" text-anchor="end">${tick(x1)}</text>`;
  const lines = series.map((s, i) => {
    const color = s.color ?? COLORS[i % COLORS.length];
    const p = thin(s.points.filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y)), 400);
    const path = p.map(([x, y]) => `${sx(x)},${sy(y)}`).join(" ");
    const mark = p.length === 1 ? `<circle cx="${sx(p[0][0])}" cy="${sy(p[0][1])}" r="2.5" fill="${color}"/>` : "";
    const legend = `<text x="${W - R - 4}" y="${T + 14 + 13 * i}" text-anchor="end" fill="${color}">${esc(s.name)}</text>`;
    return `<polyline fill="none" stroke="${color}" stroke-width="1.5" points="${path}"/>${mark}${legend}`;
  });
  return `${head}${titleEl}${axes}${lines.join("")}</svg>`;
}
