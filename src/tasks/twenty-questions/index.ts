/**
 * The Twenty Questions row's registry entry (LMRL-Gym paper, §4 and App. C.6; reference
 * `llm_rl_scripts/twenty_questions/`): env id "twenty-questions", its scripted askers, dataset
 * generator, reference reader, training defaults and normalisation anchors. See README.md for the
 * oracle, the rules and the measured numbers.
 */
import { PartnerEnv } from "../../core/partner";
import { checkEnvOptions, type EnvSpec, type PolicyFactory } from "../../core/spec";
import type { Anchors, DatasetStats } from "../../core/types";
import { behaviourAsker, optimalAsker, randomAsker } from "./behaviour";
import { MAX_QUESTIONS, TWENTY_QUESTIONS_ENV_ID, TwentyQuestionsEnv } from "./env";
import { generateTwentyQuestionsDataset } from "./generate";
import { TWENTY_Q_OBJECTS } from "./objects";
import { readReferenceTwentyQuestions } from "./reference";
import { TWENTY_QUESTIONS_TRAIN_DEFAULTS } from "./train";

/** Conversations in the paper's dataset (Table 1) and in the default generated train split. */
export const TWENTY_QUESTIONS_DATASET_SIZE = 100_000;

/** Paper Table 1, 20Qs row (length in questions). */
export const TWENTY_QUESTIONS_PAPER_STATS: DatasetStats = {
  trajectories: 100_000,
  meanLength: 14.9,
  stdLength: 4.38,
  successRate: 0.31,
  meanReturn: -17.3,
  stdReturn: 2.56,
};

/** Paper Table 5: min possible return, dataset average, max. */
export const TWENTY_QUESTIONS_PAPER_ANCHORS: Anchors = { min: -20, avg: -17.3, max: -12.6 };

/**
 * Ours, recomputed by `recomputeAnchors(twentyQuestionsSpec, -20)` (src/core/anchors.ts): min −20; avg = mean return of the
 * 100,000-game train split generated with `datasetRng(0, "twenty-questions", "train")` (the default
 * file); max = mean return of the "optimal" asker under `evaluate(twentyQuestionsSpec, "optimal",
 * { seed: 0 })` (316 games, every object twice).
 */
export const TWENTY_QUESTIONS_OUR_ANCHORS: Anchors = { min: -20, avg: -17.38081, max: -6.775316455696203 };

/**
 * Evaluation games: the paper does not state a count for 20Q (App. E); the reference's
 * `misc/eval_guesser.py` plays `num_samples=158` games, one per object in its deterministic mode. We
 * play every object twice (game i is about `TWENTY_Q_OBJECTS[i mod 158]`), so every object weighs the
 * same and sampled policies get two tries per object.
 */
export const TWENTY_QUESTIONS_EVAL_EPISODES = 2 * TWENTY_Q_OBJECTS.length;

const policies: Readonly<Record<string, PolicyFactory>> = {
  random: () => randomAsker(),
  optimal: () => optimalAsker(),
  behaviour: () => behaviourAsker(),
};

export const twentyQuestionsSpec: EnvSpec = {
  id: TWENTY_QUESTIONS_ENV_ID,
  task: "twenty-questions",
  description:
    "Twenty Questions: find the hidden object (one of 158 everyday things in 17 categories) with yes/no questions; the oracle answers \"Yes.\" or \"No.\"; reward -1 per question and 0 for the correct guess; 20 questions at most.",
  actions:
    "one yes/no question per turn, e.g. \"Is it an animal?\", \"Is it used in the kitchen?\", \"Is it bigger than a microwave?\"; guess with \"Is it a <object>?\" (any of the object's names, e.g. \"Is it a TV?\"). A question the oracle cannot read is answered \"No.\" and costs -1 like any other.",
  maxTurns: MAX_QUESTIONS,
  historyWindow: Infinity,
  make: (options) => {
    checkEnvOptions({ id: TWENTY_QUESTIONS_ENV_ID }, options);
    return new TwentyQuestionsEnv();
  },
  partner: {
    role: "the oracle",
    rules:
      "answer each question about the hidden object truthfully with Yes or No (the typical case when it depends). The env reads the reply as the reference does: lower-cased, \"Yes.\" when it starts with \"yes\", otherwise \"No.\".",
    make: (partner, options) => {
      checkEnvOptions({ id: TWENTY_QUESTIONS_ENV_ID }, options);
      return new PartnerEnv(new TwentyQuestionsEnv(), partner);
    },
  },
  tokenizer: "twenty-questions",
  // BPE with byte fallback: a person, an LLM partner or a sampling policy may write any text
  tokenizerKind: { kind: "subword", vocabSize: 4000 },
  train: TWENTY_QUESTIONS_TRAIN_DEFAULTS,
  paperScores: { bc: 57.1, pbc: 77.1, mc: 87.1, ilql: 82.9, ppo: 72.9, "online-pbc": 55.2, gpt4: 95.7 }, // paper Table 2
  referenceReader: readReferenceTwentyQuestions,
  evaluation: {
    episodes: TWENTY_QUESTIONS_EVAL_EPISODES,
    resetOptions: (episode) => ({ object: TWENTY_Q_OBJECTS[((episode % TWENTY_Q_OBJECTS.length) + TWENTY_Q_OBJECTS.length) % TWENTY_Q_OBJECTS.length].name }),
    // seconds of one core per episode, measured by `reproduce --quick` (2026-12-04): planning only
    cost: { evalEpisode: 0.16, onlineEpisode: 0.28 },
  },
  anchors: { paper: TWENTY_QUESTIONS_PAPER_ANCHORS, ours: TWENTY_QUESTIONS_OUR_ANCHORS },
  policies,
  dataset: {
    defaultSize: TWENTY_QUESTIONS_DATASET_SIZE,
    paperStats: TWENTY_QUESTIONS_PAPER_STATS,
    generate: (n, rng, from) => generateTwentyQuestionsDataset(n, rng, {}, from),
    skips: true,
    behaviour:
      "attribute-search asker of graded skill (15% good, 14% middling, 71% poor: misread answers, less informative questions, early and off-list guesses, repeats; a guess as the 20th question), objects cycled (start + i) mod 158",
  },
};

export { TwentyQuestionsEnv, MAX_QUESTIONS, TWENTY_QUESTIONS_ENV_ID, partnerAnswer } from "./env";
export type { TwentyQuestionsResetOptions } from "./env";
export { generateTwentyQuestionsDataset } from "./generate";
export type { TwentyQuestionsDatasetOptions } from "./generate";
export { readReferenceTwentyQuestions, referenceConversationToTrajectory, splitQuestionAnswer } from "./reference";
export { behaviourAsker, optimalAsker, randomAsker, DEFAULT_BEHAVIOUR } from "./behaviour";
export type { AskerMixture, AskerSkill } from "./behaviour";
export { TWENTY_Q_OBJECTS, findTwentyQObject } from "./objects";
