/** Tensor test helpers shared by the model suites: seeded random tensors and a central-difference gradient check. */
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { Rng } from "../../src/core/rng";

/** A tensor of N(0, std²) draws from `rng`. */
export function randn(shape: number[], rng: Rng, std = 1): tf.Tensor {
  return tf.tensor(Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => rng.normal() * std), shape);
}

/**
 * Check d(sum(f(xs)·R))/dxs against central differences on every coordinate (inputs are small), with R
 * random from `seed`. eps 1e-2 in float32; tolerance 2e-2·max(1, |numeric|). Runs on the active backend.
 */
export function gradCheck(name: string, f: (...xs: tf.Tensor[]) => tf.Tensor, inputs: tf.Tensor[], seed = 0): void {
  const rng = new Rng(seed);
  const out = f(...inputs);
  const R = randn(out.shape, rng);
  const loss = (...xs: tf.Tensor[]) => tf.sum(tf.mul(f(...xs), R)) as tf.Scalar;
  const analytic = tf.grads(loss)(inputs).map((g) => g.dataSync() as Float32Array);
  const eps = 1e-2;
  inputs.forEach((x, i) => {
    const base = x.dataSync() as Float32Array;
    for (let j = 0; j < base.length; j++) {
      const val = (delta: number) => {
        const arr = Float32Array.from(base);
        arr[j] += delta;
        const xs = inputs.map((y, k) => (k === i ? tf.tensor(arr, x.shape) : y));
        const v = tf.tidy(() => loss(...xs).dataSync()[0]);
        xs[i].dispose();
        return v;
      };
      const numeric = (val(eps) - val(-eps)) / (2 * eps);
      const a = analytic[i][j];
      assert.ok(Math.abs(a - numeric) <= 2e-2 * Math.max(1, Math.abs(numeric)), `${name}: input ${i} coord ${j}: analytic ${a} vs numeric ${numeric}`);
    }
  });
}
