/**
 * The figures of a reproduce run, as plotly.js figure specs (written by src/report/figure.ts as HTML,
 * and PNG/SVG when Chromium is installed; shown inline by notebooks with src/report/display.ts):
 *
 *  - scoreBars: per row, one bar per method (mean over seeds, Student-t 95% whiskers) with the paper's
 *    Table-2 cell marked beside it;
 *  - paperScatter: every row × method, the paper's score against the kit's, with the diagonal;
 *  - learningCurves: one row's methods over training (normalised score of each evaluation or online
 *    round, and the training loss), one line per seed.
 */
import type { FigureSpec } from "./figure";
import { methodColumns, TABLE2_METHODS, type Comparison } from "./compare";
import type { OfflineResult } from "./results";

/** One colour per method, the same in every figure (plotly's default palette, in Table 2's order). */
const COLORS = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f"];
export const methodColor = (method: string): string => {
  const i = TABLE2_METHODS.findIndex(([k]) => k === method);
  return i < 0 ? COLORS[COLORS.length - 1] : COLORS[i % COLORS.length]; // methods beyond Table 2: grey
};

/**
 * Grouped bars (x: row, then method) with CI whiskers, and the paper's cells as black markers on the
 * same positions. More than four rows are split over two stacked panels, so the figure stays readable.
 */
export function scoreBars(c: Comparison, title = "Normalised score by row and method (mean ± 95% t-CI over seeds; ◆ the paper's Table 2)"): FigureSpec {
  const rows = [...new Set(c.summary.map((s) => s.row))];
  const perPanel = rows.length > 4 ? Math.ceil(rows.length / 2) : rows.length;
  const panels = rows.length > 4 ? [rows.slice(0, perPanel), rows.slice(perPanel)] : [rows];
  const data: Record<string, unknown>[] = [];
  const legend = new Set<string>();
  panels.forEach((panelRows, p) => {
    const axes = { xaxis: p === 0 ? "x" : `x${p + 1}`, yaxis: p === 0 ? "y" : `y${p + 1}` };
    for (const [method, label] of methodColumns(c)) {
      const at = panelRows.flatMap((r) => c.summary.filter((s) => s.row === r && s.method === method));
      if (at.length === 0) continue;
      data.push({
        type: "bar", name: label, legendgroup: method, showlegend: !legend.has(method), ...axes,
        x: [at.map((s) => s.row), at.map(() => label)], y: at.map((s) => s.mean), marker: { color: methodColor(method) },
        error_y: { type: "data", array: at.map((s) => s.ci95 ?? 0), visible: true, thickness: 1.2, width: 3 },
        customdata: at.map((s) => `${s.scores.map((v) => v.toFixed(1)).join(" / ")} (${s.seeds} seed${s.seeds > 1 ? "s" : ""})`),
        hovertemplate: `%{x}: %{y:.1f} ± %{error_y.array:.1f}<br>seeds: %{customdata}<extra>${label}</extra>`,
      });
      legend.add(method);
      const withPaper = at.filter((s) => s.paper !== null);
      if (withPaper.length === 0) continue;
      data.push({
        type: "scatter", mode: "markers", name: "paper (Table 2)", legendgroup: "paper", showlegend: !legend.has("paper"), ...axes,
        x: [withPaper.map((s) => s.row), withPaper.map(() => label)], y: withPaper.map((s) => s.paper),
        marker: { symbol: "diamond", size: 7, color: "black" }, hovertemplate: `paper ${label}: %{y:.1f}<extra></extra>`,
      });
      legend.add("paper");
    }
  });
  const height = panels.length === 2 ? 0.42 : 1;
  const layout: Record<string, unknown> = {
    bargap: 0.15,
    legend: { orientation: "h", y: 1.06 },
    margin: { b: 110 },
    shapes: panels.flatMap((_, p) => [50, 100].map((y) => ({ type: "line", xref: `${p === 0 ? "x" : `x${p + 1}`} domain`, yref: p === 0 ? "y" : `y${p + 1}`, x0: 0, x1: 1, y0: y, y1: y, line: { dash: "dot", width: 1, color: "#999" } }))),
  };
  panels.forEach((_, p) => {
    const k = p === 0 ? "" : String(p + 1);
    const top = p === 0 ? 1 : height;
    layout[`xaxis${k}`] = { type: "multicategory", tickangle: -90, anchor: `y${k}` };
    layout[`yaxis${k}`] = { title: { text: "normalised score" }, range: [-5, 110], domain: panels.length === 2 ? (p === 0 ? [1 - height, 1] : [0, height]) : [0, 1], anchor: `x${k}` };
    void top;
  });
  const widest = Math.max(...panels.map((r) => c.summary.filter((s) => r.includes(s.row)).length));
  return { title, data, width: Math.min(1500, Math.max(900, 36 * widest + 200)), height: panels.length === 2 ? 1000 : 560, layout };
}

/** Marker symbols of the rows in a paper-vs-kit scatter, in the order rows first appear. */
const ROW_SYMBOLS = ["circle", "square", "diamond", "triangle-up", "triangle-down", "star", "pentagon", "hexagon", "cross", "x", "hourglass", "bowtie"];

/**
 * Paper (x) against kit (y) for every row × method with a paper cell, whiskers the CI, and the diagonal
 * y = x. Colour is the method and the marker's shape the row (a legend entry each): 60-odd points
 * labelled with text would overlap into an unreadable cluster near 0.
 */
export function paperScatter(c: Comparison, title = "The kit's scores against the paper's (Table 2); on the diagonal they agree"): FigureSpec {
  const data: Record<string, unknown>[] = [];
  const rows = [...new Set(c.summary.filter((s) => s.paper !== null).map((s) => s.row))];
  const symbolOf = (row: string) => ROW_SYMBOLS[rows.indexOf(row) % ROW_SYMBOLS.length];
  for (const [method, label] of TABLE2_METHODS) {
    const ss = c.summary.filter((s) => s.method === method && s.paper !== null);
    if (ss.length === 0) continue;
    data.push({
      type: "scatter", mode: "markers", name: label, legendgroup: "methods", legendgrouptitle: { text: "method (colour)" },
      x: ss.map((s) => s.paper), y: ss.map((s) => s.mean), text: ss.map((s) => s.row),
      marker: { size: 10, color: methodColor(method), symbol: ss.map((s) => symbolOf(s.row)), line: { width: 0.5, color: "#fff" } },
      error_y: { type: "data", array: ss.map((s) => s.ci95 ?? 0), visible: true, thickness: 1, width: 2, color: methodColor(method) },
      hovertemplate: `%{text} ${label}: paper %{x:.1f}, kit %{y:.1f}<extra></extra>`,
    });
  }
  // Legend-only entries (no points) naming each row's shape.
  for (const row of rows) {
    data.push({ type: "scatter", mode: "markers", name: row, legendgroup: "rows", legendgrouptitle: { text: "row (shape)" }, x: [null], y: [null], marker: { size: 10, color: "#777", symbol: symbolOf(row) }, hoverinfo: "skip" });
  }
  return {
    title,
    data,
    width: 860,
    height: 700,
    layout: {
      xaxis: { title: { text: "paper (Table 2)" }, range: [-5, 110] },
      yaxis: { title: { text: "this kit (mean over seeds)" }, range: [-5, 110], scaleanchor: "x" },
      legend: { tracegroupgap: 16 },
      shapes: [{ type: "line", x0: 0, y0: 0, x1: 105, y1: 105, line: { dash: "dash", width: 1, color: "#666" } }],
    },
  };
}

/** What learningCurves needs of one run: its method, seed, step count, curve and loss. */
export interface CurveRun {
  readonly method: string;
  readonly seed: number;
  readonly steps: number;
  readonly curve: readonly { readonly step: number; readonly score: number }[];
  readonly loss?: readonly { readonly step: number; readonly loss: number }[];
}

/**
 * The learning curve of a results file: its `curve` and `loss`, or, in an online-bench file written before
 * results carried `curve`, the per-round scores (`online.curve`) as steps 1 … rounds; older offline-bench
 * files have neither (empty).
 */
export function curveRunOf(r: OfflineResult): CurveRun {
  return { method: r.algorithm, seed: r.seed, steps: r.steps, curve: r.curve ?? (r.online?.curve ?? []).map((score, i) => ({ step: i + 1, score })), loss: r.loss ?? [] };
}

/**
 * One row's runs over training (x: share of the run's steps, so methods of different lengths line up):
 * top, the normalised score of every evaluation during training and of every online round; bottom,
 * the training loss (log scale). One line per run, coloured by method.
 */
export function learningCurves(row: string, runs: readonly CurveRun[]): FigureSpec {
  const data: Record<string, unknown>[] = [];
  const shown = new Set<string>();
  for (const r of [...runs].sort((a, b) => TABLE2_METHODS.findIndex(([k]) => k === a.method) - TABLE2_METHODS.findIndex(([k]) => k === b.method) || a.seed - b.seed)) {
    const label = TABLE2_METHODS.find(([k]) => k === r.method)?.[1] ?? r.method;
    const color = methodColor(r.method);
    const first = !shown.has(r.method);
    shown.add(r.method);
    if (r.curve.length > 0) {
      data.push({
        type: "scatter", mode: r.curve.length > 1 ? "lines+markers" : "markers", name: label, legendgroup: r.method, showlegend: first,
        x: r.curve.map((p) => p.step / Math.max(1, r.steps)), y: r.curve.map((p) => p.score), line: { color, width: 1.5 }, marker: { color, size: 5 },
        hovertemplate: `${label} seed ${r.seed}: step %{customdata}, score %{y:.1f}<extra></extra>`, customdata: r.curve.map((p) => p.step),
      });
    }
    if (r.loss && r.loss.length > 0) {
      data.push({
        type: "scatter", mode: "lines", name: label, legendgroup: r.method, showlegend: first && r.curve.length === 0, xaxis: "x", yaxis: "y2",
        x: r.loss.map((p) => p.step / Math.max(1, r.steps)), y: r.loss.map((p) => p.loss), line: { color, width: 1 }, opacity: 0.8,
        hovertemplate: `${label} seed ${r.seed}: step %{customdata}, loss %{y:.3f}<extra></extra>`, customdata: r.loss.map((p) => p.step),
      });
    }
  }
  const withLoss = data.some((d) => d.yaxis === "y2");
  const x = { title: { text: "share of the run's training steps" }, range: [0, 1.02] };
  const score = { title: { text: "normalised score" }, ...flatScoreRange(runs) };
  return {
    title: `${row}: learning curves (normalised score of evaluations and online rounds${withLoss ? "; training loss" : ""}), one line per seed`,
    data,
    width: 900,
    height: withLoss ? 640 : 420,
    layout: withLoss
      ? { xaxis: { ...x, anchor: "y2" }, yaxis: { ...score, domain: [0.55, 1] }, yaxis2: { title: { text: "training loss" }, domain: [0, 0.45], type: "log" } }
      : { xaxis: x, yaxis: score },
  };
}

/**
 * The score panel's range when every score lies within one point (Endgames' all-zero row): Plotly
 * would otherwise draw -1 … 1, which reads like a spread; the 0 … 100 scale shows where the runs sit.
 * Empty (autorange) when the scores spread.
 */
function flatScoreRange(runs: readonly CurveRun[]): { range?: [number, number] } {
  const ys = runs.flatMap((r) => r.curve.map((p) => p.score));
  if (ys.length === 0) return {};
  const lo = Math.min(...ys), hi = Math.max(...ys);
  return hi - lo < 1 ? { range: [Math.min(0, lo) - 5, Math.max(100, hi) + 5] } : {};
}
