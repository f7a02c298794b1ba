/**
 * Bad input never trains silently and never crashes without a message: each bad dataset file of the
 * reliability issue goes to `lmrl data stats` and to training, seeds outside the documented domain and
 * malformed numbers go to the CLI and the API, checkpoints go to the wrong env, and a seeded fuzz of
 * the CLI's arguments must always end in exit 0, 1 or 2 with a message.
 */
import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { before, describe, it } from "node:test";
import { train } from "../src/algorithms/trainer";
import { trajectoryToJson } from "../src/core/dataset";
import { evaluate } from "../src/core/evaluate";
import { generateDatasets } from "../src/core/generate";
import { Rng } from "../src/core/rng";
import { EpisodeRecorder } from "../src/core/rollout";
import { initBackend } from "../src/model/backend";
import { getEnvSpec } from "../src/tasks/index";
import { runCli } from "./helpers/cli";

const TINY = { nLayer: 1, nHead: 2, dModel: 32, batchSize: 8, evalEpisodes: 2, evalBatchSize: 2, logEvery: 1, steps: 2, maxNewTokens: 4 };

describe("bad input: datasets", () => {
  let dir: string;
  let good: string;
  let lines: string[];
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), "lmrl-bad-"));
    const [f] = await generateDatasets(getEnvSpec("maze-fo"), { n: 20, seed: 0, out: join(dir, "gen") });
    good = f.path;
    lines = readFileSync(good, "utf8").trim().split("\n");
  });
  const file = (name: string, content: string | Buffer) => {
    const p = join(dir, name);
    writeFileSync(p, content);
    return p;
  };
  let runs = 0;
  const trainOn = (dataset: string, extra: Record<string, unknown> = {}) =>
    train({ algorithm: "bc", env: getEnvSpec("maze-fo"), config: [{ ...TINY, dataset, ...extra }], out: join(dir, `run-${runs++}`), progress: "off", verbose: false });

  it("a header naming another env fails training before any step (naming file, line and field), unless allowed", async () => {
    const wordle = await generateDatasets(getEnvSpec("wordle"), { n: 20, seed: 0, out: join(dir, "w") });
    const path = wordle.find((f) => f.split === "train")?.path as string;
    await assert.rejects(trainOn(path), /train\.jsonl:1: env: is "wordle" but "maze-fo" was asked for/);
    const headerless = file("headerless-wordle.jsonl", readFileSync(path, "utf8").split("\n").slice(1).join("\n"));
    await assert.rejects(trainOn(headerless), /headerless-wordle\.jsonl:1: task: is "wordle" but "maze-fo"/);
  });

  it("a header count that disagrees with the records fails in data stats and in training", async () => {
    const header = JSON.parse(lines[0]) as Record<string, unknown>;
    const p = file("count.jsonl", [JSON.stringify({ ...header, count: 1240 }), ...lines.slice(1)].join("\n") + "\n");
    const s = await runCli("data", "stats", p);
    assert.equal(s.code, 1);
    assert.match(s.err, /count\.jsonl:1: count: the header says 1240 trajectories but the file holds 20/);
    await assert.rejects(trainOn(p), /header says 1240 trajectories but the file holds 20/);
  });

  it("a writer's temp file is never read as a dataset", async () => {
    const p = file("train.jsonl.tmp-4242-0", lines.slice(0, 10).join("\n"));
    const s = await runCli("data", "stats", p);
    assert.equal(s.code, 1);
    assert.match(s.err, /temporary file of a write that did not finish/);
    await assert.rejects(trainOn(p), /temporary file/);
  });

  it("invalid UTF-8 fails naming the line; a byte-order mark is accepted", async () => {
    const bad = Buffer.concat([Buffer.from(lines.slice(0, 3).join("\n") + "\n"), Buffer.from([0x7b, 0xff, 0xfe, 0x7d, 0x0a])]);
    const s = await runCli("data", "stats", file("utf8.jsonl", bad));
    assert.equal(s.code, 1);
    assert.match(s.err, /utf8\.jsonl:4: \(encoding\): is not valid UTF-8/);
    const bom = await runCli("data", "stats", file("bom.jsonl", "\ufeff" + lines.join("\n") + "\n"), "--json");
    const plain = await runCli("data", "stats", good, "--json");
    assert.equal(bom.code, 0, bom.err);
    assert.deepEqual((JSON.parse(bom.out) as { stats: unknown }).stats, (JSON.parse(plain.out) as { stats: unknown }).stats);
  });

  it("empty, blank, header-only files and folders get clear errors and exit 1", async () => {
    for (const [name, content, msg] of [
      ["empty.jsonl", "", /is empty/],
      ["blank.jsonl", "\n\n  \n", /is empty/],
      ["header-only.jsonl", lines[0] + "\n", /has a header but no trajectories/],
    ] as const) {
      const s = await runCli("data", "stats", file(name, content));
      assert.equal(s.code, 1, name);
      assert.match(s.err, msg);
    }
    const folder = join(dir, "a-folder");
    mkdirSync(folder, { recursive: true });
    const s = await runCli("data", "stats", folder);
    assert.equal(s.code, 1);
    assert.match(s.err, /a-folder: is a folder; pass a \.jsonl file/);
  });

  it("a mixed set (splits from two generations) is refused", async () => {
    const set = join(dir, "mixed");
    mkdirSync(set);
    const h = JSON.parse(lines[0]) as Record<string, unknown>;
    writeFileSync(join(set, "eval.jsonl"), [JSON.stringify({ ...h, split: "eval", seed: 0 }), ...lines.slice(1)].join("\n") + "\n");
    writeFileSync(join(set, "train.jsonl"), [JSON.stringify({ ...h, seed: 1 }), ...lines.slice(1)].join("\n") + "\n");
    const s = await runCli("data", "stats", join(set, "train.jsonl"));
    assert.equal(s.code, 1);
    assert.match(s.err, /another generation than eval\.jsonl \(seed 1 vs 0\); the set is mixed/);
  });

  it("data generate writes every split before renaming any, and cleans a dead writer's temp file", async () => {
    const out = join(dir, "gen2");
    const envDir = join(out, "wordle");
    mkdirSync(envDir, { recursive: true });
    const stale = join(envDir, "train.jsonl.tmp-999999-0");
    writeFileSync(stale, "half a write");
    const files = await generateDatasets(getEnvSpec("wordle"), { n: 10, seed: 3, out });
    assert.deepEqual(files.map((f) => f.split), ["train", "eval"]);
    assert.deepEqual(readdirSync(envDir).sort(), ["eval.jsonl", "train.jsonl"], "no temp files left, stale one removed");
  });
});

describe("bad input: seeds and numbers", () => {
  it("the CLI refuses seeds outside [0, 2^32) and malformed numbers, naming the flag", async () => {
    for (const v of ["0.5", "-0", "-1", "4294967296", "9007199254740992", "1e300", "0x10", "", "abc"]) {
      const r = await runCli("eval", "maze-fo", "--policy", "random", "--episodes", "1", "--seed", v);
      assert.equal(r.code, 2, `--seed ${v}`);
      assert.match(r.err, /--seed must be a whole number from 0 to 4294967295/);
    }
    for (const v of ["-5", "0", "0x10", "2.5", "1e3"]) {
      const r = await runCli("eval", "maze-fo", "--policy", "random", "--episodes", v);
      assert.equal(r.code, 2, `--episodes ${v}`);
      assert.match(r.err, /--episodes must be a whole number >= 1/);
    }
    const ok = await runCli("eval", "maze-fo", "--policy", "random", "--episodes", "2", "--seed", "4294967295", "--json");
    assert.equal(ok.code, 0, ok.err);
    assert.equal((JSON.parse(ok.out) as { seed: number }).seed, 4294967295);
  });

  it("the API refuses them too: evaluate, dataset generation, training, episode resets", async () => {
    const spec = getEnvSpec("maze-fo");
    for (const seed of [0.5, -0, 2 ** 32, 2 ** 53, 1e300, NaN]) {
      await assert.rejects(evaluate(spec, spec.policies.random, { episodes: 1, seed }), /evaluation seed must be an integer from 0 to 4294967295/);
      await assert.rejects(generateDatasets(spec, { n: 1, seed, out: tmpdir() }), /dataset seed must be an integer/);
      assert.throws(() => new EpisodeRecorder(spec.make(), seed), /episode seed must be an integer/);
    }
    await assert.rejects(train({ algorithm: "bc", env: spec, seed: 2 ** 32, config: [TINY], progress: "off", verbose: false }), /train seed must be an integer/);
    await assert.rejects(train({ algorithm: "bc", env: spec, config: [{ ...TINY, datasetSeed: -1 }], progress: "off", verbose: false }), /"datasetSeed" must be >= 0 and <= 4294967295, got -1/);
  });
});

describe("bad input: the CLI", () => {
  it("every verb answers --help with its usage and exit 0", async () => {
    for (const verb of ["list", "play", "eval", "train", "data", "start", "tokenizer", "kernel", "notebooks"]) {
      const r = await runCli(verb, "--help");
      assert.equal(r.code, 0, verb);
      assert.match(r.out, new RegExp(`lmrl ${verb}`));
    }
  });

  it("error messages carry one prefix", async () => {
    const r = await runCli("train", "bc", "maze-fo", "--config", "/nonexistent/x.json");
    assert.equal(r.code, 1);
    assert.match(r.err, /^lmrl train: --config \/nonexistent\/x\.json does not exist/);
    assert.doesNotMatch(r.err, /lmrl: lmrl/);
  });

  it("a seeded fuzz of arguments always ends in exit 0, 1 or 2 with output", async () => {
    const rng = new Rng(7);
    const pool = ["maze-fo", "maze-f0", "wordle", "text-nav-po", "--seed", "--episodes", "--json", "--policy", "random", "optimal", "nope", "-5", "0x10", "1e300", "", "--", "--nope", "ü", "--seed=abc", "-h", "--n", "0", "3", "stats", "generate", "--format", "maze-fo", "--checkpoint", "/nonexistent"];
    const verbs: string[][] = [["list"], ["eval"], ["data"], ["data", "stats"], ["data", "generate"], ["help"], ["frobnicate"], []];
    const out = mkdtempSync(join(tmpdir(), "lmrl-fuzz-"));
    for (let i = 0; i < 60; i++) {
      const args = [...verbs[rng.int(verbs.length)]];
      for (let k = rng.int(5); k > 0; k--) args.push(pool[rng.int(pool.length)]);
      // bound the work a valid command can ask for (a later flag wins)
      if (args[0] === "eval") args.push("--episodes", "2");
      if (args[0] === "data") args.push("--n", "3", "--out", out);
      const r = await runCli(...args);
      assert.ok([0, 1, 2].includes(r.code), `${JSON.stringify(args)} -> ${r.code}`);
      assert.ok((r.out + r.err).trim().length > 0, `${JSON.stringify(args)} printed nothing`);
    }
  });
});

describe("bad input: checkpoints", () => {
  let run: string;
  before(async () => {
    await initBackend();
    run = join(mkdtempSync(join(tmpdir(), "lmrl-ck-")), "bc");
    await train({ algorithm: "bc", env: getEnvSpec("maze-fo"), config: [{ ...TINY, datasetSize: 20 }], out: run, progress: "off", verbose: false });
  });

  it("--checkpoint takes a run folder (its final checkpoint)", async () => {
    const r = await runCli("eval", "maze-fo", "--checkpoint", run, "--episodes", "2", "--json");
    assert.equal(r.code, 0, r.err);
    assert.equal((JSON.parse(r.out) as { policy: string }).policy, "bc");
  });

  it("another task's env is refused unless --allow-env-mismatch; a row of the same task is allowed", async () => {
    const r = await runCli("eval", "wordle", "--checkpoint", run, "--episodes", "2");
    assert.equal(r.code, 1);
    assert.match(r.err, /trained on maze-fo \(task maze\); wordle is task wordle.*--allow-env-mismatch/);
    const forced = await runCli("eval", "wordle", "--checkpoint", run, "--episodes", "2", "--allow-env-mismatch", "--json");
    assert.equal(forced.code, 0, forced.err);
    const po = await runCli("eval", "maze-po", "--checkpoint", run, "--episodes", "2", "--json");
    assert.equal(po.code, 0, po.err);
    assert.match(po.err, /trained on maze-fo, evaluating on maze-po/);
  });

  it("a folder that is neither a checkpoint nor a run, and corrupt run files, name the file", async () => {
    const r = await runCli("eval", "maze-fo", "--checkpoint", tmpdir());
    assert.equal(r.code, 1);
    assert.match(r.err, /neither a checkpoint \(no state\.json\) nor a run folder/);
    const metrics = join(run, "metrics.jsonl");
    const rows = readFileSync(metrics, "utf8").split("\n");
    writeFileSync(metrics, [rows[0], "{not json", ...rows.slice(1)].join("\n"));
    await assert.rejects(train({ algorithm: "bc", env: getEnvSpec("maze-fo"), config: [{ steps: 3 }], out: run, resume: true, progress: "off", verbose: false }), /metrics\.jsonl:2: not valid JSON/);
    writeFileSync(join(run, "config.json"), "{");
    await assert.rejects(train({ algorithm: "bc", env: getEnvSpec("maze-fo"), out: run, resume: true, progress: "off", verbose: false }), /config\.json: /);
    assert.ok(existsSync(join(run, "checkpoints", "latest", "model.safetensors")), "the trained weights are untouched");
  });
});
