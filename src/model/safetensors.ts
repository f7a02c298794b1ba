/**
 * A dependency-free reader and writer of the safetensors format (huggingface/safetensors): an 8-byte
 * little-endian header length N, N bytes of JSON `{name: {dtype, shape, data_offsets: [begin, end]},
 * "__metadata__": {string: string}}` (space-padded so the data starts 8-byte aligned), then the raw
 * little-endian tensor bytes, contiguous, offsets relative to the end of the header.
 *
 * @example
 * const bytes = serializeSafetensors({ w: { dtype: "F32", shape: [2], data: new Float32Array([1, -2]) } }, { format: "pt" });
 * parseSafetensors(bytes).tensors.w.data; // Float32Array [1, -2]
 */
import { readFileSync, writeFileSync } from "node:fs";
import { endianness } from "node:os";

/** The dtypes this module reads and writes, with their typed-array constructors. */
const DTYPES = {
  F64: Float64Array,
  F32: Float32Array,
  I64: BigInt64Array,
  I32: Int32Array,
  U32: Uint32Array,
  I16: Int16Array,
  U16: Uint16Array,
  I8: Int8Array,
  U8: Uint8Array,
  BOOL: Uint8Array,
} as const;

export type SafeDtype = keyof typeof DTYPES;

export type SafeTypedArray =
  | Float64Array
  | Float32Array
  | BigInt64Array
  | Int32Array
  | Uint32Array
  | Int16Array
  | Uint16Array
  | Int8Array
  | Uint8Array;

/** One tensor: its dtype, shape (row-major) and data (length = product of shape). */
export interface SafeTensor {
  readonly dtype: SafeDtype;
  readonly shape: readonly number[];
  readonly data: SafeTypedArray;
}

/** A parsed file: tensors by name and the string-to-string `__metadata__`. */
export interface SafetensorsFile {
  readonly tensors: Record<string, SafeTensor>;
  readonly metadata: Record<string, string>;
}

/** One header entry, without data (what {@link readSafetensorsHeader} returns). */
export interface SafeTensorInfo {
  readonly dtype: SafeDtype;
  readonly shape: readonly number[];
  readonly dataOffsets: readonly [number, number];
}

/** A header larger than this is refused (the reference implementation's limit is 100 MB). */
const MAX_HEADER_BYTES = 100_000_000;

if (endianness() !== "LE") {
  throw new Error("safetensors.ts: this module copies typed arrays as-is and needs a little-endian CPU");
}

function isDtype(d: unknown): d is SafeDtype {
  return typeof d === "string" && Object.prototype.hasOwnProperty.call(DTYPES, d);
}

function numel(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/**
 * Serialises tensors (wider dtypes first, then by name) and optional string metadata into safetensors bytes.
 *
 * @example
 * const bytes = serializeSafetensors({ ids: { dtype: "I32", shape: [1, 3], data: new Int32Array([4, 5, 6]) } });
 */
export function serializeSafetensors(tensors: Record<string, SafeTensor>, metadata?: Record<string, string>): Uint8Array {
  const header: Record<string, unknown> = {};
  if (metadata && Object.keys(metadata).length > 0) {
    for (const [k, v] of Object.entries(metadata)) {
      if (typeof v !== "string") throw new Error(`serializeSafetensors: __metadata__.${k} must be a string, got ${typeof v} (JSON.stringify it first)`);
    }
    header.__metadata__ = metadata;
  }
  // Like the reference writer: wider dtypes first, then by name, so every tensor starts aligned to its
  // element size (the data itself starts 8-byte aligned).
  const width = (n: string) => DTYPES[tensors[n].dtype]?.BYTES_PER_ELEMENT ?? 0;
  const names = Object.keys(tensors).sort((a, b) => width(b) - width(a) || (a < b ? -1 : a > b ? 1 : 0));
  let offset = 0;
  for (const name of names) {
    if (name === "__metadata__") throw new Error(`serializeSafetensors: "__metadata__" is reserved and cannot name a tensor`);
    const t = tensors[name];
    if (!isDtype(t.dtype)) throw new Error(`serializeSafetensors: tensor "${name}" has dtype ${JSON.stringify(t.dtype)}; use one of ${Object.keys(DTYPES).join(", ")}`);
    for (const d of t.shape) {
      if (!Number.isInteger(d) || d < 0) throw new Error(`serializeSafetensors: tensor "${name}" has shape [${t.shape}]; dimensions must be non-negative integers`);
    }
    const want = DTYPES[t.dtype];
    if (!(t.data instanceof want)) throw new Error(`serializeSafetensors: tensor "${name}" is ${t.dtype} but its data is a ${t.data.constructor.name}; pass a ${want.name}`);
    if (t.data.length !== numel(t.shape)) throw new Error(`serializeSafetensors: tensor "${name}" has shape [${t.shape}] (${numel(t.shape)} elements) but ${t.data.length} values`);
    header[name] = { dtype: t.dtype, shape: [...t.shape], data_offsets: [offset, offset + t.data.byteLength] };
    offset += t.data.byteLength;
  }
  let json = JSON.stringify(header);
  const raw = new TextEncoder().encode(json);
  const padded = Math.ceil((8 + raw.length) / 8) * 8 - 8; // so the data starts 8-byte aligned
  json += " ".repeat(padded - raw.length);
  const headerBytes = new TextEncoder().encode(json);
  const out = new Uint8Array(8 + headerBytes.length + offset);
  new DataView(out.buffer).setBigUint64(0, BigInt(headerBytes.length), true);
  out.set(headerBytes, 8);
  let pos = 8 + headerBytes.length;
  for (const name of names) {
    const d = tensors[name].data;
    out.set(new Uint8Array(d.buffer, d.byteOffset, d.byteLength), pos);
    pos += d.byteLength;
  }
  return out;
}

/** Reads and validates the header; returns the entries, metadata and where the data starts. */
function parseHeader(bytes: Uint8Array, where: string): { infos: Record<string, SafeTensorInfo>; metadata: Record<string, string>; dataStart: number } {
  if (bytes.length < 8) throw new Error(`${where}: ${bytes.length} bytes is too short for a safetensors file (needs an 8-byte header length); the file is truncated or not safetensors`);
  const n = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getBigUint64(0, true);
  if (n > BigInt(MAX_HEADER_BYTES) || n > BigInt(bytes.length - 8)) {
    throw new Error(`${where}: header length ${n} does not fit in the ${bytes.length}-byte file (limit ${MAX_HEADER_BYTES}); the file is truncated or not safetensors`);
  }
  const headerLen = Number(n);
  let header: unknown;
  try {
    header = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(8, 8 + headerLen)));
  } catch (e) {
    throw new Error(`${where}: bad header: its ${headerLen} bytes are not UTF-8 JSON (${(e as Error).message})`);
  }
  if (header === null || typeof header !== "object" || Array.isArray(header)) throw new Error(`${where}: bad header: expected a JSON object, got ${Array.isArray(header) ? "an array" : typeof header}`);
  const dataStart = 8 + headerLen;
  const dataLen = bytes.length - dataStart;
  const metadata: Record<string, string> = {};
  const infos: Record<string, SafeTensorInfo> = {};
  const spans: [number, number, string][] = [];
  for (const [name, entry] of Object.entries(header as Record<string, unknown>)) {
    if (name === "__metadata__") {
      if (entry === null || typeof entry !== "object" || Array.isArray(entry)) throw new Error(`${where}: bad header: __metadata__ must be an object of strings`);
      for (const [k, v] of Object.entries(entry as Record<string, unknown>)) {
        if (typeof v !== "string") throw new Error(`${where}: bad header: __metadata__.${k} must be a string, got ${JSON.stringify(v)}`);
        metadata[k] = v;
      }
      continue;
    }
    const e = entry as { dtype?: unknown; shape?: unknown; data_offsets?: unknown };
    if (e === null || typeof e !== "object") throw new Error(`${where}: bad header: tensor "${name}" must be an object with dtype, shape, data_offsets`);
    if (!isDtype(e.dtype)) throw new Error(`${where}: tensor "${name}": dtype ${JSON.stringify(e.dtype)} is not supported (supported: ${Object.keys(DTYPES).join(", ")})`);
    if (!Array.isArray(e.shape) || !e.shape.every((d) => Number.isInteger(d) && d >= 0)) throw new Error(`${where}: tensor "${name}": shape ${JSON.stringify(e.shape)} must be an array of non-negative integers`);
    const off = e.data_offsets;
    if (!Array.isArray(off) || off.length !== 2 || !off.every((x) => Number.isInteger(x) && x >= 0) || off[1] < off[0]) {
      throw new Error(`${where}: tensor "${name}": data_offsets ${JSON.stringify(off)} must be [begin, end] with 0 <= begin <= end`);
    }
    const need = numel(e.shape as number[]) * DTYPES[e.dtype].BYTES_PER_ELEMENT;
    if (off[1] - off[0] !== need) throw new Error(`${where}: tensor "${name}": data_offsets ${JSON.stringify(off)} span ${off[1] - off[0]} bytes but shape [${e.shape}] of ${e.dtype} needs ${need}`);
    if (off[1] > dataLen) throw new Error(`${where}: tensor "${name}": data_offsets ${JSON.stringify(off)} run past the ${dataLen} data bytes; the file is truncated`);
    infos[name] = { dtype: e.dtype, shape: e.shape as number[], dataOffsets: [off[0], off[1]] };
    spans.push([off[0], off[1], name]);
  }
  spans.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let end = 0;
  for (const [b, e, name] of spans) {
    if (b !== end) throw new Error(`${where}: tensor "${name}" starts at data byte ${b} but the previous tensor ends at ${end}; tensors must be contiguous with no overlap or gap`);
    end = e;
  }
  if (end !== dataLen) throw new Error(`${where}: the tensors cover ${end} data bytes but the file has ${dataLen}; the file has trailing bytes or a truncated header`);
  return { infos, metadata, dataStart };
}

/**
 * Parses safetensors bytes into tensors (each copied into its own aligned typed array) and metadata.
 * Errors start with `where` (e.g. the file path) and name the tensor and the problem.
 *
 * @example
 * const { tensors, metadata } = parseSafetensors(readFileSync("model.safetensors"), "model.safetensors");
 */
export function parseSafetensors(bytes: Uint8Array, where = "safetensors"): SafetensorsFile {
  const { infos, metadata, dataStart } = parseHeader(bytes, where);
  const tensors: Record<string, SafeTensor> = {};
  for (const [name, info] of Object.entries(infos)) {
    const Ctor = DTYPES[info.dtype];
    const data = new Ctor(numel(info.shape));
    new Uint8Array(data.buffer).set(bytes.subarray(dataStart + info.dataOffsets[0], dataStart + info.dataOffsets[1]));
    tensors[name] = { dtype: info.dtype, shape: info.shape, data };
  }
  return { tensors, metadata };
}

/**
 * Writes tensors to a safetensors file.
 *
 * @example
 * writeSafetensors("/tmp/w.safetensors", { w: { dtype: "F32", shape: [1], data: new Float32Array([3]) } });
 */
export function writeSafetensors(path: string, tensors: Record<string, SafeTensor>, metadata?: Record<string, string>): void {
  writeFileSync(path, serializeSafetensors(tensors, metadata));
}

/**
 * Reads a safetensors file; errors name the path.
 *
 * @example
 * readSafetensors("/tmp/w.safetensors").tensors.w.shape; // [1]
 */
export function readSafetensors(path: string): SafetensorsFile {
  return parseSafetensors(readFileSync(path), path);
}

/**
 * The header of a safetensors file (names, dtypes, shapes, offsets and metadata), validated against
 * the file size, without building any tensor.
 *
 * @example
 * Object.keys(readSafetensorsHeader("/tmp/w.safetensors").tensors); // ["w"]
 */
export function readSafetensorsHeader(path: string): { tensors: Record<string, SafeTensorInfo>; metadata: Record<string, string> } {
  const { infos, metadata } = parseHeader(readFileSync(path), path);
  return { tensors: infos, metadata };
}
