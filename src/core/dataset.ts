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
import { closeSync, createReadStream, existsSync, openSync, readdirSync, readSync, statSync, writeSync } from "node:fs";
import { join } from "node:path";
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

/** Appends lines to an open file in ~1 MB chunks (one write call per chunk, not per line). */
class ChunkedLines {
  private buf = "";
  count = 0;
  constructor(private readonly fd: number) {}
  push(line: string): void {
    this.buf += line + "\n";
    this.count++;
    if (this.buf.length > 1 << 20) this.flush();
  }
  flush(): void {
    if (this.buf) writeSync(this.fd, this.buf);
    this.buf = "";
  }
}

/**
 * Writes `path` atomically: lines go to a sibling temp file (`path.tmp-<pid>-<n>`) in large chunks,
 * which is fsynced and renamed over `path` only when the iterable is exhausted ({@link withAtomicFile}).
 * On error the temp file is removed.
 */
export function writeLinesAtomic(path: string, lines: Iterable<string>, onLine?: (n: number) => void): number {
  return withAtomicFile(path, (tmp) => {
    const fd = openSync(tmp, "w");
    const out = new ChunkedLines(fd);
    try {
      for (const line of lines) {
        out.push(line);
        onLine?.(out.count);
      }
      out.flush();
    } finally {
      closeSync(fd);
    }
    return out.count;
  });
}

/**
 * {@link writeLinesAtomic} for a stream that may be asynchronous (trajectories of an env whose partner
 * answers through promises). Same file, same bytes.
 */
export async function writeLinesAtomicAsync(path: string, lines: Iterable<string> | AsyncIterable<string>, onLine?: (n: number) => void): Promise<number> {
  return withAtomicFileAsync(path, async (tmp) => {
    const fd = openSync(tmp, "w");
    const out = new ChunkedLines(fd);
    try {
      for await (const line of lines) {
        out.push(line);
        onLine?.(out.count);
      }
      out.flush();
    } finally {
      closeSync(fd);
    }
    return out.count;
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

/** An error about a whole file (not one record), naming it and what to do. */
export class DatasetFileError extends Error {
  constructor(
    readonly file: string,
    problem: string,
  ) {
    super(`${file}: ${problem}`);
    this.name = "DatasetFileError";
  }
}

/** Throws a clear error unless `path` is a readable regular file that is not a writer's temp file. */
export function checkReadableFile(path: string): void {
  if (/\.(tmp|old)-\d+-\d+$/.test(path)) {
    throw new DatasetFileError(path, "is the temporary file of a write that did not finish (a killed `lmrl data generate`?); regenerate the dataset instead of reading it");
  }
  let st;
  try {
    st = statSync(path);
  } catch {
    throw new DatasetFileError(path, "does not exist");
  }
  if (st.isDirectory()) throw new DatasetFileError(path, "is a folder; pass a .jsonl file (e.g. its train.jsonl)");
  if (!st.isFile()) throw new DatasetFileError(path, "is not a regular file");
}

/**
 * Streams the non-empty lines of a UTF-8 text file with their 1-based line numbers. A byte-order mark
 * on the first line is dropped; bytes that are not valid UTF-8 fail with `file:line` (instead of
 * turning into U+FFFD and training on them).
 */
export async function* readLines(path: string): AsyncGenerator<{ line: number; text: string }> {
  checkReadableFile(path);
  // One streaming decoder over whole chunks (fast); it drops a leading BOM and throws on bad bytes.
  const decoder = new TextDecoder("utf-8", { fatal: true });
  let line = 0;
  let carry = "";
  const lines = function* (text: string, final: boolean): Generator<{ line: number; text: string }> {
    const parts = (carry + text).split("\n");
    carry = final ? "" : (parts.pop() as string);
    for (let t of parts) {
      line++;
      if (t.endsWith("\r")) t = t.slice(0, -1);
      if (t.trim() !== "") yield { line, text: t };
    }
  };
  for await (const chunk of createReadStream(path)) {
    let text: string;
    try {
      text = decoder.decode(chunk as Buffer, { stream: true });
    } catch {
      throw new RecordError(path, line + 1 + badLineOffset(carry, chunk as Buffer), "(encoding)", "is not valid UTF-8; the file is corrupted or not a kit dataset");
    }
    yield* lines(text, false);
  }
  let tail: string;
  try {
    tail = decoder.decode();
  } catch {
    throw new RecordError(path, line + 1, "(encoding)", "ends inside a UTF-8 character; the file is truncated");
  }
  yield* lines(tail, true);
}

/** Lines between the last complete line and the first one (of `chunk`) that is not valid UTF-8. */
function badLineOffset(carry: string, chunk: Buffer): number {
  let offset = (carry.match(/\n/g) ?? []).length;
  let start = 0;
  for (let nl = chunk.indexOf(10); ; nl = chunk.indexOf(10, start)) {
    const end = nl < 0 ? chunk.length : nl;
    try {
      new TextDecoder("utf-8", { fatal: true }).decode(chunk.subarray(start, end));
    } catch {
      return offset;
    }
    if (nl < 0) return offset;
    offset++;
    start = nl + 1;
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

/** What a reader checks a dataset's header against (a mismatch fails naming the field). */
export interface DatasetExpectation {
  /** The env id the trajectories must come from. */
  readonly env?: string;
  /** The split the file must hold ("train" for training). */
  readonly split?: string;
  /** Accept a header naming another env or split (the trajectories are still validated). */
  readonly allowMismatch?: boolean;
}

/**
 * Streams the trajectories of a dataset file. The header line is optional (hand-made files); when
 * present its version, env and split are checked against `expect`, and its `count` against the number
 * of records at the end of the file. An empty file, or a header with no records, fails.
 *
 * @example
 * for await (const t of readTrajectories("data/generated/maze-fo/train.jsonl", { env: "maze-fo", split: "train" })) console.log(t.rewards);
 */
export async function* readTrajectories(path: string, expect: DatasetExpectation = {}): AsyncGenerator<Trajectory> {
  let header: DatasetHeader | undefined;
  let headerLine = 0;
  let records = 0;
  let first = true;
  for await (const { line, text } of readLines(path)) {
    const value = parseJsonLine(path, line, text);
    if (first) {
      first = false;
      if (isHeader(value)) {
        checkHeader(path, line, value, expect);
        header = value;
        headerLine = line;
        continue;
      }
    }
    records++;
    const t = parseTrajectory(value, path, line);
    if (expect.env !== undefined && !expect.allowMismatch && t.task !== expect.env) {
      throw new RecordError(path, line, "task", `is "${t.task}" but "${expect.env}" was asked for; use a dataset of ${expect.env} (or allow the mismatch explicitly: "allowDatasetMismatch": true)`);
    }
    yield t;
  }
  if (first) throw new DatasetFileError(path, "is empty: no header and no trajectories (regenerate it with `npx lmrl data generate <env>`)");
  if (records === 0) throw new DatasetFileError(path, "has a header but no trajectories (an interrupted or truncated write?); regenerate it");
  if (header && header.count !== records) {
    throw new RecordError(path, headerLine, "count", `the header says ${header.count} trajectories but the file holds ${records}; the file was truncated or appended to — regenerate it`);
  }
}

function checkHeader(path: string, line: number, h: DatasetHeader, expect: DatasetExpectation): void {
  if (h.version !== DATASET_VERSION) throw new RecordError(path, line, "version", `is ${h.version}; this kit reads version ${DATASET_VERSION}`);
  if (!(Number.isInteger(h.count) && h.count >= 0)) throw new RecordError(path, line, "count", `must be a non-negative integer, got ${JSON.stringify(h.count)}`);
  if (expect.allowMismatch) return;
  if (expect.env !== undefined && h.env !== expect.env) {
    throw new RecordError(path, line, "env", `is "${h.env}" but "${expect.env}" was asked for; use a dataset of ${expect.env} (or allow the mismatch explicitly: "allowDatasetMismatch": true)`);
  }
  if (expect.split !== undefined && h.split !== expect.split) {
    throw new RecordError(path, line, "split", `is "${h.split}" but the "${expect.split}" split was asked for (or allow the mismatch explicitly: "allowDatasetMismatch": true)`);
  }
}

/**
 * Reads a dataset file once, end to end, with every check of {@link readTrajectories}; returns its
 * header (or null) and record count. The trainer runs it before any training step.
 */
export async function validateDataset(path: string, expect: DatasetExpectation = {}): Promise<{ header: DatasetHeader | null; count: number }> {
  let count = 0;
  for await (const _ of readTrajectories(path, expect)) count++;
  return { header: await readDatasetHeader(path), count };
}

/**
 * The splits of a generated dataset folder must come from one generation (same seed and generator):
 * a kill between the renames of `lmrl data generate` could otherwise leave a seed-1 train beside a
 * seed-0 eval. Throws naming both files.
 */
export async function checkDatasetSet(dir: string): Promise<void> {
  if (!existsSync(dir)) return;
  const files = readdirSync(dir).filter((f) => f.endsWith(".jsonl")).sort();
  let first: { file: string; h: DatasetHeader } | undefined;
  for (const f of files) {
    const h = await readDatasetHeader(join(dir, f)).catch(() => null);
    if (!h) continue;
    if (!first) first = { file: f, h };
    else if (h.seed !== first.h.seed || h.generator !== first.h.generator) {
      throw new DatasetFileError(join(dir, f), `comes from another generation than ${first.file} (seed ${h.seed} vs ${first.h.seed}); the set is mixed — regenerate it with \`npx lmrl data generate\``);
    }
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

/**
 * `readDatasetHeader` without streaming, for callers that decide before any work starts (which recipe a
 * training run is): null when the file is missing, has no header, or its first line is not JSON.
 */
export function readDatasetHeaderSync(path: string): DatasetHeader | null {
  if (!existsSync(path)) return null;
  const fd = openSync(path, "r");
  try {
    const buf = Buffer.alloc(64 * 1024); // a header line is ~200 bytes
    const n = readSync(fd, buf, 0, buf.length, 0);
    const text = buf.subarray(0, n).toString("utf8").replace(/^\uFEFF/, "");
    const end = text.indexOf("\n");
    const first = end < 0 ? text : text.slice(0, end);
    const v: unknown = JSON.parse(first);
    return isHeader(v) ? v : null;
  } catch {
    return null;
  } finally {
    closeSync(fd);
  }
}

function isHeader(v: unknown): v is DatasetHeader {
  return typeof v === "object" && v !== null && (v as { format?: unknown }).format === DATASET_FORMAT;
}
