/**
 * The algorithm list: one line per algorithm, each an {@link AlgorithmSpec} exported by its own file.
 * A new algorithm is one file in src/algorithms/ and one line here (CONTRIBUTING.md). This module also
 * resolves names (with aliases and "did you mean") and full configs: algorithm defaults → the env's
 * `train` entry (`all`, then the algorithm's) → user layers (a --config file, --set flags).
 *
 * The trainer lives in ./trainer (import it from there); this file re-exports the algorithm modules.
 */
import { unknownName, type EnvSpec } from "../core/spec";
import type { AlgorithmSpec } from "./algorithm";
import { bcAlgorithm } from "./bc";
import { boundProblems, resolveConfig, TRAIN_BOUNDS, type TrainConfig } from "./config";
import { grpoAlgorithm } from "./grpo";
import { ilqlAlgorithm } from "./ilql";
import { mcAlgorithm } from "./mc-returns";
import { onlineBcAlgorithm } from "./online-bc";
import { percentBcAlgorithm } from "./percent-bc";
import { ppoAlgorithm } from "./ppo";

export const ALGORITHMS: readonly AlgorithmSpec[] = [
  bcAlgorithm, // behaviour cloning (LMRL-Gym §5.1)
  percentBcAlgorithm, // filtered BC
  mcAlgorithm, // MC Returns
  ilqlAlgorithm, // ILQL (Snell et al. 2023)
  ppoAlgorithm, // PPO, online (Schulman et al. 2017)
  onlineBcAlgorithm, // online filtered BC
  grpoAlgorithm, // GRPO, online, no critic (Shao et al. 2024)
];

/** Names the CLI accepts, canonical names first. */
export function algorithmNames(list: readonly AlgorithmSpec[] = ALGORITHMS): string[] {
  return list.map((a) => a.name);
}

/**
 * Looks an algorithm up by name or alias, with a "did you mean" error. A spec passes through.
 *
 * @example
 * getAlgorithm("%bc").name;   // "pbc"
 * getAlgorithm("iqll");       // throws: Unknown algorithm "iqll". Did you mean "ilql"? ...
 */
export function getAlgorithm(name: string | AlgorithmSpec, list: readonly AlgorithmSpec[] = ALGORITHMS): AlgorithmSpec {
  if (typeof name !== "string") return name;
  const found = list.find((a) => a.name === name || (a.aliases ?? []).includes(name));
  if (!found) throw unknownName("algorithm", name, algorithmNames(list));
  return found;
}

/** Data, model and evaluation keys: a user layer's value also applies to the BC phase of BC-initialised runs. */
export const SHARED_KEYS: readonly (keyof TrainConfig)[] = [
  "dataset", "datasetSize", "datasetSeed", "historyWindow", "maxLength", "shuffleBuffer", "nLayer", "nHead", "dModel", "blockSize",
  "evalEpisodes", "evalBatchSize", "evalSeed", "temperature", "maxNewTokens",
];

/**
 * A user layer may hold flat keys (for the trained algorithm) and sections named after algorithms
 * (`{"bc": {"steps": 200}}` configures the BC phase of an ILQL run). Returns the layer for `algo`.
 */
export function layerFor(layer: Record<string, unknown>, algo: string, trained: string, list: readonly AlgorithmSpec[] = ALGORITHMS): Record<string, unknown> {
  const sections = new Set(list.map((a) => a.name));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(layer)) {
    if (sections.has(k)) continue;
    if (algo === trained || (SHARED_KEYS as readonly string[]).includes(k)) out[k] = v;
  }
  const section = layer[algo];
  if (section !== undefined) {
    if (typeof section !== "object" || section === null || Array.isArray(section)) throw new Error(`config section "${algo}" must be an object, got ${JSON.stringify(section)}`);
    Object.assign(out, section);
  }
  return out;
}

/** Where a task's training defaults live, for error messages. */
export function trainDefaultsFile(env: Pick<EnvSpec, "task">): string {
  return `src/tasks/${env.task}/train.ts`;
}

/**
 * The full config of `algo` on `env`. Refuses an env without training defaults for the algorithm,
 * naming the file to add them to.
 *
 * @example
 * const cfg = algorithmConfig(getAlgorithm("ilql"), getEnvSpec("maze-fo"), [{ steps: 200 }]);
 * cfg.tau; // 0.95 (the maze default)
 */
export function algorithmConfig<C extends TrainConfig>(algo: AlgorithmSpec<C>, env: EnvSpec, userLayers: readonly Record<string, unknown>[] = [], trained: string = algo.name): C {
  const task = env.train?.[algo.name];
  if (!task) {
    throw new Error(
      `${env.id} has no training defaults for ${algo.name}: add a "${algo.name}" entry (partial config; {} keeps the algorithm's defaults) ` +
        `to ${env.id}'s training defaults in ${trainDefaultsFile(env)}. Rows with ${algo.name} defaults: see \`lmrl list\`.`,
    );
  }
  const layers = [env.train?.all, task, ...userLayers.map((l) => layerFor(l, algo.name, trained))];
  const what = `${algo.name} (${env.id})`;
  const cfg = resolveConfig(algo.defaults, layers, what, algo.choices);
  const problems = boundProblems(cfg, { ...TRAIN_BOUNDS, ...(algo.bounds ?? {}) });
  if (cfg.dModel % cfg.nHead !== 0) problems.push(`"dModel" (${cfg.dModel}) must be a multiple of "nHead" (${cfg.nHead})`);
  if (problems.length > 0) throw new Error(`${what} config: ${problems.join("; ")}`);
  if (cfg.maxLength > cfg.blockSize) throw new Error(`${what} config: maxLength ${cfg.maxLength} exceeds blockSize ${cfg.blockSize}; raise blockSize or lower maxLength`);
  if (cfg.maxNewTokens >= cfg.blockSize) throw new Error(`${what} config: maxNewTokens ${cfg.maxNewTokens} must be below blockSize ${cfg.blockSize}`);
  return cfg;
}

export type { AlgorithmSpec, BcInit, ConfigChoices, LearnerContext } from "./algorithm";
export { TRAIN_DEFAULTS, resolveConfig, type TrainConfig } from "./config";
export { CachedEncoder, collate, sequenceBatches, trajectoryToSequences, type Batch, type TokenSequence, type TrajectorySource } from "./data";
export { BC_DEFAULTS, BcLearner, bcAlgorithm, bcLoss, type BcConfig } from "./bc";
export { PERCENT_BC_DEFAULTS, percentBcAlgorithm, percentBcFilter, type PercentBcConfig } from "./percent-bc";
export { MC_DEFAULTS, McLearner, mcAlgorithm, mcLoss, type McConfig } from "./mc-returns";
export { ILQL_DEFAULTS, IlqlLearner, ilqlAlgorithm, ilqlLoss, nextLinkValues, type IlqlConfig, type IlqlLossInputs } from "./ilql";
export { ModelPolicy, type PolicyOptions, type ValueGuide } from "./policy";
export { PPO_DEFAULTS, PpoLearner, ppoAlgorithm, clippedValueLoss, ppoTargets, type PpoConfig } from "./ppo";
export { ONLINE_BC_DEFAULTS, OnlineBcLearner, onlineBcAlgorithm, topEpisodes, type OnlineBcConfig } from "./online-bc";
export { GRPO_DEFAULTS, GrpoLearner, grpoAlgorithm, k3Kl, type GrpoConfig } from "./grpo";
export { collectRollouts, gae, groupAdvantages, KlController, ppoPolicyLoss, whiten, type OnlineConfig, type OnlineLearner, type RoundContext } from "./online";
export { ModularLearner, type Learner, type LearnerModule, type LearnerState } from "./learner";
