/**
 * The kit's public API, the package entry: `import { getEnvSpec, evaluate, train } from "lmrl-gym-ts"`
 * (package.json "exports"; tsx scripts, tslab notebooks, and projects that install the kit).
 *
 * Task-agnostic pieces are exported flat under their own names. Each task's own helpers are a namespace
 * (`maze.optimalMove`, `textNav.optimalPolicy`, `wordle.WordleEnv`): the tasks share export names such
 * as `randomPolicy`, so flattening them would make those names ambiguous.
 *
 * Like the rest of src/, this file must also compile to CommonJS (tslab): no `import.meta`.
 */

// the text-env API, EnvSpec and the registry
export * from "./core/types";
export * from "./core/spec";
export * from "./tasks/index"; // ENV_SPECS, registry, getEnvSpec, makeEnv
export * as maze from "./tasks/maze/index";
export * as textNav from "./tasks/text-nav/index";
export * as wordle from "./tasks/wordle/index";

// rollouts, evaluation, scores and statistics
export * from "./core/rollout";
export * from "./core/evaluate";
export * from "./core/normalize";
export * from "./core/stats";
export * from "./core/rng";
export * from "./core/text";
export * from "./core/check-env";

// datasets: generation, JSONL files, trajectory chains
export * from "./core/generate";
export * from "./core/dataset";
export * from "./core/chain";

// tokenizers, algorithms and the training loop
export * from "./model/tokenizer";
export * from "./algorithms/index"; // ALGORITHMS, getAlgorithm, configs, learners, data pipeline
export * from "./algorithms/trainer"; // train, TrainingInterrupted, learnerFromCheckpoint, greedyActor, learnerPolicy

// reports: plain-text tables, plotly figures, and what notebooks display (showTable, showFigure)
export * from "./report/table";
export * from "./report/figure";
export * from "./report/display";
export { sendDisplay, canDisplay } from "./core/display";
// results and the comparison with the paper's Table 2, its figures, and the reproduce pipeline
export * from "./report/results";
export * from "./report/compare";
export * from "./report/reproduce-figures";
export * from "./core/pipeline";
export { PRESETS, isFullCell, planReproduce, presetLayer, protocolEvalSeed, reportResults, runReproduce, codeVersion, type PresetName, type Preset, type ReproduceOptions, type ReproducePlan } from "./reproduce";
