/** Model core end to end through files: save → load gives identical logits, and resuming from a checkpoint continues exactly like an uninterrupted run. */
import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { before, describe, it } from "node:test";
import * as tf from "@tensorflow/tfjs";
import { Rng } from "../../src/core/rng";
import { initBackend } from "../../src/model/backend";
import { loadCheckpoint, saveCheckpoint } from "../../src/model/checkpoint";
import { Gpt, type GptConfig } from "../../src/model/gpt";
import { softmaxCrossEntropy } from "../../src/model/ops";
import { AdamW, byName, warmupCosine } from "../../src/model/optim";

const CFG: GptConfig = { vocabSize: 12, nLayer: 2, nHead: 2, dModel: 8, blockSize: 6 };

/** One optimiser step on a batch drawn from `rng` (so resumed data order must match too). */
function step(m: Gpt, opt: AdamW, rng: Rng): void {
  const rows = [0, 1].map(() => Array.from({ length: 6 }, () => 1 + rng.int(11)));
  const ids = tf.tensor2d(rows.map((r) => r.slice(0, 5)), [2, 5], "int32");
  const tgt = tf.tensor1d(rows.flatMap((r) => r.slice(1)), "int32");
  const params = m.weights();
  const { value, grads } = tf.variableGrads(
    () => tf.mean(softmaxCrossEntropy(m.forward(ids).logits.reshape([10, 12]) as tf.Tensor2D, tgt)) as tf.Scalar,
    Object.values(params),
  );
  opt.applyGradients(byName(params, grads));
  tf.dispose([value, ids, tgt, ...Object.values(grads)]);
}

const optConfig = () => ({ lr: (t: number) => warmupCosine(t, { peakLr: 1e-2, warmupSteps: 2, totalSteps: 10 }), weightDecay: 0.01, clipNorm: 1 });

describe("checkpoint resume (files)", () => {
  before(async () => {
    await initBackend();
  });

  it("save -> load gives identical logits, and resumed training matches an uninterrupted run bit for bit", () => {
    const dir = join(mkdtempSync(join(tmpdir(), "lmrl-resume-")), "ckpt");
    // uninterrupted: 6 steps
    const a = new Gpt(CFG, { seed: 3 });
    const optA = new AdamW(a.weights(), optConfig());
    const rngA = new Rng(7);
    for (let i = 0; i < 6; i++) step(a, optA, rngA);
    // interrupted after 3 steps, saved to disk
    const b = new Gpt(CFG, { seed: 3 });
    const optB = new AdamW(b.weights(), optConfig());
    const rngB = new Rng(7);
    for (let i = 0; i < 3; i++) step(b, optB, rngB);
    const st = optB.getState();
    saveCheckpoint(dir, { config: CFG, weights: b.weights(), optimizer: st.tensors, optimizerMeta: st.meta, rngState: rngB.getState() });
    const probe = tf.tensor2d([[1, 5, 9, 2]], [1, 4], "int32");
    const before = b.forward(probe).logits;
    // a fresh process would do exactly this
    const ck = loadCheckpoint(dir, { expect: new Gpt(CFG, { seed: 0 }).weights() });
    const c = new Gpt(ck.config as unknown as GptConfig, { weights: ck.weights });
    assert.equal(tf.max(tf.abs(tf.sub(before, c.forward(probe).logits))).dataSync()[0], 0, "logits differ after load");
    const optC = new AdamW(c.weights(), optConfig());
    optC.setState({ tensors: ck.optimizer!, meta: ck.optimizerMeta as never });
    const rngC = new Rng(0);
    rngC.setState(ck.rngState as never);
    for (let i = 0; i < 3; i++) step(c, optC, rngC);
    for (const [k, v] of Object.entries(a.weights())) {
      assert.equal(tf.max(tf.abs(tf.sub(v, c.weights()[k]))).dataSync()[0], 0, `weight ${k} differs after resume`);
    }
  });
});
