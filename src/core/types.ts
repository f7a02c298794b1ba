/**
 * Core types of the kit: texts, histories, trajectories, the Gymnasium-like text-environment
 * interface and the policy interface (after the reference's `LLM_RL/environment.py`). Tasks and
 * algorithms both speak only these.
 */
import type { Rng } from "./rng";

/** One utterance. Observations and actions each carry their own trailing "\n" (reference `LLM_RL/environment.py`). */
export interface Text {
  readonly text: string;
  readonly isAction: boolean;
}

/** What the agent sees: the plain concatenation of its texts, with no separator. */
export type History = readonly Text[];

/**
 * One episode as stored in datasets. `texts` is the whole episode (observations and actions in
 * order); `rewards[i]` is the reward of `texts[i]` and is 0 on every observation.
 */
export interface Trajectory {
  readonly task: string;
  readonly texts: readonly Text[];
  readonly rewards: readonly number[];
  /** True when the episode terminated inside the MDP (success or failure), false when cut off. */
  readonly done: boolean;
  readonly meta?: Readonly<Record<string, unknown>>;
}

/** A linked list of windows (FO maze, chess): each link is what the agent saw for one stretch. */
export interface TrajectoryChain {
  readonly trajectory: Trajectory;
  readonly next: TrajectoryChain | null;
}

/** Extra facts an env reports on each step. Only `success` and `invalidAction` are required. */
export interface StepInfo {
  /** The episode ended in the task's success state on this step. */
  readonly success: boolean;
  /** The action could not be parsed or was illegal (the task's documented penalty applied). */
  readonly invalidAction: boolean;
  readonly [key: string]: unknown;
}

export interface StepResult {
  /** The history the env wants the agent to see next (it may be windowed or replaced). */
  readonly history: History;
  readonly reward: number;
  /** The episode ended inside the MDP (goal, loss, final guess). */
  readonly terminated: boolean;
  /** The episode was cut off from outside the MDP (turn cap). */
  readonly truncated: boolean;
  readonly info: StepInfo;
}

export interface ResetArgs<O = Record<string, unknown>> {
  /** Seeds the env's own RNG; the same seed (and options) always gives the same episode. */
  readonly seed?: number;
  readonly options?: O;
}

/** A value or a promise of it: envs whose partner is a process or a model answer asynchronously. */
export type MaybePromise<T> = T | Promise<T>;

/** True when `x` is a promise (or any thenable): the one test the rollout code branches on. */
export function isPromise<T>(x: MaybePromise<T>): x is Promise<T> {
  return typeof (x as { then?: unknown } | null)?.then === "function";
}

/**
 * A multi-turn text environment. `reset` returns the first observation history; `step` receives the
 * whole history whose last element is the agent's action and returns what the agent sees next.
 * `step` never throws on any action string: every env documents what an unparseable action gets.
 * Rule-based envs answer synchronously (the rollout code keeps a fast path for them); an env whose
 * partner is an engine process or a model may return promises, and releases them in `close`.
 */
export interface TextEnv<O = Record<string, unknown>> {
  readonly id: string;
  /** Turn cap: the episode is truncated after this many agent actions. */
  readonly maxTurns: number;
  reset(args?: ResetArgs<O>): MaybePromise<History>;
  step(history: History): MaybePromise<StepResult>;
  /** Releases processes, sockets or caches the env holds. Safe to call twice. */
  close?(): MaybePromise<void>;
}

/** Maps a history to the next action string (with or without its trailing "\n"). */
export interface Policy {
  readonly name: string;
  act(history: History, rng: Rng): string | Promise<string>;
  /**
   * Optional batched form (model policies); rollouts use it when present. `rngs[i]` is slot i's own
   * stream, so results do not depend on how episodes are batched.
   */
  actBatch?(histories: readonly History[], rngs: readonly Rng[]): Promise<string[]>;
}

/**
 * Normalisation anchors (paper App. E and Table 5, ICLR 2024 submission): min possible → 0, dataset
 * average → 50, max → 100.
 */
export interface Anchors {
  readonly min: number;
  readonly avg: number;
  readonly max: number;
}

/** Table-1 statistics of a dataset (the columns of the paper's Table 1). */
export interface DatasetStats {
  readonly trajectories: number;
  readonly meanLength: number;
  readonly stdLength: number;
  readonly successRate: number;
  readonly meanReturn: number;
  readonly stdReturn: number;
}

export interface EvalSummary {
  readonly env: string;
  readonly policy: string;
  readonly episodes: number;
  readonly seed: number;
  readonly meanReturn: number;
  readonly stdReturn: number;
  readonly minReturn: number;
  readonly maxReturn: number;
  readonly successRate: number;
  readonly meanLength: number;
  readonly invalidActionRate: number;
  /** Normalised with the paper's Table-5 anchors. */
  readonly normalizedScore: number;
  /** Normalised with anchors recomputed on this kit's simulators and datasets. */
  readonly normalizedScoreOurs: number;
  /** Present when the row's fixed evaluation starts were replaced by fresh ones (not a reportable score). */
  readonly freshStarts?: true;
  /** The row's `episodeMetrics` of these episodes (rows that define them). */
  readonly taskMetrics?: Readonly<Record<string, number>>;
}
