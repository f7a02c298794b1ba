/**
 * The training loop shared by every algorithm: stream shuffled batches from the dataset and take
 * optimiser steps with the algorithm's Learner (offline), or run one round of rollouts and updates per
 * step (online: `OnlineLearner.round`, src/algorithms/online.ts); log every diagnostic as a named scalar to
 * `<run>/metrics.jsonl`, evaluate in the env every N steps (the paper's normalised score, LMRL-Gym App. E, ICLR 2024 submission), checkpoint, and
 * resume exactly. MC Returns, ILQL and the online methods start from BC (LMRL-Gym §5.1, ICLR 2024 submission): from `initCheckpoint`, or from a BC
 * phase trained at the start of the same run (saved as `<run>/bc-init`). Deterministic given the seed.
 *
 * @example
 * const r = await train({ algorithm: "ilql", envId: "maze-fo", seed: 0 });
 * r.finalEval.normalizedScore;
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { acquireLock, cleanStaleTemps, writeFileAtomic } from "../core/atomic";
import { crashPoint } from "../core/crash";
import { openEvalJournal } from "../core/eval-journal";
import { checkDatasetSet, DATASET_VERSION, readDatasetHeaderSync, readTrajectories, validateDataset, type DatasetExpectation } from "../core/dataset";
import { evaluate, type EvalResult, type EvaluateOptions } from "../core/evaluate";
import { datasetPath, splitTrajectories } from "../core/generate";
import { projectPath } from "../core/paths";
import { Progress } from "../core/progress";
import { checkSeed, deriveSeed, Rng } from "../core/rng";
import type { EnvSpec, GreedyActor } from "../core/spec";
import { initBackend, type BackendInfo } from "../model/backend";
import { inJupyterKernel, stopOnSigint } from "../core/interrupt";
import { svgLineChart } from "../core/svg-chart";
import { loadCheckpoint, recoverCheckpoint, saveCheckpoint, type LoadedCheckpoint } from "../model/checkpoint";
import type { GptConfig } from "../model/gpt";
import { loadTokenizer, tokenizerDirOf, type KitTokenizer } from "../model/tokenizer";
import type { AlgorithmSpec, BcInit } from "./algorithm";
import type { TrainConfig } from "./config";
import { CachedEncoder, collate, DataQuality, sequenceBatches, type TokenSequence, type TrajectorySource } from "./data";
import { algorithmConfig, getAlgorithm } from "./index";
import type { Learner } from "./learner";
import { isOnlineLearner, type OnlineLearner } from "./online";
import type { ModelPolicy } from "./policy";

export interface TrainOptions {
  /** An algorithm name or alias ("bc", "pbc" or "%bc", "mc", "ilql"), or an {@link AlgorithmSpec}. */
  readonly algorithm: string | AlgorithmSpec;
  /** The row to train on (`getEnvSpec("maze-fo")` from src/tasks). */
  readonly env: EnvSpec;
  /** Config layers over the defaults: flat keys for this algorithm, `{ bc: {...} }` for its BC phase. */
  readonly config?: readonly Record<string, unknown>[];
  readonly seed?: number;
  /** Run folder (default runs/<algo>-<env>-seed<S>). */
  readonly out?: string;
  /**
   * Continue from `<out>/checkpoints/latest` with the run's saved config; `config` layers given with
   * resume are added on top (e.g. more steps). Batches replay the seeded stream, so a resumed run takes
   * the same steps as an uninterrupted one. `"auto"` (what a notebook cell wants): resume when `out`
   * holds a run of the same algorithm, row, seed and resolved config (a finished one returns its
   * recorded result at once), start one when `out` holds none, and refuse, naming the keys that differ,
   * when it holds another.
   */
  readonly resume?: boolean | "auto";
  /** Progress display (default: bar on a TTY). */
  readonly progress?: "bar" | "lines" | "off";
  /** Called with every metrics row as it is written. */
  readonly onMetrics?: (row: MetricsRow) => void;
  /** Print a line per evaluation and the config table (default true). */
  readonly verbose?: boolean;
  /** Replace a finished or interrupted run in `out` (default: refuse, so nothing trained is lost). */
  readonly overwrite?: boolean;
  /**
   * Stop at the next step boundary once aborted: the weights of the last finished step are saved as
   * the run's checkpoint and train() rejects with a {@link TrainingInterrupted}; `resume: true` then
   * continues exactly (a sweep that stops at its target, a notebook's button). Without one, inside a
   * Jupyter kernel, Kernel → Interrupt (SIGINT) does the same.
   */
  readonly signal?: AbortSignal;
}

/** What train() rejects with when its `signal` aborts: where it stopped and what was saved. */
export class TrainingInterrupted extends Error {
  override readonly name = "TrainingInterrupted";
  constructor(readonly phase: string, readonly step: number, readonly runDir: string, readonly saved: boolean) {
    super(`training interrupted at ${phase} step ${step}${saved ? `; the checkpoint of that step is saved in ${runDir}: continue with resume: true (lmrl train … --out ${runDir} --resume)` : " (nothing of this phase was saved yet)"}`);
  }
}

/** One line of metrics.jsonl. */
export interface MetricsRow {
  readonly phase: string;
  readonly step: number;
  readonly [name: string]: number | string;
}

export interface TrainResult {
  readonly runDir: string;
  readonly config: TrainConfig;
  readonly finalEval: EvalResult;
  /** The task's own numbers at the end (EnvSpec.metrics; FO maze: move_accuracy), {} when it has none. */
  readonly taskMetrics: Readonly<Record<string, number>>;
  readonly seconds: number;
  /** Padded tokens processed by this run's optimiser steps (all phases). */
  readonly tokens: number;
  readonly tokensPerSec: number;
  readonly backend: BackendInfo;
}

/** The dataset file a config names: "file" is the row's default, data/generated/<row>/train.jsonl. */
function datasetFileOf(spec: EnvSpec, cfg: TrainConfig): string {
  return cfg.dataset === "file" ? datasetPath(projectPath("data", "generated"), spec.id) : cfg.dataset;
}

/** Where the dataset comes from: in-memory generation or a JSONL file (see TrainConfig.dataset). */
export function trajectorySource(spec: EnvSpec, cfg: TrainConfig): TrajectorySource {
  if (cfg.dataset === "memory") return () => splitTrajectories(spec, "train", cfg.datasetSize, cfg.datasetSeed);
  const path = datasetFileOf(spec, cfg);
  if (!existsSync(path)) {
    throw new Error(`dataset ${path} does not exist; write it with \`npx lmrl data generate ${spec.id} --n ${cfg.datasetSize} --seed ${cfg.datasetSeed}\` or set "dataset": "memory" to generate ${cfg.datasetSize} trajectories in memory`);
  }
  return () => readTrajectories(path, datasetExpectation(spec, cfg));
}

/**
 * The dataset a results file records for this config: "memory" when the run trains on the trajectories
 * in-memory generation makes — `"dataset": "memory"`, or a file whose header says `lmrl data generate`
 * wrote it for this row's train split with this config's datasetSize and datasetSeed (generation is
 * deterministic, so the file holds those very trajectories) — else the config's value ("file" or a path).
 * This lets a run on the default file (Chess, Endgames) and the same run on reproduce's data stage count
 * as one experiment.
 */
export function recordedDataset(spec: EnvSpec, cfg: TrainConfig): string {
  if (cfg.dataset === "memory") return "memory";
  const path = datasetFileOf(spec, cfg);
  const h = readDatasetHeaderSync(path);
  const same = h !== null && h.version === DATASET_VERSION && h.env === spec.id && h.split === "train" && h.generator === spec.dataset.behaviour && h.seed === cfg.datasetSeed && h.count === cfg.datasetSize;
  return same ? "memory" : cfg.dataset;
}

function datasetExpectation(spec: EnvSpec, cfg: TrainConfig): DatasetExpectation {
  return { env: spec.id, split: "train", allowMismatch: cfg.allowDatasetMismatch };
}

/** Reads a dataset file end to end before training: bad files fail now, naming file, line and field. */
async function checkDatasetFile(spec: EnvSpec, cfg: TrainConfig): Promise<void> {
  if (cfg.dataset === "memory") return;
  const path = datasetFileOf(spec, cfg);
  trajectorySource(spec, cfg); // existence, with the message naming `lmrl data generate`
  await validateDataset(path, datasetExpectation(spec, cfg));
  await checkDatasetSet(dirname(path));
}

/** The window of texts a model of this config trains on and sees. */
export function trainingWindow(spec: EnvSpec, cfg: TrainConfig): number {
  return cfg.historyWindow ?? spec.historyWindow;
}

/** The evaluation policy of a learner under a config. */
export function learnerPolicy(learner: Learner, spec: EnvSpec, cfg: TrainConfig): ModelPolicy {
  return learner.policy({ window: trainingWindow(spec, cfg), temperature: cfg.temperature, maxNewTokens: cfg.maxNewTokens });
}

/**
 * The learner's greedy (temperature 0) actions for a batch of visible histories: what a task's
 * `metrics` hook probes (e.g. `greedyMazeMoves` in src/tasks/maze).
 *
 * @example
 * const moves = await greedyMazeMoves(greedyActor(learner, spec, cfg));
 */
export function greedyActor(learner: Learner, spec: EnvSpec, cfg: TrainConfig): GreedyActor {
  const policy = learner.policy({ window: trainingWindow(spec, cfg), temperature: 0, maxNewTokens: cfg.maxNewTokens });
  return (histories) => policy.actBatch(histories, histories.map((_, i) => new Rng(i)));
}

/** Evaluates a learner in the env with the config's protocol; returns the summary and named scalars. */
export async function evaluateLearner(
  learner: Learner,
  spec: EnvSpec,
  cfg: TrainConfig,
  episodes = cfg.evalEpisodes,
  onProgress?: (done: number) => void,
  resumable: Pick<EvaluateOptions, "resume" | "onBatch"> = {},
): Promise<{ summary: EvalResult; scalars: Record<string, number> }> {
  const summary = await evaluate(spec, learnerPolicy(learner, spec, cfg), { episodes, seed: cfg.evalSeed, batchSize: cfg.evalBatchSize, ...(onProgress ? { onProgress } : {}), ...resumable });
  const scalars: Record<string, number> = {
    "eval/return": summary.meanReturn,
    "eval/score": summary.normalizedScore,
    "eval/score_ours": summary.normalizedScoreOurs,
    "eval/success": summary.successRate,
    "eval/length": summary.meanLength,
    "eval/invalid_rate": summary.invalidActionRate,
  };
  for (const [k, v] of Object.entries(summary.taskMetrics ?? {})) scalars[`eval/${k}`] = v;
  if (spec.metrics) {
    for (const [k, v] of Object.entries(await spec.metrics(greedyActor(learner, spec, cfg)))) scalars[`eval/${k}`] = v;
  }
  return { summary, scalars };
}

/** Builds the learner of `algo`; BC-initialised algorithms need the BC model's weights and config. */
export function createLearner(algo: AlgorithmSpec, cfg: TrainConfig, tokenizer: KitTokenizer, seed: number, init?: BcInit): Learner {
  if (algo.start === "bc" && !init) throw new Error(`createLearner: ${algo.name} starts from a BC model; pass its weights and config`);
  return algo.createLearner({ cfg, tokenizer, seed: deriveSeed(seed, "model", algo.name), ...(init ? { init } : {}) });
}

/**
 * The checkpoint folder `dir` names: a checkpoint itself, or a run folder (the `--out` of `lmrl
 * train`), whose final checkpoint `checkpoints/latest` is used.
 */
export function resolveCheckpointDir(dir: string): string {
  if (existsSync(join(dir, "state.json"))) return dir;
  const latest = join(dir, "checkpoints", "latest");
  if (existsSync(join(dir, "config.json")) && existsSync(join(latest, "state.json"))) return latest;
  if (!existsSync(dir)) throw new Error(`checkpoint ${dir} does not exist (lmrl train writes <run>/checkpoints/latest; pass the run folder or that checkpoint)`);
  throw new Error(`${dir} is neither a checkpoint (no state.json) nor a run folder with checkpoints/latest; pass the --out folder of \`lmrl train\` or one of its checkpoints`);
}

export interface CheckpointLoadOptions {
  /** Look up the checkpoint's own env id, to compare its task with the target's. */
  readonly lookup?: (id: string) => EnvSpec;
  /** Evaluate on an env of another task or tokenizer anyway (default: refuse). */
  readonly allowMismatch?: boolean;
  /**
   * Decode with another β (MC Returns, ILQL: logits_β + β·Q) or sampling temperature (0 = greedy)
   * than the run was trained and evaluated with. The weights are the same; only the policy changes.
   */
  readonly decoding?: { readonly beta?: number; readonly temperature?: number };
}

/**
 * Rebuilds a learner from a checkpoint (or run) folder written by `train`, for `lmrl eval
 * --checkpoint`. `env` is the row to evaluate on, or a lookup the checkpoint's own env id is passed
 * to. A row of another task, or with another tokenizer, is refused unless `allowMismatch` (its token
 * ids would mean other words); another row of the same task (maze-fo → maze-po) is allowed with a note.
 *
 * @example
 * const { learner, config, spec } = await learnerFromCheckpoint("runs/ilql-maze-fo-seed0", getEnvSpec);
 */
export async function learnerFromCheckpoint(dir: string, env: EnvSpec | ((id: string) => EnvSpec), opts: CheckpointLoadOptions = {}): Promise<{ learner: Learner; config: TrainConfig; spec: EnvSpec; tokenizer: KitTokenizer }> {
  await initBackend();
  const ckDir = resolveCheckpointDir(dir);
  const ck = loadCheckpoint(ckDir, { skipOptimizer: true });
  try {
    const meta = ck.config as { algorithm?: string; env?: string; train?: TrainConfig; gpt?: GptConfig };
    if (!meta.algorithm || !meta.train || !meta.gpt) throw new Error(`${join(ckDir, "config.json")} lacks "algorithm", "train" or "gpt"; it was not written by lmrl train`);
    const lookup = opts.lookup ?? (typeof env === "function" ? env : undefined);
    const spec = typeof env === "function" ? env(meta.env ?? "") : env;
    if (meta.env && spec.id !== meta.env) {
      const trainedTask = lookup ? safeLookup(lookup, meta.env)?.task : undefined;
      const ownTokenizer = ck.tokenizerDir ? readFileSync(join(ck.tokenizerDir, "tokenizer.json"), "utf8") : undefined;
      const targetTokenizerPath = join(tokenizerDirOf(spec.tokenizer), "tokenizer.json");
      const sameTokenizer = ownTokenizer === undefined || (existsSync(targetTokenizerPath) && readFileSync(targetTokenizerPath, "utf8") === ownTokenizer);
      const sameTask = trainedTask === undefined || trainedTask === spec.task;
      if ((!sameTask || !sameTokenizer) && !opts.allowMismatch) {
        throw new Error(
          `${ckDir} was trained on ${meta.env}${trainedTask ? ` (task ${trainedTask})` : ""}; ${spec.id} is ${!sameTask ? `task ${spec.task}` : "another tokenizer"}, so its texts would be read with the wrong vocabulary. ` +
            `Evaluate it on ${meta.env}, or pass --allow-env-mismatch to do it anyway.`,
        );
      }
      console.error(`[lmrl] note: checkpoint was trained on ${meta.env}, evaluating on ${spec.id}`);
    }
    const tokenizer = await loadTokenizer(ck.tokenizerDir ?? tokenizerDirOf(spec.tokenizer));
    const algo = getAlgorithm(meta.algorithm);
    const config = withDecoding(meta.train, meta.algorithm, opts.decoding);
    const init = algo.start === "bc" ? { weights: stripPrefix(ck.weights, "pi_beta."), gpt: meta.gpt } : undefined;
    const learner = createLearner(algo, config, tokenizer, 0, init);
    learner.restore(ck);
    return { learner, config, spec, tokenizer };
  } finally {
    disposeAll(ck);
  }
}

/** A trained run's config with the decoding overrides of {@link CheckpointLoadOptions.decoding}, checked. */
function withDecoding(train: TrainConfig, algorithm: string, decoding: CheckpointLoadOptions["decoding"]): TrainConfig {
  if (!decoding) return train;
  const out = { ...train } as TrainConfig & { beta?: number };
  if (decoding.beta !== undefined) {
    if (typeof out.beta !== "number") throw new Error(`a ${algorithm} policy has no β to set (only value-based methods, MC Returns and ILQL, decode with logits_β + β·Q)`);
    if (!(Number.isFinite(decoding.beta) && decoding.beta >= 0)) throw new Error(`β must be a finite number >= 0, got ${decoding.beta}`);
    out.beta = decoding.beta;
  }
  if (decoding.temperature !== undefined) {
    if (!(Number.isFinite(decoding.temperature) && decoding.temperature >= 0)) throw new Error(`temperature must be a finite number >= 0 (0 = greedy), got ${decoding.temperature}`);
    out.temperature = decoding.temperature;
  }
  return out;
}

function safeLookup(lookup: (id: string) => EnvSpec, id: string): EnvSpec | undefined {
  try {
    return lookup(id);
  } catch {
    return undefined;
  }
}

function stripPrefix(w: LoadedCheckpoint["weights"], prefix: string): LoadedCheckpoint["weights"] {
  const out: LoadedCheckpoint["weights"] = {};
  for (const [k, v] of Object.entries(w)) if (k.startsWith(prefix)) out[k.slice(prefix.length)] = v;
  return out;
}

function disposeAll(ck: LoadedCheckpoint): void {
  for (const t of Object.values(ck.weights)) t.dispose();
  for (const t of Object.values(ck.optimizer ?? {})) t.dispose();
}

interface RunContext {
  readonly spec: EnvSpec;
  readonly tokenizer: KitTokenizer;
  readonly runDir: string;
  readonly seed: number;
  readonly backend: BackendInfo;
  readonly opts: TrainOptions;
  tokens: number;
}

function writeMetrics(ctx: RunContext, row: MetricsRow): void {
  appendFileSync(join(ctx.runDir, "metrics.jsonl"), JSON.stringify(row) + "\n");
  ctx.opts.onMetrics?.(row);
}

/** The rows of `<run>/metrics.jsonl` (a torn last line from a kill is dropped; other bad lines name file:line). */
export function readMetrics(runDir: string): MetricsRow[] {
  const path = join(runDir, "metrics.jsonl");
  if (!existsSync(path)) return [];
  const lines = readFileSync(path, "utf8").split("\n");
  const rows: MetricsRow[] = [];
  lines.forEach((l, i) => {
    if (!l.trim()) return;
    try {
      rows.push(JSON.parse(l) as MetricsRow);
    } catch (e) {
      if (i === lines.length - 1) return; // the line a kill cut short (no trailing newline yet)
      throw new Error(`${path}:${i + 1}: not valid JSON (${(e as Error).message}); fix or remove the line`);
    }
  });
  return rows;
}

/** Keeps only the metrics rows written before the resumed point (rewritten atomically). */
function truncateMetrics(runDir: string, keep: (row: MetricsRow) => boolean): void {
  const path = join(runDir, "metrics.jsonl");
  if (!existsSync(path)) return;
  writeFileAtomic(path, readMetrics(runDir).filter(keep).map((r) => JSON.stringify(r) + "\n").join(""));
}

/** A JSON file's contents; errors name the file. */
function readJsonFile(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, "utf8"));
  } catch (e) {
    throw new Error(`${path}: ${(e as Error).message}`);
  }
}

/** What a checkpoint's state.json records so a resumed run continues every counter exactly. */
interface CheckpointMeta {
  step: number;
  phase: string;
  seed: number;
  /** Padded tokens of every phase so far (the run's `throughput/tokens`). */
  tokens: number;
  phaseTokens: number;
  /** Training seconds of this phase so far (across resumes). */
  phaseSeconds: number;
  quality: { rows: number; truncatedRows: number; tokens: number; unkTokens: number };
  /** The learner's scalars summed over the steps since the last metrics row (absent when none). */
  interval?: { steps: number; sums: Record<string, number | null> };
}

/**
 * The learner's scalars averaged over the steps since the last metrics row, as TRL and Keras log them:
 * one optimiser step's loss is one minibatch's (noisy), and a row every `logEvery` steps would otherwise
 * show a sample of that noise. Saved in a checkpoint, so a run resumed between two rows writes the
 * uninterrupted run's rows.
 */
export class IntervalMean {
  private steps = 0;
  private sums: Record<string, number> = {};
  add(scalars: Record<string, number>): void {
    for (const [k, v] of Object.entries(scalars)) this.sums[k] = (this.sums[k] ?? 0) + v;
    this.steps++;
  }
  /** The means since the last take(), and a fresh interval. */
  take(): Record<string, number> {
    const out = Object.fromEntries(Object.entries(this.sums).map(([k, v]) => [k, v / this.steps]));
    this.steps = 0;
    this.sums = {};
    return out;
  }
  /** JSON-safe state (a NaN sum, e.g. an online round's loss, is written as null). */
  state(): CheckpointMeta["interval"] {
    return this.steps === 0 ? undefined : { steps: this.steps, sums: { ...this.sums } };
  }
  restore(s: CheckpointMeta["interval"]): void {
    this.steps = s?.steps ?? 0;
    this.sums = Object.fromEntries(Object.entries(s?.sums ?? {}).map(([k, v]) => [k, v ?? NaN]));
  }
}

interface PhaseResult {
  readonly summary: EvalResult;
  readonly scalars: Record<string, number>;
  /** Seconds the phase took, training and final evaluation, summed over every resume. */
  readonly seconds: number;
}

/** Where a phase records its completed final evaluation: `<checkpoint dir>.eval.json`. */
function phaseEvalPath(checkpointDir: string): string {
  return `${checkpointDir}.eval.json`;
}

/** The journal of a phase's final evaluation while it runs (core/eval-journal.ts): a kill while evaluating resumes after its last batch. */
function phaseJournalPath(checkpointDir: string): string {
  return `${checkpointDir}.eval-episodes.jsonl`;
}

/**
 * The task's own `eval/<name>` scalars of {@link evaluateLearner} (those the spec's `episodeMetrics`
 * and `metrics` hooks added), without the prefix; the generic return/score/success/length/invalid-rate
 * ones are left out.
 */
export function taskScalars(scalars: Record<string, number>): Record<string, number> {
  const generic = new Set(["eval/return", "eval/score", "eval/score_ours", "eval/success", "eval/length", "eval/invalid_rate"]);
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(scalars)) if (!generic.has(k) && k.startsWith("eval/")) out[k.slice(5)] = v;
  return out;
}

/** The seeded stream of dataset batches an offline phase trains on (%BC's filter applied). */
async function datasetBatches(ctx: RunContext, algo: AlgorithmSpec, cfg: TrainConfig, window: number, stream: (string | number)[] = ["data", algo.name]): Promise<AsyncGenerator<TokenSequence[]>> {
  const source = trajectorySource(ctx.spec, cfg);
  const filter = algo.trajectoryFilter ? await algo.trajectoryFilter(source, cfg) : undefined;
  const gamma = algo.discount?.(cfg) ?? 1;
  const enc = new CachedEncoder(ctx.tokenizer);
  return sequenceBatches(source, enc, { window, gamma, maxLength: cfg.maxLength, batchSize: cfg.batchSize, shuffleBuffer: cfg.shuffleBuffer, filter }, new Rng(deriveSeed(ctx.seed, ...stream)));
}

/** An online phase has no dataset stream; this stands in for it (return() is all the phase calls). */
async function* emptyBatches(): AsyncGenerator<TokenSequence[]> {}

/**
 * Runs one phase: `cfg.steps` optimiser steps of `learner`, resuming from `checkpointDir` when it exists
 * and `resume` is set. Saves `checkpointDir` every `checkpointEvery` steps and at the end.
 */
async function runPhase(ctx: RunContext, algo: AlgorithmSpec, learner: Learner, cfg: TrainConfig, checkpointDir: string, configJson: object, resume: boolean): Promise<PhaseResult> {
  const { spec, tokenizer } = ctx;
  const phase = algo.name;
  const evalFile = phaseEvalPath(checkpointDir);
  const window = trainingWindow(spec, cfg);
  // Offline algorithms read a seeded stream of dataset batches; online ones collect each round's data
  // themselves (every round a function of (seed, round): nothing to replay on resume).
  const online = algo.data === "online";
  if (online && !isOnlineLearner(learner)) throw new Error(`${phase} is declared online but its learner has no round()`);
  const batches = online ? emptyBatches() : await datasetBatches(ctx, algo, cfg, window);
  const quality = new DataQuality(tokenizer.unkId);
  const interval = new IntervalMean();
  let start = 0;
  let priorSeconds = 0;
  let phaseTokens = 0;
  // train() has already recovered an interrupted checkpoint swap of this folder (recoverCheckpoint).
  if (resume && existsSync(checkpointDir)) {
    const ck = loadCheckpoint(checkpointDir);
    learner.restore(ck);
    const meta = (ck.meta ?? {}) as Partial<CheckpointMeta>;
    start = Number(meta.step ?? 0);
    if (start > cfg.steps) {
      disposeAll(ck);
      throw new Error(`${checkpointDir} is at step ${start}, past this config's ${cfg.steps} ${phase} steps; resume with at least ${start} (--set steps=${start}, or --set ${phase}.steps=${start} for the BC phase of an MC/ILQL run)`);
    }
    ctx.tokens = Number(meta.tokens ?? 0);
    priorSeconds = Number(meta.phaseSeconds ?? 0);
    phaseTokens = Number(meta.phaseTokens ?? 0);
    if (meta.quality) Object.assign(quality, meta.quality);
    interval.restore(meta.interval);
    disposeAll(ck);
    const done = start >= cfg.steps && existsSync(evalFile) ? (readJsonFile(evalFile) as PhaseResult & { tokens: number; step: number }) : undefined;
    if (done && done.step === start) {
      // A finished phase: its final evaluation is on record; add nothing to the metrics. (An eval file
      // of an earlier, shorter run of this phase, extended with more steps, has another step.)
      ctx.tokens = done.tokens;
      await batches.return(undefined);
      if (ctx.opts.verbose !== false) console.error(`[lmrl] ${phase}: already finished at step ${start} (${evalFile})`);
      return { summary: done.summary, scalars: done.scalars, seconds: done.seconds };
    }
    if (!online) for (let i = 0; i < start; i++) await batches.next(); // replay the seeded stream to the same position
    // Keep what was written up to the checkpoint; the final evaluation of this step (if one was
    // interrupted) runs again below.
    truncateMetrics(ctx.runDir, (r) => r.phase !== phase || r.step < start || (r.step === start && !(start >= cfg.steps && "eval/score" in r)));
    if (ctx.opts.verbose !== false) console.error(`[lmrl] ${phase}: resumed at step ${start} from ${checkpointDir}`);
  } else if (resume) {
    if (ctx.opts.verbose !== false && readMetrics(ctx.runDir).some((r) => r.phase === phase)) {
      console.error(`[lmrl] ${phase}: no checkpoint was saved before the interruption; the phase starts again at step 0`);
    }
    truncateMetrics(ctx.runDir, (r) => r.phase !== phase);
  }
  const t0 = Date.now();
  const elapsed = () => priorSeconds + (Date.now() - t0) / 1000;
  const save = (step: number) => {
    const s = learner.state();
    const { rows, truncatedRows, tokens: qTokens, unkTokens } = quality;
    const meta: CheckpointMeta = { step, phase, seed: ctx.seed, tokens: ctx.tokens, phaseTokens, phaseSeconds: elapsed(), quality: { rows, truncatedRows, tokens: qTokens, unkTokens }, interval: interval.state() };
    saveCheckpoint(checkpointDir, {
      config: { ...s.config, ...configJson, train: cfg, env: spec.id },
      weights: s.weights,
      optimizer: s.optimizer,
      optimizerMeta: s.optimizerMeta,
      meta,
      tokenizerDir: tokenizerDirOf(spec.tokenizer),
    });
    for (const t of Object.values(s.optimizer)) t.dispose();
  };
  const bar = new Progress(`${phase} ${spec.id}`, cfg.steps, { mode: ctx.opts.progress, startAt: start });
  // In a notebook the progress display also draws the loss and evaluation curves, updated in place.
  const curves = bar.mode === "notebook" ? { loss: [] as [number, number][], score: [] as [number, number][] } : undefined;
  const drawCurves = () => {
    if (curves) bar.html = `<div style="display:flex;gap:1em">${svgLineChart(`${phase} loss`, [{ name: "loss", points: curves.loss }])}${svgLineChart("evaluation (normalised score)", [{ name: "score", points: curves.score, color: "#2ca02c" }])}</div>`;
  };
  let last: Record<string, number> = {};
  let warned = false;
  for (let step = start + 1; step <= cfg.steps; step++) {
    // A step runs on microtasks only; one turn of the event loop lets a SIGINT handler, a notebook's
    // interrupt or a timer run (and abort `signal`) between steps (~10 µs against a step's milliseconds).
    await new Promise((resolve) => setImmediate(resolve));
    if (ctx.opts.signal?.aborted) {
      bar.done();
      await batches.return(undefined);
      if (step - 1 > start) save(step - 1);
      throw new TrainingInterrupted(phase, step - 1, ctx.runDir, step - 1 > start || existsSync(checkpointDir));
    }
    let stepTokens: number;
    if (online) {
      const onProgress = (stage: string, done: number, total: number) => bar.update(step - 1, `round ${step}: ${stage} ${done}/${total}`);
      // A round that mixes in dataset batches (PPO's BC loss) reads a stream of its own, seeded by the round.
      const offlineBatches = () => datasetBatches(ctx, algo, cfg, window, ["data", algo.name, "round", step]);
      const r = await (learner as OnlineLearner).round({ spec, round: step, seed: ctx.seed, window, onProgress, offlineBatches });
      last = { loss: NaN, ...r.scalars };
      stepTokens = r.tokens;
    } else {
      const { value: seqs } = await batches.next();
      const batch = collate(seqs as never, tokenizer.padId);
      quality.add(batch);
      last = learner.step(batch);
      stepTokens = batch.B * batch.T;
    }
    interval.add(last);
    crashPoint("step");
    phaseTokens += stepTokens;
    ctx.tokens += stepTokens;
    const seconds = elapsed();
    const tps = phaseTokens / Math.max(seconds, 1e-9);
    const shown = online ? `return ${last["rollout/return"].toFixed(2)} score ${last["rollout/score"].toFixed(1)}` : `loss ${last.loss.toFixed(4)}`;
    bar.update(step, `${shown} ${Math.round(tps)} tok/s`);
    if (step % cfg.logEvery === 0 || step === cfg.steps) {
      const means = interval.take();
      writeMetrics(ctx, { phase, step, "time/seconds": seconds, "throughput/tokens": ctx.tokens, "throughput/tok_per_s": tps, ...means, ...(online ? {} : quality.scalars()) });
      curves?.loss.push([step, means.loss]);
      drawCurves();
      const warning = warned ? undefined : quality.warning();
      if (warning) {
        warned = true;
        console.error(`[lmrl] warning (${phase} on ${spec.id}): ${warning}`);
      }
    }
    if (cfg.evalEvery > 0 && step % cfg.evalEvery === 0 && step < cfg.steps) {
      const { scalars } = await evaluateLearner(learner, spec, cfg);
      writeMetrics(ctx, { phase, step, ...scalars });
      curves?.score.push([step, scalars["eval/score"]]);
      drawCurves();
      if (ctx.opts.verbose !== false && !curves) console.error(`[lmrl] ${phase} step ${step}: score ${scalars["eval/score"].toFixed(1)} return ${scalars["eval/return"].toFixed(2)}`);
    }
    if (cfg.checkpointEvery > 0 && step % cfg.checkpointEvery === 0 && step < cfg.steps) save(step);
  }
  bar.done();
  await batches.return(undefined);
  // Save before the final evaluation: a failure or a kill while evaluating never loses the weights.
  if (start < cfg.steps) save(cfg.steps);
  crashPoint("final-eval");
  // The weights are saved at the last step, so the batches a killed evaluation finished are this policy's
  // own: a resumed one keeps them (keyed by step, seed and batch size) and runs only the rest.
  const journal = openEvalJournal(phaseJournalPath(checkpointDir), { step: cfg.steps, evalSeed: cfg.evalSeed, episodes: cfg.evalEpisodes, batchSize: cfg.evalBatchSize });
  if (journal.resume && ctx.opts.verbose !== false) console.error(`[lmrl] ${phase}: final evaluation resumed after ${journal.resume.episodes.length} of ${cfg.evalEpisodes} episodes (${journal.path})`);
  const { summary, scalars } = await evaluateLearner(learner, spec, cfg, cfg.evalEpisodes, undefined, {
    ...(journal.resume ? { resume: journal.resume } : {}),
    onBatch: (policy, start, episodes) => {
      journal.record(policy, start, episodes);
      crashPoint("final-eval-batch");
    },
  });
  writeMetrics(ctx, { phase, step: cfg.steps, ...scalars });
  if (curves) {
    curves.score.push([cfg.steps, scalars["eval/score"]]);
    drawCurves();
    bar.done("final evaluation done");
  }
  const { episodeRecords: _drop, ...kept } = summary;
  const seconds = elapsed();
  writeFileAtomic(evalFile, JSON.stringify({ step: cfg.steps, summary: kept, scalars, tokens: ctx.tokens, seconds }, null, 2) + "\n");
  rmSync(journal.path, { force: true }); // on record in evalFile now
  if (ctx.opts.verbose !== false) {
    const extra = Object.entries(taskScalars(scalars)).map(([k, v]) => `, ${k.replace(/_/g, " ")} ${v.toFixed(2)}`).join("");
    console.error(`[lmrl] ${phase} done: score ${summary.normalizedScore.toFixed(1)} (ours ${summary.normalizedScoreOurs.toFixed(1)}), return ${summary.meanReturn.toFixed(2)}, success ${(100 * summary.successRate).toFixed(0)}%${extra}`);
  }
  return { summary: kept, scalars, seconds };
}

/**
 * Trains `algorithm` on `envId` end to end and returns the final evaluation. Writes
 * `<run>/config.json` (full config, seed, backend), `<run>/metrics.jsonl`, `<run>/checkpoints/latest`
 * and `<run>/eval.json`.
 */
export async function train(opts: TrainOptions): Promise<TrainResult> {
  const algo = getAlgorithm(opts.algorithm);
  const spec = opts.env;
  const seed = opts.seed ?? 0;
  checkSeed(seed, "train seed");
  const runDir = opts.out ?? projectPath("runs", `${algo.name}-${spec.id}-seed${seed}`);
  const runConfigPath = join(runDir, "config.json");
  const saved = existsSync(runConfigPath) ? (readJsonFile(runConfigPath) as SavedRun) : undefined;
  const resume = opts.resume === "auto" ? saved !== undefined : Boolean(opts.resume);
  let layers = opts.config ?? [];
  if (resume) {
    if (!saved) throw new Error(`--resume: ${runConfigPath} does not exist; start the run without --resume first`); // never with "auto"
    const auto = opts.resume === "auto";
    const flag = auto ? `resume "auto"` : "--resume";
    if (saved.algorithm !== algo.name || saved.env !== spec.id || saved.seed !== seed) {
      throw new Error(`${flag}: ${runDir} holds ${saved.algorithm} on ${saved.env} seed ${saved.seed}, not ${algo.name} on ${spec.id} seed ${seed}${auto ? `: ${AUTO_RESUME_FIX}` : ""}`);
    }
    if (auto) {
      checkSameConfig(algo, spec, runDir, saved.layers, layers);
      layers = []; // the same config: continue with the saved layers only
    }
    // Extra layers extend the run (e.g. {"steps": 8000} continues a finished 1500-step run).
    layers = [...saved.layers, ...layers];
  } else if (saved && !opts.overwrite) {
    throw new Error(`${runDir} already holds a run (${runConfigPath}); continue it with --resume, pick another --out, or pass --overwrite to replace it`);
  }
  // Resolve (and so validate) every config before any work starts.
  const cfg = algorithmConfig(algo, spec, layers);
  const bcAlgo = algo.start === "bc" ? getAlgorithm("bc") : undefined;
  const bcCfg = bcAlgo ? algorithmConfig(bcAlgo, spec, layers, algo.name) : undefined;
  await checkDatasetFile(spec, cfg); // a missing or bad dataset file fails now, not after the BC phase
  if (bcCfg && bcCfg.dataset !== cfg.dataset) await checkDatasetFile(spec, bcCfg);
  const backend = await initBackend();
  mkdirSync(runDir, { recursive: true });
  // One writer per run folder: a second process (or notebook cell) on the same folder stops here.
  const releaseLock = acquireLock(join(runDir, ".lock"), `it is training this run now; wait for it to finish (resume "auto" / --resume then continues or returns it) or pick another --out`);
  try {
    const checkpointDirs = [join(runDir, "bc-init"), join(runDir, "checkpoints", "latest")];
    if (saved && resume) {
      writeFileAtomic(runConfigPath, JSON.stringify({ ...saved, layers, resumedAt: new Date().toISOString() }, null, 2) + "\n");
    } else {
      for (const d of checkpointDirs) for (const p of [d, phaseEvalPath(d), phaseJournalPath(d)]) rmSync(p, { recursive: true, force: true });
      rmSync(join(runDir, "eval.json"), { force: true });
      writeFileAtomic(join(runDir, "metrics.jsonl"), "");
      writeFileAtomic(
        runConfigPath,
        JSON.stringify({ algorithm: algo.name, env: spec.id, seed, backend, layers, config: cfg, ...(bcCfg ? { bcConfig: bcCfg } : {}), startedAt: new Date().toISOString(), node: process.version }, null, 2) + "\n",
      );
    }
    // Debris of killed writes (never of a live process) goes; recoverable checkpoints are recovered first.
    for (const d of checkpointDirs) {
      const note = recoverCheckpoint(d);
      if (note && opts.verbose !== false) console.error(`[lmrl] ${note}`);
      cleanStaleTemps(phaseEvalPath(d));
      cleanStaleTemps(phaseJournalPath(d));
    }
    for (const f of ["metrics.jsonl", "config.json", "eval.json"]) cleanStaleTemps(join(runDir, f));
    if (opts.verbose !== false) {
      console.error(`[lmrl] train ${algo.name} on ${spec.id}, seed ${seed}, run ${runDir}`);
      console.error(`[lmrl] config: ${runConfigPath}`);
    }
    const tokenizer = await loadTokenizer(tokenizerDirOf(spec.tokenizer));
    // In a Jupyter kernel, Kernel → Interrupt (SIGINT) stops at the next step with its checkpoint saved.
    const kernelStop = !opts.signal && inJupyterKernel() ? new AbortController() : undefined;
    const releaseSigint = kernelStop ? stopOnSigint(kernelStop, { exitOnSecond: false, hint: `run the cell again with resume: "auto" to continue from it (${runDir})` }) : () => {};
    const ctx: RunContext = { spec, tokenizer, runDir, seed, backend, opts: kernelStop ? { ...opts, signal: kernelStop.signal } : opts, tokens: 0 };
    try {
      return await trainPhases(ctx, algo, cfg, bcAlgo, bcCfg, checkpointDirs, resume);
    } finally {
      releaseSigint();
    }
  } finally {
    releaseLock();
  }
}

/** A run's config.json as train() writes it (the fields resume reads, and the rest kept as is). */
type SavedRun = { readonly layers: Record<string, unknown>[]; readonly seed: number; readonly algorithm: string; readonly env: string } & Record<string, unknown>;

const AUTO_RESUME_FIX = "pass overwrite: true for a fresh run, resume: true to continue it with these layers on top, or another out";

/**
 * `resume: "auto"` continues a run only when its saved layers resolve to the same config as `layers`
 * (the algorithm's and, for algorithms that start from BC, the BC phase's); otherwise an error naming
 * the keys that differ.
 */
function checkSameConfig(algo: AlgorithmSpec, spec: EnvSpec, runDir: string, savedLayers: readonly Record<string, unknown>[], layers: readonly Record<string, unknown>[]): void {
  const differing = (a: object, b: object) => Object.keys({ ...a, ...b }).filter((k) => JSON.stringify((a as Record<string, unknown>)[k]) !== JSON.stringify((b as Record<string, unknown>)[k]));
  const diff = differing(algorithmConfig(algo, spec, savedLayers), algorithmConfig(algo, spec, layers));
  if (algo.start === "bc") {
    const bc = getAlgorithm("bc");
    diff.push(...differing(algorithmConfig(bc, spec, savedLayers, algo.name), algorithmConfig(bc, spec, layers, algo.name)).map((k) => `bc.${k}`));
  }
  if (diff.length > 0) throw new Error(`${runDir} holds a run of another config (${diff.map((k) => `"${k}"`).join(", ")} differ): ${AUTO_RESUME_FIX}`);
}

/** The BC phase (when the algorithm starts from BC and no initCheckpoint is given), then the algorithm's. */
async function trainPhases(ctx: RunContext, algo: AlgorithmSpec, cfg: TrainConfig, bcAlgo: AlgorithmSpec | undefined, bcCfg: TrainConfig | undefined, checkpointDirs: string[], resume: boolean): Promise<TrainResult> {
  const { spec, tokenizer, seed, runDir, backend } = ctx;
  let learner: Learner;
  let seconds = 0;
  const initCheckpoint = algo.initCheckpoint?.(cfg) ?? "";
  if (bcAlgo && bcCfg) {
    // a BC run folder (the --out of lmrl train) names its final checkpoint, as lmrl eval --checkpoint reads it
    let bcDir = initCheckpoint ? resolveCheckpointDir(initCheckpoint) : "";
    if (!bcDir) {
      bcDir = checkpointDirs[0];
      const bc = createLearner(bcAlgo, bcCfg, tokenizer, seed);
      try {
        seconds += (await runPhase(ctx, bcAlgo, bc, bcCfg, bcDir, {}, resume)).seconds; // returns at once when already finished
      } finally {
        bc.dispose();
      }
    }
    const ck = loadCheckpoint(bcDir, { skipOptimizer: true });
    const gpt = (ck.config as { gpt?: GptConfig }).gpt;
    if (!gpt || (ck.config as { algorithm?: string }).algorithm?.endsWith("bc") !== true) throw new Error(`initCheckpoint ${bcDir} is not a BC checkpoint written by lmrl train (config.json algorithm ${(ck.config as { algorithm?: string }).algorithm})`);
    if (gpt.vocabSize !== tokenizer.vocabSize) throw new Error(`initCheckpoint ${bcDir} has vocabSize ${gpt.vocabSize}, the ${spec.tokenizer} tokenizer has ${tokenizer.vocabSize}`);
    learner = createLearner(algo, { ...cfg, nLayer: gpt.nLayer, nHead: gpt.nHead, dModel: gpt.dModel, blockSize: gpt.blockSize }, tokenizer, seed, { weights: ck.weights, gpt });
    for (const t of Object.values(ck.weights)) t.dispose();
  } else {
    learner = createLearner(algo, cfg, tokenizer, seed);
  }
  const checkpointConfig = algo.start === "bc" ? { initCheckpoint: initCheckpoint || null } : {};
  let final: PhaseResult;
  try {
    final = await runPhase(ctx, algo, learner, cfg, checkpointDirs[1], checkpointConfig, resume);
  } finally {
    learner.dispose();
  }
  seconds += final.seconds;
  const finalEval = final.summary;
  const taskMetrics = taskScalars(final.scalars);
  const result: TrainResult = { runDir, config: cfg, finalEval, taskMetrics, seconds, tokens: ctx.tokens, tokensPerSec: ctx.tokens / seconds, backend };
  const { episodeRecords: _drop, ...summary } = finalEval;
  writeFileAtomic(join(runDir, "eval.json"), JSON.stringify({ ...summary, taskMetrics, seconds, tokens: ctx.tokens }, null, 2) + "\n");
  return result;
}

