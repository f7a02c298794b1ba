/**
 * Same numbers for any thread count: every reduction in the native kernels uses chunks whose
 * boundaries do not depend on the number of OpenMP threads and adds the partial results in a fixed
 * order, so training steps and decoding are bit-identical with 1 and 2 threads. Shapes are large
 * enough to take every parallel branch (LayerNorm backward over >= 256 rows, the parallel sgemm,
 * attention over B·H pairs).
 */
import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import * as tf from "@tensorflow/tfjs";
import { Rng } from "../../src/core/rng";
import { initBackend } from "../../src/model/backend";
import { generate } from "../../src/model/generate";
import { Gpt, type GptConfig } from "../../src/model/gpt";
import { loadNative, type NativeVariant } from "../../src/model/native";
import { softmaxCrossEntropy } from "../../src/model/ops";
import { AdamW, byName } from "../../src/model/optim";

const CFG: GptConfig = { vocabSize: 61, nLayer: 2, nHead: 4, dModel: 64, blockSize: 48 };
const B = 16;
const T = 40;

/** Three AdamW steps and a 6-token decode; returns every weight and the sampled tokens as bytes. */
function run(): { weights: Buffer; tokens: number[][]; loss: number } {
  const rng = new Rng(5);
  const ids = Array.from({ length: B }, () => Array.from({ length: T }, () => rng.int(CFG.vocabSize)));
  const model = new Gpt(CFG, { seed: 3 });
  const params = model.weights();
  const idsT = tf.tensor2d(ids, undefined, "int32") as tf.Tensor2D;
  const lossOf = () => {
    const logits = model.forward(idsT).logits.slice([0, 0, 0], [B, T - 1, CFG.vocabSize]).reshape([B * (T - 1), CFG.vocabSize]) as tf.Tensor2D;
    return tf.mean(softmaxCrossEntropy(logits, idsT.slice([0, 1], [B, T - 1]).reshape([B * (T - 1)]) as tf.Tensor1D)) as tf.Scalar;
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
  const { tokens } = generate(model, ids.map((r) => r.slice(0, 20)), { maxNewTokens: 6, seed: 9 });
  opt.dispose();
  model.dispose();
  idsT.dispose();
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
