/**
 * The exact texts of Twenty Questions (reference `llm_rl_scripts/twenty_questions/env/data.py`,
 * github.com/abdulhaim/LMRL-Gym; LMRL-Gym paper, App. C.6): the first observation "Questions:\n",
 * the two replies "Yes.\n" and "No.\n", and the reference's asker post-processor `asker_postproc`,
 * whose validity test the env reports as `info.invalidAction`.
 *
 * @example
 * askerPostproc("is it an animal");  // "Is it an animal?\n"
 * askerPostproc("Tell me the object"); // "Is this a valid question?\n" (the sentinel)
 * isValidQuestion("Is it red.?");     // false
 */
import { pyStrip } from "../../core/text";
import type { Text } from "../../core/types";
import { INVALID_QUESTION, type OracleReply } from "./oracle";

/** The first observation of every episode (the reference's `INITIAL_STR`). */
export const INITIAL_TEXT: Text = Object.freeze({ text: "Questions:\n", isAction: false });

/** The env's two replies, each with its trailing "\n" (`Text(answer + "\n", is_action=False)` in env.py). */
export const ANSWER_TEXTS: Readonly<Record<OracleReply, Text>> = Object.freeze({
  "Yes.": Object.freeze({ text: "Yes.\n", isAction: false }),
  "No.": Object.freeze({ text: "No.\n", isAction: false }),
});

/** Question words `asker_postproc` accepts as the first word. */
const QUESTION_STARTS: readonly string[] = ["Is", "Does", "Can", "Do", "Are", "Could"];

/** `asker_postproc` rejects questions of more than this many " "-separated words ("typically many duplicate words"). */
const MAX_WORDS = 40;

/**
 * The reference's `asker_postproc`: strip; empty → the sentinel; add a final "?" when missing;
 * capitalise the first character; more than 40 words, a first word other than Is/Does/Can/Do/Are/
 * Could, or an ending ".?" (except "etc.?") → the sentinel "Is this a valid question?\n". Returns
 * the question with its trailing "\n".
 *
 * @example
 * askerPostproc("  does it have wheels ");  // "Does it have wheels?\n"
 * askerPostproc("");                        // "Is this a valid question?\n"
 */
export function askerPostproc(question: string): string {
  const invalid = INVALID_QUESTION + "\n";
  let q = pyStrip(question);
  if (q.length === 0) return invalid;
  if (!q.endsWith("?")) q += "?";
  const first = String.fromCodePoint(q.codePointAt(0)!);
  q = first.toUpperCase() + q.slice(first.length);
  const words = q.split(" ");
  if (words.length > MAX_WORDS) return invalid;
  if (!QUESTION_STARTS.includes(words[0])) return invalid;
  if (q[q.length - 2] === "." && words[words.length - 1] !== "etc.?") return invalid;
  return q + "\n";
}

/**
 * False when `asker_postproc` would replace the question with the sentinel, or when the question is
 * the sentinel itself (which the oracle always answers "No.").
 *
 * @example
 * isValidQuestion("Is it an animal?"); // true
 * isValidQuestion("What is it?");      // false: not a yes/no question word
 */
export function isValidQuestion(question: string): boolean {
  return askerPostproc(question) !== INVALID_QUESTION + "\n";
}
