/**
 * Model speed, side by side: every available compute path (wasm, native-builtin, native-openblas) and a
 * PyTorch reference (bench/torch_ref.py with Debian's python3-torch, run by /usr/bin/python3; install it
 * with `apt-get install -y python3-torch`, else that line says it was skipped) in one invocation. Per path:
 * training tokens/s (forward + backward + AdamW with clipping) and achieved GFLOP/s (6·params·tokens +
 * attention) for config A (2 layers × d128 × 4 heads × T64 × B32, vocab 512) and config B (4 layers ×
 * d256 × 4 heads × T256 × B16), and KV-cache decode tokens/s (config A widths, batch 32, 16-token prompts,
 * 256 new tokens), each with its ratio to PyTorch's figure from the same run. The machine's 2 cores may be
 * shared, so PyTorch and the kit are measured alternately over `LMRL_BENCH_ROUNDS` rounds (default 3);
 * every round is printed, then a summary line per (config, path, threads) with the min / median / max
 * tokens/s and ratio to PyTorch over the rounds. Native paths run with 1 and with 2 pool threads
 * (separate figures; the results are bit-identical, only the speed differs), on an idle machine and
 * again with the other core taken by a busy loop the bench starts ("train-busy"); a summary line gives
 * the 2-thread / 1-thread speedup per round (min / median / max). A config-B training step's
 * peak RSS is measured per path in a fresh child process. `LMRL_BENCH_QUICK=1` shortens every
 * measurement; `LMRL_BENCH_PATHS=wasm,native-builtin` picks paths; `LMRL_BENCH_TORCH=0` skips PyTorch.
 */
import * as tf from "@tensorflow/tfjs";
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { Rng } from "../src/core/rng";
import { projectPath } from "../src/core/paths";
import { initBackend } from "../src/model/backend";
import { generate } from "../src/model/generate";
import { loadNative, type NativeVariant } from "../src/model/native";
import { Gpt, type GptConfig } from "../src/model/gpt";
import { softmaxCrossEntropy } from "../src/model/ops";
import { AdamW, byName } from "../src/model/optim";

const QUICK = process.env.LMRL_BENCH_QUICK === "1";

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function randomIds(rng: Rng, shape: [number, number], vocab: number): number[][] {
  return Array.from({ length: shape[0] }, () => Array.from({ length: shape[1] }, () => rng.int(vocab)));
}

/** Median training step (ms) and tokens/s for a config at batch B. */
function trainSpeed(cfg: GptConfig, B: number, warmup: number, steps: number) {
  const T = cfg.blockSize;
  const rng = new Rng(7);
  const model = new Gpt(cfg, { seed: 0 });
  const params = model.weights();
  const opt = new AdamW(params, { lr: 3e-4, weightDecay: 0.001, clipNorm: 1 });
  const seqs = randomIds(rng, [B, T + 1], cfg.vocabSize);
  const ids = tf.tensor2d(seqs.map((r) => r.slice(0, T)), [B, T], "int32");
  const tgt = tf.tensor1d(seqs.flatMap((r) => r.slice(1)), "int32");
  const times: number[] = [];
  let loss = 0;
  for (let s = 0; s < warmup + steps; s++) {
    const t0 = performance.now();
    const { value, grads } = tf.variableGrads(
      () => tf.mean(softmaxCrossEntropy(model.forward(ids).logits.reshape([B * T, cfg.vocabSize]) as tf.Tensor2D, tgt)) as tf.Scalar,
      Object.values(params),
    );
    opt.applyGradients(byName(params, grads)); // reads the grad norm: synchronises
    loss = value.dataSync()[0];
    tf.dispose([value, ...Object.values(grads)]);
    if (s >= warmup) times.push(performance.now() - t0);
  }
  const nParams = model.numParams();
  tf.dispose([ids, tgt]);
  opt.dispose();
  model.dispose();
  const stepMs = median(times);
  const tokens = B * T;
  // 6·N per token for the dense layers (fwd + bwd), plus attention scores and mixing: 12·L·T·D per token.
  const flops = 6 * nParams * tokens + 12 * cfg.nLayer * B * T * T * cfg.dModel;
  return { stepMs, tokensPerSec: tokens / (stepMs / 1000), gflops: flops / (stepMs / 1000) / 1e9, params: nParams, loss };
}

/** Decode tokens/s at batch B for `newTokens` continuation tokens, with and without the KV cache. */
function decodeSpeed(base: GptConfig, B: number, promptLen: number, newTokens: number, useCache: boolean): number {
  const cfg = { ...base, blockSize: promptLen + newTokens };
  const model = new Gpt(cfg, { seed: 0 });
  const prompts = randomIds(new Rng(3), [B, promptLen], cfg.vocabSize);
  generate(model, prompts.map((p) => p.slice(0, 4)), { maxNewTokens: 4, seed: 0, useCache }); // warm-up
  const t0 = performance.now();
  const out = generate(model, prompts, { maxNewTokens: newTokens, seed: 1, useCache });
  const seconds = (performance.now() - t0) / 1000;
  model.dispose();
  const produced = out.tokens.reduce((a, t) => a + t.length, 0);
  return produced / seconds;
}

const A: GptConfig = { vocabSize: 512, nLayer: 2, nHead: 4, dModel: 128, blockSize: 64 };
const Bc: GptConfig = { vocabSize: 512, nLayer: 4, nHead: 4, dModel: 256, blockSize: 256 };
const CONFIGS = { A: { cfg: A, batch: 32 }, B: { cfg: Bc, batch: 16 } } as const;

interface TorchFigures {
  train: Record<string, number>;
  decode?: number;
  skipped?: string;
}

/** Run bench/torch_ref.py once; its JSON lines are echoed and collected. */
function runTorch(): TorchFigures {
  const py = "/usr/bin/python3";
  if (process.env.LMRL_BENCH_TORCH === "0") return { train: {}, skipped: "LMRL_BENCH_TORCH=0" };
  if (!existsSync(py)) return { train: {}, skipped: `${py} not found` };
  const probe = spawnSync(py, ["-c", "import torch"], { encoding: "utf8" });
  if (probe.status !== 0) return { train: {}, skipped: "PyTorch not installed (apt-get install -y python3-torch)" };
  const r = spawnSync(py, [projectPath("bench", "torch_ref.py"), ...(QUICK ? ["--quick"] : [])], { encoding: "utf8", maxBuffer: 1 << 24 });
  if (r.status !== 0) return { train: {}, skipped: `torch_ref.py failed: ${(r.stderr || "").trim().split("\n").pop()}` };
  const out: TorchFigures = { train: {} };
  for (const line of r.stdout.split("\n")) {
    if (!line.trim()) continue;
    console.log(line);
    const j = JSON.parse(line) as { name: string; config: string; tokensPerSec: number };
    if (j.name === "train") out.train[j.config] = j.tokensPerSec;
    else if (j.name === "decode") out.decode = j.tokensPerSec;
  }
  return out;
}

/** Sets the native thread count of a native path (a no-op elsewhere); returns the threads in effect. */
function setThreads(path: string, n: number): number | null {
  if (!path.startsWith("native-")) return null;
  const loaded = loadNative(path.slice("native-".length) as NativeVariant);
  if ("error" in loaded) return null;
  loaded.lib.setThreads(n);
  return loaded.lib.info().threads;
}

/** Peak resident memory (MB) of a fresh process that takes config-B training steps on `path`. */
function peakRssOfConfigB(path: string): number | null {
  const r = spawnSync(process.execPath, ["--import", "tsx", projectPath("bench", "index.ts"), "model"], {
    encoding: "utf8",
    env: { ...process.env, LMRL_BENCH_RSS_CHILD: path },
    maxBuffer: 1 << 20,
  });
  const line = r.stdout.split("\n").find((l) => l.includes('"peakRssMb"'));
  return line ? (JSON.parse(line) as { peakRssMb: number }).peakRssMb : null;
}

function summary(xs: number[]): { min: number; median: number; max: number } {
  const s = [...xs].sort((a, b) => a - b);
  return { min: s[0], median: s[Math.floor((s.length - 1) / 2)], max: s[s.length - 1] };
}

export async function benchModel(): Promise<void> {
  const child = process.env.LMRL_BENCH_RSS_CHILD;
  if (child) {
    await initBackend(child);
    trainSpeed(Bc, CONFIGS.B.batch, 1, 1);
    console.log(JSON.stringify({ peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) }));
    return;
  }
  const rounds = Math.max(1, Number(process.env.LMRL_BENCH_ROUNDS ?? 3));
  const want = (process.env.LMRL_BENCH_PATHS ?? "wasm,native-builtin,native-openblas").split(",").map((x) => x.trim());
  const paths: string[] = [];
  for (const p of want) {
    try {
      await initBackend(p);
      paths.push(p);
    } catch (e) {
      console.log(JSON.stringify({ bench: "model", name: "path", path: p, available: false, reason: (e as Error).message }));
    }
  }
  const variants = paths.flatMap((p) => (p.startsWith("native-") ? [{ p, threads: 1 }, { p, threads: 2 }] : [{ p, threads: 0 }]));
  // Training with the other core taken by a busy loop this bench starts: 2 threads must never be slower than 1.
  const busyVariants = paths.filter((p) => p.startsWith("native-")).flatMap((p) => [{ p, threads: 1 }, { p, threads: 2 }]);
  const seen: Record<string, { tps: number[]; ratio: number[] }> = {};
  const record = (key: string, tps: number, ref: number | undefined) => {
    const e = (seen[key] ??= { tps: [], ratio: [] });
    e.tps.push(tps);
    if (ref) e.ratio.push(tps / ref);
  };
  for (let round = 1; round <= rounds; round++) {
    const torch = runTorch();
    if (torch.skipped) console.log(JSON.stringify({ bench: "model", name: "pytorch", skipped: torch.skipped }));
    const ratio = (x: number, ref: number | undefined) => (ref ? +(x / ref).toFixed(3) : null);
    for (const name of ["A", "B"] as const) {
      for (const { p, threads, busy } of [...variants.map((v) => ({ ...v, busy: false })), ...busyVariants.map((v) => ({ ...v, busy: true }))]) {
        const info = await initBackend(p);
        const th = threads ? setThreads(p, threads) : null;
        const { cfg, batch } = CONFIGS[name];
        const [warm, steps] = name === "A" ? [3, QUICK ? 3 : 10] : [1, QUICK ? 2 : 5];
        const loop = busy ? spawn(process.execPath, ["-e", "for (;;) {}"], { stdio: "ignore" }) : undefined;
        let r: ReturnType<typeof trainSpeed>;
        try {
          r = trainSpeed(cfg, batch, warm, steps);
        } finally {
          loop?.kill("SIGKILL");
        }
        record(`train${busy ? "-busy" : ""} ${name} ${p} ${th ?? "-"}`, r.tokensPerSec, torch.train[name]);
        console.log(
          JSON.stringify({
            bench: "model", name: busy ? "train-busy" : "train", config: name, path: p, threads: th, round, backend: info.backend, ...cfg, batch,
            params: r.params, stepMs: +r.stepMs.toFixed(1), tokensPerSec: Math.round(r.tokensPerSec),
            gflops: +r.gflops.toFixed(2), pytorchTokensPerSec: torch.train[name] ?? null, vsPytorch: ratio(r.tokensPerSec, torch.train[name]),
          }),
        );
      }
    }
    const newTokens = QUICK ? 64 : 256;
    for (const { p, threads } of variants) {
      await initBackend(p);
      const th = threads ? setThreads(p, threads) : null;
      const tps = decodeSpeed(A, 32, 16, newTokens, true);
      record(`decode A ${p} ${th ?? "-"}`, tps, torch.decode);
      console.log(
        JSON.stringify({
          bench: "model", name: "decode", config: "A", path: p, threads: th, round, batch: 32, promptTokens: 16, newTokens,
          tokensPerSec: Math.round(tps), pytorchTokensPerSec: torch.decode ?? null, vsPytorch: ratio(tps, torch.decode),
        }),
      );
    }
  }
  for (const [key, e] of Object.entries(seen)) {
    const [name, config, path, threads] = key.split(" ");
    const t = summary(e.tps);
    const r = e.ratio.length ? summary(e.ratio) : null;
    console.log(JSON.stringify({
      bench: "model", summary: true, name, config, path, threads: threads === "-" ? null : Number(threads), rounds: e.tps.length,
      tokensPerSec: { min: Math.round(t.min), median: Math.round(t.median), max: Math.round(t.max) },
      vsPytorch: r ? { min: +r.min.toFixed(2), median: +r.median.toFixed(2), max: +r.max.toFixed(2) } : null,
    }));
  }
  // 2 threads over 1 thread, per round (the two runs of a round are adjacent in time): idle and busy.
  for (const name of ["train", "train-busy"]) {
    for (const config of ["A", "B"]) {
      for (const p of paths.filter((x) => x.startsWith("native-"))) {
        const one = seen[`${name} ${config} ${p} 1`]?.tps, two = seen[`${name} ${config} ${p} 2`]?.tps;
        if (!one || !two) continue;
        const s = summary(two.map((t, i) => t / one[i]));
        console.log(JSON.stringify({ bench: "model", summary: true, name: `${name} 2 threads / 1 thread`, config, path: p, rounds: two.length, speedup: { min: +s.min.toFixed(2), median: +s.median.toFixed(2), max: +s.max.toFixed(2) } }));
      }
    }
  }
  for (const p of paths) console.log(JSON.stringify({ bench: "model", name: "peak-rss", config: "B", path: p, peakRssMb: peakRssOfConfigB(p) }));
}
