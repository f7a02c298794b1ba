/**
 * Reader for the original benchmark's Twenty Questions files (`train.json`, `eval.json`; LMRL-Gym
 * paper, App. C.6), converted as the reference's `create_trajectory_from_conversation` does
 * (`llm_rl_scripts/twenty_questions/env/data.py`, github.com/abdulhaim/LMRL-Gym). The file is one JSON
 * array (`json.dump`, on one line or pretty-printed) of conversations:
 *
 *     [{"lines": ["Is it an animal? No.", "Is it an inanimate object? Yes.", ...],
 *       "correct": false, "word": ["Pants", "Pant", "Pair of pants"]}, ...]
 *
 * A line splits at its LAST "? " into the question (which keeps its "?") and the answer. The
 * trajectory is "Questions:\n", then each question + "\n" (an action, reward −1) and each answer + "\n"
 * (reward 0); the last question of a correct conversation gets reward 0. A conversation that is not
 * correct and has fewer than 20 lines was cut off: `done` is false. JSON Lines (one conversation per
 * line) is read too. Errors name `file:line: field: problem`, array elements as `[i].field`, with the
 * line on which the element starts.
 *
 * @example
 * for await (const t of readReferenceTwentyQuestions("twenty_questions/eval.json")) console.log(t.meta?.object, t.meta?.success);
 */
import { readFileSync } from "node:fs";
import { checkReadableFile, parseJsonLine, readLines, RecordError } from "../../core/dataset";
import { act, obs } from "../../core/text";
import type { Text, Trajectory } from "../../core/types";
import { MAX_QUESTIONS, REWARD_CORRECT_GUESS, REWARD_QUESTION, TWENTY_QUESTIONS_ENV_ID } from "./env";
import { INITIAL_TEXT } from "./formats";
import { findTwentyQObject } from "./objects";

/**
 * The reference's `split_question_answer`: split at the last "? "; the question keeps its "?". Undefined
 * when the line has no "? " (the reference asserts).
 *
 * @example
 * splitQuestionAnswer("Is it a cat? Or a dog? No."); // { question: "Is it a cat? Or a dog?", answer: "No." }
 */
export function splitQuestionAnswer(line: string): { question: string; answer: string } | undefined {
  const k = line.lastIndexOf("? ");
  return k < 0 ? undefined : { question: line.slice(0, k) + "?", answer: line.slice(k + 2) };
}

/**
 * Converts one parsed conversation into a {@link Trajectory}; throws {@link RecordError}
 * (`file:line: <prefix>field: problem`). `meta` holds `success` (= `correct`), `object` (the word's
 * first variant, as the kit names it when it is one of the 158 objects) and `source: "reference"`.
 */
export function referenceConversationToTrajectory(value: unknown, file: string, line: number, prefix = ""): Trajectory {
  const fail = (field: string, problem: string): never => {
    throw new RecordError(file, line, prefix + field, problem);
  };
  if (typeof value !== "object" || value === null || Array.isArray(value)) return fail("(record)", 'expected a JSON object with "lines", "correct" and "word"');
  const v = value as Record<string, unknown>;
  if (!Array.isArray(v.lines)) return fail("lines", `expected an array of "Question? Answer" strings, got ${JSON.stringify(v.lines)?.slice(0, 80)}`);
  if (typeof v.correct !== "boolean") return fail("correct", `expected true or false, got ${JSON.stringify(v.correct)}`);
  if (!Array.isArray(v.word) || v.word.length === 0 || !v.word.every((w) => typeof w === "string" && w.length > 0)) {
    return fail("word", `expected a non-empty array of the object's variants (strings), got ${JSON.stringify(v.word)?.slice(0, 80)}`);
  }
  const lines = v.lines as unknown[];
  if (v.correct && lines.length === 0) fail("correct", "is true but lines is empty (a correct conversation ends with the guess)");
  const texts: Text[] = [INITIAL_TEXT];
  const rewards: number[] = [0];
  lines.forEach((l, k) => {
    if (typeof l !== "string") return fail(`lines[${k}]`, `expected a string, got ${JSON.stringify(l)?.slice(0, 80)}`);
    const qa = splitQuestionAnswer(l);
    if (!qa) return fail(`lines[${k}]`, `has no "? " between the question and the answer: ${JSON.stringify(l.slice(0, 80))}`);
    texts.push(act(qa.question + "\n"), obs(qa.answer + "\n"));
    rewards.push(REWARD_QUESTION, 0);
  });
  if (v.correct) rewards[rewards.length - 2] = REWARD_CORRECT_GUESS;
  const word = v.word as string[];
  return {
    task: TWENTY_QUESTIONS_ENV_ID,
    texts,
    rewards,
    // data.py: "if the conversation stopped early, but not due to guessing the word, then the trajectory is only partial".
    done: !(lines.length < MAX_QUESTIONS && !v.correct),
    meta: { success: v.correct, object: findTwentyQObject(word[0])?.name ?? word[0], source: "reference" },
  };
}

/** Start offset and start line (1-based) of each element of a top-level JSON array, or a RecordError. */
function arrayElements(text: string, file: string): { start: number; end: number; line: number }[] {
  const out: { start: number; end: number; line: number }[] = [];
  let line = 1;
  let i = 0;
  const n = text.length;
  const skipSpace = () => {
    for (; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) line++;
      else if (c !== 32 && c !== 9 && c !== 13) break;
    }
  };
  skipSpace();
  i++; // the "[" (checked by the caller)
  const openLine = line;
  skipSpace();
  if (text[i] === "]") {
    i++;
  } else {
    for (;;) {
      skipSpace();
      if (i >= n) throw new RecordError(file, openLine, "(json)", "the array is not closed with ]; the file is truncated");
      const start = i;
      const startLine = line;
      let depth = 0;
      let inString = false;
      for (; i < n; i++) {
        const c = text.charCodeAt(i);
        if (c === 10) line++;
        if (inString) {
          if (c === 92) i++; // backslash: skip the escaped character
          else if (c === 34) inString = false;
        } else if (c === 34) inString = true;
        else if (c === 123 || c === 91) depth++;
        else if (c === 125 || c === 93) {
          if (depth === 0) break;
          depth--;
        } else if (c === 44 && depth === 0) break;
      }
      if (i >= n) throw new RecordError(file, startLine, `[${out.length}]`, "the record or the array is not closed; the file is truncated");
      if (text.slice(start, i).trim() === "") throw new RecordError(file, startLine, `[${out.length}]`, "empty element (a stray or trailing comma)");
      out.push({ start, end: i, line: startLine });
      if (text[i++] === "]") break;
    }
  }
  skipSpace();
  if (i < n) throw new RecordError(file, line, "(json)", `unexpected text after the closing ] of the array: ${JSON.stringify(text.slice(i, i + 40))}`);
  return out;
}

/** Line inside `chunk` of a JSON.parse error position ("... at position 12 ..."), 0 when not reported. */
function linesBefore(chunk: string, message: string): number {
  const m = /position (\d+)/.exec(message);
  if (!m) return 0;
  let k = 0;
  for (let j = 0; j < Math.min(Number(m[1]), chunk.length); j++) if (chunk.charCodeAt(j) === 10) k++;
  return k;
}

/**
 * Streams the trajectories of a reference Twenty Questions file (a JSON array of conversations, or JSON
 * Lines). Invalid UTF-8, JSON syntax errors and malformed conversations fail with `file:line`.
 *
 * @example
 * let n = 0;
 * for await (const t of readReferenceTwentyQuestions("eval.json")) n += t.meta?.success ? 1 : 0;
 */
export async function* readReferenceTwentyQuestions(path: string): AsyncGenerator<Trajectory> {
  checkReadableFile(path);
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(readFileSync(path));
  } catch {
    // readLines reports the line of the first invalid byte.
    for await (const _ of readLines(path)) void _;
    throw new RecordError(path, 1, "(encoding)", "is not valid UTF-8");
  }
  if (/^[ \t\r\n]*\[/.test(text)) {
    const elements = arrayElements(text, path);
    for (let k = 0; k < elements.length; k++) {
      const { start, end, line } = elements[k];
      const chunk = text.slice(start, end);
      let value: unknown;
      try {
        value = JSON.parse(chunk);
      } catch (e) {
        const message = (e as Error).message;
        throw new RecordError(path, line + linesBefore(chunk, message), `[${k}]`, `invalid JSON: ${message}`);
      }
      yield referenceConversationToTrajectory(value, path, line, `[${k}].`);
    }
    return;
  }
  const lines = text.split("\n");
  for (let k = 0; k < lines.length; k++) {
    const t = lines[k].trim();
    if (t === "") continue;
    yield referenceConversationToTrajectory(parseJsonLine(path, k + 1, t), path, k + 1);
  }
}
