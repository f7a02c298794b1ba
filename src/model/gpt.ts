/**
 * The kit's one language model: a GPT-2-style causal decoder (pre-LayerNorm, learned positions, tanh-GELU,
 * tied input/output embeddings, GPT-2 init) plus the value/Q heads the RL algorithms attach to its final
 * hidden state (reference `LLM_RL/heads/`). It follows karpathy/nanoGPT's model.py and HF GPT-2; every
 * kernel-level choice is in ./ops (wasm-friendly custom-gradient ops). On the native path (./native) the
 * whole trunk is one fused op with a C forward and backward, and cached decoding is one C call per step.
 *
 * @example
 * const model = new Gpt({ vocabSize: 64, nLayer: 2, nHead: 4, dModel: 128, blockSize: 64 }, { seed: 0 });
 * const { hidden, logits } = model.forward(ids);   // ids [B, T] int32 -> hidden [B, T, D], logits [B, T, V]
 */
import * as tf from "@tensorflow/tfjs";
import { Rng } from "../core/rng";
import { activeNative, f32, i32, tensorOf, type NativeLib } from "./native";
import { nativeTrunk } from "./native-ops";
import { bmm, embed, gelu, layerNorm, linear, linearT } from "./ops";

/** Architecture of the decoder. Stored verbatim in checkpoints (config.json). */
export interface GptConfig {
  /** Token ids are in [0, vocabSize). Must match the tokenizer's vocabSize. */
  vocabSize: number;
  /** Number of transformer blocks. */
  nLayer: number;
  /** Attention heads per block; dModel must be divisible by it. */
  nHead: number;
  /** Width of the residual stream (embedding size). */
  dModel: number;
  /** Maximum context length (size of the learned position table). */
  blockSize: number;
  /** Dropout is not implemented (small from-scratch models on tiny data; our FO-maze recipe uses none). Must be 0. */
  dropout?: 0;
}

/** Options of `Gpt.forward`. */
export interface ForwardOptions {
  /**
   * [B, T] float (1 = real token, 0 = padding). Keys at padded positions are masked out of attention and
   * position ids count only real tokens (position = cumsum(mask) − 1, clipped at 0), so left- or
   * right-padding does not change the outputs at real positions.
   */
  attentionMask?: tf.Tensor2D;
}

/**
 * Key/value cache for incremental decoding. Per layer: keys stored already transposed [B·H, hd, Tc]
 * (so the score matMul needs no transpose each step) and values [B·H, Tc, hd]. Owns its tensors:
 * call `disposeCache` when done. Treat the layout as opaque: on the native path keysT/values each hold
 * one preallocated [L·B·H, blockSize, hd] tensor that later steps fill in place (see `native`).
 */
export interface KvCache {
  /** Native path only: the raw K/V buffers (the data of keysT[0] / values[0]). */
  native?: { k: Float32Array; v: Float32Array };
  keysT: tf.Tensor3D[];
  values: tf.Tensor3D[];
  /** [B, Tc] float: 1 for real tokens seen so far, 0 for padding. */
  mask: tf.Tensor2D;
  /** [B, 1] int32: how many real tokens each row has seen (next position id). */
  realCount: tf.Tensor2D;
  /** Tc: number of positions held. */
  length: number;
}

/** Release every tensor a KvCache holds. */
export function disposeCache(cache: KvCache): void {
  tf.dispose([...cache.keysT, ...cache.values, cache.mask, cache.realCount]);
}

const INIT_STD = 0.02;
const NEG_INF = -1e9;

/** Normal(0, std) Float32Array from a named child stream of the kit's Rng (deterministic per name). */
function normalArray(n: number, std: number, rng: Rng): Float32Array {
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = rng.normal() * std;
  return out;
}

function checkConfig(c: GptConfig): void {
  for (const k of ["vocabSize", "nLayer", "nHead", "dModel", "blockSize"] as const) {
    if (!Number.isInteger(c[k]) || c[k] < 1) throw new Error(`GptConfig.${k} must be a positive integer, got ${c[k]}`);
  }
  if (c.dModel % c.nHead !== 0) throw new Error(`GptConfig: dModel ${c.dModel} must be divisible by nHead ${c.nHead}`);
  if (c.dropout !== undefined && c.dropout !== 0) throw new Error(`GptConfig.dropout must be 0 (dropout is not implemented), got ${c.dropout}`);
}

/** Assign `src` into `dst` by name, throwing on a missing/unknown key or a shape mismatch. */
function assignWeights(owner: string, dst: Record<string, tf.Variable>, src: Record<string, tf.Tensor>): void {
  for (const [k, v] of Object.entries(dst)) {
    const s = src[k];
    if (!s) throw new Error(`${owner}.setWeights: missing weight "${k}" (expected shape [${v.shape}])`);
    if (s.shape.length !== v.shape.length || s.shape.some((d, i) => d !== v.shape[i])) {
      throw new Error(`${owner}.setWeights: weight "${k}" has shape [${s.shape}] but the model expects [${v.shape}]`);
    }
  }
  const unknown = Object.keys(src).filter((k) => !(k in dst));
  if (unknown.length) throw new Error(`${owner}.setWeights: unknown weight(s) ${unknown.slice(0, 5).join(", ")}; expected keys like ${Object.keys(dst).slice(0, 3).join(", ")}`);
  for (const [k, v] of Object.entries(dst)) {
    const s = src[k];
    if (s === v || s.dataId === v.dataId) continue; // assigning a variable to itself would free its own data
    v.assign(s.dtype === "float32" ? s : s.asType("float32"));
  }
}

/** Options for constructing a model: a seed for GPT-2 init, or initial weights (e.g. from a checkpoint). */
export type InitOptions = { seed: number; trainable?: boolean } | { weights: Record<string, tf.Tensor>; trainable?: boolean };

/** GPT decoder. Holds its weights as tf.Variables named like HF GPT-2 ("h.0.attn.c_attn.w"). */
export class Gpt {
  readonly config: Readonly<GptConfig>;
  private readonly vars: Record<string, tf.Variable>;

  /**
   * @example
   * const m = new Gpt({ vocabSize: 32, nLayer: 1, nHead: 2, dModel: 16, blockSize: 8 }, { seed: 1 });
   * const copy = new Gpt(m.config, { weights: m.weights(), trainable: false }); // frozen π_β copy
   */
  constructor(config: GptConfig, init: InitOptions) {
    checkConfig(config);
    this.config = Object.freeze({ ...config });
    const { vocabSize: V, nLayer: L, dModel: D, blockSize } = config;
    const shapes: Record<string, number[]> = { wte: [V, D], wpe: [blockSize, D] };
    for (let i = 0; i < L; i++) {
      const p = `h.${i}.`;
      Object.assign(shapes, {
        [p + "ln_1.gamma"]: [D], [p + "ln_1.beta"]: [D],
        [p + "attn.c_attn.w"]: [D, 3 * D], [p + "attn.c_attn.b"]: [3 * D],
        [p + "attn.c_proj.w"]: [D, D], [p + "attn.c_proj.b"]: [D],
        [p + "ln_2.gamma"]: [D], [p + "ln_2.beta"]: [D],
        [p + "mlp.c_fc.w"]: [D, 4 * D], [p + "mlp.c_fc.b"]: [4 * D],
        [p + "mlp.c_proj.w"]: [4 * D, D], [p + "mlp.c_proj.b"]: [D],
      });
    }
    shapes["ln_f.gamma"] = [D];
    shapes["ln_f.beta"] = [D];
    const trainable = init.trainable ?? true;
    this.vars = {};
    if ("weights" in init) {
      for (const [k, s] of Object.entries(shapes)) this.vars[k] = tf.variable(tf.zeros(s), trainable);
      assignWeights("Gpt", this.vars, init.weights);
      return;
    }
    const rng = new Rng(init.seed);
    // GPT-2 init: N(0, 0.02) for matrices and embeddings, residual projections scaled by 1/√(2·nLayer).
    const residStd = INIT_STD / Math.sqrt(2 * L);
    for (const [k, s] of Object.entries(shapes)) {
      const n = s.reduce((a, b) => a * b, 1);
      let t: tf.Tensor;
      if (k.endsWith(".gamma")) t = tf.ones(s);
      else if (k.endsWith(".beta") || k.endsWith(".b")) t = tf.zeros(s);
      else t = tf.tensor(normalArray(n, k.endsWith("c_proj.w") ? residStd : INIT_STD, rng.child(k)), s);
      this.vars[k] = tf.variable(t, trainable);
      t.dispose();
    }
  }

  /** The model's variables by stable name (live objects; do not dispose them). */
  weights(): Record<string, tf.Variable> {
    return { ...this.vars };
  }

  /** Overwrite every weight from `w` (same keys, same shapes); throws naming the key and both shapes. */
  setWeights(w: Record<string, tf.Tensor>): void {
    assignWeights("Gpt", this.vars, w);
  }

  /** Number of scalar parameters. */
  numParams(): number {
    return Object.values(this.vars).reduce((a, v) => a + v.size, 0);
  }

  /** A deep copy (e.g. a Polyak target or the frozen π_β), trainable unless told otherwise. */
  clone(trainable = true): Gpt {
    return new Gpt(this.config, { weights: this.vars, trainable });
  }

  /** Free the variables. */
  dispose(): void {
    tf.dispose(Object.values(this.vars));
  }

  /**
   * Full-sequence forward pass. ids [B, T] int32 with T <= blockSize.
   *
   * @example
   * const { hidden, logits } = model.forward(tf.tensor2d([[1, 2, 3]], [1, 3], "int32"));
   */
  forward(ids: tf.Tensor2D, opts: ForwardOptions = {}): { hidden: tf.Tensor3D; logits: tf.Tensor3D } {
    const hidden = this.hidden(ids, opts);
    return { hidden, logits: this.logits(hidden) };
  }

  /**
   * The final hidden states only [B, T, D] (after ln_f): for heads that read the trunk, without the
   * [B, T, V] vocabulary logits `forward` adds.
   *
   * @example
   * const values = vHead.apply(model.hidden(ids));   // [B, T]
   */
  hidden(ids: tf.Tensor2D, opts: ForwardOptions = {}): tf.Tensor3D {
    const lib = activeNative();
    if (lib) return this.runNative(lib, ids, opts.attentionMask);
    return this.run(ids, opts.attentionMask, undefined, false).hidden;
  }

  /**
   * Incremental forward for decoding: runs the new tokens ids [B, Tn] after the cached ones and returns the
   * final hidden state and logits of the LAST new position only ([B, D], [B, V]) plus the extended cache.
   * Pass `cache` undefined to prefill. The old cache is disposed. Total length must stay <= blockSize.
   */
  forwardCached(ids: tf.Tensor2D, cache: KvCache | undefined, attentionMask?: tf.Tensor2D): { hidden: tf.Tensor2D; logits: tf.Tensor2D; cache: KvCache } {
    const lib = activeNative();
    if (lib) return this.forwardCachedNative(lib, ids, cache, attentionMask);
    if (cache?.native) throw new Error("Gpt.forwardCached: this cache was made by the native path but the native path is no longer active; restart decoding from the prompt");
    const [B, Tn] = ids.shape;
    const out = tf.tidy(() => {
      const { hidden, cache: next } = this.run(ids, attentionMask, cache, true);
      const last = hidden.slice([0, Tn - 1, 0], [B, 1, this.config.dModel]).reshape([B, this.config.dModel]) as tf.Tensor2D; // [B, D]
      const logits = linearT(last, this.vars.wte as tf.Tensor2D); // [B, V]
      const n = next as KvCache;
      return { hidden: last, logits, keysT: n.keysT, values: n.values, mask: n.mask, realCount: n.realCount };
    });
    const length = (cache?.length ?? 0) + Tn;
    if (cache) disposeCache(cache);
    return { hidden: out.hidden, logits: out.logits, cache: { keysT: out.keysT, values: out.values, mask: out.mask, realCount: out.realCount, length } };
  }

  /** Tied output projection: logits = hidden · wteᵀ. hidden [..., D] -> [..., V]. */
  logits<R extends tf.Rank>(hidden: tf.Tensor<R>): tf.Tensor<R> {
    return linearT(hidden, this.vars.wte as tf.Tensor2D); // [..., V]
  }

  /** Weights in the native trunk's order (see nativeTrunk). */
  private trunkWeights(): tf.Tensor[] {
    const v = this.vars;
    const out: tf.Tensor[] = [v.wte, v.wpe];
    const names = ["ln_1.gamma", "ln_1.beta", "attn.c_attn.w", "attn.c_attn.b", "attn.c_proj.w", "attn.c_proj.b", "ln_2.gamma", "ln_2.beta", "mlp.c_fc.w", "mlp.c_fc.b", "mlp.c_proj.w", "mlp.c_proj.b"];
    for (let l = 0; l < this.config.nLayer; l++) for (const n of names) out.push(v[`h.${l}.${n}`]);
    out.push(v["ln_f.gamma"], v["ln_f.beta"]);
    return out;
  }

  /** Check ids (shape, dtype, range) and the mask's shape; return the ids' values. */
  private checkIds(ids: tf.Tensor2D, attentionMask: tf.Tensor2D | undefined, past: number): Int32Array {
    if (ids.rank !== 2) throw new Error(`Gpt.forward: ids must be [B, T], got shape [${ids.shape}]`);
    if (ids.dtype !== "int32") throw new Error(`Gpt.forward: ids must be int32, got ${ids.dtype}`);
    const [B, T] = ids.shape;
    if (past + T > this.config.blockSize) throw new Error(`Gpt.forward: sequence length ${past + T} exceeds blockSize ${this.config.blockSize}; left-truncate the input`);
    if (attentionMask && (attentionMask.shape[0] !== B || attentionMask.shape[1] !== T)) {
      throw new Error(`Gpt.forward: attentionMask shape [${attentionMask.shape}] must equal ids shape [${B}, ${T}]`);
    }
    const iv = i32(ids);
    const V = this.config.vocabSize;
    for (let i = 0; i < iv.length; i++) if (!(iv[i] >= 0 && iv[i] < V)) throw new Error(`Gpt.forward: token id ${iv[i]} outside [0, ${V})`);
    return iv;
  }

  /** Native full-sequence trunk: hidden [B, T, D] after ln_f. */
  private runNative(lib: NativeLib, ids: tf.Tensor2D, attentionMask: tf.Tensor2D | undefined): tf.Tensor3D {
    const { nLayer: L, nHead: H, dModel: D, vocabSize: V } = this.config;
    const iv = this.checkIds(ids, attentionMask, 0);
    const [B, T] = ids.shape;
    const pos = new Int32Array(B * T);
    let keyMask: Float32Array | null = null;
    if (attentionMask) {
      keyMask = attentionMask.dtype === "float32" ? f32(attentionMask) : Float32Array.from(attentionMask.dataSync());
      for (let b = 0; b < B; b++) {
        let cum = 0;
        for (let t = 0; t < T; t++) {
          cum += keyMask[b * T + t];
          pos[b * T + t] = Math.max(Math.round(cum) - 1, 0);
        }
      }
    } else {
      for (let b = 0; b < B; b++) for (let t = 0; t < T; t++) pos[b * T + t] = t;
    }
    return nativeTrunk(lib, { B, T, D, H, L, V }, this.trunkWeights(), iv, pos, keyMask);
  }

  /** Native incremental step: K/V written in place into a cache preallocated at blockSize. */
  private forwardCachedNative(lib: NativeLib, ids: tf.Tensor2D, cache: KvCache | undefined, attentionMask?: tf.Tensor2D): { hidden: tf.Tensor2D; logits: tf.Tensor2D; cache: KvCache } {
    const { nLayer: L, nHead: H, dModel: D, vocabSize: V, blockSize } = this.config;
    if (cache && !cache.native) throw new Error("Gpt.forwardCached: this cache was made by the tfjs path; the native path cannot extend it (restart decoding from the prompt)");
    const Tp = cache?.length ?? 0;
    const iv = this.checkIds(ids, attentionMask, Tp);
    const [B, Tn] = ids.shape;
    if (cache && cache.mask.shape[0] !== B) throw new Error(`Gpt.forwardCached: cache batch ${cache.mask.shape[0]} != ids batch ${B}`);
    const Tk = Tp + Tn;
    const newMask = attentionMask ? Float32Array.from(attentionMask.dataSync()) : new Float32Array(B * Tn).fill(1);
    const oldMask = cache ? (cache.mask.dataSync() as Float32Array) : new Float32Array(0);
    const oldCount = cache ? (cache.realCount.dataSync() as Int32Array) : new Int32Array(B);
    const keyMask = new Float32Array(B * Tk);
    const pos = new Int32Array(B * Tn);
    const count = new Int32Array(B);
    for (let b = 0; b < B; b++) {
      keyMask.set(oldMask.subarray(b * Tp, (b + 1) * Tp), b * Tk);
      keyMask.set(newMask.subarray(b * Tn, (b + 1) * Tn), b * Tk + Tp);
      let cum = oldCount[b];
      for (let t = 0; t < Tn; t++) {
        cum += Math.round(newMask[b * Tn + t]);
        pos[b * Tn + t] = Math.max(cum - 1, 0);
      }
      count[b] = cum;
    }
    const hd = D / H;
    let k: Float32Array, v: Float32Array, kT: tf.Tensor3D, vT: tf.Tensor3D;
    if (cache?.native) {
      ({ k, v } = cache.native);
      kT = cache.keysT[0];
      vT = cache.values[0];
      tf.dispose([cache.mask, cache.realCount]); // K/V move to the new cache object
    } else {
      k = new Float32Array(L * B * H * blockSize * hd);
      v = new Float32Array(L * B * H * blockSize * hd);
      kT = tensorOf(k, [L * B * H, blockSize, hd]) as tf.Tensor3D;
      vT = tensorOf(v, [L * B * H, blockSize, hd]) as tf.Tensor3D;
    }
    const hidden = new Float32Array(B * D), logits = new Float32Array(B * V);
    lib.decodeStep(B, Tn, Tp, blockSize, D, H, L, V, iv, pos, keyMask, this.trunkWeights().map((t) => f32(t)), k, v, hidden, logits);
    return {
      hidden: tensorOf(hidden, [B, D]) as tf.Tensor2D,
      logits: tensorOf(logits, [B, V]) as tf.Tensor2D,
      cache: { keysT: [kT], values: [vT], mask: tf.tensor2d(keyMask, [B, Tk]), realCount: tf.tensor2d(count, [B, 1], "int32"), length: Tk, native: { k, v } },
    };
  }

  /** Shared trunk for forward and forwardCached. Returns hidden [B, Tn, D] (after ln_f) and, if asked, the new cache. */
  private run(ids: tf.Tensor2D, attentionMask: tf.Tensor2D | undefined, past: KvCache | undefined, wantCache: boolean): { hidden: tf.Tensor3D; cache?: KvCache } {
    const { nLayer: L, nHead: H, dModel: D, blockSize } = this.config;
    if (ids.rank !== 2) throw new Error(`Gpt.forward: ids must be [B, T], got shape [${ids.shape}]`);
    if (ids.dtype !== "int32") throw new Error(`Gpt.forward: ids must be int32, got ${ids.dtype}`);
    const [B, T] = ids.shape;
    const Tp = past?.length ?? 0;
    if (Tp + T > blockSize) throw new Error(`Gpt.forward: sequence length ${Tp + T} exceeds blockSize ${blockSize}; left-truncate the input`);
    if (attentionMask && (attentionMask.shape[0] !== B || attentionMask.shape[1] !== T)) {
      throw new Error(`Gpt.forward: attentionMask shape [${attentionMask.shape}] must equal ids shape [${B}, ${T}]`);
    }
    if (past && past.mask.shape[0] !== B) throw new Error(`Gpt.forwardCached: cache batch ${past.mask.shape[0]} != ids batch ${B}`);
    const hd = D / H;
    const v = this.vars;

    // Embeddings: token + learned position (position ids count real tokens only when a mask is given).
    const newMask = attentionMask ? attentionMask.asType("float32") : undefined; // [B, T]
    let x = embed(ids, v.wte as tf.Tensor2D) as tf.Tensor3D; // [B, T, D]
    let realCount: tf.Tensor2D | undefined;
    if (newMask || past) {
      const m = newMask ?? tf.ones([B, T]);
      const cum = tf.cumsum(m, 1).asType("int32"); // [B, T]
      const base = past ? past.realCount : tf.zeros([B, 1], "int32"); // [B, 1]
      const pos = tf.maximum(tf.sub(tf.add(cum, base), 1), 0).asType("int32") as tf.Tensor2D; // [B, T]
      realCount = tf.add(base, cum.slice([0, T - 1], [B, 1])).asType("int32") as tf.Tensor2D; // [B, 1]
      x = tf.add(x, embed(pos, v.wpe as tf.Tensor2D)); // [B, T, D]
    } else {
      x = tf.add(x, v.wpe.slice([0, 0], [T, D])); // [B, T, D]
    }

    // Additive attention bias [B|1, 1, T, Tk]: causal (query i sees keys <= Tp + i) plus key padding.
    const Tk = Tp + T;
    const keyMask = past ? tf.concat([past.mask, newMask ?? tf.ones([B, T])], 1) : newMask; // [B, Tk]
    const qi = tf.range(Tp, Tp + T, 1, "int32").reshape([T, 1]); // [T, 1]
    const kj = tf.range(0, Tk, 1, "int32").reshape([1, Tk]); // [1, Tk]
    let bias: tf.Tensor = tf.where(tf.lessEqual(kj, qi), tf.zeros([T, Tk]), tf.fill([T, Tk], NEG_INF)).reshape([1, 1, T, Tk]); // [1, 1, T, Tk]
    if (keyMask) bias = tf.add(bias, tf.mul(tf.sub(1, keyMask), NEG_INF).reshape([B, 1, 1, Tk])); // [B, 1, T, Tk]
    const scale = 1 / Math.sqrt(hd);

    const keysT: tf.Tensor3D[] = [];
    const values: tf.Tensor3D[] = [];
    for (let l = 0; l < L; l++) {
      const p = `h.${l}.`;
      // --- attention ---
      const xn = layerNorm(x, v[p + "ln_1.gamma"] as tf.Tensor1D, v[p + "ln_1.beta"] as tf.Tensor1D); // [B, T, D]
      // q, k, v from column blocks of c_attn (three matMuls: splitting a [B, 3H, T, hd] tensor on wasm copies it whole per slice).
      const [wq, wk, wv] = tf.split(v[p + "attn.c_attn.w"], 3, 1) as tf.Tensor2D[]; // each [D, D]
      const [bq, bk, bv] = tf.split(v[p + "attn.c_attn.b"], 3, 0) as tf.Tensor1D[]; // each [D]
      const toHeads = (t: tf.Tensor) => t.reshape([B, T, H, hd]).transpose([0, 2, 1, 3]).reshape([B * H, T, hd]) as tf.Tensor3D; // [B·H, T, hd]
      const q = toHeads(linear(xn, tf.mul(wq, scale) as tf.Tensor2D, tf.mul(bq, scale) as tf.Tensor1D)); // [B·H, T, hd], pre-scaled by 1/√hd
      let kT = linear(xn, wk, bk).reshape([B, T, H, hd]).transpose([0, 2, 3, 1]).reshape([B * H, hd, T]) as tf.Tensor3D; // [B·H, hd, T]
      let vv = toHeads(linear(xn, wv, bv)); // [B·H, T, hd]
      if (past) {
        kT = tf.concat([past.keysT[l], kT], 2); // [B·H, hd, Tk]
        vv = tf.concat([past.values[l], vv], 1); // [B·H, Tk, hd]
      }
      if (wantCache) {
        keysT.push(kT);
        values.push(vv);
      }
      const scores = bmm(q, kT).reshape([B, H, T, Tk]); // [B, H, T, Tk]
      const att = tf.softmax(tf.add(scores, bias)).reshape([B * H, T, Tk]) as tf.Tensor3D; // [B·H, T, Tk]
      const y = bmm(att, vv).reshape([B, H, T, hd]).transpose([0, 2, 1, 3]).reshape([B, T, D]); // [B, T, D]
      x = tf.add(x, linear(y, v[p + "attn.c_proj.w"] as tf.Tensor2D, v[p + "attn.c_proj.b"] as tf.Tensor1D)); // [B, T, D]
      // --- MLP ---
      const xn2 = layerNorm(x, v[p + "ln_2.gamma"] as tf.Tensor1D, v[p + "ln_2.beta"] as tf.Tensor1D); // [B, T, D]
      const hmid = gelu(linear(xn2, v[p + "mlp.c_fc.w"] as tf.Tensor2D, v[p + "mlp.c_fc.b"] as tf.Tensor1D)); // [B, T, 4D]
      x = tf.add(x, linear(hmid, v[p + "mlp.c_proj.w"] as tf.Tensor2D, v[p + "mlp.c_proj.b"] as tf.Tensor1D)); // [B, T, D]
    }
    const hidden = layerNorm(x, v["ln_f.gamma"] as tf.Tensor1D, v["ln_f.beta"] as tf.Tensor1D); // [B, T, D]
    if (!wantCache) return { hidden };
    return {
      hidden,
      cache: { keysT, values, mask: (keyMask ?? tf.ones([B, Tk])) as tf.Tensor2D, realCount: realCount ?? tf.fill([B, 1], T, "int32"), length: Tk },
    };
  }
}

/** "linear": one Linear(d -> out). "mlp": Linear(d -> d), ReLU, Linear(d -> out) (reference `LLM_RL/heads/`). */
export type HeadKind = "linear" | "mlp";

/** Configuration of a head reading the final hidden state. */
export interface HeadConfig {
  kind: HeadKind;
  /** Width of the hidden state it reads (the model's dModel). */
  dModel: number;
  /** Constant the last layer's bias starts at (expected return: 0 maze/chess, −4.4 wordle/20Q, ...). */
  biasInit: number;
}

/**
 * Shared implementation of ScalarHead and VocabHead. The last layer starts at weights 0 and bias
 * `biasInit`; the MLP's first layer uses LeCun-normal init (std 1/√d, flax Dense's default) and bias 0.
 */
abstract class Head {
  readonly config: Readonly<HeadConfig>;
  readonly outDim: number;
  protected readonly vars: Record<string, tf.Variable>;

  protected constructor(config: HeadConfig, outDim: number, init: InitOptions) {
    if (config.kind !== "linear" && config.kind !== "mlp") throw new Error(`Head: kind must be "linear" or "mlp", got "${config.kind}"`);
    if (!Number.isInteger(config.dModel) || config.dModel < 1) throw new Error(`Head: dModel must be a positive integer, got ${config.dModel}`);
    this.config = Object.freeze({ ...config });
    this.outDim = outDim;
    const d = config.dModel;
    const trainable = init.trainable ?? true;
    const rng = "seed" in init ? new Rng(init.seed) : undefined;
    const mk = (t: tf.Tensor) => {
      const vv = tf.variable(t, trainable);
      t.dispose();
      return vv;
    };
    this.vars = {};
    if (config.kind === "mlp") {
      this.vars["fc.w"] = mk(rng ? tf.tensor(normalArray(d * d, 1 / Math.sqrt(d), rng.child("fc.w")), [d, d]) : tf.zeros([d, d]));
      this.vars["fc.b"] = mk(tf.zeros([d]));
    }
    this.vars["out.w"] = mk(tf.zeros([d, outDim]));
    this.vars["out.b"] = mk(tf.fill([outDim], config.biasInit));
    if ("weights" in init) assignWeights(this.constructor.name, this.vars, init.weights);
  }

  /** The head's variables by name ("out.w", "out.b", and "fc.w", "fc.b" for mlp). */
  weights(): Record<string, tf.Variable> {
    return { ...this.vars };
  }

  /** Overwrite every weight (same keys and shapes). */
  setWeights(w: Record<string, tf.Tensor>): void {
    assignWeights(this.constructor.name, this.vars, w);
  }

  /** Free the variables. */
  dispose(): void {
    tf.dispose(Object.values(this.vars));
  }

  /** hidden [..., D] -> [..., out]. */
  protected project<R extends tf.Rank>(hidden: tf.Tensor<R>): tf.Tensor<R> {
    const v = this.vars;
    let h: tf.Tensor<R> = hidden;
    if (this.config.kind === "mlp") h = linear(h, v["fc.w"] as tf.Tensor2D, v["fc.b"] as tf.Tensor1D, "relu"); // ReLU(h·W + b) [..., D]
    return linear(h, v["out.w"] as tf.Tensor2D, v["out.b"] as tf.Tensor1D); // [..., out]
  }
}

/**
 * Value head V(s): d -> 1, returned without the trailing axis.
 *
 * @example
 * const vHead = new ScalarHead({ kind: "mlp", dModel: 128, biasInit: 0 }, { seed: 3 });
 * const values = vHead.apply(hidden);   // hidden [B, T, D] -> [B, T]
 */
export class ScalarHead extends Head {
  constructor(config: HeadConfig, init: InitOptions) {
    super(config, 1, init);
  }
  apply(hidden: tf.Tensor): tf.Tensor {
    const out = this.project(hidden); // [..., 1]
    return out.reshape(out.shape.slice(0, -1)); // [...]
  }
  clone(trainable = true): ScalarHead {
    return new ScalarHead(this.config, { weights: this.vars, trainable });
  }
}

/**
 * Q head over the vocabulary Q(s, ·): d -> V.
 *
 * @example
 * const q1 = new VocabHead({ kind: "mlp", dModel: 128, biasInit: 0 }, 512, { seed: 4 });
 * const q = q1.apply(hidden);           // hidden [B, T, D] -> [B, T, V]
 */
export class VocabHead extends Head {
  constructor(config: HeadConfig, vocabSize: number, init: InitOptions) {
    if (!Number.isInteger(vocabSize) || vocabSize < 1) throw new Error(`VocabHead: vocabSize must be a positive integer, got ${vocabSize}`);
    super(config, vocabSize, init);
  }
  apply<R extends tf.Rank>(hidden: tf.Tensor<R>): tf.Tensor<R> {
    return this.project(hidden); // [..., V]
  }

  /**
   * The head's value at one token per position, Q(s_p, a_p): hidden [B, T, D], tokens [B, T] int32 ->
   * [B, T]. Values only (for targets: no gradient is defined). On the native path only the taken
   * token's column of the last layer is computed, not the other V − 1 outputs.
   *
   * @example
   * const targetQ = targetHead.valueAt(targetTrunk.hidden(ids), actions);   // [B, T]
   */
  valueAt(hidden: tf.Tensor3D, tokens: tf.Tensor2D): tf.Tensor2D {
    const [B, T, D] = hidden.shape;
    if (tokens.dtype !== "int32" || tokens.shape[0] !== B || tokens.shape[1] !== T) throw new Error(`VocabHead.valueAt: tokens must be int32 [${B}, ${T}], got ${tokens.dtype} [${tokens.shape}]`);
    const lib = activeNative();
    const tok = lib ? i32(tokens) : (tokens.dataSync() as Int32Array); // i32 reads the cpu backend's buffer: native path only
    for (let i = 0; i < tok.length; i++) if (!(tok[i] >= 0 && tok[i] < this.outDim)) throw new Error(`VocabHead.valueAt: token ${tok[i]} at flat position ${i} is outside [0, ${this.outDim})`);
    return tf.tidy(() => {
      if (!lib) return tf.sum(tf.mul(this.project(hidden), tf.oneHot(tokens, this.outDim)), -1) as tf.Tensor2D;
      const v = this.vars;
      let h = hidden.reshape([B * T, D]) as tf.Tensor2D;
      if (this.config.kind === "mlp") h = linear(h, v["fc.w"] as tf.Tensor2D, v["fc.b"] as tf.Tensor1D, "relu"); // [N, D]
      const out = new Float32Array(B * T);
      lib.takeDense(B * T, D, this.outDim, f32(h), f32(v["out.w"]), f32(v["out.b"]), tok, out);
      return tensorOf(out, [B, T]) as tf.Tensor2D;
    });
  }

  clone(trainable = true): VocabHead {
    return new VocabHead(this.config, this.outDim, { weights: this.vars, trainable });
  }
}

/**
 * Prefix every key of a weight record, to combine model and heads into one optimizer parameter set.
 *
 * @example
 * const params = { ...model.weights(), ...prefixed("q1.", q1.weights()) };
 */
export function prefixed<T>(prefix: string, rec: Record<string, T>): Record<string, T> {
  const out: Record<string, T> = {};
  for (const [k, v] of Object.entries(rec)) out[prefix + k] = v;
  return out;
}
