/**
 * The kit's results beside the paper's Table 2: per-seed records and row × method summaries (mean,
 * Student-t 95% CI over seeds, every seed's value, the paper's cell and the difference, raw return,
 * success, length, invalid-action rate), how many of the paper's within-row method orderings hold, and
 * the files `lmrl reproduce` writes (CSV and JSON with arquero, a Markdown table).
 *
 * @example
 * const c = compareResults("data/results", ENV_SPECS);
 * console.log(comparisonMarkdown(c));
 */
import { from, toCSV } from "arquero";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { projectPath } from "../core/paths";
import { writeFileAtomic } from "../core/atomic";
import { ci95, mean } from "../core/stats";
import type { EnvSpec } from "../core/spec";
import { METHOD_COLUMNS, ONLINE_COLUMNS, paperKey, readResults, replaceResultsBlock, type OfflineResult } from "./results";

/** Every method column, in Table 2's order, then GRPO (beyond the paper). */
export const TABLE2_METHODS: readonly (readonly [string, string])[] = [...METHOD_COLUMNS, ...ONLINE_COLUMNS];

/** One seed's result, flat (a CSV row). */
export interface SeedRecord {
  readonly row: string;
  readonly method: string;
  readonly seed: number;
  readonly score: number;
  readonly scoreOurs: number | null;
  readonly return: number | null;
  readonly success: number | null;
  readonly length: number | null;
  readonly invalidRate: number | null;
  readonly episodes: number;
  readonly minutes: number;
  readonly commit: string;
}

/** One row × method over its seeds. */
export interface SummaryRecord {
  readonly row: string;
  readonly method: string;
  readonly label: string;
  readonly seeds: number;
  readonly scores: readonly number[];
  readonly mean: number;
  /** Half-width of the Student-t 95% interval; null with one seed. */
  readonly ci95: number | null;
  readonly paper: number | null;
  readonly diff: number | null;
  readonly meanOurs: number | null;
  readonly return: number | null;
  readonly success: number | null;
  readonly length: number | null;
  readonly invalidRate: number | null;
  readonly minutes: number;
}

/** How many of the paper's pairwise method orderings within a row the kit's means reproduce. */
export interface OrderingRecord {
  readonly row: string;
  /** Pairs of methods both the paper and the kit have, with different paper scores. */
  readonly pairs: number;
  readonly holds: number;
  /** The pairs that do not hold, "ILQL > BC" as the paper has them. */
  readonly broken: readonly string[];
}

export interface Comparison {
  readonly seeds: readonly SeedRecord[];
  readonly summary: readonly SummaryRecord[];
  readonly orderings: readonly OrderingRecord[];
}

const num = (x: unknown): number | null => (typeof x === "number" && Number.isFinite(x) ? x : null);
const meanOf = (xs: readonly (number | null)[]): number | null => (xs.every((x) => x !== null) && xs.length > 0 ? mean(xs as number[]) : null);
const round = (x: number | null, d = 3): number | null => (x === null ? null : +x.toFixed(d));
const methodLabel = (m: string): string => TABLE2_METHODS.find(([k]) => k === m)?.[1] ?? m;

/** The methods a comparison holds, as [key, label]: Table 2's in its order, then any other algorithm under its own name. */
export function methodColumns(c: Pick<Comparison, "summary">): [string, string][] {
  const present = new Set(c.summary.map((s) => s.method));
  return [...TABLE2_METHODS.filter(([k]) => present.has(k)).map(([k, l]) => [k, l] as [string, string]), ...[...present].filter((m) => !TABLE2_METHODS.some(([k]) => k === m)).map((m) => [m, m] as [string, string])];
}

function seedRecord(r: OfflineResult & { meanLength?: number }): SeedRecord {
  return {
    row: r.env, method: r.algorithm, seed: r.seed, score: r.score, scoreOurs: num(r.scoreOurs), return: num(r.meanReturn), success: num(r.successRate),
    length: num(r.meanLength), invalidRate: num(r.taskMetrics?.invalid_rate), episodes: r.evalEpisodes, minutes: +(r.seconds / 60).toFixed(2), commit: r.commit,
  };
}

/** The comparison over every results file under root (rows in the order of `registered`, the registry's list; methods in Table 2's). */
export function compareResults(root: string, registered: readonly EnvSpec[]): Comparison {
  const all = readResults(root);
  const seeds: SeedRecord[] = [];
  const summary: SummaryRecord[] = [];
  for (const spec of registered) {
    const byAlgo = all.get(spec.id);
    if (!byAlgo) continue;
    const methods = [...TABLE2_METHODS.map(([k]) => k).filter((k) => byAlgo.has(k)), ...[...byAlgo.keys()].filter((k) => !TABLE2_METHODS.some(([m]) => m === k))];
    for (const method of methods) {
      const rs = [...byAlgo.get(method)!].sort((a, b) => a.seed - b.seed).map(seedRecord);
      seeds.push(...rs);
      const scores = rs.map((r) => r.score);
      const paper = spec.paperScores?.[paperKey(method)] ?? null;
      const m = mean(scores);
      summary.push({
        row: spec.id, method, label: methodLabel(method), seeds: rs.length, scores, mean: +m.toFixed(2), ci95: rs.length > 1 ? +ci95(scores).toFixed(2) : null,
        paper, diff: paper === null ? null : +(m - paper).toFixed(2), meanOurs: round(meanOf(rs.map((r) => r.scoreOurs)), 2),
        return: round(meanOf(rs.map((r) => r.return)), 4), success: round(meanOf(rs.map((r) => r.success))), length: round(meanOf(rs.map((r) => r.length)), 2),
        invalidRate: round(meanOf(rs.map((r) => r.invalidRate))), minutes: +mean(rs.map((r) => r.minutes)).toFixed(1),
      });
    }
  }
  return { seeds, summary, orderings: orderings(summary) };
}

/** Per row: the pairs of methods whose paper order (strictly better / worse) the kit's means repeat. */
export function orderings(summary: readonly SummaryRecord[]): OrderingRecord[] {
  const out: OrderingRecord[] = [];
  for (const row of [...new Set(summary.map((s) => s.row))]) {
    const ms = summary.filter((s) => s.row === row && s.paper !== null);
    let pairs = 0;
    let holds = 0;
    const broken: string[] = [];
    for (let i = 0; i < ms.length; i++) {
      for (let j = i + 1; j < ms.length; j++) {
        const [a, b] = ms[i].paper! >= ms[j].paper! ? [ms[i], ms[j]] : [ms[j], ms[i]];
        if (a.paper === b.paper) continue;
        pairs++;
        if (a.mean > b.mean) holds++;
        else broken.push(`${a.label} > ${b.label}`);
      }
    }
    out.push({ row, pairs, holds, broken });
  }
  return out;
}

const f1 = (x: number | null): string => (x === null ? "–" : x.toFixed(1));
const signed = (x: number): string => `${x >= 0 ? "+" : "−"}${Math.abs(x).toFixed(1)}`;

/**
 * "50.5 ± 2.8" over seeds, or the one score: from the per-seed scores, not the record's mean and CI (kept
 * to 2 decimals for the CSV), so a CI of 4.5507 reads 4.6 here as in the task tables, not 4.55 → "4.5".
 */
export function meanCell(s: SummaryRecord): string {
  return s.scores.length > 1 ? `${f1(mean(s.scores))} ± ${f1(ci95(s.scores))}` : f1(s.scores[0] ?? s.mean);
}

/**
 * Markdown: the kit's normalised scores (paper anchors) beside Table 2, one line per row with each
 * method's "kit (paper, Δ)" and the orderings that hold; then raw numbers per row × method.
 */
export function comparisonMarkdown(c: Comparison): string {
  const methods = methodColumns(c);
  const rows = [...new Set(c.summary.map((s) => s.row))];
  const lines = [
    `| row | seeds | ${methods.map(([, l]) => l).join(" | ")} | paper orderings that hold |`,
    `|---|---|${methods.map(() => "---|").join("")}---|`,
  ];
  for (const row of rows) {
    const n = [...new Set(c.seeds.filter((s) => s.row === row).map((s) => s.seed))].sort((a, b) => a - b);
    const cells = methods.map(([k]) => {
      const s = c.summary.find((x) => x.row === row && x.method === k);
      if (!s) return "–";
      return s.paper === null ? meanCell(s) : `${meanCell(s)} (paper ${f1(s.paper)}, ${signed(mean(s.scores) - s.paper)})`;
    });
    const o = c.orderings.find((x) => x.row === row)!;
    lines.push(`| ${row} | ${n.join(", ")} | ${cells.join(" | ")} | ${o.pairs ? `${o.holds} of ${o.pairs}` : "–"} |`);
  }
  const held = c.orderings.reduce((a, o) => a + o.holds, 0);
  const pairs = c.orderings.reduce((a, o) => a + o.pairs, 0);
  lines.push("", `Normalised score, paper anchors (0 = minimum return, 50 = dataset average, 100 = maximum; paper Table 5): mean ± Student-t 95% CI over seeds (one seed: no interval), the paper's Table-2 cell and the difference. Orderings: of the pairs of methods in a row whose paper scores differ, how many the kit's means order the same way (${held} of ${pairs} over all rows).`);
  lines.push("", "| row | method | seeds | scores per seed | score, our anchors | return | success | length | invalid actions | episodes | minutes per run |", "|---|---|---|---|---|---|---|---|---|---|---|");
  for (const s of c.summary) {
    const eps = [...new Set(c.seeds.filter((r) => r.row === s.row && r.method === s.method).map((r) => r.episodes))].join(", ");
    const pct = (x: number | null) => (x === null ? "–" : `${(100 * x).toFixed(1)}%`);
    lines.push(`| ${s.row} | ${s.label} | ${s.seeds} | ${s.scores.map((x) => x.toFixed(1)).join(" / ")} | ${f1(s.meanOurs)} | ${s.return === null ? "–" : s.return.toFixed(3)} | ${pct(s.success)} | ${s.length === null ? "–" : s.length.toFixed(1)} | ${pct(s.invalidRate)} | ${eps} | ${s.minutes.toFixed(1)} |`);
  }
  return lines.join("\n") + "\n";
}

/**
 * Write results.csv/json (one line per seed), by-method.csv/json (row × method), orderings.json and
 * table.md into dir (beside the results files; the offline bench's summary.json is another file); returns the paths.
 */
export function writeComparison(c: Comparison, dir: string): string[] {
  const flat = c.summary.map((s) => ({ ...s, scores: s.scores.join(" ") }));
  const files: [string, string][] = [
    ["results.csv", toCSV(from(c.seeds as unknown as object[]))],
    ["results.json", JSON.stringify(c.seeds, null, 1) + "\n"],
    ["by-method.csv", toCSV(from(flat as unknown as object[]))],
    ["by-method.json", JSON.stringify(c.summary, null, 1) + "\n"],
    ["orderings.json", JSON.stringify(c.orderings, null, 1) + "\n"],
    ["table.md", comparisonMarkdown(c)],
  ];
  return files.map(([name, text]) => {
    const p = join(dir, name);
    writeFileAtomic(p, text.endsWith("\n") ? text : text + "\n");
    return p;
  });
}

/** The paper's Table-2 cell of a row and method, or null (for figures and notebooks). */
export function paperCell(spec: EnvSpec, method: string): number | null {
  return spec.paperScores?.[paperKey(method)] ?? null;
}

/**
 * Write the comparison of a results folder into README.md's `<!-- offline-results:reproduce -->` block
 * (the measured table is regenerated, never typed). Returns whether the file changed.
 */
export function updateReadmeComparison(root: string, registered: readonly EnvSpec[], readme = projectPath("README.md")): boolean {
  const before = readFileSync(readme, "utf8");
  const after = replaceResultsBlock(before, "reproduce", comparisonMarkdown(compareResults(root, registered)));
  if (after === before) return false;
  writeFileAtomic(readme, after);
  return true;
}
