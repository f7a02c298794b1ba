/**
 * Results of trained runs: one JSON file per (row, method, seed) under a results root
 * (`data/results/<row>/<algo>-seed<S>.json`, written by `lmrl reproduce` and the offline/online
 * benches), read back into summaries over seeds (mean and Student-t 95% CI), the Markdown tables the
 * READMEs show (their marked blocks are rewritten, not typed), and what makes two runs the same recipe.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { writeFileAtomic } from "../core/atomic";
import { canonicalJson } from "../core/pipeline";
import { projectPath } from "../core/paths";
import type { EnvSpec } from "../core/spec";
import { ci95, mean } from "../core/stats";

/** One (row, algorithm, seed) training run. */
export interface OfflineJob {
  readonly env: string;
  readonly algorithm: string;
  readonly seed: number;
}

/** What a finished run leaves in data/results/<row>/<algo>-seed<S>.json. */
export interface OfflineResult extends OfflineJob {
  readonly score: number;
  readonly scoreOurs: number;
  readonly meanReturn: number;
  readonly successRate: number;
  readonly evalEpisodes: number;
  readonly taskMetrics: Readonly<Record<string, number>>;
  readonly steps: number;
  readonly seconds: number;
  readonly tokens: number;
  readonly tokensPerSec: number;
  readonly path: string;
  readonly threads: number | null;
  readonly commit: string;
  readonly date: string;
  /** The resolved config without machine-specific paths: a results file is reused only when it matches. */
  readonly config: Record<string, unknown>;
  /** Online methods: rollout throughput. */
  readonly online?: OnlineSummary;
  /** The learning curve (`curveOf`): absent from files the benches wrote before they recorded it. */
  readonly curve?: readonly CurvePoint[];
  /** The evaluation's seed (reproduce runs: the protocol's 10,000 + seed; the benches do not record it). */
  readonly evalSeed?: number;
  /** Training loss every logged step, at most ~100 points (`lossOf`; reproduce runs). */
  readonly loss?: readonly { readonly step: number; readonly loss: number }[];
  /**
   * The row's tokenizer the run used (`tokenizerHash`, src/model/tokenizer.ts): a file is reused only
   * while the shipped tokenizer is the same. Absent from files written before it was recorded (2026-12-05),
   * which are trusted.
   */
  readonly tokenizer?: string;
  /**
   * A method that starts from BC, run by `reproduce`: the hash of the BC training stage it started from,
   * matched against the seed's BC file's `stages.train`; when they differ, or it is absent (bench files,
   * files written before 2026-12-05), the dates decide (see `finishedResult`).
   */
  readonly start?: { readonly train: string };
  /** `reproduce` runs: the hashes of the cell's training and evaluation stages. */
  readonly stages?: { readonly train: string; readonly eval: string };
}

/** One point of a learning curve: a step (an online method's round) and the normalised score there. */
export interface CurvePoint {
  readonly step: number;
  readonly score: number;
}

/** What an online run adds to its results file. */
export interface OnlineSummary {
  /** Episodes rolled out per second of rollout time, averaged over rounds. */
  readonly episodesPerSec: number;
  /** Generated (action) tokens per second of rollout time. */
  readonly genTokPerSec: number;
  /** Share of a round's wall time spent in rollouts (the rest: scoring and updates). */
  readonly rolloutShare: number;
  /** Online-bench files written before results carried `curve`: each round's score (read by curveRunOf). */
  readonly curve?: readonly number[];
}

type MetricRows = readonly Readonly<Record<string, number | string>>[];

/**
 * Rollout throughput averaged over an online run's rounds, from the run's metrics rows (the trainer's
 * `readMetrics`) of `phase`.
 */
export function onlineSummaryOf(rows: MetricRows, phase: string): OnlineSummary {
  const rounds = rows.filter((x) => x.phase === phase && typeof x["rollout/score"] === "number") as Record<string, number>[];
  const avg = (k: string) => rounds.reduce((s, x) => s + x[k], 0) / Math.max(1, rounds.length);
  return {
    episodesPerSec: +avg("throughput/episodes_per_s").toFixed(2),
    genTokPerSec: Math.round(avg("throughput/gen_tok_per_s")),
    rolloutShare: +avg("time/rollout_share").toFixed(3),
  };
}

/**
 * A run's learning curve from its metrics rows of `phase`: an online method's score of each round's own
 * rollouts, an offline method's evaluations during training.
 */
export function curveOf(rows: MetricRows, phase: string): CurvePoint[] {
  const mine = rows.filter((m) => m.phase === phase);
  const key = mine.some((m) => typeof m["rollout/score"] === "number") ? "rollout/score" : "eval/score";
  return mine.flatMap((m) => (typeof m[key] === "number" && typeof m.step === "number" ? [{ step: m.step, score: +(m[key] as number).toFixed(3) }] : []));
}

/** A run's training loss of `phase`, thinned to at most ~100 points (the full record stays in metrics.jsonl). */
export function lossOf(rows: MetricRows, phase: string): { step: number; loss: number }[] {
  const losses = rows.flatMap((m) => (m.phase === phase && typeof m.loss === "number" && typeof m.step === "number" ? [{ step: m.step, loss: +m.loss.toFixed(4) }] : []));
  const every = Math.max(1, Math.ceil(losses.length / 100));
  return losses.filter((_, i) => i % every === 0 || i === losses.length - 1);
}

/** Config keys that name places on this machine, not the recipe. */
const PATH_KEYS = ["initCheckpoint", "dataset"];

/** The recipe part of a resolved config (what makes two runs the same experiment). */
export function recipeOf(cfg: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(cfg).sort()) if (!PATH_KEYS.includes(k) || (k === "dataset" && (cfg[k] === "memory" || cfg[k] === "file"))) out[k] = cfg[k];
  return out;
}


export function resultPath(root: string, j: OfflineJob): string {
  return join(root, j.env, `${j.algorithm}-seed${j.seed}.json`);
}

/**
 * The job's results file under root when it holds this recipe (`recipeOf` of the resolved config) and,
 * when `tokenizer` is given and the file records one, was made with that tokenizer (`tokenizerHash`);
 * else undefined (missing, unreadable, another recipe or tokenizer): what the benches and
 * `reproduce --reuse-results` count as finished. With `bcRecipe` (a method that starts from BC, whose own
 * recipe does not name its start's), the seed's BC file must also be finished with that recipe, and be the
 * BC this run started from: the BC training stage the file names (`start`), or a BC file no newer than this
 * one. A BC retrained after the run (a new BC recipe, then the BC rerun rewrites its
 * file) would otherwise make the run's old cell look like one that started from the new BC.
 */
export function finishedResult(root: string, j: OfflineJob, recipe: Record<string, unknown>, tokenizer?: string, bcRecipe?: Record<string, unknown>): OfflineResult | undefined {
  const bc = bcRecipe === undefined ? undefined : finishedResult(root, { ...j, algorithm: "bc" }, bcRecipe, tokenizer);
  if (bcRecipe !== undefined && bc === undefined) return undefined;
  const p = resultPath(root, j);
  if (!existsSync(p)) return undefined;
  try {
    const r = JSON.parse(readFileSync(p, "utf8")) as OfflineResult;
    if (tokenizer !== undefined && r.tokenizer !== undefined && r.tokenizer !== tokenizer) return undefined;
    if (bc !== undefined && !startedFrom(r, bc)) return undefined;
    return canonicalJson(r.config) === canonicalJson(recipe) ? r : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Whether run `r` started from the BC run whose file is `bc`: yes when it names that BC's training stage;
 * else by date, a BC file newer than the run's being a later BC. Another stage hash alone is no proof: a BC
 * start trained again for a rerun (same recipe and seed, same weights; another code version) has another
 * hash while the BC file, whose evaluation was reused, keeps the first one's.
 */
function startedFrom(r: OfflineResult, bc: OfflineResult): boolean {
  if (r.start?.train !== undefined && r.start.train === bc.stages?.train) return true;
  const mine = Date.parse(r.date);
  const its = Date.parse(bc.date);
  return !(Number.isFinite(mine) && Number.isFinite(its) && its > mine);
}

/** The commit the code runs at (short hash; "+dirty" when src/ has uncommitted changes other than docs). */
export function commitOf(): string {
  try {
    const head = execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: projectPath(), encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
    // Edits to src's READMEs do not change what a run computes, so they do not mark it dirty.
    const dirty = execFileSync("git", ["status", "--porcelain", "--untracked-files=no", "--", "src", ":(exclude)*.md"], { cwd: projectPath(), encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
    return dirty ? `${head}+dirty` : head;
  } catch {
    return "unknown";
  }
}

/** Every results file under root, grouped by row then algorithm. */
export function readResults(root: string): Map<string, Map<string, OfflineResult[]>> {
  const out = new Map<string, Map<string, OfflineResult[]>>();
  if (!existsSync(root)) return out;
  const rows = readdirSync(root, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
  for (const env of rows.sort()) {
    const dir = join(root, env);
    for (const f of readdirSync(dir).filter((x) => x.endsWith(".json")).sort()) {
      const r = JSON.parse(readFileSync(join(dir, f), "utf8")) as OfflineResult;
      const byAlgo = out.get(r.env) ?? new Map<string, OfflineResult[]>();
      out.set(r.env, byAlgo);
      byAlgo.set(r.algorithm, [...(byAlgo.get(r.algorithm) ?? []), r]);
    }
  }
  return out;
}

/** Mean of each task metric every one of the results has (files written before a metric existed lack it). */
export function sharedMetricMeans(rs: readonly OfflineResult[]): Record<string, number> {
  const keys = Object.keys(rs[0]?.taskMetrics ?? {}).filter((k) => rs.every((r) => typeof r.taskMetrics[k] === "number"));
  return Object.fromEntries(keys.map((k) => [k, mean(rs.map((r) => r.taskMetrics[k]))]));
}

/** The summary rows (row × algorithm over every results file under root), in the registry's row order. */
export function summaryRows(root: string, registered: readonly EnvSpec[]): Record<string, unknown>[] {
  const all = readResults(root);
  const rows: Record<string, unknown>[] = [];
  for (const spec of registered) {
    for (const [algo, rs] of all.get(spec.id) ?? []) {
      const scores = rs.map((r) => r.score);
      rows.push({
        bench: "offline", summary: true, env: spec.id, algorithm: algo, seeds: rs.map((r) => r.seed),
        scoreMean: +mean(scores).toFixed(2), scoreCi95: rs.length > 1 ? +ci95(scores).toFixed(2) : null,
        ciMethod: rs.length > 1 ? `95% Student-t CI over ${rs.length} seeds` : "one seed: no interval",
        paperScore: spec.paperScores?.[paperKey(algo)] ?? null,
        taskMetricsMean: Object.fromEntries(Object.entries(sharedMetricMeans(rs)).map(([k, v]) => [k, +v.toFixed(3)])),
        minutesPerRun: +mean(rs.map((r) => r.seconds / 60)).toFixed(1), commits: [...new Set(rs.map((r) => r.commit))],
      });
    }
  }
  return rows;
}

/** The four methods of the paper's offline columns, in its order, with their table names. */
export const METHOD_COLUMNS: readonly (readonly [string, string])[] = [["bc", "BC"], ["pbc", "%BC"], ["mc", "MC Returns"], ["ilql", "ILQL"]];

/** The online methods (paper Table 2's PPO and online %BC columns, then GRPO, beyond the paper). */
export const ONLINE_COLUMNS: readonly (readonly [string, string])[] = [["ppo", "PPO"], ["online-bc", "online %BC"], ["grpo", "GRPO"]];

/** The key of a method in an EnvSpec's paperScores (online %BC is "online-pbc" there). */
export function paperKey(algo: string): string {
  return algo === "online-bc" ? "online-pbc" : algo;
}

const fmt = (x: number): string => x.toFixed(1);

/** "50.5 ± 2.8" (Student-t over the seeds), or the one score when there is one seed. */
export function cellOf(rs: readonly OfflineResult[]): string {
  const scores = rs.map((r) => r.score);
  return rs.length > 1 ? `${fmt(mean(scores))} ± ${fmt(ci95(scores))}` : fmt(scores[0]);
}

/** One line per row × the four methods: mean ± 95% Student-t CI over seeds, the paper's Table-2 cells beside them. */
export function summaryTable(all: Map<string, Map<string, OfflineResult[]>>, specs: readonly EnvSpec[]): string[] {
  const lines = ["| row | seeds | BC | %BC | MC Returns | ILQL | paper BC / %BC / MC / ILQL |", "|---|---|---|---|---|---|---|"];
  for (const spec of specs) {
    const byAlgo = all.get(spec.id)!;
    const seeds = [...new Set([...byAlgo.values()].flatMap((rs) => rs.map((r) => r.seed)))].sort((a, b) => a - b);
    // a method with fewer seeds than its row says which ones it has
    const cellFor = (rs: readonly OfflineResult[]): string => cellOf(rs) + (rs.length < seeds.length ? ` (seed${rs.length > 1 ? "s" : ""} ${rs.map((r) => r.seed).sort((a, b) => a - b).join(", ")})` : "");
    const cells = METHOD_COLUMNS.map(([a]) => (byAlgo.has(a) ? cellFor(byAlgo.get(a)!) : "–"));
    const paper = METHOD_COLUMNS.map(([a]) => spec.paperScores?.[a] ?? "–").join(" / ");
    lines.push(`| ${spec.id} | ${seeds.join(", ")} | ${cells.join(" | ")} | ${paper} |`);
  }
  return lines;
}

/**
 * One line per row with online results: each online method's mean ± 95% t-CI beside the BC start (the
 * same seeds' BC runs), the paper's PPO and online %BC cells, and rollout throughput (mean over runs).
 */
export function onlineTable(all: Map<string, Map<string, OfflineResult[]>>, specs: readonly EnvSpec[]): string[] {
  const lines = [
    "| row | seeds | BC (start) | PPO | online %BC | GRPO | paper PPO / online %BC | episodes/s | generated tok/s | rollout share of wall time | minutes per run |",
    "|---|---|---|---|---|---|---|---|---|---|---|",
  ];
  for (const spec of specs) {
    const byAlgo = all.get(spec.id)!;
    const online = ONLINE_COLUMNS.flatMap(([a]) => byAlgo.get(a) ?? []);
    if (online.length === 0) continue;
    const seeds = [...new Set(online.map((r) => r.seed))].sort((a, b) => a - b);
    const bc = (byAlgo.get("bc") ?? []).filter((r) => seeds.includes(r.seed));
    const cells = ONLINE_COLUMNS.map(([a]) => (byAlgo.has(a) ? cellOf(byAlgo.get(a)!) : "–"));
    // results files written before reproduce recorded rollout throughput (2026-12-04) have none: "–"
    const withSummary = online.filter((r) => r.online);
    const avg = (f: (o: OnlineSummary) => number, show: (x: number) => string): string => (withSummary.length ? show(mean(withSummary.map((r) => f(r.online!)))) : "–");
    const paper = ["ppo", "online-pbc"].map((k) => spec.paperScores?.[k] ?? "–").join(" / ");
    lines.push(
      `| ${spec.id} | ${seeds.join(", ")} | ${bc.length ? cellOf(bc) : "–"} | ${cells.join(" | ")} | ${paper} | ${avg((o) => o.episodesPerSec, fmt)} | ${avg((o) => o.genTokPerSec, (x) => String(Math.round(x)))} | ${avg((o) => o.rolloutShare, (x) => x.toFixed(2))} | ${fmt(mean(online.map((r) => r.seconds / 60)))} |`,
    );
  }
  return lines;
}

/** One line per method of a row: every seed's score, the evaluation size, wall time, task metrics (e.g. Wordle's invalid-guess rate), commits. */
export function rowTable(byAlgo: Map<string, OfflineResult[]>, spec: EnvSpec): string[] {
  const lines = ["| method | seeds | scores | mean ± 95% t-CI | paper | episodes per evaluation | minutes per run | task metrics (mean) | commits |", "|---|---|---|---|---|---|---|---|---|"];
  for (const [a, name] of [...METHOD_COLUMNS, ...ONLINE_COLUMNS]) {
    const rs = [...(byAlgo.get(a) ?? [])].sort((x, y) => x.seed - y.seed);
    if (rs.length === 0) continue;
    const metrics = Object.entries(sharedMetricMeans(rs)).map(([k, v]) => `${k} ${v.toFixed(3)}`).join(", ") || "–";
    const episodes = [...new Set(rs.map((r) => r.evalEpisodes))].join(", ");
    lines.push(`| ${name} | ${rs.map((r) => r.seed).join(", ")} | ${rs.map((r) => fmt(r.score)).join(" / ")} | ${cellOf(rs)} | ${spec.paperScores?.[paperKey(a)] ?? "–"} | ${episodes} | ${fmt(mean(rs.map((r) => r.seconds / 60)))} | ${metrics} | ${[...new Set(rs.map((r) => r.commit))].join(", ")} |`);
  }
  return lines;
}

/**
 * Markdown tables of the results under root (what the READMEs show, so they are regenerated, not typed):
 * the summary over rows, then each row's per-seed table.
 */
export function markdownTables(root: string, registered: readonly EnvSpec[], envs?: readonly string[]): string {
  const all = readResults(root);
  const specs = registered.filter((s) => all.has(s.id) && (!envs || envs.includes(s.id)));
  if (specs.length === 0) return "";
  const lines = summaryTable(all, specs);
  const online = onlineTable(all, specs);
  if (online.length > 2) lines.push("", "online methods:", "", ...online);
  for (const spec of specs) lines.push("", `${spec.id}:`, "", ...rowTable(all.get(spec.id)!, spec));
  return lines.join("\n") + "\n";
}

/**
 * Replace what stands between `<!-- offline-results:NAME -->` and the next `<!-- /offline-results -->`
 * in text; text without the marker is returned unchanged.
 */
export function replaceResultsBlock(text: string, name: string, table: string): string {
  const open = `<!-- offline-results:${name} -->`;
  const close = "<!-- /offline-results -->";
  const i = text.indexOf(open);
  if (i < 0) return text;
  const j = text.indexOf(close, i);
  if (j < 0) throw new Error(`"${open}" has no "${close}" after it`);
  return `${text.slice(0, i + open.length)}\n${table.trimEnd()}\n${text.slice(j)}`;
}

/**
 * README_TABLES=1: write the tables into the READMEs' marked blocks — the summary over every row into
 * README.md (`offline-results:all`), each row's table into its task README (`offline-results:<row>`).
 * Returns the files changed.
 */
export function updateReadmeTables(root: string, registered: readonly EnvSpec[], projectRoot = projectPath()): string[] {
  const all = readResults(root);
  const specs = registered.filter((s) => all.has(s.id));
  const files = [join(projectRoot, "README.md"), ...readdirSync(join(projectRoot, "src", "tasks"), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => join(projectRoot, "src", "tasks", d.name, "README.md"))];
  const changed: string[] = [];
  for (const f of files.filter((x) => existsSync(x))) {
    const before = readFileSync(f, "utf8");
    let after = replaceResultsBlock(before, "all", summaryTable(all, specs).join("\n"));
    after = replaceResultsBlock(after, "online", onlineTable(all, specs).join("\n"));
    for (const spec of specs) after = replaceResultsBlock(after, spec.id, rowTable(all.get(spec.id)!, spec).join("\n"));
    if (after !== before) {
      writeFileAtomic(f, after);
      changed.push(relative(projectRoot, f));
    }
  }
  return changed;
}

