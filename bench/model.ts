/**
 * Model speed on the active tfjs backend: training tokens/s (forward + backward + AdamW with clipping)
 * and achieved GFLOP/s (6·params·tokens + attention) for config A (2 layers × d128 × 4 heads × T64 × B32,
 * vocab 512) and config B (4 layers × d256 × 4 heads × T256 × B16), their ratio to a 512×512 fp32 matMul
 * measured in the same run, and decode tokens/s with and without the KV cache (config A widths, batch 32,
 * 256 new tokens). Issue floor: A >= 4,000 tok/s on wasm; goal: >= 10x decode speed-up from the cache.
 * `LMRL_BENCH_QUICK=1` shortens every measurement (fewer steps, 64 decoded tokens).
 */
import * as tf from "@tensorflow/tfjs";
import { Rng } from "../src/core/rng";
import { initBackend } from "../src/model/backend";
import { generate } from "../src/model/generate";
import { Gpt, type GptConfig } from "../src/model/gpt";
import { softmaxCrossEntropy } from "../src/model/ops";
import { AdamW, byName } from "../src/model/optim";

const QUICK = process.env.LMRL_BENCH_QUICK === "1";

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** fp32 512×512 matMul GFLOP/s (median of 20 after warm-up). */
function matmulPeak(): number {
  const a = tf.randomNormal([512, 512]), b = tf.randomNormal([512, 512]);
  const times: number[] = [];
  for (let i = 0; i < 25; i++) {
    const t0 = performance.now();
    const c = tf.matMul(a, b);
    c.dataSync();
    const dt = performance.now() - t0;
    c.dispose();
    if (i >= 5) times.push(dt);
  }
  tf.dispose([a, b]);
  return (2 * 512 ** 3) / (median(times) / 1000) / 1e9;
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

export async function benchModel(): Promise<void> {
  const { backend, reason } = await initBackend();
  const peak = matmulPeak();
  console.log(JSON.stringify({ bench: "model", name: "matmul512", backend, gflops: +peak.toFixed(2), reason }));
  const A: GptConfig = { vocabSize: 512, nLayer: 2, nHead: 4, dModel: 128, blockSize: 64 };
  const Bc: GptConfig = { vocabSize: 512, nLayer: 4, nHead: 4, dModel: 256, blockSize: 256 };
  for (const [name, cfg, batch, warm, steps, floor] of [
    ["A", A, 32, 3, QUICK ? 3 : 7, 4000],
    ["B", Bc, 16, 1, QUICK ? 1 : 3, null],
  ] as const) {
    const r = trainSpeed(cfg, batch, warm, steps);
    console.log(
      JSON.stringify({
        bench: "model", name: "train", config: name, backend, ...cfg, batch,
        params: r.params, stepMs: +r.stepMs.toFixed(1), tokensPerSec: Math.round(r.tokensPerSec),
        gflops: +r.gflops.toFixed(2), vsMatmulPeak: +(r.gflops / peak).toFixed(3),
        floorTokensPerSec: floor, meetsFloor: floor === null ? null : r.tokensPerSec >= floor,
      }),
    );
  }
  const newTokens = QUICK ? 64 : 256;
  const withCache = decodeSpeed(A, 32, 16, newTokens, true);
  const without = decodeSpeed(A, 32, 16, newTokens, false);
  console.log(
    JSON.stringify({
      bench: "model", name: "decode", config: "A", backend, batch: 32, promptTokens: 16, newTokens,
      cacheTokensPerSec: Math.round(withCache), noCacheTokensPerSec: Math.round(without),
      speedup: +(withCache / without).toFixed(1), goalSpeedup: 10,
    }),
  );
}
