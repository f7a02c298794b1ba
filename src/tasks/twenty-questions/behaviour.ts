/**
 * Scripted Twenty Questions askers (LMRL-Gym paper, App. C.6; reference
 * `llm_rl_scripts/twenty_questions/`): "random" (random bank questions, now and then a random guess),
 * "optimal" (attribute search: the question that best splits the objects still consistent with the
 * oracle's answers, a guess once at most three are left), and "behaviour", the dataset's asker, a
 * stand-in for the paper's FLAN-T5-XL guesser distilled from GPT-3.5 games: an attribute searcher of
 * graded skill that sometimes asks a less informative question, misreads an answer, guesses early
 * (also things that are not among the 158 objects) or repeats itself, and whose 20th question is
 * always a concrete guess, as the reference's GPT-3.5 guesser prompt demands.
 *
 * Every asker reads only the history's texts: it predicts the oracle's answer for each of the 158
 * objects with the oracle's public reading of the question (questions.ts), never the hidden object.
 *
 * @example
 * const p = optimalAsker();
 * p.act(env.reset({ seed: 0 }), new Rng(1)); // e.g. "Is it bigger than a breadbox?"
 */
import type { Rng } from "../../core/rng";
import type { History, Policy } from "../../core/types";
import { MAX_QUESTIONS } from "./env";
import { TWENTY_Q_OBJECTS, type TwentyQCategory } from "./objects";
import {
  candidates,
  countAnd,
  OFF_LIST_GUESSES,
  OPENING_QUESTIONS,
  questionTable,
  readAnswers,
  splitEntropy,
  type AnsweredQuestion,
  type ObjectMask,
} from "./questions";

/** Probability that the random asker guesses a uniformly random object instead of asking a bank question. */
export const RANDOM_GUESS_PROB = 0.1;

/** The optimal asker guesses once at most this many objects are consistent with the answers. */
export const OPTIMAL_GUESS_AT = 3;

/** A guess of object `i`: "Is it <phrase>?" (3 in 4) or "Is the object <phrase>?". */
function guessText(i: number, rng: Rng): string {
  const gs = questionTable().guesses[i];
  const half = gs.length / 2;
  return rng.next() < 0.75 ? gs[rng.int(half)] : gs[half + rng.int(half)];
}

/**
 * Random bank questions; with probability {@link RANDOM_GUESS_PROB} a guess of a uniformly random
 * object instead.
 *
 * @example
 * randomAsker().act(history, rng); // e.g. "Does it have a peel?"
 */
export function randomAsker(): Policy {
  const table = questionTable();
  return {
    name: "random",
    act: (_h, rng) => (rng.next() < RANDOM_GUESS_PROB ? guessText(rng.int(TWENTY_Q_OBJECTS.length), rng) : rng.choice(table.bank)),
  };
}

/** Indices of the bank questions with the highest split entropy over `cand` (empty when none splits it). */
function bestQuestions(cand: ObjectMask, n: number): number[] {
  const info = questionTable().bankInfo;
  let best = 0;
  let out: number[] = [];
  for (let q = 0; q < info.length; q++) {
    const h = splitEntropy(countAnd(info[q].yes, cand), n);
    if (h > best + 1e-12) {
      best = h;
      out = [q];
    } else if (h > 0 && h >= best - 1e-12) out.push(q);
  }
  return out;
}

/**
 * Attribute search: among the objects consistent with every answer so far, ask the bank question with
 * the most even yes/no split (ties broken by the RNG, so equivalent phrasings alternate); guess one of
 * them once at most {@link OPTIMAL_GUESS_AT} are left or no question splits them. Measured under the
 * evaluation protocol (README "Askers"): it wins every game, in 7.78 questions on average and 9 at most.
 *
 * @example
 * optimalAsker().act([obs("Questions:\n")], rng); // "Is it bigger than a microwave?" (or a tie)
 */
export function optimalAsker(): Policy {
  const table = questionTable();
  return {
    name: "optimal",
    act(history, rng) {
      const { mask, list } = candidates(readAnswers(history));
      if (list.length > OPTIMAL_GUESS_AT) {
        const best = bestQuestions(mask, list.length);
        if (best.length > 0) return table.bank[rng.choice(best)];
      }
      return guessText(rng.choice(list), rng);
    },
  };
}

/** One skill level of the behaviour asker. All probabilities are per question unless said otherwise. */
export interface AskerSkill {
  /** Probability of misreading each oracle answer (it then counts the other way round for the rest of the game). */
  readonly misread: number;
  /**
   * Softmax temperature over the questions' information (bits) about the asker's candidates: 0 asks the
   * best split, larger values ask less informative questions more often.
   */
  readonly temperature: number;
  /** Probability of guessing before the candidates are narrowed down. */
  readonly earlyGuess: number;
  /** Share of those early guesses that name something outside the 158 objects ("Is it a giraffe?"). */
  readonly offList: number;
  /** Probability of repeating an earlier question word for word. */
  readonly repeat: number;
  /** Guess once at most this many objects are consistent with the asker's reading of the answers. */
  readonly guessAt: number;
}

/** A mixture of skill levels: each episode draws one level by weight. */
export interface AskerMixture {
  readonly levels: readonly { readonly weight: number; readonly name: string; readonly skill: AskerSkill }[];
}

/**
 * The dataset's behaviour asker (tuned so the generated dataset's statistics approach the paper's
 * Table 1 row for 20Q; README "Dataset"): 15% of the games are played by a good asker, 14% by a
 * middling one and 71% by a poor one, which wins about one game in eight.
 */
export const DEFAULT_BEHAVIOUR: AskerMixture = Object.freeze({
  levels: Object.freeze([
    { weight: 0.15, name: "good", skill: { misread: 0.04, temperature: 0.15, earlyGuess: 0.05, offList: 0.4, repeat: 0.03, guessAt: 2 } },
    { weight: 0.14, name: "middling", skill: { misread: 0.1, temperature: 0.4, earlyGuess: 0.08, offList: 0.5, repeat: 0.05, guessAt: 2 } },
    { weight: 0.71, name: "poor", skill: { misread: 0.3, temperature: 1, earlyGuess: 0.2, offList: 0.6, repeat: 0.15, guessAt: 1 } },
  ]),
});

/** What the behaviour asker remembers of one game: its skill level and how it read each answer. */
interface GameMemory {
  level: number;
  flipped: boolean[];
}

function checkMixture(m: AskerMixture): void {
  if (m.levels.length === 0 || !m.levels.every((l) => l.weight >= 0) || !(m.levels.reduce((s, l) => s + l.weight, 0) > 0)) {
    throw new Error("behaviourAsker: the mixture needs at least one level and non-negative weights summing to > 0");
  }
  for (const { name, skill: s } of m.levels) {
    for (const k of ["misread", "earlyGuess", "offList", "repeat"] as const) {
      if (!(s[k] >= 0 && s[k] <= 1)) throw new Error(`behaviourAsker: level "${name}": ${k} must be in [0, 1], got ${s[k]}`);
    }
    if (!(s.temperature >= 0)) throw new Error(`behaviourAsker: level "${name}": temperature must be >= 0, got ${s.temperature}`);
    if (!(Number.isInteger(s.guessAt) && s.guessAt >= 1)) throw new Error(`behaviourAsker: level "${name}": guessAt must be an integer >= 1, got ${s.guessAt}`);
  }
}

/** The most common category among the candidates (the first in object order on a tie). */
function likelyCategory(list: readonly number[]): TwentyQCategory {
  const counts = new Map<TwentyQCategory, number>();
  let best = TWENTY_Q_OBJECTS[list[0]].category;
  for (const i of list) {
    const c = TWENTY_Q_OBJECTS[i].category;
    counts.set(c, (counts.get(c) ?? 0) + 1);
    if (counts.get(c)! > counts.get(best)!) best = c;
  }
  return best;
}

/**
 * A question drawn with probability ∝ exp(H / temperature), H the bits it gives about the candidates,
 * among the bank questions not asked yet for which at least one candidate is a "Yes." (a question no
 * candidate fits is one no asker following the game would ask). Temperature 0: a best split.
 */
function sampleQuestion(cand: ObjectMask, n: number, asked: ReadonlySet<string>, temperature: number, rng: Rng): string | undefined {
  const table = questionTable();
  if (temperature === 0) {
    const best = bestQuestions(cand, n).filter((q) => !asked.has(table.bank[q]));
    return best.length ? table.bank[rng.choice(best)] : undefined;
  }
  const idx: number[] = [];
  const w: number[] = [];
  let top = 0;
  table.bankInfo.forEach((info, q) => {
    if (asked.has(table.bank[q])) return;
    const yes = countAnd(info.yes, cand);
    if (yes === 0) return;
    const h = splitEntropy(yes, n);
    idx.push(q);
    w.push(h);
    top = Math.max(top, h);
  });
  if (idx.length === 0) return undefined;
  return table.bank[idx[rng.weighted(w.map((h) => Math.exp((h - top) / temperature)))]];
}

/**
 * The behaviour asker. Each game draws a skill level from `mixture` (with the policy's RNG on its first
 * question); then, each question:
 * 1. it reads the answers so far, misreading each new one with probability `misread` (remembered for
 *    the rest of the game), and takes the objects with the fewest contradictions as its candidates;
 * 2. the 20th question is a guess of a candidate (the reference's GPT-3.5 prompt asks for a concrete
 *    guess last); the first is one of the usual openers ("Is it alive?", "Is it an animal?", ...);
 * 3. with `guessAt` or fewer candidates it guesses one;
 * 4. otherwise it repeats an earlier question (`repeat`), or guesses early (`earlyGuess`; `offList` of
 *    those name a thing outside the 158 objects of the candidates' likeliest category), or asks a bank
 *    question drawn by `temperature` (see `sampleQuestion`).
 *
 * The per-game memory is keyed by the RNG object (every rollout gives each game its own stream) and
 * starts over on a history with no question yet.
 *
 * @example
 * const p = behaviourAsker();
 * p.act(env.reset({ seed: 3 }), new Rng(3)); // e.g. "Is it a living thing?"
 */
export function behaviourAsker(mixture: AskerMixture = DEFAULT_BEHAVIOUR, name = "behaviour"): Policy {
  checkMixture(mixture);
  const weights = mixture.levels.map((l) => l.weight);
  const memory = new WeakMap<Rng, GameMemory>();
  return {
    name,
    act(history: History, rng: Rng): string {
      const answers: AnsweredQuestion[] = readAnswers(history);
      let mem = memory.get(rng);
      if (!mem || answers.length === 0 || mem.flipped.length > answers.length) {
        mem = { level: rng.weighted(weights), flipped: [] };
        memory.set(rng, mem);
      }
      const skill = mixture.levels[mem.level].skill;
      while (mem.flipped.length < answers.length) mem.flipped.push(rng.next() < skill.misread);
      const asked = answers.length;
      const { mask, list } = candidates(answers, mem.flipped);
      if (asked === 0) return rng.choice(OPENING_QUESTIONS);
      if (asked >= MAX_QUESTIONS - 1 || list.length <= skill.guessAt) return guessText(rng.choice(list), rng);
      const askedSet = new Set(answers.map((a) => a.question));
      if (rng.next() < skill.repeat) {
        const earlier = answers.filter((a) => questionTable().info(a.question)?.guessOf === -1);
        if (earlier.length > 0) return rng.choice(earlier).question;
      }
      if (rng.next() < skill.earlyGuess) {
        if (rng.next() < skill.offList) return `Is it ${rng.choice(OFF_LIST_GUESSES[likelyCategory(list)])}?`;
        return guessText(rng.choice(list), rng);
      }
      const q = sampleQuestion(mask, list.length, askedSet, skill.temperature, rng);
      return q ?? guessText(rng.choice(list), rng);
    },
  };
}
