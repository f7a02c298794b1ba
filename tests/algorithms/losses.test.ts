/**
 * Offline-algorithm data and losses against hand-computed values on a 2-step toy trajectory:
 * token layout, rewards on last action tokens, per-action-token reward-to-go with γ, Bellman targets
 * with done masks and chain bootstraps, expectile weights, CQL terms, stop-gradients, Polyak updates,
 * %BC filters and config validation.
 */
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import * as tf from "@tensorflow/tfjs";
import { bcBatchLoss, bcLoss } from "../../src/algorithms/bc";
import { actionHidden, actionRows, actionTokenLogp, crossEntropy, maskedMean } from "../../src/algorithms/tensor";
import { resolveConfig } from "../../src/algorithms/config";
import { CachedEncoder, collate, trajectoryToSequences } from "../../src/algorithms/data";
import { bootstrapValues, ILQL_DEFAULTS, IlqlLearner, ilqlLoss, valueRows, type IlqlLossInputs } from "../../src/algorithms/ilql";
import { mcLoss } from "../../src/algorithms/mc-returns";
import { percentBcFilter } from "../../src/algorithms/percent-bc";
import { Rng } from "../../src/core/rng";
import { act, obs } from "../../src/core/text";
import type { Trajectory } from "../../src/core/types";
import { initBackend } from "../../src/model/backend";
import { Gpt, VocabHead } from "../../src/model/gpt";
import { polyakUpdate } from "../../src/model/optim";
import { buildTokenizer, tokenizerFromJson, type KitTokenizer } from "../../src/model/tokenizer";

const close = (a: number, b: number, tol = 1e-5) => Math.abs(a - b) <= tol * Math.max(1, Math.abs(b));
const approx = (got: number, want: number, what: string, tol = 1e-5) => assert.ok(close(got, want, tol), `${what}: got ${got}, expected ${want}`);
const num = (t: tf.Tensor) => t.dataSync()[0];

// obs "a\n", action "x\n" (r = −1), obs "b\n", action "y\n" (r = 2), obs "Success\n"; terminated.
const toy: Trajectory = {
  task: "toy",
  texts: [obs("a\n"), act("x\n"), obs("b\n"), act("y\n"), obs("Success\n")],
  rewards: [0, -1, 0, 2, 0],
  done: true,
  meta: { success: true },
};

describe("algorithms: data and losses on a 2-step toy trajectory", () => {
  let tok: KitTokenizer;
  let enc: CachedEncoder;
  before(async () => {
    await initBackend();
    tok = tokenizerFromJson(buildTokenizer(["a\n", "x\n", "b\n", "y\n", "Success\n"]));
    enc = new CachedEncoder(tok);
  });

  it("whole episode: action flags per token, reward on each action's last token, reward-to-go with γ per action token", () => {
    const [s] = trajectoryToSequences(toy, enc, { window: Infinity, gamma: 0.5, maxLength: 64 });
    assert.equal(s.ids.length, 10); // each text is one word + "\n"
    assert.deepEqual(s.isAction, [false, false, true, true, false, false, true, true, false, false]);
    assert.deepEqual(s.rewards, [0, 0, 0, -1, 0, 0, 0, 2, 0, 0]);
    // action tokens 2, 3, 6, 7: R7 = 2, R6 = 0 + 0.5·2 = 1, R3 = −1 + 0.5·1 = −0.5, R2 = 0.5·(−0.5) = −0.25
    assert.deepEqual(s.returnsToGo, [0, 0, -0.25, -0.5, 0, 0, 1, 2, 0, 0]);
    assert.equal(s.done, true);
    assert.equal(s.nextPrefix, null);
  });

  it("collate: decision positions, next-state selection, done rows bootstrap nothing", () => {
    const [s] = trajectoryToSequences(toy, enc, { window: Infinity, gamma: 0.5, maxLength: 64 });
    const b = collate([s], tok.padId);
    assert.equal(b.T, 10);
    // action tokens 2,3,6,7 -> decision positions 1,2,5,6; the last position predicts nothing
    assert.deepEqual([...b.actionMask], [0, 1, 1, 0, 0, 1, 1, 0, 0, 0]);
    assert.deepEqual([...b.rewards], [0, 0, -1, 0, 0, 0, 2, 0, 0, 0]);
    const next = (p: number) => b.nextIndex[p];
    assert.deepEqual([1, 2, 5, 6].map(next), [2, 5, 6, -1]); // last action of a done episode: no bootstrap
    assert.deepEqual([...b.finalMask], new Array(b.T).fill(0));
    assert.equal(b.targets[1], s.ids[2]);
  });

  it("chains (window 1, FO maze): one link per action, reward-to-go across links, next link's observation as bootstrap", () => {
    const links = trajectoryToSequences(toy, enc, { window: 1, gamma: 0.5, maxLength: 64 });
    assert.equal(links.length, 2);
    assert.deepEqual(links[0].returnsToGo, [0, 0, -0.25, -0.5]);
    assert.deepEqual(links[1].returnsToGo, [0, 0, 1, 2]);
    assert.deepEqual(links[0].nextPrefix, tok.encode("b\n"));
    assert.equal(links[0].done, false);
    assert.equal(links[1].done, true);
    assert.equal(links[1].nextPrefix, null);
    const b = collate(links, tok.padId);
    assert.deepEqual([...b.finalMask], [0, 0, 1, 0, 0, 0, 0, 0]); // link 0's last action token (position 2) bootstraps from vFinal
    assert.equal(b.nextIndex[0 * 4 + 1], 2); // link 0, position 1 -> position 2
    assert.equal(b.nextIndex[0 * 4 + 2], -1); // its last action bootstraps from the next link (finalMask), not a position
  });

  it("chains whose window starts with the previous action (window 2, Text-Nav FO): each action trained once with its own reward, bootstrapping from the next window", () => {
    const links = trajectoryToSequences(toy, enc, { window: 2, gamma: 0.5, maxLength: 64 });
    assert.equal(links.length, 2);
    // link 1 sees [x (context), b] then acts y: x's tokens are not actions, so it is not trained (again) with reward 0
    assert.deepEqual(links[1].isAction, [false, false, false, false, true, true]);
    assert.deepEqual(links[1].rewards, [0, 0, 0, 0, 0, 2]);
    // reward-to-go counts each action token once: R(y) = 2, 0.5·2; R(x) = −1 + 0.5·1, then 0.5·(−0.5)
    assert.deepEqual(links[0].returnsToGo, [0, 0, -0.25, -0.5]);
    assert.deepEqual(links[1].returnsToGo, [0, 0, 0, 0, 1, 2]);
    // link 0's last action bootstraps from V at the end of what the agent sees next: "x\nb\n"
    assert.deepEqual(links[0].nextPrefix, tok.encode("x\nb\n"));
    const b = collate(links, tok.padId);
    assert.equal(b.finalMask[0 * b.T + 2], 1, "link 0's last action token takes vFinal from the next link");
  });

  it("an episode stopped by a time limit: the last link bootstraps from the observation the env returned after the final move", () => {
    // Same texts, but the episode was cut off after "y" (not done): the chain's last link [b, y] must
    // bootstrap from V(s_T) with s_T = the window ending at the final observation.
    const stopped: Trajectory = { ...toy, texts: [obs("a\n"), act("x\n"), obs("b\n"), act("y\n"), obs("a\n")], done: false };
    const fo = trajectoryToSequences(stopped, enc, { window: 1, gamma: 0.5, maxLength: 64 });
    assert.equal(fo.length, 2);
    assert.equal(fo[1].done, false);
    assert.deepEqual(fo[1].nextPrefix, tok.encode("a\n"), "window 1: the final observation");
    const b = collate(fo, tok.padId);
    assert.equal(b.finalMask[1 * b.T + 2], 1, "link 1's last action takes vFinal from s_T");
    assert.equal(b.nextIndex[1 * b.T + 2], -1, "not V at its own last token (a position no loss trains)");
    const nav = trajectoryToSequences(stopped, enc, { window: 2, gamma: 0.5, maxLength: 64 });
    assert.deepEqual(nav[1].nextPrefix, tok.encode("y\na\n"), "window 2: [last action as context, final observation]");
    // One link holding the whole episode already ends with s_T: V at its last token is V(s_T).
    const [whole] = trajectoryToSequences(stopped, enc, { window: Infinity, gamma: 0.5, maxLength: 64 });
    assert.equal(whole.nextPrefix, null);
    assert.equal(collate([whole], tok.padId).nextIndex[6], 9);
    // A terminated episode still bootstraps nothing, and one that stops on its action has nothing to read.
    assert.equal(trajectoryToSequences(toy, enc, { window: 1, gamma: 0.5, maxLength: 64 })[1].nextPrefix, null);
    const cut: Trajectory = { ...stopped, texts: stopped.texts.slice(0, 4), rewards: stopped.rewards.slice(0, 4) };
    assert.equal(trajectoryToSequences(cut, enc, { window: 1, gamma: 0.5, maxLength: 64 })[1].nextPrefix, null);
  });

  it("a sequence longer than maxLength keeps its last tokens (as the policy's left-truncated prompt), its actions, done and bootstrap", () => {
    const [s] = trajectoryToSequences(toy, enc, { window: Infinity, gamma: 0.5, maxLength: 6 });
    assert.equal(s.truncated, true);
    assert.deepEqual(s.ids, tok.encode("b\ny\nSuccess\n"));
    assert.deepEqual(s.isAction, [false, false, true, true, false, false]);
    assert.deepEqual(s.rewards, [0, 0, 0, 2, 0, 0]);
    assert.deepEqual(s.returnsToGo, [0, 0, 1, 2, 0, 0]);
    assert.equal(s.done, true, "the end is kept, so the episode still ends");
    const links = trajectoryToSequences(toy, enc, { window: 2, gamma: 0.5, maxLength: 4 });
    assert.deepEqual(links[1].ids, tok.encode("b\ny\n"), "a window's action is its last text: the oldest context goes first");
    assert.deepEqual(links[0].nextPrefix, tok.encode("x\nb\n"), "the bootstrap still reads the next window");
  });

  it("ILQL loss: TD targets with done mask, expectile weights, CQL, total (hand-computed)", () => {
    const x = ilqlInputs({ finalMask: [[0, 0]], vFinal: [0] });
    const { loss, metrics } = ilqlLoss(x, { gamma: 0.5, tau: 0.8, cqlWeight: 0.5 });
    // y = r + γ V(s') = [−1 + 0.5·0.4, 2 + 0] = [−0.8, 2]
    approx(num(metrics["ilql/td_target_mean"]), 0.6, "td target mean");
    approx(num(metrics["loss/q1"]), 0.81, "Q1 loss"); // mean(½·1.8², 0)
    approx(num(metrics["loss/q2"]), 0.41, "Q2 loss"); // mean(½·0.8², ½·1²)
    // Q̂ = min(Q̄1, Q̄2) = [0.3, 0.1]; u = Q̂ − V = [0.1, −0.3]; w = [τ, 1−τ] = [0.8, 0.2]
    approx(num(metrics["ilql/expectile_weight"]), 0.5, "expectile weight mean");
    approx(num(metrics["loss/v"]), 0.0065, "V loss"); // mean(0.8·½·0.01, 0.2·½·0.09)
    const cql1 = (Math.log(1 + Math.exp(-1)) + Math.log(1 + Math.exp(-1.5))) / 2;
    const cql2 = (Math.log(1 + Math.exp(3)) + Math.log(2)) / 2;
    approx(num(metrics["loss/cql1"]), cql1, "CQL1");
    approx(num(metrics["loss/cql2"]), cql2, "CQL2");
    approx(num(loss), 0.81 + 0.41 + 0.0065 + 0.5 * (cql1 + cql2), "total");
  });

  it("ILQL loss: a chain link's last action bootstraps from vFinal", () => {
    const x = ilqlInputs({ finalMask: [[0, 1]], vFinal: [1.5] });
    const { metrics } = ilqlLoss(x, { gamma: 0.5, tau: 0.8, cqlWeight: 0 });
    // y1 = 2 + 0.5·1.5 = 2.75: Q1 loss = mean(½·1.8², ½·0.75²)
    approx(num(metrics["loss/q1"]), (0.5 * 3.24 + 0.5 * 0.5625) / 2, "Q1 loss with vFinal");
  });

  it("ILQL loss: V gets gradient only from the expectile term (TD targets are stop-gradient)", () => {
    const x = ilqlInputs({ finalMask: [[0, 0]], vFinal: [0] });
    const g = tf.grad((v: tf.Tensor) => ilqlLoss({ ...x, v: v as tf.Tensor2D }, { gamma: 0.5, tau: 0.8, cqlWeight: 0.5 }).loss)(x.v);
    // dL_V/dV_p = (1/2)·w_p·(V_p − Q̂_p): [0.5·0.8·(−0.1), 0.5·0.2·0.3, 0 (masked)]; none via the TD target V(s_1)
    const got = [...g.dataSync()];
    [-0.04, 0.03, 0].forEach((want, i) => approx(got[i], want, `dL/dV[${i}]`));
  });

  it("ILQL loss: the fused native op equals the tfjs twin (loss, every metric, gradients in q1, q2, v)", async () => {
    const rng = new Rng(4);
    const [B, T, V] = [3, 6, 7];
    const r = (shape: number[], s = 1) => tf.tensor(Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => rng.normal() * s), shape);
    const x: IlqlLossInputs = {
      q1: r([B, T, V], 2) as tf.Tensor3D, q2: r([B, T, V], 2) as tf.Tensor3D, v: r([B, T]) as tf.Tensor2D, targetQ1: r([B, T]) as tf.Tensor2D, targetQ2: r([B, T]) as tf.Tensor2D,
      vNext: r([B, T]) as tf.Tensor2D, targets: tf.tensor2d(Array.from({ length: B * T }, () => rng.int(V)), [B, T], "int32"),
      actionMask: tf.tensor2d(Array.from({ length: B * T }, () => (rng.next() < 0.6 ? 1 : 0)), [B, T]), rewards: r([B, T]) as tf.Tensor2D,
    };
    const h = { gamma: 0.9, tau: 0.7, cqlWeight: 0.5 };
    const run = () => {
      const { metrics } = ilqlLoss(x, h);
      const m = Object.fromEntries(Object.entries(metrics).map(([k, t]) => [k, num(t)]));
      const { value, grads } = tf.valueAndGrads((a: tf.Tensor, b: tf.Tensor, c: tf.Tensor) => ilqlLoss({ ...x, q1: a as tf.Tensor3D, q2: b as tf.Tensor3D, v: c as tf.Tensor2D }, h).loss)([x.q1, x.q2, x.v]);
      return { loss: num(value), m, grads: grads.map((g) => [...g.dataSync()]) };
    };
    await initBackend("cpu");
    const twin = run();
    const info = await initBackend();
    if (!info.path.startsWith("native")) {
      assert.fail(`no native path here (${info.reason}); this test compares the fused op with the twin`);
    }
    const fused = run();
    approx(fused.loss, twin.loss, "loss", 1e-5);
    assert.deepEqual(Object.keys(fused.m).sort(), Object.keys(twin.m).sort(), "same metric names");
    for (const k of Object.keys(twin.m)) approx(fused.m[k], twin.m[k], k, 1e-5);
    fused.grads.forEach((g, i) => g.forEach((v, j) => approx(v, twin.grads[i][j], `grad ${["q1", "q2", "v"][i]}[${j}]`, 1e-5)));
    assert.ok(twin.grads[2].some((v) => v !== 0) && twin.grads[0].some((v) => v !== 0), "the gradients are not trivially zero");
  });

  it("MC Returns loss: ½(Q − R)² on action tokens plus α·CE", () => {
    const q = tf.tensor3d([[[1, 0], [0.5, 2]]]);
    const { loss, metrics } = mcLoss(q, tf.tensor2d([[0, 1]], [1, 2], "int32"), tf.tensor2d([[-0.25, 2]]), tf.tensor2d([[1, 1]]), 0.5);
    approx(num(metrics["loss/q"]), 0.390625, "Q loss"); // mean(½·1.25², 0)
    const ce = (Math.log(1 + Math.exp(-1)) + Math.log(1 + Math.exp(-1.5))) / 2;
    approx(num(metrics["loss/cql"]), ce, "CQL");
    approx(num(loss), 0.390625 + 0.5 * ce, "total");
  });

  it("BC loss: cross-entropy averaged over the action rows; token accuracy; no rows gives 0", () => {
    const logits = tf.tensor2d([[1, 0], [0.5, 2]]);
    const { loss, metrics } = bcLoss(logits, tf.tensor1d([0, 0], "int32"));
    approx(num(loss), (Math.log(1 + Math.exp(-1)) + Math.log(1 + Math.exp(1.5))) / 2, "mean of −log softmax at the targets");
    approx(num(metrics["bc/token_acc"]), 0.5, "row 0's argmax is its target, row 1's is not");
    assert.equal(num(bcLoss(tf.zeros([0, 2]) as tf.Tensor2D, tf.tensor1d([], "int32")).loss), 0, "a batch without action tokens");
  });

  it("logits at the action rows only: log π and BC's loss equal the full forward pass's, values and gradients", () => {
    const gpt = { vocabSize: tok.vocabSize, nLayer: 1, nHead: 2, dModel: 16, blockSize: 16 };
    const model = new Gpt(gpt, { seed: 3 });
    try {
      // two rows of different lengths (the shorter right-padded), action tokens at 1, 2, 5, 6 of the first
      const seqs = trajectoryToSequences(toy, enc, { window: 1, gamma: 1, maxLength: 16 });
      const b = collate([trajectoryToSequences(toy, enc, { window: Infinity, gamma: 1, maxLength: 16 })[0], seqs[0]], tok.padId);
      const a = actionRows(b);
      assert.deepEqual([...a.rows], [...b.actionMask].flatMap((m, i) => (m ? [i] : [])));
      assert.deepEqual([...a.targets], [...a.rows].map((i) => b.targets[i]));
      const ids = tf.tensor2d(b.ids, [b.B, b.T], "int32");
      const targets = tf.tensor2d(b.targets, [b.B, b.T], "int32");
      const mask = tf.tensor2d(b.actionMask, [b.B, b.T]);
      const fullLogp = () => tf.mul(tf.neg(crossEntropy(model.forward(ids).logits, targets)), mask); // [B, T], 0 off actions
      const rowLogp = () => actionTokenLogp(model, model.hidden(ids), a);
      const got = rowLogp().dataSync(), want = fullLogp().dataSync();
      want.forEach((w, i) => approx(got[i], w, `log π at flat position ${i}`));
      assert.ok(got.some((v) => v < -0.1), "non-trivial log-probabilities");
      const vars = Object.values(model.weights());
      const grads = (f: () => tf.Scalar) => tf.variableGrads(f, vars).grads;
      // any weighting of the per-position values (here: position-dependent) gets the same gradient
      const w = tf.tensor2d(Array.from({ length: b.B * b.T }, (_, i) => 1 + (i % 5)), [b.B, b.T]);
      const gRows = grads(() => tf.sum(tf.mul(rowLogp(), w)) as tf.Scalar);
      const gFull = grads(() => tf.sum(tf.mul(fullLogp(), w)) as tf.Scalar);
      for (const v of vars) {
        const x = gRows[v.name].dataSync(), y = gFull[v.name].dataSync();
        x.forEach((g, i) => approx(g, y[i], `d/d${v.name}[${i}]`, 1e-4));
      }
      approx(num(bcBatchLoss(model, b).loss), num(maskedMean(crossEntropy(model.forward(ids).logits, targets), mask)), "BC on the action rows = the masked mean over positions");
      // MC Returns' step reads its vocabulary-sized Q head at the action rows the same way
      const head = new VocabHead({ kind: "linear", dModel: 16, biasInit: 0 }, tok.vocabSize, { seed: 4 });
      const rtg = tf.tensor2d(b.returnsToGo, [b.B, b.T]);
      const n = a.rows.length;
      const onRows = mcLoss(head.apply(actionHidden(model.hidden(ids), a)).reshape([1, n, tok.vocabSize]) as tf.Tensor3D, tf.tensor2d(a.targets, [1, n], "int32"), tf.tensor2d(Float32Array.from(a.rows, (i) => b.returnsToGo[i]), [1, n]), tf.ones([1, n]) as tf.Tensor2D, 0.5);
      const full = mcLoss(head.apply(model.hidden(ids)), targets, rtg, mask, 0.5);
      for (const k of ["loss/q", "loss/cql", "mc/q_mean"]) approx(num(onRows.metrics[k]), num(full.metrics[k]), `MC ${k} on the action rows`);
      head.dispose();
      // a batch without action tokens (every row cut before its action): losses of 0 whose gradients are
      // 0, not a tape that lost the weights (tf.variableGrads throws on those)
      const none = actionRows({ ...b, actionMask: new Float32Array(b.B * b.T) });
      for (const [what, f] of [["BC", () => bcBatchLoss(model, { ...b, actionMask: new Float32Array(b.B * b.T) }).loss], ["log π", () => tf.sum(actionTokenLogp(model, model.hidden(ids), none)) as tf.Scalar]] as const) {
        const { value, grads: g } = tf.variableGrads(f, vars);
        assert.equal(value.dataSync()[0], 0, what);
        assert.ok(Object.values(g).every((t) => t.dataSync().every((x) => x === 0)), `${what}: zero gradients`);
      }
    } finally {
      model.dispose();
    }
  });

  it("Polyak: θ̄ ← (1 − α)θ̄ + αθ, and one ILQL step moves the target heads by exactly α", () => {
    const target = { w: tf.variable(tf.tensor1d([1, 2])) };
    polyakUpdate(target, { w: tf.tensor1d([3, 6]) }, 0.25);
    assert.deepEqual([...target.w.dataSync()], [1.5, 3]);

    const gpt = { vocabSize: tok.vocabSize, nLayer: 1, nHead: 2, dModel: 16, blockSize: 16 };
    const bc = new Gpt(gpt, { seed: 1 });
    const cfg = { ...ILQL_DEFAULTS, polyakAlpha: 0.1, lr: 1e-2, warmupSteps: 0 };
    const ilql = new IlqlLearner(cfg, tok, bc.weights(), gpt, 0);
    const before = ilql.q1.weights()["out.b"].dataSync().slice();
    ilql.step(collate(trajectoryToSequences(toy, enc, { window: 1, gamma: 0.99, maxLength: 16 }), tok.padId));
    const online = ilql.q1.weights()["out.b"].dataSync();
    const tgt = ilql.targetQ1.weights()["out.b"].dataSync();
    for (let i = 0; i < before.length; i++) approx(tgt[i], 0.9 * before[i] + 0.1 * online[i], `target q1 bias[${i}]`);
    assert.ok(online.some((v, i) => v !== before[i]), "the online head must move");
    ilql.dispose();
    bc.dispose();
  });

  it("ILQL's objective on the action rows equals the loss over every position: every metric and every gradient", () => {
    const gpt = { vocabSize: tok.vocabSize, nLayer: 1, nHead: 2, dModel: 16, blockSize: 16 };
    const bc = new Gpt(gpt, { seed: 1 });
    const ilql = new IlqlLearner({ ...ILQL_DEFAULTS, gamma: 0.9, tau: 0.8, cqlWeight: 0.5 }, tok, bc.weights(), gpt, 0);
    try {
      // heads start with a zero last layer (Q and V = the bias everywhere): give them position-dependent values
      const rng = new Rng(7);
      for (const head of [ilql.q1, ilql.q2, ilql.v, ilql.targetQ1, ilql.targetQ2]) {
        const w = head.weights()["out.w"] as tf.Variable;
        w.assign(tf.tensor(Array.from({ length: w.size }, () => rng.normal() * 0.5), w.shape));
      }
      // a whole time-limited episode (its last action bootstraps from V at its last token, an observation
      // position) beside a chain link that bootstraps from its next link's observation (vFinal)
      const stopped: Trajectory = { ...toy, texts: [obs("a\n"), act("x\n"), obs("b\n"), act("y\n"), obs("a\n")], done: false };
      const b = collate([trajectoryToSequences(stopped, enc, { window: Infinity, gamma: 0.9, maxLength: 16 })[0], ...trajectoryToSequences(toy, enc, { window: 1, gamma: 0.9, maxLength: 16 })], tok.padId);
      const c = ilql.constants(b);
      const n = c.rows.rows.length;
      assert.deepEqual([...c.values.rows.slice(0, n)], [...c.rows.rows], "V's rows start with the action rows");
      assert.deepEqual([...c.values.rows.slice(n)], [9], "then the time-limited episode's last token, the only next state that is not an action row");
      assert.deepEqual([...valueRows(b, { ...c.rows, rows: c.rows.rows.slice(0, 1) }).rows], [c.rows.rows[0], 2], "an action's next state that is not itself listed is appended");
      // the reference: every head over every position, masked, bootstrapping from V at every position
      const { B, T } = b;
      const ids = tf.tensor2d(b.ids, [B, T], "int32"), targets = tf.tensor2d(b.targets, [B, T], "int32");
      const vFinal = c.vFinal; // the next links' V (nextLinkValues, unchanged by the row layout)
      assert.ok(vFinal.some((v) => v !== 0), "a row bootstraps from its next link");
      const full = () => {
        const hidden = ilql.base.hidden(ids);
        const v = ilql.v.apply(hidden) as tf.Tensor2D;
        const vv = v.dataSync();
        const th = ilql.targetBase.hidden(ids);
        return ilqlLoss({
          q1: ilql.q1.apply(hidden), q2: ilql.q2.apply(hidden), v,
          targetQ1: ilql.targetQ1.valueAt(th, targets), targetQ2: ilql.targetQ2.valueAt(th, targets),
          vNext: tf.tensor2d(bootstrapValues(b, Int32Array.from({ length: B * T }, (_, i) => i), (i) => vv[i], vFinal), [B, T]),
          targets, actionMask: tf.tensor2d(b.actionMask, [B, T]), rewards: tf.tensor2d(b.rewards, [B, T]),
        }, ilql.cfg);
      };
      const rows = ilql.objective(b, c), want = full();
      for (const k of Object.keys(want.metrics)) approx(num(rows.metrics[k]), num(want.metrics[k]), `ILQL ${k} on the action rows`, 1e-4);
      approx(num(rows.loss), num(want.loss), "ILQL loss on the action rows", 1e-4);
      assert.ok(num(want.metrics["ilql/td_target_mean"]) !== 0, "non-trivial TD targets");
      const vars = [...Object.values(ilql.base.weights()), ...Object.values(ilql.q1.weights()), ...Object.values(ilql.q2.weights()), ...Object.values(ilql.v.weights())] as tf.Variable[];
      const gRows = tf.variableGrads(() => ilql.objective(b, c).loss, vars).grads;
      const gFull = tf.variableGrads(() => full().loss, vars).grads;
      for (const v of vars) {
        const x = gRows[v.name].dataSync(), y = gFull[v.name].dataSync();
        x.forEach((g, i) => approx(g, y[i], `d/d${v.name}[${i}]`, 1e-4));
      }
      c.dispose();
      // a batch without action tokens: a loss of 0 whose gradients are 0, not a tape without the weights
      const none = { ...b, actionMask: new Float32Array(B * T) };
      const c0 = ilql.constants(none);
      const { value, grads } = tf.variableGrads(() => ilql.objective(none, c0).loss, vars);
      assert.equal(value.dataSync()[0], 0);
      assert.ok(Object.values(grads).every((t) => t.dataSync().every((x) => x === 0)), "zero gradients");
      c0.dispose();
      tf.dispose([ids, targets]);
    } finally {
      ilql.dispose();
      bc.dispose();
    }
  });

  it("%BC filters: successful trajectories; top fraction by return", async () => {
    const mk = (r: number, success: boolean): Trajectory => ({ ...toy, rewards: [0, r, 0, 0, 0], meta: { success } });
    const data = [mk(-5, false), mk(-1, true), mk(-3, false), mk(0, true), mk(-2, false)];
    const succ = await percentBcFilter(() => data, { filter: "success", topFraction: 0.1 });
    assert.deepEqual(data.map(succ), [false, true, false, true, false]);
    const top = await percentBcFilter(() => data, { filter: "top", topFraction: 0.4 });
    assert.deepEqual(data.map(top), [false, true, false, true, false]); // returns 0 and −1
    await assert.rejects(percentBcFilter(() => data, { filter: "best", topFraction: 0.1 }), /filter must be "success" or "top"/);
  });

  it("configs: unknown keys fail listing the valid ones; wrong types name the default", () => {
    assert.throws(() => resolveConfig(ILQL_DEFAULTS, [{ tua: 0.9 }], "ilql"), /unknown key "tua".*Valid keys:.*tau/);
    assert.throws(() => resolveConfig(ILQL_DEFAULTS, [{ tau: "0.9" }], "ilql"), /"tau" must be a number/);
    assert.equal(resolveConfig(ILQL_DEFAULTS, [{ tau: 0.9 }, { steps: 5 }], "ilql").tau, 0.9);
  });
});

/**
 * B = 1, T = 3, V = 2: two action positions and a third (observation) position with mask 0 whose
 * values must not matter; chosen for the hand computations above.
 */
function ilqlInputs(o: { finalMask: number[][]; vFinal: number[] }): IlqlLossInputs {
  const v = [0.2, 0.4, 0.8];
  // position 0's next state is position 1 (V = 0.4); position 1 is the last action (done or vFinal)
  const positions = { T: 3, nextIndex: Int32Array.from([1, -1, -1]), finalMask: Float32Array.from([...o.finalMask[0], 0]) };
  return {
    q1: tf.tensor3d([[[1, 0], [0.5, 2], [9, 9]]]),
    q2: tf.tensor3d([[[0, 3], [1, 1], [9, 9]]]),
    v: tf.tensor2d([v]),
    targetQ1: tf.tensor2d([[0.5, 0.1, 9]]),
    targetQ2: tf.tensor2d([[0.3, 2, 9]]),
    vNext: tf.tensor2d(bootstrapValues(positions, Int32Array.from([0, 1, 2]), (i) => v[i], o.vFinal), [1, 3]),
    targets: tf.tensor2d([[0, 1, 0]], [1, 3], "int32"),
    actionMask: tf.tensor2d([[1, 1, 0]]),
    rewards: tf.tensor2d([[-1, 2, 5]]),
  };
}
