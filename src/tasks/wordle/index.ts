/**
 * The Wordle task's registry entry (reference `llm_rl_scripts/wordle/`): env id "wordle", its
 * scripted policies, dataset generator and normalisation anchors. See README.md for formats, rules
 * and measured numbers.
 */
import { checkEnvOptions, type EnvSpec, type PolicyFactory } from "../../core/spec";
import type { Anchors, TextEnv } from "../../core/types";
import type { Vocabulary } from "./game";
import { InfoGainSolver, infoGainPolicy, randomConsistentPolicy, randomMixturePolicy, randomWordPolicy } from "./behaviour";
import { benchmarkVocabulary, WORDLE_ENV_ID, WordleEnv } from "./env";
import { generateWordleDataset } from "./generate";
import { readReferenceWordle } from "./reference";
import { WORDLE_TRAIN_DEFAULTS } from "./train";

/** Paper Table 5: min possible return, dataset average, scripted info-gain policy. */
export const WORDLE_PAPER_ANCHORS: Anchors = { min: -6, avg: -4.12, max: -1.94 };

/**
 * Recomputed by `recomputeAnchors(wordleSpec, -6)` (src/core/anchors.ts): avg = mean return of the 1,000,000-episode
 * train split generated with `datasetRng(0, "wordle", "train")` (the default file); max = mean return of the "optimal" policy under
 * `evaluate(wordleSpec, "optimal", {seed: 0})` (4096 episodes).
 */
export const WORDLE_OUR_ANCHORS: Anchors = { min: -6, avg: -4.077445, max: -1.947998046875 };

const solvers = new WeakMap<Vocabulary, InfoGainSolver>();

/**
 * One shared info-gain solver per vocabulary, so its per-state cache lives across episodes.
 *
 * @example
 * const p = infoGainPolicy(sharedSolver(benchmarkVocabulary()));
 */
export function sharedSolver(vocab: Vocabulary): InfoGainSolver {
  let s = solvers.get(vocab);
  if (!s) solvers.set(vocab, (s = new InfoGainSolver(vocab)));
  return s;
}

/** The vocabulary of a Wordle env (the benchmark list for any other env). */
function vocabOf(env: TextEnv): Vocabulary {
  return env instanceof WordleEnv ? env.vocab : benchmarkVocabulary();
}

const policies: Record<string, PolicyFactory> = {
  random: (env) => randomWordPolicy(vocabOf(env)),
  "random-consistent": (env) => randomConsistentPolicy(vocabOf(env)),
  optimal: (env) => infoGainPolicy(sharedSolver(vocabOf(env))),
  behaviour: (env) => randomMixturePolicy(vocabOf(env)),
};

/**
 * Options of `wordleSpec.make(options)`: the reward of an invalid guess (−1 as in the env and the BC
 * scripts; the reference's RL training scripts use −10).
 */
export const WORDLE_ENV_OPTIONS = { invalidPenalty: -1 } as const;

export const wordleSpec: EnvSpec = {
  id: WORDLE_ENV_ID,
  task: "wordle",
  actions: "a five-letter word of the 431-word list, its letters spaced or not (\"c r a n e\" or \"crane\"); feedback per letter: g right place, y elsewhere in the word, b absent. Anything else is an invalid guess: reward -1, an empty feedback line, the guess counts.",
  description: "Wordle on the benchmark's 431-word list: 6 guesses, g/y/b feedback, reward -1 per guess and 0 for the win.",
  maxTurns: 6,
  historyWindow: Infinity,
  make: (options) => new WordleEnv(checkEnvOptions({ id: WORDLE_ENV_ID, envOptions: WORDLE_ENV_OPTIONS }, options) as { invalidPenalty: number }),
  envOptions: WORDLE_ENV_OPTIONS,
  tokenizer: "wordle",
  train: WORDLE_TRAIN_DEFAULTS.wordle,
  paperScores: { bc: 79.9, pbc: 79.1, mc: 94.9, ilql: 97.7, ppo: 84.2, "online-pbc": 95.2, gpt4: 15.4 }, // paper Table 2
  referenceReader: readReferenceWordle,
  // seconds of one core per episode, measured by `reproduce --quick` (2026-12-04): planning only
  evaluation: { episodes: 4096, cost: { evalEpisode: 0.02, onlineEpisode: 0.04 } },
  anchors: { paper: WORDLE_PAPER_ANCHORS, ours: WORDLE_OUR_ANCHORS },
  policies,
  dataset: {
    defaultSize: 1_000_000,
    extraSplits: { eval: 100_000 },
    paperStats: {
      trajectories: 1_000_000,
      meanLength: 4.82,
      stdLength: 1.27,
      successRate: 0.7,
      meanReturn: -4.12,
      stdReturn: 1.59,
    },
    generate: (n, rng) => generateWordleDataset(n, rng),
    behaviour: "RandomMixturePolicy: 34% uniform consistent word, 66% uniform vocabulary word (paper C.3)",
  },
};

export { WordleEnv, benchmarkVocabulary } from "./env";
export type { WordleEnvConfig, WordleResetOptions } from "./env";
export { Knowledge, Vocabulary as WordleVocabulary } from "./game";
export { generateWordleDataset } from "./generate";
export { readReferenceWordle, referenceRecordToTrajectory, trajectoryToReferenceJson } from "./reference";
export { InfoGainSolver, infoGainPolicy, randomConsistentPolicy, randomMixturePolicy, randomWordPolicy } from "./behaviour";
