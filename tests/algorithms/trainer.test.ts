/**
 * The offline trainer end to end on FO maze with a tiny model: `lmrl train` writes the run folder
 * (config with seed and backend, metrics.jsonl with named scalars, checkpoint), `lmrl eval --checkpoint`
 * prints the scripted eval's JSON fields, runs are deterministic in the seed, --resume continues to the
 * same weights as an uninterrupted run, and an ILQL run trains its BC phase first.
 */
import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { before, describe, it } from "node:test";
import { TrainingInterrupted, train } from "../../src/algorithms/trainer";
import { main, parseSetFlags } from "../../src/cli";
import { stopOnSigint } from "../../src/core/interrupt";
import { getEnvSpec } from "../../src/tasks/index";
import { initBackend } from "../../src/model/backend";
import { loadCheckpoint } from "../../src/model/checkpoint";

const TINY = { nLayer: 1, nHead: 2, dModel: 32, datasetSize: 30, batchSize: 8, evalEpisodes: 2, evalBatchSize: 2, logEvery: 1, cosine: false, warmupSteps: 0 };

async function capture(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const lines: string[] = [];
  const errors: string[] = [];
  const { log, error } = console;
  console.log = (...a: unknown[]) => void lines.push(a.join(" "));
  console.error = (...a: unknown[]) => void errors.push(a.join(" "));
  try {
    const code = await main(argv);
    return { code, out: lines.join("\n"), err: errors.join("\n") };
  } finally {
    console.log = log;
    console.error = error;
  }
}

function weightsOf(dir: string): Record<string, number[]> {
  const ck = loadCheckpoint(dir, { skipOptimizer: true });
  const out: Record<string, number[]> = {};
  for (const [k, t] of Object.entries(ck.weights)) {
    out[k] = [...t.dataSync()];
    t.dispose();
  }
  return out;
}

describe("algorithms: trainer, CLI, checkpoints, resume", () => {
  let tmp: string;
  before(async () => {
    await initBackend();
    tmp = mkdtempSync(join(tmpdir(), "lmrl-train-"));
  });

  it("lmrl train bc writes config, metrics and a checkpoint; lmrl eval --checkpoint prints the eval JSON fields", async () => {
    const cfgFile = join(tmp, "tiny.json");
    writeFileSync(cfgFile, JSON.stringify({ ...TINY, steps: 3 }));
    const out = join(tmp, "bc");
    const r = await capture(["train", "bc", "maze-fo", "--config", cfgFile, "--seed", "1", "--out", out, "--json"]);
    assert.equal(r.code, 0, r.out);
    const res = JSON.parse(r.out) as Record<string, unknown>;
    assert.equal(res.env, "maze-fo");
    assert.equal(typeof res.normalizedScore, "number");
    const cfg = JSON.parse(readFileSync(join(out, "config.json"), "utf8")) as Record<string, unknown>;
    assert.equal(cfg.seed, 1);
    assert.equal((cfg.config as Record<string, unknown>).dModel, 32);
    assert.ok(typeof (cfg.backend as Record<string, unknown>).backend === "string", "backend info in the run config");
    const rows = readFileSync(join(out, "metrics.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l) as Record<string, unknown>);
    assert.deepEqual(rows.filter((x) => "loss/bc" in x).map((x) => x.step), [1, 2, 3]);
    for (const k of ["throughput/tok_per_s", "optim/lr", "optim/grad_norm", "bc/token_acc"]) assert.ok(k in rows[0], `metric ${k}`);
    assert.ok(rows.some((x) => "eval/score" in x && "eval/move_accuracy" in x), "final eval row");

    const ev = await capture(["eval", "maze-fo", "--checkpoint", join(out, "checkpoints", "latest"), "--episodes", "2", "--json"]);
    assert.equal(ev.code, 0, ev.out);
    const s = JSON.parse(ev.out) as Record<string, unknown>;
    const scripted = JSON.parse((await capture(["eval", "maze-fo", "--policy", "random", "--episodes", "2", "--json"])).out) as Record<string, unknown>;
    assert.deepEqual(Object.keys(s).sort(), Object.keys(scripted).sort());
    assert.equal(s.policy, "bc");
    assert.equal(s.episodes, 2);
  });

  it("--set overrides single keys after --config (JSON values, plain strings, bc.<key> sections)", async () => {
    assert.deepEqual(parseSetFlags(["steps=200", "bc.lr=0.001", "filter=top", "cosine=false", "historyWindow=null"]), { steps: 200, bc: { lr: 0.001 }, filter: "top", cosine: false, historyWindow: null });
    assert.throws(() => parseSetFlags(["steps"]), /key=value/);
    assert.throws(() => parseSetFlags(["a.b.c=1"]), /"key" or "<algorithm>.key"/);
    const cfgFile = join(tmp, "tiny-set.json");
    writeFileSync(cfgFile, JSON.stringify({ ...TINY, steps: 3 }));
    const out = join(tmp, "pbc-set");
    const r = await capture(["train", "pbc", "maze-fo", "--config", cfgFile, "--set", "steps=2", "--set", "filter=top", "--set", "topFraction=0.5", "--out", out, "--json"]);
    assert.equal(r.code, 0, r.out);
    const cfg = JSON.parse(readFileSync(join(out, "config.json"), "utf8")) as { config: Record<string, unknown> };
    assert.equal(cfg.config.steps, 2, "--set wins over --config");
    assert.equal(cfg.config.filter, "top");
    assert.equal(cfg.config.topFraction, 0.5);
    assert.equal(cfg.config.dModel, 32, "--config still applies");
    const bad = await capture(["train", "ilql", "maze-fo", "--set", "tua=0.9", "--out", join(tmp, "bad-set")]);
    assert.equal(bad.code, 1);
  });

  it("a missing dataset file fails before training with the command that writes it at the configured size and seed", async () => {
    await assert.rejects(
      train({ algorithm: "bc", env: getEnvSpec("endgames"), config: [{ ...TINY, dataset: join(tmp, "none.jsonl") }], out: join(tmp, "nofile"), progress: "off", verbose: false }),
      /none\.jsonl does not exist; write it with `npx lmrl data generate endgames --n 30 --seed 0`/,
    );
  });

  it("a run folder another live process is training is refused, untouched, naming that process", async () => {
    const dir = join(tmp, "locked");
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, ".lock"), `${process.ppid}\n`);
    await assert.rejects(train({ algorithm: "bc", env: getEnvSpec("maze-fo"), config: [TINY], out: dir, progress: "off", verbose: false }), new RegExp(`held by process ${process.ppid}; it is training this run now`));
    assert.deepEqual(readdirSync(dir), [".lock"], "nothing written into the other process's run");
  });

  it("unknown config keys fail naming the valid ones", async () => {
    await assert.rejects(train({ algorithm: "ilql", env: getEnvSpec("maze-fo"), config: [{ expectile: 0.9 }], out: join(tmp, "bad"), progress: "off", verbose: false }), /unknown key "expectile".*Valid keys:.*tau/);
  });

  it("same seed gives the same weights; --resume continues to the weights of an uninterrupted run", async () => {
    const opts = { algorithm: "bc", env: getEnvSpec("maze-fo"), seed: 3, progress: "off" as const, verbose: false };
    await train({ ...opts, config: [{ ...TINY, steps: 4 }], out: join(tmp, "a") });
    await train({ ...opts, config: [{ ...TINY, steps: 2 }], out: join(tmp, "b") });
    await train({ ...opts, config: [{ steps: 4 }], out: join(tmp, "b"), resume: true });
    const a = weightsOf(join(tmp, "a", "checkpoints", "latest"));
    const b = weightsOf(join(tmp, "b", "checkpoints", "latest"));
    assert.deepEqual(Object.keys(a), Object.keys(b));
    for (const k of Object.keys(a)) assert.deepEqual(a[k], b[k], `weight ${k} differs after resume`);
    const loss = (d: string) => readFileSync(join(tmp, d, "metrics.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l)).filter((x) => "loss/bc" in x).map((x) => x.loss);
    assert.deepEqual(loss("b"), loss("a"));
  });

  it("a metrics row averages the training scalars over the steps since the previous row; a resume between rows writes the same rows", async () => {
    const opts = { algorithm: "bc", env: getEnvSpec("maze-fo"), seed: 6, progress: "off" as const, verbose: false };
    const rowsOf = (d: string) => readFileSync(join(tmp, d, "metrics.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l) as Record<string, number>).filter((x) => "loss/bc" in x);
    // Logging does not change training: a row per step gives each step's own loss.
    await train({ ...opts, config: [{ ...TINY, steps: 5, logEvery: 1 }], out: join(tmp, "every-1") });
    const each = rowsOf("every-1").map((x) => x.loss);
    assert.equal(each.length, 5);
    await train({ ...opts, config: [{ ...TINY, steps: 5, logEvery: 2, evalEvery: 3 }], out: join(tmp, "every-2") });
    const rows = rowsOf("every-2");
    assert.deepEqual(rows.map((x) => x.step), [2, 4, 5]);
    const close = (got: number, want: number, what: string) => assert.ok(Math.abs(got - want) < 1e-6 * Math.max(1, Math.abs(want)), `${what}: ${got} vs ${want}`);
    close(rows[0].loss, (each[0] + each[1]) / 2, "row 2 = mean of steps 1-2");
    close(rows[1].loss, (each[2] + each[3]) / 2, "row 4 = mean of steps 3-4");
    close(rows[2].loss, each[4], "row 5 (the last step) = step 5 alone");
    // Stopped after step 3 (the evaluation row at step 3 aborts), step 3's loss is in the checkpoint, so the
    // resumed run's row at step 4 is still the mean of steps 3 and 4.
    const ac = new AbortController();
    const out = join(tmp, "every-2-stopped");
    const config = [{ ...TINY, steps: 5, logEvery: 2, evalEvery: 3 }];
    const err = await train({ ...opts, config, out, signal: ac.signal, onMetrics: (r) => r.step === 3 && ac.abort() }).then(() => undefined, (e: unknown) => e);
    assert.ok(err instanceof TrainingInterrupted && err.step === 3, `stopped at step 3, got ${String(err)}`);
    await train({ ...opts, config, out, resume: true });
    assert.deepEqual(rowsOf("every-2-stopped").map((x) => [x.step, x.loss]), rows.map((x) => [x.step, x.loss]));
  });

  it("an aborted signal stops at the next step with that step's checkpoint; resume reaches the uninterrupted weights", async () => {
    const opts = { algorithm: "bc", env: getEnvSpec("maze-fo"), seed: 5, progress: "off" as const, verbose: false, config: [{ ...TINY, steps: 4 }] };
    await train({ ...opts, out: join(tmp, "sig-a") });
    const ac = new AbortController();
    const out = join(tmp, "sig-b");
    const err = await train({ ...opts, out, signal: ac.signal, onMetrics: (r) => r.step === 2 && ac.abort() }).then(() => undefined, (e: unknown) => e);
    assert.ok(err instanceof TrainingInterrupted, `rejects with TrainingInterrupted, got ${String(err)}`);
    assert.equal(err.phase, "bc");
    assert.equal(err.step, 2);
    assert.ok(err.saved && /resume/.test(err.message), err.message);
    assert.equal(Number((loadCheckpoint(join(out, "checkpoints", "latest")).meta as { step: number }).step), 2, "the checkpoint holds step 2");
    assert.ok(!existsSync(join(out, "eval.json")), "no final evaluation after an interrupt");
    await train({ ...opts, out, resume: "auto" });
    const a = weightsOf(join(tmp, "sig-a", "checkpoints", "latest"));
    const b = weightsOf(join(out, "checkpoints", "latest"));
    for (const k of Object.keys(a)) assert.deepEqual(a[k], b[k], `weight ${k} differs after interrupt + resume`);
  });

  it("resume \"auto\" starts a new run, returns a finished one's result without training, and refuses another config naming its keys", async () => {
    const out = join(tmp, "auto");
    const opts = { algorithm: "bc", env: getEnvSpec("maze-fo"), seed: 2, progress: "off" as const, verbose: false, out, resume: "auto" as const };
    const first = await train({ ...opts, config: [{ ...TINY, steps: 3 }] });
    const metricsAfterFirst = readFileSync(join(out, "metrics.jsonl"), "utf8");
    const again = await train({ ...opts, config: [{ ...TINY, steps: 3 }] });
    assert.equal(again.finalEval.normalizedScore, first.finalEval.normalizedScore);
    assert.equal(readFileSync(join(out, "metrics.jsonl"), "utf8"), metricsAfterFirst, "nothing trained or logged again");
    assert.equal((JSON.parse(readFileSync(join(out, "config.json"), "utf8")) as { layers: unknown[] }).layers.length, 1, "re-running adds no config layers");
    await assert.rejects(train({ ...opts, config: [{ ...TINY, steps: 3, lr: 0.01 }] }), /another config \("lr" differ\).*overwrite: true/);
    await assert.rejects(train({ ...opts, seed: 4, config: [{ ...TINY, steps: 3 }] }), /holds bc on maze-fo seed 2, not bc on maze-fo seed 4/);
    await assert.rejects(train({ ...opts, algorithm: "ilql", config: [{ ...TINY, steps: 3 }] }), /holds bc on maze-fo seed 2, not ilql/);
  });

  it("inside a Jupyter kernel, Kernel → Interrupt (SIGINT) stops train() with its checkpoint, and a second one never exits", async () => {
    const listeners = process.listenerCount("SIGINT");
    const saved = process.env.JPY_PARENT_PID;
    process.env.JPY_PARENT_PID = "1";
    const timer = setInterval(() => {
      if (process.listenerCount("SIGINT") > listeners) {
        clearInterval(timer);
        process.emit("SIGINT");
        process.emit("SIGINT"); // a second interrupt: must not exit the kernel
      }
    }, 5);
    try {
      const err = await train({ algorithm: "bc", env: getEnvSpec("maze-fo"), seed: 1, config: [{ ...TINY, steps: 500 }], out: join(tmp, "kernel"), progress: "off", verbose: false }).then(() => undefined, (e: unknown) => e);
      assert.ok(err instanceof TrainingInterrupted, `rejects with TrainingInterrupted, got ${String(err)}`);
      assert.ok(err.step < 500);
    } finally {
      clearInterval(timer);
      if (saved === undefined) delete process.env.JPY_PARENT_PID;
      else process.env.JPY_PARENT_PID = saved;
    }
    assert.equal(process.listenerCount("SIGINT"), listeners, "the handler is removed after the run");
  });

  it("lmrl train: Ctrl-C stops the run with exit code 130 and removes its handler; a second Ctrl-C would quit", async () => {
    const listeners = process.listenerCount("SIGINT");
    const cfgFile = join(tmp, "tiny-sigint.json");
    writeFileSync(cfgFile, JSON.stringify({ ...TINY, steps: 500 }));
    // Press Ctrl-C once, as soon as the run has installed its handler.
    const timer = setInterval(() => {
      if (process.listenerCount("SIGINT") > listeners) {
        clearInterval(timer);
        process.emit("SIGINT");
      }
    }, 5);
    const r = await capture(["train", "bc", "maze-fo", "--config", cfgFile, "--out", join(tmp, "sigint"), "--json"]);
    clearInterval(timer);
    assert.equal(r.code, 130, r.err);
    assert.match(r.err, /interrupt: stopping after the current step[\s\S]*interrupted at bc step \d+/);
    assert.equal(process.listenerCount("SIGINT"), listeners, "the handler is removed after the run");
    const ac = new AbortController();
    const release = stopOnSigint(ac);
    process.emit("SIGINT");
    assert.ok(ac.signal.aborted);
    release();
    assert.equal(process.listenerCount("SIGINT"), listeners);
  });

  it("ilql without initCheckpoint trains a BC phase first, then ILQL from it", async () => {
    const out = join(tmp, "ilql");
    const r = await train({ algorithm: "ilql", env: getEnvSpec("maze-fo"), seed: 0, config: [{ ...TINY, steps: 2, bc: { steps: 2 } }], out, progress: "off", verbose: false });
    assert.ok(existsSync(join(out, "bc-init", "model.safetensors")), "bc-init checkpoint");
    const phases = readFileSync(join(out, "metrics.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l).phase);
    assert.deepEqual([...new Set(phases)], ["bc", "ilql"]);
    const w = weightsOf(join(out, "checkpoints", "latest"));
    for (const p of ["pi_beta.wte", "base.wte", "q1.out.w", "q2.out.w", "v.out.w", "target_base.wte", "target_q1.out.w"]) assert.ok(p in w, `checkpoint holds ${p}`);
    assert.deepEqual(w["pi_beta.wte"], weightsOf(join(out, "bc-init"))["wte"], "π_β is the BC model, frozen");
    assert.ok(Number.isFinite(r.finalEval.normalizedScore));
  });

  it("initCheckpoint takes a BC run folder (its checkpoints/latest) as well as a checkpoint; a missing one is named", async () => {
    const bcRun = join(tmp, "bc-for-init");
    await train({ algorithm: "bc", env: getEnvSpec("maze-fo"), seed: 0, config: [{ ...TINY, steps: 2 }], out: bcRun, progress: "off", verbose: false });
    const out = join(tmp, "mc-from-run");
    await train({ algorithm: "mc", env: getEnvSpec("maze-fo"), seed: 0, config: [{ ...TINY, steps: 1, initCheckpoint: bcRun }], out, progress: "off", verbose: false });
    assert.ok(!existsSync(join(out, "bc-init")), "no BC phase of its own");
    assert.deepEqual(weightsOf(join(out, "checkpoints", "latest"))["pi_beta.wte"], weightsOf(join(bcRun, "checkpoints", "latest"))["wte"], "π_β is the run's final BC checkpoint");
    const err = await train({ algorithm: "mc", env: getEnvSpec("maze-fo"), seed: 0, config: [{ ...TINY, steps: 1, initCheckpoint: join(tmp, "no-such-run") }], out: join(tmp, "mc-missing"), progress: "off", verbose: false }).then(() => undefined, (e: unknown) => e);
    assert.match(String(err), /no-such-run does not exist .*pass the run folder or that checkpoint/);
  });

  it("lmrl eval --beta 0 decodes an ILQL checkpoint exactly as its BC start (logits_β + 0·Q); --beta on a BC run is refused", async () => {
    const out = join(tmp, "ilql"); // trained by the test above
    const evalJson = async (dir: string, ...extra: string[]) => {
      const r = await capture(["eval", "maze-fo", "--checkpoint", dir, "--episodes", "6", "--seed", "3", "--json", ...extra]);
      assert.equal(r.code, 0, r.err);
      const { policy: _p, ...rest } = JSON.parse(r.out) as Record<string, unknown>;
      return rest;
    };
    const bc = await evalJson(join(out, "bc-init"));
    assert.deepEqual(await evalJson(join(out, "checkpoints", "latest"), "--beta", "0"), bc);
    assert.deepEqual(await evalJson(join(out, "checkpoints", "latest"), "--beta", "0", "--temperature", "0"), await evalJson(join(out, "bc-init"), "--temperature", "0"));
    const noBeta = await capture(["eval", "maze-fo", "--checkpoint", join(out, "bc-init"), "--beta", "1"]);
    assert.equal(noBeta.code, 1);
    assert.match(noBeta.err, /a bc policy has no β to set/);
    for (const bad of ["-1", "x", "1e3"]) {
      const r = await capture(["eval", "maze-fo", "--checkpoint", join(out, "bc-init"), "--temperature", bad]);
      assert.equal(r.code, 2, `--temperature ${bad}`);
      assert.match(r.err, /--temperature must be a number >= 0/);
    }
  });
});
