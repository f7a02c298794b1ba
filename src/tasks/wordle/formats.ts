/**
 * Wordle text formats (the reference's `ReformatWordleEnvironment`, `llm_rl_scripts/wordle/env/env.py`):
 * the "Wordle:\n" header, guesses as space-separated letters ("c r a n e\n"), feedback as space-separated
 * g/y/b ("b y b b g\n", "\n" after an invalid guess), de-formatting of agent output (strip, delete
 * spaces), and reading the knowledge state back out of a history.
 *
 * @example
 * renderGuess("crane");          // "c r a n e\n"
 * deformatAction(" c r a n e\n"); // "crane"
 */
import { obs, pyStrip } from "../../core/text";
import type { History, Text } from "../../core/types";
import { Knowledge, type Vocabulary, isWordShape } from "./game";

/** The first observation of every episode. */
export const HEADER_TEXT = "Wordle:\n";
export const HEADER: Text = Object.freeze(obs(HEADER_TEXT));
/** Feedback line after an invalid guess. */
export const INVALID_FEEDBACK_TEXT = "\n";
export const INVALID_FEEDBACK: Text = Object.freeze(obs(INVALID_FEEDBACK_TEXT));

/** Spaces between the code points of a string, plus "\n" (Python's `' '.join(list(s)) + '\n'`). */
export function spaced(s: string): string {
  let out = "";
  let first = true;
  for (const ch of s) {
    out += first ? ch : " " + ch;
    first = false;
  }
  return out + "\n";
}

/**
 * A guess as the agent writes it.
 *
 * @example
 * renderGuess("crane"); // "c r a n e\n"
 */
export function renderGuess(word: string): string {
  return spaced(word);
}

/**
 * A feedback line from its g/y/b letters.
 *
 * @example
 * renderFeedback("bybbg"); // "b y b b g\n"
 */
export function renderFeedback(pattern: string): string {
  return spaced(pattern);
}

/**
 * The guess inside an action text: strip surrounding whitespace, delete every space (the reference's
 * `item.text.strip().replace(' ', '')`). Other characters are kept, so "CRANE" stays upper case (and
 * invalid) and "cr\tane" keeps its tab.
 *
 * @example
 * deformatAction("c r a n e\n"); // "crane"
 */
export function deformatAction(text: string): string {
  const s = pyStrip(text);
  return s.indexOf(" ") < 0 ? s : s.replace(/ /g, "");
}

/**
 * The g/y/b letters of a feedback text ("b y b b g\n" → "bybbg"; "\n" → "").
 *
 * @example
 * deformatFeedback("b y b b g\n"); // "bybbg"
 */
export function deformatFeedback(text: string): string {
  return deformatAction(text);
}

/**
 * Why a guess is invalid (as the reference's `game.py` with `require_words_in_vocab=True`), or null
 * when it is a valid vocabulary word: length ≠ 5, characters outside a–z, or not in the vocabulary.
 *
 * @example
 * invalidReason("crane", vocab); // null
 * invalidReason("zzzzz", vocab); // "not in the vocabulary"
 */
export function invalidReason(guess: string, vocab: Vocabulary): string | null {
  if (guess.length !== 5 && [...guess].length !== 5) return "length is not 5";
  if (!isWordShape(guess)) return "contains characters outside a-z";
  if (!vocab.has(guess)) return "not in the vocabulary";
  return null;
}

/** The knowledge state read back from a history, plus the valid guesses made so far. */
export interface ParsedGame {
  readonly knowledge: Knowledge;
  /** Valid (vocabulary) guesses in order. */
  readonly guesses: readonly string[];
  /** All agent actions so far, valid or not (each consumes one of the 6 tries). */
  readonly actions: number;
}

/**
 * Rebuilds the knowledge from a history (the reference's `WordleGame.from_str`): every valid guess
 * followed by a feedback line applies that feedback; invalid guesses and their empty lines change
 * nothing. The "Wordle:\n" header is optional. Throws if a valid guess is followed by a feedback line
 * that is not 5 of g/y/b.
 *
 * @example
 * const g = parseHistory([HEADER, act("s l a t e\n"), obs("b b y b b\n")], vocab);
 * g.knowledge.satisfies("crank"); // true
 */
export function parseHistory(history: History, vocab: Vocabulary): ParsedGame {
  const knowledge = Knowledge.initial();
  const guesses: string[] = [];
  let actions = 0;
  for (let i = 0; i < history.length; i++) {
    const t = history[i];
    if (!t.isAction) continue;
    actions++;
    const guess = deformatAction(t.text);
    const next = history[i + 1];
    if (next === undefined || next.isAction || !vocab.has(guess)) continue;
    const fb = deformatFeedback(next.text);
    if (!knowledge.applyFeedback(guess, fb)) {
      throw new Error(
        `wordle parseHistory: text ${i + 1} should be the feedback for "${guess}" (5 of g/y/b such as "b y b b g\\n"), ` +
          `got ${JSON.stringify(next.text.slice(0, 40))}; pass a history produced by the wordle env`,
      );
    }
    guesses.push(guess);
  }
  return { knowledge, guesses, actions };
}
