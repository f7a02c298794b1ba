/**
 * Nothing lost, nothing silently wrong: training processes are killed (SIGKILL, as `kill -9` or a
 * power cut) at chosen points — mid-training, in the crash window of a checkpoint swap, right after a
 * complete temp checkpoint, during the final evaluation, at a random moment — and `--resume` must
 * reproduce the uninterrupted run's losses, metrics rows, weights and eval.json exactly. Every run is
 * a child process with one native thread, so all runs share one numeric path.
 */
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { before, describe, it } from "node:test";
import { projectRoot } from "../src/core/paths";
import { Rng } from "../src/core/rng";

const ROOT = projectRoot();
const TINY = { nLayer: 1, nHead: 2, dModel: 32, datasetSize: 30, batchSize: 8, evalEpisodes: 2, evalBatchSize: 2, logEvery: 1, cosine: false, warmupSteps: 0, maxNewTokens: 4 };

interface Run {
  readonly status: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stderr: string;
}

function lmrl(args: string[], env: Record<string, string> = {}): Run {
  const r = spawnSync(process.execPath, ["src/bin.mjs", ...args], { cwd: ROOT, encoding: "utf8", timeout: 120_000, env: { ...process.env, LMRL_THREADS: "1", LMRL_PROGRESS: "off", ...env } });
  return { status: r.status, signal: r.signal, stderr: r.stderr };
}

/** Runs until killed after `ms` milliseconds (or until it ends). */
function lmrlKilledAfter(args: string[], ms: number): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["src/bin.mjs", ...args], { cwd: ROOT, env: { ...process.env, LMRL_THREADS: "1", LMRL_PROGRESS: "off" } });
    let stderr = "";
    child.stderr.on("data", (d) => (stderr += d));
    const timer = setTimeout(() => child.kill("SIGKILL"), ms);
    child.on("exit", (status, signal) => {
      clearTimeout(timer);
      resolve({ status, signal, stderr });
    });
  });
}

/** Metrics rows without the wall-clock fields (which no two runs share). */
function rows(dir: string): Record<string, unknown>[] {
  return readFileSync(join(dir, "metrics.jsonl"), "utf8").trim().split("\n").map((l) => {
    const r = JSON.parse(l) as Record<string, unknown>;
    delete r["time/seconds"];
    delete r["throughput/tok_per_s"];
    return r;
  });
}

function evalJson(dir: string): Record<string, unknown> {
  const e = JSON.parse(readFileSync(join(dir, "eval.json"), "utf8")) as Record<string, unknown>;
  delete e.seconds;
  return e;
}

function bytes(path: string): Buffer {
  return readFileSync(path);
}

describe("reliability: kill a training run anywhere, resume it, get the uninterrupted run", () => {
  let tmp: string;
  let cfgFile: string;
  const base = (algo: string, out: string) => ["train", algo, "maze-fo", "--config", cfgFile, "--seed", "2", "--out", out, "--json"];
  /** `--resume` takes the run's saved config; flags given with it are added on top (e.g. more steps). */
  const resume = (algo: string, out: string, ...extra: string[]) => ["train", algo, "maze-fo", "--seed", "2", "--out", out, "--json", "--resume", ...extra];
  const expectSame = (got: string, want: string, what: string) => {
    assert.deepEqual(rows(got), rows(want), `${what}: metrics rows`);
    assert.deepEqual(evalJson(got), evalJson(want), `${what}: eval.json`);
    assert.ok(bytes(join(got, "checkpoints", "latest", "model.safetensors")).equals(bytes(join(want, "checkpoints", "latest", "model.safetensors"))), `${what}: weights`);
    assert.ok(bytes(join(got, "checkpoints", "latest", "optimizer.safetensors")).equals(bytes(join(want, "checkpoints", "latest", "optimizer.safetensors"))), `${what}: optimizer state`);
  };

  before(() => {
    tmp = mkdtempSync(join(tmpdir(), "lmrl-reliability-"));
    cfgFile = join(tmp, "tiny.json");
    // bc runs (and the BC phase of ilql) take 4 steps, ilql 6: checkpoints every 2, an evaluation at step 3.
    // Final evaluations run their 2 episodes one per batch, so a kill can fall between two journaled batches.
    writeFileSync(cfgFile, JSON.stringify({ ...TINY, evalBatchSize: 1, steps: 6, checkpointEvery: 2, evalEvery: 3, bc: { steps: 4 } }));
    for (const algo of ["bc", "ilql"]) {
      const r = lmrl(base(algo, join(tmp, `ref-${algo}`)));
      assert.equal(r.status, 0, r.stderr);
    }
  });

  const cases: [string, string, string][] = [
    ["bc", "step:3", "mid-training, after an optimiser step, before its checkpoint"],
    ["bc", "checkpoint-swap:1", "between the two renames of a checkpoint swap"],
    ["bc", "checkpoint-written:2", "with a complete temp checkpoint not yet swapped in"],
    ["bc", "final-eval:1", "during the final evaluation"],
    ["ilql", "final-eval:1", "during the BC phase's final evaluation of an ILQL run"],
    ["bc", "final-eval-batch:1", "in the final evaluation, its first batch journaled"],
    ["ilql", "final-eval-batch:3", "in the ILQL phase's final evaluation, its first batch journaled (the BC phase's are batches 1 and 2)"],
    ["ilql", "checkpoint-swap:2", "in a checkpoint swap of the ILQL phase (the BC phase's final save is swap 1)"],
  ];
  for (const [algo, point, where] of cases) {
    it(`${algo} killed ${where} (${point}) resumes to the same run`, () => {
      const out = join(tmp, `${algo}-${point.replace(":", "-")}`);
      const killed = lmrl(base(algo, out), { LMRL_CRASH_AT: point });
      assert.equal(killed.signal, "SIGKILL", `the crash point ${point} was reached: ${killed.stderr}`);
      if (point === "final-eval:1" && algo === "bc") {
        const state = JSON.parse(readFileSync(join(out, "checkpoints", "latest", "state.json"), "utf8")) as { meta: { step: number } };
        assert.equal(state.meta.step, 4, "the trained weights (bc.steps 4) were saved before the final evaluation");
      }
      const resumed = lmrl(resume(algo, out));
      assert.equal(resumed.status, 0, resumed.stderr);
      if (point.startsWith("checkpoint-swap")) assert.match(resumed.stderr, /recovered .* interrupted mid-swap/);
      if (point.startsWith("final-eval-batch")) {
        assert.match(resumed.stderr, new RegExp(`${algo}: final evaluation resumed after 1 of 2 episodes`));
        assert.deepEqual(readdirSync(join(out, "checkpoints")).filter((f) => f.endsWith(".jsonl")), [], "the journal goes once the evaluation is on record");
      }
      expectSame(out, join(tmp, `ref-${algo}`), `${algo} after ${point}`);
      const debris = readdirSync(join(out, "checkpoints")).filter((f) => /\.(tmp|old)-/.test(f));
      assert.deepEqual(debris, [], "temp folders of the killed process are cleaned");
    });
  }

  it("killed at seeded random moments, each resume continues to the same run", async () => {
    const out = join(tmp, "bc-random");
    const rng = new Rng(20261202);
    let r = await lmrlKilledAfter(base("bc", out), 1500 + rng.int(3000));
    for (let i = 0; i < 4 && r.status !== 0; i++) {
      r = existsSync(join(out, "config.json")) ? await lmrlKilledAfter(resume("bc", out), 1500 + rng.int(3000)) : await lmrlKilledAfter(base("bc", out), 1500 + rng.int(3000));
    }
    if (r.status !== 0) r = lmrl(existsSync(join(out, "config.json")) ? resume("bc", out) : base("bc", out));
    assert.equal(r.status, 0, r.stderr);
    expectSame(out, join(tmp, "ref-bc"), "bc after random kills");
  });

  it("a finished run extended with more steps and killed in its new final evaluation resumes to the uninterrupted extension", () => {
    const [a, b] = [join(tmp, "extend-a"), join(tmp, "extend-b")];
    for (const out of [a, b]) assert.equal(lmrl(base("bc", out)).status, 0);
    assert.equal(lmrl(resume("bc", a, "--set", "bc.steps=6")).status, 0);
    const killed = lmrl(resume("bc", b, "--set", "bc.steps=6"), { LMRL_CRASH_AT: "final-eval:1" });
    assert.equal(killed.signal, "SIGKILL");
    const resumed = lmrl(resume("bc", b));
    assert.equal(resumed.status, 0, resumed.stderr);
    expectSame(b, a, "extended run");
    assert.equal((JSON.parse(readFileSync(join(b, "checkpoints", "latest.eval.json"), "utf8")) as { step: number }).step, 6, "the step-4 evaluation on record is not taken for step 6's");
    const shorter = lmrl(resume("bc", b, "--set", "bc.steps=4"));
    assert.equal(shorter.status, 1);
    assert.match(shorter.stderr, /is at step 6, past this config's 4 bc steps/);
  });

  it("resuming a finished run changes nothing: no duplicated rows, same tokens", () => {
    const out = join(tmp, "ref-bc");
    const before = readFileSync(join(out, "metrics.jsonl"), "utf8");
    const ev = evalJson(out);
    const r = lmrl(resume("bc", out));
    assert.equal(r.status, 0, r.stderr);
    assert.equal(readFileSync(join(out, "metrics.jsonl"), "utf8"), before);
    assert.deepEqual(evalJson(out), ev);
  });

  it("a fresh run never replaces a run folder silently", () => {
    const r = lmrl(base("bc", join(tmp, "ref-bc")));
    assert.equal(r.status, 1);
    assert.match(r.stderr, /already holds a run.*--resume.*--overwrite/);
  });

  it("an invalid config fails before any work, naming the key and the range", () => {
    for (const [layer, msg] of [
      [{ steps: -5 }, /"steps" must be >= 1, got -5/],
      [{ steps: 2.5 }, /"steps" must be an integer >= 1, got 2.5/],
      [{ lr: -1 }, /"lr" must be > 0, got -1/],
      [{ evalEpisodes: 0 }, /"evalEpisodes" must be >= 1, got 0/],
      [{ tau: 1.5 }, /"tau" must be >= 0 and <= 1, got 1.5/],
    ] as const) {
      const out = join(tmp, `bad-${Object.keys(layer)[0]}`);
      const f = join(tmp, "bad.json");
      writeFileSync(f, JSON.stringify(layer));
      const r = lmrl(["train", "ilql", "maze-fo", "--config", f, "--out", out]);
      assert.equal(r.status, 1, JSON.stringify(layer));
      assert.match(r.stderr, msg);
      assert.equal(existsSync(out), false, "nothing was written");
    }
  });
});
