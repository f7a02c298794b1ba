/**
 * Reader for the reference repo's Text-Nav data (`dataset/collect_data.py`): records
 * `{"text_history":[initial_obs, cmd, obs, cmd, obs, ...], "rewards":[score after each cmd],
 * "dones":[...]}` with stripped texts (no trailing "\n"), as JSON Lines or as a JSON array (the
 * reference writes one `json.dump` array; one record per line inside `[` `]` also works).
 */
import { parseJsonLine, readLines, RecordError } from "../../core/dataset";
import { act, obs } from "../../core/text";
import type { Text, Trajectory } from "../../core/types";
import { TEXT_NAV_MAX_TURNS } from "./env";

export interface ReferenceReadOptions {
  /** `Trajectory.task` of the records (default "text-nav-fo"; the reference collected FO data). */
  readonly task?: string;
}

/**
 * Converts one reference record. Rewards: the file stores the cumulative score after each command,
 * so the step reward is its increase. `done`: the file forces the last done to true even for
 * episodes cut at 15 turns, so termination is inferred: won, lost ("You lost!" in the last
 * observation), or ended before the cap.
 */
export function referenceRecordToTrajectory(value: unknown, file: string, line: number, task: string, prefix = ""): Trajectory {
  const fail = (field: string, problem: string): never => {
    throw new RecordError(file, line, prefix + field, problem);
  };
  if (typeof value !== "object" || value === null || Array.isArray(value)) return fail("(record)", "expected a JSON object with text_history, rewards, dones");
  const v = value as Record<string, unknown>;
  const th = v.text_history;
  if (!Array.isArray(th) || th.length === 0) return fail("text_history", "expected a non-empty array of strings [obs, cmd, obs, ...]");
  if (th.length % 2 !== 1) fail("text_history", `has ${th.length} entries; expected an odd count (initial observation, then command/observation pairs)`);
  th.forEach((x, i) => {
    if (typeof x !== "string") fail(`text_history[${i}]`, `expected a string, got ${JSON.stringify(x)?.slice(0, 60)}`);
  });
  const steps = (th.length - 1) / 2;
  const rewards = v.rewards;
  if (!Array.isArray(rewards)) return fail("rewards", "expected an array of numbers (score after each command)");
  if (rewards.length !== steps) fail("rewards", `has ${rewards.length} entries but text_history has ${steps} commands`);
  rewards.forEach((r, i) => {
    if (typeof r !== "number" || !Number.isFinite(r)) fail(`rewards[${i}]`, `expected a finite number, got ${JSON.stringify(r)}`);
  });
  const dones = v.dones;
  if (!Array.isArray(dones)) return fail("dones", "expected an array of booleans");
  if (dones.length !== steps) fail("dones", `has ${dones.length} entries but text_history has ${steps} commands`);
  dones.forEach((d, i) => {
    if (typeof d !== "boolean") fail(`dones[${i}]`, `expected a boolean, got ${JSON.stringify(d)}`);
  });
  const texts: Text[] = [];
  const stepRewards: number[] = [];
  let prevScore = 0;
  (th as string[]).forEach((x, i) => {
    if (i % 2 === 1) {
      const score = (rewards as number[])[(i - 1) / 2];
      texts.push(act(x + "\n"));
      stepRewards.push(score - prevScore);
      prevScore = score;
    } else {
      texts.push(obs(x + "\n"));
      stepRewards.push(0);
    }
  });
  const won = prevScore > 0;
  const lastObs = th[th.length - 1] as string;
  const lost = lastObs.includes("You lost!");
  const done = won || lost || (steps > 0 && steps < TEXT_NAV_MAX_TURNS && (dones as boolean[])[steps - 1]);
  return { task, texts, rewards: stepRewards, done, meta: { success: won, source: "reference", lost } };
}

/**
 * Streams the trajectories of a reference Text-Nav file (JSON Lines, or a JSON array on one line or
 * one record per line). Errors name `file:line: field: problem` (array elements as `[i].field`).
 *
 * @example
 * for await (const t of readReferenceTextNav("bc_full_info.json")) console.log(t.meta?.success);
 */
export async function* readReferenceTextNav(path: string, opts: ReferenceReadOptions = {}): AsyncGenerator<Trajectory> {
  const task = opts.task ?? "text-nav-fo";
  let inArray = false;
  let first = true;
  let index = 0;
  for await (const { line, text } of readLines(path)) {
    let t = text.trim();
    if (first) {
      first = false;
      if (t.startsWith("[")) {
        if (t.endsWith("]")) {
          // A whole array on one line (json.dump): parse it at once.
          const arr = parseJsonLine(path, line, t);
          if (!Array.isArray(arr)) throw new RecordError(path, line, "(file)", "expected a JSON array of records");
          for (let i = 0; i < arr.length; i++) yield referenceRecordToTrajectory(arr[i], path, line, task, `[${i}].`);
          continue;
        }
        inArray = true;
        t = t.slice(1).trim();
        if (t === "") continue;
      }
    }
    if (inArray) {
      if (t === "]") continue;
      if (t.endsWith("]")) t = t.slice(0, -1).trim();
      if (t.endsWith(",")) t = t.slice(0, -1);
      if (t === "") continue;
    }
    const value = parseJsonLine(path, line, t);
    yield referenceRecordToTrajectory(value, path, line, task, inArray ? `[${index}].` : "");
    index++;
  }
}
