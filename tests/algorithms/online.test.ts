/**
 * On-policy machinery against hand-computed values (GAE, whitening, group advantages, the KL controller,
 * the clipped surrogate's gradient, the clipped value loss, PPO's per-episode targets across chain links,
 * top-fraction filtering, the k3 KL), then PPO, GRPO and online filtered BC learning a one-step text
 * bandit from a near-uniform start, and a resumed PPO run equal to an uninterrupted one.
 */
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { before, describe, it } from "node:test";
import * as tf from "@tensorflow/tfjs";
import { episodeTokenWeights, GRPO_DEFAULTS, GrpoLearner, k3Kl } from "../../src/algorithms/grpo";
import { ONLINE_BC_DEFAULTS, OnlineBcLearner, topEpisodes } from "../../src/algorithms/online-bc";
import { gae, groupAdvantages, KlController, ppoPolicyLoss, rolloutScalars, whiten, type OnlinePolicyLearner } from "../../src/algorithms/online";
import { clippedValueLoss, PPO_DEFAULTS, PpoLearner, ppoTargets } from "../../src/algorithms/ppo";
import { maskedMean } from "../../src/algorithms/tensor";
import { train } from "../../src/algorithms/trainer";
import type { Episode } from "../../src/core/rollout";
import type { EnvSpec } from "../../src/core/spec";
import { actionBody, lastAction, obs } from "../../src/core/text";
import type { History, StepResult, TextEnv } from "../../src/core/types";
import { initBackend } from "../../src/model/backend";
import { Gpt } from "../../src/model/gpt";
import { buildTokenizer, tokenizerFromJson, type KitTokenizer } from "../../src/model/tokenizer";
import { buildToyTask } from "../fixtures/toy-task/index";

const approx = (got: number, want: number, what: string, tol = 1e-5) => assert.ok(Math.abs(got - want) <= tol * Math.max(1, Math.abs(want)), `${what}: got ${got}, expected ${want}`);

describe("online RL: advantages, losses and controllers (hand-computed)", () => {
  before(async () => {
    await initBackend();
  });

  it("GAE: δ_t = r + γV' − V, A_t = δ_t + γλA_{t+1}, returns = A + V", () => {
    // γ 0.9, λ 0.8; V = [0.5, 1, 0], last value 2 (a time limit), r = [1, 0, 2]
    // δ2 = 2 + 0.9·2 − 0 = 3.8;  A2 = 3.8
    // δ1 = 0 + 0.9·0 − 1 = −1;    A1 = −1 + 0.72·3.8 = 1.736
    // δ0 = 1 + 0.9·1 − 0.5 = 1.4; A0 = 1.4 + 0.72·1.736 = 2.64992
    const g = gae([1, 0, 2], [0.5, 1, 0], 2, 0.9, 0.8);
    [2.64992, 1.736, 3.8].forEach((a, i) => approx(g.advantages[i], a, `A${i}`));
    [3.14992, 2.736, 3.8].forEach((r, i) => approx(g.returns[i], r, `R${i}`));
    const mc = gae([0, 0, 1], [0, 0, 0], 0, 1, 1); // λ = 1, V = 0: Monte-Carlo returns
    assert.deepEqual(mc.advantages, [1, 1, 1]);
    assert.throws(() => gae([1], [1, 2], 0, 1, 1), /1 rewards but 2 values/);
  });

  it("whitening and group-relative advantages", () => {
    const w = whiten([1, 2, 3]); // mean 2, population std √(2/3)
    [-1.224744, 0, 1.224744].forEach((x, i) => approx(w[i], x, `w${i}`));
    [1, -1, 0, 0].forEach((x, i) => approx(groupAdvantages([1, 0, 0, 0], 2)[i], x, `pair ${i}`, 1e-6)); // the second group carries no signal
    const g = groupAdvantages([3, 1, 2, 2, 2, 5], 3); // group 1: mean 2, std √(2/3)
    approx(g[0], 1.224744, "g0");
    approx(g[1], -1.224744, "g1");
    approx(g[2], 0, "g2");
    assert.throws(() => groupAdvantages([1, 2, 3], 2), /do not split into groups of 2/);
  });

  it("KL controller: fixed stays; adaptive moves by clip(KL/target − 1, ±0.2)·n/horizon", () => {
    assert.equal(new KlController(0.1).update(50, 128), 0.1);
    approx(new KlController(0.1, { target: 6, horizon: 10000 }).update(12, 128), 0.1 * (1 + (0.2 * 128) / 10000), "above target: +0.2 clipped");
    approx(new KlController(0.1, { target: 6, horizon: 10000 }).update(5.4, 100), 0.1 * (1 - (0.1 * 100) / 10000), "−10%");
    approx(new KlController(0.1, { target: 6, horizon: 10000 }).update(0, 100), 0.1 * (1 - (0.2 * 100) / 10000), "below target: −0.2 clipped");
  });

  it("clipped surrogate: value by hand, and no gradient where the clip binds", () => {
    // Four tokens, ε 0.2: (A, ρ) = (1, 1.5) clip binds; (1, 0.9) inside; (−1, 0.5) clip binds; (−1, 1.5) unclipped side
    const ratios = [1.5, 0.9, 0.5, 1.5];
    const adv = tf.tensor2d([[1, 1, -1, -1]]);
    const old = tf.zeros([1, 4]) as tf.Tensor2D;
    const mask = tf.ones([1, 4]) as tf.Tensor2D;
    const logp = tf.tensor2d([ratios.map(Math.log)]);
    const { loss, clipFrac } = ppoPolicyLoss(logp, old, adv, mask, 0.2);
    // per token max(−Aρ, −A·clip ρ): −1.2, −0.9, 0.8, 1.5 → mean 0.05
    approx(loss.dataSync()[0], (-1.2 - 0.9 + 0.8 + 1.5) / 4, "loss");
    approx(clipFrac.dataSync()[0], 0.5, "clip fraction");
    const g = tf.grad((lp: tf.Tensor) => ppoPolicyLoss(lp as tf.Tensor2D, old, adv, mask, 0.2).loss)(logp).dataSync();
    // d/dlogp of −Aρ = −Aρ (ρ = exp(logp)); averaged over 4 tokens
    approx(g[0], 0, "A>0, ρ above 1+ε: no gradient");
    approx(g[1], -0.9 / 4, "inside the range");
    approx(g[2], 0, "A<0, ρ below 1−ε: no gradient");
    approx(g[3], 1.5 / 4, "A<0, ρ above 1+ε: the unclipped term binds");
  });

  it("clipped value loss: ½·max((V − R)², (V_old + clip(V − V_old) − R)²)", () => {
    const v = tf.tensor2d([[1, 0.1]]);
    const vOld = tf.tensor2d([[0, 0]]);
    const ret = tf.tensor2d([[2, -1]]);
    const m = tf.ones([1, 2]) as tf.Tensor2D;
    // token 0: unclipped (1−2)² = 1, clipped (0.2−2)² = 3.24 → 3.24; token 1: (0.1+1)² = 1.21, clip same → 1.21
    approx(clippedValueLoss(v, vOld, ret, m, 0.2).dataSync()[0], 0.5 * ((3.24 + 1.21) / 2), "value loss");
  });

  it("PPO targets: KL-penalised rewards, GAE across chain links, bootstrap after a time limit", () => {
    // One episode in two links; each link has one 1-token action at position 1 (token 2).
    const seq = (reward: number, done: boolean) => ({ ids: [5, 6, 7], isAction: [false, false, true], rewards: [0, 0, reward], done });
    const seqs = [seq(-1, false), seq(0, false)];
    const score = (lp: number, ref: number, v: number, finalValue = NaN) => ({ logp: new Float32Array([0, lp, 0]), refLogp: new Float32Array([0, ref, 0]), values: new Float32Array([0, v, 0]), finalValue });
    // link 1 is the last, not done, with a next-window value 3 (the env's final observation)
    const scores = [score(-0.5, -1, 1), score(-2, -1, 2, 3)];
    const t = ppoTargets(seqs, scores, [[0, 1]], { gamma: 0.5, lambda: 1, klCoef: 0.1 });
    // rewards: −1 − 0.1·0.5 = −1.05; 0 − 0.1·(−1) = 0.1. δ1 = 0.1 + 0.5·3 − 2 = −0.4; δ0 = −1.05 + 0.5·2 − 1 = −1.05
    // A1 = −0.4; A0 = −1.05 + 0.5·(−0.4) = −1.25
    approx(t.advantages[1][1], -0.4, "A1");
    approx(t.advantages[0][1], -1.25, "A0");
    approx(t.returns[0][1], -0.25, "R0 = A0 + V0");
    approx(t.episodeKl[0], 0.5 - 1, "Σ log π − log π_BC");
    const done = ppoTargets([seqs[0], seq(0, true)], scores, [[0, 1]], { gamma: 0.5, lambda: 1, klCoef: 0 });
    approx(done.advantages[1][1], 0 + 0 - 2, "a finished episode bootstraps 0");
  });

  it("GRPO weighs each episode the same: 1/|o_i| per action token, a weighted mean below a sum of 1", () => {
    // Episode 0: three turns of 2, 2 and 4 action tokens (|o| = 8); episode 1: one turn of 2; episode 2: none.
    assert.deepEqual(episodeTokenWeights([[2, 2, 4], [2], [0]]), [[0.125, 0.125, 0.125], [0.5], [0]]);
    // A long failed episode (4 tokens, Â = −1) and a short success (1 token, Â = +1), ρ = 1: the token mean
    // is (4·1 − 1)/5 = 0.6 (the failure dominates); weighted 1/4 and 1/1 it is (4·¼·1 − 1·1)/2 = 0.
    const logp = tf.tensor2d([[0, 0, 0, 0, 0]]);
    const adv = tf.tensor2d([[-1, -1, -1, -1, 1]]);
    approx(ppoPolicyLoss(logp, logp, adv, tf.tensor2d([[1, 1, 1, 1, 1]]), 0.2).loss.dataSync()[0], 0.6, "token mean");
    approx(ppoPolicyLoss(logp, logp, adv, tf.tensor2d([[0.25, 0.25, 0.25, 0.25, 1]]), 0.2).loss.dataSync()[0], 0, "per-episode mean");
    // Weights summing to 0.2 still give a mean (no floor of 1 under the denominator); an empty mask gives 0.
    approx(maskedMean(tf.tensor2d([[3, 5]]), tf.tensor2d([[0.1, 0.1]])).dataSync()[0], 4, "weighted mean of 3 and 5");
    approx(maskedMean(tf.tensor2d([[3, 5]]), tf.tensor2d([[0, 0]])).dataSync()[0], 0, "empty mask");
  });

  it("top-fraction filter and the k3 KL estimator", () => {
    assert.deepEqual(topEpisodes([0, 3, 1, 3], 0.5), [1, 3]);
    assert.deepEqual(topEpisodes([1, 1, 1], 0.3), [0], "ties keep rollout order; ⌈0.9⌉ = 1");
    assert.throws(() => topEpisodes([1], 0), /fraction must be in/);
    const k = k3Kl(tf.tensor2d([[0, Math.log(0.5)]]), tf.tensor2d([[0, Math.log(0.25)]])).dataSync();
    approx(k[0], 0, "equal policies");
    approx(k[1], 0.5 - Math.log(0.5) - 1, "exp(d) − d − 1 with d = log(0.25/0.5)");
  });
});

describe("rollout scalars", () => {
  it("count actions cut at maxNewTokens (no closing newline) and invalid actions per action taken", () => {
    const spec = { anchors: { paper: { min: -2, avg: 0, max: 2 } } } as unknown as EnvSpec;
    const act = (text: string) => ({ text, isAction: true });
    const episode = (texts: { text: string; isAction: boolean }[], ret: number, invalid: number) => {
      const length = texts.filter((t) => t.isAction).length;
      return { trajectory: { task: "t", texts, rewards: texts.map(() => 0) }, return: ret, length, success: false, truncated: false, invalidActions: invalid } as unknown as Episode;
    };
    // Episode 1: "e 4\n" ended, "N f / - O - O" cut; episode 2: "d 4\n" ended. Observations end with "\n" too
    // and "x\n y" contains a newline without ending with one: neither may count.
    const s = rolloutScalars(spec, [
      episode([obs("board\n"), act("e 4\n"), obs("board\n"), act("N f / - O - O")], -1, 1),
      episode([obs("board\n"), act("d 4\n"), obs("x\n y")], 1, 0),
    ]);
    approx(s["rollout/unended_rate"], 1 / 3, "one action of three without its newline");
    approx(s["rollout/invalid_rate"], 1 / 3, "one invalid action of three");
    approx(s["rollout/return"], 0, "mean return");
    approx(s["rollout/score"], 50, "the paper anchors' average maps to 50");
    approx(rolloutScalars(spec, [])["rollout/unended_rate"], 0, "no episodes, no actions");
  });
});

/** A one-step text bandit: say "b" (reward 1); "a", "c" or anything else gets 0. */
class BanditEnv implements TextEnv {
  readonly id = "bandit";
  readonly maxTurns = 1;
  reset(): History {
    return [obs("pick\n")];
  }
  step(history: History): StepResult {
    const a = actionBody(lastAction(history, this.id));
    return { history: [...history, obs("ok\n")], reward: a === "b" ? 1 : 0, terminated: true, truncated: false, info: { success: a === "b", invalidAction: !["a", "b", "c"].includes(a) } };
  }
}

const bandit = {
  id: "bandit",
  task: "bandit",
  maxTurns: 1,
  historyWindow: 1,
  make: () => new BanditEnv(),
  anchors: { paper: { min: 0, avg: 0.5, max: 1 }, ours: { min: 0, avg: 0.5, max: 1 } },
} as unknown as EnvSpec;

describe("online RL learns a one-step text bandit from a near-uniform start", () => {
  let tok: KitTokenizer;
  const small = { nLayer: 1, nHead: 2, dModel: 32, blockSize: 16, maxLength: 16, maxNewTokens: 1, rolloutEpisodes: 64, rolloutBatchSize: 64, batchSize: 64, epochs: 4, lr: 1e-2, warmupSteps: 0 };
  before(async () => {
    await initBackend();
    tok = tokenizerFromJson(buildTokenizer(["pick\n", "ok\n", "a\n", "b\n", "c\n"]));
  });

  /** Rounds until the policy says "b" in ≥ 90% of a round's rollouts (at most `max`). */
  async function roundsToSolve(make: (w: Record<string, tf.Tensor>, g: Gpt["config"]) => OnlinePolicyLearner, max: number): Promise<{ rounds: number; first: number }> {
    const init = new Gpt({ vocabSize: tok.vocabSize, nLayer: 1, nHead: 2, dModel: 32, blockSize: 16 }, { seed: 7 });
    const learner = make(init.weights(), init.config);
    init.dispose();
    let first = NaN;
    try {
      for (let r = 1; r <= max; r++) {
        const { scalars } = await learner.round({ spec: bandit, round: r, seed: 0, window: 1 });
        if (r === 1) first = scalars["rollout/success"];
        if (scalars["rollout/success"] >= 0.9) {
          if (process.env.LMRL_DEBUG) console.error(`${learner.algorithm}: solved at round ${r} (first round ${first})`);
          return { rounds: r, first };
        }
      }
      return { rounds: Infinity, first };
    } finally {
      learner.dispose();
    }
  }

  it("PPO", async () => {
    const { rounds, first } = await roundsToSolve((w, g) => new PpoLearner({ ...PPO_DEFAULTS, ...small, klCoef: 0, gamma: 1, lambda: 1 }, tok, w, g, 0), 40);
    assert.ok(first < 0.4, `starts near uniform (${first})`);
    assert.ok(rounds <= 40, `PPO solves the bandit within 40 rounds (took ${rounds})`);
  });

  it("GRPO", async () => {
    const { rounds } = await roundsToSolve((w, g) => new GrpoLearner({ ...GRPO_DEFAULTS, ...small, groupSize: 8, klCoef: 0 }, tok, w, g), 40);
    assert.ok(rounds <= 40, `GRPO solves the bandit within 40 rounds (took ${rounds})`);
  });

  it("online filtered BC", async () => {
    const { rounds } = await roundsToSolve((w, g) => new OnlineBcLearner({ ...ONLINE_BC_DEFAULTS, ...small, epochs: 1 }, tok, w, g), 40);
    assert.ok(rounds <= 40, `online %BC solves the bandit within 40 rounds (took ${rounds})`);
  });

  it("GRPO refuses a round size that does not split into groups, naming the fix", () => {
    const init = new Gpt({ vocabSize: tok.vocabSize, nLayer: 1, nHead: 2, dModel: 32, blockSize: 16 }, { seed: 1 });
    assert.throws(() => new GrpoLearner({ ...GRPO_DEFAULTS, ...small, rolloutEpisodes: 60, groupSize: 8 }, tok, init.weights(), init.config), /multiple of groupSize.*--set rolloutEpisodes=64/);
    init.dispose();
  });
});

describe("online RL through the trainer", () => {
  let toy: EnvSpec;
  let tmp: string;
  before(async () => {
    await initBackend();
    tmp = mkdtempSync(join(tmpdir(), "lmrl-online-"));
    const spec = await buildToyTask(join(tmp, "tokenizer"));
    toy = { ...spec, train: { ...spec.train, ppo: { steps: 3, rolloutEpisodes: 8, rolloutBatchSize: 4, batchSize: 8, lr: 1e-3, checkpointEvery: 1, logEvery: 1 } } };
  });

  it("a resumed PPO run equals an uninterrupted one, round for round", async () => {
    const common = { algorithm: "ppo", env: toy, seed: 4, progress: "off" as const, verbose: false };
    const full = join(tmp, "full");
    const a = await train({ ...common, out: full });
    const part = join(tmp, "part");
    await train({ ...common, out: part, config: [{ steps: 2 }] });
    const b = await train({ ...common, out: part, resume: true, config: [{ steps: 3 }] });
    const rows = (dir: string) =>
      readFileSync(join(dir, "metrics.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l) as Record<string, number>).filter((r) => String(r.phase) === "ppo" && "rollout/return" in r);
    const strip = (r: Record<string, number>) => Object.fromEntries(Object.entries(r).filter(([k]) => !k.startsWith("time/") && !k.startsWith("throughput/")));
    assert.equal(rows(full).length, 3);
    assert.deepEqual(rows(part).map(strip), rows(full).map(strip), "same rollouts, losses and KL every round");
    assert.equal(b.finalEval.meanReturn, a.finalEval.meanReturn);
  });

  it("PPO's optional BC loss reads the row's dataset each round (logged as loss/bc), reproducibly", async () => {
    const run = async (out: string) => {
      await train({ algorithm: "ppo", env: toy, seed: 5, out: join(tmp, out), config: [{ steps: 2, bcLossWeight: 1 }], progress: "off", verbose: false });
      return readFileSync(join(tmp, out, "metrics.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l) as Record<string, number>).filter((r) => String(r.phase) === "ppo" && "loss/bc" in r);
    };
    const a = await run("bc-loss-a");
    const b = await run("bc-loss-b");
    assert.equal(a.length, 2, "both rounds log the BC loss");
    for (const r of a) assert.ok(r["loss/bc"] > 0 && Number.isFinite(r["loss/bc"]), `loss/bc ${r["loss/bc"]}`);
    assert.deepEqual(a.map((r) => r["loss/bc"]), b.map((r) => r["loss/bc"]), "the same seed reads the same dataset batches");
  });
});
