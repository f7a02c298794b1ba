/** GPT decoder and heads: shapes, names, init, causality, padding invariance, and overfitting a tiny corpus. */
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import * as tf from "@tensorflow/tfjs";
import { initBackend } from "../../src/model/backend";
import { Gpt, ScalarHead, VocabHead, prefixed, type GptConfig } from "../../src/model/gpt";
import { softmaxCrossEntropy } from "../../src/model/ops";
import { AdamW, byName } from "../../src/model/optim";

const TINY: GptConfig = { vocabSize: 16, nLayer: 2, nHead: 2, dModel: 16, blockSize: 12 };

function maxAbsDiff(a: tf.Tensor, b: tf.Tensor): number {
  return tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]);
}

describe("Gpt", () => {
  before(async () => {
    await initBackend();
  });

  it("has GPT-2 names, the expected parameter count and GPT-2 init statistics", () => {
    const m = new Gpt({ vocabSize: 64, nLayer: 2, nHead: 4, dModel: 32, blockSize: 16 }, { seed: 0 });
    const w = m.weights();
    for (const k of ["wte", "wpe", "h.0.ln_1.gamma", "h.1.attn.c_attn.w", "h.1.mlp.c_proj.b", "ln_f.beta"]) assert.ok(k in w, `missing ${k}`);
    // V·D + T·D + L·(12·D² + 13·D) + 2·D  (c_attn 3D²+3D, c_proj D²+D, fc 4D²+4D, proj 4D²+D, 2 LNs 4D)
    const D = 32;
    assert.equal(m.numParams(), 64 * D + 16 * D + 2 * (12 * D * D + 13 * D) + 2 * D);
    const std = (t: tf.Tensor) => tf.tidy(() => Math.sqrt(tf.moments(t).variance.dataSync()[0]));
    assert.ok(Math.abs(std(w.wte) - 0.02) < 0.002, `wte std ${std(w.wte)}`);
    assert.ok(Math.abs(std(w["h.0.mlp.c_proj.w"]) - 0.01) < 0.001, `c_proj std ${std(w["h.0.mlp.c_proj.w"])} (0.02/√(2·2) = 0.01)`);
    assert.equal(tf.sum(w["h.0.ln_1.gamma"]).dataSync()[0], D);
    // same seed -> same weights; different seed -> different
    const m2 = new Gpt(m.config, { seed: 0 }), m3 = new Gpt(m.config, { seed: 1 });
    assert.equal(maxAbsDiff(m.weights().wte, m2.weights().wte), 0);
    assert.ok(maxAbsDiff(m.weights().wte, m3.weights().wte) > 0);
    [m, m2, m3].forEach((x) => x.dispose());
  });

  it("setWeights names the key and both shapes on mismatch; rejects unknown keys", () => {
    const m = new Gpt(TINY, { seed: 0 });
    const w: Record<string, tf.Tensor> = { ...m.weights(), wpe: tf.zeros([5, 16]) };
    assert.throws(() => m.setWeights(w), /"wpe" has shape \[5,16\] but the model expects \[12,16\]/);
    assert.throws(() => m.setWeights({ ...m.weights(), extra: tf.zeros([1]) }), /unknown weight\(s\) extra/);
    const { wte: _wte, ...noWte } = m.weights();
    assert.throws(() => m.setWeights(noWte), /missing weight "wte"/);
    assert.throws(() => new Gpt({ ...TINY, dModel: 15 }, { seed: 0 }), /divisible by nHead/);
    // round trip through a copy
    const copy = new Gpt(TINY, { weights: m.weights() });
    const ids = tf.tensor2d([[1, 2, 3]], [1, 3], "int32");
    assert.equal(maxAbsDiff(m.forward(ids).logits, copy.forward(ids).logits), 0);
    m.dispose();
    copy.dispose();
  });

  it("is causal: changing a later token leaves earlier logits unchanged", () => {
    const m = new Gpt(TINY, { seed: 2 });
    const a = m.forward(tf.tensor2d([[1, 2, 3, 4, 5]], [1, 5], "int32")).logits;
    const b = m.forward(tf.tensor2d([[1, 2, 3, 9, 9]], [1, 5], "int32")).logits;
    assert.ok(maxAbsDiff(a.slice([0, 0, 0], [1, 3, 16]), b.slice([0, 0, 0], [1, 3, 16])) < 1e-6);
    assert.ok(maxAbsDiff(a.slice([0, 3, 0], [1, 1, 16]), b.slice([0, 3, 0], [1, 1, 16])) > 1e-4);
    m.dispose();
  });

  it("masked left/right padding does not change logits at real positions", () => {
    const m = new Gpt(TINY, { seed: 3 });
    const ref = m.forward(tf.tensor2d([[5, 6, 7, 8]], [1, 4], "int32"));
    // row 0: left-padded by 3; row 1: right-padded by 3; pad token 0 and 15 (any id)
    const ids = tf.tensor2d([[0, 0, 0, 5, 6, 7, 8], [5, 6, 7, 8, 15, 15, 15]], [2, 7], "int32");
    const mask = tf.tensor2d([[0, 0, 0, 1, 1, 1, 1], [1, 1, 1, 1, 0, 0, 0]]);
    const out = m.forward(ids, { attentionMask: mask });
    const refL = ref.logits.reshape([4, 16]);
    assert.ok(maxAbsDiff(out.logits.slice([0, 3, 0], [1, 4, 16]).reshape([4, 16]), refL) < 1e-4, "left padding changed logits");
    assert.ok(maxAbsDiff(out.logits.slice([1, 0, 0], [1, 4, 16]).reshape([4, 16]), refL) < 1e-4, "right padding changed logits");
    assert.ok(maxAbsDiff(out.hidden.slice([0, 3, 0], [1, 4, 16]).reshape([4, 16]), ref.hidden.reshape([4, 16])) < 1e-4);
    // without the mask, left padding does change them (the test can fail)
    const unmasked = m.forward(ids);
    assert.ok(maxAbsDiff(unmasked.logits.slice([0, 3, 0], [1, 4, 16]).reshape([4, 16]), refL) > 1e-3);
    assert.throws(() => m.forward(tf.zeros([1, 13], "int32") as tf.Tensor2D), /exceeds blockSize 12/);
    m.dispose();
  });

  it("heads start at their bias constant and expose weights()/setWeights()", () => {
    const hidden = tf.randomNormal([2, 3, 16], 0, 1, "float32", 1);
    const v = new ScalarHead({ kind: "mlp", dModel: 16, biasInit: -4.4 }, { seed: 1 });
    const q = new VocabHead({ kind: "linear", dModel: 16, biasInit: 0.5 }, 16, { seed: 2 });
    const vv = v.apply(hidden);
    assert.deepEqual(vv.shape, [2, 3]);
    assert.ok(maxAbsDiff(vv, tf.fill([2, 3], -4.4)) < 1e-6);
    const qq = q.apply(hidden);
    assert.deepEqual(qq.shape, [2, 3, 16]);
    assert.ok(maxAbsDiff(qq, tf.fill([2, 3, 16], 0.5)) < 1e-6);
    assert.deepEqual(Object.keys(v.weights()).sort(), ["fc.b", "fc.w", "out.b", "out.w"]);
    assert.deepEqual(Object.keys(q.weights()).sort(), ["out.b", "out.w"]);
    // setWeights then apply: linear head with out.w = I-ish block gives hidden + bias
    q.setWeights({ "out.w": tf.eye(16), "out.b": tf.ones([16]) });
    assert.ok(maxAbsDiff(q.apply(hidden), tf.add(hidden, 1)) < 1e-5);
    assert.throws(() => q.setWeights({ "out.w": tf.eye(4), "out.b": tf.ones([16]) }), /"out.w" has shape \[4,4\] but the model expects \[16,16\]/);
    const clone = v.clone(false);
    assert.equal(maxAbsDiff(clone.weights()["fc.w"], v.weights()["fc.w"]), 0);
    assert.deepEqual(Object.keys(prefixed("v.", v.weights())).sort(), ["v.fc.b", "v.fc.w", "v.out.b", "v.out.w"]);
  });

  it("a tiny model overfits a tiny corpus to near-zero loss", () => {
    // 4 sequences whose next token is fully determined by the previous one and the row's stride.
    const rows = [1, 3, 5, 7].map((stride, r) => Array.from({ length: 12 }, (_, t) => (r * 2 + 1 + t * stride) % 16));
    const m = new Gpt({ vocabSize: 16, nLayer: 2, nHead: 2, dModel: 32, blockSize: 12 }, { seed: 4 });
    const params = m.weights();
    const opt = new AdamW(params, { lr: 1e-2, clipNorm: 1 });
    const ids = tf.tensor2d(rows.map((r) => r.slice(0, 11)), [4, 11], "int32");
    const tgt = tf.tensor1d(rows.flatMap((r) => r.slice(1)), "int32");
    let loss = Infinity;
    const first: number[] = [];
    for (let s = 0; s < 150; s++) {
      const { value, grads } = tf.variableGrads(() => tf.mean(softmaxCrossEntropy(m.forward(ids).logits.reshape([44, 16]) as tf.Tensor2D, tgt)) as tf.Scalar, Object.values(params));
      loss = value.dataSync()[0];
      if (s === 0) first.push(loss);
      opt.applyGradients(byName(params, grads));
      tf.dispose([value, ...Object.values(grads)]);
      if (loss < 0.02) break;
    }
    const afterTraining = tf.memory().numTensors;
    const r = tf.variableGrads(() => tf.mean(softmaxCrossEntropy(m.forward(ids, { attentionMask: tf.ones([4, 11]) }).logits.reshape([44, 16]) as tf.Tensor2D, tgt)) as tf.Scalar, Object.values(params));
    tf.dispose([r.value, ...Object.values(r.grads)]);
    assert.equal(tf.memory().numTensors, afterTraining, "a masked training step leaks no tensors");
    assert.ok(first[0] > 2, `initial loss ${first[0]} should be near ln 16 = 2.77`);
    assert.ok(loss < 0.05, `final loss ${loss} not near zero`);
    opt.dispose();
    m.dispose();
  });
});
