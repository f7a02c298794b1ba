/**
 * Text-Nav dataset generator (paper App. C.2, ICLR 2024 submission; reference
 * `llm_rl_scripts/text_nav/dataset/collect_data.py`): behaviour-policy episodes on the FO or PO
 * env, streamed one trajectory at a time. FO and PO generated from the same `rng` contain the same
 * episodes (the policy reads the game state, not the text), differing only in the texts.
 */
import { deriveSeed, Rng } from "../../core/rng";
import { rolloutSync } from "../../core/rollout";
import { StatsAccumulator } from "../../core/stats";
import type { DatasetStats, Trajectory } from "../../core/types";
import { behaviourPolicy, DEFAULT_BEHAVIOUR, type BehaviourConfig } from "./behaviour";
import { TextNavEnv } from "./env";
import { ROOMS } from "./world";

export interface GenerateOptions {
  readonly fullyObserved: boolean;
  readonly behaviour?: BehaviourConfig;
}

/**
 * Streams `n` behaviour-policy trajectories. Trajectory i uses env seed `rng.nextUint32()` (start
 * room and flavour) and a policy stream derived from it; meta carries success, startRoom,
 * optimalHalf ("far" = office/bathroom/garden/backyard, "near" = the rest) and lost.
 *
 * @example
 * for (const t of generateTextNav(10, new Rng(0), { fullyObserved: true })) console.log(t.meta?.success);
 */
export function* generateTextNav(n: number, rng: Rng, opts: GenerateOptions): Generator<Trajectory> {
  if (!(Number.isInteger(n) && n >= 0)) throw new Error(`generateTextNav: n must be a non-negative integer, got ${n}`);
  const env = new TextNavEnv({ fullyObserved: opts.fullyObserved });
  const policy = behaviourPolicy(opts.behaviour ?? DEFAULT_BEHAVIOUR)(env);
  for (let i = 0; i < n; i++) {
    const seed = rng.nextUint32();
    const ep = rolloutSync(env, policy, { seed, rng: new Rng(deriveSeed(seed, "behaviour")) }, env.id);
    yield {
      ...ep.trajectory,
      meta: {
        ...ep.trajectory.meta,
        startRoom: ROOMS[env.state.startRoom],
        optimalHalf: policy.optimalHalf,
        lost: env.state.lost,
      },
    };
  }
}

/** Table-1 statistics of `n` generated trajectories (default: the full 2.5k dataset, seed 0). */
export function textNavDatasetStats(n = 2500, seed = 0, fullyObserved = true): DatasetStats {
  const acc = new StatsAccumulator();
  for (const t of generateTextNav(n, new Rng(seed), { fullyObserved })) acc.add(t);
  return acc.result();
}
