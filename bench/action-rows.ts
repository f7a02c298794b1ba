/**
 * What computing vocabulary-sized outputs only at the action rows saves, per row, in one run:
 *
 *   npm run bench -- action-rows                         # car-dealer, guess-my-city, twenty-questions, maze-fo
 *   ROWS=text-nav-po,wordle STEPS=8 npm run bench -- action-rows
 *
 * On the same real batches (the row's default BC batch size and window, from in-memory behaviour
 * trajectories, seed 0) it times an optimiser step of BC, MC Returns and ILQL the kit's way — the trunk's
 * hidden states gathered at the action rows before the [·, V] projection (src/algorithms/tensor.ts) —
 * and the baseline the kit used before: the projection and its softmax at every position, masked
 * (BC's loss and token accuracy over `forward(ids).logits`, MC's Q head over every position, ILQL's
 * online and target Q heads and V head over every position). Both start from the same weights
 * and alternate step by step, so a busy second core slows both alike; a line per (row, method) gives the
 * share of action rows, the median ms of each and the speedup. Losses agree to float precision (the
 * tests check values and gradients).
 */
import * as tf from "@tensorflow/tfjs";
import { algorithmConfig, getAlgorithm } from "../src/algorithms/index";
import { BcLearner } from "../src/algorithms/bc";
import { CachedEncoder, collate, trajectoryToSequences, type Batch, type TokenSequence } from "../src/algorithms/data";
import { bootstrapValues, IlqlLearner, ilqlLoss, type IlqlConfig } from "../src/algorithms/ilql";
import { McLearner, mcLoss, type McConfig } from "../src/algorithms/mc-returns";
import { gptConfig, makeOptimizer, optimiserStep } from "../src/algorithms/learner";
import { crossEntropy, maskedMean, nextLinkValues, takeToken } from "../src/algorithms/tensor";
import { splitTrajectories } from "../src/core/generate";
import { initBackend } from "../src/model/backend";
import { Gpt, prefixed, VocabHead, type HeadKind } from "../src/model/gpt";
import { loadTokenizer, tokenizerDirOf } from "../src/model/tokenizer";
import { getEnvSpec } from "../src/tasks/index";

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function benchActionRows(): Promise<void> {
  const rows = (process.env.ROWS ?? "car-dealer,guess-my-city,twenty-questions,maze-fo").split(",").map((r) => r.trim()).filter(Boolean);
  const steps = Number(process.env.STEPS ?? 6);
  if (!(Number.isInteger(steps) && steps >= 1)) throw new Error(`STEPS must be an integer >= 1, got ${process.env.STEPS}`);
  const info = await initBackend();
  for (const row of rows) {
    const spec = getEnvSpec(row);
    const cfg = algorithmConfig(getAlgorithm("bc"), spec, []);
    const tok = await loadTokenizer(tokenizerDirOf(spec.tokenizer));
    const enc = new CachedEncoder(tok);
    const seqs: TokenSequence[] = [];
    for await (const t of splitTrajectories(spec, "train", 400, 0)) {
      seqs.push(...trajectoryToSequences(t, enc, { window: cfg.historyWindow ?? spec.historyWindow, gamma: 1, maxLength: cfg.maxLength }));
      if (seqs.length >= 3 * cfg.batchSize) break;
    }
    const batches: Batch[] = [0, 1, 2].map((k) => collate(seqs.slice(k * cfg.batchSize, (k + 1) * cfg.batchSize), tok.padId));
    const actionShare = batches.reduce((s, b) => s + b.actionMask.reduce((x, m) => x + m, 0), 0) / batches.reduce((s, b) => s + b.B * b.T, 0);
    const tensors = (b: Batch) => ({ ids: tf.tensor2d(b.ids, [b.B, b.T], "int32"), targets: tf.tensor2d(b.targets, [b.B, b.T], "int32"), mask: tf.tensor2d(b.actionMask, [b.B, b.T]), rtg: tf.tensor2d(b.returnsToGo, [b.B, b.T]) });

    const bc = new BcLearner("bc", cfg, tok, 0);
    const mcCfg = algorithmConfig(getAlgorithm("mc"), spec, []) as McConfig;
    const mc = new McLearner(mcCfg, tok, bc.model.weights(), bc.model.config, 0);
    // the baselines: the same networks and optimisers, built as the learners build them
    const baseBc = new Gpt(gptConfig(cfg, tok.vocabSize), { seed: 0 });
    const baseBcOpt = makeOptimizer(baseBc.weights(), cfg);
    const baseTrunk = new Gpt(bc.model.config, { weights: bc.model.weights() });
    const baseQ = new VocabHead({ kind: mcCfg.headKind as HeadKind, dModel: bc.model.config.dModel, biasInit: mcCfg.headBiasInit }, tok.vocabSize, { seed: 1 });
    const baseMcParams = { ...prefixed("base.", baseTrunk.weights()), ...prefixed("q.", baseQ.weights()) };
    const baseMcOpt = makeOptimizer(baseMcParams, mcCfg, [{ name: "head", match: /^q\./, lrScale: mcCfg.headLrScale }]);
    const fullBc = (b: Batch) => {
      const t = tensors(b);
      optimiserStep(baseBcOpt, baseBc.weights(), () => {
        const logits = baseBc.forward(t.ids).logits; // [B, T, V] at every position
        const loss = maskedMean(crossEntropy(logits, t.targets), t.mask);
        const acc = maskedMean(tf.equal(takeToken(logits, t.targets), tf.max(logits, 2)).asType("float32"), t.mask); // BC's token accuracy, as before
        return { loss, metrics: { "loss/bc": loss, "bc/token_acc": acc } };
      });
      tf.dispose(Object.values(t));
    };
    const fullMc = (b: Batch) => {
      const t = tensors(b);
      optimiserStep(baseMcOpt, baseMcParams, () => mcLoss(baseQ.apply(baseTrunk.hidden(t.ids)), t.targets, t.rtg, t.mask, mcCfg.cqlWeight));
      tf.dispose(Object.values(t));
    };
    const ilqlCfg = algorithmConfig(getAlgorithm("ilql"), spec, []) as IlqlConfig;
    const ilql = new IlqlLearner(ilqlCfg, tok, bc.model.weights(), bc.model.config, 0);
    const baseIlql = new FullIlql(ilqlCfg, tok, bc.model.weights(), bc.model.config, 0);
    const methods = [["bc", (b: Batch) => bc.step(b), fullBc], ["mc", (b: Batch) => mc.step(b), fullMc], ["ilql", (b: Batch) => ilql.step(b), (b: Batch) => baseIlql.step(b)]] as const;
    for (const [method, kit, full] of methods) {
      kit(batches[0]); // warm both paths (buffers, kernels)
      full(batches[0]);
      const a: number[] = [];
      const f: number[] = [];
      for (let i = 0; i < steps; i++) {
        const b = batches[i % 3];
        let t0 = performance.now();
        kit(b);
        a.push(performance.now() - t0);
        t0 = performance.now();
        full(b);
        f.push(performance.now() - t0);
      }
      const ms = { actionRows: +median(a).toFixed(1), allPositions: +median(f).toFixed(1) };
      console.log(JSON.stringify({ bench: "action-rows", row, method, path: info.path, B: batches[0].B, T: batches[0].T, vocab: tok.vocabSize, actionShare: +actionShare.toFixed(3), msPerStep: ms, speedup: +(ms.allPositions / ms.actionRows).toFixed(2) }));
    }
    for (const x of [bc, mc, ilql, baseBc, baseBcOpt, baseTrunk, baseQ, baseMcOpt, baseIlql]) x.dispose();
  }
}

/** ILQL's step as it was before the action rows: every head over every position, masked. */
class FullIlql extends IlqlLearner {
  override step(b: Batch): Record<string, number> {
    const { B, T } = b;
    const ids = tf.tensor2d(b.ids, [B, T], "int32"), targets = tf.tensor2d(b.targets, [B, T], "int32");
    const actionMask = tf.tensor2d(b.actionMask, [B, T]), rewards = tf.tensor2d(b.rewards, [B, T]);
    const [targetQ1, targetQ2] = tf.tidy(() => {
      const h = this.targetBase.hidden(ids);
      return [this.targetQ1.valueAt(h, targets), this.targetQ2.valueAt(h, targets)];
    });
    const vFinal = nextLinkValues(this.base, this.v, b.nextPrefixes, this.tokenizer.padId);
    const vf = vFinal.dataSync();
    const every = Int32Array.from({ length: B * T }, (_, i) => i);
    const out = optimiserStep(this.opt, this.params, () => {
      const hidden = this.base.hidden(ids);
      const v = this.v.apply(hidden) as tf.Tensor2D;
      const vv = v.dataSync();
      const vNext = tf.tensor2d(bootstrapValues(b, every, (i) => vv[i], vf), [B, T]);
      return ilqlLoss({ q1: this.q1.apply(hidden), q2: this.q2.apply(hidden), v, targetQ1, targetQ2, vNext, targets, actionMask, rewards }, this.cfg);
    });
    tf.dispose([ids, targets, actionMask, rewards, targetQ1, targetQ2, vFinal]);
    this.updateTargets();
    return out;
  }
}
