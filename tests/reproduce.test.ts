/**
 * `lmrl reproduce`: the pipeline's hashing, scheduling, skipping and failure handling (in-process, with
 * stages that write files), the comparison with the paper (on hand-written results files), the preset
 * budgets, and one real run end to end in a child process — killed midway and resumed without redoing
 * finished stages.
 */
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { appendFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { describe, it } from "node:test";
import { algorithmConfig, getAlgorithm } from "../src/algorithms/index";
import { projectRoot } from "../src/core/paths";
import { tokenizerHash } from "../src/model/tokenizer";
import { compareResults, comparisonMarkdown, meanCell, orderings, writeComparison, type SummaryRecord } from "../src/report/compare";
import { canonicalJson, isDone, planStages, runPipeline, writeDone, type StageSpec } from "../src/core/pipeline";
import { costByRow, isFullCell, planReproduce, presetLayer, PRESETS, protocolEvalSeed, stageDataset, withMeasuredCosts, writeResultFiles, type EvalOutput, type TrainOutput } from "../src/reproduce";
import { curveRunOf, learningCurves, paperScatter, scoreBars } from "../src/report/reproduce-figures";
import { curveOf, lossOf, onlineSummaryOf, onlineTable, readResults, recipeOf, resultPath, type OfflineResult } from "../src/report/results";
import { ENV_SPECS, getEnvSpec } from "../src/tasks/index";
import { readTrajectories, trajectoryToJson } from "../src/core/dataset";
import { datasetPath, generateDatasets, splitTrajectories } from "../src/core/generate";
import type { Trajectory } from "../src/core/types";

const tmp = (tag: string) => mkdtempSync(join(tmpdir(), `lmrl-repro-${tag}-`));
/** A train stage's done.json as the stage writes it, with the fields a test cares about given. */
const trainOutput = (o: Partial<TrainOutput>): TrainOutput => ({ steps: 1, seconds: 1, tokens: 1, tokensPerSec: 1, path: "native", threads: 1, commit: "abc", recipe: {}, trainScore: 0, curve: [], loss: [], ...o });
/** An eval stage's done.json (32 episodes on the protocol's seed for seed 0). */
const evalOutput = (o: Partial<EvalOutput>): EvalOutput => ({ score: 0, scoreOurs: 0, meanReturn: 0, successRate: 0, meanLength: 1, invalidRate: 0, episodes: 32, evalSeed: 10_000, taskMetrics: {}, seconds: 1, ...o });
const stage = (id: string, deps: string[] = [], params: Record<string, unknown> = {}): StageSpec => ({ id, kind: id.split("/")[0], params, deps, cost: 1 });

describe("pipeline", () => {
  it("hashes kind, params, dependencies and code: a change anywhere upstream gives a new folder, key order does not", () => {
    assert.equal(canonicalJson({ b: 1, a: [{ d: 2, c: 3 }] }), canonicalJson({ a: [{ c: 3, d: 2 }], b: 1 }));
    const plan = (dataN: number, code = "v1", trainSteps = 5) => planStages([stage("data/x", [], { n: dataN }), stage("train/x", ["data/x"], { steps: trainSteps })], { root: "/r", codeVersion: code });
    const [d1, t1] = plan(10);
    const [d2, t2] = plan(10);
    assert.equal(d1.hash, d2.hash);
    assert.equal(t1.dir, t2.dir);
    assert.match(t1.dir, /^\/r\/train\/x-[0-9a-f]{12}$/);
    const [d3, t3] = plan(11);
    assert.notEqual(d3.hash, d1.hash);
    assert.notEqual(t3.hash, t1.hash, "the train stage's own params are unchanged, but its input changed");
    assert.notEqual(plan(10, "v2")[0].hash, d1.hash, "another code version");
    assert.equal(plan(10, "v1", 6)[0].hash, d1.hash, "a downstream change leaves upstream stages alone");
    assert.throws(() => planStages([stage("train/x", ["data/x"])], { root: "/r", codeVersion: "v" }), /depends on "data\/x", which is not planned before it/);
    assert.throws(() => planStages([stage("a/x"), stage("a/x")], { root: "/r", codeVersion: "v" }), /two stages are called "a\/x"/);
  });

  it("runs dependencies first, at most `jobs` at a time; a rerun runs nothing; a failure stops only what needs it", async () => {
    const root = tmp("pipe");
    try {
      const specs = [stage("data/a"), stage("data/b"), stage("train/a", ["data/a"]), stage("train/b", ["data/b"]), stage("eval/a", ["train/a"]), stage("eval/b", ["train/b"])];
      const stages = planStages(specs, { root, codeVersion: "v" });
      const order: string[] = [];
      let live = 0;
      let peak = 0;
      const execute = async (s: (typeof stages)[number]) => {
        live++;
        peak = Math.max(peak, live);
        for (const d of s.deps) assert.ok(order.includes(d), `${s.id} started before ${d} finished`);
        await new Promise((r) => setTimeout(r, 20));
        order.push(s.id);
        live--;
        writeDone(s, { id: s.id });
      };
      const r1 = await runPipeline(stages, { jobs: 2, execute, progress: "off", log: () => {} });
      assert.equal(r1.ran.length, 6);
      assert.equal(peak, 2, "two independent chains run side by side, never more than jobs");
      const r2 = await runPipeline(stages, { jobs: 2, execute: async () => assert.fail("a finished stage ran again"), progress: "off", log: () => {} });
      assert.equal(r2.reused.length, 6);
      assert.equal(r2.ran.length, 0);

      // fresh root: train/a fails (throws), train/b ends without done.json; data/* and nothing downstream of the failures
      const root2 = tmp("pipe-fail");
      const stages2 = planStages(specs, { root: root2, codeVersion: "v" });
      const ran: string[] = [];
      const r3 = await runPipeline(stages2, {
        jobs: 1,
        progress: "off",
        log: () => {},
        execute: async (s) => {
          ran.push(s.id);
          if (s.id === "train/a") throw new Error("boom");
          if (s.id !== "train/b") writeDone(s, {});
        },
      });
      assert.deepEqual([...r3.failed.keys()].sort(), ["eval/a", "eval/b", "train/a", "train/b"]);
      assert.match(r3.failed.get("train/a")!, /boom/);
      assert.match(r3.failed.get("train/b")!, /without writing done\.json/);
      assert.equal(r3.failed.get("eval/a"), "not run: train/a failed");
      assert.ok(!ran.includes("eval/a") && !ran.includes("eval/b"));
      assert.ok(isDone(stages2[0]) && isDone(stages2[1]));
      rmSync(root2, { recursive: true, force: true });
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it("one at a time: the longest chain first, ties in plan order, and the stages marked `first` as soon as they are ready", async () => {
    // two seeds of a training chain (train → eval) plus a long independent train: chain costs say
    // long (5) before train/a, train/b (2 + 1 each), evals last
    const specs: StageSpec[] = [
      { id: "train/a", kind: "train", params: {}, deps: [], cost: 2 },
      { id: "eval/a", kind: "eval", params: {}, deps: ["train/a"], cost: 1 },
      { id: "train/b", kind: "train", params: {}, deps: [], cost: 2 },
      { id: "eval/b", kind: "eval", params: {}, deps: ["train/b"], cost: 1 },
      { id: "train/long", kind: "train", params: {}, deps: [], cost: 5 },
    ];
    const run = async (first?: (s: { kind: string }) => boolean): Promise<string[]> => {
      const root = tmp("pipe-order");
      try {
        const order: string[] = [];
        await runPipeline(planStages(specs, { root, codeVersion: "v" }), { jobs: 1, progress: "off", log: () => {}, first, execute: async (s) => { order.push(s.id); writeDone(s, {}); } });
        return order;
      } finally {
        rmSync(root, { recursive: true, force: true });
      }
    };
    assert.deepEqual(await run(), ["train/long", "train/a", "train/b", "eval/a", "eval/b"]);
    assert.deepEqual(await run((s) => s.kind === "eval"), ["train/long", "train/a", "eval/a", "train/b", "eval/b"], "each evaluation right after its training");
  });
});

describe("reproduce plan", () => {
  it("plans data, then BC before what starts from it, then one evaluation per asked method, method by method; BC trained only as a start is not evaluated", () => {
    const plan = planReproduce({ preset: "quick", rows: ["maze-fo"], methods: ["ilql", "pbc"], seeds: 2, out: "/tmp/x" });
    const ids = plan.stages.map((s) => s.id);
    assert.deepEqual(ids, [
      "data/maze-fo",
      "train/maze-fo/bc/seed0", "train/maze-fo/bc/seed1",
      "train/maze-fo/ilql/seed0", "eval/maze-fo/ilql/seed0", "train/maze-fo/ilql/seed1", "eval/maze-fo/ilql/seed1",
      "train/maze-fo/pbc/seed0", "eval/maze-fo/pbc/seed0", "train/maze-fo/pbc/seed1", "eval/maze-fo/pbc/seed1",
    ], "method by method over the seeds (ties in the scheduler go to the earlier stage: a method's seeds finish together)");
    const ilql = plan.stages.find((s) => s.id === "train/maze-fo/ilql/seed1")!;
    assert.deepEqual(ilql.deps, ["data/maze-fo", "train/maze-fo/bc/seed1"]);
    const ev = plan.stages.find((s) => s.id === "eval/maze-fo/pbc/seed1")!;
    assert.equal(ev.params.evalSeed, protocolEvalSeed(1));
    assert.ok((ev.params.evalSeed as number) >= 1000, "evaluation seeds lie outside the tuning range");
    assert.equal(ev.params.episodes, 32, "quick caps the protocol's 800 maze episodes at 32");
    const headline = plan.stages.find((s) => s.id === "eval/maze-fo/ilql/seed0")!;
    assert.equal(headline.params.episodes, getEnvSpec("maze-fo").evaluation.episodes, "quick's check, FO-maze ILQL, is evaluated on the protocol's 800 episodes");
    const bcStart = plan.stages.find((s) => s.id === "train/maze-fo/bc/seed0")!;
    assert.deepEqual(bcStart.params.layers, [{}], "and trained from a BC start at its defaults");
    const full = planReproduce({ preset: "full", rows: ["maze-fo"], methods: ["bc"], out: "/tmp/x" });
    assert.equal(full.seeds.length, 3);
    // --seed 2: exactly that seed (the other core runs seed 1), with its own BC start and evaluation seed
    const only = planReproduce({ preset: "full", rows: ["maze-fo"], methods: ["ilql"], seedList: [2], out: "/tmp/x" });
    assert.deepEqual(only.seeds, [2]);
    assert.deepEqual(only.stages.map((s) => s.id), ["data/maze-fo", "train/maze-fo/bc/seed2", "train/maze-fo/ilql/seed2", "eval/maze-fo/ilql/seed2"]);
    assert.equal(only.stages.find((s) => s.id === "eval/maze-fo/ilql/seed2")!.params.evalSeed, protocolEvalSeed(2));
    assert.throws(() => planReproduce({ preset: "full", rows: ["maze-fo"], methods: ["bc"], seedList: [-1], out: "/tmp/x" }), /--seed takes seeds >= 0/);
    assert.equal(full.stages.find((s) => s.kind === "eval")!.params.episodes, getEnvSpec("maze-fo").evaluation.episodes, "full evaluates on the paper's protocol");
    const data = planReproduce({ preset: "full", rows: ["chess", "maze-fo"], methods: ["bc"], out: "/tmp/x" }).stages.filter((s) => s.kind === "data");
    const dataCost = (row: string) => data.find((s) => s.id === `data/${row}`)!.cost;
    assert.ok(dataCost("chess") >= 1000, `1,000 games against Stockfish take ~1 s each, priced ${dataCost("chess")} s`);
    assert.ok(dataCost("maze-fo") < 60, `maze trajectories come at ~200 a second, priced ${dataCost("maze-fo")} s`);
    assert.throws(() => planReproduce({ preset: "quick", rows: ["mazee"] }), /mazee/);
    const tiny = planReproduce({ preset: "quick", rows: ["maze-fo"], methods: ["ilql"], trainSeconds: 1, out: "/tmp/x" });
    const tinyIlql = tiny.stages.find((s) => s.id === "train/maze-fo/ilql/seed0")!;
    assert.equal((tinyIlql.params.layers as Record<string, unknown>[])[0].steps, PRESETS.quick.minSteps, "a budget from the command line caps the full cell too");
  });

  it("presets: full keeps the rows' defaults; quick takes a tenth of the steps, a time budget caps them, never below the floor nor above the default", () => {
    const fo = getEnvSpec("maze-fo");
    assert.deepEqual(presetLayer(PRESETS.full, fo, "ilql"), {});
    assert.deepEqual(presetLayer(PRESETS.quick, fo, "ilql"), { batchSize: 32, cosine: true }, "FO-maze ILQL is quick's full cell: its recipe at batch 32 with a decaying rate, all 8,000 steps");
    assert.deepEqual(presetLayer(PRESETS.quick, fo, "bc"), {}, "so is the BC it starts from");
    assert.ok(isFullCell(PRESETS.quick, "maze-fo", "bc") && !isFullCell(PRESETS.quick, "maze-fo", "pbc") && !isFullCell(PRESETS.quick, "maze-po", "bc") && !isFullCell(PRESETS.quick, "maze-po", "ilql"));
    assert.ok((presetLayer(PRESETS.quick, fo, "pbc").steps as number) < algorithmConfig(getAlgorithm("pbc"), fo).steps, "the row's other cells are scaled");
    const spec = getEnvSpec("maze-po");
    const ilqlDefault = algorithmConfig(getAlgorithm("ilql"), spec).steps;
    const q = presetLayer(PRESETS.quick, spec, "ilql");
    assert.ok((q.steps as number) < Math.ceil(ilqlDefault / 10) && (q.steps as number) >= PRESETS.quick.minSteps, `quick PO-maze ILQL steps ${q.steps} of ${ilqlDefault}: the time budget caps a tenth`);
    const bcDefault = algorithmConfig(getAlgorithm("bc"), spec).steps;
    const bc = presetLayer(PRESETS.quick, spec, "bc").steps as number;
    assert.ok(bc > bcDefault / 10 && bc <= bcDefault, `PO maze BC is cheap: the time floor gives it more than a tenth (${bc} of ${bcDefault})`);
    assert.equal(presetLayer({ ...PRESETS.quick, floorSeconds: 0 }, getEnvSpec("twenty-questions"), "mc").steps, 20, "a tenth of 200 steps");
    const tq = presetLayer(PRESETS.quick, getEnvSpec("twenty-questions"), "bc").steps as number;
    assert.ok(tq < bc, `20Q's larger vocabulary and blocks make a step dearer: fewer steps in the same floor (${tq} vs maze ${bc})`);
    assert.equal(presetLayer({ ...PRESETS.quick, trainSeconds: 1 }, spec, "bc").steps, PRESETS.quick.minSteps, "a tiny time budget: the floor");
    assert.equal(presetLayer({ ...PRESETS.quick, stepScale: 3, trainSeconds: 1e9 }, spec, "bc").steps, algorithmConfig(getAlgorithm("bc"), spec).steps, "never above the default steps");
    assert.equal(presetLayer({ ...PRESETS.quick, trainSeconds: 0 }, spec, "ppo").steps, PRESETS.quick.minRounds, "online methods floor at minRounds");
    assert.equal(q.evalEpisodes, PRESETS.quick.trainEvalCap, "the training run's own evaluation is capped apart from the eval stage's");
    // online rounds priced by the row's measured seconds per episode: a Chess round (Stockfish, 4.6 s an episode) costs ~14 FO-maze rounds
    const chessRounds = presetLayer(PRESETS.quick, getEnvSpec("chess"), "ppo").steps as number;
    const mazeRounds = presetLayer(PRESETS.quick, fo, "ppo").steps as number;
    assert.equal(chessRounds, PRESETS.quick.minRounds, "Chess PPO: the floor");
    assert.ok(mazeRounds > chessRounds, `FO-maze PPO gets more rounds in the same budget (${mazeRounds})`);
    // online methods priced relative to PPO: measured in reproduce --full, online %BC's round (BC on the kept
    // 30%) takes about a third of PPO's, GRPO's (no value head) about two thirds
    const online = planReproduce({ preset: "full", rows: ["maze-po"], methods: ["online-bc", "grpo", "ppo"], seeds: 1, out: "/tmp/x" });
    const [obc, grpo, ppo] = ["online-bc", "grpo", "ppo"].map((algo) => online.stages.find((s) => s.id === `train/maze-po/${algo}/seed0`)!.cost);
    assert.ok(obc < 0.5 * ppo && grpo < ppo && grpo > obc, `online %BC ${obc} s < GRPO ${grpo} s < PPO ${ppo} s`);
    // the dry run's split by row: every stage counted once, a row with nothing left dropped
    const two = planReproduce({ preset: "full", rows: ["maze-po", "chess"], methods: ["bc"], out: "/tmp/x" });
    const split = costByRow(two.rows, two.stages);
    assert.deepEqual(split.map(([r]) => r), ["maze-po", "chess"]);
    assert.ok(Math.abs(split[0][1] + split[1][1] - two.stages.reduce((a, s) => a + s.cost, 0)) < 1e-6);
    assert.ok(split[1][1] > split[0][1], "Chess (games against Stockfish) costs more than PO maze");
    assert.deepEqual(costByRow(two.rows, two.stages.filter((s) => s.params.row === "chess")).map(([r]) => r), ["chess"]);
  });
});

/** A results file as the reproduce pipeline writes it (only the fields the comparison reads). */
function putResult(root: string, env: string, algorithm: string, seed: number, score: number, extra: Record<string, unknown> = {}): void {
  const p = resultPath(root, { env, algorithm, seed });
  mkdirSync(dirname(p), { recursive: true });
  writeFileSync(p, JSON.stringify({ env, algorithm, seed, score, scoreOurs: score - 1, meanReturn: -50 + seed, successRate: 0.5, meanLength: 10, evalEpisodes: 32, taskMetrics: { invalid_rate: 0.1 }, seconds: 60, commit: "abc", ...extra }));
}

describe("measured stage costs", () => {
  it("a training stage costs the mean seconds of its recipe's results files (any seed) less their evaluations; another recipe or tokenizer measures nothing", () => {
    const out = tmp("measured");
    try {
      const plan = planReproduce({ preset: "quick", rows: ["maze-fo"], methods: ["bc", "ilql"], out });
      const spec = getEnvSpec("maze-fo");
      const stageOf = (id: string) => plan.stages.find((s) => s.id === id)!;
      const recipe = (id: string) => {
        const p = stageOf(id).params as { algo: string; layers: Record<string, unknown>[] };
        return recipeOf({ ...(algorithmConfig(getAlgorithm(p.algo), spec, p.layers) as unknown as Record<string, unknown>), dataset: "memory" });
      };
      const results = join(out, "results");
      const tokenizer = tokenizerHash(spec.tokenizer);
      putResult(results, "maze-fo", "bc", 0, 40, { config: recipe("train/maze-fo/bc/seed0"), tokenizer, seconds: 100 });
      putResult(results, "maze-fo", "bc", 1, 40, { config: recipe("train/maze-fo/bc/seed0"), tokenizer, seconds: 140 });
      putResult(results, "maze-fo", "bc", 2, 40, { config: recipe("train/maze-fo/bc/seed0"), tokenizer: "000000000000", seconds: 10_000 });
      putResult(results, "maze-fo", "ilql", 0, 40, { config: { ...recipe("train/maze-fo/ilql/seed0"), lr: 0.5 }, tokenizer, seconds: 10_000 });
      // same recipe as ILQL's stage, but no evaluation size: it cannot be split into training and evaluation
      putResult(results, "maze-fo", "ilql", 1, 40, { config: recipe("train/maze-fo/ilql/seed0"), tokenizer, seconds: 50, evalEpisodes: undefined });
      const { plan: measuredPlan, measured } = withMeasuredCosts(plan, results);
      const cost = (id: string) => measuredPlan.stages.find((s) => s.id === id)!.cost;
      // putResult's files evaluate 32 episodes; the row's spec prices an evaluation episode
      const evalSeconds = 32 * (spec.evaluation.cost?.evalEpisode ?? 0.2);
      assert.ok(Math.abs(cost("train/maze-fo/bc/seed0") - (120 - evalSeconds)) < 1e-9, `BC: mean of 100 and 140 s less ${evalSeconds} s of evaluation, got ${cost("train/maze-fo/bc/seed0")}`);
      assert.deepEqual([...measured], ["train/maze-fo/bc/seed0"]);
      for (const id of ["data/maze-fo", "eval/maze-fo/bc/seed0", "train/maze-fo/ilql/seed0", "eval/maze-fo/ilql/seed0"]) assert.equal(cost(id), stageOf(id).cost, `${id} keeps its estimate`);
      assert.deepEqual(measuredPlan.stages.map((s) => s.hash), plan.stages.map((s) => s.hash), "a cost is not part of a stage's hash");
      assert.equal(withMeasuredCosts(plan, join(out, "none")).measured.size, 0, "no results folder: every estimate kept");
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});

describe("a train stage's dataset", () => {
  it("reads the data stage's file only when it holds the config's datasetSize and datasetSeed; --quick FO-maze %BC, a tenth of BC's size, generates its own", async () => {
    const spec = getEnvSpec("maze-fo");
    const quick = (algo: string) => algorithmConfig(getAlgorithm(algo), spec, [presetLayer(PRESETS.quick, spec, algo)]);
    assert.equal(quick("bc").datasetSize, 1240, "BC is the full-size start of FO-maze ILQL, --quick's check");
    assert.equal(quick("pbc").datasetSize, 124, "%BC gets --quick's tenth");
    const root = tmp("stage-data");
    try {
      await generateDatasets(spec, { n: 6, seed: 0, out: root });
      const file = datasetPath(root, "maze-fo");
      const cfg = (n: number) => ({ ...quick("pbc"), datasetSize: n, datasetSeed: 0 });
      assert.equal(stageDataset(spec, cfg(6), file), file, "the file is exactly the trajectories asked for");
      assert.equal(stageDataset(spec, cfg(4), file), "memory", "a smaller size than the file's: generated in memory, not the whole file");
      assert.equal(stageDataset(spec, { ...cfg(6), datasetSeed: 1 }, file), "memory", "another seed");
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe("results files of a plan", () => {
  it("one per finished evaluation, with its training stage's numbers; a run's own folder keeps only its plan's cells", () => {
    const out = tmp("files");
    try {
      const plan = planReproduce({ preset: "quick", rows: ["maze-fo"], methods: ["bc", "pbc"], out });
      const stage = (id: string) => plan.stages.find((s) => s.id === id)!;
      writeDone(stage("train/maze-fo/bc/seed0"), trainOutput({ steps: 50, seconds: 30, tokens: 1000, tokensPerSec: 33, recipe: { steps: 50 }, trainScore: 40, loss: [{ step: 10, loss: 2 }] }));
      writeDone(stage("eval/maze-fo/bc/seed0"), evalOutput({ score: 42, scoreOurs: 41, meanReturn: -80, successRate: 0.3, meanLength: 70, invalidRate: 0.01, seconds: 6 }));
      // pbc trained but not evaluated yet: no results file for it
      writeDone(stage("train/maze-fo/pbc/seed0"), trainOutput({ steps: 30, seconds: 20, trainScore: 1 }));
      const results = join(out, "results");
      putResult(results, "wordle", "ilql", 0, 10); // an earlier invocation's cell
      assert.equal(writeResultFiles(plan, results, false), 1);
      assert.ok(existsSync(resultPath(results, { env: "wordle", algorithm: "ilql", seed: 0 })), "a shared folder (data/results) keeps other files");
      assert.equal(writeResultFiles(plan, results, true), 1);
      assert.ok(!existsSync(resultPath(results, { env: "wordle", algorithm: "ilql", seed: 0 })), "a run's own folder shows its plan only");
      const r = JSON.parse(readFileSync(resultPath(results, { env: "maze-fo", algorithm: "bc", seed: 0 }), "utf8")) as Record<string, unknown>;
      assert.equal(r.score, 42);
      assert.equal(r.seconds, 36, "training plus evaluation");
      assert.equal(r.steps, 50);
      assert.deepEqual(r.config, { steps: 50 });
      assert.ok(!existsSync(resultPath(results, { env: "maze-fo", algorithm: "pbc", seed: 0 })));
      assert.equal(r.online, undefined, "an offline method has no rollout summary");
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it("the data stage's file holds the trajectories \"memory\" generates (why reproduce's recipes say \"memory\")", async () => {
    // Endgames and Chess (Stockfish-played games, 2 each to stay fast) too: their default is a file
    for (const [row, n] of [["maze-fo", 6], ["text-nav-po", 6], ["twenty-questions", 6], ["car-dealer", 6], ["endgames", 2], ["chess", 2]] as const) {
      const out = tmp(`data-${row}`);
      try {
        const spec = getEnvSpec(row);
        await generateDatasets(spec, { n, seed: 4, out });
        const fromFile: Trajectory[] = [];
        for await (const t of readTrajectories(datasetPath(out, row), { env: row, split: "train" })) fromFile.push(t);
        const inMemory: Trajectory[] = [];
        for await (const t of splitTrajectories(spec, "train", n, 4)) inMemory.push(t);
        assert.equal(fromFile.length, n, row);
        assert.deepEqual(fromFile.map(trajectoryToJson), inMemory.map(trajectoryToJson), row);
      } finally {
        rmSync(out, { recursive: true, force: true });
      }
    }
  });
});

describe("comparison with the paper", () => {
  it("mean, Student-t CI, the paper's cell and the difference per row × method; orderings counted by hand", () => {
    const root = tmp("cmp");
    try {
      // maze-fo paper: BC 58.2, %BC 68.9, ILQL 99.9
      for (const [seed, s] of [[0, 40], [1, 50], [2, 60]] as const) putResult(root, "maze-fo", "bc", seed, s);
      putResult(root, "maze-fo", "ilql", 0, 45);
      putResult(root, "maze-fo", "pbc", 0, 70);
      const c = compareResults(root, ENV_SPECS);
      const bc = c.summary.find((s) => s.method === "bc")!;
      assert.equal(bc.mean, 50);
      // sd 10, t(0.975, 2) = 4.303: 4.303 * 10 / sqrt(3) = 24.84
      assert.equal(bc.ci95, 24.84);
      assert.equal(bc.paper, 58.2);
      assert.equal(bc.diff, -8.2);
      assert.equal(bc.return, -49);
      assert.deepEqual(bc.scores, [40, 50, 60]);
      assert.equal(c.summary.find((s) => s.method === "ilql")!.ci95, null, "one seed: no interval");
      // paper order: ILQL > %BC > BC. Kit: %BC 70 > BC 50 > ILQL 45 → %BC > BC holds; ILQL > %BC and ILQL > BC do not
      assert.deepEqual(c.orderings, [{ row: "maze-fo", pairs: 3, holds: 1, broken: ["ILQL > BC", "ILQL > %BC"] }]);
      const md = comparisonMarkdown(c);
      assert.match(md, /\| maze-fo \| 0, 1, 2 \| 50\.0 ± 24\.8 \(paper 58\.2, −8\.2\) \| 70\.0 \(paper 68\.9, \+1\.1\) \| 45\.0 \(paper 99\.9, −54\.9\) \| 1 of 3 \|/);
      const files = writeComparison(c, join(root, "out"));
      assert.deepEqual(files.map((f) => f.split("/").pop()), ["results.csv", "results.json", "by-method.csv", "by-method.json", "orderings.json", "table.md"]);
      const csv = readFileSync(join(root, "out", "results.csv"), "utf8").trim().split("\n");
      assert.equal(csv.length, 1 + 5, "a header and one line per seed");
      assert.match(csv[0], /^row,method,seed,score,/);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it("table cells round the per-seed scores once: the 20Q BC cell's CI 4.5507 reads 4.6, as in the task tables", () => {
    const root = tmp("cmp-round");
    try {
      // scores 3.692, 5.098, 1.465: mean 3.41833, sd 1.83189, t(0.975, 2) · sd / √3 = 4.5507 (by hand);
      // the record keeps 2 decimals (4.55), whose one-decimal rounding would be 4.5
      for (const [seed, x] of [[0, 3.692], [1, 5.098], [2, 1.465]] as const) putResult(root, "twenty-questions", "bc", seed, x);
      const c = compareResults(root, ENV_SPECS);
      const bc = c.summary[0];
      assert.equal(bc.ci95, 4.55);
      assert.equal(meanCell(bc), "3.4 ± 4.6");
      assert.match(comparisonMarkdown(c), /3\.4 ± 4\.6 \(paper 57\.1, −53\.7\)/);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it("ties in the paper are not counted as orderings", () => {
    const s = (method: string, mean: number, paper: number): SummaryRecord => ({ row: "r", method, label: method, seeds: 1, scores: [mean], mean, ci95: null, paper, diff: mean - paper, meanOurs: null, return: null, success: null, length: null, invalidRate: null, minutes: 1 });
    assert.deepEqual(orderings([s("bc", 10, 53.1), s("online-bc", 20, 53.1), s("ilql", 30, 76.3)]), [{ row: "r", pairs: 2, holds: 2, broken: [] }]);
  });

  it("figures: bars with whiskers and the paper's cells at the same positions, the scatter's diagonal, learning curves on a shared x", () => {
    const root = tmp("fig");
    try {
      for (const seed of [0, 1]) putResult(root, "maze-fo", "bc", seed, 40 + 10 * seed);
      putResult(root, "wordle", "ilql", 0, 90);
      const c = compareResults(root, ENV_SPECS);
      const bars = scoreBars(c);
      const bcBars = bars.data.find((d) => d.type === "bar" && d.name === "BC")!;
      assert.deepEqual(bcBars.x, [["maze-fo"], ["BC"]]);
      assert.deepEqual(bcBars.y, [45]);
      assert.deepEqual((bcBars.error_y as { array: number[] }).array, [c.summary[0].ci95]);
      const paperMarks = bars.data.filter((d) => d.legendgroup === "paper");
      assert.deepEqual(paperMarks.map((d) => d.y), [[58.2], [97.7]]);
      assert.equal(paperMarks.filter((d) => d.showlegend).length, 1, "one legend entry for the paper's marks");
      const sc = paperScatter(c);
      const points = sc.data.filter((d) => d.legendgroup === "methods");
      assert.deepEqual(points.map((d) => [d.x, d.y]), [[[58.2], [45]], [[97.7], [90]]]);
      const shapes = sc.data.filter((d) => d.legendgroup === "rows");
      assert.deepEqual(shapes.map((d) => d.name), ["maze-fo", "wordle"], "one shape legend entry per row");
      const symbol = (d: Record<string, unknown>) => (d.marker as { symbol: string | string[] }).symbol;
      assert.deepEqual(points.map((d) => symbol(d)[0]), shapes.map(symbol), "each point has its row's shape (maze-fo's BC, wordle's ILQL)");
      assert.notEqual(symbol(shapes[0]), symbol(shapes[1]));
      const curves = learningCurves("maze-fo", [{ method: "ppo", seed: 0, steps: 4, curve: [{ step: 2, score: 10 }, { step: 4, score: 30 }] }, { method: "bc", seed: 0, steps: 100, curve: [], loss: [{ step: 50, loss: 1 }] }]);
      assert.deepEqual(curves.data.map((d) => d.x), [[0.5], [0.5, 1]], "x is the share of each run's steps (BC first, in Table 2's order)");
      assert.equal(curves.data[0].yaxis, "y2", "loss on the lower panel");
      assert.equal((curves.layout!.yaxis as { range?: number[] }).range, undefined, "scores that spread autorange");
      const flat = learningCurves("endgames", [0, 1].map((seed) => ({ method: "bc", seed, steps: 10, curve: [{ step: 10, score: 0 }] })));
      assert.deepEqual((flat.layout!.yaxis as { range?: number[] }).range, [-5, 105], "an all-zero panel shows the 0-100 scale, not Plotly's -1..1");
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe("lmrl reproduce end to end (child processes)", () => {
  const bin = join(projectRoot(), "src", "bin.mjs");
  const args = (out: string) => [bin, "reproduce", "--rows", "maze-fo", "--methods", "bc,ilql", "--train-seconds", "1", "--eval-episodes", "8", "--out", out, "--jobs", "2"];
  const env = { ...process.env, LMRL_THREADS: "1", LMRL_PROGRESS: "lines" };

  it("runs data → BC → ILQL → evaluations, prints the table; killed midway it resumes without redoing finished stages", { timeout: 300_000 }, async () => {
    const out = tmp("e2e");
    try {
      // first run, killed (with its children) as soon as BC's cell has its results file: each cell's
      // file is written when its evaluation finishes, not when the whole run does
      const child = spawn(process.execPath, args(out), { cwd: projectRoot(), env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
      let err = "";
      child.stderr.on("data", (d: Buffer) => (err += d.toString()));
      const bcFile = resultPath(join(out, "results"), { env: "maze-fo", algorithm: "bc", seed: 0 });
      const t0 = Date.now();
      while (!existsSync(bcFile) && Date.now() - t0 < 180_000 && child.exitCode === null) await new Promise((r) => setTimeout(r, 100));
      assert.ok(existsSync(bcFile), `BC's results file was not written:\n${err}`);
      process.kill(-child.pid!, "SIGKILL");
      await new Promise((r) => child.on("close", r));
      // "close" is the parent's; its stage processes, killed with it, can outlive it for a moment (still
      // holding their run's lock, so a rerun at once would find ILQL's run "being trained"): wait until the group is gone
      const groupAlive = (): boolean => {
        try {
          process.kill(-child.pid!, 0);
          return true;
        } catch {
          return false;
        }
      };
      const t1 = Date.now();
      while (groupAlive() && Date.now() - t1 < 30_000) await new Promise((r) => setTimeout(r, 50));
      assert.ok(!existsSync(join(out, "results", "by-method.json")), "killed before the end: no summary yet");
      assert.equal((JSON.parse(readFileSync(bcFile, "utf8")) as { evalEpisodes: number }).evalEpisodes, 8, "a complete results file");

      const again = spawnSync(process.execPath, args(out), { cwd: projectRoot(), env, encoding: "utf8", timeout: 240_000 });
      assert.equal(again.status, 0, again.stderr);
      const planned = /(\d+) stages: (\d+) finished before, (\d+) to run/.exec(again.stderr);
      assert.ok(planned, again.stderr);
      assert.equal(Number(planned[1]), 5, "data, BC, ILQL and two evaluations");
      assert.ok(Number(planned[2]) >= 3, `data, BC and its evaluation finished before the kill, so the rerun reuses them: ${planned[0]}`);
      assert.doesNotMatch(again.stderr, /train\/maze-fo\/bc\/seed0: started/, "BC is not trained again");
      assert.match(again.stdout, /\| maze-fo \| 0 \| .* \(paper 58\.2, [−+]\d/, "the table beside the paper's");
      const summary = JSON.parse(readFileSync(join(out, "results", "by-method.json"), "utf8")) as SummaryRecord[];
      assert.deepEqual(summary.map((s) => s.method), ["bc", "ilql"]);
      const result = JSON.parse(readFileSync(resultPath(join(out, "results"), { env: "maze-fo", algorithm: "ilql", seed: 0 }), "utf8")) as { evalEpisodes: number; evalSeed: number; score: number; stages: { eval: string }; config: Record<string, unknown>; loss: { loss: number }[]; taskMetrics: Record<string, number> };
      // the task's own numbers (FO maze's move accuracy) beside the invalid rate, not the generic eval scalars again
      assert.deepEqual(Object.keys(result.taskMetrics).sort(), ["invalid_rate", "move_accuracy"]);
      assert.equal(result.evalEpisodes, 8);
      assert.equal(result.evalSeed, protocolEvalSeed(0));
      assert.equal(summary[1].mean, +result.score.toFixed(2));
      // the recipe names in-memory generation (what the data stage's file holds), as the benches' do
      assert.equal(result.config.dataset, "memory");
      assert.ok(result.loss.length > 0 && result.loss.every((p) => Number.isFinite(p.loss)), "ILQL's loss curve");
      // ILQL names the BC training it started from, the stage BC's own file names
      const bcResult = JSON.parse(readFileSync(bcFile, "utf8")) as { stages: { train: string }; start?: unknown };
      assert.equal((result as { start?: { train: string } }).start?.train, bcResult.stages.train);
      assert.equal(bcResult.start, undefined, "BC starts from nothing");
      assert.ok(existsSync(join(out, "figures", "reproduce-scores.html")));

      // a third run has nothing to do
      const third = spawnSync(process.execPath, args(out), { cwd: projectRoot(), env, encoding: "utf8", timeout: 120_000 });
      assert.equal(third.status, 0, third.stderr);
      assert.match(third.stderr, /5 stages: 5 finished before, 0 to run/);

      // ILQL's evaluation journal holds its 8 episodes, one line per batch. Without its done.json and with
      // a line torn at the end (a kill mid-write), a rerun resumes the evaluation from the journal, runs no
      // episode again and writes the same numbers
      const evalRoot = join(out, "stages", "eval", "maze-fo", "ilql");
      const evalDir = join(evalRoot, readdirSync(evalRoot).find((d) => d.startsWith("seed0-"))!);
      const journal = join(evalDir, "episodes.jsonl");
      const batches = readFileSync(journal, "utf8").trimEnd().split("\n").slice(1).map((l) => JSON.parse(l) as { episodes: { return: number }[] });
      const returns = batches.flatMap((b) => b.episodes.map((e) => e.return));
      assert.equal(returns.length, 8);
      const meanReturn = (result as unknown as { meanReturn: number }).meanReturn;
      assert.ok(Math.abs(returns.reduce((a, b) => a + b, 0) / 8 - meanReturn) < 1e-3, `the journal's episodes are the evaluation's (mean return ${meanReturn})`);
      rmSync(join(evalDir, "done.json"));
      appendFileSync(journal, '{"policy":"gre');
      const fourth = spawnSync(process.execPath, args(out), { cwd: projectRoot(), env, encoding: "utf8", timeout: 120_000 });
      assert.equal(fourth.status, 0, fourth.stderr);
      assert.match(fourth.stderr, /5 stages: 4 finished before, 1 to run/);
      assert.match(readFileSync(join(evalDir, "log.txt"), "utf8"), /\[eval\] resuming after 8 of 8 episodes/);
      const again4 = JSON.parse(readFileSync(resultPath(join(out, "results"), { env: "maze-fo", algorithm: "ilql", seed: 0 }), "utf8")) as { score: number; meanReturn: number };
      assert.deepEqual([again4.score, again4.meanReturn], [result.score, meanReturn]);

      // --reuse-results: another machine (no stages) with the results files this run wrote
      const other = tmp("e2e-reuse");
      try {
        cpSync(join(out, "results"), join(other, "results"), { recursive: true });
        const reuse = (extra: string[] = []) => spawnSync(process.execPath, [...args(other), "--reuse-results", ...extra], { cwd: projectRoot(), env, encoding: "utf8", timeout: 120_000 });
        const all = reuse();
        assert.equal(all.status, 0, all.stderr);
        assert.match(all.stderr, /--reuse-results: 2 cell\(s\) answered/);
        assert.match(all.stderr, /5 stages: 5 finished before, 0 to run/, "the files answer both cells, so neither training nor the data is needed");
        assert.ok(existsSync(resultPath(join(other, "results"), { env: "maze-fo", algorithm: "ilql", seed: 0 })), "a run's own folder keeps the cells its files answered");
        assert.match(all.stdout, /\| maze-fo \| 0 \| .* \(paper 58\.2, [−+]\d/);
        // another evaluation size for ILQL: its cell runs again, and so do the BC checkpoint and data it needs
        const ilqlFile = resultPath(join(other, "results"), { env: "maze-fo", algorithm: "ilql", seed: 0 });
        writeFileSync(ilqlFile, JSON.stringify({ ...JSON.parse(readFileSync(ilqlFile, "utf8")), evalEpisodes: 9 }));
        const partial = reuse(["--dry-run"]);
        assert.equal(partial.status, 0, partial.stderr);
        const status = (id: string) => partial.stdout.split("\n").find((l) => l.includes(`  ${id}  `))?.slice(0, 6);
        assert.deepEqual(["data/maze-fo", "train/maze-fo/bc/seed0", "eval/maze-fo/bc/seed0", "train/maze-fo/ilql/seed0", "eval/maze-fo/ilql/seed0"].map(status), ["to run", "to run", "reused", "to run", "to run"], partial.stdout);
        // BC's file from another tokenizer: its cell is not answered
        const bcFile = resultPath(join(other, "results"), { env: "maze-fo", algorithm: "bc", seed: 0 });
        const bc = JSON.parse(readFileSync(bcFile, "utf8")) as { config: Record<string, unknown>; tokenizer: string };
        assert.equal(bc.tokenizer, tokenizerHash("maze"), "the file records the row's tokenizer");
        writeFileSync(bcFile, JSON.stringify({ ...bc, tokenizer: "000000000000" }));
        assert.match(reuse(["--dry-run"]).stderr, /--reuse-results: 0 cell\(s\) answered/);
        // another recipe for BC (a learning rate): its cell is not answered, nor ILQL's (restored to its
        // evaluation size), which starts from that BC: a new BC recipe means a new start for every method on it
        writeFileSync(bcFile, JSON.stringify({ ...bc, config: { ...bc.config, lr: 0.5 } }));
        writeFileSync(ilqlFile, JSON.stringify({ ...JSON.parse(readFileSync(ilqlFile, "utf8")), evalEpisodes: 8 }));
        const none = reuse(["--dry-run"]);
        assert.match(none.stderr, /--reuse-results: 0 cell\(s\) answered/);
        writeFileSync(bcFile, JSON.stringify(bc)); // BC's own file back: both cells are answered again
        assert.match(reuse(["--dry-run"]).stderr, /--reuse-results: 2 cell\(s\) answered/);
      } finally {
        rmSync(other, { recursive: true, force: true });
      }
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});

describe("the online table", () => {
  it("onlineSummaryOf averages the rounds' rollout throughput of one phase and keeps each round's score", () => {
    const rows: Record<string, number | string>[] = [
      { phase: "bc", step: 10, loss: 1 },
      { phase: "ppo", step: 1, "rollout/score": 40.123, "throughput/episodes_per_s": 10, "throughput/gen_tok_per_s": 1000, "time/rollout_share": 0.5 },
      { phase: "ppo", step: 1, "eval/score": 99 }, // an evaluation row, not a round
      { phase: "ppo", step: 2, "rollout/score": 60, "throughput/episodes_per_s": 30, "throughput/gen_tok_per_s": 2001, "time/rollout_share": 0.3 },
    ];
    assert.deepEqual(onlineSummaryOf(rows, "ppo"), { episodesPerSec: 20, genTokPerSec: 1501, rolloutShare: 0.4 });
    assert.deepEqual(curveOf(rows, "ppo"), [{ step: 1, score: 40.123 }, { step: 2, score: 60 }], "an online run's curve: its rounds, not its evaluations");
    assert.deepEqual(curveOf(rows, "bc"), [], "no evaluation in the BC phase");
  });

  it("curveOf reads an offline run's evaluations; lossOf thins the loss to ~100 points, keeping the last", () => {
    const rows: Record<string, number | string>[] = [{ phase: "bc", step: 5, loss: 9 }];
    for (let step = 1; step <= 250; step++) rows.push({ phase: "ilql", step, loss: 1 / step });
    rows.push({ phase: "ilql", step: 100, "eval/score": 61.25 }, { phase: "ilql", step: 200, "eval/score": 80 });
    assert.deepEqual(curveOf(rows, "ilql"), [{ step: 100, score: 61.25 }, { step: 200, score: 80 }]);
    const loss = lossOf(rows, "ilql");
    assert.deepEqual(loss.slice(0, 3).map((p) => p.step), [1, 4, 7], "every third of 250 points");
    assert.equal(loss.length, 84);
    assert.deepEqual(loss[loss.length - 1], { step: 250, loss: 0.004 });
    assert.ok(!loss.some((p) => p.loss === 9), "only the asked phase");
  });

  it("a reproduce results file of an online method carries its training stage's rollout summary", () => {
    const out = tmp("files-online");
    try {
      const plan = planReproduce({ preset: "quick", rows: ["maze-fo"], methods: ["ppo"], out });
      const stage = (id: string) => plan.stages.find((s) => s.id === id)!;
      const online = { episodesPerSec: 12.5, genTokPerSec: 900, rolloutShare: 0.6 };
      const curve = [{ step: 1, score: 50 }, { step: 2, score: 70 }];
      writeDone(stage("train/maze-fo/ppo/seed0"), trainOutput({ steps: 2, seconds: 30, trainScore: 70, curve, online }));
      writeDone(stage("eval/maze-fo/ppo/seed0"), evalOutput({ score: 71, scoreOurs: 70, meanReturn: -40, successRate: 0.9, meanLength: 40, seconds: 5 }));
      assert.equal(writeResultFiles(plan, join(out, "results")), 1);
      const r = JSON.parse(readFileSync(resultPath(join(out, "results"), { env: "maze-fo", algorithm: "ppo", seed: 0 }), "utf8")) as Record<string, unknown>;
      assert.deepEqual(r.online, online);
      assert.deepEqual(r.curve, curve);
      assert.deepEqual(curveRunOf(r as unknown as OfflineResult).curve, curve);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it("rollout throughput from the benches' online summaries; \"–\" for reproduce's results files, which carry none", () => {
    const root = tmp("online");
    try {
      for (const seed of [0, 1]) putResult(root, "wordle", "ppo", seed, 1 + seed, { steps: 30 }); // as `lmrl reproduce` writes them
      putResult(root, "maze-fo", "ppo", 0, 90, { steps: 30, online: { episodesPerSec: 40, genTokPerSec: 5000, rolloutShare: 0.4, curve: [50, 90] } });
      putResult(root, "maze-fo", "ppo", 1, 80, { steps: 30, online: { episodesPerSec: 20, genTokPerSec: 3000, rolloutShare: 0.2, curve: [50, 80] } });
      const all = readResults(root);
      assert.deepEqual(curveRunOf(all.get("maze-fo")!.get("ppo")![0]).curve, [{ step: 1, score: 50 }, { step: 2, score: 90 }], "an older online-bench file's per-round scores");
      const lines = onlineTable(all, ENV_SPECS.filter((x) => all.has(x.id)));
      const wordle = lines.find((l) => l.startsWith("| wordle "))!;
      assert.match(wordle, /\| 84\.2 \/ 95\.2 \| – \| – \| – \| 1\.0 \|$/, wordle);
      assert.doesNotMatch(wordle, /NaN/);
      const maze = lines.find((l) => l.startsWith("| maze-fo "))!;
      assert.match(maze, /\| 30\.0 \| 4000 \| 0\.30 \| 1\.0 \|$/, maze);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe("methods beyond Table 2", () => {
  it("an algorithm the paper does not have gets its own column and bars (adding an algorithm needs no edit here)", () => {
    const root = tmp("extra");
    try {
      putResult(root, "maze-fo", "bc", 0, 40);
      putResult(root, "maze-fo", "toy-algo", 0, 55);
      const c = compareResults(root, ENV_SPECS);
      const md = comparisonMarkdown(c);
      assert.match(md, /\| row \| seeds \| BC \| toy-algo \| paper orderings that hold \|/);
      assert.match(md, /\| maze-fo \| 0 \| 40\.0 \(paper 58\.2, −18\.2\) \| 55\.0 \| – \|/, "no paper cell for toy-algo: no pair to order");
      const bars = scoreBars(c).data.filter((d) => d.type === "bar");
      assert.deepEqual(bars.map((d) => d.name), ["BC", "toy-algo"]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
