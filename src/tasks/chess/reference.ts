/**
 * Reader for the original LMRL-Gym chess and endgame trajectory files (`chess/train_trajectories.jsonl`,
 * `endgames/train.jsonl`, `val.jsonl`; https://rail.eecs.berkeley.edu/datasets/rl-llm-bench-dataset/):
 * each line a JSON list of `{"state", "action", "reward", "done"}` steps, the state a FEN (plain or already
 * spaced) and the action a SAN move. Each becomes the kit's texts (`renderPosition`, `renderMove`: spaced,
 * one trailing "\n"); `meta.success` is a final reward of +1 (White mated).
 *
 * @example
 * for await (const t of readReferenceChess("endgames/train.jsonl", "endgames")) console.log(t.rewards);
 */
import { parseJsonLine, readLines, RecordError } from "../../core/dataset";
import type { Text, Trajectory } from "../../core/types";
import { renderMove, renderPosition } from "./game";
import { fenOfObservation } from "./policies";

/** A state as a FEN: spaced ones (a FEN's own spaces as runs of three) are unspaced first. */
function plainFen(state: string): string {
  return / {3}/.test(state) ? fenOfObservation(state) : state.trim();
}

/** Streams a reference trajectory file; throws `file:line: [i].field: problem` on a bad record. */
export async function* readReferenceChess(path: string, task = "endgames"): AsyncGenerator<Trajectory> {
  for await (const { line, text: raw } of readLines(path)) {
    const fail = (field: string, problem: string): never => {
      throw new RecordError(path, line, field, problem);
    };
    const value = parseJsonLine(path, line, raw);
    if (!Array.isArray(value) || value.length === 0) fail("(record)", "expected a non-empty JSON list of {state, action, reward, done} steps");
    const texts: Text[] = [];
    const rewards: number[] = [];
    let done = false;
    (value as unknown[]).forEach((s, i) => {
      const o = (typeof s === "object" && s !== null && !Array.isArray(s) ? s : fail(`[${i}]`, "expected an object {state, action, reward, done}")) as Record<string, unknown>;
      if (typeof o.state !== "string") fail(`[${i}].state`, `expected a FEN string, got ${JSON.stringify(o.state)}`);
      if (typeof o.action !== "string") fail(`[${i}].action`, `expected a SAN string, got ${JSON.stringify(o.action)}`);
      if (typeof o.reward !== "number" || !Number.isFinite(o.reward)) fail(`[${i}].reward`, `expected a finite number, got ${JSON.stringify(o.reward)}`);
      if (typeof o.done !== "boolean") fail(`[${i}].done`, `expected a boolean, got ${JSON.stringify(o.done)}`);
      texts.push({ text: renderPosition(plainFen(o.state as string)), isAction: false }, { text: renderMove((o.action as string).replace(/\s+/g, "")), isAction: true });
      rewards.push(0, o.reward as number);
      done = o.done as boolean;
    });
    yield { task, texts, rewards, done, meta: { success: done && rewards[rewards.length - 1] === 1, source: "reference", line } };
  }
}
