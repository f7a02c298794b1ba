/**
 * Optimisation pieces shared by every algorithm: AdamW with decoupled, masked weight decay (JaxSEQ/optax
 * conventions of the reference scripts, e.g. `llm_rl_scripts/maze/ilql/train_ilql.py`), global-norm
 * clipping, per-parameter-group learning rates (ILQL heads at 10x the trunk, our FO-maze recipe in
 * src/tasks/maze/train.ts), gradient accumulation, a pure warmup-cosine schedule, Polyak target updates,
 * and optimizer state export/import for exact resume. On the native path (./native) the update is one C
 * loop per parameter writing the variable, m and v buffers in place.
 *
 * @example
 * const opt = new AdamW(model.weights(), { lr: 3e-4, weightDecay: 0.001, clipNorm: 1.0 });
 * const { grads } = tf.variableGrads(() => loss(), Object.values(model.weights()));
 * opt.applyGradients(byName(model.weights(), grads));   // one step
 */
import * as tf from "@tensorflow/tfjs";
import { activeNative, exclusiveF32, f32 } from "./native";

/** A group of parameters selected by name that gets its own learning-rate scale and/or weight decay. */
export interface ParamGroup {
  /** Name for logs, e.g. "heads". */
  name: string;
  /** Which parameters belong to the group (first matching group wins; the rest use the defaults). */
  match: RegExp | ((paramName: string) => boolean);
  /** Multiplies the schedule's learning rate (ILQL heads: 10). Default 1. */
  lrScale?: number;
  /** Overrides the decay coefficient for this group (the decay mask still applies). */
  weightDecay?: number;
}

/** AdamW hyper-parameters. Defaults follow JaxSEQ's GPT3Optimizer: β1 0.9, β2 0.95, eps 1e-8. */
export interface AdamWConfig {
  /** Base learning rate, or a schedule step -> lr (step counts optimizer updates from 0). */
  lr: number | ((step: number) => number);
  beta1?: number;
  beta2?: number;
  eps?: number;
  /** Decoupled weight-decay coefficient (p -= lr·wd·p). Default 0. */
  weightDecay?: number;
  /** Which parameters decay. Default `defaultDecayMask` (matrices only, no biases/LayerNorm/embeddings). */
  decayMask?: (paramName: string) => boolean;
  /** Clip gradients to this global L2 norm (over all parameters) before the update. Default: no clipping. */
  clipNorm?: number;
  /** Per-parameter-group learning-rate scales / decays. */
  groups?: ParamGroup[];
}

/** What a step did, for logging. */
export interface StepInfo {
  /** Update index just applied (1-based, as in Adam's bias correction). */
  step: number;
  /** Schedule learning rate used (before group scales). */
  lr: number;
  /** Global gradient norm before clipping (of the averaged accumulated gradient). */
  gradNorm: number;
  /** Whether clipping scaled the gradient down. */
  clipped: boolean;
}

/** Serializable optimizer state: tensors ("m.<param>", "v.<param>") plus JSON-able meta. */
export interface OptimizerState {
  tensors: Record<string, tf.Tensor>;
  meta: { step: number; accumulated: number; kind: "adamw" };
}

/**
 * Decay mask used by default: decay weight matrices only. Biases (".b"), LayerNorm (".gamma", ".beta")
 * and the embeddings ("wte", "wpe") are not decayed unless `decayEmbeddings` is true.
 *
 * @example
 * defaultDecayMask("h.0.mlp.c_fc.w"); // true
 * defaultDecayMask("h.0.ln_1.gamma"); // false
 */
export function defaultDecayMask(paramName: string, decayEmbeddings = false): boolean {
  const leaf = paramName.split(".").pop() ?? paramName;
  if (leaf === "b" || leaf === "bias" || leaf === "gamma" || leaf === "beta") return false;
  if (leaf === "wte" || leaf === "wpe") return decayEmbeddings;
  return true;
}

/** Warmup-cosine schedule settings (optax `warmup_cosine_decay_schedule` with init value 0). */
export interface WarmupCosine {
  peakLr: number;
  warmupSteps: number;
  /** Total steps including warmup; after it the lr stays at endLr. */
  totalSteps: number;
  /** Final learning rate. Default 0. */
  endLr?: number;
}

/**
 * Learning rate at `step`: linear 0 -> peak over warmupSteps, then cosine peak -> end until totalSteps.
 * Pure function.
 *
 * @example
 * warmupCosine(0, { peakLr: 1e-3, warmupSteps: 10, totalSteps: 110 });   // 0
 * warmupCosine(60, { peakLr: 1e-3, warmupSteps: 10, totalSteps: 110 });  // 5e-4 (half-way down the cosine)
 */
export function warmupCosine(step: number, s: WarmupCosine): number {
  const end = s.endLr ?? 0;
  if (s.totalSteps < s.warmupSteps) throw new Error(`warmupCosine: totalSteps ${s.totalSteps} must be >= warmupSteps ${s.warmupSteps}`);
  if (step < s.warmupSteps) return (s.peakLr * step) / s.warmupSteps;
  if (step >= s.totalSteps) return end;
  const decaySteps = s.totalSteps - s.warmupSteps;
  if (decaySteps === 0) return end;
  const progress = (step - s.warmupSteps) / decaySteps;
  return end + (s.peakLr - end) * 0.5 * (1 + Math.cos(Math.PI * progress));
}

/**
 * Pair a name-keyed variable record with the id-keyed gradient map `tf.variableGrads` returns.
 *
 * @example
 * const { value, grads } = tf.variableGrads(f, Object.values(params));
 * opt.applyGradients(byName(params, grads));
 */
export function byName(params: Record<string, tf.Variable>, grads: tf.NamedTensorMap): Record<string, tf.Tensor> {
  const out: Record<string, tf.Tensor> = {};
  for (const [k, v] of Object.entries(params)) {
    const g = grads[v.name];
    if (g) out[k] = g;
  }
  return out;
}

/**
 * AdamW over a named parameter set. Per step, for each parameter p with gradient g (after accumulation
 * averaging and global-norm clipping):
 *   m ← β1·m + (1−β1)·g;  v ← β2·v + (1−β2)·g²;  m̂ = m/(1−β1ᵗ);  v̂ = v/(1−β2ᵗ)
 *   p ← p − lr·s·(m̂/(√v̂ + eps) + wd·p)           (s = group lrScale; wd = 0 where the mask says no)
 */
export class AdamW {
  readonly params: Readonly<Record<string, tf.Variable>>;
  private readonly cfg: Required<Omit<AdamWConfig, "groups" | "clipNorm">> & { clipNorm?: number; groups: ParamGroup[] };
  private readonly m: Record<string, tf.Variable> = {};
  private readonly v: Record<string, tf.Variable> = {};
  private accum: Record<string, tf.Tensor> | undefined;
  private accumulated = 0;
  private t = 0;

  /**
   * @example
   * const opt = new AdamW({ ...model.weights(), ...prefixed("q1.", q1.weights()) }, {
   *   lr: 3e-4, weightDecay: 0.001, clipNorm: 1, groups: [{ name: "heads", match: /^q1\./, lrScale: 10 }],
   * });
   */
  constructor(params: Record<string, tf.Variable>, config: AdamWConfig) {
    const lr = config.lr;
    if (typeof lr === "number" && !(lr >= 0)) throw new Error(`AdamW: lr must be >= 0, got ${lr}`);
    const beta1 = config.beta1 ?? 0.9, beta2 = config.beta2 ?? 0.95;
    if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) throw new Error(`AdamW: betas must be in [0, 1), got ${beta1}, ${beta2}`);
    if (config.clipNorm !== undefined && !(config.clipNorm > 0)) throw new Error(`AdamW: clipNorm must be > 0, got ${config.clipNorm}`);
    this.cfg = {
      lr, beta1, beta2,
      eps: config.eps ?? 1e-8,
      weightDecay: config.weightDecay ?? 0,
      decayMask: config.decayMask ?? ((n: string) => defaultDecayMask(n)),
      clipNorm: config.clipNorm,
      groups: config.groups ?? [],
    };
    this.params = { ...params };
    for (const [k, p] of Object.entries(params)) {
      this.m[k] = tf.variable(tf.zerosLike(p), false);
      this.v[k] = tf.variable(tf.zerosLike(p), false);
    }
  }

  /** Number of updates applied so far. */
  get stepCount(): number {
    return this.t;
  }

  /** The schedule learning rate for the next update. */
  currentLr(): number {
    return typeof this.cfg.lr === "number" ? this.cfg.lr : this.cfg.lr(this.t);
  }

  private groupOf(name: string): ParamGroup | undefined {
    return this.cfg.groups.find((g) => (typeof g.match === "function" ? g.match(name) : g.match.test(name)));
  }

  /** Add one micro-batch's gradients (by parameter name) to the accumulator. Does not dispose `grads`. */
  accumulateGradients(grads: Record<string, tf.Tensor>): void {
    for (const k of Object.keys(grads)) {
      if (!(k in this.params)) throw new Error(`AdamW: gradient for unknown parameter "${k}"; known: ${Object.keys(this.params).slice(0, 5).join(", ")}, ...`);
    }
    const prev = this.accum;
    this.accum = tf.tidy(() => {
      const out: Record<string, tf.Tensor> = {};
      for (const k of Object.keys(this.params)) {
        const g = grads[k];
        const a = prev?.[k];
        if (g && a) out[k] = tf.add(a, g);
        else if (g) out[k] = g.clone();
        else if (a) out[k] = a.clone();
      }
      return out;
    });
    if (prev) tf.dispose(Object.values(prev));
    this.accumulated++;
  }

  /** Apply one update from the mean of the accumulated micro-batch gradients, then clear them. */
  step(): StepInfo {
    if (!this.accum || this.accumulated === 0) throw new Error("AdamW.step: no gradients accumulated; call accumulateGradients(grads) first");
    const acc = this.accum;
    const n = this.accumulated;
    const lr = this.currentLr();
    this.t++;
    const t = this.t;
    const { beta1, beta2, eps, weightDecay, decayMask, clipNorm } = this.cfg;
    const lib = activeNative();
    let total = 0;
    if (lib) {
      for (const g of Object.values(acc)) total += lib.sumSquares(f32(g));
    } else {
      const sumSq = tf.tidy(() => tf.addN(Object.values(acc).map((g) => tf.sum(tf.square(g)))));
      total = sumSq.dataSync()[0];
      sumSq.dispose();
    }
    const gradNorm = Math.sqrt(total) / n;
    // Gradient scale: 1/n for averaging, times the clip factor (optax clip_by_global_norm: max/‖g‖ when above).
    const clipped = clipNorm !== undefined && gradNorm > clipNorm;
    const gScale = (clipped ? clipNorm! / gradNorm : 1) / n;
    const bc1 = 1 - Math.pow(beta1, t), bc2 = 1 - Math.pow(beta2, t);
    // per-parameter learning rate and decoupled weight decay, shared by the native and tfjs updates
    const hyper = (k: string): { plr: number; wd: number } => {
      const group = this.groupOf(k);
      return { plr: lr * (group?.lrScale ?? 1), wd: decayMask(k) ? group?.weightDecay ?? weightDecay : 0 };
    };
    if (lib) {
      for (const [k, p] of Object.entries(this.params)) {
        const g0 = acc[k];
        if (!g0) continue;
        const { plr, wd } = hyper(k);
        lib.adamw(exclusiveF32(p), f32(g0), exclusiveF32(this.m[k]), exclusiveF32(this.v[k]), gScale, beta1, beta2, bc1, bc2, eps, plr, wd);
      }
    } else tf.tidy(() => {
      for (const [k, p] of Object.entries(this.params)) {
        const g0 = acc[k];
        if (!g0) continue;
        const { plr, wd } = hyper(k);
        const g = gScale === 1 ? g0 : tf.mul(g0, gScale);
        const m = tf.add(tf.mul(this.m[k], beta1), tf.mul(g, 1 - beta1));
        const v = tf.add(tf.mul(this.v[k], beta2), tf.mul(tf.square(g), 1 - beta2));
        this.m[k].assign(m);
        this.v[k].assign(v);
        // update = m̂ / (√v̂ + eps) with m̂ = m/bc1, v̂ = v/bc2
        let upd = tf.div(tf.div(m, bc1), tf.add(tf.sqrt(tf.div(v, bc2)), eps));
        if (wd > 0) upd = tf.add(upd, tf.mul(p, wd));
        p.assign(tf.sub(p, tf.mul(upd, plr)));
      }
    });
    tf.dispose(Object.values(acc));
    this.accum = undefined;
    this.accumulated = 0;
    return { step: t, lr, gradNorm, clipped };
  }

  /** Accumulate `grads` and step at once (no accumulation). Does not dispose `grads`. */
  applyGradients(grads: Record<string, tf.Tensor>): StepInfo {
    this.accumulateGradients(grads);
    return this.step();
  }

  /** Micro-batches accumulated since the last step. */
  get pendingMicroBatches(): number {
    return this.accumulated;
  }

  /**
   * Export moments and step count (copies; the caller owns and disposes the tensors). Pending accumulated
   * gradients are not exported: save at step boundaries.
   */
  getState(): OptimizerState {
    const tensors: Record<string, tf.Tensor> = {};
    for (const k of Object.keys(this.params)) {
      tensors[`m.${k}`] = this.m[k].clone();
      tensors[`v.${k}`] = this.v[k].clone();
    }
    return { tensors, meta: { step: this.t, accumulated: 0, kind: "adamw" } };
  }

  /** Restore a state from getState (e.g. via a checkpoint); throws naming a missing key or shape mismatch. */
  setState(state: OptimizerState): void {
    if (state.meta.kind !== "adamw") throw new Error(`AdamW.setState: state is of kind "${state.meta.kind}", expected "adamw"`);
    for (const k of Object.keys(this.params)) {
      for (const [pre, store] of [["m.", this.m], ["v.", this.v]] as const) {
        const s = state.tensors[pre + k];
        if (!s) throw new Error(`AdamW.setState: missing "${pre + k}" in optimizer state`);
        const want = store[k].shape;
        if (s.shape.length !== want.length || s.shape.some((d, i) => d !== want[i])) {
          throw new Error(`AdamW.setState: "${pre + k}" has shape [${s.shape}] but parameter "${k}" is [${want}]`);
        }
      }
    }
    for (const k of Object.keys(this.params)) {
      this.m[k].assign(state.tensors[`m.${k}`]);
      this.v[k].assign(state.tensors[`v.${k}`]);
    }
    this.t = state.meta.step;
    if (this.accum) tf.dispose(Object.values(this.accum));
    this.accum = undefined;
    this.accumulated = 0;
  }

  /** Free the moment buffers (not the parameters). */
  dispose(): void {
    tf.dispose([...Object.values(this.m), ...Object.values(this.v)]);
    if (this.accum) tf.dispose(Object.values(this.accum));
  }
}

/**
 * Polyak averaging of a target network: target ← (1 − α)·target + α·online, by name (the reference
 * scripts' `polyak_alpha`, default 0.005).
 *
 * @example
 * polyakUpdate(targetModel.weights(), model.weights(), 0.005);
 */
export function polyakUpdate(target: Record<string, tf.Variable>, online: Record<string, tf.Tensor>, alpha: number): void {
  if (!(alpha >= 0 && alpha <= 1)) throw new Error(`polyakUpdate: alpha must be in [0, 1], got ${alpha}`);
  for (const [k, t] of Object.entries(target)) {
    const o = online[k];
    if (!o) throw new Error(`polyakUpdate: online weights lack "${k}"; both records must have the same keys`);
    if (o.shape.join() !== t.shape.join()) throw new Error(`polyakUpdate: "${k}" is [${t.shape}] in target but [${o.shape}] online`);
  }
  if (activeNative()) {
    // in place on the target's own buffers
    for (const [k, t] of Object.entries(target)) {
      const tv = exclusiveF32(t), ov = f32(online[k]);
      for (let i = 0; i < tv.length; i++) tv[i] = tv[i] * (1 - alpha) + ov[i] * alpha;
    }
    return;
  }
  tf.tidy(() => {
    for (const [k, t] of Object.entries(target)) t.assign(tf.add(tf.mul(t, 1 - alpha), tf.mul(online[k], alpha)));
  });
}
