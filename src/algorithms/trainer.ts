/**
 * The offline training loop shared by every algorithm: stream shuffled batches from the dataset, take
 * optimiser steps with the algorithm's Learner, log every diagnostic as a named scalar to
 * `<run>/metrics.jsonl`, evaluate in the env every N steps (normalised score, spec §5), checkpoint, and
 * resume exactly. MC Returns and ILQL start from BC (spec §4.0): from `initCheckpoint`, or from a BC
 * phase trained at the start of the same run (saved as `<run>/bc-init`). Deterministic given the seed.
 *
 * @example
 * const r = await train({ algorithm: "ilql", envId: "maze-fo", seed: 0 });
 * r.finalEval.normalizedScore;
 */
import type * as tf from "@tensorflow/tfjs";
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { readTrajectories } from "../core/dataset";
import { evaluate, type EvalResult } from "../core/evaluate";
import { datasetPath, splitTrajectories } from "../core/generate";
import { projectPath } from "../core/paths";
import { Progress } from "../core/progress";
import { deriveSeed, Rng } from "../core/rng";
import type { EnvSpec } from "../core/spec";
import { initBackend, type BackendInfo } from "../model/backend";
import { loadCheckpoint, saveCheckpoint, type LoadedCheckpoint } from "../model/checkpoint";
import type { GptConfig } from "../model/gpt";
import { loadTokenizer, taskTokenizerDir, type KitTokenizer } from "../model/tokenizer";
import { getEnvSpec } from "../tasks/index";
import { foObservation, moveAccuracy, parseFoPosition, START_CELLS, cellIndex } from "../tasks/maze/index";
import { BcLearner } from "./bc";
import type { TrainConfig } from "./config";
import { CachedEncoder, collate, sequenceBatches, type TrajectorySource } from "./data";
import { algorithmConfig, algorithmName, NEEDS_BC_INIT, type AlgorithmConfigs, type AlgorithmName } from "./defaults";
import { IlqlLearner } from "./ilql";
import type { Learner } from "./learner";
import { McLearner } from "./mc-returns";
import { percentBcFilter } from "./percent-bc";
import type { ModelPolicy } from "./policy";

export interface TrainOptions {
  /** "bc", "pbc" (or "%bc"), "mc" or "ilql". */
  readonly algorithm: string;
  readonly envId: string;
  /** Config layers over the defaults: flat keys for this algorithm, `{ bc: {...} }` for its BC phase. */
  readonly config?: readonly Record<string, unknown>[];
  readonly seed?: number;
  /** Run folder (default runs/<algo>-<env>-seed<S>). */
  readonly out?: string;
  /**
   * Continue from `<out>/checkpoints/latest` with the run's saved config; `config` layers given with
   * resume are added on top (e.g. more steps). Batches replay the seeded stream, so a resumed run takes
   * the same steps as an uninterrupted one.
   */
  readonly resume?: boolean;
  /** Progress display (default: bar on a TTY). */
  readonly progress?: "bar" | "lines" | "off";
  /** Called with every metrics row as it is written. */
  readonly onMetrics?: (row: MetricsRow) => void;
  /** Print a line per evaluation and the config table (default true). */
  readonly verbose?: boolean;
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
  /** FO maze only: greedy move accuracy over the 25 cells. */
  readonly moveAccuracy?: number;
  readonly seconds: number;
  /** Padded tokens processed by this run's optimiser steps (all phases). */
  readonly tokens: number;
  readonly tokensPerSec: number;
  readonly backend: BackendInfo;
}

/** Where the dataset comes from: in-memory generation or a JSONL file (see TrainConfig.dataset). */
export function trajectorySource(spec: EnvSpec, cfg: TrainConfig): TrajectorySource {
  if (cfg.dataset === "memory") return () => splitTrajectories(spec, "train", cfg.datasetSize, cfg.datasetSeed);
  const path = cfg.dataset === "file" ? datasetPath(projectPath("data", "generated"), spec.id) : cfg.dataset;
  if (!existsSync(path)) {
    throw new Error(`dataset ${path} does not exist; write it with \`npx lmrl data generate ${spec.id}\` or set "dataset": "memory" to generate ${cfg.datasetSize} trajectories in memory`);
  }
  return () => readTrajectories(path);
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
 * The greedy (temperature 0) action of the learner's policy on each FO maze start cell, keyed by cell
 * index; undefined for other envs. Feed it to `renderMoveMap` to see which cells a policy solves.
 *
 * @example
 * const moves = await greedyMazeMoves(learner, spec, cfg);   // Map { 14 => "move right\n", ... }
 * console.log(renderMoveMap((cell) => moves?.get(cell)));
 */
export async function greedyMazeMoves(learner: Learner, spec: EnvSpec, cfg: TrainConfig): Promise<Map<number, string> | undefined> {
  if (spec.id !== "maze-fo") return undefined;
  const policy = learner.policy({ window: trainingWindow(spec, cfg), temperature: 0, maxNewTokens: cfg.maxNewTokens });
  const cells = START_CELLS.map(([r, c]) => cellIndex(r, c));
  const actions = await policy.actBatch(
    cells.map((cell) => [{ text: foObservation(cell), isAction: false }]),
    cells.map((_, i) => new Rng(i)),
  );
  return new Map(cells.map((cell, i) => [cell, actions[i]]));
}

/**
 * FO maze's auxiliary metric (spec §2.1): fraction of the 25 cells where the greedy policy picks the
 * BFS-optimal move. undefined for other envs.
 */
export async function greedyMoveAccuracy(learner: Learner, spec: EnvSpec, cfg: TrainConfig): Promise<number | undefined> {
  const moves = await greedyMazeMoves(learner, spec, cfg);
  if (!moves) return undefined;
  return moveAccuracy((h) => moves.get(parseFoPosition(h[h.length - 1].text)) ?? "");
}

/** Evaluates a learner in the env with the config's protocol; returns the summary and named scalars. */
export async function evaluateLearner(learner: Learner, spec: EnvSpec, cfg: TrainConfig, episodes = cfg.evalEpisodes): Promise<{ summary: EvalResult; scalars: Record<string, number> }> {
  const summary = await evaluate(spec, learnerPolicy(learner, spec, cfg), { episodes, seed: cfg.evalSeed, batchSize: cfg.evalBatchSize });
  const scalars: Record<string, number> = {
    "eval/return": summary.meanReturn,
    "eval/score": summary.normalizedScore,
    "eval/score_ours": summary.normalizedScoreOurs,
    "eval/success": summary.successRate,
    "eval/length": summary.meanLength,
    "eval/invalid_rate": summary.invalidActionRate,
  };
  const acc = await greedyMoveAccuracy(learner, spec, cfg);
  if (acc !== undefined) scalars["eval/move_accuracy"] = acc;
  return { summary, scalars };
}

/** Builds the learner of `algo`. BC-initialised algorithms need the BC model's weights and config. */
export function createLearner(
  algo: AlgorithmName,
  cfg: TrainConfig,
  tokenizer: KitTokenizer,
  seed: number,
  bc?: { weights: Record<string, tf.Tensor>; config: GptConfig },
): Learner {
  const modelSeed = deriveSeed(seed, "model", algo);
  if (algo === "bc" || algo === "pbc") return new BcLearner(algo, cfg, tokenizer, modelSeed);
  if (!bc) throw new Error(`createLearner: ${algo} starts from a BC model; pass its weights`);
  if (algo === "mc") return new McLearner(cfg as AlgorithmConfigs["mc"], tokenizer, bc.weights, bc.config, modelSeed);
  return new IlqlLearner(cfg as AlgorithmConfigs["ilql"], tokenizer, bc.weights, bc.config, modelSeed);
}

/**
 * Rebuilds a learner from a checkpoint folder written by `train` (for `lmrl eval --checkpoint`).
 *
 * @example
 * const { learner, config, spec } = await learnerFromCheckpoint("runs/ilql-maze-fo-seed0/checkpoints/latest");
 */
export async function learnerFromCheckpoint(dir: string, envId?: string): Promise<{ learner: Learner; config: TrainConfig; spec: EnvSpec; tokenizer: KitTokenizer }> {
  await initBackend();
  const ck = loadCheckpoint(dir, { skipOptimizer: true });
  const meta = ck.config as { algorithm?: string; env?: string; train?: TrainConfig; gpt?: GptConfig };
  if (!meta.algorithm || !meta.train || !meta.gpt) throw new Error(`${dir}/config.json lacks "algorithm", "train" or "gpt"; it was not written by lmrl train`);
  const spec = getEnvSpec(envId ?? meta.env ?? "");
  if (envId && meta.env && envId !== meta.env) console.error(`[lmrl] note: checkpoint was trained on ${meta.env}, evaluating on ${envId}`);
  const tokenizer = await loadTokenizer(ck.tokenizerDir ?? taskTokenizerDir(spec.task));
  const algo = algorithmName(meta.algorithm);
  const bcWeights = algo === "bc" || algo === "pbc" ? undefined : { weights: stripPrefix(ck.weights, "pi_beta."), config: meta.gpt };
  const learner = createLearner(algo, meta.train, tokenizer, 0, bcWeights);
  learner.restore(ck);
  disposeAll(ck);
  return { learner, config: meta.train, spec, tokenizer };
}

function stripPrefix(w: Record<string, tf.Tensor>, prefix: string): Record<string, tf.Tensor> {
  const out: Record<string, tf.Tensor> = {};
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

/** Keeps only the metrics rows written before the resumed point (phase order, then step). */
function truncateMetrics(runDir: string, keep: (row: MetricsRow) => boolean): void {
  const path = join(runDir, "metrics.jsonl");
  if (!existsSync(path)) return;
  const rows = readFileSync(path, "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l) as MetricsRow);
  writeFileSync(path, rows.filter(keep).map((r) => JSON.stringify(r) + "\n").join(""));
}

/**
 * Runs one phase: `cfg.steps` optimiser steps of `learner`, resuming from `checkpointDir` when it exists
 * and `resume` is set. Saves `checkpointDir` every `checkpointEvery` steps and at the end.
 */
async function runPhase(ctx: RunContext, phase: string, learner: Learner, cfg: TrainConfig, checkpointDir: string, configJson: object, resume: boolean): Promise<{ summary: EvalResult; scalars: Record<string, number> }> {
  const { spec, tokenizer } = ctx;
  const source = trajectorySource(spec, cfg);
  const filter = phase === "pbc" ? await percentBcFilter(source, cfg as AlgorithmConfigs["pbc"]) : undefined;
  const window = trainingWindow(spec, cfg);
  const gamma = (cfg as { gamma?: number }).gamma ?? 1;
  const enc = new CachedEncoder(tokenizer);
  const batches = sequenceBatches(source, enc, { window, gamma, maxLength: cfg.maxLength, batchSize: cfg.batchSize, shuffleBuffer: cfg.shuffleBuffer, filter }, new Rng(deriveSeed(ctx.seed, "data", phase)));
  let start = 0;
  if (resume && existsSync(checkpointDir)) {
    const ck = loadCheckpoint(checkpointDir);
    learner.restore(ck);
    start = Number((ck.meta as { step?: number } | undefined)?.step ?? 0);
    disposeAll(ck);
    for (let i = 0; i < start; i++) await batches.next(); // replay the seeded stream to the same position
    truncateMetrics(ctx.runDir, (r) => r.phase !== phase || r.step <= start);
    if (ctx.opts.verbose !== false) console.error(`[lmrl] ${phase}: resumed at step ${start} from ${checkpointDir}`);
  } else if (resume) {
    truncateMetrics(ctx.runDir, (r) => r.phase !== phase); // interrupted before its first checkpoint: start the phase over
  }
  const save = (step: number) => {
    const s = learner.state();
    saveCheckpoint(checkpointDir, {
      config: { ...s.config, ...configJson, train: cfg, env: spec.id },
      weights: s.weights,
      optimizer: s.optimizer,
      optimizerMeta: s.optimizerMeta,
      meta: { step, phase, seed: ctx.seed, tokens: ctx.tokens },
      tokenizerDir: taskTokenizerDir(spec.task),
    });
    for (const t of Object.values(s.optimizer)) t.dispose();
  };
  const bar = new Progress(`${phase} ${spec.id}`, cfg.steps, { mode: ctx.opts.progress, startAt: start });
  const t0 = Date.now();
  let phaseTokens = 0;
  let last: Record<string, number> = {};
  for (let step = start + 1; step <= cfg.steps; step++) {
    const { value: seqs } = await batches.next();
    const batch = collate(seqs as never, tokenizer.padId);
    last = learner.step(batch);
    phaseTokens += batch.B * batch.T;
    ctx.tokens += batch.B * batch.T;
    const seconds = (Date.now() - t0) / 1000;
    const tps = phaseTokens / Math.max(seconds, 1e-9);
    bar.update(step, `loss ${last.loss.toFixed(4)} ${Math.round(tps)} tok/s`);
    if (step % cfg.logEvery === 0 || step === cfg.steps) {
      writeMetrics(ctx, { phase, step, "time/seconds": seconds, "throughput/tokens": ctx.tokens, "throughput/tok_per_s": tps, ...last });
    }
    if (cfg.evalEvery > 0 && step % cfg.evalEvery === 0 && step < cfg.steps) {
      const { scalars } = await evaluateLearner(learner, spec, cfg);
      writeMetrics(ctx, { phase, step, ...scalars });
      if (ctx.opts.verbose !== false) console.error(`[lmrl] ${phase} step ${step}: score ${scalars["eval/score"].toFixed(1)} return ${scalars["eval/return"].toFixed(2)}`);
    }
    if (cfg.checkpointEvery > 0 && step % cfg.checkpointEvery === 0 && step < cfg.steps) save(step);
  }
  bar.done();
  await batches.return(undefined);
  const { summary, scalars } = await evaluateLearner(learner, spec, cfg);
  writeMetrics(ctx, { phase, step: cfg.steps, ...scalars });
  save(cfg.steps);
  if (ctx.opts.verbose !== false) {
    console.error(`[lmrl] ${phase} done: score ${summary.normalizedScore.toFixed(1)} (ours ${summary.normalizedScoreOurs.toFixed(1)}), return ${summary.meanReturn.toFixed(2)}, success ${(100 * summary.successRate).toFixed(0)}%${scalars["eval/move_accuracy"] !== undefined ? `, move accuracy ${scalars["eval/move_accuracy"].toFixed(2)}` : ""}`);
  }
  return { summary, scalars };
}

/**
 * Trains `algorithm` on `envId` end to end and returns the final evaluation. Writes
 * `<run>/config.json` (full config, seed, backend), `<run>/metrics.jsonl`, `<run>/checkpoints/latest`
 * and `<run>/eval.json`.
 */
export async function train(opts: TrainOptions): Promise<TrainResult> {
  const t0 = Date.now();
  const algo = algorithmName(opts.algorithm);
  const spec = getEnvSpec(opts.envId);
  const backend = await initBackend();
  const seed = opts.seed ?? 0;
  const runDir = opts.out ?? projectPath("runs", `${algo}-${spec.id}-seed${seed}`);
  const runConfigPath = join(runDir, "config.json");
  let layers = opts.config ?? [];
  if (opts.resume) {
    if (!existsSync(runConfigPath)) throw new Error(`--resume: ${runConfigPath} does not exist; start the run without --resume first`);
    const saved = JSON.parse(readFileSync(runConfigPath, "utf8")) as { layers: Record<string, unknown>[]; seed: number; algorithm: string; env: string };
    if (saved.algorithm !== algo || saved.env !== spec.id || saved.seed !== seed) {
      throw new Error(`--resume: ${runDir} holds ${saved.algorithm} on ${saved.env} seed ${saved.seed}, not ${algo} on ${spec.id} seed ${seed}`);
    }
    // Extra layers extend the run (e.g. {"steps": 8000} continues a finished 1500-step run).
    layers = [...saved.layers, ...(opts.config ?? [])];
    const savedFull = JSON.parse(readFileSync(runConfigPath, "utf8")) as Record<string, unknown>;
    writeFileSync(runConfigPath, JSON.stringify({ ...savedFull, layers, resumedAt: new Date().toISOString() }, null, 2) + "\n");
  }
  const cfg = algorithmConfig(algo, spec.id, layers);
  const needsBc = NEEDS_BC_INIT.includes(algo);
  const bcCfg = needsBc ? algorithmConfig("bc", spec.id, layers, algo) : undefined;
  mkdirSync(runDir, { recursive: true });
  if (!opts.resume) {
    writeFileSync(join(runDir, "metrics.jsonl"), "");
    writeFileSync(
      runConfigPath,
      JSON.stringify({ algorithm: algo, env: spec.id, seed, backend, layers, config: cfg, ...(bcCfg ? { bcConfig: bcCfg } : {}), startedAt: new Date().toISOString(), node: process.version }, null, 2) + "\n",
    );
  }
  if (opts.verbose !== false) {
    console.error(`[lmrl] train ${algo} on ${spec.id}, seed ${seed}, run ${runDir}`);
    console.error(`[lmrl] config: ${JSON.stringify(cfg)}`);
  }
  const tokenizer = await loadTokenizer(taskTokenizerDir(spec.task));
  const ctx: RunContext = { spec, tokenizer, runDir, seed, backend, opts, tokens: 0 };
  let learner: Learner;
  if (needsBc) {
    const init = (cfg as { initCheckpoint: string }).initCheckpoint;
    let bcDir = init;
    if (!init) {
      bcDir = join(runDir, "bc-init");
      const done = opts.resume && existsSync(bcDir) && Number((loadCheckpointMeta(bcDir) as { step?: number }).step) >= (bcCfg as TrainConfig).steps;
      if (!done) {
        const bc = createLearner("bc", bcCfg as TrainConfig, tokenizer, seed);
        await runPhase(ctx, "bc", bc, bcCfg as TrainConfig, bcDir, {}, Boolean(opts.resume));
        bc.dispose();
      }
    }
    const ck = loadCheckpoint(bcDir, { skipOptimizer: true });
    const gpt = (ck.config as { gpt?: GptConfig }).gpt;
    if (!gpt || (ck.config as { algorithm?: string }).algorithm?.endsWith("bc") !== true) throw new Error(`initCheckpoint ${bcDir} is not a BC checkpoint written by lmrl train (config.json algorithm ${(ck.config as { algorithm?: string }).algorithm})`);
    if (gpt.vocabSize !== tokenizer.vocabSize) throw new Error(`initCheckpoint ${bcDir} has vocabSize ${gpt.vocabSize}, the ${spec.task} tokenizer has ${tokenizer.vocabSize}`);
    learner = createLearner(algo, { ...cfg, nLayer: gpt.nLayer, nHead: gpt.nHead, dModel: gpt.dModel, blockSize: gpt.blockSize }, tokenizer, seed, { weights: ck.weights, config: gpt });
    for (const t of Object.values(ck.weights)) t.dispose();
  } else {
    learner = createLearner(algo, cfg, tokenizer, seed);
  }
  const final = await runPhase(ctx, algo, learner, cfg, join(runDir, "checkpoints", "latest"), { initCheckpoint: (cfg as { initCheckpoint?: string }).initCheckpoint ?? null }, Boolean(opts.resume));
  const finalEval = final.summary;
  const acc = final.scalars["eval/move_accuracy"] as number | undefined;
  learner.dispose();
  const seconds = (Date.now() - t0) / 1000;
  const result: TrainResult = { runDir, config: cfg, finalEval, ...(acc !== undefined ? { moveAccuracy: acc } : {}), seconds, tokens: ctx.tokens, tokensPerSec: ctx.tokens / seconds, backend };
  const { episodeRecords: _drop, ...summary } = finalEval;
  writeFileSync(join(runDir, "eval.json"), JSON.stringify({ ...summary, moveAccuracy: acc ?? null, seconds, tokens: ctx.tokens }, null, 2) + "\n");
  return result;
}

function loadCheckpointMeta(dir: string): Record<string, unknown> {
  const state = JSON.parse(readFileSync(join(dir, "state.json"), "utf8")) as { meta?: Record<string, unknown> };
  return state.meta ?? {};
}
