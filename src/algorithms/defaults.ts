/**
 * Algorithm registry and per-task training defaults. Each task folder holds one small `train.ts` with
 * partial configs per env id (`all` applies to every algorithm, then one entry per algorithm); this file
 * lists them one line per task and resolves the full config: algorithm defaults → task `all` → task
 * algorithm entry → user layers (a --config file, flags). Unknown keys fail listing the valid ones.
 */
import { unknownName } from "../core/spec";
import { MAZE_TRAIN_DEFAULTS } from "../tasks/maze/train";
import { TEXT_NAV_TRAIN_DEFAULTS } from "../tasks/text-nav/train";
import { WORDLE_TRAIN_DEFAULTS } from "../tasks/wordle/train";
import { BC_DEFAULTS, type BcConfig } from "./bc";
import { resolveConfig, type TrainConfig } from "./config";
import { ILQL_DEFAULTS, type IlqlConfig } from "./ilql";
import { MC_DEFAULTS, type McConfig } from "./mc-returns";
import { PERCENT_BC_DEFAULTS, type PercentBcConfig } from "./percent-bc";

/** The config type of each algorithm, by CLI name. */
export interface AlgorithmConfigs {
  bc: BcConfig;
  pbc: PercentBcConfig;
  mc: McConfig;
  ilql: IlqlConfig;
}
export type AlgorithmName = keyof AlgorithmConfigs;
export const ALGORITHMS: readonly AlgorithmName[] = ["bc", "pbc", "mc", "ilql"];
/** Algorithms that start from a BC checkpoint (spec §4.0). */
export const NEEDS_BC_INIT: readonly AlgorithmName[] = ["mc", "ilql"];

const DEFAULTS: { [A in AlgorithmName]: AlgorithmConfigs[A] } = { bc: BC_DEFAULTS, pbc: PERCENT_BC_DEFAULTS, mc: MC_DEFAULTS, ilql: ILQL_DEFAULTS };

/** A task's partial configs for one env id. */
export interface TaskTrainDefaults {
  readonly all?: Partial<TrainConfig>;
  readonly bc?: Partial<BcConfig>;
  readonly pbc?: Partial<PercentBcConfig>;
  readonly mc?: Partial<McConfig>;
  readonly ilql?: Partial<IlqlConfig>;
}

/** Per-env training defaults, one line per task. */
export const TASK_TRAIN_DEFAULTS: Readonly<Record<string, TaskTrainDefaults>> = {
  ...MAZE_TRAIN_DEFAULTS,
  ...TEXT_NAV_TRAIN_DEFAULTS,
  ...WORDLE_TRAIN_DEFAULTS,
};

/** Data, model and evaluation keys: a user layer's value also applies to the BC phase of MC/ILQL runs. */
export const SHARED_KEYS: readonly (keyof TrainConfig)[] = [
  "dataset", "datasetSize", "datasetSeed", "historyWindow", "maxLength", "shuffleBuffer", "nLayer", "nHead", "dModel", "blockSize",
  "evalEpisodes", "evalBatchSize", "evalSeed", "temperature", "maxNewTokens",
];

/** Parses an algorithm name with a "did you mean". "%bc" is accepted for "pbc". */
export function algorithmName(name: string): AlgorithmName {
  const n = name === "%bc" ? "pbc" : name;
  if (!(ALGORITHMS as readonly string[]).includes(n)) throw unknownName("algorithm", name, ALGORITHMS);
  return n as AlgorithmName;
}

/**
 * A user layer may hold flat keys (for the trained algorithm) and sections named after algorithms
 * (`{"bc": {"steps": 200}}` configures the BC phase of an ILQL run). Returns the layer for `algo`.
 */
export function layerFor(layer: Record<string, unknown>, algo: AlgorithmName, trained: AlgorithmName): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(layer)) {
    if ((ALGORITHMS as readonly string[]).includes(k)) continue;
    if (algo === trained || (SHARED_KEYS as readonly string[]).includes(k)) out[k] = v;
  }
  const section = layer[algo];
  if (section !== undefined) {
    if (typeof section !== "object" || section === null) throw new Error(`config section "${algo}" must be an object, got ${JSON.stringify(section)}`);
    Object.assign(out, section);
  }
  return out;
}

/**
 * The full config of `algo` on `envId`.
 *
 * @example
 * const cfg = algorithmConfig("ilql", "maze-fo", [{ steps: 200 }]);
 * cfg.tau; // 0.95 (the maze default)
 */
export function algorithmConfig<A extends AlgorithmName>(algo: A, envId: string, userLayers: readonly Record<string, unknown>[] = [], trained: AlgorithmName = algo): AlgorithmConfigs[A] {
  const task = TASK_TRAIN_DEFAULTS[envId] ?? {};
  const layers = [task.all, task[algo], ...userLayers.map((l) => layerFor(l, algo, trained))];
  const cfg = resolveConfig(DEFAULTS[algo], layers, `${algo} (${envId})`) as AlgorithmConfigs[A];
  if (cfg.maxLength > cfg.blockSize) throw new Error(`${algo} (${envId}) config: maxLength ${cfg.maxLength} exceeds blockSize ${cfg.blockSize}; raise blockSize or lower maxLength`);
  if (cfg.maxNewTokens >= cfg.blockSize) throw new Error(`${algo} (${envId}) config: maxNewTokens ${cfg.maxNewTokens} must be below blockSize ${cfg.blockSize}`);
  return cfg;
}
