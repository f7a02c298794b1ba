import assert from "node:assert/strict";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { generationTargets } from "../src/cli";
import { evaluate } from "../src/core/evaluate";
import { ENV_SPECS, getEnvSpec } from "../src/tasks/index";
import { runCli } from "./helpers/cli";

const run = runCli;

describe("lmrl --backend", () => {
  it("forces the compute path through LMRL_BACKEND for any verb, and rejects unknown names listing the valid ones", async () => {
    const prev = process.env.LMRL_BACKEND;
    try {
      delete process.env.LMRL_BACKEND;
      const ok = await run("list", "--backend", "wasm");
      assert.equal(ok.code, 0, ok.err);
      assert.match(ok.out, /maze-fo/);
      assert.equal(process.env.LMRL_BACKEND, "wasm");
      const eq = await run("--backend=native-builtin", "list");
      assert.equal(eq.code, 0, eq.err);
      assert.equal(process.env.LMRL_BACKEND, "native-builtin");
      const bad = await run("list", "--backend", "gpu");
      assert.equal(bad.code, 2);
      assert.match(bad.err, /--backend needs one of auto, tfjs-node-gpu, .*wasm, cpu, got "gpu"/);
      const missing = await run("list", "--backend");
      assert.match(missing.err, /got nothing/);
    } finally {
      if (prev === undefined) delete process.env.LMRL_BACKEND; else process.env.LMRL_BACKEND = prev;
    }
  });
});

describe("lmrl eval", () => {
  it("maze-fo optimal reports the paper's max: mean return -6.84, normalized 100", async () => {
    const r = await run("eval", "maze-fo", "--policy", "optimal", "--json");
    assert.equal(r.code, 0, r.err);
    const j = JSON.parse(r.out);
    for (const k of ["env", "policy", "episodes", "meanReturn", "successRate", "normalizedScore"]) assert.ok(k in j, `missing ${k}`);
    assert.equal(j.env, "maze-fo");
    assert.equal(j.episodes, 800);
    assert.ok(Math.abs(j.meanReturn - -6.84) < 1e-9, `meanReturn ${j.meanReturn}`);
    assert.ok(Math.abs(j.normalizedScore - 100) < 1e-9);
    assert.equal(j.successRate, 1);
  });

  it("--fresh-starts leaves the row's fixed starts and marks the result", async () => {
    const r = await run("eval", "maze-fo", "--policy", "optimal", "--episodes", "50", "--fresh-starts", "--json");
    assert.equal(r.code, 0, r.err);
    const j = JSON.parse(r.out);
    assert.equal(j.freshStarts, true);
    const s = await evaluate(getEnvSpec("maze-fo"), getEnvSpec("maze-fo").policies.optimal, { episodes: 50, freshStarts: true });
    assert.equal(j.meanReturn, s.meanReturn);
    assert.notEqual(j.meanReturn, (await evaluate(getEnvSpec("maze-fo"), getEnvSpec("maze-fo").policies.optimal, { episodes: 50 })).meanReturn);
  });

  it("prints the same numbers as evaluate() for every env", async () => {
    for (const spec of ENV_SPECS) {
      const r = await run("eval", spec.id, "--policy", "random", "--episodes", "6", "--seed", "3", "--json");
      assert.equal(r.code, 0, r.err);
      const j = JSON.parse(r.out);
      const s = await evaluate(spec, spec.policies.random, { episodes: 6, seed: 3 });
      assert.equal(j.meanReturn, s.meanReturn, spec.id);
      assert.equal(j.normalizedScore, s.normalizedScore, spec.id);
    }
  });

  it("names the valid choices on bad input", async () => {
    const a = await run("eval", "maze-f0", "--policy", "optimal");
    assert.equal(a.code, 1);
    assert.match(a.err, /Unknown env id "maze-f0". Did you mean "maze-fo"/);
    const b = await run("eval", "maze-fo", "--policy", "optimla");
    assert.match(b.err, /Did you mean "optimal"/);
    const c = await run("eval", "maze-fo", "--episodes", "x");
    assert.equal(c.code, 2);
    assert.match(c.err, /--episodes must be a whole number >= 1 written in decimal digits, got "x"/);
    const d = await run("frobnicate");
    assert.equal(d.code, 2);
  });
});

describe("lmrl data", () => {
  it("generate writes a dataset whose stats agree with data stats", async () => {
    const out = mkdtempSync(join(tmpdir(), "lmrl-cli-"));
    const g = await run("data", "generate", "maze-po", "--n", "40", "--seed", "4", "--out", out);
    assert.equal(g.code, 0, g.err);
    const file = join(out, "maze-po", "train.jsonl");
    const header = JSON.parse(readFileSync(file, "utf8").split("\n")[0]);
    assert.equal(header.count, 40);
    assert.equal(header.seed, 4);
    const s = await run("data", "stats", file, "--json");
    assert.equal(s.code, 0, s.err);
    const j = JSON.parse(s.out);
    assert.equal(j.stats.trajectories, 40);
    assert.equal(j.env, "maze-po");
    assert.deepEqual(j.paper, getEnvSpec("maze-po").dataset.paperStats);
  });

  it("stats reports file:line for a malformed record", async () => {
    const out = mkdtempSync(join(tmpdir(), "lmrl-cli-"));
    const file = join(out, "bad.jsonl");
    (await import("node:fs")).writeFileSync(file, '{"task":"maze-fo","texts":[],"rewards":[],"done":true}\n{"task":1}\n');
    const s = await run("data", "stats", file);
    assert.equal(s.code, 1);
    assert.match(s.err, /bad\.jsonl:2: task: expected a string/);
  });
});

describe("lmrl start", () => {
  it("a --quick run refuses to write the committed figures/ (npm run figures is the explicit way)", async () => {
    const r = await run("start", "--quick", "--figures", "figures");
    assert.equal(r.code, 1);
    assert.match(r.err, /--quick run never writes the committed figures/);
  });
});

describe("lmrl play", () => {
  it("shows the model's exact text, applies typed actions and reports rewards", async () => {
    const { spawnSync } = await import("node:child_process");
    const { projectRoot } = await import("../src/core/paths");
    const r = spawnSync(process.execPath, ["src/bin.mjs", "play", "maze-fo", "--seed", "3"], {
      cwd: projectRoot(),
      input: "move down\nhelp\nfly\n",
      encoding: "utf8",
      timeout: 60_000,
    });
    assert.equal(r.status, 0, r.stderr);
    const spec = getEnvSpec("maze-fo");
    const env = spec.make();
    const first = await env.reset({ seed: 3 });
    const second = await env.step([...first, { text: "move down\n", isAction: true }]);
    assert.ok(r.stdout.includes(first[0].text), "initial observation missing");
    assert.ok(r.stdout.includes(`reward ${second.reward}, return so far ${second.reward}`));
    assert.ok(r.stdout.includes(`reward -4 (invalid action), return so far ${second.reward - 4}`), "help spends no turn: fly is the second action");
    assert.equal(r.stdout.split(`Actions: ${spec.actions}`).length - 1, 2, "the actions are printed at the start and on help");
    assert.match(r.stdout, /turn 2> Actions: [^\n]*\nturn 2> reward -4/, "help re-prompts the same turn");
  });
});

describe("lmrl play endgames", () => {
  it("shows the spaced FEN the model sees, an ASCII board as an aid, and the -1 of an illegal move", async () => {
    const { spawnSync } = await import("node:child_process");
    const { projectRoot } = await import("../src/core/paths");
    const r = spawnSync(process.execPath, ["src/bin.mjs", "play", "endgames", "--seed", "4"], { cwd: projectRoot(), input: "Zz9\n", encoding: "utf8", timeout: 60_000 });
    assert.equal(r.status, 0, r.stderr);
    const first = await getEnvSpec("endgames").make().reset({ seed: 4 });
    assert.ok(r.stdout.includes(first[0].text), "the model's text");
    assert.match(r.stdout, /\(an aid for you, not shown to the model\)\n {3}\+------------------------\+\n 8 \|/);
    assert.ok(r.stdout.includes("reward -1 (invalid action), return so far -1"));
  });
});

describe("lmrl reproduce seed flags", () => {
  it("refuses --seeds N together with --seed s,.. (a count from 0 or exactly those seeds, never both) and a seed that is not a number", async () => {
    const both = await runCli("reproduce", "--seeds", "2", "--seed", "1", "--dry-run");
    assert.equal(both.code, 2, both.err);
    assert.match(both.err, /pass --seeds N \(seeds 0\.\.N-1\) or --seed s,\.\. \(exactly those\), not both/);
    const bad = await runCli("reproduce", "--seed", "1,x", "--dry-run");
    assert.equal(bad.code, 2, bad.err);
    assert.match(bad.err, /--seed must be a whole number from 0 to 999/);
  });
});

describe("lmrl data generate <task>", () => {
  it("a row id names that row alone, even when a task shares its name (chess vs endgames)", () => {
    assert.deepEqual(generationTargets("chess", ENV_SPECS).map((s) => s.id), ["chess"]);
    assert.deepEqual(generationTargets("endgames", ENV_SPECS).map((s) => s.id), ["endgames"]);
    assert.deepEqual(generationTargets("maze", ENV_SPECS).map((s) => s.id), ["maze-fo", "maze-po"]);
    assert.throws(() => generationTargets("mazes", ENV_SPECS), /maze/);
  });
  it("generates every row of a task, with the same episodes rendered in each row's format", async () => {
    const out = mkdtempSync(join(tmpdir(), "lmrl-cli-"));
    const g = await run("data", "generate", "maze", "--n", "5", "--out", out);
    assert.equal(g.code, 0, g.err);
    const lines = (id: string) => readFileSync(join(out, id, "train.jsonl"), "utf8").trim().split("\n").slice(1).map((l) => JSON.parse(l));
    const fo = lines("maze-fo"), po = lines("maze-po");
    assert.equal(fo.length, 5);
    assert.deepEqual(fo.map((t) => t.rewards), po.map((t) => t.rewards));
    assert.ok(fo[0].texts[0][0].startsWith("The goal is at position 8, 6."));
    assert.ok(!po[0].texts[0][0].includes("goal"));
  });
});
