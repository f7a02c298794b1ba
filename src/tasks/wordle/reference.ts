/**
 * Readers and writers for the original benchmark's Wordle files (`wordle/train_data.jsonl`,
 * `wordle/eval_data.jsonl`, written by the reference `misc/data_gen.py`). One JSON object per line:
 *
 *     {"sequence": [["Wordle:\n", 0.0], ["c r a n e\n", 1.0], ["b y b b g\n", 0.0], ...],
 *      "reward": [-1.0, 0.0, ...], "done": true}
 *
 * `sequence` holds the reformatted texts with is_action as 0.0/1.0; `reward` has one value per
 * sequence element after the "Wordle:\n" header (the raw env history had no header).
 *
 * @example
 * for await (const t of readReferenceWordle("wordle/train_data.jsonl")) console.log(t.meta?.success);
 */
import { parseJsonLine, readLines, RecordError } from "../../core/dataset";
import type { Text, Trajectory } from "../../core/types";
import { HEADER_TEXT } from "./formats";
import { WORDLE_ENV_ID } from "./env";

/** The feedback line of a solved game. */
export const SOLVED_FEEDBACK_TEXT = "g g g g g\n";

/**
 * Converts one parsed reference record into a {@link Trajectory}; throws {@link RecordError}
 * (`file:line: field: problem`). The header gets reward 0. `meta.success` is true when the episode is
 * done and its last feedback is "g g g g g\n" (the guess equalled the hidden word); with the
 * reference's non-zero bad-word reward this is the same as "done and the last action's reward is 0".
 */
export function referenceRecordToTrajectory(value: unknown, file: string, line: number): Trajectory {
  const fail = (field: string, problem: string): never => {
    throw new RecordError(file, line, field, problem);
  };
  if (typeof value !== "object" || value === null || Array.isArray(value)) fail("(record)", "expected a JSON object");
  const v = value as Record<string, unknown>;
  if (!Array.isArray(v.sequence)) fail("sequence", "expected an array of [text, is_action] pairs");
  const seq = v.sequence as unknown[];
  const texts: Text[] = seq.map((x, i) => {
    if (!Array.isArray(x) || x.length !== 2 || typeof x[0] !== "string") {
      return fail(`sequence[${i}]`, `expected [string, 0.0 | 1.0], got ${JSON.stringify(x)?.slice(0, 80)}`);
    }
    const flag = x[1];
    if (flag !== 0 && flag !== 1 && flag !== true && flag !== false) {
      return fail(`sequence[${i}][1]`, `is_action must be 0.0 or 1.0, got ${JSON.stringify(flag)}`);
    }
    return { text: x[0] as string, isAction: flag === 1 || flag === true };
  });
  if (texts.length === 0 || texts[0].text !== HEADER_TEXT || texts[0].isAction) {
    fail("sequence[0]", `expected the header ["Wordle:\\n", 0.0], got ${JSON.stringify(seq[0])?.slice(0, 80)}`);
  }
  if (!Array.isArray(v.reward)) fail("reward", "expected an array of numbers");
  const reward = v.reward as unknown[];
  if (reward.length !== texts.length - 1) {
    fail("reward", `has ${reward.length} entries; expected ${texts.length - 1} (one per sequence element after the header)`);
  }
  const rewards = [0];
  reward.forEach((r, i) => {
    if (typeof r !== "number" || !Number.isFinite(r)) fail(`reward[${i}]`, `expected a finite number, got ${JSON.stringify(r)}`);
    if (r !== 0 && !texts[i + 1].isAction) fail(`reward[${i}]`, `is ${r} on an observation; rewards live on actions only`);
    rewards.push(r as number);
  });
  if (typeof v.done !== "boolean") fail("done", `expected a boolean, got ${JSON.stringify(v.done)}`);
  const last = texts[texts.length - 1];
  const success = (v.done as boolean) && !last.isAction && last.text === SOLVED_FEEDBACK_TEXT;
  return { task: WORDLE_ENV_ID, texts, rewards, done: v.done as boolean, meta: { success, source: "reference" } };
}

/**
 * Streams the trajectories of a reference Wordle JSONL file.
 *
 * @example
 * for await (const t of readReferenceWordle("eval_data.jsonl")) n++;
 */
export async function* readReferenceWordle(path: string): AsyncGenerator<Trajectory> {
  for await (const { line, text } of readLines(path)) {
    yield referenceRecordToTrajectory(parseJsonLine(path, line, text), path, line);
  }
}

/**
 * Serialises a Wordle trajectory in the reference format (inverse of
 * {@link referenceRecordToTrajectory}; the header's reward is dropped).
 *
 * @example
 * trajectoryToReferenceJson(t); // '{"sequence":[["Wordle:\\n",0],...],"reward":[-1,0,...],"done":true}'
 */
export function trajectoryToReferenceJson(t: Trajectory): string {
  if (t.texts.length === 0 || t.texts[0].text !== HEADER_TEXT) {
    throw new Error(`trajectoryToReferenceJson: a Wordle trajectory starts with "Wordle:\\n", got ${JSON.stringify(t.texts[0]?.text)}`);
  }
  return JSON.stringify({
    sequence: t.texts.map((x) => [x.text, x.isAction ? 1.0 : 0.0]),
    reward: t.rewards.slice(1),
    done: t.done,
  });
}
