/** Numeric gradient checks for the custom-gradient ops in src/model/ops (central differences vs tf.grads). */
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import * as tf from "@tensorflow/tfjs";
import { Rng } from "../../src/core/rng";
import { initBackend } from "../../src/model/backend";
import { gradCheck, randn } from "../helpers/grad-check";
import { bmm, embed, gatherRows, gelu, layerNorm, linear, matMul2d, scatterRows, softmaxCrossEntropy } from "../../src/model/ops";

describe("model ops", () => {
  before(async () => {
    await initBackend();
  });

  it("initBackend: native when built, else wasm; rejects unknown names with a clear message", async () => {
    const info = await initBackend();
    assert.equal(info.backend, tf.getBackend());
    // with LMRL_BACKEND set (e.g. the wasm CI variant) the reason names the request instead of the auto chain
    assert.match(info.reason, process.env.LMRL_BACKEND ? new RegExp(`requested ${process.env.LMRL_BACKEND}`) : /tfjs-node not installed/);
    assert.ok(["native-openblas", "native-builtin", "wasm"].includes(info.path), `auto picked ${info.path}`);
    await assert.rejects(initBackend("gpu-please"), /unknown backend "gpu-please"; use one of auto, tfjs-node-gpu, tfjs-node, native, native-openblas, native-builtin, wasm, cpu/);
    assert.equal(tf.getBackend(), info.backend, "a rejected request must not switch the backend");
  });

  it("matMul2d: forward equals tf.matMul and gradients match numerics", () => {
    const rng = new Rng(1);
    const a = randn([3, 4], rng) as tf.Tensor2D, b = randn([4, 5], rng) as tf.Tensor2D;
    assert.ok(tf.max(tf.abs(tf.sub(matMul2d(a, b), tf.matMul(a, b)))).dataSync()[0] < 1e-5);
    gradCheck("matMul2d", (x, y) => matMul2d(x as tf.Tensor2D, y as tf.Tensor2D), [a, b]);
    // both weightGrad branches (In <= Out and In > Out)
    gradCheck("matMul2d wide", (x, y) => matMul2d(x as tf.Tensor2D, y as tf.Tensor2D), [randn([3, 6], rng), randn([6, 2], rng)]);
  });

  it("linear on a 3-D input with and without bias", () => {
    const rng = new Rng(2);
    const x = randn([2, 3, 4], rng), w = randn([4, 3], rng) as tf.Tensor2D, b = randn([3], rng) as tf.Tensor1D;
    const y = linear(x, w, b);
    assert.deepEqual(y.shape, [2, 3, 3]);
    // hand check of one entry: y[1,2,0] = Σ_k x[1,2,k]·w[k,0] + b[0]
    const xs = x.arraySync() as number[][][], ws = w.arraySync() as number[][], bs = b.arraySync() as number[];
    const expect = xs[1][2].reduce((s, v, k) => s + v * ws[k][0], 0) + bs[0];
    assert.ok(Math.abs((y.arraySync() as number[][][])[1][2][0] - expect) < 1e-5);
    gradCheck("linear+b", (xx, ww, bb) => linear(xx, ww as tf.Tensor2D, bb as tf.Tensor1D), [x, w, b]);
    gradCheck("linear", (xx, ww) => linear(xx, ww as tf.Tensor2D), [x, w]);
    // In < Out takes the other weight-gradient branch (bias via dyᵀ·1)
    gradCheck("linear+b wide", (xx, ww, bb) => linear(xx, ww as tf.Tensor2D, bb as tf.Tensor1D), [randn([2, 2, 3], rng), randn([3, 5], rng), randn([5], rng)]);
    assert.throws(() => linear(x, randn([5, 3], rng) as tf.Tensor2D), /last axis is 4 but W is \[5,3\]/);
  });

  it("bmm: forward equals tf.matMul and gradients match numerics", () => {
    const rng = new Rng(3);
    const a = randn([2, 3, 4], rng) as tf.Tensor3D, b = randn([2, 4, 3], rng) as tf.Tensor3D;
    assert.ok(tf.max(tf.abs(tf.sub(bmm(a, b), tf.matMul(a, b)))).dataSync()[0] < 1e-5);
    gradCheck("bmm", (x, y) => bmm(x as tf.Tensor3D, y as tf.Tensor3D), [a, b]);
  });

  it("gatherRows / scatterRows: pick and place rows; gradients add back into the source rows (repeats accumulate) and read the placed entries", () => {
    const x = tf.tensor2d([[1, 2], [3, 4], [5, 6]]);
    const rows = Int32Array.from([2, 0, 2]);
    assert.deepEqual(gatherRows(x, rows).arraySync(), [[5, 6], [1, 2], [5, 6]]);
    // d Σ_i c_i·gather(x)_i with c = [1, 10, 100] per picked row: row 2 gets 1 + 100, row 0 gets 10, row 1 nothing
    const c = tf.tensor2d([[1, 1], [10, 10], [100, 100]]);
    assert.deepEqual(tf.grad((xx: tf.Tensor) => tf.sum(tf.mul(gatherRows(xx as tf.Tensor2D, rows), c)))(x).arraySync(), [[10, 10], [0, 0], [101, 101]]);
    gradCheck("gatherRows", (xx) => gatherRows(xx as tf.Tensor2D, rows), [randn([3, 2], new Rng(2))]);
    assert.deepEqual([...gatherRows(x, new Int32Array(0)).shape], [0, 2], "no rows: an empty [0, D]");
    assert.throws(() => gatherRows(x, Int32Array.from([3])), /row index 3 at 0 is outside \[0, 3\)/);

    const v = tf.tensor1d([7, 8]);
    const at = Int32Array.from([3, 0]);
    assert.deepEqual([...scatterRows(v, at, 4).dataSync()], [8, 0, 0, 7]);
    assert.deepEqual([...tf.grad((vv: tf.Tensor) => tf.sum(tf.mul(scatterRows(vv as tf.Tensor1D, at, 4), tf.tensor1d([1, 2, 3, 4]))))(v).dataSync()], [4, 1]);
    gradCheck("scatterRows", (vv) => scatterRows(vv as tf.Tensor1D, at, 4), [randn([2], new Rng(3))]);
    assert.throws(() => scatterRows(v, Int32Array.from([0]), 4), /one value per row/);
    assert.throws(() => scatterRows(v, Int32Array.from([0, 4]), 4), /outside \[0, 4\)/);
  });

  it("embed: gathers rows and accumulates repeated ids in the gradient", () => {
    const rng = new Rng(4);
    const w = randn([5, 3], rng) as tf.Tensor2D;
    const ids = tf.tensor2d([[1, 4, 1], [0, 1, 2]], [2, 3], "int32");
    const y = embed(ids, w);
    assert.deepEqual(y.shape, [2, 3, 3]);
    assert.deepEqual((y.arraySync() as number[][][])[0][1], (w.arraySync() as number[][])[4]);
    // d Σ embed = count of each id: id 1 appears 3 times, 3 never
    const g = tf.grad((ww: tf.Tensor) => tf.sum(embed(ids, ww as tf.Tensor2D)))(w).arraySync() as number[][];
    assert.deepEqual(g.map((r) => r[0]), [1, 3, 1, 0, 1]);
    gradCheck("embed", (ww) => embed(ids, ww as tf.Tensor2D), [w]);
    assert.throws(() => embed(tf.tensor1d([0.5]), w), /int32/);
  });

  it("gelu: tanh approximation values and gradient", () => {
    const y = gelu(tf.tensor1d([0, 1, -2])).arraySync() as number[];
    // 0.5·x·(1 + tanh(√(2/π)(x + 0.044715x³))) by hand: x=1 -> 0.841192, x=-2 -> -0.045402
    assert.ok(Math.abs(y[0]) < 1e-7 && Math.abs(y[1] - 0.841192) < 1e-5 && Math.abs(y[2] + 0.045402) < 1e-5, `gelu values ${y}`);
    gradCheck("gelu", (x) => gelu(x), [randn([2, 5], new Rng(5), 2)]);
  });

  it("layerNorm: normalises the last axis and gradients match numerics", () => {
    const y = layerNorm(tf.tensor2d([[1, 3]]), tf.ones([2]) as tf.Tensor1D, tf.zeros([2]) as tf.Tensor1D).arraySync() as number[][];
    // mean 2, var 1 -> (∓1)/√(1+1e-5)
    assert.ok(Math.abs(y[0][0] + 0.999995) < 1e-5 && Math.abs(y[0][1] - 0.999995) < 1e-5, `layerNorm ${y}`);
    const rng = new Rng(6);
    gradCheck("layerNorm", (x, g, b) => layerNorm(x, g as tf.Tensor1D, b as tf.Tensor1D), [randn([2, 3, 4], rng), randn([4], rng), randn([4], rng)]);
  });

  it("softmaxCrossEntropy: equals −log softmax at the target and gradient matches", () => {
    const ce = softmaxCrossEntropy(tf.tensor2d([[0, 0, 0, 0], [1, 2, 3, 4]]), tf.tensor1d([2, 3], "int32")).arraySync() as number[];
    const lse = Math.log(Math.exp(1) + Math.exp(2) + Math.exp(3) + Math.exp(4));
    assert.ok(Math.abs(ce[0] - Math.log(4)) < 1e-5 && Math.abs(ce[1] - (lse - 4)) < 1e-5, `ce ${ce}`);
    // large gaps: exact at 50 (p = e^-50 is a normal float32), capped (documented) near 85 beyond ~87
    const big = softmaxCrossEntropy(tf.tensor2d([[0, 50], [0, 200]]), tf.tensor1d([0, 0], "int32")).arraySync() as number[];
    assert.ok(Math.abs(big[0] - 50) < 1e-3 && Math.abs(big[1] + Math.log(1e-37)) < 1e-3, `ce ${big}`);
    const tg = tf.tensor1d([1, 0, 3], "int32");
    gradCheck("softmaxCrossEntropy", (l) => softmaxCrossEntropy(l as tf.Tensor2D, tg), [randn([3, 4], new Rng(7))]);
  });
});
