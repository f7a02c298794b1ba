import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, copyFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import * as tf from "@tensorflow/tfjs";
import { Rng } from "../../src/core/rng";
import { loadCheckpoint, saveCheckpoint } from "../../src/model/checkpoint";
import { parseSafetensors, readSafetensorsHeader, serializeSafetensors, writeSafetensors, type SafeTensor } from "../../src/model/safetensors";
import { buildTokenizer, saveTokenizer } from "../../src/model/tokenizer";

const tmp = mkdtempSync(join(tmpdir(), "lmrl-ckpt-"));
after(() => rmSync(tmp, { recursive: true, force: true }));

/** A safetensors file built byte by byte from the format description (not by our writer). */
function handBuilt(headerJson: string, data: number[]): Uint8Array {
  const header = new TextEncoder().encode(headerJson);
  const out = new Uint8Array(8 + header.length + data.length);
  out[0] = header.length & 0xff; // u64 little-endian; our headers are < 256 bytes
  out.set(header, 8);
  out.set(data, 8 + header.length);
  return out;
}

describe("safetensors", () => {
  it("reads a hand-built buffer (F32 and I32, metadata)", () => {
    // 1.0f = 0x3f800000, -2.0f = 0xc0000000, int32 7 = 0x00000007, int32 -1 = 0xffffffff, all little-endian.
    const header = '{"b":{"dtype":"I32","shape":[2],"data_offsets":[8,16]},"a":{"dtype":"F32","shape":[1,2],"data_offsets":[0,8]},"__metadata__":{"format":"pt"}}';
    const bytes = handBuilt(header, [0, 0, 0x80, 0x3f, 0, 0, 0, 0xc0, 7, 0, 0, 0, 0xff, 0xff, 0xff, 0xff]);
    const { tensors, metadata } = parseSafetensors(bytes);
    assert.deepEqual(metadata, { format: "pt" });
    assert.equal(tensors.a.dtype, "F32");
    assert.deepEqual(tensors.a.shape, [1, 2]);
    assert.deepEqual([...tensors.a.data], [1, -2]);
    assert.ok(tensors.b.data instanceof Int32Array);
    assert.deepEqual([...tensors.b.data], [7, -1]);
  });

  it("writes exactly the bytes the format prescribes (header padded to 8-byte alignment)", () => {
    const bytes = serializeSafetensors({ a: { dtype: "F32", shape: [2], data: new Float32Array([1, -2]) } });
    const json = '{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}'; // 54 bytes -> padded to 56
    assert.equal(json.length, 54);
    const expected = handBuilt(json + "  ", [0, 0, 0x80, 0x3f, 0, 0, 0, 0xc0]);
    assert.equal(expected[0], 56);
    assert.deepEqual(bytes, expected);
  });

  it("round-trips every dtype, scalars, empty tensors and metadata", () => {
    const tensors: Record<string, SafeTensor> = {
      f32: { dtype: "F32", shape: [2, 3], data: new Float32Array([0, -0, 1.5, -3.25, Infinity, 1e-42]) },
      f64: { dtype: "F64", shape: [2], data: new Float64Array([Math.PI, -1e300]) },
      i32: { dtype: "I32", shape: [3], data: new Int32Array([2147483647, -2147483648, 0]) },
      i64: { dtype: "I64", shape: [1], data: new BigInt64Array([-(2n ** 62n)]) },
      u8: { dtype: "U8", shape: [1, 1, 2], data: new Uint8Array([0, 255]) },
      bool: { dtype: "BOOL", shape: [2], data: new Uint8Array([1, 0]) },
      scalar: { dtype: "F32", shape: [], data: new Float32Array([42]) },
      empty: { dtype: "F32", shape: [0, 4], data: new Float32Array(0) },
    };
    const path = join(tmp, "all.safetensors");
    writeSafetensors(path, tensors, { note: "héllo", n: "3" });
    const back = parseSafetensors(readFileSync(path));
    assert.deepEqual(back.metadata, { note: "héllo", n: "3" });
    for (const [name, t] of Object.entries(tensors)) {
      assert.equal(back.tensors[name].dtype, t.dtype, name);
      assert.deepEqual(back.tensors[name].shape, t.shape, name);
      assert.deepEqual(new Uint8Array(back.tensors[name].data.buffer), new Uint8Array(t.data.buffer), name);
    }
    assert.ok(Object.is(back.tensors.f32.data[1], -0));
    // Layout (wider dtypes first, then by name): f64 0-16, i64 16-24, empty 24-24, f32 24-48, i32 48-60, ...
    assert.deepEqual(readSafetensorsHeader(path).tensors.i32, { dtype: "I32", shape: [3], dataOffsets: [48, 60] });
    assert.deepEqual(readSafetensorsHeader(path).tensors.u8.dataOffsets, [66, 68]);
  });

  it("names the problem in a bad file", () => {
    const ok = '{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}';
    const data = [0, 0, 0, 0, 0, 0, 0, 0];
    assert.throws(() => parseSafetensors(new Uint8Array(3), "f.st"), /f\.st: 3 bytes is too short/);
    const huge = handBuilt(ok, data);
    huge[5] = 1; // header length 2^40
    assert.throws(() => parseSafetensors(huge, "f.st"), /f\.st: header length \d+ does not fit/);
    assert.throws(() => parseSafetensors(handBuilt("{nope", data), "f.st"), /f\.st: bad header: .*not UTF-8 JSON/);
    assert.throws(() => parseSafetensors(handBuilt(ok.replace("F32", "F8"), data), "f.st"), /tensor "a": dtype "F8" is not supported/);
    assert.throws(() => parseSafetensors(handBuilt(ok.replace("[2]", "[3]"), data), "f.st"), /tensor "a": data_offsets \[0,8\] span 8 bytes but shape \[3\] of F32 needs 12/);
    assert.throws(() => parseSafetensors(handBuilt(ok, data.slice(0, 4)), "f.st"), /run past the 4 data bytes; the file is truncated/);
    assert.throws(() => parseSafetensors(handBuilt(ok, [...data, 1]), "f.st"), /cover 8 data bytes but the file has 9/);
    const gap = '{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"b":{"dtype":"F32","shape":[1],"data_offsets":[8,12]}}';
    assert.throws(() => parseSafetensors(handBuilt(gap, [...data, 0, 0, 0, 0]), "f.st"), /tensor "b" starts at data byte 8 but the previous tensor ends at 4/);
    assert.throws(() => parseSafetensors(handBuilt('{"__metadata__":{"x":1}}', []), "f.st"), /__metadata__\.x must be a string/);
    assert.throws(() => serializeSafetensors({ a: { dtype: "F32", shape: [3], data: new Float32Array(2) } }), /shape \[3\] \(3 elements\) but 2 values/);
    assert.throws(() => serializeSafetensors({ a: { dtype: "I32", shape: [2], data: new Float32Array(2) } }), /is I32 but its data is a Float32Array/);
  });
});

/** Distinct bit patterns, including NaN payloads, -0, denormals and infinities. */
function trickyFloats(n: number, seed: number): Float32Array {
  const rng = new Rng(seed);
  const bits = new Uint32Array(n);
  for (let i = 0; i < n; i++) bits[i] = rng.nextUint32();
  bits.set([0x80000000, 0x00000001, 0x7f800000, 0xff800000, 0x7fc00001, 0x7fa00000].slice(0, n));
  return new Float32Array(bits.buffer);
}

function modelTensors(seed: number, dModel = 4): Record<string, tf.Tensor> {
  return {
    wte: tf.tensor2d(trickyFloats(32 * dModel, seed), [32, dModel]),
    "h.0.ln_1.gamma": tf.tensor1d(trickyFloats(dModel, seed + 1)),
    "h.0.attn.c_attn.w": tf.tensor2d(trickyFloats(dModel * 3 * dModel, seed + 2), [dModel, 3 * dModel]),
  };
}

function bits(t: tf.Tensor): Uint8Array {
  const v = t.dataSync();
  return new Uint8Array(v.buffer.slice(v.byteOffset, v.byteOffset + v.byteLength));
}

function leftovers(parent: string): string[] {
  return readdirSync(parent).filter((f) => f.includes(".tmp-") || f.includes(".old-"));
}

describe("checkpoint", () => {
  const config = { vocabSize: 32, nLayer: 1, nHead: 2, dModel: 4, blockSize: 8 };
  const tokDir = join(tmp, "tok");
  saveTokenizer(tokDir, buildTokenizer(["move up\n"]));

  it("save -> load gives bitwise-identical tensors, config, optimizer meta, RNG state and tokenizer", () => {
    const dir = join(tmp, "runs", "a", "step-1");
    const weights = modelTensors(1);
    const optimizer = { "m.wte": tf.tensor2d(trickyFloats(40, 9), [10, 4]), step: tf.scalar(7, "int32"), mask: tf.tensor1d([1, 0, 1], "bool") };
    const rng = new Rng(5);
    rng.next();
    saveCheckpoint(dir, { config, weights, optimizer, optimizerMeta: { step: 7, lr: 3e-4 }, rngState: rng.getState(), meta: { tokens: 1234 }, tokenizerDir: tokDir });
    assert.deepEqual(readdirSync(dir).sort(), ["config.json", "model.safetensors", "optimizer.safetensors", "state.json", "tokenizer.json", "tokenizer_config.json"]);
    const ck = loadCheckpoint(dir);
    assert.deepEqual(ck.config, config);
    assert.deepEqual(Object.keys(ck.weights).sort(), Object.keys(weights).sort());
    for (const [k, t] of Object.entries(weights)) {
      assert.deepEqual(ck.weights[k].shape, t.shape, k);
      assert.equal(ck.weights[k].dtype, "float32");
      assert.deepEqual(bits(ck.weights[k]), bits(t), `${k} is bitwise identical`);
    }
    assert.ok(ck.optimizer);
    for (const [k, t] of Object.entries(optimizer)) {
      assert.equal(ck.optimizer[k].dtype, t.dtype, k);
      assert.deepEqual(bits(ck.optimizer[k]), bits(t), k);
    }
    assert.deepEqual(ck.optimizerMeta, { step: 7, lr: 3e-4 });
    assert.deepEqual(ck.meta, { tokens: 1234 });
    const resumed = new Rng(0);
    resumed.setState(ck.rngState as never);
    assert.equal(resumed.next(), rng.next(), "RNG resumes exactly");
    assert.equal(ck.tokenizerDir, dir);
    assert.deepEqual(readFileSync(join(dir, "tokenizer.json")), readFileSync(join(tokDir, "tokenizer.json")));
    assert.deepEqual(leftovers(join(tmp, "runs", "a")), []);
    for (const t of [...Object.values(ck.weights), ...Object.values(ck.optimizer), ...Object.values(weights), ...Object.values(optimizer)]) t.dispose();
  });

  it("omits what was not given and skips the optimizer on request", () => {
    const dir = join(tmp, "bare");
    const w = modelTensors(2);
    saveCheckpoint(dir, { config, weights: w, optimizer: { m: tf.zeros([2]) } });
    const ck = loadCheckpoint(dir, { skipOptimizer: true });
    assert.equal(ck.optimizer, undefined);
    assert.equal(ck.rngState, undefined);
    assert.equal(ck.tokenizerDir, undefined);
    saveCheckpoint(dir, { config, weights: w });
    assert.equal(existsSync(join(dir, "optimizer.safetensors")), false, "the replaced checkpoint's optimizer file is gone");
    assert.equal(loadCheckpoint(dir).optimizer, undefined);
  });

  it("replaces an existing checkpoint only when the new one is complete", () => {
    const parent = join(tmp, "atomic");
    const dir = join(parent, "latest");
    const w1 = modelTensors(3);
    saveCheckpoint(dir, { config, weights: w1, meta: { which: 1 } });
    const before = readFileSync(join(dir, "model.safetensors"));
    // A failure after the model file was written (meta cannot be serialised) ...
    assert.throws(() => saveCheckpoint(dir, { config, weights: modelTensors(4), meta: { big: 1n } }), /meta is not JSON-serialisable/);
    // ... a failure on a disposed tensor, and a missing tokenizer folder:
    const disposed = modelTensors(5);
    disposed.wte.dispose();
    assert.throws(() => saveCheckpoint(dir, { config, weights: disposed }), /weight "wte" was already disposed/);
    assert.throws(() => saveCheckpoint(dir, { config, weights: w1, tokenizerDir: join(tmp, "none") }), /tokenizerDir has no tokenizer\.json/);
    assert.deepEqual(readFileSync(join(dir, "model.safetensors")), before);
    assert.deepEqual(loadCheckpoint(dir).meta, { which: 1 });
    assert.deepEqual(leftovers(parent), []);
    // A successful save replaces it.
    saveCheckpoint(dir, { config, weights: modelTensors(6), meta: { which: 2 } });
    assert.deepEqual(loadCheckpoint(dir).meta, { which: 2 });
    assert.notDeepEqual(readFileSync(join(dir, "model.safetensors")), before);
    assert.deepEqual(leftovers(parent), []);
  });

  it("names the file and the mismatch when loading fails", () => {
    const dir = join(tmp, "errs");
    const w = modelTensors(7);
    saveCheckpoint(dir, { config, weights: w, tokenizerDir: tokDir });
    const expect = { wte: { shape: [32, 4] }, "h.0.ln_1.gamma": { shape: [4] }, "h.0.attn.c_attn.w": { shape: [4, 12] } };
    assert.equal(Object.keys(loadCheckpoint(dir, { expect }).weights).length, 3);
    assert.throws(() => loadCheckpoint(dir, { expect: { ...expect, "ln_f.gamma": { shape: [4] } } }), /model\.safetensors does not match the model: missing weights "ln_f\.gamma"/);
    const { wte: _drop, ...noWte } = expect;
    assert.throws(() => loadCheckpoint(dir, { expect: noWte }), /unknown weights "wte"/);
    assert.throws(() => loadCheckpoint(dir, { expect: { ...expect, wte: { shape: [30, 4] } } }), /weight "wte" is float32\[32,4\] but the model needs float32\[30,4\]/);
    assert.throws(() => loadCheckpoint(dir, { expect: { ...expect, wte: tf.zeros([32, 4], "int32") } }), /weight "wte" is float32\[32,4\] but the model needs int32\[32,4\]/);

    // A file from another checkpoint: shapes differ from state.json's list.
    const other = join(tmp, "other");
    saveCheckpoint(other, { config: { ...config, dModel: 8 }, weights: modelTensors(8, 8) });
    const bad1 = join(tmp, "bad1");
    saveCheckpoint(bad1, { config, weights: w });
    copyFileSync(join(other, "model.safetensors"), join(bad1, "model.safetensors"));
    assert.throws(() => loadCheckpoint(bad1), /bad1\/model\.safetensors: tensor "h\.0\.attn\.c_attn\.w" is F32\[8,24\] but state\.json says F32\[4,12\]/);

    // Truncated file, missing file, missing folder.
    const bytes = readFileSync(join(dir, "model.safetensors"));
    writeFileSync(join(bad1, "model.safetensors"), bytes.subarray(0, bytes.length - 4));
    assert.throws(() => loadCheckpoint(bad1), /bad1\/model\.safetensors: .*truncated/);
    rmSync(join(bad1, "model.safetensors"));
    assert.throws(() => loadCheckpoint(bad1), /missing .*bad1\/model\.safetensors/);
    rmSync(join(bad1, "config.json"));
    assert.throws(() => loadCheckpoint(bad1), /missing .*bad1\/config\.json \(model config\)/);
    assert.throws(() => loadCheckpoint(join(tmp, "never")), /never is not a folder; pass a folder written by saveCheckpoint/);
    writeFileSync(join(bad1, "state.json"), "{");
    assert.throws(() => loadCheckpoint(bad1), /bad1\/state\.json is not valid JSON/);

    // Tokenizer larger than the model's vocabulary.
    const small = join(tmp, "small-vocab");
    saveCheckpoint(small, { config: { ...config, vocabSize: 3 }, weights: w, tokenizerDir: tokDir });
    assert.throws(() => loadCheckpoint(small), /small-vocab\/tokenizer\.json has \d+ tokens but .*config\.json says vocabSize 3/);
  });

  it("points at the previous checkpoint when a save died mid-swap", () => {
    const parent = join(tmp, "swap");
    mkdirSync(join(parent, `ck.old-1-1`), { recursive: true });
    assert.throws(() => loadCheckpoint(join(parent, "ck")), /a save was interrupted mid-swap: the previous checkpoint is at .*ck\.old-1-1/);
  });
});
