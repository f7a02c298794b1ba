/**
 * A resumable pipeline of stages (what `lmrl reproduce` runs). Each stage is a unit of work with an
 * id, a kind, JSON params and the stages it depends on. Its folder is keyed by a hash of its kind,
 * params, the hashes of its dependencies and the code version, so:
 *
 *  - a finished stage (its folder holds `done.json`) is never run again while nothing it depends on
 *    changed, and a changed recipe, input or code gets a new folder instead of overwriting the old one;
 *  - an interrupted stage is run again in the same folder, where its own resume logic picks up (a
 *    training run resumes from its last checkpoint, a dataset from its last complete line);
 *  - independent stages run in parallel (`jobs` at a time), the longest chain of remaining work first
 *    (after the stages the caller marks `first`).
 *
 * The pipeline knows nothing about tasks or algorithms: `execute` runs a stage (src/reproduce.ts
 * starts a child process per stage) and must write `done.json` last, atomically (or whatever output
 * `isFinished` looks for: bench/offline.ts schedules its runs here too).
 *
 * @example
 * const stages = planStages([{ id: "a", kind: "data", params: { n: 10 }, deps: [], cost: 5 }], { root: "runs/x", codeVersion: "abc" });
 * await runPipeline(stages, { jobs: 2, execute: async (s) => writeDone(s, { ok: true }) });
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { writeFileAtomic } from "./atomic";
import { Progress, type ProgressMode } from "./progress";

export interface StageSpec {
  /** Unique and readable, "/"-separated: "train/maze-fo/bc/seed0". Its parts name the stage's folder. */
  readonly id: string;
  readonly kind: string;
  /** What the stage computes, as JSON: part of its hash (machine paths do not belong here). */
  readonly params: Readonly<Record<string, unknown>>;
  /** Ids of the stages whose outputs it reads. */
  readonly deps: readonly string[];
  /** Estimated seconds on one core: orders the work (longest chain first) and weighs the ETA. */
  readonly cost: number;
}

export interface PlannedStage extends StageSpec {
  /** 12 hex digits of sha256(kind, params, dependency hashes, code version). */
  readonly hash: string;
  /** `<root>/<id parts>-<hash>`. */
  readonly dir: string;
}

export const DONE_FILE = "done.json";

/** Stable JSON: object keys sorted at every level (two equal params always hash alike). */
export function canonicalJson(x: unknown): string {
  if (Array.isArray(x)) return `[${x.map(canonicalJson).join(",")}]`;
  if (x !== null && typeof x === "object") {
    const o = x as Record<string, unknown>;
    return `{${Object.keys(o).filter((k) => o[k] !== undefined).sort().map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`).join(",")}}`;
  }
  return JSON.stringify(x) ?? "null";
}

/**
 * Hashes and folders for the stages, in the given order, which must list every dependency before the
 * stages that need it (an unknown or later dependency is refused by name).
 */
export function planStages(specs: readonly StageSpec[], o: { readonly root: string; readonly codeVersion: string }): PlannedStage[] {
  const byId = new Map<string, PlannedStage>();
  for (const s of specs) {
    if (byId.has(s.id)) throw new Error(`pipeline: two stages are called "${s.id}"`);
    const depHashes = s.deps.map((d) => {
      const dep = byId.get(d);
      if (!dep) throw new Error(`pipeline: stage "${s.id}" depends on "${d}", which is not planned before it`);
      return dep.hash;
    });
    const hash = createHash("sha256").update(canonicalJson({ kind: s.kind, params: s.params, deps: depHashes, code: o.codeVersion })).digest("hex").slice(0, 12);
    const parts = s.id.split("/");
    byId.set(s.id, { ...s, hash, dir: join(o.root, ...parts.slice(0, -1), `${parts[parts.length - 1]}-${hash}`) });
  }
  return [...byId.values()];
}

export function isDone(s: PlannedStage): boolean {
  return existsSync(join(s.dir, DONE_FILE));
}

/** A finished stage's output (its done.json). */
export function readDone<T = Record<string, unknown>>(s: PlannedStage): T {
  return JSON.parse(readFileSync(join(s.dir, DONE_FILE), "utf8")) as T;
}

/** Mark a stage finished with its output: the last thing a stage does (atomic, so a kill never leaves half of it). */
export function writeDone(s: PlannedStage, output: unknown): void {
  writeFileAtomic(join(s.dir, DONE_FILE), JSON.stringify(output, null, 1) + "\n");
}

export interface PipelineOptions {
  /** Stages running at once. */
  readonly jobs: number;
  /** Runs one stage; reports its progress as a fraction in [0, 1]; must end with writeDone. */
  readonly execute: (s: PlannedStage, onProgress: (fraction: number) => void) => Promise<void>;
  /** One line per event (started, finished, failed, skipped); default stderr. */
  readonly log?: (line: string) => void;
  readonly progress?: ProgressMode;
  /** The pipeline's name in its log lines ("[name] ...") and progress display; default "pipeline". */
  readonly name?: string;
  /**
   * Whether a stage's output is there, before and after it runs; default `isDone` (its done.json). A caller
   * whose stages leave other outputs (the offline bench: a results file of the same recipe) says so here.
   */
  readonly isFinished?: (s: PlannedStage) => boolean;
  /**
   * Stages to start as soon as they are ready, before the longest chains (reproduce: the evaluations,
   * which are cheap and each finish a result, so a run stopped early keeps every result it trained for).
   */
  readonly first?: (s: PlannedStage) => boolean;
}

export interface PipelineReport {
  /** Stages finished by an earlier invocation. */
  readonly reused: readonly string[];
  readonly ran: readonly string[];
  /** Failed stages and stages not run because a dependency failed, with the reason. */
  readonly failed: ReadonlyMap<string, string>;
  readonly seconds: number;
}

/** Each stage's cost plus the longest chain of stages that wait for it: the scheduling priority. */
function chainCosts(stages: readonly PlannedStage[]): Map<string, number> {
  const dependents = new Map<string, string[]>();
  for (const s of stages) for (const d of s.deps) dependents.set(d, [...(dependents.get(d) ?? []), s.id]);
  const memo = new Map<string, number>();
  const byId = new Map(stages.map((s) => [s.id, s]));
  const chain = (id: string): number => {
    const known = memo.get(id);
    if (known !== undefined) return known;
    const v = byId.get(id)!.cost + Math.max(0, ...(dependents.get(id) ?? []).map(chain));
    memo.set(id, v);
    return v;
  };
  return new Map(stages.map((s) => [s.id, chain(s.id)]));
}

/**
 * Runs every stage that is not done, dependencies first, `jobs` at a time, with one progress display for
 * the whole pipeline (share of the estimated work, ETA, what is running). A failed stage does not stop
 * the others; the stages that need it are reported as not run. Rerunning skips what finished.
 */
export async function runPipeline(stages: readonly PlannedStage[], o: PipelineOptions): Promise<PipelineReport> {
  const t0 = Date.now();
  const name = o.name ?? "pipeline";
  const log = o.log ?? ((l: string) => process.stderr.write(`${l}\n`));
  const finished = o.isFinished ?? isDone;
  const done = new Set(stages.filter(finished).map((s) => s.id));
  const reused = [...done];
  const ran: string[] = [];
  const failed = new Map<string, string>();
  const priority = chainCosts(stages);
  const first = (s: PlannedStage): number => (o.first?.(s) ? 1 : 0);
  const pending = stages.filter((s) => !done.has(s.id)).sort((a, b) => first(b) - first(a) || priority.get(b.id)! - priority.get(a.id)!);
  const totalCost = pending.reduce((a, s) => a + s.cost, 0);
  let doneCost = 0;
  const running = new Map<string, { stage: PlannedStage; fraction: number; promise: Promise<void> }>();
  const bar = new Progress(name, 1000, { mode: o.progress });
  const show = (): void => {
    const work = doneCost + [...running.values()].reduce((a, r) => a + r.fraction * r.stage.cost, 0);
    const now = [...running.values()].map((r) => `${r.stage.id} ${Math.round(100 * r.fraction)}%`).join(", ");
    bar.update(Math.round((1000 * work) / Math.max(1e-9, totalCost)), `· ${ran.length + failed.size}/${pending.length} stages${now ? ` · running ${now}` : ""}`);
  };
  log(`[${name}] ${stages.length} stages: ${reused.length} finished before, ${pending.length} to run, ${o.jobs} at a time`);
  const waiting = [...pending];
  while (waiting.length > 0 || running.size > 0) {
    for (let i = 0; i < waiting.length && running.size < o.jobs; ) {
      const s = waiting[i];
      const badDep = s.deps.find((d) => failed.has(d));
      if (badDep !== undefined) {
        failed.set(s.id, `not run: ${badDep} failed`);
        log(`[${name}] ${s.id}: not run, ${badDep} failed`);
        waiting.splice(i, 1);
        continue;
      }
      if (!s.deps.every((d) => done.has(d))) {
        i++;
        continue;
      }
      waiting.splice(i, 1);
      const started = Date.now();
      log(`[${name}] ${s.id}: started (${s.dir})`);
      const entry = { stage: s, fraction: 0, promise: Promise.resolve() };
      entry.promise = o
        .execute(s, (f) => {
          entry.fraction = Math.min(1, Math.max(0, f));
          show();
        })
        .then(() => {
          if (!finished(s)) throw new Error(o.isFinished ? `${s.id} ended without its output` : `${s.id} ended without writing ${DONE_FILE}`);
          done.add(s.id);
          ran.push(s.id);
          doneCost += s.cost;
          log(`[${name}] ${s.id}: done in ${((Date.now() - started) / 60_000).toFixed(1)} min`);
        })
        .catch((e: unknown) => {
          failed.set(s.id, (e as Error).message);
          log(`[${name}] ${s.id}: FAILED: ${(e as Error).message}`);
        })
        .finally(() => {
          running.delete(s.id);
          show();
        });
      running.set(s.id, entry);
    }
    if (running.size === 0) break; // only stages whose dependencies failed remain (reported above)
    show();
    await Promise.race([...running.values()].map((r) => r.promise));
  }
  bar.done(`· ${ran.length} ran, ${reused.length} reused, ${failed.size} failed`);
  return { reused, ran, failed, seconds: (Date.now() - t0) / 1000 };
}
