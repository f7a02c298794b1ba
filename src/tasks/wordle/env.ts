/**
 * The Wordle text environment (reference `llm_rl_scripts/wordle/env/env.py`, `game.py`): 6 guesses
 * at a hidden word from the benchmark vocabulary, feedback rendered from the accumulated knowledge
 * state, reward −1 per guess and 0 for the winning guess. The secret is fixed at reset by default;
 * `lazySecret` reproduces the reference, which draws the target afresh from the still-consistent
 * words after every valid guess.
 *
 * @example
 * const env = new WordleEnv();
 * let h = env.reset({ seed: 0, options: { secret: "crank" } });
 * const r = env.step([...h, act("s l a t e\n")]);
 * r.history[r.history.length - 1].text; // "b b y b b\n"
 */
import { Rng } from "../../core/rng";
import { act, lastAction, obs } from "../../core/text";
import type { History, ResetArgs, StepResult, Text, TextEnv } from "../../core/types";
import { Knowledge, MAX_GUESSES, Vocabulary } from "./game";
import { deformatAction, HEADER, INVALID_FEEDBACK, invalidReason, renderFeedback, spaced } from "./formats";

export const WORDLE_ENV_ID = "wordle";

/** Reset options of the Wordle env. */
export interface WordleResetOptions {
  /** Fix the hidden word (must be in the vocabulary). Default: uniform from the vocabulary via the seed. */
  readonly secret?: string;
  /**
   * The reference's mode: no secret; after each valid guess the target is drawn uniformly from the
   * words still consistent with all feedback. Distributionally equal to a uniform fixed secret.
   */
  readonly lazySecret?: boolean;
}

const RESET_OPTION_KEYS = ["secret", "lazySecret"];

/** Construction settings of the Wordle env. */
export interface WordleEnvConfig {
  /** Word list; default the benchmark's `wordle_official_400.txt` (431 words). */
  readonly vocabulary?: Vocabulary;
  /**
   * Reward of an invalid guess (reference `bad_word_reward`): −1 by default as in the env and the
   * BC/eval scripts; the reference's ILQL/MC/PPO/online-%BC training scripts use −10.
   */
  readonly invalidPenalty?: number;
}

let defaultVocab: Vocabulary | undefined;

/** The benchmark vocabulary, loaded from data/wordle/ on first use and shared. */
export function benchmarkVocabulary(): Vocabulary {
  return (defaultVocab ??= Vocabulary.load());
}

/**
 * Wordle as a {@link TextEnv}. `step` reads only the last action; it never throws on an action string.
 */
export class WordleEnv implements TextEnv<WordleResetOptions> {
  readonly id = WORDLE_ENV_ID;
  readonly maxTurns = MAX_GUESSES;
  readonly vocab: Vocabulary;
  readonly invalidPenalty: number;
  private rng = new Rng(0);
  private knowledgeState = Knowledge.initial();
  private guessed = new Set<string>();
  private tries = 0;
  private over = false;
  private fixedSecret: string | null = null;
  private readonly feedbackTexts = new Map<string, Text>();

  constructor(config: WordleEnvConfig = {}) {
    this.vocab = config.vocabulary ?? benchmarkVocabulary();
    this.invalidPenalty = config.invalidPenalty ?? -1;
    if (!Number.isFinite(this.invalidPenalty)) {
      throw new Error(`WordleEnv: invalidPenalty must be a finite number, got ${config.invalidPenalty}`);
    }
    this.reset({ seed: 0 });
  }

  /** The hidden word (fixed-secret mode), or null in lazy-secret mode. */
  get secret(): string | null {
    return this.fixedSecret;
  }

  /** A copy of the current knowledge state. */
  get knowledge(): Knowledge {
    return this.knowledgeState.clone();
  }

  /** Guesses used so far (valid and invalid). */
  get guessesUsed(): number {
    return this.tries;
  }

  /** The vocabulary words still consistent with all feedback. */
  consistentWords(): string[] {
    return this.vocab.wordsOf(this.knowledgeState.consistentSet(this.vocab));
  }

  /**
   * Starts a game. `seed` seeds the env's RNG (secret choice, lazy targets); without a seed the env's
   * current stream continues. Throws on unknown options or a secret outside the vocabulary.
   */
  reset(args: ResetArgs<WordleResetOptions> = {}): History {
    const o = args.options ?? {};
    for (const k of Object.keys(o)) {
      if (!RESET_OPTION_KEYS.includes(k)) {
        throw new Error(`wordle.reset: unknown option "${k}"; valid options: ${RESET_OPTION_KEYS.join(", ")}`);
      }
    }
    if (o.lazySecret !== undefined && typeof o.lazySecret !== "boolean") {
      throw new Error(`wordle.reset: lazySecret must be a boolean, got ${JSON.stringify(o.lazySecret)}`);
    }
    if (o.secret !== undefined && (typeof o.secret !== "string" || !this.vocab.has(o.secret))) {
      throw new Error(`wordle.reset: secret ${JSON.stringify(o.secret)} is not in the ${this.vocab.size}-word vocabulary; pick a vocabulary word`);
    }
    if (o.secret !== undefined && o.lazySecret) {
      throw new Error("wordle.reset: secret and lazySecret exclude each other; pass one of them");
    }
    if (args.seed !== undefined) this.rng = new Rng(args.seed);
    this.knowledgeState = Knowledge.initial();
    this.guessed = new Set();
    this.tries = 0;
    this.over = false;
    this.fixedSecret = o.lazySecret ? null : (o.secret ?? this.vocab.words[this.rng.int(this.vocab.size)]);
    return [HEADER];
  }

  step(history: History): StepResult {
    const raw = lastAction(history, this.id);
    if (this.over) {
      return {
        history: [...history, INVALID_FEEDBACK],
        reward: 0,
        terminated: true,
        truncated: false,
        info: { success: false, invalidAction: true, invalidReason: "the game is over; call reset()", afterEnd: true },
      };
    }
    const guess = deformatAction(raw);
    const rendered = spaced(guess);
    const prefix = history.slice(0, -1);
    // The reference re-renders the action from its de-formatted letters ("crane" → "c r a n e\n").
    prefix.push(rendered === raw ? history[history.length - 1] : act(rendered));
    this.tries++;
    const reason = invalidReason(guess, this.vocab);
    if (reason !== null) {
      this.over = this.tries >= MAX_GUESSES;
      prefix.push(INVALID_FEEDBACK);
      return {
        history: prefix,
        reward: this.invalidPenalty,
        terminated: this.over,
        truncated: false,
        info: { success: false, invalidAction: true, invalidReason: reason, guess, guessesUsed: this.tries },
      };
    }
    const target = this.fixedSecret ?? this.sampleConsistent();
    this.knowledgeState.update(guess, target);
    this.guessed.add(guess);
    const pattern = this.knowledgeState.feedbackPattern(guess);
    const consistent = this.knowledgeState.consistentSet(this.vocab);
    const remaining = this.vocab.count(consistent);
    const win = remaining === 1 && this.guessed.has(this.vocab.words[this.vocab.nth(consistent, 0)]);
    this.over = win || this.tries >= MAX_GUESSES;
    prefix.push(this.feedbackText(pattern));
    return {
      history: prefix,
      reward: win ? 0 : -1,
      terminated: this.over,
      truncated: false,
      info: { success: win, invalidAction: false, guess, feedback: pattern, target, consistentWords: remaining, guessesUsed: this.tries },
    };
  }

  /** Lazy-secret target: uniform over the words consistent with the knowledge so far. */
  private sampleConsistent(): string {
    const set = this.knowledgeState.consistentSet(this.vocab);
    const n = this.vocab.count(set);
    // n >= 1 always: the knowledge is refined only by feedback against consistent targets.
    return this.vocab.words[this.vocab.nth(set, this.rng.int(n))];
  }

  private feedbackText(pattern: string): Text {
    let t = this.feedbackTexts.get(pattern);
    if (!t) this.feedbackTexts.set(pattern, (t = Object.freeze(obs(renderFeedback(pattern)))));
    return t;
  }
}
