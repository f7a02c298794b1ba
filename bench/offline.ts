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
import { execFileSync, spawn } from "node:child_process";
import { createWriteStream, existsSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import { cpus } from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { algorithmConfig, getAlgorithm } from "../src/algorithms/index";
import { writeFileAtomic } from "../src/core/atomic";
import { projectPath } from "../src/core/paths";
import { ci95, mean } from "../src/core/stats";
import type { EnvSpec } from "../src/core/spec";
import { ENV_SPECS, getEnvSpec } from "../src/tasks/index";

/** The SEEDS variable (comma-separated integers >= 0; default 0,1,2), refusing anything else by name. */
export function seedsFromEnv(value = process.env.SEEDS ?? "0,1,2"): number[] {
  return value.split(",").map((s) => {
    const n = Number(s);
    if (!Number.isInteger(n) || n < 0) throw new Error(`SEEDS: "${s}" is not a seed (integers >= 0, comma-separated)`);
    return n;
  });
}

/** One (row, algorithm, seed) training run. */
export interface OfflineJob {
  readonly env: string;
  readonly algorithm: string;
  readonly seed: number;
}

/** What a finished run leaves in data/results/<row>/<algo>-seed<S>.json. */
export interface OfflineResult extends OfflineJob {
  readonly score: number;
  readonly scoreOurs: number;
  readonly meanReturn: number;
  readonly successRate: number;
  readonly evalEpisodes: number;
  readonly taskMetrics: Readonly<Record<string, number>>;
  readonly steps: number;
  readonly seconds: number;
  readonly tokens: number;
  readonly tokensPerSec: number;
  readonly path: string;
  readonly threads: number | null;
  readonly commit: string;
  readonly date: string;
  /** The resolved config without machine-specific paths: a results file is reused only when it matches. */
  readonly config: Record<string, unknown>;
  /** Online methods: rollout throughput and the learning curve. */
  readonly online?: OnlineSummary;
}

/** What an online run adds to its results file. */
export interface OnlineSummary {
  /** Episodes rolled out per second of rollout time, averaged over rounds. */
  readonly episodesPerSec: number;
  /** Generated (action) tokens per second of rollout time. */
  readonly genTokPerSec: number;
  /** Share of a round's wall time spent in rollouts (the rest: scoring and updates). */
  readonly rolloutShare: number;
  /** The normalised score (paper anchors) of each round's rollouts. */
  readonly curve: readonly number[];
}

const JOB_ENTRY = fileURLToPath(new URL("./offline-job.ts", import.meta.url));

/** Config keys that name places on this machine, not the recipe. */
const PATH_KEYS = ["initCheckpoint", "dataset"];

/** The recipe part of a resolved config (what makes two runs the same experiment). */
export function recipeOf(cfg: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(cfg).sort()) if (!PATH_KEYS.includes(k) || (k === "dataset" && (cfg[k] === "memory" || cfg[k] === "file"))) out[k] = cfg[k];
  return out;
}

/** Where runs, logs (and QUICK results) go: OFFLINE_DIR, else runs/bench-offline (runs/bench-offline-quick for QUICK). */
export function benchDir(quick: boolean, env: NodeJS.ProcessEnv = process.env): string {
  return env.OFFLINE_DIR ?? projectPath("runs", quick ? "bench-offline-quick" : "bench-offline");
}

/** data/results; QUICK runs or an OFFLINE_DIR keep theirs in <bench dir>/results (never mixed with the real ones). */
export function resultsRoot(quick: boolean, env: NodeJS.ProcessEnv = process.env): string {
  return quick || env.OFFLINE_DIR ? join(benchDir(quick, env), "results") : projectPath("data", "results");
}

export function resultPath(root: string, j: OfflineJob): string {
  return join(root, j.env, `${j.algorithm}-seed${j.seed}.json`);
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
  return recipeOf(algorithmConfig(getAlgorithm(j.algorithm), getEnvSpec(j.env), layers) as unknown as Record<string, unknown>);
}

/** A results file for this job with the same recipe, or undefined (missing, unreadable or another recipe). */
export function finishedResult(root: string, j: OfflineJob, recipe: Record<string, unknown>): OfflineResult | undefined {
  const p = resultPath(root, j);
  if (!existsSync(p)) return undefined;
  try {
    const r = JSON.parse(readFileSync(p, "utf8")) as OfflineResult;
    return JSON.stringify(r.config) === JSON.stringify(recipe) ? r : undefined;
  } catch {
    return undefined;
  }
}

function commitOf(): string {
  try {
    const head = execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: projectPath(), encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
    // Edits to src's READMEs do not change what a run computes, so they do not mark it dirty.
    const dirty = execFileSync("git", ["status", "--porcelain", "--untracked-files=no", "--", "src", ":(exclude)*.md"], { cwd: projectPath(), encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
    return dirty ? `${head}+dirty` : head;
  } catch {
    return "unknown";
  }
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

async function runJobs(jobs: OfflineJob[], root: string, quick: boolean): Promise<void> {
  const layers = extraLayers();
  const cores = cpus().length;
  const slots = Math.max(1, Math.min(Number(process.env.JOBS ?? cores) || cores, jobs.length));
  // LMRL_THREADS set by the caller wins (e.g. JOBS=1 LMRL_THREADS=1 beside another run on the other core).
  const threads = Math.max(1, Math.floor(Number(process.env.LMRL_THREADS) || cores / slots));
  const commit = commitOf();
  const done = new Set<string>();
  const failed = new Set<string>();
  const key = (j: OfflineJob): string => `${j.env}/${j.algorithm}/${j.seed}`;
  const needs = (j: OfflineJob): OfflineJob | undefined => (getAlgorithm(j.algorithm).start === "bc" ? { ...j, algorithm: "bc" } : undefined);
  const before = new Map(jobs.map((j) => [key(j), finishedResult(root, j, jobRecipe(j, layers))]));
  // the BC runs whose checkpoints a run still to train starts from
  const bcNeeded = new Set(jobs.filter((o) => !before.get(key(o))).flatMap((o) => { const bc = needs(o); return bc ? [key(bc)] : []; }));
  const pending = jobs.filter((j) => {
    const r = before.get(key(j));
    // A finished BC run is trained again (same seed: same weights) when a run still to train starts from its
    // checkpoint and that checkpoint is gone (runs/ deleted, another machine): the results file alone is not enough.
    const neededCheckpointGone = r !== undefined && bcNeeded.has(key(j)) && !existsSync(join(runDirOf(quick, j), "checkpoints", "latest", "state.json"));
    if (r && !neededCheckpointGone) {
      done.add(key(j));
      console.error(`[offline] ${key(j)}: finished before (score ${r.score.toFixed(1)}, ${relative(process.cwd(), resultPath(root, j))}); skipped`);
    }
    if (neededCheckpointGone) console.error(`[offline] ${key(j)}: finished before, but its checkpoint (needed by a run to train) is gone; training it again`);
    return !r || neededCheckpointGone;
  });
  console.error(`[offline] ${pending.length} run(s) to train, ${done.size} already finished; ${slots} at a time, ${threads} thread(s) each; logs in ${relative(process.cwd(), join(benchDir(quick), "logs"))}`);
  const t0 = Date.now();
  const running = new Set<Promise<void>>();
  while (pending.length > 0 || running.size > 0) {
    // start every job whose BC is done (or not needed), up to the slot count
    for (let i = 0; i < pending.length && running.size < slots; ) {
      const j = pending[i];
      const dep = needs(j);
      if (dep && failed.has(key(dep))) {
        failed.add(key(j));
        console.error(`[offline] ${key(j)}: not run, its BC run failed`);
        pending.splice(i, 1);
        continue;
      }
      if (dep && !done.has(key(dep))) {
        i++;
        continue;
      }
      pending.splice(i, 1);
      const started = Date.now();
      console.error(`[offline] ${key(j)}: started`);
      const log = join(benchDir(quick), "logs", `${j.env}-${j.algorithm}-seed${j.seed}.log`);
      const p: Promise<void> = runChild(j, threads, quick, log)
        .then((r) => {
          const result: OfflineResult = { ...r, config: jobRecipe(j, layers), commit, date: new Date().toISOString() };
          writeFileAtomic(resultPath(root, j), JSON.stringify(result, null, 1) + "\n");
          done.add(key(j));
          console.log(JSON.stringify({ bench: "offline", ...result, config: undefined }));
          console.error(`[offline] ${key(j)}: score ${r.score.toFixed(1)} in ${((Date.now() - started) / 60_000).toFixed(1)} min (${done.size}/${jobs.length} done, ${((Date.now() - t0) / 60_000).toFixed(1)} min so far)`);
        })
        .catch((e: unknown) => {
          failed.add(key(j));
          console.error(`[offline] ${(e as Error).message}`);
        })
        .finally(() => running.delete(p));
      running.add(p);
    }
    if (running.size === 0) break; // nothing runnable: only jobs whose BC failed remain
    await Promise.race(running);
  }
  if (failed.size > 0) {
    process.exitCode = 1;
    console.error(`[offline] ${failed.size} run(s) failed or were skipped: ${[...failed].join(", ")}; rerun the same command to retry them (finished runs are kept)`);
  }
}

/** Every results file under root, grouped by row then algorithm. */
export function readResults(root: string): Map<string, Map<string, OfflineResult[]>> {
  const out = new Map<string, Map<string, OfflineResult[]>>();
  if (!existsSync(root)) return out;
  const rows = readdirSync(root, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
  for (const env of rows.sort()) {
    const dir = join(root, env);
    for (const f of readdirSync(dir).filter((x) => x.endsWith(".json")).sort()) {
      const r = JSON.parse(readFileSync(join(dir, f), "utf8")) as OfflineResult;
      const byAlgo = out.get(r.env) ?? new Map<string, OfflineResult[]>();
      out.set(r.env, byAlgo);
      byAlgo.set(r.algorithm, [...(byAlgo.get(r.algorithm) ?? []), r]);
    }
  }
  return out;
}

/** Mean of each task metric every one of the results has (files written before a metric existed lack it). */
export function sharedMetricMeans(rs: readonly OfflineResult[]): Record<string, number> {
  const keys = Object.keys(rs[0]?.taskMetrics ?? {}).filter((k) => rs.every((r) => typeof r.taskMetrics[k] === "number"));
  return Object.fromEntries(keys.map((k) => [k, mean(rs.map((r) => r.taskMetrics[k]))]));
}

/** The summary rows (row × algorithm over every results file under root), in the registry's row order. */
export function summaryRows(root: string): Record<string, unknown>[] {
  const all = readResults(root);
  const rows: Record<string, unknown>[] = [];
  for (const spec of ENV_SPECS) {
    for (const [algo, rs] of all.get(spec.id) ?? []) {
      const scores = rs.map((r) => r.score);
      rows.push({
        bench: "offline", summary: true, env: spec.id, algorithm: algo, seeds: rs.map((r) => r.seed),
        scoreMean: +mean(scores).toFixed(2), scoreCi95: rs.length > 1 ? +ci95(scores).toFixed(2) : null,
        ciMethod: rs.length > 1 ? `95% Student-t CI over ${rs.length} seeds` : "one seed: no interval",
        paperScore: spec.paperScores?.[paperKey(algo)] ?? null,
        taskMetricsMean: Object.fromEntries(Object.entries(sharedMetricMeans(rs)).map(([k, v]) => [k, +v.toFixed(3)])),
        minutesPerRun: +mean(rs.map((r) => r.seconds / 60)).toFixed(1), commits: [...new Set(rs.map((r) => r.commit))],
      });
    }
  }
  return rows;
}

/** The four methods of the paper's offline columns, in its order, with their table names. */
const METHOD_COLUMNS: readonly (readonly [string, string])[] = [["bc", "BC"], ["pbc", "%BC"], ["mc", "MC Returns"], ["ilql", "ILQL"]];

/** The online methods (paper Table 2's PPO and online %BC columns, then GRPO, beyond the paper). */
const ONLINE_COLUMNS: readonly (readonly [string, string])[] = [["ppo", "PPO"], ["online-bc", "online %BC"], ["grpo", "GRPO"]];

/** The key of a method in an EnvSpec's paperScores (online %BC is "online-pbc" there). */
function paperKey(algo: string): string {
  return algo === "online-bc" ? "online-pbc" : algo;
}

const fmt = (x: number): string => x.toFixed(1);

/** "50.5 ± 2.8" (Student-t over the seeds), or the one score when there is one seed. */
function cellOf(rs: readonly OfflineResult[]): string {
  const scores = rs.map((r) => r.score);
  return rs.length > 1 ? `${fmt(mean(scores))} ± ${fmt(ci95(scores))}` : fmt(scores[0]);
}

/** One line per row × the four methods: mean ± 95% Student-t CI over seeds, the paper's Table-2 cells beside them. */
function summaryTable(all: Map<string, Map<string, OfflineResult[]>>, specs: readonly EnvSpec[]): string[] {
  const lines = ["| row | seeds | BC | %BC | MC Returns | ILQL | paper BC / %BC / MC / ILQL |", "|---|---|---|---|---|---|---|"];
  for (const spec of specs) {
    const byAlgo = all.get(spec.id)!;
    const seeds = [...new Set([...byAlgo.values()].flatMap((rs) => rs.map((r) => r.seed)))].sort((a, b) => a - b);
    // a method with fewer seeds than its row says which ones it has
    const cellFor = (rs: readonly OfflineResult[]): string => cellOf(rs) + (rs.length < seeds.length ? ` (seed${rs.length > 1 ? "s" : ""} ${rs.map((r) => r.seed).sort((a, b) => a - b).join(", ")})` : "");
    const cells = METHOD_COLUMNS.map(([a]) => (byAlgo.has(a) ? cellFor(byAlgo.get(a)!) : "–"));
    const paper = METHOD_COLUMNS.map(([a]) => spec.paperScores?.[a] ?? "–").join(" / ");
    lines.push(`| ${spec.id} | ${seeds.join(", ")} | ${cells.join(" | ")} | ${paper} |`);
  }
  return lines;
}

/**
 * One line per row with online results: each online method's mean ± 95% t-CI beside the BC start (the
 * same seeds' BC runs), the paper's PPO and online %BC cells, and rollout throughput (mean over runs).
 */
function onlineTable(all: Map<string, Map<string, OfflineResult[]>>, specs: readonly EnvSpec[]): string[] {
  const lines = [
    "| row | seeds | BC (start) | PPO | online %BC | GRPO | paper PPO / online %BC | episodes/s | generated tok/s | rollout share of wall time | minutes per run |",
    "|---|---|---|---|---|---|---|---|---|---|---|",
  ];
  for (const spec of specs) {
    const byAlgo = all.get(spec.id)!;
    const online = ONLINE_COLUMNS.flatMap(([a]) => byAlgo.get(a) ?? []);
    if (online.length === 0) continue;
    const seeds = [...new Set(online.map((r) => r.seed))].sort((a, b) => a - b);
    const bc = (byAlgo.get("bc") ?? []).filter((r) => seeds.includes(r.seed));
    const cells = ONLINE_COLUMNS.map(([a]) => (byAlgo.has(a) ? cellOf(byAlgo.get(a)!) : "–"));
    const avg = (f: (o: OnlineSummary) => number) => mean(online.filter((r) => r.online).map((r) => f(r.online!)));
    const paper = ["ppo", "online-pbc"].map((k) => spec.paperScores?.[k] ?? "–").join(" / ");
    lines.push(
      `| ${spec.id} | ${seeds.join(", ")} | ${bc.length ? cellOf(bc) : "–"} | ${cells.join(" | ")} | ${paper} | ${fmt(avg((o) => o.episodesPerSec))} | ${Math.round(avg((o) => o.genTokPerSec))} | ${avg((o) => o.rolloutShare).toFixed(2)} | ${fmt(mean(online.map((r) => r.seconds / 60)))} |`,
    );
  }
  return lines;
}

/** One line per method of a row: every seed's score, the evaluation size, wall time, task metrics (e.g. Wordle's invalid-guess rate), commits. */
function rowTable(byAlgo: Map<string, OfflineResult[]>, spec: EnvSpec): string[] {
  const lines = ["| method | seeds | scores | mean ± 95% t-CI | paper | episodes per evaluation | minutes per run | task metrics (mean) | commits |", "|---|---|---|---|---|---|---|---|---|"];
  for (const [a, name] of [...METHOD_COLUMNS, ...ONLINE_COLUMNS]) {
    const rs = [...(byAlgo.get(a) ?? [])].sort((x, y) => x.seed - y.seed);
    if (rs.length === 0) continue;
    const metrics = Object.entries(sharedMetricMeans(rs)).map(([k, v]) => `${k} ${v.toFixed(3)}`).join(", ") || "–";
    const episodes = [...new Set(rs.map((r) => r.evalEpisodes))].join(", ");
    lines.push(`| ${name} | ${rs.map((r) => r.seed).join(", ")} | ${rs.map((r) => fmt(r.score)).join(" / ")} | ${cellOf(rs)} | ${spec.paperScores?.[paperKey(a)] ?? "–"} | ${episodes} | ${fmt(mean(rs.map((r) => r.seconds / 60)))} | ${metrics} | ${[...new Set(rs.map((r) => r.commit))].join(", ")} |`);
  }
  return lines;
}

/**
 * Markdown tables of the results under root (what the READMEs show, so they are regenerated, not typed):
 * the summary over rows, then each row's per-seed table.
 */
export function markdownTables(root: string, envs?: readonly string[]): string {
  const all = readResults(root);
  const specs = ENV_SPECS.filter((s) => all.has(s.id) && (!envs || envs.includes(s.id)));
  if (specs.length === 0) return "";
  const lines = summaryTable(all, specs);
  const online = onlineTable(all, specs);
  if (online.length > 2) lines.push("", "online methods:", "", ...online);
  for (const spec of specs) lines.push("", `${spec.id}:`, "", ...rowTable(all.get(spec.id)!, spec));
  return lines.join("\n") + "\n";
}

/**
 * Replace what stands between `<!-- offline-results:NAME -->` and the next `<!-- /offline-results -->`
 * in text; text without the marker is returned unchanged.
 */
export function replaceResultsBlock(text: string, name: string, table: string): string {
  const open = `<!-- offline-results:${name} -->`;
  const close = "<!-- /offline-results -->";
  const i = text.indexOf(open);
  if (i < 0) return text;
  const j = text.indexOf(close, i);
  if (j < 0) throw new Error(`"${open}" has no "${close}" after it`);
  return `${text.slice(0, i + open.length)}\n${table.trimEnd()}\n${text.slice(j)}`;
}

/**
 * README_TABLES=1: write the tables into the READMEs' marked blocks — the summary over every row into
 * README.md (`offline-results:all`), each row's table into its task README (`offline-results:<row>`).
 * Returns the files changed.
 */
export function updateReadmeTables(root: string, projectRoot = projectPath()): string[] {
  const all = readResults(root);
  const specs = ENV_SPECS.filter((s) => all.has(s.id));
  const files = [join(projectRoot, "README.md"), ...readdirSync(join(projectRoot, "src", "tasks"), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => join(projectRoot, "src", "tasks", d.name, "README.md"))];
  const changed: string[] = [];
  for (const f of files.filter((x) => existsSync(x))) {
    const before = readFileSync(f, "utf8");
    let after = replaceResultsBlock(before, "all", summaryTable(all, specs).join("\n"));
    after = replaceResultsBlock(after, "online", onlineTable(all, specs).join("\n"));
    for (const spec of specs) after = replaceResultsBlock(after, spec.id, rowTable(all.get(spec.id)!, spec).join("\n"));
    if (after !== before) {
      writeFileAtomic(f, after);
      changed.push(relative(projectRoot, f));
    }
  }
  return changed;
}

/** Print the rows asked for (all when envs is undefined), write summary.json over every results file, and the markdown tables to stderr. */
function printSummary(root: string, envs?: readonly string[]): void {
  const rows = summaryRows(root);
  for (const r of rows) if (!envs || envs.includes(r.env as string)) console.log(JSON.stringify(r));
  if (rows.length > 0) writeFileAtomic(join(root, "summary.json"), JSON.stringify(rows, null, 1) + "\n");
  const md = markdownTables(root, envs);
  if (md) console.error(`\n${md}`);
  if (process.env.README_TABLES === "1") {
    const changed = updateReadmeTables(root);
    console.error(`[offline] README tables ${changed.length ? `rewritten in ${changed.join(", ")}` : "unchanged"}`);
  }
}
