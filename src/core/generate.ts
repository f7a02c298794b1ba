/**
 * Dataset generation for any registered env: streams the spec's behaviour-policy trajectories into
 * `<out>/<env-id>/<split>.jsonl` (atomic, byte-identical for the same seed) while accumulating the
 * Table-1 statistics, so a million-episode set never sits in memory.
 *
 * Synchronous generators (the rule-based rows, thousands of episodes per second) write a temp file and
 * start over if killed. Asynchronous ones (engine games, dialogue partners: minutes to hours) append
 * each record to `<split>.jsonl.partial` as it arrives; running the same command again keeps the
 * complete records there and continues after them, and the finished file is the same bytes as an
 * uninterrupted run's.
 */
import { closeSync, existsSync, fdatasyncSync, mkdirSync, openSync, readSync, rmSync, statSync, truncateSync, writeSync } from "node:fs";
import { dirname, join } from "node:path";
import { cleanStaleTemps, commitAtomic, tempPathFor } from "./atomic";
import { DATASET_FORMAT, DATASET_VERSION, parseJsonLine, parseTrajectory, readLines, trajectoryToJson, writeDataset } from "./dataset";
import { Progress } from "./progress";
import { checkSeed, deriveSeed, Rng } from "./rng";
import type { EnvSpec } from "./spec";
import { StatsAccumulator } from "./stats";
import type { DatasetStats, Trajectory } from "./types";

export interface GenerateOptions {
  /** Trajectories in the train split (default: the paper's size). Extra splits scale with it. */
  readonly n?: number;
  readonly seed?: number;
  /** Output folder; files go to `<out>/<env-id>/<split>.jsonl`. */
  readonly out: string;
  readonly progress?: boolean;
  /** Called as trajectories are written (and with the count kept from an earlier run): done of total over all splits. */
  readonly onProgress?: (done: number, total: number) => void;
}

export interface GeneratedFile {
  readonly split: string;
  readonly path: string;
  readonly count: number;
  readonly stats: DatasetStats;
  readonly seconds: number;
}

/** Path of a generated split: `<out>/<env-id>/<split>.jsonl`. */
export function datasetPath(out: string, envId: string, split = "train"): string {
  return join(out, envId, `${split}.jsonl`);
}

/** Sizes of every split for a requested train size. */
export function splitSizes(spec: EnvSpec, n?: number): Record<string, number> {
  const train = n ?? spec.dataset.defaultSize;
  const sizes: Record<string, number> = { train };
  for (const [split, size] of Object.entries(spec.dataset.extraSplits ?? {})) {
    sizes[split] = n === undefined ? size : Math.max(1, Math.round((size * n) / spec.dataset.defaultSize));
  }
  return sizes;
}

/**
 * The random stream of a dataset split. It is keyed by task, not env id, so the fully and partially
 * observed rows of a task (maze-fo/maze-po, text-nav-fo/-po) get the same episodes, rendered in each
 * row's format. Anchor recomputations use it too, so "our" anchors describe the default files.
 */
export function datasetRng(seed: number, task: string, split = "train"): Rng {
  return new Rng(deriveSeed(seed, "dataset", task, split));
}

/**
 * The behaviour trajectories of one split, deterministic in (seed, task, split); with `skip`, only
 * trajectories `skip` … `n − 1` of that same sequence (played from there when the generator
 * `skips`, else generated and dropped).
 */
export function splitTrajectories(spec: EnvSpec, split: string, n: number, seed: number, skip = 0): Iterable<Trajectory> | AsyncIterable<Trajectory> {
  const rng = datasetRng(seed, spec.task, split);
  if (skip === 0) return spec.dataset.generate(n, rng);
  if (spec.dataset.skips) return spec.dataset.generate(n, rng, { skip });
  const all = spec.dataset.generate(n, rng);
  if (typeof (all as Iterable<Trajectory>)[Symbol.iterator] === "function") {
    return (function* () {
      let i = 0;
      for (const t of all as Iterable<Trajectory>) if (i++ >= skip) yield t;
    })();
  }
  return (async function* () {
    let i = 0;
    for await (const t of all) if (i++ >= skip) yield t;
  })();
}

/** Where a generation's appended records live until the split is complete. */
export function partialPath(path: string): string {
  return `${path}.partial`;
}

/** Byte length of `path` up to and including its last newline (a record torn by a kill is cut off). */
function completeLength(path: string): number {
  const size = statSync(path).size;
  const fd = openSync(path, "r");
  try {
    const chunk = Buffer.alloc(1 << 16);
    for (let end = size; end > 0; ) {
      const start = Math.max(0, end - chunk.length);
      const got = readSync(fd, chunk, 0, end - start, start);
      const nl = chunk.subarray(0, got).lastIndexOf(10);
      if (nl >= 0) return start + nl + 1;
      end = start;
    }
    return 0;
  } finally {
    closeSync(fd);
  }
}

/**
 * Opens `partial` for appending after its complete records, which are passed to `onKept`; returns how
 * many there are. A file written for another header (another seed, size or generator) is started over.
 */
async function resumePartial(partial: string, headerLine: string, onKept: (t: Trajectory) => void): Promise<{ fd: number; kept: number; discarded: boolean }> {
  let found = false; // a partial file with at least a header line
  if (existsSync(partial)) {
    truncateSync(partial, completeLength(partial));
    let matches = false;
    let kept = 0;
    for await (const { line, text } of readLines(partial)) {
      if (!found) {
        found = true;
        matches = text === headerLine;
        if (!matches) break;
        continue;
      }
      onKept(parseTrajectory(parseJsonLine(partial, line, text), partial, line));
      kept++;
    }
    if (matches) return { fd: openSync(partial, "a"), kept, discarded: false };
  }
  mkdirSync(dirname(partial), { recursive: true });
  const fd = openSync(partial, "w");
  writeSync(fd, headerLine + "\n");
  return { fd, kept: 0, discarded: found };
}

/**
 * `x` as a synchronous iterable, for callers that know their generator is synchronous (every
 * rule-based row); throws a clear error for an asynchronous one (an engine or model partner).
 *
 * @example
 * const ts = [...syncIterable(spec.dataset.generate(30, new Rng(2)), spec.id)];
 */
export function syncIterable<T>(x: Iterable<T> | AsyncIterable<T>, what: string): Iterable<T> {
  if (typeof (x as Iterable<T>)[Symbol.iterator] === "function") return x as Iterable<T>;
  throw new Error(`${what}: this generator is asynchronous; iterate it with for await (or use the async dataset writer)`);
}

/**
 * Synchronous generators (every rule-based row) take the synchronous writer, the fast path; an
 * asynchronous one (an engine or model partner) is awaited record by record into the same bytes.
 *
 * @example
 * await generateDatasets(getEnvSpec("maze-fo"), { out: "data/generated", seed: 0 });
 */
export async function generateDatasets(spec: EnvSpec, opts: GenerateOptions): Promise<GeneratedFile[]> {
  const seed = opts.seed ?? 0;
  checkSeed(seed, "dataset seed");
  if (opts.n !== undefined && !(Number.isInteger(opts.n) && opts.n >= 1)) throw new Error(`generateDatasets: n must be an integer >= 1, got ${opts.n}`);
  const files: GeneratedFile[] = [];
  // Every split is written to a temp file first and renamed into place only when all are complete, so a
  // kill never leaves a new train.jsonl beside an old eval.jsonl (readers also compare the headers).
  const pending: { tmp: string; path: string; keep?: boolean }[] = [];
  const sizes = splitSizes(spec, opts.n);
  const total = Object.values(sizes).reduce((a, b) => a + b, 0);
  let before = 0; // trajectories in the splits already written
  try {
    for (const [split, n] of Object.entries(sizes)) {
      const path = datasetPath(opts.out, spec.id, split);
      cleanStaleTemps(path); // debris of an earlier killed generation
      const tmp = tempPathFor(path);
      pending.push({ tmp, path });
      const acc = new StatsAccumulator();
      const bar = new Progress(`${spec.id}/${split}`, n, { mode: opts.progress ? undefined : "off" });
      const advance = (k: number): void => {
        bar.update(k);
        opts.onProgress?.(before + k, total);
      };
      const t0 = Date.now();
      const header = { env: spec.id, split, generator: spec.dataset.behaviour, seed, count: n };
      const source = splitTrajectories(spec, split, n, seed);
      let count: number;
      if (typeof (source as Iterable<Trajectory>)[Symbol.iterator] === "function") {
        const tracked = function* (): Iterable<Trajectory> {
          for (const t of source as Iterable<Trajectory>) {
            acc.add(t);
            yield t;
          }
        };
        count = writeDataset(tmp, header, tracked(), advance);
      } else {
        // Resumable: records are appended to <path>.partial as the games end (see the module comment).
        pending.pop();
        const partial = partialPath(path);
        pending.push({ tmp: partial, path, keep: true });
        const headerLine = JSON.stringify({ format: DATASET_FORMAT, version: DATASET_VERSION, ...header });
        const { fd, kept, discarded } = await resumePartial(partial, headerLine, (t) => acc.add(t));
        if (discarded && opts.progress) process.stderr.write(`${partial}: written for other settings (seed, size or generator); starting over\n`);
        if (kept > 0 && opts.progress) process.stderr.write(`${partial}: ${kept} of ${n} trajectories kept from an earlier run; continuing\n`);
        count = kept;
        advance(count);
        try {
          let lastSync = Date.now();
          for await (const t of splitTrajectories(spec, split, n, seed, kept)) {
            acc.add(t);
            writeSync(fd, trajectoryToJson(t) + "\n");
            advance(++count);
            if (Date.now() - lastSync > 2000) {
              fdatasyncSync(fd);
              lastSync = Date.now();
            }
          }
        } finally {
          closeSync(fd);
        }
      }
      bar.done();
      if (count !== n) throw new Error(`generateDatasets: ${spec.id} generator yielded ${count} trajectories, expected ${n}`);
      files.push({ split, path, count, stats: acc.result(), seconds: (Date.now() - t0) / 1000 });
      before += n;
    }
  } catch (e) {
    for (const p of pending) if (!p.keep) rmSync(p.tmp, { force: true }); // a .partial stays, to resume from
    throw e;
  }
  for (const p of pending) commitAtomic(p.tmp, p.path);
  return files;
}
