/**
 * Filtered behaviour cloning, "%BC" (LMRL-Gym paper Table 3, ICLR 2024 submission): BC (./bc.ts) on the
 * best trajectories only. The per-task filters of the paper: Maze, Text-Nav, Chess and Endgames keep
 * the successful trajectories; Wordle keeps the top 30% by return (the reference's Wordle script
 * hard-codes 10%; we follow the paper); the dialogue tasks keep the top 10%.
 */
import { trajectoryReturn } from "../core/stats";
import type { Trajectory } from "../core/types";
import type { AlgorithmSpec } from "./algorithm";
import { BC_DEFAULTS, BcLearner, type BcConfig } from "./bc";
import type { TrajectorySource } from "./data";

export interface PercentBcConfig extends BcConfig {
  /** "success": keep trajectories with meta.success; "top": keep the best `topFraction` by return. */
  filter: string;
  /** Fraction kept by the "top" filter (Wordle 0.3, dialogue 0.1). */
  topFraction: number;
}

export const PERCENT_BC_DEFAULTS: PercentBcConfig = { ...BC_DEFAULTS, filter: "success", topFraction: 0.1 };

/**
 * The %BC trajectory filter. "top" reads the dataset once to find the return threshold (ties at the
 * threshold are kept, so slightly more than `topFraction` may pass).
 *
 * @example
 * const keep = await percentBcFilter(source, { filter: "top", topFraction: 0.3 });
 * keep(trajectory); // true for the best 30%
 */
export async function percentBcFilter(source: TrajectorySource, cfg: Pick<PercentBcConfig, "filter" | "topFraction">): Promise<(t: Trajectory) => boolean> {
  if (cfg.filter === "success") return (t) => t.meta?.success === true;
  // resolveConfig checks `filter` against PERCENT_BC_ALGORITHM.choices; direct callers get this message.
  if (cfg.filter !== "top") throw new Error(`pbc config: filter must be "success" or "top", got "${cfg.filter}"`);
  if (!(cfg.topFraction > 0 && cfg.topFraction <= 1)) throw new Error(`pbc config: topFraction must be in (0, 1], got ${cfg.topFraction}`);
  const returns: number[] = [];
  for await (const t of source()) returns.push(trajectoryReturn(t));
  returns.sort((a, b) => b - a);
  const threshold = returns[Math.max(0, Math.ceil(cfg.topFraction * returns.length) - 1)];
  return (t) => trajectoryReturn(t) >= threshold;
}

/** %BC: the BC learner on the filtered dataset. */
export const percentBcAlgorithm: AlgorithmSpec<PercentBcConfig> = {
  name: "pbc",
  aliases: ["%bc", "percent-bc"],
  description: "filtered BC: behaviour cloning on the successful (or top-return) trajectories only",
  defaults: PERCENT_BC_DEFAULTS,
  choices: { filter: ["success", "top"] },
  bounds: { topFraction: { min: 0, minExclusive: true, max: 1 } },
  start: "scratch",
  data: "offline",
  trajectoryFilter: (source, cfg) => percentBcFilter(source, cfg),
  createLearner: ({ cfg, tokenizer, seed }) => new BcLearner("pbc", cfg, tokenizer, seed),
};
