/**
 * Small helpers on texts and histories shared by every task: building texts, the generic action
 * post-processing of the reference scripts (`out_str_process`) and rendering a history the way a
 * model sees it.
 */
import type { History, Text } from "./types";

export function obs(text: string): Text {
  return { text, isAction: false };
}

export function act(text: string): Text {
  return { text, isAction: true };
}

/**
 * The generic output post-processing of the reference scripts (`out_str_process=lambda x:
 * x.removesuffix('\n')+'\n'`, e.g. `llm_rl_scripts/maze/ilql/train_ilql.py`): strip one trailing
 * "\n" if present and append exactly one.
 */
export function formatAction(raw: string): string {
  return (raw.endsWith("\n") ? raw.slice(0, -1) : raw) + "\n";
}

/** The action text without its one trailing "\n" (inverse of {@link formatAction}). */
export function actionBody(text: string): string {
  return text.endsWith("\n") ? text.slice(0, -1) : text;
}

/**
 * The string the model sees: all texts concatenated with no separator (`text_history_to_str` in the
 * reference `LLM_RL/environment.py`).
 */
export function renderHistory(history: History): string {
  let s = "";
  for (const t of history) s += t.text;
  return s;
}

/** The last element of a history, which `step` requires to be an action. */
export function lastAction(history: History, envId: string): string {
  const last = history[history.length - 1];
  if (last === undefined || !last.isAction) {
    throw new Error(
      `${envId}.step: the history must end with the agent's action (a Text with isAction: true); ` +
        `got ${last === undefined ? "an empty history" : "an observation"}. Append { text, isAction: true } first.`,
    );
  }
  return last.text;
}

/**
 * A dialogue env's view of the agent's turn: the history with the last action normalised to end in
 * exactly one "\n" (`formatAction`), and the question as the reference reads it (`str.strip()`).
 *
 * @example
 * lastQuestion([obs("Questions:\n"), act("Is it a cat?")], "twenty-questions").question; // "Is it a cat?"
 */
export function lastQuestion(history: History, envId: string): { prefix: Text[]; question: string } {
  const { prefix, raw } = lastTurn(history, envId);
  return { prefix, question: pyStrip(raw) };
}

/**
 * The agent's last action as sent (`raw`), and the history with that action normalised to end in exactly
 * one "\n" (`formatAction`): what a dialogue env appends its partner's reply to.
 */
export function lastTurn(history: History, envId: string): { prefix: Text[]; raw: string } {
  const raw = lastAction(history, envId);
  const prefix = history.slice(0, -1);
  prefix.push(raw.endsWith("\n") ? history[history.length - 1] : act(formatAction(raw)));
  return { prefix, raw };
}

/** Python's `str.isspace` characters (what `str.strip()` removes); JS `trim` differs (it strips U+FEFF, keeps U+001C–U+001F and U+0085). */
function isPySpace(c: number): boolean {
  return (
    (c >= 0x09 && c <= 0x0d) || (c >= 0x1c && c <= 0x20) || c === 0x85 || c === 0xa0 || c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000
  );
}

/**
 * Python's `s.strip()` (no arguments), which the reference envs apply to agent texts (Wordle's guesses,
 * Twenty Questions' and Guess My City's questions, chess moves). Linear time on any input.
 *
 * @example
 * pyStrip("  Is it a cat?\n"); // "Is it a cat?"
 */
export function pyStrip(s: string): string {
  let i = 0;
  let j = s.length;
  while (i < j && isPySpace(s.charCodeAt(i))) i++;
  while (j > i && isPySpace(s.charCodeAt(j - 1))) j--;
  return i === 0 && j === s.length ? s : s.slice(i, j);
}
