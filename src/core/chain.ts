/**
 * Trajectory chains (`TextTrajectoryChain` in the reference `LLM_RL/environment.py`): when an env
 * shows the agent only a window of recent texts (FO maze shows 1, PO maze 40, chess 1), a stored
 * episode is cut into one link per agent action, each holding exactly what the agent saw before
 * acting plus the action, linked so value learning can bootstrap from the next link. Envs with the
 * whole episode in view give a single-link chain.
 *
 * A link's only action is its last text. Earlier actions inside the window are what the agent sees of
 * its own history, so they are context (`isAction: false`, reward 0): each decision is trained once,
 * with its own reward, and bootstraps from the next link's whole window (LMRL-Gym §4, ICLR 2024
 * submission: one MDP step per action). Keeping them as actions — with their rewards zeroed, because a
 * link holds one reward — trained every move of a 12-text PO-maze window six times, five of them with
 * reward 0 instead of −1 (Q drifted above every return in the data), and a window that starts with the
 * previous action had no observation before its first action to bootstrap from (Text-Nav's value
 * chain broke at every link). src/algorithms/README.md, "Windows and chains", has the measurements.
 */
import type { Trajectory, TrajectoryChain } from "./types";

/**
 * @param window How many of the most recent texts the env shows (EnvSpec.historyWindow).
 * @example
 * // FO maze: [obs0, a0, obs1, a1, obs2] -> [obs0, a0] -> [obs1, a1]
 * const chain = toTrajectoryChain(trajectory, 1);
 */
export function toTrajectoryChain(t: Trajectory, window: number): TrajectoryChain {
  if (!(window >= 1)) throw new Error(`toTrajectoryChain: window must be >= 1 (EnvSpec.historyWindow), got ${window}`);
  const actions: number[] = [];
  t.texts.forEach((x, i) => x.isAction && actions.push(i));
  if (actions.length === 0 || window >= t.texts.length) return { trajectory: t, next: null };
  let next: TrajectoryChain | null = null;
  for (let j = actions.length - 1; j >= 0; j--) {
    const k = actions[j];
    const start = Math.max(0, k - window);
    const seen = t.texts.slice(start, k + 1);
    const texts = seen.map((x, i) => (i < seen.length - 1 && x.isAction ? { ...x, isAction: false } : x));
    const rewards = texts.map((_, i) => (i === texts.length - 1 ? t.rewards[k] : 0));
    const last = j === actions.length - 1;
    next = {
      trajectory: { task: t.task, texts, rewards, done: last && t.done, ...(t.meta ? { meta: t.meta } : {}) },
      next,
    };
  }
  return next as TrajectoryChain;
}

/** The links of a chain as an array, first to last. */
export function chainLinks(chain: TrajectoryChain): Trajectory[] {
  const out: Trajectory[] = [];
  for (let c: TrajectoryChain | null = chain; c; c = c.next) out.push(c.trajectory);
  return out;
}
