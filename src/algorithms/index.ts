/**
 * The offline algorithms (spec §4): BC, %BC, MC Returns and ILQL as losses on the kit's GPT, the data
 * pipeline from trajectories to token batches, model policies, and the shared training loop.
 * One line per module.
 */
export { TRAIN_DEFAULTS, resolveConfig, type TrainConfig } from "./config";
export { CachedEncoder, collate, sequenceBatches, trajectoryToSequences, type Batch, type TokenSequence, type TrajectorySource } from "./data";
export { BC_DEFAULTS, BcLearner, bcLoss, type BcConfig } from "./bc";
export { PERCENT_BC_DEFAULTS, percentBcFilter, type PercentBcConfig } from "./percent-bc";
export { MC_DEFAULTS, McLearner, mcLoss, type McConfig } from "./mc-returns";
export { ILQL_DEFAULTS, IlqlLearner, ilqlLoss, nextLinkValues, type IlqlConfig, type IlqlLossInputs } from "./ilql";
export { ModelPolicy, generateGuided, type PolicyOptions, type ValueGuide } from "./policy";
export { ALGORITHMS, TASK_TRAIN_DEFAULTS, algorithmConfig, algorithmName, type AlgorithmName, type TaskTrainDefaults } from "./defaults";
export { train, evaluateLearner, learnerFromCheckpoint, learnerPolicy, greedyMoveAccuracy, greedyMazeMoves, type TrainOptions, type TrainResult, type MetricsRow } from "./trainer";
export type { Learner, LearnerState } from "./learner";
