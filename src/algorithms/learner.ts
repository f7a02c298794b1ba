/**
 * What the trainer needs from an algorithm: a `Learner` takes one optimiser step on a collated batch and
 * reports named scalars, builds its evaluation policy, and exports/imports its state for checkpoints.
 * `ModularLearner` derives the checkpoint state, restore and dispose from one declared list of modules.
 * Also the pieces every learner shares: batch → tensors, the optimiser with its learning-rate schedule.
 */
import * as tf from "@tensorflow/tfjs";
import type { LoadedCheckpoint } from "../model/checkpoint";
import { prefixed, type GptConfig } from "../model/gpt";
import { AdamW, warmupCosine, type ParamGroup } from "../model/optim";
import type { TrainConfig } from "./config";
import type { Batch } from "./data";
import type { ModelPolicy, PolicyOptions } from "./policy";

/** A checkpoint's contents as a learner exports them. */
export interface LearnerState {
  readonly config: Record<string, unknown>;
  readonly weights: Record<string, tf.Tensor>;
  readonly optimizer: Record<string, tf.Tensor>;
  readonly optimizerMeta: object;
}

export interface Learner {
  /** "bc", "pbc", "mc" or "ilql". */
  readonly algorithm: string;
  /** One optimiser step on a batch; returns diagnostics as named scalars ("loss/q1", "ilql/v_mean", ...). */
  step(batch: Batch): Record<string, number>;
  /** The evaluation policy (sampling at `temperature`, as the reference's `GPT2PPOPolicy` / `GPT2ValuePolicy`). */
  policy(o: PolicyOptions): ModelPolicy;
  /** Weights, optimiser slots and config, for saveCheckpoint (the optimiser tensors are copies: dispose them). */
  state(): LearnerState;
  /** Restore weights and optimiser from a checkpoint written from `state()`. */
  restore(ck: LoadedCheckpoint): void;
  dispose(): void;
}

/** A network a learner owns: a GPT trunk or a head. */
export interface LearnerModule {
  weights(): Record<string, tf.Variable>;
  setWeights(w: Record<string, tf.Tensor>): void;
  dispose(): void;
}

/**
 * A learner whose networks are listed once, by checkpoint prefix: `state`, `restore` and `dispose`
 * walk that list, so adding a network is one line. Prefix "" (a lone model, as BC has) stores the
 * weights unprefixed.
 *
 * @example
 * class MyLearner extends ModularLearner {
 *   protected readonly modules = { "base.": this.base, "q.": this.q };
 *   ...
 * }
 */
export abstract class ModularLearner implements Learner {
  abstract readonly algorithm: string;
  /** Checkpoint prefix → network, in checkpoint order. */
  protected abstract readonly modules: Readonly<Record<string, LearnerModule>>;
  protected abstract readonly opt: AdamW;
  /** What config.json records beside the weights (architecture, heads). */
  protected abstract checkpointConfig(): Record<string, unknown>;
  abstract step(batch: Batch): Record<string, number>;
  abstract policy(o: PolicyOptions): ModelPolicy;

  state(): LearnerState {
    const s = this.opt.getState();
    const weights: Record<string, tf.Tensor> = {};
    for (const [prefix, m] of Object.entries(this.modules)) Object.assign(weights, prefixed(prefix, m.weights()));
    return { config: { algorithm: this.algorithm, ...this.checkpointConfig() }, weights, optimizer: s.tensors, optimizerMeta: s.meta };
  }

  restore(ck: LoadedCheckpoint): void {
    for (const [prefix, m] of Object.entries(this.modules)) m.setWeights(prefix === "" ? ck.weights : unprefixed(ck.weights, prefix));
    if (ck.optimizer && ck.optimizerMeta) this.opt.setState({ tensors: ck.optimizer, meta: ck.optimizerMeta as never });
  }

  dispose(): void {
    this.opt.dispose();
    for (const m of Object.values(this.modules)) m.dispose();
  }
}

/** The GPT architecture a TrainConfig describes, for a tokenizer's vocabulary. */
export function gptConfig(cfg: TrainConfig, vocabSize: number): GptConfig {
  return { vocabSize, nLayer: cfg.nLayer, nHead: cfg.nHead, dModel: cfg.dModel, blockSize: cfg.blockSize };
}

/**
 * AdamW (β 0.9/0.95, masked decoupled decay, global-norm clip) with linear warmup, then either a
 * constant rate or a cosine decay to 10% of `lr` at `steps`.
 */
export function makeOptimizer(params: Record<string, tf.Variable>, cfg: TrainConfig, groups: ParamGroup[] = []): AdamW {
  const lr = cfg.cosine
    ? (s: number) => warmupCosine(s, { peakLr: cfg.lr, warmupSteps: Math.min(cfg.warmupSteps, cfg.steps), totalSteps: Math.max(cfg.steps, cfg.warmupSteps), endLr: cfg.lr / 10 })
    : (s: number) => (s < cfg.warmupSteps ? (cfg.lr * (s + 1)) / cfg.warmupSteps : cfg.lr);
  return new AdamW(params, { lr, weightDecay: cfg.weightDecay, clipNorm: cfg.clipNorm, groups });
}

/** The batch tensors every loss reads. Caller disposes. */
export interface BatchTensors {
  /** [B, T] int32 */
  ids: tf.Tensor2D;
  /** [B, T] int32 (the token each position predicts) */
  targets: tf.Tensor2D;
  /** [B, T] */
  actionMask: tf.Tensor2D;
}

/** A batch's token ids as a [B, T] int32 tensor (all a trunk pass reads). Caller disposes. */
export function batchIds(b: Pick<Batch, "B" | "T" | "ids">): tf.Tensor2D {
  return tf.tensor2d(b.ids, [b.B, b.T], "int32");
}

export function batchTensors(b: Batch): BatchTensors {
  return { ...batchActionTensors(b), targets: tf.tensor2d(b.targets, [b.B, b.T], "int32") };
}

/** The ids and action mask of a batch, without targets: what a policy-gradient loss over actionRows reads. Caller disposes. */
export function batchActionTensors(b: Pick<Batch, "B" | "T" | "ids" | "actionMask">): Omit<BatchTensors, "targets"> {
  return { ids: batchIds(b), actionMask: tf.tensor2d(b.actionMask, [b.B, b.T]) };
}

/** Weights from a checkpoint whose names start with `prefix`, with the prefix removed. */
export function unprefixed(weights: Record<string, tf.Tensor>, prefix: string): Record<string, tf.Tensor> {
  const out: Record<string, tf.Tensor> = {};
  for (const [k, v] of Object.entries(weights)) if (k.startsWith(prefix)) out[k.slice(prefix.length)] = v;
  if (Object.keys(out).length === 0) throw new Error(`checkpoint has no weights named "${prefix}*"; it was written by a different algorithm (keys like ${Object.keys(weights).slice(0, 3).join(", ")})`);
  return out;
}

/** Runs `lossFn` under variableGrads, applies the step, and returns the loss and metric scalars. */
export function optimiserStep(
  opt: AdamW,
  params: Record<string, tf.Variable>,
  lossFn: () => { loss: tf.Scalar; metrics: Record<string, tf.Scalar> },
): Record<string, number> {
  let metrics: Record<string, tf.Scalar> = {};
  const { value, grads } = tf.variableGrads(() => {
    const out = lossFn();
    metrics = {};
    for (const [k, v] of Object.entries(out.metrics)) metrics[k] = tf.keep(v);
    return out.loss;
  }, Object.values(params));
  const named: Record<string, tf.Tensor> = {};
  for (const [k, v] of Object.entries(params)) if (grads[v.name]) named[k] = grads[v.name];
  const info = opt.applyGradients(named);
  const out: Record<string, number> = { loss: value.dataSync()[0], "optim/lr": info.lr, "optim/grad_norm": info.gradNorm };
  for (const [k, v] of Object.entries(metrics)) out[k] = v.dataSync()[0];
  tf.dispose([value, ...Object.values(grads), ...Object.values(metrics)]);
  return out;
}
