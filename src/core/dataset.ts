/**
 * The kit's one dataset format: JSON Lines, a header line then one trajectory per line.
 *
 *     {"format":"lmrl-trajectories","version":1,"task":"maze","env":"maze-fo","generator":...,"seed":0,"count":1240}
 *     {"task":"maze-fo","texts":[["<obs>\n",false],["move up\n",true],...],"rewards":[0,-1,...],"done":true,"meta":{...}}
 *
 * Writers stream to a temporary file and rename it into place at the end (a crash never leaves a
 * half-written dataset under the final name); the same generator and seed give byte-identical files.
 * Readers stream and reject malformed records with `file:line: field: problem`.
 */
import { closeSync, createReadStream, openSync, writeSync } from "node:fs";
import { createInterface } from "node:readline";
import { withAtomicFile, withAtomicFileAsync } from "./atomic";
import type { Text, Trajectory } from "./types";

export const DATASET_FORMAT = "lmrl-trajectories";
export const DATASET_VERSION = 1;

export interface DatasetHeader {
  readonly format: typeof DATASET_FORMAT;
  readonly version: number;
  /** Env id the trajectories were generated on. */
  readonly env: string;
  readonly split: string;
  /** Behaviour policy / generator description. */
  readonly generator: string;
  readonly seed: number;
  readonly count: number;
  readonly [key: string]: unknown;
}

/** Serialises one trajectory as a JSON line (without the newline). */
export function trajectoryToJson(t: Trajectory): string {
  return JSON.stringify({
    task: t.task,
    texts: t.texts.map((x) => [x.text, x.isAction]),
    rewards: t.rewards,
    done: t.done,
    ...(t.meta ? { meta: t.meta } : {}),
  });
}

/** A problem in one record of a file, reported as `file:line: field: problem`. */
export class RecordError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly field: string,
    readonly problem: string,
  ) {
    super(`${file}:${line}: ${field}: ${problem}`);
    this.name = "RecordError";
  }
}

/** Validates a parsed JSON value as a trajectory record; throws {@link RecordError}. */
export function parseTrajectory(value: unknown, file: string, line: number): Trajectory {
  const fail = (field: string, problem: string): never => {
    throw new RecordError(file, line, field, problem);
  };
  if (typeof value !== "object" || value === null || Array.isArray(value)) fail("(record)", "expected a JSON object");
  const v = value as Record<string, unknown>;
  if (typeof v.task !== "string") fail("task", `expected a string, got ${JSON.stringify(v.task)}`);
  if (!Array.isArray(v.texts)) fail("texts", "expected an array of [text, isAction] pairs");
  const texts: Text[] = (v.texts as unknown[]).map((x, i) => {
    if (!Array.isArray(x) || x.length !== 2 || typeof x[0] !== "string" || typeof x[1] !== "boolean") {
      return fail(`texts[${i}]`, `expected [string, boolean], got ${JSON.stringify(x)?.slice(0, 80)}`);
    }
    return { text: x[0], isAction: x[1] };
  });
  if (!Array.isArray(v.rewards)) fail("rewards", "expected an array of numbers");
  const rewards = v.rewards as unknown[];
  if (rewards.length !== texts.length) fail("rewards", `has ${rewards.length} entries but texts has ${texts.length}`);
  rewards.forEach((r, i) => {
    if (typeof r !== "number" || !Number.isFinite(r)) fail(`rewards[${i}]`, `expected a finite number, got ${JSON.stringify(r)}`);
    if (r !== 0 && !texts[i].isAction) fail(`rewards[${i}]`, `is ${r} on an observation; rewards live on actions only`);
  });
  if (typeof v.done !== "boolean") fail("done", `expected a boolean, got ${JSON.stringify(v.done)}`);
  if (v.meta !== undefined && (typeof v.meta !== "object" || v.meta === null || Array.isArray(v.meta))) {
    fail("meta", "expected an object");
  }
  return {
    task: v.task as string,
    texts,
    rewards: rewards as number[],
    done: v.done as boolean,
    ...(v.meta ? { meta: v.meta as Record<string, unknown> } : {}),
  };
}

/**
 * Writes `path` atomically: lines go to a sibling temp file (`path.tmp-<pid>-<n>`) in large chunks,
 * which is fsynced and renamed over `path` only when the iterable is exhausted ({@link withAtomicFile}).
 * On error the temp file is removed.
 */
export function writeLinesAtomic(path: string, lines: Iterable<string>, onLine?: (n: number) => void): number {
  return withAtomicFile(path, (tmp) => {
    const fd = openSync(tmp, "w");
    let n = 0;
    try {
      let buf = "";
      for (const line of lines) {
        buf += line + "\n";
        n++;
        if (buf.length > 1 << 20) {
          writeSync(fd, buf);
          buf = "";
        }
        onLine?.(n);
      }
      if (buf) writeSync(fd, buf);
    } finally {
      closeSync(fd);
    }
    return n;
  });
}

/**
 * {@link writeLinesAtomic} for a stream that may be asynchronous (trajectories of an env whose partner
 * answers through promises). Same file, same bytes.
 */
export async function writeLinesAtomicAsync(path: string, lines: Iterable<string> | AsyncIterable<string>, onLine?: (n: number) => void): Promise<number> {
  return withAtomicFileAsync(path, async (tmp) => {
    const fd = openSync(tmp, "w");
    let n = 0;
    try {
      let buf = "";
      for await (const line of lines) {
        buf += line + "\n";
        n++;
        if (buf.length > 1 << 20) {
          writeSync(fd, buf);
          buf = "";
        }
        onLine?.(n);
      }
      if (buf) writeSync(fd, buf);
    } finally {
      closeSync(fd);
    }
    return n;
  });
}

/** {@link writeDataset} for trajectories that may arrive asynchronously. Returns the record count. */
export async function writeDatasetAsync(
  path: string,
  header: Omit<DatasetHeader, "format" | "version">,
  trajectories: Iterable<Trajectory> | AsyncIterable<Trajectory>,
  onRecord?: (n: number) => void,
): Promise<number> {
  async function* lines(): AsyncIterable<string> {
    yield JSON.stringify({ format: DATASET_FORMAT, version: DATASET_VERSION, ...header });
    for await (const t of trajectories) yield trajectoryToJson(t);
  }
  return (await writeLinesAtomicAsync(path, lines(), (n) => n > 1 && onRecord?.(n - 1))) - 1;
}

/** Writes a header and trajectories as a dataset file (atomic, streamed). Returns the record count. */
export function writeDataset(
  path: string,
  header: Omit<DatasetHeader, "format" | "version">,
  trajectories: Iterable<Trajectory>,
  onRecord?: (n: number) => void,
): number {
  function* lines(): Iterable<string> {
    yield JSON.stringify({ format: DATASET_FORMAT, version: DATASET_VERSION, ...header });
    for (const t of trajectories) yield trajectoryToJson(t);
  }
  return writeLinesAtomic(path, lines(), (n) => n > 1 && onRecord?.(n - 1)) - 1;
}

/** Streams the non-empty lines of a text file with their 1-based line numbers. */
export async function* readLines(path: string): AsyncGenerator<{ line: number; text: string }> {
  const rl = createInterface({ input: createReadStream(path, { encoding: "utf8" }), crlfDelay: Infinity });
  let line = 0;
  for await (const text of rl) {
    line++;
    if (text.trim() !== "") yield { line, text };
  }
}

/** Parses one JSON line or throws a {@link RecordError} naming file:line. */
export function parseJsonLine(path: string, line: number, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new RecordError(path, line, "(json)", (e as Error).message);
  }
}

/**
 * Streams the trajectories of a dataset file (header line optional).
 *
 * @example
 * for await (const t of readTrajectories("data/generated/maze-fo/train.jsonl")) console.log(t.rewards);
 */
export async function* readTrajectories(path: string): AsyncGenerator<Trajectory> {
  let first = true;
  for await (const { line, text } of readLines(path)) {
    const value = parseJsonLine(path, line, text);
    if (first) {
      first = false;
      if (isHeader(value)) {
        if (value.version !== DATASET_VERSION) {
          throw new RecordError(path, line, "version", `is ${value.version}; this kit reads version ${DATASET_VERSION}`);
        }
        continue;
      }
    }
    yield parseTrajectory(value, path, line);
  }
}

/** Reads just the header line of a dataset file (null when the file has none). */
export async function readDatasetHeader(path: string): Promise<DatasetHeader | null> {
  for await (const { line, text } of readLines(path)) {
    const v = parseJsonLine(path, line, text);
    return isHeader(v) ? v : null;
  }
  return null;
}

function isHeader(v: unknown): v is DatasetHeader {
  return typeof v === "object" && v !== null && (v as { format?: unknown }).format === DATASET_FORMAT;
}
