/**
 * Dataset generation for any registered env: streams the spec's behaviour-policy trajectories into
 * `<out>/<env-id>/<split>.jsonl` (atomic, byte-identical for the same seed) while accumulating the
 * Table-1 statistics, so a million-episode set never sits in memory.
 */
import { rmSync } from "node:fs";
import { join } from "node:path";
import { cleanStaleTemps, commitAtomic, tempPathFor } from "./atomic";
import { writeDataset, writeDatasetAsync } from "./dataset";
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

/** The behaviour trajectories of one split, deterministic in (seed, task, split). */
export function splitTrajectories(spec: EnvSpec, split: string, n: number, seed: number): Iterable<Trajectory> | AsyncIterable<Trajectory> {
  return spec.dataset.generate(n, datasetRng(seed, spec.task, split));
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
  const pending: { tmp: string; path: string }[] = [];
  try {
    for (const [split, n] of Object.entries(splitSizes(spec, opts.n))) {
      const path = datasetPath(opts.out, spec.id, split);
      cleanStaleTemps(path); // debris of an earlier killed generation
      const tmp = tempPathFor(path);
      pending.push({ tmp, path });
      const acc = new StatsAccumulator();
      const bar = new Progress(`${spec.id}/${split}`, n, { mode: opts.progress ? undefined : "off" });
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
        count = writeDataset(tmp, header, tracked(), (k) => bar.update(k));
      } else {
        const tracked = async function* (): AsyncIterable<Trajectory> {
          for await (const t of source) {
            acc.add(t);
            yield t;
          }
        };
        count = await writeDatasetAsync(tmp, header, tracked(), (k) => bar.update(k));
      }
      bar.done();
      if (count !== n) throw new Error(`generateDatasets: ${spec.id} generator yielded ${count} trajectories, expected ${n}`);
      files.push({ split, path, count, stats: acc.result(), seconds: (Date.now() - t0) / 1000 });
    }
  } catch (e) {
    for (const p of pending) rmSync(p.tmp, { force: true });
    throw e;
  }
  for (const p of pending) commitAtomic(p.tmp, p.path);
  return files;
}
