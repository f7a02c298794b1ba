/**
 * Running episodes: an `EpisodeRecorder` steps one env and records the full trajectory (even when the
 * env shows the agent only a window), and `rollout`/`rolloutBatch` drive it with a policy.
 */
import { checkSeed, deriveSeed, Rng } from "./rng";
import { act, formatAction } from "./text";
import { isPromise, type History, type Policy, type StepInfo, type StepResult, type Text, type TextEnv, type Trajectory } from "./types";

/** One finished episode with the numbers evaluation needs. */
export interface Episode {
  readonly trajectory: Trajectory;
  readonly return: number;
  /** Agent actions taken. */
  readonly length: number;
  readonly success: boolean;
  readonly truncated: boolean;
  readonly invalidActions: number;
  /** The info of the step that ended the episode (how it ended, e.g. a Car Dealer buyer's decision and reason); absent when the rollout cut it off first. */
  readonly lastInfo?: StepInfo;
}

/**
 * Steps one env and keeps the whole episode. New observation texts are taken as the trailing
 * non-action texts of each returned history, which works for windowed envs too. Synchronous envs use
 * the constructor and `step` returns a plain result (the fast path); for an env whose `reset` or
 * `step` may return a promise, build with {@link EpisodeRecorder.start} and await `step`.
 *
 * @example
 * const rec = new EpisodeRecorder(env, 7);                  // synchronous env
 * while (!rec.done) rec.step("move up");
 * const rec2 = await EpisodeRecorder.start(asyncEnv, 7);   // any env
 * while (!rec2.done) await rec2.step("move up");
 */
export class EpisodeRecorder {
  history: History;
  done = false;
  private readonly texts: Text[];
  private readonly rewards: number[];
  private ret = 0;
  private length = 0;
  private invalid = 0;
  private truncated = false;
  private terminated = false;
  private pending = false;
  /** The info of the step that ended the episode (its `success` is the episode's). */
  private lastInfo: StepInfo | undefined;

  /** For synchronous envs; throws if `reset` returns a promise (use {@link EpisodeRecorder.start}). */
  constructor(
    private readonly env: TextEnv,
    private readonly seed: number,
    private readonly options?: Record<string, unknown>,
    first?: History,
  ) {
    if (first === undefined) checkSeed(seed, `${env.id} episode seed`);
    const h = first ?? env.reset({ seed, options });
    if (isPromise(h)) throw new Error(`EpisodeRecorder: ${env.id}.reset is asynchronous; build the recorder with await EpisodeRecorder.start(env, seed)`);
    this.history = h;
    this.texts = [...h];
    this.rewards = this.texts.map(() => 0);
  }

  /** Resets `env` (awaiting it when asynchronous) and returns a recorder on its first observation. */
  static async start(env: TextEnv, seed: number, options?: Record<string, unknown>): Promise<EpisodeRecorder> {
    checkSeed(seed, `${env.id} episode seed`);
    const h = env.reset({ seed, options });
    return new EpisodeRecorder(env, seed, options, isPromise(h) ? await h : h);
  }

  /**
   * Applies the generic post-processing (one trailing "\n") and steps the env. Returns the result
   * directly for a synchronous env, a promise for an asynchronous one (await it before the next step).
   */
  step(rawAction: string): StepResult | Promise<StepResult> {
    if (this.done) throw new Error(`EpisodeRecorder.step: episode on ${this.env.id} is already over`);
    if (this.pending) throw new Error(`EpisodeRecorder.step: the previous step on ${this.env.id} has not finished; await it first`);
    const action = act(formatAction(rawAction));
    const r = this.env.step([...this.history, action]);
    if (!isPromise(r)) return this.record(action, r);
    this.pending = true;
    return r.then(
      (res) => {
        this.pending = false;
        return this.record(action, res);
      },
      (e: unknown) => {
        this.pending = false;
        throw e;
      },
    );
  }

  /** `step` for envs known to be synchronous; throws if the env answered with a promise. */
  stepSync(rawAction: string): StepResult {
    const r = this.step(rawAction);
    if (isPromise(r)) throw new Error(`EpisodeRecorder.stepSync: ${this.env.id}.step is asynchronous; await step() instead`);
    return r;
  }

  private record(action: Text, r: StepResult): StepResult {
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
      this.terminated = r.terminated;
      this.truncated = r.truncated && !r.terminated;
      this.lastInfo = r.info;
    }
    return r;
  }

  episode(task: string, extraMeta?: Record<string, unknown>): Episode {
    const success = this.lastInfo?.success ?? false;
    const trajectory: Trajectory = {
      task,
      texts: this.texts,
      rewards: this.rewards,
      done: this.terminated,
      meta: { seed: this.seed, success, ...(this.options ?? {}), ...(extraMeta ?? {}) },
    };
    return {
      trajectory,
      return: this.ret,
      length: this.length,
      success,
      truncated: this.truncated,
      invalidActions: this.invalid,
      ...(this.lastInfo ? { lastInfo: this.lastInfo } : {}),
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

/** Runs one episode with a synchronous policy on a synchronous env (the fast path of dataset generation). */
export function rolloutSync(env: TextEnv, policy: Policy, o: RolloutOptions, task = env.id): Episode {
  const rng = o.rng ?? new Rng(deriveSeed(o.seed, "policy"));
  const rec = new EpisodeRecorder(env, o.seed, o.options);
  const budget = stepBudget(env, o);
  for (let i = 0; !rec.done; i++) {
    if (i >= budget) throw overBudget(env, budget);
    const a = policy.act(rec.history, rng);
    if (typeof a !== "string") throw new Error(`rolloutSync: policy "${policy.name}" is async; use rollout()`);
    rec.stepSync(a);
  }
  return rec.episode(task, { policy: policy.name });
}

/** Runs one episode; the policy and the env may be async. */
export async function rollout(env: TextEnv, policy: Policy, o: RolloutOptions, task = env.id): Promise<Episode> {
  const rng = o.rng ?? new Rng(deriveSeed(o.seed, "policy"));
  const rec = await EpisodeRecorder.start(env, o.seed, o.options);
  const budget = stepBudget(env, o);
  for (let i = 0; !rec.done; i++) {
    if (i >= budget) throw overBudget(env, budget);
    const a = policy.act(rec.history, rng);
    // Await only what is a promise: a synchronous env and policy then cost no microtask per step.
    const r = rec.step(typeof a === "string" ? a : await a);
    if (isPromise(r)) await r;
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
  const recs = await Promise.all(slots.map((s) => EpisodeRecorder.start(s.env, s.seed, s.options)));
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
    // Asynchronous envs (engine or model partners) answer concurrently; synchronous ones return at once.
    const pending = live.map((i, j) => recs[i].step(actions[j])).filter(isPromise);
    if (pending.length > 0) await Promise.all(pending);
  }
  return recs.map((r, i) => r.episode(task ?? slots[i].env.id, { policy: slots[i].policy.name }));
}
