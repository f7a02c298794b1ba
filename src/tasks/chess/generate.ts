/**
 * The endgame dataset (App. C.5, ICLR 2024 submission): games from random K+Q / K+R / K+Q+R / K+R+R vs K
 * starts (the test positions excluded), White playing the behaviour mixture of policies.ts (engine or
 * random legal move), Black the env's Stockfish opponent. Trajectory i uses env seed
 * s_i = rng.nextUint32() (which draws the start) and its own policy stream `deriveSeed(s_i, "behaviour")`,
 * so a file is the same for a seed on the same engine build; `meta.success` is a White win.
 *
 * @example
 * for await (const t of generateEndgameTrajectories(2, new Rng(0), env)) console.log(t.meta);
 */
import { rollout } from "../../core/rollout";
import { deriveSeed, Rng } from "../../core/rng";
import type { Policy, TextEnv, Trajectory } from "../../core/types";
import { chessBehaviourPolicy, endgameBehaviourPolicy } from "./policies";

export async function* generateEndgameTrajectories(n: number, rng: Rng, env: TextEnv, policy: Policy = endgameBehaviourPolicy()): AsyncGenerator<Trajectory> {
  if (!(Number.isInteger(n) && n >= 0)) throw new Error(`generateEndgameTrajectories: n must be a non-negative integer, got ${n}`);
  try {
    for (let i = 0; i < n; i++) {
      const seed = rng.nextUint32();
      const ep = await rollout(env, policy, { seed, rng: new Rng(deriveSeed(seed, "behaviour")) }, env.id);
      yield { ...ep.trajectory, meta: { ...ep.trajectory.meta, success: ep.success } };
    }
  } finally {
    await env.close?.();
  }
}

/**
 * The full-game dataset (App. A.1): from the start position, White plays `chessBehaviourPolicy` at an
 * "Elo" drawn uniformly from [800, 1600] per game (from `deriveSeed(s_i, "elo")`), Black the env's
 * opponent — for the dataset the "Stockfish 1200" of the paper's Table 1 (`opponentRandomShare` at the
 * kit's 1200), not the evaluation's full-strength reference. `meta.elo` records the draw.
 */
export async function* generateChessTrajectories(n: number, rng: Rng, env: TextEnv): AsyncGenerator<Trajectory> {
  if (!(Number.isInteger(n) && n >= 0)) throw new Error(`generateChessTrajectories: n must be a non-negative integer, got ${n}`);
  try {
    for (let i = 0; i < n; i++) {
      const seed = rng.nextUint32();
      const elo = 800 + Math.round(800 * new Rng(deriveSeed(seed, "elo")).next());
      const ep = await rollout(env, chessBehaviourPolicy(elo), { seed, rng: new Rng(deriveSeed(seed, "behaviour")) }, env.id);
      yield { ...ep.trajectory, meta: { ...ep.trajectory.meta, success: ep.success, elo } };
    }
  } finally {
    await env.close?.();
  }
}
