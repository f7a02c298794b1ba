/**
 * Scripted Wordle policies (reference `env/scripted_policies.py`): uniform random vocabulary words,
 * uniform random *consistent* words, the greedy one-step information-gain "optimal" policy, and the
 * dataset's behaviour policy, a random mixture of the first two. Every policy reads the feedback so
 * far from the history (never from the env) and answers in the spaced format "c r a n e\n".
 *
 * @example
 * const p = infoGainPolicy(benchmarkVocabulary());
 * p.act(env.reset({ seed: 0 }), new Rng(1)); // e.g. "s l a t e\n"
 */
import type { Rng } from "../../core/rng";
import type { History, Policy } from "../../core/types";
import { type Knowledge, Vocabulary } from "./game";
import { parseHistory, renderGuess } from "./formats";

/** Probability of a consistent-word guess in the dataset's behaviour policy (paper: 34%). */
export const BEHAVIOUR_PROB_CONSISTENT = 0.34;

const renderedWords = new WeakMap<Vocabulary, readonly string[]>();

/** Every vocabulary word in the spaced action format, cached per vocabulary. */
function renderedGuesses(vocab: Vocabulary): readonly string[] {
  let r = renderedWords.get(vocab);
  if (!r) renderedWords.set(vocab, (r = vocab.words.map((w) => renderGuess(w))));
  return r;
}

/**
 * Guesses a uniformly random vocabulary word (possibly one already tried).
 *
 * @example
 * randomWordPolicy(vocab).act([HEADER], new Rng(0)); // e.g. "g l a d e\n"
 */
export function randomWordPolicy(vocab: Vocabulary): Policy {
  const rendered = renderedGuesses(vocab);
  return { name: "random", act: (_h, rng) => rendered[rng.int(rendered.length)] };
}

/** Index of a uniformly random word consistent with the history's feedback (-1 if none is). */
function sampleConsistent(vocab: Vocabulary, history: History, rng: Rng): number {
  const set = parseHistory(history, vocab).knowledge.consistentSet(vocab);
  const n = vocab.count(set);
  return n === 0 ? -1 : vocab.nth(set, rng.int(n));
}

/**
 * Guesses a uniformly random word among those consistent with the feedback parsed from the history
 * (the reference's `get_random_word_filtered`). Falls back to a random vocabulary word when no word is
 * consistent (only possible for a hand-made, contradictory history).
 *
 * @example
 * randomConsistentPolicy(vocab).act([HEADER, act("s l a t e\n"), obs("b g g b g\n")], rng); // e.g. "b l a m e\n"
 */
export function randomConsistentPolicy(vocab: Vocabulary): Policy {
  const rendered = renderedGuesses(vocab);
  return {
    name: "random-consistent",
    act(history, rng) {
      const i = sampleConsistent(vocab, history, rng);
      return rendered[i >= 0 ? i : rng.int(rendered.length)];
    },
  };
}

/**
 * The behaviour policy of the dataset (reference `RandomMixturePolicy(prob_smart)`): with probability
 * `probConsistent` a random consistent word, otherwise a random vocabulary word.
 *
 * @example
 * const behaviour = randomMixturePolicy(vocab); // 34% consistent, 66% any word
 */
export function randomMixturePolicy(vocab: Vocabulary, probConsistent = BEHAVIOUR_PROB_CONSISTENT): Policy {
  if (!(probConsistent >= 0 && probConsistent <= 1)) {
    throw new Error(`randomMixturePolicy: probConsistent must be in [0, 1], got ${probConsistent}`);
  }
  const rendered = renderedGuesses(vocab);
  return {
    name: "behaviour",
    act(history, rng) {
      if (rng.next() < probConsistent) {
        const i = sampleConsistent(vocab, history, rng);
        if (i >= 0) return rendered[i];
      }
      return rendered[rng.int(rendered.length)];
    },
  };
}

/** Which words the info-gain policy may guess. */
export type GuessPool = "consistent" | "vocabulary";

/**
 * Greedy one-step information gain (reference `OptimalPolicy`): among candidate guesses maximise
 * log|C| − E[log|C after guess|], where C is the consistent set and the expectation is over a uniform
 * target in C. The best guesses of each knowledge state are cached; ties are broken at act time by
 * the caller's RNG. `pool: "consistent"` (default, as the reference) guesses only consistent words.
 */
export class InfoGainSolver {
  private readonly cache = new Map<string, readonly number[]>();
  private readonly nLogN: Float64Array;

  constructor(
    readonly vocab: Vocabulary,
    readonly pool: GuessPool = "consistent",
  ) {
    this.nLogN = new Float64Array(vocab.size + 1);
    for (let n = 2; n <= vocab.size; n++) this.nLogN[n] = n * Math.log(n);
  }

  /** Vocabulary indices of the guesses with maximal information gain in this knowledge state. */
  bestGuesses(knowledge: Knowledge): readonly number[] {
    const key = knowledge.key();
    const hit = this.cache.get(key);
    if (hit) return hit;
    const best = this.compute(this.vocab.indices(knowledge.consistentSet(this.vocab)));
    this.cache.set(key, best);
    return best;
  }

  /**
   * Information gain of guessing vocabulary word `guess` when the target is uniform over `consistent`.
   *
   * @example
   * solver.infoGain(vocab.index("crane"), vocab.indices(vocab.fullSet()));
   */
  infoGain(guess: number, consistent: readonly number[]): number {
    return Math.log(consistent.length) - this.sumNLogN(guess, consistent, new Int32Array(243)) / consistent.length;
  }

  /** Σ over feedback groups of n·log n (smaller is better: E[log|C'|] = this / |C|). */
  private sumNLogN(guess: number, consistent: readonly number[], counts: Int32Array): number {
    const table = this.vocab.patterns();
    const row = guess * this.vocab.size;
    counts.fill(0);
    for (let j = 0; j < consistent.length; j++) counts[table[row + consistent[j]]]++;
    let s = 0;
    for (let p = 0; p < 243; p++) s += this.nLogN[counts[p]];
    return s;
  }

  private compute(consistent: readonly number[]): readonly number[] {
    if (consistent.length <= 1) return consistent.length === 1 ? consistent : this.vocab.words.map((_, i) => i);
    const candidates = this.pool === "consistent" ? consistent : this.vocab.words.map((_, i) => i);
    const counts = new Int32Array(243);
    let bestScore = Infinity;
    let best: number[] = [];
    for (const g of candidates) {
      const s = this.sumNLogN(g, consistent, counts);
      // Equal partitions give equal sums up to float rounding; treat those as ties.
      if (s < bestScore - 1e-9) {
        bestScore = s;
        best = [g];
      } else if (s <= bestScore + 1e-9) best.push(g);
    }
    return best;
  }
}

/**
 * The "optimal" policy: {@link InfoGainSolver} best guesses, ties broken uniformly by the RNG.
 * Pass a shared solver so its per-state cache survives across episodes.
 *
 * @example
 * infoGainPolicy(new InfoGainSolver(vocab)).act([HEADER], rng); // "s l a t e\n"
 */
export function infoGainPolicy(vocabOrSolver: Vocabulary | InfoGainSolver, name = "optimal"): Policy {
  const solver = vocabOrSolver instanceof InfoGainSolver ? vocabOrSolver : new InfoGainSolver(vocabOrSolver);
  const rendered = renderedGuesses(solver.vocab);
  return {
    name,
    act(history, rng) {
      const best = solver.bestGuesses(parseHistory(history, solver.vocab).knowledge);
      return rendered[best[rng.int(best.length)]];
    },
  };
}
