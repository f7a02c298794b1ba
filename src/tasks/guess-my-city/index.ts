/**
 * The Guess My City row's registry entry (LMRL-Gym paper, §4 and App. C.7; reference
 * `llm_rl_scripts/guess_city/` in github.com/abdulhaim/LMRL-Gym): env id "guess-my-city", its scripted
 * askers, dataset generator, reference reader, training defaults and normalisation anchors. See
 * README.md for the cities, the oracle, the rules and the measured numbers.
 */
import { PartnerEnv } from "../../core/partner";
import { checkEnvOptions, type EnvSpec, type PolicyFactory } from "../../core/spec";
import type { Anchors, DatasetStats } from "../../core/types";
import { behaviourAskerPolicy, optimalAskerPolicy, randomAskerPolicy } from "./behaviour";
import { CITIES } from "./cities";
import { GUESS_MY_CITY_ENV_ID, GuessMyCityEnv, MAX_QUESTIONS } from "./env";
import { generateGuessMyCityDataset } from "./generate";
import { readReferenceGuessMyCity } from "./reference";
import { GUESS_MY_CITY_TRAIN_DEFAULTS } from "./train";

/** Conversations in the paper's dataset (Table 1) and in the default generated train split. */
export const GUESS_MY_CITY_DATASET_SIZE = 100_000;

/**
 * Paper Table 1, Guess My City row (length in questions). The row is not self-consistent: a return is
 * −(questions) + 1 for a won game, so success 0.53 at 18.8 questions means a mean return near −18.3,
 * not −18.8.
 */
export const GUESS_MY_CITY_PAPER_STATS: DatasetStats = {
  trajectories: 100_000,
  meanLength: 18.8,
  stdLength: 4.57,
  successRate: 0.53,
  meanReturn: -18.8,
  stdReturn: 4.12,
};

/** Paper Table 5: min possible return, dataset average, max. */
export const GUESS_MY_CITY_PAPER_ANCHORS: Anchors = { min: -20, avg: -18.8, max: -8.56 };

/**
 * Ours, recomputed by `recomputeAnchors(guessMyCitySpec, -20)` (src/core/anchors.ts): min −20; avg = mean return of the
 * 100,000-conversation train split generated with `datasetRng(0, "guess-my-city", "train")` (the
 * default file); max = mean return of the "optimal" asker under `evaluate(guessMyCitySpec, "optimal",
 * { seed: 0 })` (100 games, one per city): one question whose answer only one city gives, then the
 * right guess, so −1 in every game.
 */
export const GUESS_MY_CITY_OUR_ANCHORS: Anchors = { min: -20, avg: -18.3654, max: -1 };

/**
 * Evaluation games: the paper does not state a count for Guess My City (App. E); the reference's envs
 * have a deterministic one-game-per-target mode. Game i is about `CITIES[i mod 100]`, so the protocol's
 * 100 games visit every city (Seoul included) once.
 */
export const GUESS_MY_CITY_EVAL_EPISODES = CITIES.length;

const policies: Readonly<Record<string, PolicyFactory>> = {
  random: () => randomAskerPolicy(),
  optimal: () => optimalAskerPolicy(),
  behaviour: () => behaviourAskerPolicy(),
};

export const guessMyCitySpec: EnvSpec = {
  id: GUESS_MY_CITY_ENV_ID,
  task: "guess-my-city",
  description:
    "Guess My City: find the hidden city (one of the world's 100 most populous in the benchmark's list) by asking free-form questions; the oracle answers in sentences without naming the city or its country; reward -1 per question and 0 for the question that names the city; 20 questions at most.",
  actions:
    "one question per turn, open (\"What is the weather like in your city?\", \"What is a famous dish from your city?\") or yes/no (\"Is your city in Asia?\"); a question that names the hidden city (any of its names, e.g. \"Is the city you are from Mumbai?\") wins. Any text is answered; one the oracle cannot read gets \"I'm not sure how to answer that...\", a request for the name a refusal, and each costs -1 like any other question.",
  maxTurns: MAX_QUESTIONS,
  historyWindow: Infinity,
  make: (options) => {
    checkEnvOptions({ id: GUESS_MY_CITY_ENV_ID }, options);
    return new GuessMyCityEnv();
  },
  partner: {
    role: "the oracle",
    rules:
      "answer each question about the hidden city truthfully in a sentence or two, without revealing the city or its country unless the question names the city. The env drops any sentence that would reveal them (the oracle's own no-leak filter); an empty reply becomes \"I'm not sure how to answer that...\".",
    make: (partner, options) => {
      checkEnvOptions({ id: GUESS_MY_CITY_ENV_ID }, options);
      return new PartnerEnv(new GuessMyCityEnv(), partner);
    },
  },
  tokenizer: "guess-my-city",
  // BPE with byte fallback: a person, an LLM partner or a sampling policy may write any text
  tokenizerKind: { kind: "subword", vocabSize: 4000 },
  train: GUESS_MY_CITY_TRAIN_DEFAULTS,
  paperScores: { bc: 30.0, pbc: 48.0, mc: 88.0, ilql: 75.0, ppo: 49.9, "online-pbc": 31.6, gpt4: 92.3 }, // paper Table 2
  referenceReader: readReferenceGuessMyCity,
  evaluation: {
    episodes: GUESS_MY_CITY_EVAL_EPISODES,
    resetOptions: (episode) => ({ city: CITIES[((episode % CITIES.length) + CITIES.length) % CITIES.length].name }),
    // seconds of one core per episode, measured by `reproduce --quick` (2026-12-04): planning only
    cost: { evalEpisode: 0.45, onlineEpisode: 0.85 },
  },
  anchors: { paper: GUESS_MY_CITY_PAPER_ANCHORS, ours: GUESS_MY_CITY_OUR_ANCHORS },
  policies,
  dataset: {
    defaultSize: GUESS_MY_CITY_DATASET_SIZE,
    paperStats: GUESS_MY_CITY_PAPER_STATS,
    generate: (n, rng, from) => generateGuessMyCityDataset(n, rng, { skip: from?.skip }),
    skips: true,
    behaviour:
      "open-question asker of graded skill (skill ~ U(0,1) per game: answers read fully, in gist or not at all, mis-readings, the best of 1-4 random questions, repeats, rash guesses, the country's best-known city as a final guess when unsure; the 7% most skilled guess as soon as one city fits), a final guess as the 20th question; every city once per block of 100 games",
  },
};

export { GuessMyCityEnv, GUESS_MY_CITY_ENV_ID, MAX_QUESTIONS } from "./env";
export type { GuessMyCityResetOptions } from "./env";
export { generateGuessMyCityDataset } from "./generate";
export type { GuessMyCityDatasetOptions } from "./generate";
export { readReferenceGuessMyCity, referenceConversationToTrajectory, splitQuestionAnswer } from "./reference";
export {
  BEHAVIOUR_PARAMS,
  behaviourAskerPolicy,
  consistentCities,
  guessQuestion,
  optimalAskerPolicy,
  QUESTION_BANK,
  randomAskerPolicy,
} from "./behaviour";
export type { AskerQuestion, BehaviourParams, QuestionKind } from "./behaviour";
export { CITIES, findCity, isCorrectCityGuess } from "./cities";
