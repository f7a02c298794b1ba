/** Batched generation (KV cache vs reference path, padding, stop ids, hooks, seeds) and action scoring. */
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import * as tf from "@tensorflow/tfjs";
import { Rng } from "../../src/core/rng";
import { initBackend } from "../../src/model/backend";
import { Gpt } from "../../src/model/gpt";
import { generate, leftPad, scoreActions } from "../../src/model/generate";

const CFG = { vocabSize: 20, nLayer: 2, nHead: 2, dModel: 16, blockSize: 16 };
let model: Gpt;

describe("generate", () => {
  before(async () => {
    await initBackend();
    // larger init than GPT-2's so the untrained model's distribution is far from uniform (makes tests sharper)
    model = new Gpt(CFG, { seed: 11 });
    tf.tidy(() => model.setWeights(Object.fromEntries(Object.entries(model.weights()).map(([k, v]) => [k, k.endsWith(".w") || k === "wte" ? tf.mul(v, 8) : v]))));
  });

  it("leftPad truncates from the left and pads on the left", () => {
    assert.deepEqual(leftPad([[1, 2, 3, 4], [5]], 3, 0), { ids: [[2, 3, 4], [0, 0, 5]], mask: [[1, 1, 1], [0, 0, 1]] });
    assert.throws(() => leftPad([[]], 3, 0), /prompt 0 is empty/);
  });

  it("KV-cache generation equals the no-cache reference token for token (incl. a sliding window)", () => {
    const prompts = [[1, 2, 3], [4], [5, 6, 7, 8, 9, 10]];
    for (const maxNewTokens of [6, 14]) {
      // 14 new tokens after a 6-token padded prompt exceeds blockSize 16: the window slides
      const a = generate(model, prompts, { maxNewTokens, seed: 3 });
      const b = generate(model, prompts, { maxNewTokens, seed: 3, useCache: false });
      assert.deepEqual(a, b);
      assert.ok(a.tokens.every((t) => t.length === maxNewTokens));
    }
    const g1 = generate(model, prompts, { maxNewTokens: 10, greedy: true });
    const g2 = generate(model, prompts, { maxNewTokens: 10, greedy: true, useCache: false });
    assert.deepEqual(g1, g2);
  });

  it("is deterministic per seed and differs across seeds", () => {
    const prompts = [[1, 2], [3, 4]];
    const a = generate(model, prompts, { maxNewTokens: 12, seed: 1 });
    assert.deepEqual(generate(model, prompts, { maxNewTokens: 12, seed: 1 }), a);
    assert.notDeepEqual(generate(model, prompts, { maxNewTokens: 12, seed: 2 }).tokens, a.tokens);
    assert.throws(() => generate(model, prompts, { maxNewTokens: 2 }), /pass `seed`/);
  });

  it("a left-padded row generates what it would alone (rows are independent)", () => {
    const alone = generate(model, [[7, 8]], { maxNewTokens: 8, rngs: [new Rng(5)] });
    const batched = generate(model, [[1, 2, 3, 4, 5, 6], [7, 8]], { maxNewTokens: 8, rngs: [new Rng(1), new Rng(5)] });
    assert.deepEqual(batched.tokens[1], alone.tokens[0]);
  });

  it("greedy picks the argmax of the full forward pass", () => {
    const prompt = [3, 1, 4, 1, 5];
    const out = generate(model, [prompt], { maxNewTokens: 1, greedy: true });
    const logits = model.forward(tf.tensor2d([prompt], [1, 5], "int32")).logits;
    const last = Array.from(logits.slice([0, 4, 0], [1, 1, 20]).dataSync());
    assert.equal(out.tokens[0][0], last.indexOf(Math.max(...last)));
  });

  it("stops each row at stopId and respects maxNewTokens", () => {
    // hook: make token 9 overwhelmingly likely for row 0 only
    const hook = (logits: tf.Tensor2D) => tf.add(logits, tf.tensor2d([[...new Array(9).fill(0), 1e4, ...new Array(10).fill(0)], new Array(20).fill(0)])) as tf.Tensor2D;
    const out = generate(model, [[1], [2]], { maxNewTokens: 5, seed: 0, stopId: 9, logitsHook: hook });
    assert.deepEqual(out.tokens[0], [9]);
    assert.deepEqual(out.stopped, [true, out.tokens[1].includes(9)]);
    assert.ok(out.tokens[1].length === 5 || out.tokens[1][out.tokens[1].length - 1] === 9);
  });

  it("logitsHook receives the final hidden state (logits_β + β·Q style)", () => {
    let seen: number[] = [];
    const hook = (logits: tf.Tensor2D, hidden: tf.Tensor2D) => {
      seen = hidden.shape;
      return tf.add(logits, tf.mul(tf.oneHot(tf.tensor1d([4, 4], "int32"), 20), 1e4)) as tf.Tensor2D;
    };
    const out = generate(model, [[1], [2, 3]], { maxNewTokens: 3, seed: 0, logitsHook: hook });
    assert.deepEqual(seen, [2, 16]);
    assert.deepEqual(out.tokens, [[4, 4, 4], [4, 4, 4]]);
  });

  it("top-k 1 equals greedy; temperature must be positive", () => {
    const p = [[1, 2, 3], [9]];
    assert.deepEqual(generate(model, p, { maxNewTokens: 6, seed: 4, topK: 1 }).tokens, generate(model, p, { maxNewTokens: 6, greedy: true }).tokens);
    assert.throws(() => generate(model, p, { maxNewTokens: 1, seed: 1, temperature: 0 }), /temperature must be > 0/);
  });

  it("leaks no tensors (cache and reference paths, with a hook, and scoring)", () => {
    const before = tf.memory().numTensors;
    generate(model, [[1, 2, 3], [4]], { maxNewTokens: 20, seed: 3, stopId: 5 });
    generate(model, [[1, 2, 3], [4]], { maxNewTokens: 5, seed: 3, useCache: false, logitsHook: (l) => tf.mul(l, 2) as tf.Tensor2D });
    scoreActions(model, [[1, 2]], [[3]]);
    assert.equal(tf.memory().numTensors, before);
  });

  it("scoreActions sums the log-probs of the action tokens", () => {
    const prompt = [1, 2, 3], action = [4, 5];
    const [score, score2] = scoreActions(model, [prompt, [7, 7, 7, 7, 7, 1, 2, 3]], [action, [6]]);
    const seq = [...prompt, ...action];
    const logp = tf.logSoftmax(model.forward(tf.tensor2d([seq], [1, 5], "int32")).logits).arraySync() as number[][][];
    const expect = logp[0][2][4] + logp[0][3][5];
    assert.ok(Math.abs(score - expect) < 1e-4, `${score} vs ${expect}`);
    const seq2 = [7, 7, 7, 7, 7, 1, 2, 3, 6];
    const lp2 = tf.logSoftmax(model.forward(tf.tensor2d([seq2], [1, 9], "int32")).logits).arraySync() as number[][][];
    assert.ok(Math.abs(score2 - lp2[0][7][6]) < 1e-4);
    assert.throws(() => scoreActions(model, [prompt], []), /1 prompts but 0 actions/);
  });
});
