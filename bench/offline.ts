/**
 * Offline-RL benchmark (paper Table 2): trains BC, %BC, MC Returns and ILQL on any rows with their default
 * configs (each task's train.ts), for several seeds, in parallel child processes (one per core, one
 * thread each, unless JOBS/LMRL_THREADS say otherwise). MC and ILQL start from the same seed's BC
 * checkpoint, so a BC run is scheduled first whenever they need it. Every finished run writes
 * data/results/<row>/<algo>-seed<S>.json (score, return, success, task metrics, wall time, tokens, commit,
 * the resolved config); a run whose results file holds the same config is not trained again, and an
 * interrupted one resumes from its checkpoint (runs/bench-offline/<row>/<algo>-seed<S>, `resume: "auto"`).
 * At the end: one line per row × algorithm with the normalised score's mean and 95% Student-t CI over
 * seeds beside the paper's number, and data/results/summary.json over every results file present.
 *
 *   npm run bench -- offline                                   # FO maze, 4 algorithms × seeds 0,1,2
 *   ENVS=maze-po,wordle ALGOS=bc,ilql SEEDS=0,1,2 npm run bench -- offline
 *   JOBS=1 npm run bench -- offline                            # one run at a time (on every core)
 *   JOBS=1 LMRL_THREADS=1 npm run bench -- online              # one run at a time on one core (the other is busy)
 *   OFFLINE_CONFIG=more.json …                                 # an extra config layer for every run
 *   QUICK=1 …                                                  # tiny runs to check the bench (results in runs/bench-offline-quick)
 *   SUMMARY_ONLY=1 npm run bench -- offline                    # just re-read data/results and print the tables
 *   README_TABLES=1 SUMMARY_ONLY=1 npm run bench -- offline    # and write them into the READMEs' marked blocks
 *   OFFLINE_DIR=/tmp/x …                                       # runs, logs and results under another folder
 */
import { spawn } from "node:child_process";
import { createWriteStream, existsSync, mkdirSync, readFileSync } from "node:fs";
import { cpus } from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { algorithmConfig, getAlgorithm } from "../src/algorithms/index";
import { recordedDataset } from "../src/algorithms/trainer";
import { writeFileAtomic } from "../src/core/atomic";
import { runPipeline, type PlannedStage } from "../src/core/pipeline";
import { projectPath } from "../src/core/paths";
import { tokenizerHash } from "../src/model/tokenizer";
import * as tables from "../src/report/results";
import { commitOf, finishedResult, recipeOf, resultPath, type OfflineJob, type OfflineResult } from "../src/report/results";
import { ENV_SPECS, getEnvSpec } from "../src/tasks/index";

export { finishedResult, recipeOf, replaceResultsBlock, resultPath, sharedMetricMeans, type OfflineJob, type OfflineResult, type OnlineSummary } from "../src/report/results";

/** The Markdown tables of the results under root, over the registered rows (src/report/results.ts). */
export const markdownTables = (root: string, envs?: readonly string[]): string => tables.markdownTables(root, ENV_SPECS, envs);
/** README_TABLES=1: rewrite the READMEs' marked blocks (src/report/results.ts). */
export const updateReadmeTables = (root: string, projectRoot?: string): string[] => tables.updateReadmeTables(root, ENV_SPECS, projectRoot);

/** The SEEDS variable (comma-separated integers >= 0; default 0,1,2), refusing anything else by name. */
export function seedsFromEnv(value = process.env.SEEDS ?? "0,1,2"): number[] {
  return value.split(",").map((s) => {
    const n = Number(s);
    if (!Number.isInteger(n) || n < 0) throw new Error(`SEEDS: "${s}" is not a seed (integers >= 0, comma-separated)`);
    return n;
  });
}


const JOB_ENTRY = fileURLToPath(new URL("./offline-job.ts", import.meta.url));

/** Where runs, logs (and QUICK results) go: OFFLINE_DIR, else runs/bench-offline (runs/bench-offline-quick for QUICK). */
export function benchDir(quick: boolean, env: NodeJS.ProcessEnv = process.env): string {
  return env.OFFLINE_DIR ?? projectPath("runs", quick ? "bench-offline-quick" : "bench-offline");
}

/** data/results; QUICK runs or an OFFLINE_DIR keep theirs in <bench dir>/results (never mixed with the real ones). */
export function resultsRoot(quick: boolean, env: NodeJS.ProcessEnv = process.env): string {
  return quick || env.OFFLINE_DIR ? join(benchDir(quick, env), "results") : projectPath("data", "results");
}

/** Where the job's training run lives (checkpoints, metrics). */
export function runDirOf(quick: boolean, j: OfflineJob): string {
  return join(benchDir(quick), j.env, `${j.algorithm}-seed${j.seed}`);
}

/** The config layers every job of this invocation adds (QUICK's tiny budget, OFFLINE_CONFIG). */
export function extraLayers(env: NodeJS.ProcessEnv = process.env): Record<string, unknown>[] {
  const round = { steps: 2, rolloutEpisodes: 8, rolloutBatchSize: 8, batchSize: 8 };
  const quick = env.QUICK === "1" ? [{ steps: 20, evalEpisodes: 10, evalBatchSize: 10, evalEvery: 0, datasetSize: 300, ppo: round, "online-bc": round, grpo: { ...round, groupSize: 4 } }] : [];
  const file = env.OFFLINE_CONFIG ? [JSON.parse(readFileSync(env.OFFLINE_CONFIG, "utf8")) as Record<string, unknown>] : [];
  return [...quick, ...file];
}

/** The jobs to run, BC first for every (row, seed) whose MC or ILQL needs its checkpoint. */
export function planJobs(envs: readonly string[], algos: readonly string[], seeds: readonly number[]): OfflineJob[] {
  const jobs: OfflineJob[] = [];
  for (const env of envs) {
    for (const seed of seeds) {
      const names = algos.map((a) => getAlgorithm(a).name);
      const needBc = names.some((a) => getAlgorithm(a).start === "bc");
      const ordered = [...(needBc || names.includes("bc") ? ["bc"] : []), ...names.filter((a) => a !== "bc")];
      for (const algorithm of [...new Set(ordered)]) jobs.push({ env, algorithm, seed });
    }
  }
  return jobs;
}

/** The resolved recipe a job trains with now (to compare with a results file). */
export function jobRecipe(j: OfflineJob, layers: readonly Record<string, unknown>[]): Record<string, unknown> {
  const spec = getEnvSpec(j.env);
  const cfg = algorithmConfig(getAlgorithm(j.algorithm), spec, layers);
  return recipeOf({ ...(cfg as unknown as Record<string, unknown>), dataset: recordedDataset(spec, cfg) });
}

/** Run one job in a child process (LMRL_THREADS threads); resolves with its result, rejects naming its log. */
function runChild(j: OfflineJob, threads: number, quick: boolean, log: string): Promise<Omit<OfflineResult, "commit" | "date">> {
  mkdirSync(dirname(log), { recursive: true });
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", JOB_ENTRY, JSON.stringify({ job: j, out: runDirOf(quick, j), bcOut: runDirOf(quick, { ...j, algorithm: "bc" }) })], {
      cwd: projectPath(),
      env: { ...process.env, LMRL_THREADS: String(threads) },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const logStream = createWriteStream(log);
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.pipe(logStream);
    child.on("error", reject);
    child.on("close", (code) => {
      logStream.end();
      const last = out.trim().split("\n").pop() ?? "";
      if (code === 0 && last.startsWith("{")) resolve(JSON.parse(last) as Omit<OfflineResult, "commit" | "date">);
      else reject(new Error(`${j.env} ${j.algorithm} seed ${j.seed} failed (exit ${code}); see ${relative(process.cwd(), log)}`));
    });
  });
}

export async function benchOffline(defaults: { envs: string; algos: string } = { envs: "maze-fo", algos: "bc,pbc,mc,ilql" }): Promise<void> {
  const quick = process.env.QUICK === "1";
  const envs = (process.env.ENVS ?? defaults.envs).split(",").map((e) => getEnvSpec(e.trim()).id);
  const algos = (process.env.ALGOS ?? defaults.algos).split(",").map((a) => getAlgorithm(a.trim()).name);
  const seeds = seedsFromEnv();
  const root = resultsRoot(quick);
  if (process.env.SUMMARY_ONLY !== "1") await runJobs(planJobs(envs, algos, seeds), root, quick);
  printSummary(root, process.env.SUMMARY_ONLY === "1" ? undefined : envs);
}

/**
 * Trains the jobs that have no results file of their recipe yet, on the reproduce pipeline's scheduler
 * (src/core/pipeline.ts): BC before the runs that start from its checkpoint, `JOBS` at a time, a failed
 * BC skipping only its dependants, one progress display.
 */
async function runJobs(jobs: OfflineJob[], root: string, quick: boolean): Promise<void> {
  const layers = extraLayers();
  const cores = cpus().length;
  const slots = Math.max(1, Math.min(Number(process.env.JOBS ?? cores) || cores, jobs.length));
  // LMRL_THREADS set by the caller wins (e.g. JOBS=1 LMRL_THREADS=1 beside another run on the other core).
  const threads = Math.max(1, Math.floor(Number(process.env.LMRL_THREADS) || cores / slots));
  const commit = commitOf();
  const key = (j: OfflineJob): string => `${j.env}/${j.algorithm}/seed${j.seed}`;
  const needs = (j: OfflineJob): OfflineJob | undefined => (getAlgorithm(j.algorithm).start === "bc" ? { ...j, algorithm: "bc" } : undefined);
  const byKey = new Map(jobs.map((j) => [key(j), j]));
  const recipes = new Map(jobs.map((j) => [key(j), jobRecipe(j, layers)]));
  // hashed once per row, not at every finished-check of the pipeline
  const tokenizers = new Map(jobs.map((j) => [j.env, tokenizerHash(getEnvSpec(j.env).tokenizer)]));
  const tokenizer = (j: OfflineJob): string => tokenizers.get(j.env)!;
  // a run that starts from BC counts as finished only while its BC's file holds this BC recipe too
  const finished = (j: OfflineJob): OfflineResult | undefined => { const bc = needs(j); return finishedResult(root, j, recipes.get(key(j))!, tokenizer(j), bc && recipes.get(key(bc))); };
  const before = new Map(jobs.map((j) => [key(j), finished(j)]));
  // the BC runs whose checkpoints a run still to train starts from
  const bcNeeded = new Set(jobs.filter((o) => !before.get(key(o))).flatMap((o) => { const bc = needs(o); return bc ? [key(bc)] : []; }));
  // A finished BC run is trained again (same seed: same weights) when a run still to train starts from its
  // checkpoint and that checkpoint is gone (runs/ deleted, another machine): the results file alone is not enough.
  const checkpointGone = (j: OfflineJob): boolean => bcNeeded.has(key(j)) && !existsSync(join(runDirOf(quick, j), "checkpoints", "latest", "state.json"));
  for (const j of jobs) {
    const r = before.get(key(j));
    if (r && checkpointGone(j)) console.error(`[offline] ${key(j)}: finished before, but its checkpoint (needed by a run to train) is gone; training it again`);
    else if (r) console.error(`[offline] ${key(j)}: finished before (score ${r.score.toFixed(1)}, ${relative(process.cwd(), resultPath(root, j))}); skipped`);
  }
  const stages: PlannedStage[] = jobs.map((j) => {
    const bc = needs(j);
    return { id: key(j), kind: "offline", params: {}, deps: bc && byKey.has(key(bc)) ? [key(bc)] : [], cost: 1, hash: "", dir: runDirOf(quick, j) };
  });
  console.error(`[offline] ${slots} at a time, ${threads} thread(s) each; logs in ${relative(process.cwd(), join(benchDir(quick), "logs"))}`);
  const t0 = Date.now();
  const report = await runPipeline(stages, {
    jobs: slots,
    name: "offline",
    isFinished: (s) => {
      const j = byKey.get(s.id)!;
      return finished(j) !== undefined && !checkpointGone(j);
    },
    execute: async (s) => {
      const j = byKey.get(s.id)!;
      const r = await runChild(j, threads, quick, join(benchDir(quick), "logs", `${j.env}-${j.algorithm}-seed${j.seed}.log`));
      const result: OfflineResult = { ...r, config: recipes.get(s.id)!, tokenizer: tokenizer(j), commit, date: new Date().toISOString() };
      writeFileAtomic(resultPath(root, j), JSON.stringify(result, null, 1) + "\n");
      console.log(JSON.stringify({ bench: "offline", ...result, config: undefined, curve: undefined, loss: undefined }));
      console.error(`[offline] ${s.id}: score ${r.score.toFixed(1)} (${((Date.now() - t0) / 60_000).toFixed(1)} min so far)`);
    },
  });
  if (report.failed.size > 0) {
    process.exitCode = 1;
    console.error(`[offline] ${report.failed.size} run(s) failed or were skipped: ${[...report.failed].map(([id, why]) => `${id} (${why})`).join(", ")}; rerun the same command to retry them (finished runs are kept)`);
  }
}

/** Print the rows asked for (all when envs is undefined), write summary.json over every results file, and the markdown tables to stderr. */
function printSummary(root: string, envs?: readonly string[]): void {
  const rows = tables.summaryRows(root, ENV_SPECS);
  for (const r of rows) if (!envs || envs.includes(r.env as string)) console.log(JSON.stringify(r));
  if (rows.length > 0) writeFileAtomic(join(root, "summary.json"), JSON.stringify(rows, null, 1) + "\n");
  const md = markdownTables(root, envs);
  if (md) console.error(`\n${md}`);
  if (process.env.README_TABLES === "1") {
    const changed = updateReadmeTables(root);
    console.error(`[offline] README tables ${changed.length ? `rewritten in ${changed.join(", ")}` : "unchanged"}`);
  }
}
