/**
 * Same numbers on every compute path. A tiny GPT runs on the pure-tfjs reference (stock tfjs `cpu`
 * kernels) and on each other path (wasm twin, native-builtin, native-openblas); logits, every gradient,
 * several AdamW steps, cached decoding and the heads/target-network helpers must agree within fp32
 * tolerances stated below. The native ops' gradients are also checked against central differences.
 * A native variant that could not be built here gets a test saying so, which checks the fallback instead.
 */
import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import * as tf from "@tensorflow/tfjs";
import { Rng } from "../../src/core/rng";
import { heapGrowingPercentFrom, initBackend } from "../../src/model/backend";
import { generate } from "../../src/model/generate";
import { Gpt, ScalarHead, VocabHead, type GptConfig } from "../../src/model/gpt";
import { giveScratch, loadNative, takeScratch, valuesOf, type NativeVariant } from "../../src/model/native";
import { bmm, gelu, layerNorm, linear, linearT, softmaxCrossEntropy } from "../../src/model/ops";
import { gradCheck, randn } from "../helpers/grad-check";
import { AdamW, byName, polyakUpdate } from "../../src/model/optim";

const TINY: GptConfig = { vocabSize: 24, nLayer: 2, nHead: 2, dModel: 16, blockSize: 10 };
/** fp32 tolerances: forward values and gradients (max abs difference), weights after 3 AdamW steps. */
const TOL_VALUE = 2e-5;
const TOL_GRAD = 2e-5;
const TOL_STEP = 5e-5;

type Snapshot = {
  logits: Float32Array; // no mask, all positions
  maskedReal: number[]; // logits at real (unpadded) positions of a left-padded batch
  loss: number;
  grads: Record<string, Float32Array>;
  afterSteps: Record<string, Float32Array>;
  cachedLogits: Float32Array; // forwardCached prefill + 2 single-token steps, last logits
  greedy: number[][];
  headOut: Float32Array;
  headGrads: Float32Array[];
};

const ids = [
  [1, 5, 9, 2, 7, 3, 11, 4],
  [6, 0, 3, 3, 8, 12, 1, 9],
  [23, 14, 2, 5, 19, 7, 0, 16],
];
const mask = [
  [0, 0, 0, 1, 1, 1, 1, 1],
  [1, 1, 1, 1, 1, 1, 1, 1],
  [0, 1, 1, 1, 1, 1, 1, 1],
];

function lossOf(model: Gpt, idsT: tf.Tensor2D): tf.Scalar {
  const [B, T] = idsT.shape;
  const logits = model.forward(idsT).logits.slice([0, 0, 0], [B, T - 1, TINY.vocabSize]).reshape([B * (T - 1), TINY.vocabSize]) as tf.Tensor2D;
  const tgt = idsT.slice([0, 1], [B, T - 1]).reshape([B * (T - 1)]) as tf.Tensor1D;
  return tf.mean(softmaxCrossEntropy(logits, tgt)) as tf.Scalar;
}

/** Run the whole battery on the active path. */
function snapshot(): Snapshot {
  const model = new Gpt(TINY, { seed: 11 });
  const params = model.weights();
  const idsT = tf.tensor2d(ids, undefined, "int32") as tf.Tensor2D;
  const maskT = tf.tensor2d(mask) as tf.Tensor2D;
  const logits = model.forward(idsT).logits.dataSync().slice() as Float32Array;
  const ml = model.forward(idsT, { attentionMask: maskT }).logits.arraySync() as number[][][];
  const maskedReal: number[] = [];
  mask.forEach((row, b) => row.forEach((m, t) => m && maskedReal.push(...ml[b][t])));
  const { value, grads } = tf.variableGrads(() => lossOf(model, idsT), Object.values(params));
  const g = byName(params, grads);
  const gradsOut = Object.fromEntries(Object.entries(g).map(([k, v]) => [k, v.dataSync().slice() as Float32Array]));
  const loss = value.dataSync()[0];
  tf.dispose([value, ...Object.values(grads)]);
  // three AdamW steps with clipping, weight decay and a group scale
  const opt = new AdamW(params, { lr: 1e-2, weightDecay: 0.1, clipNorm: 0.5, groups: [{ name: "ln", match: /ln_/, lrScale: 2 }] });
  for (let s = 0; s < 3; s++) {
    const r = tf.variableGrads(() => lossOf(model, idsT), Object.values(params));
    opt.applyGradients(byName(params, r.grads));
    tf.dispose([r.value, ...Object.values(r.grads)]);
  }
  const afterSteps = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, v.dataSync().slice() as Float32Array]));
  opt.dispose();
  // cached decoding: prefill 5 tokens (row 0 left-padded), then two single steps
  const pre = model.forwardCached(tf.tensor2d([[0, 0, 3, 4, 5], [1, 2, 3, 4, 5]], undefined, "int32") as tf.Tensor2D, undefined, tf.tensor2d([[0, 0, 1, 1, 1], [1, 1, 1, 1, 1]]) as tf.Tensor2D);
  const s1 = model.forwardCached(tf.tensor2d([[7], [8]], undefined, "int32") as tf.Tensor2D, pre.cache, tf.tensor2d([[1], [1]]) as tf.Tensor2D);
  const s2 = model.forwardCached(tf.tensor2d([[9], [10]], undefined, "int32") as tf.Tensor2D, s1.cache, tf.tensor2d([[1], [0]]) as tf.Tensor2D);
  const cachedLogits = s2.logits.dataSync().slice() as Float32Array;
  const greedy = generate(model, [[1, 2, 3], [4, 5], [6]], { maxNewTokens: 6, greedy: true }).tokens;
  // heads on the final hidden state
  const q = new VocabHead({ kind: "mlp", dModel: TINY.dModel, biasInit: 0.5 }, TINY.vocabSize, { seed: 3 });
  const v = new ScalarHead({ kind: "linear", dModel: TINY.dModel, biasInit: -1 }, { seed: 4 });
  q.setWeights(Object.fromEntries(Object.entries(q.weights()).map(([k, w]) => [k, tf.randomNormal(w.shape, 0, 0.1, "float32", 5)])));
  const hidden = model.forward(idsT).hidden;
  const headOut = tf.add(tf.sum(q.apply(hidden)), tf.sum(v.apply(hidden))).dataSync().slice() as Float32Array;
  const hg = tf.variableGrads(() => tf.sum(tf.mul(q.apply(model.forward(idsT).hidden), 0.01)) as tf.Scalar, Object.values(q.weights()));
  const headGrads = Object.values(hg.grads).map((t) => t.dataSync().slice() as Float32Array);
  model.dispose();
  q.dispose();
  v.dispose();
  return { logits, maskedReal, loss, grads: gradsOut, afterSteps, cachedLogits, greedy, headOut, headGrads };
}

function maxDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  assert.equal(a.length, b.length, "length mismatch");
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

function compare(name: string, got: Snapshot, ref: Snapshot): void {
  assert.ok(maxDiff(got.logits, ref.logits) <= TOL_VALUE, `${name}: logits differ by ${maxDiff(got.logits, ref.logits)}`);
  assert.ok(maxDiff(got.maskedReal, ref.maskedReal) <= TOL_VALUE, `${name}: padded-batch logits differ by ${maxDiff(got.maskedReal, ref.maskedReal)}`);
  assert.ok(Math.abs(got.loss - ref.loss) <= TOL_VALUE, `${name}: loss ${got.loss} vs ${ref.loss}`);
  assert.deepEqual(Object.keys(got.grads).sort(), Object.keys(ref.grads).sort());
  for (const k of Object.keys(ref.grads)) {
    const d = maxDiff(got.grads[k], ref.grads[k]);
    assert.ok(d <= TOL_GRAD, `${name}: gradient of ${k} differs by ${d}`);
  }
  for (const k of Object.keys(ref.afterSteps)) {
    const d = maxDiff(got.afterSteps[k], ref.afterSteps[k]);
    assert.ok(d <= TOL_STEP, `${name}: ${k} after 3 AdamW steps differs by ${d}`);
  }
  assert.ok(maxDiff(got.cachedLogits, ref.cachedLogits) <= TOL_VALUE, `${name}: cached-decode logits differ by ${maxDiff(got.cachedLogits, ref.cachedLogits)}`);
  assert.deepEqual(got.greedy, ref.greedy, `${name}: greedy tokens differ`);
  assert.ok(Math.abs(got.headOut[0] - ref.headOut[0]) <= 1e-3 * Math.max(1, Math.abs(ref.headOut[0])), `${name}: head outputs ${got.headOut[0]} vs ${ref.headOut[0]}`);
  got.headGrads.forEach((g, i) => assert.ok(maxDiff(g, ref.headGrads[i]) <= TOL_GRAD, `${name}: head gradient ${i} differs by ${maxDiff(g, ref.headGrads[i])}`));
}


describe("native paths agree with the pure-tfjs reference", () => {
  let ref: Snapshot;
  after(async () => {
    await initBackend(); // leave the default path for the files that follow
  });

  it("pure-tfjs reference (stock tfjs cpu kernels) runs the battery", async () => {
    const info = await initBackend("cpu");
    assert.equal(info.path, "cpu");
    ref = tf.tidy(() => snapshot());
    assert.ok(Number.isFinite(ref.loss) && ref.loss > 2 && ref.loss < 4, `reference loss ${ref.loss} (≈ ln 24 = 3.18 at init)`);
  });

  it("the trunk's scratch pool shares buffers by capacity: a smaller shape reuses a larger free buffer, held buffers are never handed out twice", () => {
    const big = takeScratch(1000);
    const other = takeScratch(1000);
    assert.notEqual(big.buffer, other.buffer, "two buffers held at once must not alias");
    giveScratch(big);
    const small = takeScratch(600);
    assert.equal(small.length, 600);
    assert.equal(small.buffer, big.buffer, "a 600-float request must reuse the free 1000-float buffer, not allocate");
    giveScratch(small); // a view: its whole buffer goes back
    giveScratch(small); // returned twice: kept once
    const again = takeScratch(1000);
    assert.equal(again.buffer, big.buffer);
    const fresh = takeScratch(1000);
    assert.notEqual(fresh.buffer, big.buffer, "a buffer returned twice was handed out twice");
    for (const a of [again, fresh, other]) giveScratch(a);
  });

  it("heap growth setting: LMRL_HEAP_GROWING_PERCENT parses to a percent, 300 by default, and refuses bad values naming the variable", () => {
    assert.equal(heapGrowingPercentFrom(undefined), 300);
    assert.equal(heapGrowingPercentFrom(" "), 300);
    assert.equal(heapGrowingPercentFrom("0"), 0);
    assert.equal(heapGrowingPercentFrom("150"), 150);
    for (const bad of ["-1", "1.5", "lots", "20000"]) assert.throws(() => heapGrowingPercentFrom(bad), /LMRL_HEAP_GROWING_PERCENT must be an integer from 0 to 10000/);
  });

  it("wasm twin agrees with the reference", async () => {
    await initBackend("wasm");
    compare("wasm", tf.tidy(() => snapshot()), ref);
  });

  for (const variant of ["builtin", "openblas"] as NativeVariant[]) {
    const path = `native-${variant}`;
    const loaded = loadNative(variant);
    if ("error" in loaded) {
      it(`${path}: NOT BUILT on this machine (${loaded.error.slice(0, 120)}) — requesting it fails with the reason and auto falls back`, async () => {
        await assert.rejects(initBackend(path), new RegExp(`"${path}" is unavailable: .*not built`));
        const info = await initBackend();
        assert.ok(info.path !== path, `auto must not pick the missing ${path}`);
      });
      continue;
    }
    it(`${path}: logits, every gradient, 3 AdamW steps, cached decoding and heads agree with the reference`, async () => {
      const info = await initBackend(path);
      assert.equal(info.path, path);
      assert.equal(info.backend, "cpu");
      assert.equal(info.native?.blas, variant);
      compare(path, tf.tidy(() => snapshot()), ref);
    });

    it(`${path}: fused ops' gradients match central differences; BatchMatMul kernel matches stock matMul`, async () => {
      await initBackend(path);
      tf.tidy(() => {
        const rng = new Rng(21);
        gradCheck(`${path} linear+b`, (x, w, b) => linear(x, w as tf.Tensor2D, b as tf.Tensor1D), [randn([2, 3, 4], rng), randn([4, 5], rng), randn([5], rng)], 99);
        gradCheck(`${path} linear+b+relu`, (x, w, b) => linear(x, w as tf.Tensor2D, b as tf.Tensor1D, "relu"), [randn([2, 3, 4], rng), randn([4, 5], rng), randn([5], rng)], 99);
        gradCheck(`${path} linearT`, (x, w) => linearT(x, w as tf.Tensor2D), [randn([3, 4], rng), randn([6, 4], rng)], 99);
        gradCheck(`${path} bmm`, (a, b) => bmm(a as tf.Tensor3D, b as tf.Tensor3D), [randn([2, 3, 4], rng), randn([2, 4, 3], rng)], 99);
        gradCheck(`${path} layerNorm`, (x, g, b) => layerNorm(x, g as tf.Tensor1D, b as tf.Tensor1D), [randn([3, 5], rng), randn([5], rng), randn([5], rng)], 99);
        gradCheck(`${path} gelu`, (x) => gelu(x), [randn([2, 6], rng, 2)], 99);
        const tg = tf.tensor1d([1, 0, 3], "int32");
        gradCheck(`${path} softmaxCrossEntropy`, (l) => softmaxCrossEntropy(l as tf.Tensor2D, tg), [randn([3, 4], rng)], 99);
        // GELU at hand values (vectorised tanh): x=1 -> 0.841192, x=-2 -> -0.045402, large |x| saturates
        const gv = gelu(tf.tensor1d([0, 1, -2, 12, -12])).dataSync();
        assert.ok(Math.abs(gv[1] - 0.841192) < 1e-5 && Math.abs(gv[2] + 0.045402) < 1e-5 && Math.abs(gv[3] - 12) < 1e-5 && Math.abs(gv[4]) < 1e-5, `gelu ${gv}`);
        // cross-entropy cap like the twin: −log(1e-37) at a 200 logit gap
        const big = softmaxCrossEntropy(tf.tensor2d([[0, 50], [0, 200]]), tf.tensor1d([0, 0], "int32")).dataSync();
        assert.ok(Math.abs(big[0] - 50) < 1e-3 && Math.abs(big[1] + Math.log(1e-37)) < 1e-3, `ce ${big}`);
        // re-registered BatchMatMul: transposes and broadcast batch, vs values computed by hand-rolled loops
        const a = randn([2, 3, 4], rng), b = randn([4, 5], rng);
        const got = tf.matMul(a, b.expandDims(0).tile([2, 1, 1]) as tf.Tensor3D).dataSync();
        const av = a.dataSync(), bv = b.dataSync();
        for (let n = 0; n < 2; n++)
          for (let i = 0; i < 3; i++)
            for (let j = 0; j < 5; j++) {
              let s = 0;
              for (let k = 0; k < 4; k++) s += av[n * 12 + i * 4 + k] * bv[k * 5 + j];
              assert.ok(Math.abs(got[n * 15 + i * 5 + j] - s) < 1e-5);
            }
        const tt = tf.matMul(b, a.reshape([6, 4]), true, true).dataSync(); // bᵀ·aᵀ = (a·b)ᵀ
        for (let i = 0; i < 5; i++) for (let j = 0; j < 6; j++) assert.ok(Math.abs(tt[i * 6 + j] - got[j * 5 + i]) < 1e-5);
      });
    });

    it(`${path}: VocabHead.valueAt (one column of the last layer per position) equals apply() read at the tokens`, async () => {
      for (const p of ["cpu", path]) {
        await initBackend(p);
        tf.tidy(() => {
          const rng = new Rng(8);
          const head = new VocabHead({ kind: "mlp", dModel: 6, biasInit: 0.3 }, 9, { seed: 2 });
          head.setWeights({ ...head.weights(), "out.w": randn([6, 9], rng), "out.b": randn([9], rng) }); // non-zero last layer
          const h = randn([2, 4, 6], rng) as tf.Tensor3D;
          const tok = tf.tensor2d([[0, 8, 3, 3], [5, 1, 7, 2]], [2, 4], "int32");
          const full = head.apply(h).arraySync() as number[][][];
          const got = head.valueAt(h, tok).arraySync() as number[][];
          const want = (tok.arraySync() as number[][]).map((row, b) => row.map((a, t) => full[b][t][a]));
          got.forEach((row, b) => row.forEach((v, t) => assert.ok(Math.abs(v - want[b][t]) < 1e-5, `${p} valueAt[${b}][${t}] ${v} vs ${want[b][t]}`)));
          assert.throws(() => head.valueAt(h, tf.tensor2d([[0, 9, 0, 0], [0, 0, 0, 0]], [2, 4], "int32")), /outside \[0, 9\)/);
          head.dispose();
        });
      }
    });

    it(`${path}: clone and polyakUpdate keep target and online weights separate under in-place AdamW`, async () => {
      await initBackend(path);
      const model = new Gpt(TINY, { seed: 5 });
      const target = model.clone(false);
      const before = target.weights().wte.dataSync().slice();
      const params = model.weights();
      const opt = new AdamW(params, { lr: 0.05 });
      const idsT = tf.tensor2d(ids, undefined, "int32") as tf.Tensor2D;
      const r = tf.variableGrads(() => lossOf(model, idsT), Object.values(params));
      opt.applyGradients(byName(params, r.grads));
      assert.equal(maxDiff(target.weights().wte.dataSync(), before), 0, "AdamW's in-place update leaked into the clone");
      const online = params.wte.dataSync().slice();
      assert.ok(maxDiff(online, before) > 1e-3, "AdamW did not move the online weights");
      polyakUpdate(target.weights(), model.weights(), 0.25);
      const mixed = target.weights().wte.dataSync();
      for (let i = 0; i < mixed.length; i += 37) assert.ok(Math.abs(mixed[i] - (0.75 * before[i] + 0.25 * online[i])) < 1e-6);
      assert.equal(maxDiff(params.wte.dataSync(), online), 0, "polyakUpdate changed the online weights");
      tf.dispose([r.value, ...Object.values(r.grads), idsT]);
      opt.dispose();
      model.dispose();
      target.dispose();
    });

    it(`${path}: AdamW and polyakUpdate write a variable's own buffer in place (no copy per step once it is unshared)`, async () => {
      await initBackend(path);
      const model = new Gpt(TINY, { seed: 6 });
      const target = model.clone(false);
      const params = model.weights();
      const opt = new AdamW(params, { lr: 0.05 });
      const idsT = tf.tensor2d(ids, undefined, "int32") as tf.Tensor2D;
      const step = (): void => {
        const r = tf.variableGrads(() => lossOf(model, idsT), Object.values(params));
        opt.applyGradients(byName(params, r.grads));
        polyakUpdate(target.weights(), model.weights(), 0.5);
        tf.dispose([r.value, ...Object.values(r.grads)]);
      };
      const W = Object.keys(params).find((k) => k.endsWith("mlp.c_fc.w"))!;
      step(); // the first step may copy buffers the clone or the initial tensors still share
      const online = valuesOf(params[W]);
      const tgt = valuesOf(target.weights()[W]);
      const before = online.slice();
      step();
      step();
      assert.equal(valuesOf(params[W]), online, "AdamW replaced an unshared weight's buffer instead of updating it in place");
      assert.equal(valuesOf(target.weights()[W]), tgt, "polyakUpdate replaced the target's unshared buffer");
      assert.ok(maxDiff(online, before) > 1e-4, "the in-place buffer did not receive the update");
      tf.dispose(idsT);
      opt.dispose();
      model.dispose();
      target.dispose();
    });
  }
});
