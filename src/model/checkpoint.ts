/**
 * Checkpoints: one folder per checkpoint holding `model.safetensors` (weights), `config.json` (the model
 * config), `optimizer.safetensors` (optimizer slots, when given), `state.json` (optimizer meta such as
 * the step count, RNG state, free-form meta, and the dtype/shape of every saved tensor) and a copy of
 * the tokenizer files. Saving is atomic: everything is written into a temp folder beside the target,
 * which replaces the old checkpoint only once it is complete.
 *
 * @example
 * saveCheckpoint("runs/x/checkpoints/step-100", { config: gpt.config, weights: gpt.weights(),
 *   optimizer: adam.state(), optimizerMeta: { step: 100 }, rngState: rng.getState(), tokenizerDir });
 * const ck = loadCheckpoint("runs/x/checkpoints/step-100");
 * gpt.setWeights(ck.weights);
 */
import * as tf from "@tensorflow/tfjs";
import { copyFileSync, existsSync, fsyncSync, closeSync, openSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { cleanStaleTemps, staleTemps, tempPathFor, writeDurable } from "../core/atomic";
import { crashPoint } from "../core/crash";
import { parseSafetensors, serializeSafetensors, type SafeDtype, type SafeTensor } from "./safetensors";
import { TOKENIZER_FILES } from "./tokenizer";

/** Bumped when the folder layout changes; `loadCheckpoint` refuses newer versions. */
export const CHECKPOINT_FORMAT_VERSION = 1;

export const CHECKPOINT_FILES = {
  model: "model.safetensors",
  config: "config.json",
  optimizer: "optimizer.safetensors",
  state: "state.json",
} as const;

/** What `saveCheckpoint` stores. */
export interface CheckpointInput {
  /** The model config (e.g. GptConfig plus head configs); saved as config.json and returned as is. */
  readonly config: object;
  /** Model weights by stable name ("wte", "h.0.ln_1.gamma", ...). */
  readonly weights: Readonly<Record<string, tf.Tensor>>;
  /** Optimizer slot tensors (e.g. Adam's first and second moments) by name. */
  readonly optimizer?: Readonly<Record<string, tf.Tensor>>;
  /** Optimizer scalars needed to resume exactly (step count, learning rate, betas...). */
  readonly optimizerMeta?: object;
  /** The training RNG's state (`rng.getState()`), for exact resume. */
  readonly rngState?: object;
  /** Anything else JSON-serialisable (tokens seen, metrics, data position...). */
  readonly meta?: object;
  /** A folder holding tokenizer.json + tokenizer_config.json to copy beside the weights. */
  readonly tokenizerDir?: string;
}

/** What `loadCheckpoint` returns. Tensors are new; the caller owns (and disposes) them. */
export interface LoadedCheckpoint {
  readonly config: Record<string, unknown>;
  readonly weights: Record<string, tf.Tensor>;
  readonly optimizer?: Record<string, tf.Tensor>;
  readonly optimizerMeta?: Record<string, unknown>;
  readonly rngState?: Record<string, unknown>;
  readonly meta?: Record<string, unknown>;
  /** The folder of the copied tokenizer files, when the checkpoint has them. */
  readonly tokenizerDir?: string;
}

/** The expected dtype (default float32) and shape of one weight, for {@link LoadOptions.expect}. */
export interface ExpectedTensor {
  readonly shape: readonly number[];
  readonly dtype?: "float32" | "int32" | "bool";
}

export interface LoadOptions {
  /**
   * The weights the model needs (e.g. from a freshly built model's `weights()`): loading fails on a
   * missing or unknown key, or a shape/dtype mismatch, naming the file, the key and both values.
   */
  readonly expect?: Readonly<Record<string, ExpectedTensor | tf.Tensor>>;
  /** Skip reading optimizer.safetensors (evaluation only needs the weights). */
  readonly skipOptimizer?: boolean;
}

interface StateJson {
  format: "lmrl-gym-ts checkpoint";
  version: number;
  optimizerMeta?: object;
  rngState?: object;
  meta?: object;
  tensors: { model: Record<string, { dtype: SafeDtype; shape: number[] }>; optimizer?: Record<string, { dtype: SafeDtype; shape: number[] }> };
}

const TF_TO_SAFE: Record<string, SafeDtype> = { float32: "F32", int32: "I32", bool: "BOOL" };
const SAFE_TO_TF: Partial<Record<SafeDtype, "float32" | "int32" | "bool">> = { F32: "float32", I32: "int32", BOOL: "bool" };

function toSafeTensors(tensors: Readonly<Record<string, tf.Tensor>>, what: string): Record<string, SafeTensor> {
  const out: Record<string, SafeTensor> = {};
  for (const [name, t] of Object.entries(tensors)) {
    if (!(t instanceof tf.Tensor)) throw new Error(`saveCheckpoint: ${what} "${name}" is not a tf.Tensor (got ${t === null ? "null" : typeof t})`);
    if (t.isDisposed) throw new Error(`saveCheckpoint: ${what} "${name}" was already disposed; save before disposing the model or optimizer`);
    const dtype = TF_TO_SAFE[t.dtype];
    if (!dtype) throw new Error(`saveCheckpoint: ${what} "${name}" has dtype ${t.dtype}; only float32, int32 and bool can be saved`);
    // serializeSafetensors copies these bytes at once, so the backend's own array can be passed as is
    // (a byte copy: NaN payloads and -0 survive, which a Number round-trip would not guarantee).
    const values = t.dataSync();
    const data =
      dtype === "F32" ? (values instanceof Float32Array ? values : new Float32Array(values as ArrayLike<number>)) :
      dtype === "I32" ? (values instanceof Int32Array ? values : new Int32Array(values as ArrayLike<number>)) :
      values instanceof Uint8Array ? values : new Uint8Array(values as ArrayLike<number>);
    out[name] = { dtype, shape: t.shape, data };
  }
  return out;
}

function describe(tensors: Record<string, SafeTensor>): Record<string, { dtype: SafeDtype; shape: number[] }> {
  const out: Record<string, { dtype: SafeDtype; shape: number[] }> = {};
  for (const name of Object.keys(tensors).sort()) out[name] = { dtype: tensors[name].dtype, shape: [...tensors[name].shape] };
  return out;
}

function toJson(value: object, what: string): string {
  try {
    return JSON.stringify(value, null, 2) + "\n";
  } catch (e) {
    throw new Error(`saveCheckpoint: ${what} is not JSON-serialisable: ${(e as Error).message}`);
  }
}

/**
 * Saves a checkpoint into `dir` atomically: the files go into `<dir>.tmp-<pid>-<n>` first; only when all
 * are written does that folder take `dir`'s place (an old checkpoint there is moved aside and deleted
 * after the swap). If anything fails, the temp folder is removed and an existing `dir` is untouched.
 *
 * @example
 * saveCheckpoint("runs/bc/checkpoints/step-200", { config, weights: gpt.weights(), meta: { tokens: 1e6 } });
 */
export function saveCheckpoint(dir: string, input: CheckpointInput): void {
  const target = resolve(dir);
  if (input === null || typeof input !== "object") throw new Error(`saveCheckpoint(${dir}): expected { config, weights, ... }, got ${input === null ? "null" : typeof input}`);
  if (input.config === null || typeof input.config !== "object") throw new Error(`saveCheckpoint(${dir}): config must be an object (the model config), got ${input.config === null ? "null" : typeof input.config}`);
  if (input.weights === null || typeof input.weights !== "object") throw new Error(`saveCheckpoint(${dir}): weights must be a Record<string, tf.Tensor>`);
  const parent = dirname(target);
  mkdirSync(parent, { recursive: true });
  const tmp = tempPathFor(target);
  try {
    mkdirSync(tmp);
    const model = toSafeTensors(input.weights, "weight");
    const state: StateJson = {
      format: "lmrl-gym-ts checkpoint",
      version: CHECKPOINT_FORMAT_VERSION,
      tensors: { model: describe(model) },
    };
    writeDurable(join(tmp, CHECKPOINT_FILES.model), serializeSafetensors(model, { format: "lmrl-gym-ts" }));
    writeDurable(join(tmp, CHECKPOINT_FILES.config), toJson(input.config, "config"));
    if (input.optimizer) {
      const opt = toSafeTensors(input.optimizer, "optimizer tensor");
      state.tensors.optimizer = describe(opt);
      writeDurable(join(tmp, CHECKPOINT_FILES.optimizer), serializeSafetensors(opt, { format: "lmrl-gym-ts" }));
    }
    if (input.optimizerMeta !== undefined) state.optimizerMeta = input.optimizerMeta;
    if (input.rngState !== undefined) state.rngState = input.rngState;
    if (input.meta !== undefined) state.meta = input.meta;
    if (input.tokenizerDir !== undefined) {
      for (const f of TOKENIZER_FILES) {
        const src = join(input.tokenizerDir, f);
        if (!existsSync(src)) throw new Error(`saveCheckpoint(${dir}): tokenizerDir has no ${f} (looked for ${src}); save the tokenizer with saveTokenizer() first`);
        copyFileSync(src, join(tmp, f));
      }
    }
    writeDurable(join(tmp, CHECKPOINT_FILES.state), toJson(state, "optimizerMeta/rngState/meta"));
    crashPoint("checkpoint-written");
    // Swap: move the old checkpoint aside, move the new one in, then delete the old one.
    // A crash between the two renames is repaired by recoverCheckpoint().
    if (existsSync(target)) {
      const old = tempPathFor(target, "old");
      renameSync(target, old);
      crashPoint("checkpoint-swap");
      try {
        renameSync(tmp, target);
      } catch (e) {
        renameSync(old, target);
        throw e;
      }
      rmSync(old, { recursive: true, force: true });
    } else {
      renameSync(tmp, target);
    }
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    throw e;
  }
}

/** The step recorded in a checkpoint folder's state.json, or undefined when the folder is incomplete. */
function completeStep(dir: string): number | undefined {
  try {
    const state = JSON.parse(readFileSync(join(dir, CHECKPOINT_FILES.state), "utf8")) as { meta?: { step?: unknown } };
    if (!existsSync(join(dir, CHECKPOINT_FILES.model))) return undefined;
    return typeof state.meta?.step === "number" ? state.meta.step : 0;
  } catch {
    return undefined; // state.json is written last: without it the folder is a partial write
  }
}

/**
 * Repairs what a killed {@link saveCheckpoint} can leave behind, before a run resumes. A save writes
 * `<dir>.tmp-<pid>-<n>` completely (state.json last), moves `<dir>` aside to `<dir>.old-<pid>-<n>`, then
 * renames the new one in. Killed between the two renames, `<dir>` is missing while the complete next
 * checkpoint (and the previous one) sit beside it: the one with the higher step is moved back in.
 * Temp folders of dead writers are removed either way. Returns a message when it recovered a
 * checkpoint, else undefined.
 *
 * @example
 * const note = recoverCheckpoint("runs/ilql-maze-fo-seed0/checkpoints/latest");
 * if (note) console.error(note);
 */
export function recoverCheckpoint(dir: string): string | undefined {
  const target = resolve(dir);
  let message: string | undefined;
  if (!existsSync(target)) {
    const candidates = staleTemps(target)
      .map((t) => ({ ...t, step: completeStep(t.path) }))
      .filter((t): t is typeof t & { step: number } => t.step !== undefined)
      .sort((a, b) => b.step - a.step || (a.tag === "tmp" ? -1 : 1)); // newest step first; the next checkpoint wins a tie
    const pick = candidates[0];
    if (pick) {
      renameSync(pick.path, target);
      message = `recovered ${dir} from ${basename(pick.path)} (step ${pick.step}, the ${pick.tag === "tmp" ? "next" : "previous"} checkpoint of a save interrupted mid-swap)`;
    }
  }
  cleanStaleTemps(target);
  return message;
}

function readJson(path: string, what: string): Record<string, unknown> {
  if (!existsSync(path)) throw new Error(`loadCheckpoint: missing ${path} (${what}); is this a checkpoint folder written by saveCheckpoint()?`);
  let v: unknown;
  try {
    v = JSON.parse(readFileSync(path, "utf8"));
  } catch (e) {
    throw new Error(`loadCheckpoint: ${path} is not valid JSON (${(e as Error).message})`);
  }
  if (v === null || typeof v !== "object" || Array.isArray(v)) throw new Error(`loadCheckpoint: ${path} must hold a JSON object (${what})`);
  return v as Record<string, unknown>;
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

/** Reads a safetensors file and checks it against the manifest in state.json; returns tf tensors. */
function readTensors(path: string, manifest: Record<string, { dtype: SafeDtype; shape: number[] }> | undefined): Record<string, tf.Tensor> {
  if (!existsSync(path)) throw new Error(`loadCheckpoint: missing ${path}; the checkpoint is incomplete (state.json lists tensors for it)`);
  const { tensors } = parseSafetensors(readFileSync(path), path);
  if (manifest) {
    for (const name of Object.keys(manifest)) {
      if (!(name in tensors)) throw new Error(`loadCheckpoint: ${path} has no tensor "${name}" although state.json lists it; the file is from another checkpoint or corrupted`);
    }
  }
  const out: Record<string, tf.Tensor> = {};
  try {
    for (const [name, t] of Object.entries(tensors)) {
      const want = manifest?.[name];
      if (manifest && !want) throw new Error(`loadCheckpoint: ${path} has tensor "${name}" that state.json does not list; the file is from another checkpoint`);
      if (want && (want.dtype !== t.dtype || !sameShape(want.shape, t.shape))) {
        throw new Error(`loadCheckpoint: ${path}: tensor "${name}" is ${t.dtype}[${t.shape}] but state.json says ${want.dtype}[${want.shape}]; the file is from another checkpoint`);
      }
      const dtype = SAFE_TO_TF[t.dtype];
      if (!dtype) throw new Error(`loadCheckpoint: ${path}: tensor "${name}" has dtype ${t.dtype}, which tfjs cannot hold; only F32, I32 and BOOL load`);
      out[name] = tf.tensor(t.data as Float32Array | Int32Array | Uint8Array, [...t.shape], dtype);
    }
  } catch (e) {
    for (const t of Object.values(out)) t.dispose();
    throw e;
  }
  return out;
}

function checkExpected(path: string, weights: Record<string, tf.Tensor>, expect: Readonly<Record<string, ExpectedTensor | tf.Tensor>>): void {
  const missing = Object.keys(expect).filter((k) => !(k in weights));
  const unknown = Object.keys(weights).filter((k) => !(k in expect));
  if (missing.length > 0 || unknown.length > 0) {
    throw new Error(
      `loadCheckpoint: ${path} does not match the model: ` +
        (missing.length ? `missing weights ${missing.map((k) => `"${k}"`).join(", ")}` : "") +
        (missing.length && unknown.length ? "; " : "") +
        (unknown.length ? `unknown weights ${unknown.map((k) => `"${k}"`).join(", ")}` : "") +
        `; was it saved from a model with another config (layers, heads)?`,
    );
  }
  for (const [name, want] of Object.entries(expect)) {
    const got = weights[name];
    const wantDtype = want.dtype ?? "float32";
    if (!sameShape(got.shape, want.shape) || got.dtype !== wantDtype) {
      throw new Error(`loadCheckpoint: ${path}: weight "${name}" is ${got.dtype}[${got.shape}] but the model needs ${wantDtype}[${want.shape}]; check vocabSize/dModel/blockSize in config.json against the model's config`);
    }
  }
}

/** The vocabulary size a tokenizer.json defines (largest id + 1), or undefined if unreadable. */
function tokenizerVocabSize(path: string): number | undefined {
  try {
    const j = JSON.parse(readFileSync(path, "utf8")) as { model?: { vocab?: Record<string, number> }; added_tokens?: { id: number }[] };
    let max = -1;
    for (const id of Object.values(j.model?.vocab ?? {})) if (typeof id === "number") max = Math.max(max, id);
    for (const t of j.added_tokens ?? []) if (typeof t.id === "number") max = Math.max(max, t.id);
    return max >= 0 ? max + 1 : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Loads a checkpoint folder written by {@link saveCheckpoint}. Checks every file against state.json's
 * list of tensors, the tokenizer's vocabulary against `config.vocabSize`, and (with `opts.expect`) the
 * weights against the model; every error names the file and the mismatch.
 *
 * @example
 * const ck = loadCheckpoint("runs/bc/checkpoints/step-200", { expect: new Gpt(config, { seed: 0 }).weights() });
 */
export function loadCheckpoint(dir: string, opts: LoadOptions = {}): LoadedCheckpoint {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    const base = basename(resolve(dir));
    const parent = dirname(resolve(dir));
    const aside = existsSync(parent) ? readdirSync(parent).filter((f) => f.startsWith(`${base}.old-`)) : [];
    throw new Error(
      `loadCheckpoint: ${dir} is not a folder` +
        (aside.length ? `; a save was interrupted mid-swap: the previous checkpoint is at ${join(parent, aside[0])}` : "; pass a folder written by saveCheckpoint()"),
    );
  }
  const statePath = join(dir, CHECKPOINT_FILES.state);
  const state = readJson(statePath, "checkpoint state");
  if (state.format !== "lmrl-gym-ts checkpoint") throw new Error(`loadCheckpoint: ${statePath} has format ${JSON.stringify(state.format)}, expected "lmrl-gym-ts checkpoint"`);
  if (typeof state.version !== "number" || state.version > CHECKPOINT_FORMAT_VERSION) {
    throw new Error(`loadCheckpoint: ${statePath} has version ${JSON.stringify(state.version)}; this kit reads versions up to ${CHECKPOINT_FORMAT_VERSION} (update the kit)`);
  }
  const manifest = state.tensors as StateJson["tensors"] | undefined;
  if (!manifest || typeof manifest.model !== "object") throw new Error(`loadCheckpoint: ${statePath} has no "tensors.model" list; the file is corrupted`);
  const config = readJson(join(dir, CHECKPOINT_FILES.config), "model config");

  const tokPath = join(dir, "tokenizer.json");
  const hasTokenizer = existsSync(tokPath);
  if (hasTokenizer && typeof config.vocabSize === "number") {
    const v = tokenizerVocabSize(tokPath);
    if (v === undefined) throw new Error(`loadCheckpoint: ${tokPath} is not a readable tokenizer.json`);
    if (v > config.vocabSize) throw new Error(`loadCheckpoint: ${tokPath} has ${v} tokens but ${join(dir, CHECKPOINT_FILES.config)} says vocabSize ${config.vocabSize}; the tokenizer does not belong to this model`);
  }

  const modelPath = join(dir, CHECKPOINT_FILES.model);
  const weights = readTensors(modelPath, manifest.model);
  let optimizer: Record<string, tf.Tensor> | undefined;
  try {
    if (opts.expect) checkExpected(modelPath, weights, opts.expect);
    if (manifest.optimizer && !opts.skipOptimizer) optimizer = readTensors(join(dir, CHECKPOINT_FILES.optimizer), manifest.optimizer);
  } catch (e) {
    for (const t of Object.values(weights)) t.dispose();
    throw e;
  }
  const obj = (v: unknown) => (v !== null && typeof v === "object" ? (v as Record<string, unknown>) : undefined);
  return {
    config,
    weights,
    ...(optimizer ? { optimizer } : {}),
    ...(obj(state.optimizerMeta) ? { optimizerMeta: obj(state.optimizerMeta) } : {}),
    ...(obj(state.rngState) ? { rngState: obj(state.rngState) } : {}),
    ...(obj(state.meta) ? { meta: obj(state.meta) } : {}),
    ...(hasTokenizer ? { tokenizerDir: dir } : {}),
  };
}
