/**
 * Plain-text tables for the terminal: aligned columns, numbers right-aligned, and the Table-1
 * statistics of a dataset printed beside the paper's row.
 */
import type { DatasetStats } from "../core/types";

type Cell = string | number | boolean | null | undefined;

function show(v: Cell, digits: number): string {
  if (typeof v === "number") return digits === 0 ? String(v) : v.toFixed(digits);
  return v === null || v === undefined ? "" : String(v);
}

/**
 * @example
 * formatTable([{ env: "maze-fo", score: 100 }]);
 * // env      score
 * // -------  -----
 * // maze-fo    100
 */
export function formatTable(rows: readonly Record<string, Cell>[], digits = 3): string {
  if (rows.length === 0) return "(no rows)";
  const cols = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  // integer-only columns (counts, ids) print without decimals; other numbers with `digits`
  const colDigits = cols.map((c) => (rows.every((r) => typeof r[c] !== "number" || Number.isInteger(r[c])) ? 0 : digits));
  const cells = rows.map((r) => cols.map((c, j) => show(r[c], colDigits[j])));
  const numeric = cols.map((c) => rows.every((r) => typeof r[c] === "number" || r[c] === undefined));
  const width = cols.map((c, j) => Math.max(c.length, ...cells.map((row) => row[j].length)));
  const pad = (s: string, j: number) => (numeric[j] ? s.padStart(width[j]) : s.padEnd(width[j]));
  const line = (row: string[]) => row.map(pad).join("  ").trimEnd();
  return [line(cols), line(width.map((w) => "-".repeat(w))), ...cells.map(line)].join("\n");
}

/** Decimals per Table-1 statistic: counts none, rates 3, lengths and returns 2. */
const STAT_DIGITS: Readonly<Record<keyof DatasetStats, number>> = { trajectories: 0, meanLength: 2, stdLength: 2, successRate: 3, meanReturn: 2, stdReturn: 2 };

/** Our dataset's Table-1 columns beside the paper's, with the relative difference (explained under the table). */
export function formatStatsTable(ours: DatasetStats, paper?: DatasetStats): string {
  const keys = Object.keys(STAT_DIGITS) as (keyof DatasetStats)[];
  const rows = keys.map((k) => [
    k,
    ours[k].toFixed(STAT_DIGITS[k]),
    paper ? paper[k].toFixed(STAT_DIGITS[k]) : "",
    paper && paper[k] !== 0 ? ((100 * (ours[k] - paper[k])) / Math.abs(paper[k])).toFixed(1) : "",
  ]);
  const head = ["column", "ours", "paper", "diff %"];
  const width = head.map((h, j) => Math.max(h.length, ...rows.map((r) => r[j].length)));
  const line = (r: string[]) => r.map((c, j) => (j === 0 ? c.padEnd(width[j]) : c.padStart(width[j]))).join("  ").trimEnd();
  const note = paper ? "\ndiff % = 100 · (ours − paper) / |paper|" : "";
  return [line(head), line(width.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n") + note;
}
