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
