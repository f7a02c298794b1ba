/**
 * The offline bench's scheduler (bench/offline.ts): which runs it plans, when a results file counts as
 * finished, and one real invocation end to end (QUICK budget, two child processes, a results file per
 * run, a summary, and a second invocation that trains nothing).
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { describe, it } from "node:test";
import { algorithmConfig, getAlgorithm } from "../src/algorithms/index";
import { recordedDataset } from "../src/algorithms/trainer";
import { datasetPath, generateDatasets } from "../src/core/generate";
import { getEnvSpec } from "../src/tasks/index";
import { finishedResult, jobRecipe, markdownTables, planJobs, recipeOf, replaceResultsBlock, resultPath, resultsRoot, sharedMetricMeans, updateReadmeTables, type OfflineResult } from "../bench/offline";
import { projectPath } from "../src/core/paths";

describe("offline bench", () => {
  it("plans BC first for every (row, seed) whose MC or ILQL needs its checkpoint, once, in the asked order", () => {
    const jobs = planJobs(["maze-fo"], ["ilql", "mc"], [0, 1]).map((j) => `${j.algorithm}-${j.seed}`);
    assert.deepEqual(jobs, ["bc-0", "ilql-0", "mc-0", "bc-1", "ilql-1", "mc-1"]);
    assert.deepEqual(planJobs(["maze-po"], ["pbc"], [2]).map((j) => j.algorithm), ["pbc"], "%BC trains from scratch: no BC run is added");
    assert.deepEqual(planJobs(["maze-fo"], ["bc", "%bc", "bc"], [0]).map((j) => j.algorithm), ["bc", "pbc"], "aliases resolve and duplicates go");
  });

  it("a run on a dataset file records \"memory\" only when the file's header names the very trajectories in-memory generation makes", async () => {
    const root = mkdtempSync(join(tmpdir(), "lmrl-recorded-"));
    try {
      const spec = getEnvSpec("maze-fo");
      await generateDatasets(spec, { n: 6, seed: 4, out: root });
      await generateDatasets(getEnvSpec("maze-po"), { n: 6, seed: 4, out: root });
      const file = datasetPath(root, "maze-fo");
      const cfg = (layer: Record<string, unknown>) => algorithmConfig(getAlgorithm("bc"), spec, [{ datasetSize: 6, datasetSeed: 4, dataset: file, ...layer }]);
      assert.equal(recordedDataset(spec, cfg({})), "memory");
      assert.equal(recordedDataset(spec, cfg({ datasetSize: 7 })), file, "another size");
      assert.equal(recordedDataset(spec, cfg({ datasetSeed: 5 })), file, "another seed");
      assert.equal(recordedDataset(spec, cfg({ dataset: datasetPath(root, "maze-po") })), datasetPath(root, "maze-po"), "another row's file (same episodes, other text)");
      const patched = (name: string, patch: Record<string, unknown>): string => {
        const [head, ...rest] = readFileSync(file, "utf8").split("\n");
        const p = join(root, `${name}.jsonl`);
        writeFileSync(p, [JSON.stringify({ ...JSON.parse(head), ...patch }), ...rest].join("\n"));
        return p;
      };
      assert.equal(recordedDataset(spec, cfg({ dataset: patched("same", {}) })), "memory", "a copy with the same header");
      for (const [name, patch] of [["split", { split: "eval" }], ["generator", { generator: "another policy" }], ["version", { version: 99 }]] as const) {
        const p = patched(name, patch);
        assert.equal(recordedDataset(spec, cfg({ dataset: p })), p, `another ${name}`);
      }
      assert.equal(recordedDataset(spec, cfg({ dataset: join(root, "missing.jsonl") })), join(root, "missing.jsonl"));
      const bad = join(root, "bad.jsonl");
      writeFileSync(bad, "{ not json\n");
      assert.equal(recordedDataset(spec, cfg({ dataset: bad })), bad, "an unreadable header is not trusted");
      const headerless = join(root, "headerless.jsonl");
      writeFileSync(headerless, readFileSync(file, "utf8").split("\n").slice(1).join("\n"));
      assert.equal(recordedDataset(spec, cfg({ dataset: headerless })), headerless, "a hand-made file without a header");
      // so a bench job on the matching file has the recipe of the same job in memory (reproduce's cells)
      const job = { env: "maze-fo", algorithm: "bc", seed: 0 };
      assert.deepEqual(jobRecipe(job, [{ datasetSize: 6, datasetSeed: 4, dataset: file }]), jobRecipe(job, [{ datasetSize: 6, datasetSeed: 4, dataset: "memory" }]));
      assert.equal(jobRecipe(job, [{ datasetSize: 6, datasetSeed: 4, dataset: file }]).dataset, "memory");
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it("a results file counts as finished only with the same recipe; machine paths are not part of the recipe", () => {
    assert.deepEqual(recipeOf({ steps: 5, initCheckpoint: "/a/b", dataset: "/x.jsonl" }), { steps: 5 });
    assert.deepEqual(recipeOf({ dataset: "memory", b: 1, a: 2 }), { a: 2, b: 1, dataset: "memory" });
    const root = mkdtempSync(join(tmpdir(), "lmrl-offline-"));
    try {
      const job = { env: "maze-fo", algorithm: "bc", seed: 0 };
      const recipe = jobRecipe(job, []);
      assert.equal(finishedResult(root, job, recipe), undefined, "no file: not finished");
      mkdirSync(dirname(resultPath(root, job)), { recursive: true });
      writeFileSync(resultPath(root, job), "{ truncated");
      assert.equal(finishedResult(root, job, recipe), undefined, "an unreadable file is retrained, not trusted");
      writeFileSync(resultPath(root, job), JSON.stringify({ ...job, score: 50, config: recipe }));
      assert.equal(finishedResult(root, job, recipe)?.score, 50);
      assert.equal(finishedResult(root, job, jobRecipe(job, [{ steps: 7 }])), undefined, "another steps value is another experiment");
      // the tokenizer: a file that records another one is another experiment; one from before it was recorded is trusted
      assert.equal(finishedResult(root, job, recipe, "aaaaaaaaaaaa")?.score, 50, "no tokenizer recorded: trusted");
      writeFileSync(resultPath(root, job), JSON.stringify({ ...job, score: 50, config: recipe, tokenizer: "aaaaaaaaaaaa" }));
      assert.equal(finishedResult(root, job, recipe, "aaaaaaaaaaaa")?.score, 50);
      assert.equal(finishedResult(root, job, recipe, "bbbbbbbbbbbb"), undefined, "another tokenizer");
      assert.equal(finishedResult(root, job, recipe)?.score, 50, "no tokenizer asked for: not checked");
      // a method that starts from BC: finished only while the seed's BC file holds the BC recipe it would start from
      const mc = { ...job, algorithm: "mc" };
      writeFileSync(resultPath(root, mc), JSON.stringify({ ...mc, score: 30, config: { steps: 3 } }));
      assert.equal(finishedResult(root, mc, { steps: 3 }, undefined, recipe)?.score, 30);
      assert.equal(finishedResult(root, mc, { steps: 3 }, undefined, jobRecipe(job, [{ steps: 7 }])), undefined, "its BC start changed");
      // ...and only while that BC file is the BC it started from: a BC rerun after it (its file rewritten, the
      // recipe now current) leaves the run's cell standing from the old BC (Car Dealer's MC, 2026-12-05)
      const bcAt = (date: string, train?: string): void => writeFileSync(resultPath(root, job), JSON.stringify({ ...job, score: 50, config: recipe, date, ...(train ? { stages: { train, eval: "e" } } : {}) }));
      const mcAt = (date: string, start?: string): void => writeFileSync(resultPath(root, mc), JSON.stringify({ ...mc, score: 30, config: { steps: 3 }, date, ...(start ? { start: { train: start } } : {}) }));
      bcAt("2026-12-05T10:53:00Z");
      mcAt("2026-12-05T11:03:00Z");
      assert.equal(finishedResult(root, mc, { steps: 3 }, undefined, recipe)?.score, 30, "trained after its BC");
      bcAt("2026-12-05T19:06:00Z");
      assert.equal(finishedResult(root, mc, { steps: 3 }, undefined, recipe), undefined, "its BC was rerun after it");
      // the BC training stage it names settles it, whatever the dates say (a BC evaluation that finished after it)
      bcAt("2026-12-05T19:06:00Z", "aaaaaaaaaaaa");
      mcAt("2026-12-05T11:03:00Z", "aaaaaaaaaaaa");
      assert.equal(finishedResult(root, mc, { steps: 3 }, undefined, recipe)?.score, 30, "the same BC stage");
      // another stage hash is a BC start trained again for a rerun (same recipe and seed, same weights) while
      // the BC file was reused: finished; a BC file newer than the run is a later BC: not
      mcAt("2026-12-05T23:00:00Z", "bbbbbbbbbbbb");
      assert.equal(finishedResult(root, mc, { steps: 3 }, undefined, recipe)?.score, 30, "BC retrained for the rerun, its file reused");
      mcAt("2026-12-05T11:03:00Z", "bbbbbbbbbbbb");
      assert.equal(finishedResult(root, mc, { steps: 3 }, undefined, recipe), undefined, "another BC stage and a later BC file");
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it("markdown tables: mean ± Student-t 95% CI per row × method beside the paper's cells, and per-seed lines", () => {
    const root = mkdtempSync(join(tmpdir(), "lmrl-offline-md-"));
    try {
      const put = (algorithm: string, seed: number, score: number, taskMetrics: Record<string, number> = {}) => {
        const p = resultPath(root, { env: "maze-po", algorithm, seed });
        mkdirSync(dirname(p), { recursive: true });
        writeFileSync(p, JSON.stringify({ env: "maze-po", algorithm, seed, score, seconds: 120, evalEpisodes: 200, taskMetrics, commit: "abc1234" }));
      };
      put("bc", 0, 40);
      put("bc", 1, 50);
      put("bc", 2, 60);
      put("ilql", 0, 70, { invalid_rate: 0.5 });
      const md = markdownTables(root);
      // mean 50, sd 10, t(0.975, 2) = 4.303: half-width 4.303 * 10 / sqrt(3) = 24.84
      assert.match(md, /\| maze-po \| 0, 1, 2 \| 50\.0 ± 24\.8 \| – \| – \| 70\.0 \(seed 0\) \| 53\.1 \/ 50\.1 \/ 52\.4 \/ 76\.3 \|/);
      assert.match(md, /\| BC \| 0, 1, 2 \| 40\.0 \/ 50\.0 \/ 60\.0 \| 50\.0 ± 24\.8 \| 53\.1 \| 200 \| 2\.0 \| – \| abc1234 \|/);
      assert.match(md, /\| ILQL \| 0 \| 70\.0 \| 70\.0 \| 76\.3 \| 200 \| 2\.0 \| invalid_rate 0\.500 \| abc1234 \|/);
      assert.equal(markdownTables(root, ["wordle"]), "", "rows without results print nothing");
      // README_TABLES=1: the marked blocks of README.md and of the row's task README are rewritten, nothing else
      const project = join(root, "project");
      mkdirSync(join(project, "src", "tasks", "maze"), { recursive: true });
      mkdirSync(join(project, "src", "tasks", "wordle"), { recursive: true });
      writeFileSync(join(project, "README.md"), "intro\n<!-- offline-results:all -->\nold\n<!-- /offline-results -->\nafter\n");
      writeFileSync(join(project, "src", "tasks", "maze", "README.md"), "a\n<!-- offline-results:maze-po -->\n<!-- /offline-results -->\nb\n");
      writeFileSync(join(project, "src", "tasks", "wordle", "README.md"), "no marker\n");
      assert.deepEqual(updateReadmeTables(root, project).sort(), ["README.md", join("src", "tasks", "maze", "README.md")]);
      const main = readFileSync(join(project, "README.md"), "utf8");
      assert.match(main, /^intro\n<!-- offline-results:all -->\n\| row \| seeds \|.*\n\|---.*\n\| maze-po \| 0, 1, 2 \| 50\.0 ± 24\.8 .*\n<!-- \/offline-results -->\nafter\n$/);
      assert.match(readFileSync(join(project, "src", "tasks", "maze", "README.md"), "utf8"), /^a\n<!-- offline-results:maze-po -->\n\| method .*\n\|---.*\n\| BC .*\n\| ILQL .*\n<!-- \/offline-results -->\nb\n$/);
      assert.deepEqual(updateReadmeTables(root, project), [], "a second run changes nothing");
      assert.equal(replaceResultsBlock("x", "all", "t"), "x");
      assert.throws(() => replaceResultsBlock("<!-- offline-results:all -->", "all", "t"), /has no "<!-- \/offline-results -->"/);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it("online table: each online method beside the same seeds' BC start, the paper's PPO / online %BC cells and rollout throughput", () => {
    const root = mkdtempSync(join(tmpdir(), "lmrl-online-md-"));
    try {
      const put = (algorithm: string, seed: number, score: number, online?: object) => {
        const p = resultPath(root, { env: "text-nav-po", algorithm, seed });
        mkdirSync(dirname(p), { recursive: true });
        writeFileSync(p, JSON.stringify({ env: "text-nav-po", algorithm, seed, score, seconds: 600, evalEpisodes: 256, taskMetrics: {}, commit: "abc1234", ...(online ? { online } : {}) }));
      };
      put("bc", 0, 20);
      put("bc", 1, 30);
      put("bc", 5, 99); // a seed with no online run: not the start of any
      put("ppo", 0, 60, { episodesPerSec: 4, genTokPerSec: 300, rolloutShare: 0.5, curve: [20, 60] });
      put("ppo", 1, 70, { episodesPerSec: 6, genTokPerSec: 500, rolloutShare: 0.7, curve: [30, 70] });
      const md = markdownTables(root);
      // BC start over seeds 0, 1: mean 25, sd 7.071, t(0.975, 1) = 12.706: ± 63.5; PPO 65 ± 63.5
      assert.match(md, /\| text-nav-po \| 0, 1 \| 25\.0 ± 63\.5 \| 65\.0 ± 63\.5 \| – \| – \| 85\.5 \/ [0-9.]+ \| 5\.0 \| 400 \| 0\.60 \| 10\.0 \|/);
      assert.match(md, /\| PPO \| 0, 1 \| 60\.0 \/ 70\.0 \| 65\.0 ± 63\.5 \| 85\.5 \|/);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it("task metrics: the mean of each metric every seed has; a metric older results files lack is left out", () => {
    const r = (taskMetrics: Record<string, number>) => ({ taskMetrics }) as unknown as OfflineResult;
    assert.deepEqual(sharedMetricMeans([r({ invalid_rate: 0.1, wins: 2 }), r({ invalid_rate: 0.3, wins: 4 })]), { invalid_rate: 0.2, wins: 3 });
    assert.deepEqual(sharedMetricMeans([r({ invalid_rate: 0.1, wins: 2 }), r({ wins: 4 })]), { wins: 3 });
    assert.deepEqual(sharedMetricMeans([]), {});
  });

  it("QUICK results never land in data/results", () => {
    assert.equal(resultsRoot(false, {}), projectPath("data", "results"));
    assert.notEqual(resultsRoot(true, {}), projectPath("data", "results"));
    assert.equal(resultsRoot(false, { OFFLINE_DIR: "/tmp/o" }), join("/tmp/o", "results"));
  });

  it("end to end: MC on one seed runs BC then MC in child processes, writes both results and a summary; a rerun trains nothing; a lost BC checkpoint is rebuilt", () => {
    const dir = mkdtempSync(join(tmpdir(), "lmrl-offline-e2e-"));
    try {
      const env = { ...process.env, QUICK: "1", OFFLINE_DIR: dir, ENVS: "maze-fo", ALGOS: "mc", SEEDS: "0", JOBS: "2" };
      const run = () => spawnSync(process.execPath, ["--import", "tsx", "bench/index.ts", "offline"], { cwd: projectPath(), env, encoding: "utf8", timeout: 300_000 });
      const first = run();
      assert.equal(first.status, 0, `bench failed:\n${first.stderr.slice(-2000)}`);
      for (const algo of ["bc", "mc"]) {
        const r = JSON.parse(readFileSync(join(dir, "results", "maze-fo", `${algo}-seed0.json`), "utf8"));
        assert.equal(r.algorithm, algo);
        assert.equal(r.steps, 20);
        assert.ok(Number.isFinite(r.score) && r.evalEpisodes === 10 && r.commit.length > 0, JSON.stringify(r));
        assert.ok(existsSync(join(dir, "logs", `maze-fo-${algo}-seed0.log`)));
      }
      const summary = JSON.parse(readFileSync(join(dir, "results", "summary.json"), "utf8")) as { algorithm: string; seeds: number[] }[];
      assert.deepEqual(summary.map((s) => s.algorithm).sort(), ["bc", "mc"]);
      const second = run();
      assert.equal(second.status, 0, second.stderr.slice(-2000));
      assert.match(second.stderr, /2 stages: 2 finished before, 0 to run/);
      assert.doesNotMatch(second.stderr, /started/);
      // runs/ lost (new machine): MC must train again, and the BC checkpoint it starts from is rebuilt first
      rmSync(join(dir, "maze-fo"), { recursive: true, force: true });
      rmSync(join(dir, "results", "maze-fo", "mc-seed0.json"));
      const third = run();
      assert.equal(third.status, 0, third.stderr.slice(-2000));
      assert.match(third.stderr, /maze-fo\/bc\/seed0: finished before, but its checkpoint .* is gone; training it again/);
      assert.match(third.stderr, /2 stages: 0 finished before, 2 to run/);
      assert.match(third.stderr, /maze-fo\/bc\/seed0: done in [\d.]+ min\n(.|\n)*maze-fo\/mc\/seed0: started/, "BC before the MC run that starts from it");
      assert.ok(existsSync(join(dir, "results", "maze-fo", "mc-seed0.json")));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
