/**
 * `lmrl reproduce`: the paper's Table 2 regenerated end to end on this machine, for every registered
 * row (or the ones asked for) × methods × seeds, as a resumable pipeline (src/core/pipeline.ts):
 *
 *   data/<row>                behaviour dataset of the row's training size (Table 1 statistics beside the paper's)
 *   train/<row>/<algo>/seedS  the method's training run from the row's defaults (src/tasks/<task>/train.ts); MC
 *                             Returns, ILQL and the online methods start from the same seed's BC stage
 *   eval/<row>/<algo>/seedS   the trained policy on the paper's evaluation protocol (its episode counts,
 *                             e.g. 800 maze episodes, 4096 Wordle games; scaled down in --quick), with an
 *                             evaluation seed no tuning run used
 *
 * Each stage runs in its own child process (`lmrl _stage`), one thread each, `jobs` at a time; its
 * folder is keyed by a hash of its recipe, its inputs and the code version (src/, the shipped
 * tokenizers and the lockfile; not the docs), so a rerun skips finished stages and an interrupted one
 * resumes in place (an evaluation after its last finished batch: src/core/eval-journal.ts). Every
 * evaluation becomes a results file (the schema of data/results) as soon as it finishes, so a run
 * stopped midway leaves its finished cells; at the end they are summarised over seeds beside the paper
 * (src/report/compare.ts) and drawn (src/report/reproduce-figures.ts).
 *
 * Presets: "full" (the rows' defaults, 3 seeds, the paper's protocol), "quick" (1 seed; a tenth of
 * each method's steps within ~15-20 s of one core by the estimate, a tenth of each row's data,
 * 32-episode evaluations — except FO-maze ILQL, the paper's headline, run as the check: 8,000 steps
 * at batch 32 from its default BC, on the protocol's 800 episodes; every row in about half an hour),
 * "start" (`npm start`: the FO and PO mazes, BC vs ILQL vs PPO, ~40 s of one core per training stage
 * by the estimate, a few minutes).
 */
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { createWriteStream, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { cpus } from "node:os";
import { join, relative } from "node:path";
import { algorithmConfig, getAlgorithm } from "./algorithms/index";
import { evaluateLearner, learnerFromCheckpoint, readMetrics, recordedDataset, taskScalars, train } from "./algorithms/trainer";
import type { AlgorithmSpec } from "./algorithms/algorithm";
import type { TrainConfig } from "./algorithms/config";
import { writeFileAtomic } from "./core/atomic";
import { openEvalJournal } from "./core/eval-journal";
import { tokenizerDirOf, tokenizerHash } from "./model/tokenizer";
import { datasetPath, generateDatasets } from "./core/generate";
import { projectPath } from "./core/paths";
import type { ProgressMode } from "./core/progress";
import type { EnvSpec } from "./core/spec";
import { ENV_SPECS, getEnvSpec } from "./tasks/index";
import { DONE_FILE, isDone, planStages, readDone, runPipeline, writeDone, type PipelineReport, type PlannedStage, type StageSpec } from "./core/pipeline";
import { compareResults, comparisonMarkdown, writeComparison } from "./report/compare";
import { writeFigure } from "./report/figure";
import { curveRunOf, learningCurves, paperScatter, scoreBars } from "./report/reproduce-figures";
import { commitOf, curveOf, finishedResult, lossOf, onlineSummaryOf, readResults, recipeOf, resultPath, type CurvePoint, type OfflineResult, type OnlineSummary } from "./report/results";

export type PresetName = "full" | "quick" | "start";

export interface Preset {
  readonly rows: readonly string[];
  readonly methods: readonly string[];
  readonly seeds: number;
  /** Share of each method's default training steps (online: rounds). */
  readonly stepScale: number;
  /**
   * Estimated seconds of one core a training stage may take (Infinity: no cap). A method's steps are
   * the smaller of the scaled steps and what fits, never below `minSteps` (`minRounds`) nor above the default.
   */
  readonly trainSeconds: number;
  /**
   * Estimated seconds of one core every training stage may use even when the scaled steps take less
   * (0: none): cheap methods keep a useful budget (FO maze BC: its default 500 steps in under a minute).
   */
  readonly floorSeconds: number;
  readonly minSteps: number;
  /** The same floor for an online method's rounds. */
  readonly minRounds: number;
  /** Share of each row's default dataset size, clamped to [dataMin, dataMax]. */
  readonly dataScale: number;
  readonly dataMin: number;
  readonly dataMax: number;
  /** Cap on the protocol's evaluation episodes (Infinity: the paper's counts). */
  readonly evalCap: number;
  /** Cap on the training run's own evaluations (the eval stage gives the score; this one is the run's log). */
  readonly trainEvalCap: number;
  /** Cap on an online method's episodes per round. */
  readonly rolloutCap: number;
  /**
   * Cells ("row/algo") that run their full recipe — the row's defaults plus the layer given here; their
   * BC start at its defaults — and are evaluated on the paper's protocol whatever the budget: the
   * result the preset checks (quick: FO-maze ILQL, the paper's headline, should reach ≥ 90; at a tenth
   * of its steps it stays near 60).
   */
  readonly fullCells: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
}

const ALL_METHODS = ["bc", "pbc", "mc", "ilql", "ppo", "online-bc", "grpo"] as const;

/**
 * Quick's FO-maze ILQL: the default recipe at batch 32 with the learning rate cosine-decayed to a tenth
 * (8,000 steps, 10.5M tokens with the BC phase, against 20M). The default batch 64 ran at 3.6 steps/s on
 * one thread beside another stage (`reproduce --quick`, 2026-12-04), ~37 minutes, more than the whole
 * quick budget. Batch 32 at a constant rate reached 90 on every seed it ran (src/algorithms/README.md,
 * "Recipe levers"), but its last evaluations swing: in quick it went 94.4 / 90.8 / 90.9 at steps
 * 5,000-7,000, then 72.8 at 8,000 and 73.6 on the protocol's 800 episodes. Decaying the rate settles the
 * end of the run: on the tuning seeds 10 and 11 (never reported) the 100-episode evaluations at steps
 * 6,000 / 7,000 / 8,000 went 91.0 / 97.5 / 98.2 and 98.8 / 99.6 / 99.7 (2026-12-04).
 */
const QUICK_FO_ILQL = { batchSize: 32, cosine: true };

export const PRESETS: Readonly<Record<PresetName, Preset>> = {
  full: { rows: [], methods: ALL_METHODS, seeds: 3, stepScale: 1, trainSeconds: Infinity, floorSeconds: 0, minSteps: 1, minRounds: 1, dataScale: 1, dataMin: 1, dataMax: Infinity, evalCap: Infinity, trainEvalCap: Infinity, rolloutCap: Infinity, fullCells: {} },
  quick: { rows: [], methods: ["bc", "pbc", "ilql", "ppo"], seeds: 1, stepScale: 0.1, trainSeconds: 20, floorSeconds: 15, minSteps: 20, minRounds: 2, dataScale: 0.1, dataMin: 100, dataMax: 2000, evalCap: 32, trainEvalCap: 8, rolloutCap: 8, fullCells: { "maze-fo/ilql": QUICK_FO_ILQL } },
  start: { rows: ["maze-fo", "maze-po"], methods: ["bc", "ilql", "ppo"], seeds: 1, stepScale: 1, trainSeconds: 40, floorSeconds: 0, minSteps: 10, minRounds: 2, dataScale: 1, dataMin: 100, dataMax: 2500, evalCap: 64, trainEvalCap: 8, rolloutCap: 16, fullCells: {} },
};

export interface ReproduceOptions {
  readonly preset: PresetName;
  /** Rows, methods and seed count instead of the preset's (ids and aliases as `lmrl train` takes them). */
  readonly rows?: readonly string[];
  readonly methods?: readonly string[];
  readonly seeds?: number;
  /**
   * Exactly these training seeds instead of 0..seeds-1 (`--seed 2`): splits one --full run's seeds over
   * machines or worktrees, e.g. seed 1 on one core and seed 2 on the other, each finishing its own cells.
   */
  readonly seedList?: readonly number[];
  /** Overrides of the preset's budget: seconds per training stage, episodes per evaluation (either one drops the preset's full cells). */
  readonly trainSeconds?: number;
  readonly evalEpisodes?: number;
  /** Stages at once (default: the core count); each runs on cores / jobs threads. */
  readonly jobs?: number;
  /** Stage folders and results (default runs/reproduce/<preset>). */
  readonly out?: string;
  readonly progress?: ProgressMode;
  /** Results files and tables (default data/results for "full", the committed ones; <out>/results otherwise). */
  readonly resultsDir?: string;
  /** Print what would run, run nothing. */
  readonly dryRun?: boolean;
  /**
   * Count a cell finished when the results folder holds its file with the same recipe, evaluation size and
   * evaluation seed, whatever code wrote it (the benches' rule; `answeredByResults`): a `--full` run
   * spread over sessions that lose runs/ keeps what earlier sessions committed.
   */
  readonly reuseResults?: boolean;
}

/** One (row, method, seed) of the plan. */
interface Cell {
  readonly row: string;
  readonly algo: string;
  readonly seed: number;
}

/** Hash of what decides a run's numbers besides its config: the code (src/ without docs), the tokenizers and the lockfile. */
export function codeVersion(root = projectPath()): string {
  const h = createHash("sha256");
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      if (name === "node_modules" || name === "build" || name.startsWith(".")) continue;
      if (statSync(p).isDirectory()) walk(p);
      else if (!/\.(md|ipynb)$/.test(name)) h.update(relative(root, p)).update("\0").update(readFileSync(p)).update("\0");
    }
  };
  for (const d of ["src", join("data", "tokenizers")]) if (existsSync(join(root, d))) walk(join(root, d));
  const lock = join(root, "package-lock.json");
  if (existsSync(lock)) h.update(readFileSync(lock));
  return h.digest("hex").slice(0, 12);
}

/** Whether the preset runs this cell at its full recipe: one of its `fullCells`, or the BC start of one. */
export function isFullCell(p: Preset, row: string, algo: string): boolean {
  return Object.keys(p.fullCells).some((c) => {
    const [r, a] = c.split("/");
    return r === row && (a === algo || (algo === "bc" && getAlgorithm(a).start === "bc"));
  });
}

/** The config layer a preset adds to a method's defaults on a row (nothing for "full"; a full cell's own layer). */
export function presetLayer(p: Preset, spec: EnvSpec, algo: string): Record<string, unknown> {
  if (isFullCell(p, spec.id, algo)) return { ...p.fullCells[`${spec.id}/${algo}`] };
  if (p.stepScale === 1 && !Number.isFinite(p.trainSeconds) && p.dataScale === 1 && !Number.isFinite(p.evalCap)) return {};
  const algoSpec = getAlgorithm(algo);
  const cfg = algorithmConfig(algoSpec, spec) as OnlineConfig;
  const trainEval = Math.min(cfg.evalEpisodes, p.trainEvalCap);
  const layer: Record<string, unknown> = { datasetSize: presetDataSize(p, cfg.datasetSize), evalEpisodes: trainEval, evalBatchSize: Math.min(cfg.evalBatchSize, trainEval), evalEvery: 0 };
  if (typeof cfg.rolloutEpisodes === "number") layer.rolloutEpisodes = Math.min(cfg.rolloutEpisodes, p.rolloutCap);
  if (typeof cfg.rolloutBatchSize === "number") layer.rolloutBatchSize = Math.min(cfg.rolloutBatchSize, p.rolloutCap);
  const perStep = stepSeconds({ ...cfg, ...layer } as OnlineConfig, algoSpec, spec);
  const fits = Number.isFinite(p.trainSeconds) ? Math.floor(p.trainSeconds / perStep) : Infinity;
  const scaled = Math.max(Math.ceil(cfg.steps * p.stepScale), Math.floor(p.floorSeconds / perStep));
  layer.steps = Math.min(cfg.steps, Math.max(algoSpec.data === "online" ? p.minRounds : p.minSteps, Math.min(scaled, fits)));
  return layer;
}

function presetDataSize(p: Preset, n: number): number {
  return Math.min(n, Math.max(p.dataMin, Math.min(p.dataMax, Math.round(n * p.dataScale))));
}

type OnlineConfig = TrainConfig & { rolloutEpisodes?: number; rolloutBatchSize?: number };

/**
 * Estimated seconds of one core per optimiser step (online: per round), fitted to BC on one thread with
 * a second stage on the other core (`reproduce --quick`, 2026-12-04): 40 µs per padded token plus
 * 0.047 µs per vocabulary entry (the output layer) — maze 46 µs (57 tokens), 20Q 98 (1,164), Guess My
 * City 193 (3,231) — times the method's `stepCost` (ILQL 2); online, the row's measured seconds per
 * episode of a round (`evaluation.cost`: 0.04 s for Wordle to 4.7 s for Chess and Car Dealer), times
 * the method's `stepCost` relative to PPO (online %BC 0.3, GRPO 0.65: the geometric means over the six
 * rows with all three measured in `reproduce --full`, 2026-12-05).
 * Both were fitted before the policy losses computed vocabulary logits at the action rows only
 * (src/algorithms/README.md), which made BC and ILQL steps up to 2.3× faster on the dialogue rows: there the
 * estimate is now high (it only orders and budgets work). The progress display's ETA follows the measured pace.
 */
function stepSeconds(cfg: OnlineConfig, algo: AlgorithmSpec, spec: EnvSpec): number {
  if (algo.data === "online") return (cfg.rolloutEpisodes ?? 64) * (spec.evaluation.cost?.onlineEpisode ?? 0.4) * (algo.stepCost ?? 1);
  return cfg.batchSize * cfg.blockSize * (40 + 0.047 * vocabSize(spec)) * 1e-6 * (algo.stepCost ?? 1);
}

const vocabSizes = new Map<string, number>();

/** Entries of the row's shipped tokenizer, read once per tokenizer (1,000 when it cannot be read: the estimate only orders work). */
function vocabSize(spec: EnvSpec): number {
  const known = vocabSizes.get(spec.tokenizer);
  if (known !== undefined) return known;
  let n = 1000;
  try {
    const t = JSON.parse(readFileSync(join(tokenizerDirOf(spec.tokenizer), "tokenizer.json"), "utf8")) as { model?: { vocab?: Record<string, number> }; added_tokens?: unknown[] };
    n = Object.keys(t.model?.vocab ?? {}).length + (t.added_tokens?.length ?? 0) || 1000;
  } catch {
    // keep the default
  }
  vocabSizes.set(spec.tokenizer, n);
  return n;
}

/** Estimated seconds of a training stage (its steps, then its training-time evaluations: every `evalEvery` steps and at the end). */
function trainCost(cfg: OnlineConfig, algo: AlgorithmSpec, spec: EnvSpec): number {
  const evals = 1 + (cfg.evalEvery > 0 ? Math.floor((cfg.steps - 1) / cfg.evalEvery) : 0);
  return STARTUP_SECONDS + cfg.steps * stepSeconds(cfg, algo, spec) + evals * episodesCost(cfg.evalEpisodes, spec);
}

/** Seconds a stage's child process spends starting (tsx, the backend, the tokenizer) before any work. */
const STARTUP_SECONDS = 5;
const episodesCost = (episodes: number, spec: EnvSpec): number => episodes * (spec.evaluation.cost?.evalEpisode ?? 0.2);
const evalCost = (episodes: number, spec: EnvSpec): number => STARTUP_SECONDS + episodesCost(episodes, spec);

export interface ReproducePlan {
  readonly preset: PresetName;
  readonly rows: readonly string[];
  readonly methods: readonly string[];
  readonly seeds: readonly number[];
  readonly root: string;
  readonly codeVersion: string;
  readonly stages: readonly PlannedStage[];
}

/** Resolve rows, methods and seeds, and plan the stages (data, then BC before what starts from it, then evaluations). */
export function planReproduce(o: ReproduceOptions, root = o.out ?? projectPath("runs", "reproduce", o.preset)): ReproducePlan {
  // a budget given on the command line replaces the preset's, its full cells included
  const overridden = o.trainSeconds !== undefined || o.evalEpisodes !== undefined;
  const preset: Preset = { ...PRESETS[o.preset], ...(o.trainSeconds !== undefined ? { trainSeconds: o.trainSeconds } : {}), ...(o.evalEpisodes !== undefined ? { evalCap: o.evalEpisodes } : {}), ...(overridden ? { fullCells: {} } : {}) };
  const rows = [...new Set((o.rows?.length ? o.rows : preset.rows.length ? preset.rows : ENV_SPECS.map((s) => s.id)).map((r) => getEnvSpec(r).id))];
  const methods = [...new Set((o.methods?.length ? o.methods : preset.methods).map((m) => getAlgorithm(m).name))];
  const nSeeds = o.seeds ?? preset.seeds;
  if (!Number.isInteger(nSeeds) || nSeeds < 1) throw new Error(`reproduce: --seeds must be an integer >= 1, got ${nSeeds}`);
  if (o.seedList !== undefined && (o.seedList.length === 0 || o.seedList.some((x) => !Number.isInteger(x) || x < 0))) throw new Error(`reproduce: --seed takes seeds >= 0 (e.g. --seed 1,2), got ${o.seedList.join(",")}`);
  const seeds = o.seedList !== undefined ? [...new Set(o.seedList)].sort((a, b) => a - b) : Array.from({ length: nSeeds }, (_, i) => i);
  const specs: StageSpec[] = [];
  for (const row of rows) {
    const spec = getEnvSpec(row);
    const trainable = methods.filter((m) => spec.train?.[m] !== undefined);
    if (trainable.length === 0) continue;
    const dataCfg = algorithmConfig(getAlgorithm("bc"), spec, [presetLayer(preset, spec, "bc")]);
    const dataId = `data/${row}`;
    specs.push({ id: dataId, kind: "data", params: { row, n: dataCfg.datasetSize, seed: dataCfg.datasetSeed }, deps: [], cost: STARTUP_SECONDS + dataCfg.datasetSize * (spec.evaluation.cost?.dataEpisode ?? 0.005) });
    const needBc = trainable.some((m) => getAlgorithm(m).start === "bc");
    // method by method, each over all seeds: among stages of equal priority the scheduler takes the
    // earlier one, so a method's cells (all seeds) are finished together, and a run stopped early leaves
    // whole table cells rather than some seeds of every method
    for (const algo of [...new Set([...(needBc ? ["bc"] : []), ...trainable])]) {
      const algoSpec = getAlgorithm(algo);
      const layers = [presetLayer(preset, spec, algo)];
      const cost = trainCost(algorithmConfig(algoSpec, spec, layers), algoSpec, spec);
      const episodes = isFullCell(preset, row, algo) ? spec.evaluation.episodes : Math.min(spec.evaluation.episodes, preset.evalCap);
      for (const seed of seeds) {
        const trainId = `train/${row}/${algo}/seed${seed}`;
        const deps = [dataId, ...(algoSpec.start === "bc" ? [`train/${row}/bc/seed${seed}`] : [])];
        specs.push({ id: trainId, kind: "train", params: { row, algo, seed, layers }, deps, cost });
        if (!methods.includes(algo)) continue; // a BC run trained only as the start of others is not evaluated
        specs.push({ id: `eval/${row}/${algo}/seed${seed}`, kind: "eval", params: { row, algo, seed, episodes, evalSeed: protocolEvalSeed(seed) }, deps: [trainId], cost: evalCost(episodes, spec) });
      }
    }
  }
  const version = codeVersion();
  return { preset: o.preset, rows, methods, seeds, root, codeVersion: version, stages: planStages(specs, { root: join(root, "stages"), codeVersion: version }) };
}

/**
 * The dataset a train stage reads: the data stage's file when it holds the very trajectories the config
 * asks for (its datasetSize and datasetSeed), else "memory". The data stage writes BC's datasetSize, so a
 * method whose preset size differs (--quick on FO maze, where BC is the full-size start of FO-maze ILQL
 * and %BC a tenth) generates its own set in memory and trains on exactly the `datasetSize` its recipe records.
 */
export function stageDataset(spec: EnvSpec, cfg: TrainConfig, file: string): string {
  return recordedDataset(spec, { ...cfg, dataset: file }) === "memory" ? file : "memory";
}

/** The evaluation seed of training seed s: 10000 + s, a range no tuning run of the kit uses (they train and evaluate with seeds < 1000). */
export function protocolEvalSeed(seed: number): number {
  return 10_000 + seed;
}

/** The recipe a training stage's results file records (`recipeOf` of its resolved config, data in memory). */
function stageRecipe(t: PlannedStage): Record<string, unknown> {
  const { row, algo } = t.params as { row: string; algo: string };
  const cfg = algorithmConfig(getAlgorithm(algo), getEnvSpec(row), (t.params.layers as Record<string, unknown>[]) ?? []);
  return recipeOf({ ...(cfg as unknown as Record<string, unknown>), dataset: "memory" });
}

/**
 * The stages that results files in `resultsDir` already answer (`--reuse-results`): an evaluation and its
 * training when the cell's file has the recipe the plan would train (the same resolved config, dataset
 * "memory") and the evaluation's episodes and seed; a training or data stage only when every stage that
 * reads it is finished too (a BC checkpoint that an unfinished run starts from is trained again: same
 * seed, same weights). A cell whose method starts from BC also needs the seed's BC file to hold the BC
 * recipe it would start from. Unreadable files answer nothing.
 */
export function answeredByResults(plan: ReproducePlan, resultsDir: string, tokenizers = new Map<string, string>()): Set<string> {
  const byId = new Map(plan.stages.map((s) => [s.id, s]));
  const out = new Set<string>();
  for (const e of plan.stages) {
    if (e.kind !== "eval" || isDone(e)) continue;
    const t = byId.get(e.deps[0])!;
    const { row, algo, seed, episodes, evalSeed } = e.params as { row: string; algo: string; seed: number; episodes: number; evalSeed: number };
    // a method that starts from BC (MC Returns, ILQL, the online ones) also needs the BC recipe it would start from now
    const start = bcStartOf(t, byId);
    const r = finishedResult(resultsDir, { env: row, algorithm: algo, seed }, stageRecipe(t), rowTokenizer(row, tokenizers), start && stageRecipe(start));
    if (r && r.evalEpisodes === episodes && r.evalSeed === evalSeed) {
      out.add(e.id);
      out.add(t.id);
    }
  }
  const readers = new Map<string, string[]>();
  for (const s of plan.stages) for (const d of s.deps) readers.set(d, [...(readers.get(d) ?? []), s.id]);
  // readers come after what they read in the plan, so one pass from the end settles every stage
  for (const s of [...plan.stages].reverse()) {
    if (s.kind === "eval") continue;
    const rs = readers.get(s.id) ?? [];
    if (rs.length > 0 && rs.every((id) => out.has(id) || isDone(byId.get(id)!))) out.add(s.id);
    else out.delete(s.id);
  }
  return out;
}

/**
 * The plan with each training stage's cost replaced by the measured one where `resultsDir` holds results
 * files of the same row, method and recipe (any seed, same tokenizer): their mean `seconds` (training plus
 * evaluation) less the evaluation's estimate. The per-step estimates only order work and are up to ~3× off
 * on the dialogue rows (stepSeconds); a run already measured on this machine budgets the rest of a --full
 * run better. Returns the ids whose cost was measured, for --dry-run to say which figures are which.
 */
export function withMeasuredCosts(plan: ReproducePlan, resultsDir: string, tokenizers = new Map<string, string>()): { plan: ReproducePlan; measured: Set<string> } {
  const measured = new Set<string>();
  const byKey = new Map<string, number | undefined>();
  const seedFile = /^(.+)-seed(\d+)\.json$/;
  const stages = plan.stages.map((s): PlannedStage => {
    if (s.kind !== "train") return s;
    const { row, algo } = s.params as { row: string; algo: string };
    const key = `${row}/${algo}`;
    if (!byKey.has(key)) {
      const dir = join(resultsDir, row);
      const spec = getEnvSpec(row);
      const recipe = stageRecipe(s);
      const secs: number[] = [];
      for (const f of existsSync(dir) ? readdirSync(dir).sort() : []) {
        const m = seedFile.exec(f);
        if (!m || m[1] !== algo) continue;
        const r = finishedResult(resultsDir, { env: row, algorithm: algo, seed: Number(m[2]) }, recipe, rowTokenizer(row, tokenizers));
        // a file without its wall time or evaluation size (hand-made, or older than either field) measures nothing
        const train = r ? r.seconds - episodesCost(r.evalEpisodes, spec) : NaN;
        if (Number.isFinite(train)) secs.push(Math.max(STARTUP_SECONDS, train));
      }
      byKey.set(key, secs.length ? secs.reduce((a, b) => a + b, 0) / secs.length : undefined);
    }
    const cost = byKey.get(key);
    if (cost === undefined) return s;
    measured.add(s.id);
    return { ...s, cost };
  });
  return { plan: { ...plan, stages }, measured };
}

/**
 * The row's tokenizer fingerprint, hashed once per row into `cache` (not at every stage, as the offline bench
 * does): runReproduce passes one cache to answeredByResults and withMeasuredCosts, which both check it.
 */
function rowTokenizer(row: string, cache: Map<string, string>): string {
  let hash = cache.get(row);
  if (hash === undefined) cache.set(row, (hash = tokenizerHash(getEnvSpec(row).tokenizer)));
  return hash;
}

/** The BC training stage a training stage starts from (MC Returns, ILQL, the online methods), if any. */
function bcStartOf(t: PlannedStage, byId: ReadonlyMap<string, PlannedStage>): PlannedStage | undefined {
  return t.deps.map((d) => byId.get(d)!).find((d) => d.kind === "train");
}

/** Estimated seconds of the given stages per row, in the plan's row order, rows with none left out: a run longer than a session is split with `--rows`. */
export function costByRow(rows: readonly string[], stages: readonly PlannedStage[]): [row: string, seconds: number][] {
  return rows.map((row): [string, number] => [row, stages.filter((s) => s.params.row === row).reduce((a, s) => a + s.cost, 0)]).filter(([, c]) => c > 0);
}

/** Folders a stage reads: its data stage's dataset, its BC stage's checkpoint, its training run. */
function inputsOf(s: PlannedStage, byId: ReadonlyMap<string, PlannedStage>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const d of s.deps) out[byId.get(d)!.kind === "train" && s.kind === "train" ? "bc" : byId.get(d)!.kind] = byId.get(d)!.dir;
  return out;
}

/** Run one stage in a child process (`lmrl _stage <dir>/stage.json`), its output in <dir>/log.txt, progress on its stdout. */
function runChild(s: PlannedStage, inputs: Record<string, string>, threads: number, onProgress: (f: number) => void): Promise<void> {
  mkdirSync(s.dir, { recursive: true });
  const stageFile = join(s.dir, "stage.json");
  writeFileAtomic(stageFile, JSON.stringify({ id: s.id, kind: s.kind, params: s.params, hash: s.hash, dir: s.dir, inputs }, null, 1) + "\n");
  const logPath = join(s.dir, "log.txt");
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [projectPath("src", "bin.mjs"), "_stage", stageFile], {
      cwd: projectPath(),
      env: { ...process.env, LMRL_THREADS: String(threads), LMRL_PROGRESS: "lines" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const log = createWriteStream(logPath, { flags: "a" });
    child.stderr.pipe(log);
    let buf = "";
    child.stdout.on("data", (d: Buffer) => {
      buf += d.toString();
      const lines = buf.split("\n");
      buf = lines.pop() ?? "";
      for (const l of lines) {
        const m = /^\{"progress":([0-9.eE+-]+)\}$/.exec(l.trim());
        if (m) onProgress(Number(m[1]));
        else if (l.trim()) log.write(`${l}\n`);
      }
    });
    child.on("error", reject);
    child.on("close", (code, signal) => {
      log.end();
      if (code === 0) resolve();
      else reject(new Error(`exit ${code ?? signal}; see ${relative(process.cwd(), logPath)}`));
    });
  });
}

/** Plan, run what is not finished, write the results files; returns the plan and the pipeline's report. */
export async function runReproduce(o: ReproduceOptions): Promise<{ plan: ReproducePlan; report: PipelineReport | undefined; resultsDir: string }> {
  const planned = planReproduce(o);
  // --full without --out writes into data/results, shared with the benches; every other run owns its results folder
  const shared = o.resultsDir === undefined && o.preset === "full" && !o.out;
  const resultsDir = o.resultsDir ?? (shared ? projectPath("data", "results") : join(planned.root, "results"));
  const tokenizers = new Map<string, string>();
  const { plan, measured } = withMeasuredCosts(planned, resultsDir, tokenizers);
  const cores = cpus().length;
  const jobs = Math.max(1, o.jobs ?? cores);
  const threads = Math.max(1, Math.floor(Number(process.env.LMRL_THREADS) || cores / jobs));
  console.error(
    `[reproduce] preset ${plan.preset}: ${plan.rows.length} row(s) × ${plan.methods.join(", ")} × seed(s) ${plan.seeds.join(", ")}; ` +
      `code version ${plan.codeVersion}; ${jobs} stage(s) at a time, ${threads} thread(s) each; stages in ${relative(process.cwd(), join(plan.root, "stages")) || "."}`,
  );
  const answered = o.reuseResults ? answeredByResults(plan, resultsDir, tokenizers) : new Set<string>();
  if (o.reuseResults) {
    const cells = plan.stages.filter((s) => s.kind === "eval" && answered.has(s.id)).length;
    console.error(`[reproduce] --reuse-results: ${cells} cell(s) answered by results files in ${relative(process.cwd(), resultsDir) || "."} (their commits are in the table's per-seed lines)`);
  }
  const finished = (s: PlannedStage): boolean => isDone(s) || answered.has(s.id);
  if (o.dryRun) {
    for (const s of plan.stages) console.log(`${isDone(s) ? "done  " : answered.has(s.id) ? "reused" : "to run"}  ${s.id}  (~${Math.round(s.cost)} s${measured.has(s.id) ? " measured" : ""})  ${relative(process.cwd(), s.dir)}`);
    const todo = plan.stages.filter((s) => !finished(s));
    const left = todo.reduce((a, s) => a + s.cost, 0);
    const byRow = costByRow(plan.rows, todo);
    if (byRow.length > 1) console.log(`by row: ${byRow.map(([row, c]) => `${row} ${(c / 60).toFixed(0)} min`).join(", ")}`);
    const known = todo.filter((s) => measured.has(s.id)).reduce((a, s) => a + s.cost, 0);
    console.log(
      `estimated ${(left / 60).toFixed(0)} min of one core to run, ~${(left / 60 / jobs).toFixed(0)} min at ${jobs} at a time ` +
        `(${(known / 60).toFixed(0)} min of it training measured by results files of the same recipe in ${relative(process.cwd(), resultsDir) || "."}; the rest rough per-step estimates)`,
    );
    return { plan, report: undefined, resultsDir };
  }
  const byId = new Map(plan.stages.map((s) => [s.id, s]));
  // each cell's results file is written as soon as its evaluation finishes, so a run stopped after
  // hours leaves every finished cell in the results folder (the summary and figures come at the end)
  const execute = async (s: PlannedStage, onProgress: (f: number) => void): Promise<void> => {
    await runChild(s, inputsOf(s, byId), threads, onProgress);
    if (s.kind === "eval") writeResultFile(plan, s, byId, resultsDir);
  };
  const report = await runPipeline(plan.stages, { name: "reproduce", jobs, progress: o.progress, isFinished: finished, first: (s) => s.kind === "eval", execute });
  const written = writeResultFiles(plan, resultsDir, !shared, answered);
  console.error(`[reproduce] ${report.ran.length} stage(s) ran, ${report.reused.length} reused, ${report.failed.size} failed, in ${(report.seconds / 60).toFixed(1)} min; ${written} results file(s) in ${relative(process.cwd(), resultsDir)}`);
  for (const [id, why] of report.failed) console.error(`[reproduce]   ${id}: ${why}`);
  if (report.failed.size > 0) console.error("[reproduce] rerun the same command to retry the failed stages (finished ones are kept)");
  return { plan, report, resultsDir };
}

/**
 * After a run: the comparison with the paper (printed, and written as CSV/JSON/Markdown into the results
 * folder) and the figures (bars, paper-vs-kit scatter, a learning-curve figure per row) into figuresDir.
 * Returns the files written.
 */
export async function reportResults(resultsDir: string, figuresDir: string, o: { readonly log?: (s: string) => void; readonly prefix?: string } = {}): Promise<string[]> {
  const log = o.log ?? ((s: string) => console.log(s));
  const prefix = o.prefix ?? "reproduce";
  const c = compareResults(resultsDir, ENV_SPECS);
  if (c.summary.length === 0) {
    log("(no finished evaluations yet: nothing to compare)");
    return [];
  }
  log(comparisonMarkdown(c));
  const files = writeComparison(c, resultsDir);
  files.push(...(await writeFigure(join(figuresDir, `${prefix}-scores`), scoreBars(c))));
  files.push(...(await writeFigure(join(figuresDir, `${prefix}-paper-vs-kit`), paperScatter(c))));
  const all = readResults(resultsDir);
  for (const [row, byAlgo] of all) {
    const runs = [...byAlgo.values()].flat().map(curveRunOf);
    if (runs.some((r) => r.curve.length + (r.loss?.length ?? 0) > 0)) files.push(...(await writeFigure(join(figuresDir, `${prefix}-curves-${row}`), learningCurves(row, runs))));
  }
  return files;
}

/** What a train stage leaves in its done.json. */
export interface TrainOutput extends Pick<OfflineResult, "steps" | "seconds" | "tokens" | "tokensPerSec" | "path" | "threads" | "commit"> {
  readonly recipe: Record<string, unknown>;
  /** The training-time evaluation (the row's evalEpisodes), for comparison with the protocol's. */
  readonly trainScore: number;
  /** Learning curve (`curveOf`): (step, normalised score) of every evaluation or online round during training. */
  readonly curve: readonly CurvePoint[];
  /** Training loss every logged step, thinned (`lossOf`). */
  readonly loss: readonly { readonly step: number; readonly loss: number }[];
  /** Online methods: rollout throughput, as the online bench records it. */
  readonly online?: OnlineSummary;
}

/** What an eval stage leaves in its done.json. */
export interface EvalOutput {
  readonly score: number;
  readonly scoreOurs: number;
  readonly meanReturn: number;
  readonly successRate: number;
  readonly meanLength: number;
  readonly invalidRate: number;
  readonly episodes: number;
  readonly evalSeed: number;
  readonly taskMetrics: Readonly<Record<string, number>>;
  readonly seconds: number;
}

/**
 * Turn every finished (train, eval) pair of the plan into a results file; returns how many were written.
 * `exclusive`: the folder is this run's own, so results files of cells outside the plan (an earlier
 * invocation with other rows, or another code version's stages) are removed — the table shows this plan.
 */
export function writeResultFiles(plan: ReproducePlan, resultsDir: string, exclusive = false, answered: ReadonlySet<string> = new Set()): number {
  const byId = new Map(plan.stages.map((s) => [s.id, s]));
  let n = 0;
  for (const s of plan.stages.filter((x) => x.kind === "eval")) if (writeResultFile(plan, s, byId, resultsDir)) n++;
  if (exclusive && existsSync(resultsDir)) {
    const wanted = new Set(plan.stages.filter((x) => x.kind === "eval" && (isDone(x) || answered.has(x.id))).map((x) => { const p = x.params as { row: string; algo: string; seed: number }; return resultPath(resultsDir, { env: p.row, algorithm: p.algo, seed: p.seed }); }));
    for (const row of readdirSync(resultsDir, { withFileTypes: true }).filter((d) => d.isDirectory())) {
      for (const f of readdirSync(join(resultsDir, row.name)).filter((x) => /-seed\d+\.json$/.test(x))) {
        if (!wanted.has(join(resultsDir, row.name, f))) rmSync(join(resultsDir, row.name, f));
      }
    }
  }
  return n;
}

/** The results file of one evaluation stage, when it and its training are finished; returns whether it wrote one. */
function writeResultFile(plan: ReproducePlan, s: PlannedStage, byId: ReadonlyMap<string, PlannedStage>, resultsDir: string): boolean {
  const t = byId.get(s.deps[0])!;
  if (!isDone(s) || !isDone(t)) return false;
  // the BC training this cell started from, recorded so that a later BC is noticed (finishedResult)
  const start = bcStartOf(t, byId);
  const ev = readDone<EvalOutput>(s);
  const tr = readDone<TrainOutput>(t);
  const { row, algo, seed } = s.params as { row: string; algo: string; seed: number };
  const result: OfflineResult & Record<string, unknown> = {
    env: row, algorithm: algo, seed,
    score: ev.score, scoreOurs: ev.scoreOurs, meanReturn: ev.meanReturn, successRate: ev.successRate, meanLength: ev.meanLength, evalEpisodes: ev.episodes,
    taskMetrics: { invalid_rate: ev.invalidRate, ...ev.taskMetrics }, steps: tr.steps, seconds: +(tr.seconds + ev.seconds).toFixed(1),
    tokens: tr.tokens, tokensPerSec: tr.tokensPerSec, path: tr.path, threads: tr.threads, commit: tr.commit, date: new Date(statSync(join(s.dir, DONE_FILE)).mtimeMs).toISOString(),
    config: tr.recipe, trainScore: tr.trainScore, evalSeed: ev.evalSeed, curve: tr.curve, loss: tr.loss, tokenizer: tokenizerHash(getEnvSpec(row).tokenizer), preset: plan.preset, stages: { train: t.hash, eval: s.hash }, codeVersion: plan.codeVersion,
    ...(start ? { start: { train: start.hash } } : {}),
    ...(tr.online ? { online: tr.online } : {}),
  };
  writeFileAtomic(resultPath(resultsDir, { env: row, algorithm: algo, seed }), JSON.stringify(result, null, 1) + "\n");
  return true;
}

/** The stage file a child process runs (written by runChild). */
interface StageFile {
  readonly id: string;
  readonly kind: "data" | "train" | "eval";
  readonly params: Record<string, unknown>;
  readonly hash: string;
  readonly dir: string;
  readonly inputs: Record<string, string>;
}

const progressLine = (f: number): void => {
  process.stdout.write(`{"progress":${f.toFixed(4)}}\n`);
};

/** `lmrl _stage <stage.json>`: run one stage in this process and write its done.json (what runChild starts). */
export async function runStageFile(path: string): Promise<void> {
  const st = JSON.parse(readFileSync(path, "utf8")) as StageFile;
  const planned = { dir: st.dir } as PlannedStage;
  const t0 = Date.now();
  if (st.kind === "data") {
    const { row, n, seed } = st.params as { row: string; n: number; seed: number };
    let shown = -1; // percent last reported: a rule-based row writes thousands of trajectories a second
    const onProgress = (done: number, total: number): void => {
      const pct = Math.floor((100 * done) / total);
      if (pct !== shown) progressLine((shown = pct) / 100);
    };
    const spec = getEnvSpec(row);
    const files = await generateDatasets(spec, { n, seed, out: join(st.dir, "data"), progress: true, onProgress });
    writeDone(planned, { row, n, seed, files: files.map((f) => ({ split: f.split, count: f.count, stats: f.stats })), paperStats: spec.dataset.paperStats ?? null, seconds: (Date.now() - t0) / 1000 });
    return;
  }
  const { row, algo, seed } = st.params as { row: string; algo: string; seed: number };
  const spec = getEnvSpec(row);
  if (st.kind === "train") {
    const algoSpec = getAlgorithm(algo);
    const layers = (st.params.layers as Record<string, unknown>[]) ?? [];
    const resolved = algorithmConfig(algoSpec, spec, layers);
    const dataset = stageDataset(spec, resolved, datasetPath(join(st.inputs.data, "data"), row));
    const init = algoSpec.start === "bc" ? [{ initCheckpoint: join(st.inputs.bc, "run", "checkpoints", "latest") }] : [];
    const steps = resolved.steps;
    const r = await train({
      algorithm: algoSpec, env: spec, seed, out: join(st.dir, "run"), config: [...layers, { dataset }, ...init], progress: "lines", verbose: false, resume: "auto",
      onMetrics: (m) => {
        if (m.phase === algoSpec.name && typeof m.step === "number") progressLine(Math.min(1, m.step / steps));
      },
    });
    const metrics = readMetrics(join(st.dir, "run"));
    const out: TrainOutput = {
      steps: r.config.steps, seconds: +r.seconds.toFixed(1), tokens: r.tokens, tokensPerSec: Math.round(r.tokensPerSec), path: r.backend.path, threads: r.backend.native?.threads ?? null,
      // The data stage's file is `lmrl data generate --n datasetSize --seed datasetSeed`, the trajectories
      // "memory" generates (stageDataset), so the recipe says "memory" and the benches find this run finished.
      commit: commitOf(), recipe: recipeOf({ ...(r.config as unknown as Record<string, unknown>), dataset: recordedDataset(spec, r.config) }), trainScore: +r.finalEval.normalizedScore.toFixed(3), curve: curveOf(metrics, algoSpec.name), loss: lossOf(metrics, algoSpec.name),
      ...(algoSpec.data === "online" ? { online: onlineSummaryOf(metrics, algoSpec.name) } : {}),
    };
    writeDone(planned, out);
    return;
  }
  const { episodes, evalSeed } = st.params as { episodes: number; evalSeed: number };
  const { learner, config } = await learnerFromCheckpoint(join(st.inputs.train, "run", "checkpoints", "latest"), spec);
  try {
    // every finished batch goes to the stage's journal, so a stopped evaluation goes on after its last one
    const journal = openEvalJournal(join(st.dir, "episodes.jsonl"), { evalSeed, episodes, batchSize: config.evalBatchSize });
    if (journal.resume) process.stderr.write(`[eval] resuming after ${journal.resume.episodes.length} of ${episodes} episodes (${journal.path})\n`);
    const { summary, scalars } = await evaluateLearner(learner, spec, { ...config, evalSeed }, episodes, (d) => progressLine(d / episodes), { resume: journal.resume, onBatch: journal.record });
    const out: EvalOutput = {
      score: +summary.normalizedScore.toFixed(3), scoreOurs: +summary.normalizedScoreOurs.toFixed(3), meanReturn: +summary.meanReturn.toFixed(4), successRate: summary.successRate,
      meanLength: +summary.meanLength.toFixed(3), invalidRate: +summary.invalidActionRate.toFixed(4), episodes: summary.episodes, evalSeed,
      taskMetrics: Object.fromEntries(Object.entries(taskScalars(scalars)).map(([k, v]) => [k, +v.toFixed(4)])),
      seconds: +((Date.now() - t0) / 1000).toFixed(1),
    };
    writeDone(planned, out);
  } finally {
    learner.dispose();
  }
}
