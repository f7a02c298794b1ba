/**
 * Atomic file writes: the data goes to a sibling temp file, which is fsynced and renamed over the
 * target only once it is complete, so a crash or an error never leaves a half-written file under the
 * final name (readers see the old file or the new one, nothing in between). On failure the temp file
 * is removed and the error names the target path.
 *
 * Temp names are `<path>.tmp-<pid>-<n>` (a per-process counter, no randomness: the kit is seeded and
 * tests/hygiene.test.ts checks), so they sit in the same folder (rename stays on one file system) and
 * two writers in one process or in two processes never share a temp file.
 *
 * @example
 * writeFileAtomic("runs/x/summary.json", JSON.stringify(summary, null, 2) + "\n");
 * withAtomicFile("data/generated/x.jsonl", (tmp) => writeManyLinesTo(tmp)); // streamed writers
 */
import { closeSync, existsSync, fsyncSync, linkSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";

let counter = 0;

/**
 * A fresh sibling name for `path`: `<path>.<tag>-<pid>-<n>`, unique within this process (counter) and
 * across processes (pid). `tag` defaults to "tmp"; checkpoint.ts uses "old" for the folder it moves
 * aside during a swap.
 *
 * @example
 * tempPathFor("runs/x/summary.json");        // "runs/x/summary.json.tmp-4242-0"
 * tempPathFor("runs/x/ck/step-10", "old");   // "runs/x/ck/step-10.old-4242-1"
 */
export function tempPathFor(path: string, tag = "tmp"): string {
  return `${path}.${tag}-${process.pid}-${counter++}`;
}

/** Re-throws `e` with `what` and the target path in front of its message (keeping `code` and `cause`). */
function withPath(e: unknown, what: string, path: string): Error {
  const inner = e instanceof Error ? e : new Error(String(e));
  const err = new Error(`${what} ${path}: ${inner.message}`, { cause: inner }) as Error & { code?: unknown };
  const code = (inner as { code?: unknown }).code;
  if (code !== undefined) err.code = code;
  return err;
}

function fsyncFile(path: string): void {
  const fd = openSync(path, "r");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Writes `path` and fsyncs it (no rename: for files inside a temp folder that is renamed as a whole). */
export function writeDurable(path: string, data: string | Uint8Array): void {
  writeFileSync(path, data);
  fsyncFile(path);
}

/**
 * Finishes an atomic write whose data is already in `tmp`: fsyncs `tmp` and renames it over `path`.
 * On failure `tmp` is removed and the error names `path`.
 *
 * @example
 * const tmp = tempPathFor(path);
 * writeFileSync(tmp, data);
 * commitAtomic(tmp, path);
 */
export function commitAtomic(tmp: string, path: string): void {
  try {
    fsyncFile(tmp);
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw withPath(e, "commitAtomic: cannot move the finished temp file into place at", path);
  }
}

/**
 * Writes `data` to `path` atomically: creates the parent folders, writes a sibling temp file, fsyncs
 * it and renames it over `path`. On any error the temp file is removed, an existing `path` is left
 * as it was, and the error message names `path`.
 *
 * @example
 * writeFileAtomic("data/tokenizers/maze/tokenizer.json", JSON.stringify(json, null, 1) + "\n");
 * writeFileAtomic("figures/scores.png", pngBytes);
 */
export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  let tmp: string | undefined;
  try {
    mkdirSync(dirname(path), { recursive: true });
    tmp = tempPathFor(path);
    const fd = openSync(tmp, "w");
    try {
      writeFileSync(fd, data);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, path);
  } catch (e) {
    if (tmp !== undefined) rmSync(tmp, { force: true });
    throw withPath(e, "writeFileAtomic: cannot write", path);
  }
}

/**
 * For streamed writers: creates the parent folders of `path`, calls `write(tmp)` with a fresh sibling
 * temp path for the callback to create and fill (and close), then fsyncs it and renames it over
 * `path`. If `write` throws, the temp file is removed and the error propagates unchanged (so its type
 * and message are the caller's); errors of the commit itself name `path`. `write` must be synchronous.
 *
 * @example
 * const n = withAtomicFile("data/generated/maze-fo/train.jsonl", (tmp) => {
 *   const fd = openSync(tmp, "w");
 *   try { for (const line of lines) writeSync(fd, line + "\n"); } finally { closeSync(fd); }
 *   return lines.length;
 * });
 */
export function withAtomicFile<T>(path: string, write: (tmpPath: string) => T): T {
  try {
    mkdirSync(dirname(path), { recursive: true });
  } catch (e) {
    throw withPath(e, "withAtomicFile: cannot create the folder of", path);
  }
  const tmp = tempPathFor(path);
  let result: T;
  try {
    result = write(tmp);
    if (result !== null && typeof result === "object" && typeof (result as { then?: unknown }).then === "function") {
      throw new Error(`withAtomicFile(${path}): the write callback returned a Promise; it must write synchronously (the file is committed when it returns)`);
    }
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
  commitAtomic(tmp, path);
  return result;
}

/**
 * {@link withAtomicFile} for an asynchronous writer (a dataset streamed from an env that answers
 * through promises): the temp file is committed when the promise resolves, removed when it rejects.
 *
 * @example
 * await withAtomicFileAsync(path, async (tmp) => { for await (const line of lines) appendFileSync(tmp, line); });
 */
export async function withAtomicFileAsync<T>(path: string, write: (tmpPath: string) => Promise<T>): Promise<T> {
  try {
    mkdirSync(dirname(path), { recursive: true });
  } catch (e) {
    throw withPath(e, "withAtomicFileAsync: cannot create the folder of", path);
  }
  const tmp = tempPathFor(path);
  let result: T;
  try {
    result = await write(tmp);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
  commitAtomic(tmp, path);
  return result;
}

/** A temp sibling left by a writer: its path, tag ("tmp" or "old") and writer's pid. */
export interface TempSibling {
  readonly path: string;
  readonly tag: string;
  readonly pid: number;
}

function pidAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
  } catch (e) {
    return (e as { code?: string }).code === "EPERM"; // exists, owned by someone else
  }
  return !isZombie(pid);
}

/**
 * Whether `pid` has exited and only waits to be reaped (state Z or X in Linux's /proc/<pid>/stat): a
 * killed run whose parent has not collected it yet holds nothing, so its lock is stale. Off Linux
 * (no /proc) a signalable process counts as running.
 */
function isZombie(pid: number): boolean {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  } catch {
    return false;
  }
  // "<pid> (<comm>) <state> ...": comm may hold spaces and parentheses, so the state follows the last ")"
  const state = stat.slice(stat.lastIndexOf(")") + 1).trim()[0];
  return state === "Z" || state === "X";
}

/**
 * The temp siblings of `path` (`<path>.tmp-<pid>-<n>`, `<path>.old-<pid>-<n>`) whose writer is no
 * longer running: debris of a killed write. A live writer's temp files are never listed.
 *
 * @example
 * staleTemps("runs/x/checkpoints/latest"); // [{ path: ".../latest.tmp-4242-3", tag: "tmp", pid: 4242 }]
 */
export function staleTemps(path: string): TempSibling[] {
  const dir = dirname(path);
  const base = basename(path);
  if (!existsSync(dir)) return [];
  const re = new RegExp(`^${base.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\.(tmp|old)-(\\d+)-(\\d+)$`);
  const out: TempSibling[] = [];
  for (const f of readdirSync(dir)) {
    const m = re.exec(f);
    if (m && !pidAlive(Number(m[2]))) out.push({ path: join(dir, f), tag: m[1], pid: Number(m[2]) });
  }
  return out.sort((a, b) => a.path.localeCompare(b.path));
}

/** Removes {@link staleTemps} of `path` (files or folders); returns what it removed. */
export function cleanStaleTemps(path: string): string[] {
  const removed: string[] = [];
  for (const t of staleTemps(path)) {
    rmSync(t.path, { recursive: true, force: true });
    removed.push(t.path);
  }
  return removed;
}

/** Thrown when another live process (or another call in this one) holds a lock. */
export class LockedError extends Error {
  constructor(
    readonly path: string,
    readonly pid: number,
    hint: string,
  ) {
    super(`${path} is held by ${pid === process.pid ? "another call in this process" : `process ${pid}`}; ${hint}`);
    this.name = "LockedError";
  }
}

/**
 * Takes the lock file `path` (created exclusively, holding this pid) and returns its release. A lock
 * left by a dead process is taken over; one held by a live process, or already by this one, throws a
 * {@link LockedError} ending with `hint` (what the user can do). The training run folder uses it so two
 * processes never write one run.
 *
 * @example
 * const release = acquireLock("runs/x/.lock", "wait for that run to finish or pick another --out");
 * try { ... } finally { release(); }
 */
export function acquireLock(path: string, hint: string): () => void {
  for (let attempt = 0; ; attempt++) {
    // The pid goes into a temp file that is then hard-linked to `path`: the link appears atomically with
    // its content, so a reader never sees an empty lock and mistakes it for a stale one.
    const tmp = tempPathFor(path);
    writeFileSync(tmp, `${process.pid}\n`);
    try {
      linkSync(tmp, path);
      return () => rmSync(path, { force: true });
    } catch (e) {
      if ((e as { code?: string }).code !== "EEXIST" || attempt > 2) throw e;
    } finally {
      rmSync(tmp, { force: true });
    }
    let pid = Number.NaN;
    try {
      pid = Number.parseInt(readFileSync(path, "utf8"), 10);
    } catch {
      continue; // released meanwhile
    }
    if (Number.isInteger(pid) && pid > 0 && pidAlive(pid)) throw new LockedError(path, pid, hint);
    rmSync(path, { force: true }); // stale: its process is gone (or the file was never finished)
  }
}
