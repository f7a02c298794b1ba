/**
 * The chess rows' datasets. Games are seeded one by one from `rng` (game i: env seed s_i =
 * rng.nextUint32(), policy stream `deriveSeed(s_i, "behaviour")`) and played `concurrency` at a time, each
 * on its own env (the engine pool, engine.ts, spreads their searches over processes), then yielded in
 * order: a file is the same for a seed whatever the concurrency, on the same engine build. `skip` starts
 * at game `skip` of that sequence (a resumed `lmrl data generate`).
 *
 * * Endgames (App. C.5, ICLR 2024 submission): games from random K+Q / K+R / K+Q+R / K+R+R vs K starts (the
 *   test positions excluded), White playing the behaviour mixture of policies.ts (engine or random legal
 *   move), Black the env's Stockfish opponent.
 * * Full games (App. A.1): from the start position, White plays `chessBehaviourPolicy` at an "Elo" drawn
 *   uniformly from [800, 1600] per game (from `deriveSeed(s_i, "elo")`), Black the env's opponent — for the
 *   dataset the "Stockfish 1200" of the paper's Table 1 (`opponentRandomShare` at the kit's 1200), not the
 *   evaluation's full-strength reference. `meta.elo` records the draw.
 *
 * `meta.success` is a White win.
 *
 * @example
 * for await (const t of generateEndgameTrajectories(2, new Rng(0), () => endgamesSpec.make())) console.log(t.meta);
 */
import { rollout } from "../../core/rollout";
import { deriveSeed, Rng } from "../../core/rng";
import type { Policy, TextEnv, Trajectory } from "../../core/types";
import { engineProcesses } from "./engine";
import { chessBehaviourPolicy, endgameBehaviourPolicy } from "./policies";

/** One game: its seed, and the policy and extra meta it is played with. */
type GamePlan = (seed: number) => { policy: Policy; meta?: Record<string, unknown> };

/** How a generator plays: games at once (default: one per engine process) and games to skip (a resume). */
export interface PlayOptions {
  readonly concurrency?: number;
  /** Start at game `skip`: the seeds of the games before are drawn, the games are not played. */
  readonly skip?: number;
}

async function* playGames(what: string, n: number, rng: Rng, makeEnv: () => TextEnv, plan: GamePlan, opts: PlayOptions): AsyncGenerator<Trajectory> {
  const { concurrency = engineProcesses(), skip = 0 } = opts;
  if (!(Number.isInteger(n) && n >= 0)) throw new Error(`${what}: n must be a non-negative integer, got ${n}`);
  if (!(Number.isInteger(concurrency) && concurrency >= 1)) throw new Error(`${what}: concurrency must be an integer >= 1, got ${concurrency}`);
  if (!(Number.isInteger(skip) && skip >= 0 && skip <= n)) throw new Error(`${what}: skip must be an integer in [0, n], got ${skip}`);
  for (let i = 0; i < skip; i++) rng.nextUint32(); // game i's seed is the i-th draw, played or not
  const free: TextEnv[] = Array.from({ length: Math.min(concurrency, Math.max(1, n)) }, makeEnv);
  const envs = [...free];
  const inFlight: Promise<Trajectory>[] = [];
  let next = skip;
  const start = (): void => {
    const seed = rng.nextUint32();
    const env = free.pop()!;
    const { policy, meta } = plan(seed);
    inFlight.push(
      rollout(env, policy, { seed, rng: new Rng(deriveSeed(seed, "behaviour")) }, env.id)
        .then((ep) => ({ ...ep.trajectory, meta: { ...ep.trajectory.meta, ...meta, success: ep.success } }))
        .finally(() => free.push(env)),
    );
    next++;
  };
  try {
    while (next < n && free.length > 0) start();
    while (inFlight.length > 0) {
      const t = await inFlight.shift()!;
      yield t;
      while (next < n && free.length > 0) start();
    }
  } finally {
    await Promise.allSettled(inFlight);
    for (const env of envs) await env.close?.();
  }
}

export function generateEndgameTrajectories(n: number, rng: Rng, makeEnv: () => TextEnv, opts: PlayOptions & { policy?: Policy } = {}): AsyncGenerator<Trajectory> {
  const policy = opts.policy ?? endgameBehaviourPolicy();
  return playGames("generateEndgameTrajectories", n, rng, makeEnv, () => ({ policy }), opts);
}

export function generateChessTrajectories(n: number, rng: Rng, makeEnv: () => TextEnv, opts: PlayOptions = {}): AsyncGenerator<Trajectory> {
  return playGames("generateChessTrajectories", n, rng, makeEnv, (seed) => {
    const elo = 800 + Math.round(800 * new Rng(deriveSeed(seed, "elo")).next());
    return { policy: chessBehaviourPolicy(elo), meta: { elo } };
  }, opts);
}
