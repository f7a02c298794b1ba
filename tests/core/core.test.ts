import assert from "node:assert/strict";
import { appendFileSync, mkdtempSync, readFileSync, writeFileSync, existsSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { chainLinks, toTrajectoryChain } from "../../src/core/chain";
import { checkEnv } from "../../src/core/check-env";
import { readDatasetHeader, readTrajectories, RecordError, trajectoryToJson, writeDataset, writeLinesAtomic } from "../../src/core/dataset";
import { evaluate } from "../../src/core/evaluate";
import { datasetPath, generateDatasets, partialPath, syncIterable } from "../../src/core/generate";
import { normalizeScore } from "../../src/core/normalize";
import { Progress } from "../../src/core/progress";
import { Rng } from "../../src/core/rng";
import { rollout, rolloutSync } from "../../src/core/rollout";
import { createRegistry, nearest, type EnvSpec } from "../../src/core/spec";
import type { TextEnv } from "../../src/core/types";
import { datasetStats, mean, std } from "../../src/core/stats";
import { formatAction, renderHistory } from "../../src/core/text";
import { chainSpec, ChainEnv } from "../helpers/toy-env";

const tmp = () => mkdtempSync(join(tmpdir(), "lmrl-core-"));

describe("normalizeScore (paper App. E, Table 5)", () => {
  const fo = { min: -101, avg: -83, max: -6.84 };
  it("maps the three anchors to 0, 50, 100", () => {
    assert.equal(normalizeScore(-101, fo), 0);
    assert.equal(normalizeScore(-83, fo), 50);
    assert.equal(normalizeScore(-6.84, fo), 100);
  });
  it("is piecewise linear on each side of the average", () => {
    assert.ok(Math.abs(normalizeScore(-92, fo) - 25) < 1e-9); // halfway min..avg
    assert.ok(Math.abs(normalizeScore(-44.92, fo) - 75) < 1e-9); // halfway avg..max
  });
  it("reproduces paper Table 2 cells from Table 4 raw returns", () => {
    // Wordle ILQL raw -2.04 -> 97.7; Endgames MC 0.588 -> 50.2 (paper Table 4 raw vs Table 2)
    assert.ok(Math.abs(normalizeScore(-2.04, { min: -6, avg: -4.12, max: -1.94 }) - 97.7) < 0.1);
    assert.ok(Math.abs(normalizeScore(0.588, { min: -1, avg: 0.586, max: 1 }) - 50.2) < 0.1);
  });
  it("clips below the minimum to 0 and rejects unordered anchors", () => {
    assert.equal(normalizeScore(-300, fo), 0);
    assert.throws(() => normalizeScore(0, { min: 1, avg: 0, max: 2 }), /min <= avg <= max/);
  });
});

describe("progress", () => {
  const capture = () => {
    const out: string[] = [];
    return { out, stream: { isTTY: false, write: (x: string) => out.push(x) } as unknown as NodeJS.WriteStream };
  };

  it("prints count, percentage and the extra text in lines mode", () => {
    const c = capture();
    const bar = new Progress("train", 200, { mode: "lines", stream: c.stream });
    bar.update(200, "loss 0.5");
    assert.match(c.out.join(""), /^train: 100% 200\/200 .*loss 0\.5\n$/);
  });

  it("a resumed bar counts only new units in its rate (no inflated speed after --resume)", () => {
    const c = capture();
    const bar = new Progress("train", 1000, { mode: "lines", stream: c.stream, startAt: 900 });
    bar.done();
    assert.match(c.out.join(""), /90% 900\/1000 0\.0\/s /);
  });
});

describe("text helpers", () => {
  it("formatAction ensures exactly one trailing newline", () => {
    assert.equal(formatAction("move up"), "move up\n");
    assert.equal(formatAction("move up\n"), "move up\n");
    assert.equal(formatAction("move up\n\n"), "move up\n\n");
    assert.equal(formatAction(""), "\n");
  });
  it("renderHistory concatenates with no separator", () => {
    assert.equal(renderHistory([{ text: "a\n", isAction: false }, { text: "b\n", isAction: true }]), "a\nb\n");
  });
});

describe("stats", () => {
  it("mean/std are the population versions", () => {
    assert.equal(mean([1, 2, 3, 4]), 2.5);
    assert.ok(Math.abs(std([1, 2, 3, 4]) - Math.sqrt(1.25)) < 1e-12);
  });
});

describe("rollout", () => {
  it("records the whole episode with rewards on actions", () => {
    const env = new ChainEnv();
    const ep = rolloutSync(env, chainSpec.policies.optimal(env), { seed: 1 });
    assert.equal(ep.length, 3);
    assert.equal(ep.return, -2); // -1, -1, 0
    assert.ok(ep.success);
    assert.deepEqual(ep.trajectory.texts.map((t) => t.text), ["at 0\n", "step\n", "at 1\n", "step\n", "at 2\n", "step\n", "done\n"]);
    assert.deepEqual(ep.trajectory.rewards, [0, -1, 0, -1, 0, 0, 0]);
    assert.equal(ep.trajectory.done, true);
  });
  it("marks truncation at the turn cap and counts invalid actions", async () => {
    const env = new ChainEnv();
    const ep = await rollout(env, { name: "waiter", act: async () => "wait" }, { seed: 0 });
    assert.equal(ep.length, 5);
    assert.equal(ep.return, -10);
    assert.equal(ep.invalidActions, 5);
    assert.ok(ep.truncated && !ep.success && !ep.trajectory.done);
  });
  it("rejects an async policy in the sync path", () => {
    assert.throws(() => rolloutSync(new ChainEnv(), { name: "a", act: async () => "step" }, { seed: 0 }), /async/);
  });
});

describe("evaluate", () => {
  it("summarises returns and normalises with both anchor sets", async () => {
    const s = await evaluate(chainSpec, chainSpec.policies.optimal, { episodes: 4, seed: 3 });
    // starts alternate 0,1: returns -2 (3 steps) and -1 (2 steps)
    assert.equal(s.meanReturn, -1.5);
    assert.equal(s.successRate, 1);
    assert.equal(s.meanLength, 2.5);
    assert.equal(s.normalizedScore, normalizeScore(-1.5, chainSpec.anchors.paper));
    assert.equal(s.normalizedScoreOurs, normalizeScore(-1.5, chainSpec.anchors.ours));
  });
  it("replaces the row's fixed starts with the env's own under freshStarts, and says so", async () => {
    const fixed = await evaluate(chainSpec, chainSpec.policies.optimal, { episodes: 4, seed: 3 });
    assert.equal(fixed.freshStarts, undefined);
    // no reset options: every toy episode starts at 0 (3 steps, return -2), none at the fixed start 1
    const fresh = await evaluate(chainSpec, chainSpec.policies.optimal, { episodes: 4, seed: 3, freshStarts: true });
    assert.equal(fresh.meanReturn, -2);
    assert.equal(fresh.meanLength, 3);
    assert.equal(fresh.freshStarts, true);
  });
  it("gives the same result whatever the batch size (per-episode streams)", async () => {
    const a = await evaluate(chainSpec, chainSpec.policies.random, { episodes: 20, seed: 5, batchSize: 3 });
    const b = await evaluate(chainSpec, chainSpec.policies.random, { episodes: 20, seed: 5, batchSize: 20 });
    assert.equal(a.meanReturn, b.meanReturn);
    const c = await evaluate(chainSpec, chainSpec.policies.random, { episodes: 20, seed: 6 });
    assert.notEqual(a.meanReturn + a.invalidActionRate, c.meanReturn + c.invalidActionRate);
  });
  it("feeds live histories to actBatch with one rng per slot", async () => {
    const calls: number[] = [];
    const policy = {
      name: "batched",
      act: () => { throw new Error("act must not be called when actBatch exists"); },
      actBatch: async (hs: readonly unknown[], rngs: readonly Rng[]) => {
        assert.equal(hs.length, rngs.length);
        calls.push(hs.length);
        return hs.map(() => "step");
      },
    };
    await evaluate(chainSpec, policy, { episodes: 4, seed: 0, batchSize: 4 });
    assert.deepEqual(calls, [4, 4, 2]); // starts 0,1,0,1: the two start-1 episodes end after 2 turns
  });
});

describe("registry", () => {
  const reg = createRegistry([chainSpec]);
  it("makes envs by id and suggests near ids", () => {
    assert.ok(reg.makeEnv("toy-chain") instanceof ChainEnv);
    assert.throws(() => reg.makeEnv("toy-chian"), /Did you mean "toy-chain"/);
  });
  it("rejects duplicate ids", () => {
    assert.throws(() => createRegistry([chainSpec, chainSpec]), /registered twice/);
  });
  it("nearest ranks by edit distance", () => {
    assert.deepEqual(nearest("maze-f0", ["wordle", "maze-fo", "maze-po"], 2), ["maze-fo", "maze-po"]);
  });
});

describe("checkEnv", () => {
  it("passes on a correct env", () => checkEnv(chainSpec));
  it("catches an env whose reset ignores the seed", async () => {
    let k = 0;
    const bad = { ...chainSpec, make: () => { const e = new ChainEnv(); const r = e.reset.bind(e); e.reset = () => r({ options: { start: k++ % 2 } }); return e; } };
    await assert.rejects(checkEnv(bad), /reset/);
  });
  it("accepts an env whose reset and step return promises, and closes every env it made", async () => {
    let closed = 0;
    await checkEnv(asyncChainSpec(() => closed++));
    assert.ok(closed > 0, "close() called");
  });
});

/** The toy chain answering through promises (as an engine- or model-backed env does), counting close() calls. */
function asyncChainSpec(onClose: () => void = () => {}): EnvSpec {
  const make = (): TextEnv => {
    const inner = new ChainEnv();
    return {
      id: "toy-chain-async",
      maxTurns: inner.maxTurns,
      reset: async (a) => { await new Promise((r) => setImmediate(r)); return inner.reset(a); },
      step: async (h) => { await new Promise((r) => setImmediate(r)); return inner.step(h); },
      close: () => onClose(),
    };
  };
  return { ...chainSpec, id: "toy-chain-async", make };
}

describe("asynchronous envs", () => {
  it("rollout, rolloutBatch (via evaluate) and the recorder give the same episodes as the synchronous env", async () => {
    const spec = asyncChainSpec();
    const sync = await evaluate(chainSpec, chainSpec.policies.behaviour, { episodes: 6, seed: 4, keepEpisodes: true });
    const asyn = await evaluate(spec, spec.policies.behaviour, { episodes: 6, seed: 4, keepEpisodes: true });
    assert.deepEqual(asyn.episodeRecords?.map((e) => e.trajectory.texts), sync.episodeRecords?.map((e) => e.trajectory.texts));
    assert.equal(asyn.meanReturn, sync.meanReturn);
    const one = await rollout(spec.make(), chainSpec.policies.optimal(new ChainEnv()), { seed: 1 });
    assert.equal(one.success, true);
    assert.equal(one.length, 3);
  });
  it("the synchronous paths refuse an async env with a message naming the async alternative", () => {
    const env = asyncChainSpec().make();
    assert.throws(() => rolloutSync(env, chainSpec.policies.optimal(env), { seed: 0 }), /asynchronous.*EpisodeRecorder\.start/);
  });
  it("evaluate closes the envs it made, also for a synchronous spec with close()", async () => {
    let closed = 0;
    await evaluate(asyncChainSpec(() => closed++), chainSpec.policies.random, { episodes: 5, seed: 0, batchSize: 2 });
    assert.equal(closed, 5);
  });
});

describe("dataset files", () => {
  it("round-trips trajectories and is byte-identical for the same seed", async () => {
    const dir = tmp();
    const write = (p: string, seed: number) =>
      writeDataset(p, { env: "toy-chain", split: "train", generator: "test", seed, count: 25 }, syncIterable(chainSpec.dataset.generate(25, new Rng(seed)), "toy"));
    assert.equal(write(join(dir, "a.jsonl"), 1), 25);
    write(join(dir, "b.jsonl"), 1);
    write(join(dir, "c.jsonl"), 2);
    assert.equal(readFileSync(join(dir, "a.jsonl"), "utf8"), readFileSync(join(dir, "b.jsonl"), "utf8"));
    assert.notEqual(readFileSync(join(dir, "a.jsonl"), "utf8"), readFileSync(join(dir, "c.jsonl"), "utf8"));
    const header = await readDatasetHeader(join(dir, "a.jsonl"));
    assert.equal(header?.count, 25);
    const back = [];
    for await (const t of readTrajectories(join(dir, "a.jsonl"))) back.push(t);
    const again = [...chainSpec.dataset.generate(25, new Rng(1))];
    assert.deepEqual(back.map(trajectoryToJson), again.map(trajectoryToJson));
    const stats = datasetStats(back);
    assert.equal(stats.trajectories, 25);
    assert.ok(stats.successRate > 0.3 && stats.successRate <= 1);
  });

  it("names file:line and field for malformed records", async () => {
    const dir = tmp();
    const p = join(dir, "bad.jsonl");
    const good = trajectoryToJson({ task: "t", texts: [{ text: "a\n", isAction: false }, { text: "b\n", isAction: true }], rewards: [0, -1], done: true });
    const cases: [string, RegExp][] = [
      ['{"task":"t","texts":[["a",false]],"rewards":[0,1],"done":true}', /bad\.jsonl:3: rewards: has 2 entries but texts has 1/],
      ['{"task":"t","texts":[["a","yes"]],"rewards":[0],"done":true}', /bad\.jsonl:3: texts\[0\]: expected \[string, boolean\]/],
      ['{"task":"t","texts":[["a",false]],"rewards":[5],"done":true}', /bad\.jsonl:3: rewards\[0\]: is 5 on an observation/],
      ['{"task":"t","texts":[],"rewards":[],"done":"no"}', /bad\.jsonl:3: done: expected a boolean/],
      ["{not json", /bad\.jsonl:3: \(json\)/],
    ];
    for (const [line, re] of cases) {
      writeFileSync(p, `${good}\n\n${line}\n`);
      await assert.rejects(async () => { for await (const _ of readTrajectories(p)) { /* drain */ } }, (e: unknown) => e instanceof RecordError && re.test((e as Error).message));
    }
  });

  it("leaves no file behind when generation fails midway", () => {
    const dir = tmp();
    const p = join(dir, "x.jsonl");
    writeFileSync(p, "old\n");
    function* boom() { yield "one"; throw new Error("generator died"); }
    assert.throws(() => writeLinesAtomic(p, boom()), /generator died/);
    assert.equal(readFileSync(p, "utf8"), "old\n");
    assert.deepEqual(readdirSync(dir), ["x.jsonl"]);
    assert.ok(existsSync(p));
  });
});

describe("resumable generation (asynchronous generators: engine games, dialogue partners)", () => {
  /** The toy chain's dataset served asynchronously; it dies after `failAfter` records when asked to. */
  const slowSpec = (opts: { failAfter?: number; skips?: boolean; log?: number[] } = {}): EnvSpec => ({
    ...chainSpec,
    id: "toy-chain-slow",
    dataset: {
      ...chainSpec.dataset,
      skips: opts.skips ?? true,
      generate: (n, rng, from) =>
        (async function* () {
          const all = [...syncIterable(chainSpec.dataset.generate(n, rng), "toy")];
          const skip = opts.skips === false ? 0 : (from?.skip ?? 0);
          opts.log?.push(skip);
          let made = 0;
          for (const t of all.slice(skip)) {
            if (made++ === opts.failAfter) throw new Error("engine died");
            await new Promise((r) => setImmediate(r));
            yield t;
          }
        })(),
    },
  });
  const bytes = (out: string) => readFileSync(datasetPath(out, "toy-chain-slow"), "utf8");

  it("a killed generation resumes after its complete records and ends byte-identical to an uninterrupted one", async () => {
    const clean = tmp();
    const [whole] = await generateDatasets(slowSpec(), { n: 12, seed: 3, out: clean });
    for (const skips of [true, false]) {
      const out = tmp();
      await assert.rejects(generateDatasets(slowSpec({ failAfter: 5, skips }), { n: 12, seed: 3, out }), /engine died/);
      const final = datasetPath(out, "toy-chain-slow");
      assert.equal(existsSync(final), false, "no train.jsonl before the split is complete");
      const partial = partialPath(final);
      assert.equal(readFileSync(partial, "utf8").trim().split("\n").length, 6, "header + the 5 games that finished");
      appendFileSync(partial, '{"task":"toy-chain","te'); // a record torn by the kill
      const log: number[] = [];
      const seen: [number, number][] = [];
      const [resumed] = await generateDatasets(slowSpec({ skips, log }), { n: 12, seed: 3, out, onProgress: (d, t) => seen.push([d, t]) });
      if (skips) assert.deepEqual(log, [5], "the generator was asked to start at record 5, not replay 0-4");
      assert.deepEqual(seen, [5, 6, 7, 8, 9, 10, 11, 12].map((d) => [d, 12]), "progress starts at the kept records and counts each new one");
      assert.equal(bytes(out), bytes(clean));
      assert.deepEqual(resumed.stats, whole.stats, "statistics count the kept records too");
      assert.equal(existsSync(partial), false);
    }
  });

  it("onProgress counts over every split: a run's progress reaches 1 only when the last split is written", async () => {
    const seen: [number, number][] = [];
    const twoSplits: EnvSpec = { ...chainSpec, dataset: { ...chainSpec.dataset, extraSplits: { eval: chainSpec.dataset.defaultSize / 2 } } };
    const files = await generateDatasets(twoSplits, { n: 20, seed: 0, out: tmp(), onProgress: (d, t) => seen.push([d, t]) });
    const total = files.reduce((a, f) => a + f.count, 0);
    assert.deepEqual(files.map((f) => [f.split, f.count]), [["train", 20], ["eval", 10]]);
    assert.ok(seen.every(([, t]) => t === total));
    assert.deepEqual(seen.at(-1), [total, total]);
    assert.ok(seen.every(([d], i) => i === 0 || d > seen[i - 1][0]), "monotonic");
    assert.ok(seen.some(([d]) => d === 20), "the train split's end is a step on the way, not the end");
  });

  it("a partial file of other settings (another seed) is started over, not mixed in", async () => {
    const out = tmp();
    await assert.rejects(generateDatasets(slowSpec({ failAfter: 4 }), { n: 10, seed: 1, out }), /engine died/);
    const log: number[] = [];
    await generateDatasets(slowSpec({ log }), { n: 10, seed: 2, out });
    assert.deepEqual(log, [0]);
    const ref = tmp();
    await generateDatasets(slowSpec(), { n: 10, seed: 2, out: ref });
    assert.equal(bytes(out), bytes(ref));
  });
});

describe("trajectory chains (TextTrajectoryChain of LLM_RL/environment.py)", () => {
  const t = {
    task: "toy",
    texts: [
      { text: "o0\n", isAction: false }, { text: "a0\n", isAction: true },
      { text: "o1\n", isAction: false }, { text: "a1\n", isAction: true },
      { text: "o2\n", isAction: false }, { text: "a2\n", isAction: true },
      { text: "end\n", isAction: false },
    ],
    rewards: [0, -1, 0, -1, 0, 0, 0],
    done: true,
  };
  it("cuts a window-1 episode into one [obs, action] link per action; only the last is done", () => {
    const links = chainLinks(toTrajectoryChain(t, 1));
    assert.deepEqual(links.map((l) => l.texts.map((x) => x.text).join("")), ["o0\na0\n", "o1\na1\n", "o2\na2\n"]);
    assert.deepEqual(links.map((l) => l.rewards), [[0, -1], [0, -1], [0, 0]]);
    assert.deepEqual(links.map((l) => l.done), [false, false, true]);
  });
  it("keeps the last `window` texts before each action", () => {
    const links = chainLinks(toTrajectoryChain(t, 3));
    assert.deepEqual(links.map((l) => l.texts.map((x) => x.text).join("")), ["o0\na0\n", "o0\na0\no1\na1\n", "o1\na1\no2\na2\n"]);
  });
  it("a link's only action is its last text: earlier actions in the window are context with reward 0", () => {
    const links = chainLinks(toTrajectoryChain(t, 3));
    assert.deepEqual(links.map((l) => l.texts.map((x) => x.isAction)), [[false, true], [false, false, false, true], [false, false, false, true]]);
    assert.deepEqual(links.map((l) => l.rewards), [[0, -1], [0, 0, 0, -1], [0, 0, 0, 0]]);
    assert.equal(t.texts[1].isAction, true, "the stored trajectory is not changed");
  });
  it("is a single link when the whole episode is in view, and not done when truncated", () => {
    assert.equal(chainLinks(toTrajectoryChain(t, Infinity)).length, 1);
    const cut = chainLinks(toTrajectoryChain({ ...t, done: false }, 1));
    assert.ok(cut.every((l) => !l.done));
    assert.throws(() => toTrajectoryChain(t, 0), /window must be >= 1/);
  });
});
