/**
 * The kit's native kernels (src/model/native/lmrl.c, built by native/build.mjs during `npm ci`) and their
 * glue into tfjs. The native path runs on the tfjs `cpu` backend, whose tensors are plain TypedArrays
 * handed to C without copies. When a native library is active (`setActiveNative`), BatchMatMul and
 * _FusedMatMul on `cpu` go to its sgemm, and ./ops, ./gpt and ./optim switch to fused native ops (the whole
 * GPT trunk forward+backward as one op, fused cross-entropy, in-place AdamW, KV-cache decoding). With none
 * active every kernel behaves exactly as stock tfjs (the pure-tfjs twin).
 *
 * @example
 * const lib = loadNative("builtin");        // { lib } or { error: "why not" }
 * if ("lib" in lib) setActiveNative(lib.lib, "native-builtin");
 */
import * as tf from "@tensorflow/tfjs";
import { createRequire } from "node:module";
import { existsSync, readFileSync } from "node:fs";
import { cpus } from "node:os";
import { join } from "node:path";
import { projectPath } from "../core/paths";

/** Functions exported by lmrl.c (all arrays row-major float32 unless named ids/pos/targets: int32). */
export interface NativeLib {
  info(): { blas: "openblas" | "builtin"; threads: number; simdWidth: number };
  setThreads(n: number): void;
  gemm(tA: number, tB: number, M: number, N: number, K: number, alpha: number, A: Float32Array, aOff: number, B: Float32Array, bOff: number, beta: number, C: Float32Array, cOff: number, batch: number, sA: number, sB: number, sC: number): void;
  trunkActsSize(B: number, T: number, D: number, H: number, L: number): number;
  trunkForward(B: number, T: number, D: number, H: number, L: number, V: number, ids: Int32Array, pos: Int32Array, keyMask: Float32Array | null, weights: Float32Array[], acts: Float32Array, hidden: Float32Array): void;
  trunkBackward(B: number, T: number, D: number, H: number, L: number, V: number, ids: Int32Array, pos: Int32Array, weights: Float32Array[], acts: Float32Array, dHidden: Float32Array, grads: Float32Array[]): void;
  decodeStep(B: number, Tn: number, Tp: number, Tmax: number, D: number, H: number, L: number, V: number, ids: Int32Array, pos: Int32Array, keyMask: Float32Array, weights: Float32Array[], kCache: Float32Array, vCache: Float32Array, hidden: Float32Array, logits: Float32Array): void;
  layerNormForward(N: number, D: number, eps: number, x: Float32Array, g: Float32Array, b: Float32Array, y: Float32Array, mean: Float32Array, rstd: Float32Array): void;
  layerNormBackward(N: number, D: number, x: Float32Array, g: Float32Array, mean: Float32Array, rstd: Float32Array, dy: Float32Array, dx: Float32Array, dg: Float32Array, db: Float32Array): void;
  geluForward(x: Float32Array, y: Float32Array): void;
  geluBackward(x: Float32Array, dy: Float32Array, dx: Float32Array): void;
  ceForward(N: number, V: number, logits: Float32Array, targets: Int32Array, loss: Float32Array): void;
  ceBackward(N: number, V: number, logits: Float32Array, targets: Int32Array, dLoss: Float32Array, dLogits: Float32Array): void;
  sumSquares(x: Float32Array): number;
  denseForward(N: number, In: number, Out: number, x: Float32Array, w: Float32Array, b: Float32Array | null, relu: number, y: Float32Array): void;
  denseBackward(N: number, In: number, Out: number, x: Float32Array, w: Float32Array, y: Float32Array | null, relu: number, dy: Float32Array, dx: Float32Array | null, dw: Float32Array, db: Float32Array | null): void;
  takeDense(N: number, In: number, Out: number, h: Float32Array, w: Float32Array, b: Float32Array | null, tokens: Int32Array, out: Float32Array): void;
  ilqlLoss(N: number, V: number, q1: Float32Array, q2: Float32Array, v: Float32Array, targetQ1: Float32Array, targetQ2: Float32Array, vNext: Float32Array, targets: Int32Array, mask: Float32Array, rewards: Float32Array, gamma: number, tau: number, cqlWeight: number, out: Float32Array): void;
  ilqlLossBackward(N: number, V: number, q1: Float32Array, q2: Float32Array, v: Float32Array, targetQ1: Float32Array, targetQ2: Float32Array, vNext: Float32Array, targets: Int32Array, mask: Float32Array, rewards: Float32Array, gamma: number, tau: number, cqlWeight: number, dLoss: number, dq1: Float32Array, dq2: Float32Array, dv: Float32Array): void;
  adamw(p: Float32Array, g: Float32Array, m: Float32Array, v: Float32Array, gScale: number, beta1: number, beta2: number, bc1: number, bc2: number, eps: number, lr: number, wd: number): void;
}

/** Which native build: "openblas" (links OpenBLAS) or "builtin" (own SIMD sgemm). */
export type NativeVariant = "openblas" | "builtin";

const loaded = new Map<NativeVariant, { lib: NativeLib } | { error: string }>();

/** Folder holding the built .node files (`LMRL_NATIVE_BUILD_DIR` overrides it, e.g. to test the fallback). */
export function nativeBuildDir(): string {
  return process.env.LMRL_NATIVE_BUILD_DIR || projectPath("src", "model", "native", "build");
}

/** Why the build produced nothing, from build/status.json (written by build.mjs), if known. */
function buildProblems(variant: NativeVariant): string {
  const p = join(nativeBuildDir(), "status.json");
  if (!existsSync(p)) return "the native build never ran (no build/status.json)";
  try {
    const s = JSON.parse(readFileSync(p, "utf8")) as { problems?: string[]; variants?: Record<string, { error?: string }> };
    const why = [...(s.problems ?? []), s.variants?.[variant]?.error].filter(Boolean);
    return why.length ? why.join("; ") : "not built";
  } catch {
    return "build/status.json unreadable";
  }
}

/**
 * Load one native variant (cached). Returns `{ lib }` or `{ error }` explaining why it is unavailable.
 *
 * @example
 * const r = loadNative("openblas");
 * if ("error" in r) console.error(r.error);
 */
export function loadNative(variant: NativeVariant): { lib: NativeLib } | { error: string } {
  const hit = loaded.get(variant);
  if (hit) return hit;
  let res: { lib: NativeLib } | { error: string };
  const file = join(nativeBuildDir(), `lmrl-${variant}.node`);
  if (!existsSync(file)) {
    res = { error: `${variant} native library not built (${buildProblems(variant)})` };
  } else {
    try {
      let lib = createRequire(projectPath("package.json"))(file) as NativeLib;
      if (process.env.LMRL_NATIVE_PROFILE === "1") lib = profiled(lib, variant);
      lib.setThreads(chooseThreads());
      res = { lib };
    } catch (e) {
      res = { error: `${file} failed to load (${(e as Error).message.split("\n")[0]}); rebuild with \`node src/model/native/build.mjs\`` };
    }
  }
  loaded.set(variant, res);
  return res;
}

/**
 * `LMRL_NATIVE_PROFILE=1`: wrap every native call with a wall-clock timer and print, at exit, the time and
 * call count per kernel (trunk passes per batch shape) to stderr, largest first. A profiling aid for the
 * step's cost breakdown (src/algorithms/README.md, "Where an ILQL step's time goes"); timers cost ~1 µs a call.
 */
function profiled(lib: NativeLib, variant: string): NativeLib {
  const acc = new Map<string, { ms: number; calls: number }>();
  const raw = lib as unknown as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [name, f] of Object.entries(raw)) {
    if (typeof f !== "function") {
      out[name] = f;
      continue;
    }
    out[name] = (...args: unknown[]) => {
      const t0 = process.hrtime.bigint();
      const r = (f as (...a: unknown[]) => unknown)(...args);
      const key = name.startsWith("trunk") && name !== "trunkActsSize" ? `${name} B=${args[0]} T=${args[1]}` : name;
      const e = acc.get(key) ?? { ms: 0, calls: 0 };
      e.ms += Number(process.hrtime.bigint() - t0) / 1e6;
      e.calls++;
      acc.set(key, e);
      return r;
    };
  }
  process.on("exit", () => {
    const rows = [...acc].sort((a, b) => b[1].ms - a[1].ms);
    const total = rows.reduce((a, [, e]) => a + e.ms, 0);
    console.error(`[lmrl] native profile (lmrl-${variant}, ${chooseThreads()} threads): ${total.toFixed(0)} ms in native calls`);
    for (const [k, e] of rows) console.error(`  ${k.padEnd(30)} ${e.ms.toFixed(0).padStart(8)} ms ${String(e.calls).padStart(8)} calls ${(e.ms / e.calls).toFixed(3).padStart(9)} ms/call`);
  });
  return out as unknown as NativeLib;
}

/**
 * Threads of the native kernels' pool: `LMRL_THREADS` when set, else every core. The pool shares work
 * chunk by chunk (src/model/native/lmrl.c, `parallel_for`), so a thread the OS deschedules because the
 * machine is busy delays nothing: no load-average guess is needed. The count affects speed only: chunk
 * boundaries come from the shapes and partial sums are added in a fixed order, so results are
 * bit-identical for any thread count (tests/model/threads.test.ts).
 */
function chooseThreads(): number {
  const env = Number(process.env.LMRL_THREADS);
  if (Number.isInteger(env) && env > 0) return env;
  return Math.max(1, cpus().length);
}

/** How to get the native path, for the one start-up message when it is missing. */
export const NATIVE_HINT =
  "for native speed install a C compiler (Debian: apt-get install -y gcc) and run `npm rebuild` (or `node src/model/native/build.mjs`); `npm run setup:blas` adds OpenBLAS";

let active: NativeLib | undefined;
let activeName = "";

/** The active native library, only while the tfjs backend is `cpu` (else undefined: use the tfjs twin). */
export function activeNative(): NativeLib | undefined {
  if (!active) return undefined;
  return tf.getBackend() === "cpu" ? active : undefined;
}

/** Name of the active native path ("native-openblas" / "native-builtin") or "". */
export function activeNativeName(): string {
  return active && tf.getBackend() === "cpu" ? activeName : "";
}

/** The current native selection, to restore it after a failed switch. */
export function nativeSelection(): { lib: NativeLib | undefined; name: string } {
  return { lib: active, name: activeName };
}

/** Switch the native path on (lib) or off (undefined). Installs the kernel overrides once. */
export function setActiveNative(lib: NativeLib | undefined, name = ""): void {
  if (lib) {
    installKernels();
    // the cpu backend's one-time "install tfjs-node" banner does not apply to the native path
    (cpu() as unknown as { firstUse?: boolean }).firstUse = false;
  }
  active = lib;
  activeName = lib ? name : "";
}

// ---------------------------------------------------------------------------------------------------
// Data access on the cpu backend
// ---------------------------------------------------------------------------------------------------

interface CpuData {
  values: Float32Array | Int32Array;
  refCount: number;
}
interface CpuBackendLike {
  data: { get(id: unknown): CpuData; has(id: unknown): boolean };
  makeTensorInfo(shape: number[], dtype: string, values: Float32Array | Int32Array): tf.TensorInfo;
  disposeData(id: unknown, force?: boolean): boolean;
}
interface EngineLike {
  state: { gradientDepth: number; tensorInfo: { get(id: unknown): { backend: unknown } | undefined } };
  moveData(backend: unknown, id: unknown): void;
  findBackend(name: string): unknown;
}

function engine(): EngineLike {
  return tf.engine() as unknown as EngineLike;
}

function cpu(): CpuBackendLike {
  return engine().findBackend("cpu") as CpuBackendLike;
}

/** The tensor's values on the cpu backend, without a copy (moves the data to cpu first if needed). */
export function valuesOf(t: tf.Tensor | tf.TensorInfo): Float32Array | Int32Array {
  const e = engine();
  const be = cpu();
  const info = e.state.tensorInfo.get(t.dataId);
  if (info && info.backend !== be) e.moveData(be, t.dataId);
  return be.data.get(t.dataId).values;
}

/** Float32 values of a float32 tensor (no copy). */
export function f32(t: tf.Tensor | tf.TensorInfo): Float32Array {
  const v = valuesOf(t);
  if (!(v instanceof Float32Array)) throw new Error(`native: expected a float32 tensor, got ${t.dtype}`);
  return v;
}

/** Int32 values of an int32 tensor (no copy). */
export function i32(t: tf.Tensor): Int32Array {
  const v = valuesOf(t);
  if (v instanceof Int32Array) return v;
  return Int32Array.from(v);
}

/**
 * Values of a variable that it alone owns, safe to update in place. tfjs shares data between tensors
 * (Variable.assign keeps the source's buffer; reshape/clone share), so a shared buffer is first replaced
 * by a private copy.
 */
export function exclusiveF32(v: tf.Variable): Float32Array {
  const vals = f32(v);
  // Every tensor over a dataId holds one backend reference (tf.variable(t), reshape and clone add one);
  // the engine's tensorInfo carries no count. (Checking it made every call copy: a fresh array per
  // parameter, Adam moment and Polyak target every step, and a major GC per training step.)
  if (cpu().data.get(v.dataId).refCount === 1) return vals;
  const copy = Float32Array.from(vals);
  const t = tf.tensor(copy, v.shape, "float32");
  v.assign(t);
  t.dispose();
  return f32(v);
}

/** True while a gradient tape is recording (so a custom op must keep what its backward needs). */
export function taping(): boolean {
  return engine().state.gradientDepth > 0;
}

/** A float32 tensor over `values` (no copy; the tensor owns the array from now on). */
export function tensorOf(values: Float32Array, shape: number[]): tf.Tensor {
  return tf.tensor(values, shape, "float32");
}

// ---------------------------------------------------------------------------------------------------
// Scratch pool for the trunk's saved activations (large, reused every step: a fresh array costs page faults)
// ---------------------------------------------------------------------------------------------------

/** Free scratch buffers, smallest first. A few are enough: a training step holds at most two at once. */
const freeScratch: Float32Array[] = [];
const MAX_FREE_SCRATCH = 3;

/**
 * Take a scratch Float32Array of n floats (contents undefined): a view on the smallest free buffer that
 * holds n, else a new one. Sizes vary from call to call (every batch has its own B and T), so buffers are
 * shared by capacity: pooling by exact size allocated ~35 MB for each new shape and kept it, which
 * grew the process by hundreds of MB and triggered a full garbage collection every training step.
 */
export function takeScratch(n: number): Float32Array {
  const i = freeScratch.findIndex((b) => b.length >= n);
  const buf = i >= 0 ? freeScratch.splice(i, 1)[0] : new Float32Array(n);
  return buf.length === n ? buf : buf.subarray(0, n);
}

/** Return a scratch array from {@link takeScratch} (its whole buffer goes back; the smallest beyond a few are dropped). */
export function giveScratch(a: Float32Array): void {
  const full = a.byteOffset === 0 && a.byteLength === a.buffer.byteLength ? a : new Float32Array(a.buffer);
  if (freeScratch.includes(full) || freeScratch.some((b) => b.buffer === full.buffer)) return;
  const at = freeScratch.findIndex((b) => b.length > full.length);
  freeScratch.splice(at < 0 ? freeScratch.length : at, 0, full);
  if (freeScratch.length > MAX_FREE_SCRATCH) freeScratch.shift();
}

// ---------------------------------------------------------------------------------------------------
// Kernel overrides on the cpu backend: BatchMatMul and _FusedMatMul (linear activation) -> native sgemm
// ---------------------------------------------------------------------------------------------------

let kernelsInstalled = false;

type KernelFn = (args: { inputs: tf.NamedTensorMap; backend: unknown; attrs?: Record<string, unknown> }) => tf.TensorInfo | tf.TensorInfo[];

/** out = a·b with transposes as sgemm flags and broadcast batch dims; null when not handled natively. */
function nativeBatchMatMul(lib: NativeLib, a: tf.TensorInfo, b: tf.TensorInfo, tA: boolean, tB: boolean): { shape: number[]; values: Float32Array } | null {
  if (a.dtype !== "float32" || b.dtype !== "float32" || a.shape.length < 2 || b.shape.length < 2) return null;
  const ra = a.shape.length, rb = b.shape.length;
  const M = tA ? a.shape[ra - 1] : a.shape[ra - 2];
  const K = tA ? a.shape[ra - 2] : a.shape[ra - 1];
  const K2 = tB ? b.shape[rb - 1] : b.shape[rb - 2];
  const N = tB ? b.shape[rb - 2] : b.shape[rb - 1];
  if (K !== K2) return null;
  const batchA = a.shape.slice(0, -2).reduce((x, y) => x * y, 1);
  const batchB = b.shape.slice(0, -2).reduce((x, y) => x * y, 1);
  if (batchA !== batchB && batchA !== 1 && batchB !== 1) return null;
  const batch = Math.max(batchA, batchB);
  const outBatchShape = (batchA >= batchB ? a : b).shape.slice(0, -2);
  const out = new Float32Array(batch * M * N);
  lib.gemm(tA ? 1 : 0, tB ? 1 : 0, M, N, K, 1, f32(a), 0, f32(b), 0, 0, out, 0, batch, batchA === 1 ? 0 : M * K, batchB === 1 ? 0 : K * N, M * N);
  return { shape: [...outBatchShape, M, N], values: out };
}

function installKernels(): void {
  if (kernelsInstalled) return;
  kernelsInstalled = true;
  const stockBmm = tf.getKernel("BatchMatMul", "cpu")?.kernelFunc as unknown as KernelFn | undefined;
  const stockFused = tf.getKernel("_FusedMatMul", "cpu")?.kernelFunc as unknown as KernelFn | undefined;
  if (stockBmm) {
    tf.unregisterKernel("BatchMatMul", "cpu");
    tf.registerKernel({
      kernelName: "BatchMatMul",
      backendName: "cpu",
      kernelFunc: ((args: Parameters<KernelFn>[0]) => {
        const lib = active;
        const { a, b } = args.inputs;
        const attrs = (args.attrs ?? {}) as { transposeA?: boolean; transposeB?: boolean };
        const r = lib ? nativeBatchMatMul(lib, a, b, !!attrs.transposeA, !!attrs.transposeB) : null;
        if (!r) return stockBmm(args);
        return (args.backend as CpuBackendLike).makeTensorInfo(r.shape, "float32", r.values);
      }) as unknown as tf.KernelFunc,
    });
  }
  if (stockFused) {
    tf.unregisterKernel("_FusedMatMul", "cpu");
    tf.registerKernel({
      kernelName: "_FusedMatMul",
      backendName: "cpu",
      kernelFunc: ((args: Parameters<KernelFn>[0]) => {
        const lib = active;
        const { a, b, bias, preluActivationWeights } = args.inputs;
        const attrs = (args.attrs ?? {}) as { transposeA?: boolean; transposeB?: boolean; activation?: string };
        const simple = !preluActivationWeights && (attrs.activation === undefined || attrs.activation === "linear");
        const r = lib && simple ? nativeBatchMatMul(lib, a, b, !!attrs.transposeA, !!attrs.transposeB) : null;
        if (!r) return stockFused(args);
        if (bias) {
          const bv = f32(bias);
          const n = r.shape[r.shape.length - 1];
          if (bv.length === n) {
            for (let i = 0; i < r.values.length; i += n) for (let j = 0; j < n; j++) r.values[i + j] += bv[j];
          } else if (bv.length === 1) {
            for (let i = 0; i < r.values.length; i++) r.values[i] += bv[0];
          } else return stockFused(args);
        }
        return (args.backend as CpuBackendLike).makeTensorInfo(r.shape, "float32", r.values);
      }) as unknown as tf.KernelFunc,
    });
  }
}
