/**
 * Typed configs for the offline algorithms: the settings every algorithm shares (data, model,
 * optimiser, evaluation, I/O) and `resolveConfig`, the "poor man's configurator" of nanoGPT: defaults,
 * then per-task partials, then a user file / flags; unknown keys and wrong types fail naming the valid
 * keys. Each algorithm file adds its own fields (β, τ, γ, ...) on top of {@link TrainConfig}.
 */
import { SEED_MAX } from "../core/rng";
import { nearest } from "../core/spec";

/** Settings shared by BC, %BC, MC Returns and ILQL. Every field is overridable per task and per run. */
export interface TrainConfig {
  // --- data ---
  /**
   * Where trajectories come from: "memory" generates `datasetSize` behaviour trajectories in memory
   * (deterministic in `datasetSeed`, identical to `lmrl data generate` with that seed); anything else
   * is the path of a JSONL dataset written by `lmrl data generate` (streamed, never fully loaded).
   */
  dataset: string;
  /** Trajectories generated when `dataset` is "memory" (the paper's size by default). */
  datasetSize: number;
  /** Seed of the in-memory dataset (`lmrl data generate --seed`). */
  datasetSeed: number;
  /**
   * Train on a dataset file whose header names another env or split (off by default: such a file
   * fails before training, naming the field).
   */
  allowDatasetMismatch: boolean;
  /**
   * Texts per training example and per decoding prompt (null: the env's own window, e.g. 1 for FO maze,
   * the whole episode for Wordle). A smaller window turns long episodes into trajectory chains (as the
   * reference's `TextTrajectoryChain`) so they fit a small context; the policy then sees the same
   * window at evaluation.
   */
  historyWindow: number | null;
  /** Token sequences longer than this are cut at the end (the reference's Mask datasets do the same). */
  maxLength: number;
  /** Sequences held in the shuffle buffer (a whole small dataset; a window of a large one). */
  shuffleBuffer: number;
  // --- model (our FO-maze recipe, src/tasks/maze/train.ts: a 2-layer d128 GPT from scratch) ---
  /** Transformer blocks. */
  nLayer: number;
  /** Attention heads. */
  nHead: number;
  /** Residual width. */
  dModel: number;
  /** Context length of the model (>= maxLength and >= the longest decoding prompt + maxNewTokens). */
  blockSize: number;
  // --- optimisation (as the reference scripts: AdamW β 0.9/0.95, global-norm clip 1, masked weight decay) ---
  /** Optimiser steps of this algorithm's phase. */
  steps: number;
  /** Sequences per step. */
  batchSize: number;
  /** Peak learning rate of the trunk. */
  lr: number;
  /** Linear warmup steps (then constant, or cosine when `cosine`). */
  warmupSteps: number;
  /**
   * Cosine-decay the learning rate to 10% of `lr` over `steps` (BC); off keeps it constant (ILQL; the
   * reference's ILQL scripts use no schedule).
   */
  cosine: boolean;
  /** Decoupled weight decay on weight matrices (reference BC scripts: 0.001). */
  weightDecay: number;
  /** Global gradient-norm clip. */
  clipNorm: number;
  // --- evaluation (the paper's protocol, App. E of the ICLR 2024 submission) ---
  /** Evaluate in the env every N steps (0: only at the end). */
  evalEvery: number;
  /** Episodes per evaluation (maze: multiples of 25 cover every start equally). */
  evalEpisodes: number;
  /** Episodes decoded in lock-step. */
  evalBatchSize: number;
  /** Seed of the evaluation episodes (the same episodes for every method). */
  evalSeed: number;
  /** Sampling temperature of the policy (1 = the paper's protocol); 0 = greedy. */
  temperature: number;
  /** Token budget of one action (the policy stops earlier at "\n"). */
  maxNewTokens: number;
  // --- I/O ---
  /** Save a checkpoint every N steps (0: only at the end); `--resume` continues from the last one. */
  checkpointEvery: number;
  /** Write a metrics line every N steps. */
  logEvery: number;
}

/** The shared defaults: our FO maze recipe (src/algorithms/README.md, "Measured") at a CPU-friendly size. */
export const TRAIN_DEFAULTS: TrainConfig = {
  dataset: "memory",
  datasetSize: 1240,
  datasetSeed: 0,
  allowDatasetMismatch: false,
  historyWindow: null,
  maxLength: 64,
  shuffleBuffer: 200_000,
  nLayer: 2,
  nHead: 4,
  dModel: 128,
  blockSize: 64,
  steps: 1000,
  batchSize: 64,
  lr: 3e-4,
  warmupSteps: 50,
  cosine: false,
  weightDecay: 0.001,
  clipNorm: 1,
  evalEvery: 0,
  evalEpisodes: 100,
  evalBatchSize: 100,
  evalSeed: 0,
  temperature: 1,
  maxNewTokens: 8,
  checkpointEvery: 500,
  logEvery: 10,
};

/** The allowed range of a numeric config key. */
export interface Bound {
  readonly min?: number;
  readonly max?: number;
  /** The bound excludes `min` (e.g. a learning rate > 0). */
  readonly minExclusive?: boolean;
  readonly integer?: boolean;
  /** null is allowed (e.g. historyWindow: the env's own window). */
  readonly nullable?: boolean;
}
export type ConfigBounds<C> = { readonly [K in keyof C]?: Bound };

/** Seeds are non-negative integers below 2³² (the RNG's seed domain; larger values would alias). */
export const SEED_BOUND: Bound = { min: 0, max: SEED_MAX, integer: true };

/** Ranges of the shared settings, checked (with each algorithm's own) before any work starts. */
export const TRAIN_BOUNDS: ConfigBounds<TrainConfig> = {
  datasetSize: { min: 1, integer: true },
  datasetSeed: SEED_BOUND,
  historyWindow: { min: 1, integer: true, nullable: true },
  maxLength: { min: 2, integer: true },
  shuffleBuffer: { min: 1, integer: true },
  nLayer: { min: 1, integer: true },
  nHead: { min: 1, integer: true },
  dModel: { min: 1, integer: true },
  blockSize: { min: 2, integer: true },
  steps: { min: 1, integer: true },
  batchSize: { min: 1, integer: true },
  lr: { min: 0, minExclusive: true },
  warmupSteps: { min: 0, integer: true },
  weightDecay: { min: 0 },
  clipNorm: { min: 0, minExclusive: true },
  evalEvery: { min: 0, integer: true },
  evalEpisodes: { min: 1, integer: true },
  evalBatchSize: { min: 1, integer: true },
  evalSeed: SEED_BOUND,
  temperature: { min: 0 },
  maxNewTokens: { min: 1, integer: true },
  checkpointEvery: { min: 0, integer: true },
  logEvery: { min: 1, integer: true },
};

/** The problems of `cfg` against `bounds` (empty when it is valid), one sentence each. */
export function boundProblems(cfg: object, bounds: Readonly<Record<string, Bound | undefined>>): string[] {
  const out: string[] = [];
  for (const [k, b] of Object.entries(bounds)) {
    if (!b) continue;
    const v = (cfg as Record<string, unknown>)[k];
    if (v === null && b.nullable) continue;
    if (typeof v !== "number" || !Number.isFinite(v)) {
      out.push(`"${k}" must be a finite number${b.nullable ? " or null" : ""}, got ${JSON.stringify(v) ?? String(v)}`);
      continue;
    }
    const range = `${b.min !== undefined ? `${b.minExclusive ? ">" : ">="} ${b.min}` : ""}${b.min !== undefined && b.max !== undefined ? " and " : ""}${b.max !== undefined ? `<= ${b.max}` : ""}`;
    if (b.integer && !Number.isInteger(v)) out.push(`"${k}" must be an integer${range ? ` ${range}` : ""}, got ${v}`);
    else if (b.min !== undefined && (b.minExclusive ? v <= b.min : v < b.min)) out.push(`"${k}" must be ${range}, got ${v}`);
    else if (b.max !== undefined && v > b.max) out.push(`"${k}" must be ${range}, got ${v}`);
  }
  return out;
}

/**
 * Merge `layers` over `defaults`. Each layer may only use keys the defaults have, with the same type
 * (`null` is accepted where the default is null or a number).
 *
 * @example
 * resolveConfig(ILQL_DEFAULTS, [mazeFo.ilql, { steps: 100 }], "ilql"); // full IlqlConfig
 * resolveConfig(ILQL_DEFAULTS, [{ tua: 0.9 }], "ilql");                // throws: unknown key "tua" ... valid: ...
 */
export function resolveConfig<C extends object>(defaults: C, layers: readonly (object | undefined)[], what: string, choices?: { readonly [K in keyof C]?: readonly C[K][] }): C {
  const out: Record<string, unknown> = { ...(defaults as unknown as Record<string, unknown>) };
  const valid = Object.keys(defaults);
  for (const layer of layers) {
    if (!layer) continue;
    for (const [k, v] of Object.entries(layer)) {
      if (!(k in defaults)) {
        throw new Error(`${what} config: unknown key "${k}". Valid keys: ${valid.join(", ")}`);
      }
      const d = (defaults as unknown as Record<string, unknown>)[k];
      const ok = v === null ? d === null || typeof d === "number" : d === null ? typeof v === "number" : typeof v === typeof d;
      if (!ok) throw new Error(`${what} config: "${k}" must be ${d === null ? "a number or null" : `a ${typeof d}`} (default ${JSON.stringify(d)}), got ${JSON.stringify(v)}`);
      out[k] = v;
    }
  }
  for (const [k, allowed] of Object.entries(choices ?? {}) as [string, readonly unknown[]][]) {
    if (!allowed.includes(out[k])) {
      const names = allowed.map((a) => JSON.stringify(a));
      const near = typeof out[k] === "string" ? nearest(out[k] as string, allowed.map(String), 1).map((n) => ` Did you mean "${n}"?`).join("") : "";
      throw new Error(`${what} config: "${k}" must be one of ${names.join(", ")}, got ${JSON.stringify(out[k])}.${near}`);
    }
  }
  return out as unknown as C;
}
