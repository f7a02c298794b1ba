import assert from "node:assert/strict";
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { openEvalJournal } from "../../src/core/eval-journal";
import { evaluate } from "../../src/core/evaluate";
import type { Episode } from "../../src/core/rollout";
import type { EnvSpec } from "../../src/core/spec";
import type { History, StepResult } from "../../src/core/types";
import { chainSpec, ChainEnv } from "../helpers/toy-env";

/** The toy chain with info fields JSON cannot hold as they are, and a task metric folded from them. */
class OddInfoEnv extends ChainEnv {
  override step(history: History): StepResult {
    const r = super.step(history);
    return { ...r, info: { ...r.info, ratio: r.reward === 0 ? NaN : -Infinity, note: "x" } };
  }
}
const oddSpec: EnvSpec = {
  ...chainSpec,
  make: () => new OddInfoEnv(),
  episodeMetrics: (eps: readonly Episode[]) => ({ nan_endings: eps.filter((e) => Number.isNaN(e.lastInfo?.ratio)).length / eps.length }),
};

const tmp = () => mkdtempSync(join(tmpdir(), "lmrl-journal-"));
const opts = { episodes: 20, seed: 5, batchSize: 3, keepEpisodes: true } as const;

class Stop extends Error {}

/** Runs `opts` with a journal at `path`, stopping (as a kill would) once `batches` batches are recorded. */
async function runStopped(path: string, batches: number): Promise<void> {
  const j = openEvalJournal(path, { seed: opts.seed, batchSize: opts.batchSize });
  let n = 0;
  await assert.rejects(
    evaluate(oddSpec, oddSpec.policies.random, {
      ...opts,
      ...(j.resume ? { resume: j.resume } : {}),
      onBatch: (p, s, eps) => {
        j.record(p, s, eps);
        if (++n === batches) throw new Stop();
      },
    }),
    Stop,
  );
}

describe("a resumable evaluation (eval journal)", () => {
  it("stopped twice and resumed from its journal, it gives the uninterrupted run's episodes and summary", async () => {
    const dir = tmp();
    try {
      const whole = await evaluate(oddSpec, oddSpec.policies.random, opts);
      assert.ok(whole.taskMetrics!.nan_endings > 0 && whole.taskMetrics!.nan_endings < 1, "the toy run has both endings, so the metric can tell them apart");
      const path = join(dir, "episodes.jsonl");
      await runStopped(path, 2); // episodes 0–5
      await runStopped(path, 2); // resumes after 6, stops after 12
      const j = openEvalJournal(path, { seed: opts.seed, batchSize: opts.batchSize });
      assert.equal(j.resume?.episodes.length, 12);
      let ran = 0;
      const resumed = await evaluate(oddSpec, oddSpec.policies.random, { ...opts, resume: j.resume!, onBatch: (p, s, eps) => { ran += eps.length; j.record(p, s, eps); } });
      assert.equal(ran, 8, "only the episodes the journal lacks are run");
      assert.deepEqual(resumed, whole);
      assert.ok(Number.isNaN(resumed.episodeRecords!.find((e) => e.success)!.lastInfo!.ratio), "NaN survives the file");
      assert.equal(resumed.episodeRecords!.find((e) => !e.success)!.lastInfo!.ratio, -Infinity);
      // the finished journal holds the whole evaluation: reopened, nothing is left to run
      const done = openEvalJournal(path, { seed: opts.seed, batchSize: opts.batchSize });
      assert.deepEqual(await evaluate(oddSpec, oddSpec.policies.random, { ...opts, resume: done.resume!, onBatch: () => assert.fail("no batch to run") }), whole);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("drops a line cut short by a crash and what follows, keeps the whole batches before it, and appends cleanly after them", async () => {
    const dir = tmp();
    try {
      const path = join(dir, "episodes.jsonl");
      await runStopped(path, 3);
      const lines = readFileSync(path, "utf8").trimEnd().split("\n");
      assert.equal(lines.length, 4, "a header and three batches");
      writeFileSync(path, `${lines.slice(0, 3).join("\n")}\n${lines[3].slice(0, 40)}`); // the third batch torn
      appendFileSync(path, `\n${lines[3]}\n`); // a whole line after a torn one is not trusted either
      const j = openEvalJournal(path, { seed: opts.seed, batchSize: opts.batchSize });
      assert.equal(j.resume?.episodes.length, 6);
      assert.equal(readFileSync(path, "utf8").trimEnd().split("\n").length, 3, "the file is rewritten to what was kept");
      const whole = await evaluate(oddSpec, oddSpec.policies.random, opts);
      assert.deepEqual(await evaluate(oddSpec, oddSpec.policies.random, { ...opts, resume: j.resume!, onBatch: j.record }), whole);
      assert.equal(openEvalJournal(path, { seed: opts.seed, batchSize: opts.batchSize }).resume?.episodes.length, 20);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("starts afresh under another key, a garbage file or a batch out of order", async () => {
    const dir = tmp();
    try {
      const path = join(dir, "episodes.jsonl");
      await runStopped(path, 2);
      assert.equal(openEvalJournal(path, { seed: opts.seed, batchSize: opts.batchSize }).resume?.episodes.length, 6);
      // key order does not matter; another seed does (and the other seed's journal replaces the file)
      assert.equal(openEvalJournal(path, { batchSize: opts.batchSize, seed: opts.seed }).resume?.episodes.length, 6);
      assert.equal(openEvalJournal(path, { seed: 6, batchSize: opts.batchSize }).resume, undefined);
      assert.equal(openEvalJournal(path, { seed: opts.seed, batchSize: opts.batchSize }).resume, undefined, "replaced by the seed-6 journal");
      writeFileSync(path, "\u0000not json\n{\n");
      const j = openEvalJournal(path, { seed: 1 });
      assert.equal(j.resume, undefined);
      assert.throws(() => j.record("random", 3, []), /starts at episode 3, expected 0/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("evaluate refuses a resume that is not whole batches of its size, and says how to go on", async () => {
    const first = await evaluate(chainSpec, chainSpec.policies.random, { ...opts, episodes: 4, keepEpisodes: true });
    const resume = { policy: "random", episodes: first.episodeRecords! };
    await assert.rejects(evaluate(chainSpec, chainSpec.policies.random, { ...opts, resume }), /resume after 4 episodes of 20 in batches of 3.*without resume/);
    await assert.rejects(evaluate(chainSpec, chainSpec.policies.random, { ...opts, episodes: 3, resume }), /after 4 episodes of 3/);
  });
});
