/**
 * Readers for the original LMRL-Gym maze dataset files (published under
 * https://rail.eecs.berkeley.edu/datasets/rl-llm-bench-dataset/), converting each line to a kit
 * `Trajectory`:
 * - FO (`maze/fully_observed_maze_data.jsonl`): each line a JSON list of
 *   `{"state","action","reward","done"}` steps → texts [state, action, state, action, ...].
 * - PO (`maze/partially_observed_maze_data.jsonl`): each line `{"text_history":[obs, act, ...],
 *   "rewards":[...], "dones":[...]}`, actions at odd indices.
 * Every text is given exactly one trailing "\n" (the kit's turn delimiter; a no-op on the original
 * files' move strings). `meta.success` is true when the trajectory is done and its last action's
 * reward is 0 (only reaching the goal pays 0 under `standard_reward`).
 *
 * @example
 * for await (const t of readReferenceFoMaze("fully_observed_maze_data.jsonl")) console.log(t.rewards);
 */
import { parseJsonLine, readLines, RecordError } from "../../core/dataset";
import { formatAction } from "../../core/text";
import type { Text, Trajectory } from "../../core/types";

function text(s: string, isAction: boolean): Text {
  return { text: formatAction(s), isAction };
}

function success(rewards: readonly number[], texts: readonly Text[], done: boolean): boolean {
  for (let i = texts.length - 1; i >= 0; i--) if (texts[i].isAction) return done && rewards[i] === 0;
  return false;
}

/** Streams the FO reference file; throws `file:line: [i].field: problem` on a bad record. */
export async function* readReferenceFoMaze(path: string): AsyncGenerator<Trajectory> {
  for await (const { line, text: raw } of readLines(path)) {
    const fail = (field: string, problem: string): never => {
      throw new RecordError(path, line, field, problem);
    };
    const value = parseJsonLine(path, line, raw);
    if (!Array.isArray(value)) fail("(record)", `expected a JSON list of {state, action, reward, done} steps, got ${typeof value}`);
    const steps = value as unknown[];
    if (steps.length === 0) fail("(record)", "is an empty list; a trajectory needs at least one step");
    const texts: Text[] = [];
    const rewards: number[] = [];
    let done = false;
    steps.forEach((s, i) => {
      if (typeof s !== "object" || s === null || Array.isArray(s)) fail(`[${i}]`, "expected an object {state, action, reward, done}");
      const o = s as Record<string, unknown>;
      if (typeof o.state !== "string") fail(`[${i}].state`, `expected a string, got ${JSON.stringify(o.state)}`);
      if (typeof o.action !== "string") fail(`[${i}].action`, `expected a string, got ${JSON.stringify(o.action)}`);
      if (typeof o.reward !== "number" || !Number.isFinite(o.reward)) fail(`[${i}].reward`, `expected a finite number, got ${JSON.stringify(o.reward)}`);
      if (typeof o.done !== "boolean") fail(`[${i}].done`, `expected a boolean, got ${JSON.stringify(o.done)}`);
      if (o.done && i !== steps.length - 1) fail(`[${i}].done`, `is true before the last step (${steps.length - 1})`);
      texts.push(text(o.state as string, false), text(o.action as string, true));
      rewards.push(0, o.reward as number);
      done = o.done as boolean;
    });
    yield { task: "maze-fo", texts, rewards, done, meta: { success: success(rewards, texts, done), source: "reference-fo", line } };
  }
}

/** Streams the PO reference file; throws `file:line: field[i]: problem` on a bad record. */
export async function* readReferencePoMaze(path: string): AsyncGenerator<Trajectory> {
  for await (const { line, text: raw } of readLines(path)) {
    const fail = (field: string, problem: string): never => {
      throw new RecordError(path, line, field, problem);
    };
    const value = parseJsonLine(path, line, raw);
    if (typeof value !== "object" || value === null || Array.isArray(value)) fail("(record)", "expected an object {text_history, rewards, dones}");
    const v = value as Record<string, unknown>;
    const history = v.text_history;
    if (!Array.isArray(history) || history.length === 0) fail("text_history", "expected a non-empty list of strings (obs, action, obs, ...)");
    const hist = history as unknown[];
    if (!Array.isArray(v.rewards)) fail("rewards", "expected a list of numbers, one per text_history entry");
    if (!Array.isArray(v.dones)) fail("dones", "expected a list of booleans, one per text_history entry");
    const rewardsIn = v.rewards as unknown[];
    const donesIn = v.dones as unknown[];
    if (rewardsIn.length !== hist.length) fail("rewards", `has ${rewardsIn.length} entries but text_history has ${hist.length}`);
    if (donesIn.length !== hist.length) fail("dones", `has ${donesIn.length} entries but text_history has ${hist.length}`);
    const texts: Text[] = hist.map((s, i) => {
      if (typeof s !== "string") fail(`text_history[${i}]`, `expected a string, got ${JSON.stringify(s)}`);
      return text(s as string, i % 2 === 1);
    });
    const rewards = rewardsIn.map((r, i) => {
      if (typeof r !== "number" || !Number.isFinite(r)) return fail(`rewards[${i}]`, `expected a finite number, got ${JSON.stringify(r)}`);
      if (i % 2 === 0 && r !== 0) fail(`rewards[${i}]`, `is ${r} on an observation (even index); rewards live on actions (odd indices)`);
      return r;
    });
    donesIn.forEach((d, i) => {
      if (typeof d !== "boolean") fail(`dones[${i}]`, `expected a boolean, got ${JSON.stringify(d)}`);
    });
    const done = (donesIn as boolean[]).some((d) => d);
    yield { task: "maze-po", texts, rewards, done, meta: { success: success(rewards, texts, done), source: "reference-po", line } };
  }
}
