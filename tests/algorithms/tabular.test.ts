/**
 * Tabular sanity case for the offline algorithms: a tiny deterministic chain MDP written as text. The
 * agent sees "s 0\n", "s 1\n"; "right\n" moves on (reaching s 2 ends the episode with reward 1),
 * "left\n" (or anything else) ends it with reward 0. The behaviour data goes right only 30% of the time,
 * so BC's greedy policy goes left (return 0) while ILQL's greedy policy, decoding with
 * logits_β + β·min(Q1, Q2), must reach the goal (return 1). A tiny model; runs in seconds.
 */
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { BC_DEFAULTS, BcLearner } from "../../src/algorithms/bc";
import { CachedEncoder, collate, sequenceBatches, type TokenSequence } from "../../src/algorithms/data";
import { ILQL_DEFAULTS, IlqlLearner } from "../../src/algorithms/ilql";
import type { Learner } from "../../src/algorithms/learner";
import { Rng } from "../../src/core/rng";
import { rollout, rolloutSync } from "../../src/core/rollout";
import { actionBody, lastAction, obs } from "../../src/core/text";
import type { History, StepResult, TextEnv, Trajectory } from "../../src/core/types";
import { initBackend } from "../../src/model/backend";
import { buildTokenizer, tokenizerFromJson, type KitTokenizer } from "../../src/model/tokenizer";

class TextChain implements TextEnv {
  readonly id = "text-chain";
  readonly maxTurns = 3;
  private pos = 0;
  reset(): History {
    this.pos = 0;
    return [obs("s 0\n")];
  }
  step(history: History): StepResult {
    const right = actionBody(lastAction(history, this.id)) === "right";
    if (!right) return { history: [...history, obs("fell\n")], reward: 0, terminated: true, truncated: false, info: { success: false, invalidAction: false } };
    this.pos++;
    const goal = this.pos === 2;
    return { history: [...history, obs(goal ? "goal\n" : `s ${this.pos}\n`)], reward: goal ? 1 : 0, terminated: goal, truncated: false, info: { success: goal, invalidAction: false } };
  }
}

function dataset(n: number, rng: Rng): Trajectory[] {
  const env = new TextChain();
  const behaviour = { name: "behaviour", act: (_h: History, r: Rng) => (r.bernoulli(0.3) ? "right" : "left") };
  return Array.from({ length: n }, (_, i) => rolloutSync(env, behaviour, { seed: i, rng }, "text-chain").trajectory);
}

async function greedyReturn(learner: Learner): Promise<number> {
  const policy = learner.policy({ window: Infinity, temperature: 0, maxNewTokens: 3 });
  return (await rollout(new TextChain(), policy, { seed: 0 })).return;
}

describe("algorithms: tabular chain MDP as text", () => {
  let tok: KitTokenizer;
  before(async () => {
    await initBackend();
    tok = tokenizerFromJson(buildTokenizer(["s 0\n", "s 1\n", "s 2\n", "left\n", "right\n", "fell\n", "goal\n"]));
  });

  it("ILQL's greedy policy reaches the goal where BC on the mixed data does not", async () => {
    const data = dataset(300, new Rng(1));
    const successRate = data.filter((t) => t.meta?.success).length / data.length;
    assert.ok(successRate > 0.03 && successRate < 0.2, `behaviour success ${successRate} should be ~0.09`);
    const enc = new CachedEncoder(tok);
    const opts = { window: Infinity, gamma: 0.99, maxLength: 16, batchSize: 32, shuffleBuffer: 1000 };
    const model = { nLayer: 1, nHead: 2, dModel: 32, blockSize: 16, maxLength: 16 };
    const next = (it: AsyncGenerator<TokenSequence[]>) => it.next().then((r) => collate(r.value as TokenSequence[], tok.padId));

    const bc = new BcLearner("bc", { ...BC_DEFAULTS, ...model, steps: 60, lr: 1e-2, warmupSteps: 5 }, tok, 0);
    const bcData = sequenceBatches(() => data, enc, opts, new Rng(2));
    let bcLoss = Infinity;
    for (let s = 0; s < 60; s++) bcLoss = bc.step(await next(bcData))["loss/bc"];
    assert.ok(bcLoss < 0.5, `BC should fit the data (loss ${bcLoss})`);
    assert.equal(await greedyReturn(bc), 0, "BC imitates the majority action (left) and fails");

    const cfg = { ...ILQL_DEFAULTS, ...model, steps: 300, lr: 3e-3, tau: 0.9, beta: 16, cqlWeight: 0.1, polyakAlpha: 0.1 };
    const ilql = new IlqlLearner(cfg, tok, bc.model.weights(), bc.model.config, 0);
    const ilqlData = sequenceBatches(() => data, enc, { ...opts, gamma: cfg.gamma }, new Rng(3));
    let m: Record<string, number> = {};
    for (let s = 0; s < cfg.steps; s++) m = ilql.step(await next(ilqlData));
    assert.ok(m["ilql/v_mean"] > 0.05, `V should move toward the optimistic expectile of returns (v_mean ${m["ilql/v_mean"]})`);
    assert.equal(await greedyReturn(ilql), 1, "ILQL's greedy policy should go right twice and reach the goal");
    bc.dispose();
    ilql.dispose();
  });
});
