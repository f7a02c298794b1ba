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

/** Our dataset's Table-1 columns beside the paper's, with the relative difference. */
export function formatStatsTable(ours: DatasetStats, paper?: DatasetStats): string {
  const keys: (keyof DatasetStats)[] = ["trajectories", "meanLength", "stdLength", "successRate", "meanReturn", "stdReturn"];
  return formatTable(
    keys.map((k) => ({
      column: k,
      ours: ours[k],
      paper: paper?.[k],
      "diff %": paper && paper[k] !== 0 ? (100 * (ours[k] - paper[k])) / Math.abs(paper[k]) : undefined,
    })),
  );
}
