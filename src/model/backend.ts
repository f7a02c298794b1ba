/**
 * Picks the compute path once at start-up: tfjs-node-gpu -> tfjs-node -> the kit's own native library
 * (OpenBLAS variant, else the built-in SIMD sgemm; see ./native) -> wasm (SIMD) -> cpu. tfjs-node(-gpu)
 * are optional packages (their installs download libtensorflow, which this machine cannot), tried with a
 * dynamic import. The native library is built by `npm ci` when a C compiler is present; without it the
 * kit runs on wasm and says once how to get the native path. `LMRL_BACKEND` or the argument forces one
 * path; the choice and its reason are logged once and returned for run metadata (`path` names it).
 *
 * @example
 * import { initBackend } from "../model/backend";
 * const { backend, path, reason } = await initBackend();   // e.g. { backend: "cpu", path: "native-openblas", ... }
 */
import * as tf from "@tensorflow/tfjs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { existsSync } from "node:fs";
import { setFlagsFromString } from "node:v8";
import { projectPath } from "../core/paths";
import { loadNative, NATIVE_HINT, nativeSelection, setActiveNative, type NativeVariant } from "./native";

/**
 * Names accepted by `initBackend` and `LMRL_BACKEND`. "native" = the kit's native library, OpenBLAS
 * variant when built, else the built-in sgemm; "native-openblas" / "native-builtin" force one variant;
 * "cpu" is stock tfjs on the cpu backend (the pure-tfjs reference, slow).
 */
export type BackendPreference = "auto" | "tfjs-node-gpu" | "tfjs-node" | "native" | "native-openblas" | "native-builtin" | "wasm" | "cpu";

/** What was chosen and why; store it in run metadata. */
export interface BackendInfo {
  /** tfjs backend name actually active: "tensorflow", "wasm" or "cpu" (the native path runs on "cpu"). */
  readonly backend: string;
  /** Compute path that ran: "tfjs-node-gpu", "tfjs-node", "native-openblas", "native-builtin", "wasm" or "cpu". */
  readonly path: string;
  /** Human-readable reason, e.g. "auto: @tensorflow/tfjs-node not installed; native-openblas ready". */
  readonly reason: string;
  /** For the native path: which BLAS, pool threads, SIMD width (floats). */
  readonly native?: { blas: string; threads: number; simdWidth: number };
}

export const PREFERENCES: readonly BackendPreference[] = ["auto", "tfjs-node-gpu", "tfjs-node", "native", "native-openblas", "native-builtin", "wasm", "cpu"];

let current: { key: string; info: Promise<BackendInfo> } | undefined;
let wasmPathsSet = false;

/** A `require` rooted at the working directory (falls back to the kit root); works under tsx ESM and tslab CJS. */
function localRequire(): NodeRequire {
  try {
    const r = createRequire(process.cwd() + "/");
    r.resolve("@tensorflow/tfjs-backend-wasm");
    return r;
  } catch {
    return createRequire(projectPath("package.json"));
  }
}

/** Dynamic import by a computed name, so TypeScript does not need the optional package's types. */
async function tryImport(name: string): Promise<unknown> {
  return import(name);
}

async function tryNative(pkg: "@tensorflow/tfjs-node-gpu" | "@tensorflow/tfjs-node"): Promise<string | undefined> {
  try {
    await tryImport(pkg);
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === "ERR_MODULE_NOT_FOUND" || code === "MODULE_NOT_FOUND") return `${pkg} not installed`;
    return `${pkg} failed to load (${(e as Error).message.split("\n")[0]})`;
  }
  if (!(await tf.setBackend("tensorflow"))) return `${pkg} loaded but the "tensorflow" backend failed to initialise`;
  return undefined;
}

async function initWasm(): Promise<string | undefined> {
  try {
    const wasm = (await tryImport("@tensorflow/tfjs-backend-wasm")) as {
      setWasmPaths(paths: Record<string, string>): void;
    };
    if (!wasmPathsSet) {
      // The package's "main" is dist/tf-backend-wasm.node.js; the .wasm binaries sit beside it.
      const dist = dirname(localRequire().resolve("@tensorflow/tfjs-backend-wasm"));
      const names = ["tfjs-backend-wasm.wasm", "tfjs-backend-wasm-simd.wasm", "tfjs-backend-wasm-threaded-simd.wasm"];
      const paths: Record<string, string> = {};
      for (const n of names) paths[n] = join(dist, n);
      if (!existsSync(paths["tfjs-backend-wasm-simd.wasm"])) {
        return `wasm binaries not found in ${dist}; reinstall @tensorflow/tfjs-backend-wasm`;
      }
      wasm.setWasmPaths(paths);
      wasmPathsSet = true;
    }
    if (!(await tf.setBackend("wasm"))) return "the wasm backend failed to initialise";
    const simd = await tf.env().getAsync("WASM_HAS_SIMD_SUPPORT");
    if (!simd) return "wasm initialised without SIMD (this Node has no wasm SIMD); refusing the slow build";
    return undefined;
  } catch (e) {
    return `wasm unavailable (${(e as Error).message ?? String(e)})`;
  }
}

/** Load the native library (variant order as given) and switch tfjs to cpu; the reason it failed otherwise. */
async function initNative(variants: NativeVariant[]): Promise<{ why?: string; name?: string; native?: BackendInfo["native"] }> {
  const errors: string[] = [];
  for (const v of variants) {
    const r = loadNative(v);
    if ("error" in r) {
      errors.push(r.error);
      continue;
    }
    if (!(await tf.setBackend("cpu"))) return { why: "cpu backend failed to initialise" };
    setActiveNative(r.lib, `native-${v}`);
    const i = r.lib.info();
    return { name: `native-${v}`, native: { blas: i.blas, threads: i.threads, simdWidth: i.simdWidth } };
  }
  return { why: errors.join("; ") };
}

async function choose(pref: BackendPreference): Promise<BackendInfo> {
  const prev = nativeSelection();
  try {
    return await chooseInner(pref);
  } catch (e) {
    setActiveNative(prev.lib, prev.name); // a failed request leaves the previous path in force
    throw e;
  }
}

async function chooseInner(pref: BackendPreference): Promise<BackendInfo> {
  const skipped: string[] = [];
  const order: BackendPreference[] = pref === "auto" ? ["tfjs-node-gpu", "tfjs-node", "native", "wasm", "cpu"] : [pref];
  let nativeMissing = false;
  for (const b of order) {
    let why: string | undefined;
    let path: string = b;
    let native: BackendInfo["native"];
    setActiveNative(undefined);
    if (b === "tfjs-node-gpu" || b === "tfjs-node") why = await tryNative(`@tensorflow/${b}`);
    else if (b === "native" || b === "native-openblas" || b === "native-builtin") {
      const r = await initNative(b === "native" ? ["builtin", "openblas"] : [b === "native-openblas" ? "openblas" : "builtin"]);
      why = r.why;
      if (r.name) path = r.name;
      native = r.native;
      if (why) nativeMissing = true;
    } else if (b === "wasm") why = await initWasm();
    else why = (await tf.setBackend("cpu")) ? undefined : "cpu backend failed to initialise";
    if (why === undefined) {
      await tf.ready();
      const detail =
        b === "wasm" ? "wasm SIMD, single-threaded" : native ? `${path} (${native.blas} sgemm, ${native.threads} threads, ${native.simdWidth}-float SIMD)` : b;
      let reason = pref === "auto" ? `auto: ${[...skipped, `${detail} ready`].join("; ")}` : `requested ${pref}: ${detail} ready`;
      if (nativeMissing && pref === "auto") reason += ` (${NATIVE_HINT})`;
      return { backend: tf.getBackend(), path, reason, ...(native ? { native } : {}) };
    }
    if (pref !== "auto") throw new Error(`initBackend: requested backend "${pref}" is unavailable: ${why}. Unset LMRL_BACKEND or pick one of ${PREFERENCES.join(", ")}`);
    skipped.push(why);
  }
  throw new Error(`initBackend: no backend could be initialised (${skipped.join("; ")})`);
}

/** The heap growing percent {@link relaxHeapGrowth} set, or undefined before it ran / when left to V8. */
export let heapGrowingPercent: number | undefined;

/**
 * Let V8's old generation grow 4x its live size between full collections (its default factor is ~1.1-2).
 * Every tensor op allocates its output as a fresh ArrayBuffer (tens of MB per training step), and with the
 * default factor V8 ran a full mark-compact of the whole heap almost every FO-maze ILQL step; its marking
 * threads then took the second core from the native pool, so two threads ran no faster than one (perf:
 * ~1/3 of all CPU samples in V8's concurrent marker and sweeper). With 300%: ~1 full collection per 3
 * steps and ~1.5x the steps per second on 2 cores; the heap stays a few hundred MB. `LMRL_HEAP_GROWING_PERCENT`
 * sets another value; 0 leaves V8's default. Only collection timing changes, never a result.
 */
export function relaxHeapGrowth(): void {
  if (heapGrowingPercent !== undefined) return;
  heapGrowingPercent = heapGrowingPercentFrom(process.env.LMRL_HEAP_GROWING_PERCENT);
  if (heapGrowingPercent > 0) setFlagsFromString(`--heap-growing-percent=${heapGrowingPercent}`);
}

/** The percent `LMRL_HEAP_GROWING_PERCENT` asks for (300 when unset; 0 = V8's default); throws on anything else. */
export function heapGrowingPercentFrom(env: string | undefined): number {
  if (env === undefined || env.trim() === "") return 300;
  const pct = Number(env);
  if (!Number.isInteger(pct) || pct < 0 || pct > 10_000) throw new Error(`LMRL_HEAP_GROWING_PERCENT must be an integer from 0 to 10000 (0 leaves V8's default), got "${env}"`);
  return pct;
}

/**
 * Select and initialise the tfjs backend. Precedence: argument, then `LMRL_BACKEND`, then "auto".
 * Idempotent: later calls with the same preference return the first result without logging again.
 *
 * @example
 * const info = await initBackend();        // auto
 * await initBackend("native-builtin");      // force the built-in sgemm variant
 * await initBackend("cpu");                 // force the pure-JS backend (slow; for debugging)
 */
export async function initBackend(pref?: BackendPreference | string): Promise<BackendInfo> {
  relaxHeapGrowth();
  const raw = (pref ?? process.env.LMRL_BACKEND ?? "auto").trim().toLowerCase() || "auto";
  if (!PREFERENCES.includes(raw as BackendPreference)) {
    throw new Error(`initBackend: unknown backend "${raw}"; use one of ${PREFERENCES.join(", ")} (argument or LMRL_BACKEND)`);
  }
  if (current && current.key === raw) return current.info;
  const info = choose(raw as BackendPreference).then((i) => {
    console.error(`[lmrl] compute path: ${i.path} on tfjs ${i.backend} (${i.reason})`);
    return i;
  });
  current = { key: raw, info };
  info.catch(() => {
    if (current?.info === info) current = undefined;
  });
  return info;
}
