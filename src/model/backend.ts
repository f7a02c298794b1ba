/**
 * Picks the tfjs backend once at start-up: tfjs-node-gpu -> tfjs-node -> wasm (SIMD) -> cpu. The two
 * native packages are optional (their installs download libtensorflow, which this machine cannot), so
 * they are tried with a dynamic import and skipped when absent. `LMRL_BACKEND` or the argument forces
 * one; the choice and its reason are logged once and returned for run metadata.
 *
 * @example
 * import { initBackend } from "../model/backend";
 * const { backend, reason } = await initBackend();   // e.g. { backend: "wasm", reason: "auto: ..." }
 */
import * as tf from "@tensorflow/tfjs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { existsSync } from "node:fs";
import { projectPath } from "../core/paths";

/** Names accepted by `initBackend` and `LMRL_BACKEND`. "native" is reserved for a later issue. */
export type BackendPreference = "auto" | "tfjs-node-gpu" | "tfjs-node" | "wasm" | "cpu" | "native";

/** What was chosen and why; store it in run metadata. */
export interface BackendInfo {
  /** tfjs backend name actually active: "tensorflow", "wasm" or "cpu". */
  readonly backend: string;
  /** Human-readable reason, e.g. "auto: @tensorflow/tfjs-node not installed; wasm SIMD ready". */
  readonly reason: string;
}

const PREFERENCES: readonly BackendPreference[] = ["auto", "tfjs-node-gpu", "tfjs-node", "wasm", "cpu", "native"];

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

async function choose(pref: BackendPreference): Promise<BackendInfo> {
  if (pref === "native") {
    throw new Error(
      'initBackend: backend "native" (own BLAS kernels) is reserved for a later issue and not implemented yet; ' +
        'use LMRL_BACKEND=auto, wasm or cpu',
    );
  }
  const skipped: string[] = [];
  const order: BackendPreference[] = pref === "auto" ? ["tfjs-node-gpu", "tfjs-node", "wasm", "cpu"] : [pref];
  for (const b of order) {
    let why: string | undefined;
    if (b === "tfjs-node-gpu" || b === "tfjs-node") why = await tryNative(`@tensorflow/${b}`);
    else if (b === "wasm") why = await initWasm();
    else why = (await tf.setBackend("cpu")) ? undefined : "cpu backend failed to initialise";
    if (why === undefined) {
      await tf.ready();
      const detail = b === "wasm" ? "wasm SIMD, single-threaded" : b;
      const reason = pref === "auto" ? `auto: ${[...skipped, `${detail} ready`].join("; ")}` : `requested ${pref}: ${detail} ready`;
      return { backend: tf.getBackend(), reason };
    }
    if (pref !== "auto") throw new Error(`initBackend: requested backend "${pref}" is unavailable: ${why}. Unset LMRL_BACKEND or pick one of ${PREFERENCES.join(", ")}`);
    skipped.push(why);
  }
  throw new Error(`initBackend: no backend could be initialised (${skipped.join("; ")})`);
}

/**
 * Select and initialise the tfjs backend. Precedence: argument, then `LMRL_BACKEND`, then "auto".
 * Idempotent: later calls with the same preference return the first result without logging again.
 *
 * @example
 * const info = await initBackend();        // auto
 * await initBackend("cpu");                 // force the pure-JS backend (slow; for debugging)
 */
export async function initBackend(pref?: BackendPreference | string): Promise<BackendInfo> {
  const raw = (pref ?? process.env.LMRL_BACKEND ?? "auto").trim().toLowerCase() || "auto";
  if (!PREFERENCES.includes(raw as BackendPreference)) {
    throw new Error(`initBackend: unknown backend "${raw}"; use one of ${PREFERENCES.join(", ")} (argument or LMRL_BACKEND)`);
  }
  if (current && current.key === raw) return current.info;
  const info = choose(raw as BackendPreference).then((i) => {
    console.error(`[lmrl] tfjs backend: ${i.backend} (${i.reason})`);
    return i;
  });
  current = { key: raw, info };
  info.catch(() => {
    if (current?.info === info) current = undefined;
  });
  return info;
}
