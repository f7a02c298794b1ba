/**
 * Same numbers for any thread count: every parallel loop in the native kernels is cut into chunks
 * whose boundaries do not depend on the number of pool threads, and partial results are added in a
 * fixed order, so training steps (trunk, tied logits, MLP heads with ReLU, the fused ILQL objective, a
 * head's value at the taken tokens, AdamW with clipping) and decoding are bit-identical with 1 and 2
 * threads. Shapes are large enough to take every parallel branch (row chunks of LayerNorm, column
 * sums and the ILQL rows, the parallel sgemm, attention over B·H pairs).
 */
import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import * as tf from "@tensorflow/tfjs";
import { Rng } from "../../src/core/rng";
import { initBackend } from "../../src/model/backend";
import { generate } from "../../src/model/generate";
import { ilqlLoss } from "../../src/algorithms/ilql";
import { Gpt, ScalarHead, VocabHead, type GptConfig } from "../../src/model/gpt";
import { loadNative, type NativeVariant } from "../../src/model/native";
import { softmaxCrossEntropy } from "../../src/model/ops";
import { AdamW, byName } from "../../src/model/optim";

const CFG: GptConfig = { vocabSize: 61, nLayer: 2, nHead: 4, dModel: 64, blockSize: 48 };
const B = 16;
const T = 40;

/** Three AdamW steps and a 6-token decode of 64 rows; returns every weight and the sampled tokens as bytes. */
function run(): { weights: Buffer; tokens: number[][]; loss: number } {
  const rng = new Rng(5);
  const ids = Array.from({ length: B }, () => Array.from({ length: T }, () => rng.int(CFG.vocabSize)));
  const model = new Gpt(CFG, { seed: 3 });
  const head = { kind: "mlp" as const, dModel: CFG.dModel, biasInit: 0.1 };
  const q1 = new VocabHead(head, CFG.vocabSize, { seed: 4 }), q2 = new VocabHead(head, CFG.vocabSize, { seed: 5 }), vh = new ScalarHead(head, { seed: 6 });
  const params = { ...model.weights(), ...Object.fromEntries([q1, q2, vh].flatMap((m, i) => Object.entries(m.weights()).map(([k, v]) => [`h${i}.${k}`, v]))) };
  const idsT = tf.tensor2d(ids, undefined, "int32") as tf.Tensor2D;
  const tgt = tf.tensor2d(ids.map((r) => [...r.slice(1), 0]), [B, T], "int32");
  const mask = tf.tensor2d(ids.map((r) => r.map((x) => x % 3 === 0 ? 1 : 0)), [B, T]);
  const rewards = tf.tensor2d(ids.map((r) => r.map((x) => (x % 5) - 2)), [B, T]);
  const lossOf = () => {
    const { hidden, logits } = model.forward(idsT);
    const ce = tf.mean(softmaxCrossEntropy(logits.slice([0, 0, 0], [B, T - 1, CFG.vocabSize]).reshape([B * (T - 1), CFG.vocabSize]) as tf.Tensor2D, idsT.slice([0, 1], [B, T - 1]).reshape([B * (T - 1)]) as tf.Tensor1D));
    const targetQ = q1.valueAt(hidden, tgt as tf.Tensor2D); // values only: a constant of the loss, like the target networks' Q
    const v = vh.apply(hidden) as tf.Tensor2D;
    const vNext = tf.concat([v.slice([0, 1], [B, T - 1]), tf.zeros([B, 1])], 1) as tf.Tensor2D; // V of the next position (values: the loss's vNext is a constant)
    const rl = ilqlLoss({ q1: q1.apply(hidden), q2: q2.apply(hidden), v, targetQ1: targetQ, targetQ2: targetQ, vNext: tf.tensor2d(vNext.dataSync(), [B, T]), targets: tgt as tf.Tensor2D, actionMask: mask as tf.Tensor2D, rewards: rewards as tf.Tensor2D }, { gamma: 0.9, tau: 0.7, cqlWeight: 0.5 });
    return tf.add(ce, rl.loss) as tf.Scalar;
  };
  const opt = new AdamW(params, { lr: 1e-2, weightDecay: 0.1, clipNorm: 0.5 });
  let loss = 0;
  for (let s = 0; s < 3; s++) {
    const r = tf.variableGrads(lossOf, Object.values(params));
    loss = r.value.dataSync()[0];
    opt.applyGradients(byName(params, r.grads));
    tf.dispose([r.value, ...Object.values(r.grads)]);
  }
  const weights = Buffer.concat(Object.keys(params).sort().map((k) => Buffer.from(params[k].dataSync().buffer.slice(0))));
  // 64 rows: the decode steps themselves use the pool (at >= 64 new rows), not only the prefill
  const { tokens } = generate(model, [0, 1, 2, 3].flatMap(() => ids.map((r) => r.slice(0, 20))), { maxNewTokens: 6, seed: 9 });
  opt.dispose();
  model.dispose();
  [q1, q2, vh].forEach((m) => m.dispose());
  tf.dispose([idsT, tgt, mask, rewards]);
  return { weights, tokens, loss };
}

describe("native kernels: bit-identical results for 1 and 2 threads", () => {
  after(async () => {
    await initBackend(); // leave the default path for the files that follow
  });
  for (const variant of ["builtin", "openblas"] as NativeVariant[]) {
    const path = `native-${variant}` as const;
    const loaded = loadNative(variant);
    if ("error" in loaded) {
      it(`${path}: NOT BUILT on this machine — requesting it fails with the reason`, async () => {
        await assert.rejects(initBackend(path), new RegExp(`"${path}" is unavailable`));
      });
      continue;
    }
    it(`${path}: 3 training steps and a decode give the same bytes with 1 and 2 threads`, async () => {
      await initBackend(path);
      const before = loaded.lib.info().threads;
      try {
        loaded.lib.setThreads(1);
        const one = run();
        loaded.lib.setThreads(2);
        assert.equal(loaded.lib.info().threads, 2);
        const two = run();
        assert.equal(two.loss, one.loss);
        assert.ok(two.weights.equals(one.weights), "weights after 3 AdamW steps differ between 1 and 2 threads");
        assert.deepEqual(two.tokens, one.tokens);
      } finally {
        loaded.lib.setThreads(before);
      }
    });
  }
});
