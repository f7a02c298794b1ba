/**
 * Running episodes: an `EpisodeRecorder` steps one env and records the full trajectory (even when the
 * env shows the agent only a window), and `rollout`/`rolloutBatch` drive it with a policy.
 */
import { deriveSeed, Rng } from "./rng";
import { act, formatAction } from "./text";
import type { History, Policy, StepResult, Text, TextEnv, Trajectory } from "./types";

/** One finished episode with the numbers evaluation needs. */
export interface Episode {
  readonly trajectory: Trajectory;
  readonly return: number;
  /** Agent actions taken. */
  readonly length: number;
  readonly success: boolean;
  readonly truncated: boolean;
  readonly invalidActions: number;
}

/**
 * Steps one env and keeps the whole episode. New observation texts are taken as the trailing
 * non-action texts of each returned history, which works for windowed envs too.
 */
export class EpisodeRecorder {
  history: History;
  done = false;
  private readonly texts: Text[];
  private readonly rewards: number[];
  private ret = 0;
  private length = 0;
  private invalid = 0;
  private success = false;
  private truncated = false;
  private terminated = false;

  constructor(
    private readonly env: TextEnv,
    private readonly seed: number,
    private readonly options?: Record<string, unknown>,
  ) {
    this.history = env.reset({ seed, options });
    this.texts = [...this.history];
    this.rewards = this.texts.map(() => 0);
  }

  /** Applies the generic post-processing (one trailing "\n") and steps the env. */
  step(rawAction: string): StepResult {
    if (this.done) throw new Error(`EpisodeRecorder.step: episode on ${this.env.id} is already over`);
    const action = act(formatAction(rawAction));
    const r = this.env.step([...this.history, action]);
    this.texts.push(action);
    this.rewards.push(r.reward);
    let k = r.history.length;
    while (k > 0 && !r.history[k - 1].isAction) k--;
    for (let i = k; i < r.history.length; i++) {
      this.texts.push(r.history[i]);
      this.rewards.push(0);
    }
    this.history = r.history;
    this.ret += r.reward;
    this.length++;
    if (r.info.invalidAction) this.invalid++;
    if (r.terminated || r.truncated) {
      this.done = true;
      this.success = r.info.success;
      this.terminated = r.terminated;
      this.truncated = r.truncated && !r.terminated;
    }
    return r;
  }

  episode(task: string, extraMeta?: Record<string, unknown>): Episode {
    const trajectory: Trajectory = {
      task,
      texts: this.texts,
      rewards: this.rewards,
      done: this.terminated,
      meta: { seed: this.seed, success: this.success, ...(this.options ?? {}), ...(extraMeta ?? {}) },
    };
    return {
      trajectory,
      return: this.ret,
      length: this.length,
      success: this.success,
      truncated: this.truncated,
      invalidActions: this.invalid,
    };
  }
}

export interface RolloutOptions {
  /** Seed of the env's reset (the episode). */
  readonly seed: number;
  readonly options?: Record<string, unknown>;
  /** The policy's random stream; defaults to one derived from `seed`. */
  readonly rng?: Rng;
  /** Safety net against envs that never end: stop after this many steps (default maxTurns + 1). */
  readonly maxSteps?: number;
}

function stepBudget(env: TextEnv, o: RolloutOptions): number {
  return o.maxSteps ?? env.maxTurns + 1;
}

function overBudget(env: TextEnv, steps: number): Error {
  return new Error(`rollout: ${env.id} did not end within ${steps} steps (maxTurns ${env.maxTurns}); the env's turn cap is broken`);
}

/** Runs one episode with a synchronous policy (fast path for dataset generation). */
export function rolloutSync(env: TextEnv, policy: Policy, o: RolloutOptions, task = env.id): Episode {
  const rng = o.rng ?? new Rng(deriveSeed(o.seed, "policy"));
  const rec = new EpisodeRecorder(env, o.seed, o.options);
  const budget = stepBudget(env, o);
  for (let i = 0; !rec.done; i++) {
    if (i >= budget) throw overBudget(env, budget);
    const a = policy.act(rec.history, rng);
    if (typeof a !== "string") throw new Error(`rolloutSync: policy "${policy.name}" is async; use rollout()`);
    rec.step(a);
  }
  return rec.episode(task, { policy: policy.name });
}

/** Runs one episode; the policy may be async. */
export async function rollout(env: TextEnv, policy: Policy, o: RolloutOptions, task = env.id): Promise<Episode> {
  const rng = o.rng ?? new Rng(deriveSeed(o.seed, "policy"));
  const rec = new EpisodeRecorder(env, o.seed, o.options);
  const budget = stepBudget(env, o);
  for (let i = 0; !rec.done; i++) {
    if (i >= budget) throw overBudget(env, budget);
    rec.step(await policy.act(rec.history, rng));
  }
  return rec.episode(task, { policy: policy.name });
}

export interface BatchSlot {
  readonly env: TextEnv;
  readonly policy: Policy;
  readonly seed: number;
  readonly options?: Record<string, unknown>;
  readonly rng: Rng;
}

/**
 * Runs several episodes in lock-step. When every slot shares one policy with `actBatch`, the live
 * slots' histories go to it in one call per turn (model policies); otherwise each slot acts alone.
 */
export async function rolloutBatch(slots: readonly BatchSlot[], task?: string): Promise<Episode[]> {
  const recs = slots.map((s) => new EpisodeRecorder(s.env, s.seed, s.options));
  const shared = slots.length > 0 && slots.every((s) => s.policy === slots[0].policy) ? slots[0].policy : undefined;
  const budget = Math.max(...slots.map((s) => s.env.maxTurns + 1));
  for (let turn = 0; recs.some((r) => !r.done); turn++) {
    if (turn >= budget) throw overBudget(slots[0].env, budget);
    const live = recs.map((r, i) => i).filter((i) => !recs[i].done);
    let actions: string[];
    if (shared?.actBatch) {
      actions = await shared.actBatch(
        live.map((i) => recs[i].history),
        live.map((i) => slots[i].rng),
      );
    } else {
      actions = [];
      for (const i of live) actions.push(await slots[i].policy.act(recs[i].history, slots[i].rng));
    }
    live.forEach((i, j) => recs[i].step(actions[j]));
  }
  return recs.map((r, i) => r.episode(task ?? slots[i].env.id, { policy: slots[i].policy.name }));
}
