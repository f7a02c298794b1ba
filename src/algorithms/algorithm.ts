/**
 * What an algorithm declares, once, in its own file: its name, typed defaults with the allowed values
 * of enum-like keys, how it starts (from scratch, or from a BC checkpoint, LMRL-Gym paper §5.1 of the
 * ICLR 2024 submission: "all RL methods are initialised from the BC policy"), whether it learns from a
 * dataset or from its own rollouts, and a factory for its learner. The trainer reads only this: it
 * never branches on an algorithm's name. `src/algorithms/index.ts` lists the specs, one line each.
 *
 * @example
 * export const bcAlgorithm: AlgorithmSpec<BcConfig> = {
 *   name: "bc", description: "behaviour cloning", defaults: BC_DEFAULTS, start: "scratch", data: "offline",
 *   createLearner: ({ cfg, tokenizer, seed }) => new BcLearner("bc", cfg, tokenizer, seed),
 * };
 */
import type * as tf from "@tensorflow/tfjs";
import type { Trajectory } from "../core/types";
import type { GptConfig } from "../model/gpt";
import type { KitTokenizer } from "../model/tokenizer";
import type { ConfigBounds, TrainConfig } from "./config";
import type { TrajectorySource } from "./data";
import type { Learner } from "./learner";

/** The BC model a BC-initialised learner starts from (its weights are copied; the caller disposes them). */
export interface BcInit {
  readonly weights: Record<string, tf.Tensor>;
  readonly gpt: GptConfig;
}

/** Everything a learner factory receives. */
export interface LearnerContext<C extends TrainConfig = TrainConfig> {
  /** The fully resolved config (algorithm defaults, task defaults, user layers). */
  readonly cfg: C;
  readonly tokenizer: KitTokenizer;
  /** Seed of the fresh parameters (heads, or the whole model when starting from scratch). */
  readonly seed: number;
  /** Present when `start` is "bc". */
  readonly init?: BcInit;
}

/** The allowed values of enum-like config keys, checked when a config is resolved. */
export type ConfigChoices<C> = { readonly [K in keyof C]?: readonly C[K][] };

export interface AlgorithmSpec<C extends TrainConfig = TrainConfig> {
  /** CLI and registry name, e.g. "ilql". Also the name of the task `train.ts` entry it reads. */
  readonly name: string;
  /** Other names accepted on the command line (e.g. "%bc" for "pbc"). */
  readonly aliases?: readonly string[];
  /** One line for `lmrl train --help`. */
  readonly description: string;
  /** Typed defaults: every key a config may set, with its type. */
  readonly defaults: C;
  readonly choices?: ConfigChoices<C>;
  /** Ranges of the algorithm's own numeric keys (the shared ones are in TRAIN_BOUNDS). */
  readonly bounds?: ConfigBounds<C>;
  /** "scratch": a fresh model; "bc": weights of a BC checkpoint (trained first in the same run unless given). */
  readonly start: "scratch" | "bc";
  /** For `start: "bc"`: the BC checkpoint folder the config names ("" trains BC first in the same run). */
  initCheckpoint?(cfg: C): string;
  /** "offline": batches from a dataset; "online": batches from its own rollouts. */
  readonly data: "offline" | "online";
  /**
   * Seconds of one step relative to a reference method, for planners (`lmrl reproduce` sizes and
   * orders its stages with it); default 1. Offline: relative to BC's step on the same batch. Online:
   * relative to a PPO round of the same rollouts (the rows' `evaluation.cost.onlineEpisode`).
   */
  readonly stepCost?: number;
  /** Per-action-token discount used to build returns-to-go and TD targets (default 1). */
  discount?(cfg: C): number;
  /** A trajectory filter applied to the dataset before batching (%BC). */
  trajectoryFilter?(source: TrajectorySource, cfg: C): Promise<(t: Trajectory) => boolean>;
  createLearner(ctx: LearnerContext<C>): Learner;
}
