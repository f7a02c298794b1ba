/**
 * Text-Nav env specs (reference `llm_rl_scripts/text_nav/env/env.py`): "text-nav-fo" (location
 * sentence + inventory shown) and "text-nav-po" (both hidden), with scripted policies, dataset
 * generator and anchors.
 */
import { splitTrajectories, syncIterable } from "../../core/generate";
import type { Rng } from "../../core/rng";
import { checkEnvOptions, type EnvSpec, type PolicyFactory } from "../../core/spec";
import { datasetStats } from "../../core/stats";
import type { Anchors, DatasetStats } from "../../core/types";
import { behaviourPolicy, DEFAULT_BEHAVIOUR, optimalPolicy, perRoomBehaviourPolicy, randomPolicy, REFERENCE_BEHAVIOUR } from "./behaviour";
import { TEXT_NAV_MAX_TURNS, TextNavEnv } from "./env";
import { generateTextNav } from "./generate";
import { readReferenceTextNav } from "./reference";
import { TEXT_NAV_TRAIN_DEFAULTS } from "./train";
import { ROOMS } from "./world";

export { TextNavEnv, TEXT_NAV_MAX_TURNS } from "./env";
export type { TextNavResetOptions } from "./env";
export { generateTextNav, textNavDatasetStats } from "./generate";
export { readReferenceTextNav, referenceRecordToTrajectory } from "./reference";
export { behaviourPolicy, optimalPolicy, randomPolicy, DEFAULT_BEHAVIOUR, REFERENCE_BEHAVIOUR } from "./behaviour";

/** Paper Table 1, Text-Nav row. */
export const TEXT_NAV_PAPER_STATS: DatasetStats = {
  trajectories: 2500,
  meanLength: 12.2,
  stdLength: 8.77,
  successRate: 0.26,
  meanReturn: 0.258,
  stdReturn: 0.424,
};

/** Paper Table 2, the FO and PO Text-Nav rows (normalised scores by method). */
export const TEXT_NAV_PAPER_SCORES = {
  fo: { bc: 53.7, pbc: 65.1, mc: 71.9, ilql: 91.8, ppo: 87.1, "online-pbc": 74.5, gpt4: 67.5 },
  po: { bc: 49.7, pbc: 60.5, mc: 71.6, ilql: 83.7, ppo: 85.5, "online-pbc": 68.4, gpt4: 40.2 },
} as const;

/** Paper Table 5 (same for FO and PO). */
export const TEXT_NAV_PAPER_ANCHORS: Anchors = { min: 0, avg: 0.26, max: 1 };

/**
 * Our anchors: min 0 and max 1 are the only possible returns; avg = mean return of the default
 * dataset, i.e. what `lmrl data generate <id>` writes with seed 0 (2,500 trajectories, rng
 * `datasetRng(0, "text-nav", "train")`, keyed by task, so FO and PO hold the same episodes and share
 * the anchor). Recomputed by {@link recomputeTextNavAnchors}; a test checks the constants.
 */
export const TEXT_NAV_OURS_ANCHORS: Readonly<Record<"fo" | "po", Anchors>> = {
  fo: { min: 0, avg: 0.2524, max: 1 },
  po: { min: 0, avg: 0.2524, max: 1 },
};

/**
 * Recomputes {@link TEXT_NAV_OURS_ANCHORS} for one variant (about 0.3 s).
 *
 * @example
 * recomputeTextNavAnchors("fo"); // { min: 0, avg: 0.2524, max: 1 }
 */
export function recomputeTextNavAnchors(variant: "fo" | "po", seed = 0): Anchors {
  const spec = variant === "fo" ? textNavFoSpec : textNavPoSpec;
  const stats = datasetStats(syncIterable(splitTrajectories(spec, "train", spec.dataset.defaultSize, seed), spec.id));
  return { min: 0, avg: stats.meanReturn, max: 1 };
}

/** Evaluation episodes: not stated in the paper (the code evaluates 32 rollouts); we use 256 = 32 per start room. */
export const TEXT_NAV_EVAL_EPISODES = 256;

const policies: Readonly<Record<string, PolicyFactory>> = {
  random: () => randomPolicy,
  optimal: optimalPolicy,
  behaviour: behaviourPolicy(DEFAULT_BEHAVIOUR, "behaviour"),
  "behaviour-reference": behaviourPolicy(REFERENCE_BEHAVIOUR, "behaviour-reference"),
  "behaviour-per-room": perRoomBehaviourPolicy(DEFAULT_BEHAVIOUR),
};

function textNavSpec(fullyObserved: boolean): EnvSpec {
  const id = fullyObserved ? "text-nav-fo" : "text-nav-po";
  return {
    id,
    task: "text-nav",
    description: fullyObserved
      ? "Text-Nav, fully observed: house text game, carry the stale food to the kitchen fridge; location and inventory shown."
      : "Text-Nav, partially observed: house text game, carry the stale food to the kitchen fridge; no location or inventory.",
    actions: "one of the admissible commands each observation lists (e.g. \"go west\", \"take stale food from table\"); anything else is an invalid action: the turn counts, reward 0, and the game says what it did not understand.",
    maxTurns: TEXT_NAV_MAX_TURNS,
    historyWindow: Infinity,
    make: (options) => {
      checkEnvOptions({ id }, options);
      return new TextNavEnv({ fullyObserved, id });
    },
    tokenizer: "text-nav",
    train: TEXT_NAV_TRAIN_DEFAULTS[id],
    paperScores: TEXT_NAV_PAPER_SCORES[fullyObserved ? "fo" : "po"],
    referenceReader: (path) => readReferenceTextNav(path, { task: id }),
    evaluation: {
      episodes: TEXT_NAV_EVAL_EPISODES,
      // Cycle the 8 start rooms so every room gets exactly 1/8 of the episodes (variance reduction).
      resetOptions: (episode) => ({ startRoom: ROOMS[episode % ROOMS.length] }),
      // seconds of one core per episode, measured by `reproduce --quick` (2026-12-04): planning only
      cost: fullyObserved ? { evalEpisode: 0.05, onlineEpisode: 0.33 } : { evalEpisode: 0.08, onlineEpisode: 0.48 },
    },
    anchors: { paper: TEXT_NAV_PAPER_ANCHORS, ours: TEXT_NAV_OURS_ANCHORS[fullyObserved ? "fo" : "po"] },
    policies,
    dataset: {
      defaultSize: 2500,
      paperStats: TEXT_NAV_PAPER_STATS,
      generate: (n: number, rng: Rng) => generateTextNav(n, rng, { fullyObserved }),
      behaviour:
        "per episode, with prob 0.75 optimal in {office, bathroom, garden, backyard} else in {kitchen, dining room, living room, bedroom}; " +
        "optimal walkthrough step in those rooms, uniformly random admissible command elsewhere",
    },
  };
}

export const textNavFoSpec: EnvSpec = textNavSpec(true);
export const textNavPoSpec: EnvSpec = textNavSpec(false);
export const textNavSpecs: readonly EnvSpec[] = [textNavFoSpec, textNavPoSpec];
