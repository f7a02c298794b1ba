import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ci95, formatMeanCi, mean, meanCi, sampleStd, std, studentTQuantile } from "../../src/core/stats";

const close = (actual: number, expected: number, tol: number, what: string) =>
  assert.ok(Math.abs(actual - expected) <= tol, `${what}: got ${actual}, expected ${expected} ± ${tol}`);

describe("studentTQuantile", () => {
  // Published Student-t table values (standard t tables, to the 9 significant figures R's qt() and
  // scipy.stats.t.ppf print), typed in here, not computed by this code; tolerance 1e-7 covers the rounding.
  const table: [p: number, df: number, t: number][] = [
    [0.975, 1, 12.7062047],
    [0.975, 2, 4.30265273],
    [0.975, 4, 2.77644511],
    [0.975, 9, 2.26215716],
    [0.975, 29, 2.04522964],
    [0.95, 3, 2.35336343],
  ];
  for (const [p, df, t] of table) {
    it(`t_{${p}, ${df}} = ${t}`, () => close(studentTQuantile(p, df), t, 1e-7, `t_{${p},${df}}`));
  }
  it("large df approaches the normal quantile: t_{0.975, 1e6} ≈ 1.959966, t_{0.975, ∞} = 1.959963985", () => {
    close(studentTQuantile(0.975, 1e6), 1.959966, 1e-6, "df 1e6");
    close(studentTQuantile(0.975, Infinity), 1.959963985, 1e-9, "df Infinity");
    assert.ok(studentTQuantile(0.975, 1e6) > studentTQuantile(0.975, Infinity));
  });
  it("is continuous across the large-df switch to the normal expansion", () => {
    for (const p of [0.6, 0.975, 0.995, 1e-6]) close(studentTQuantile(p, 1e5), studentTQuantile(p, 1e5 * (1 + 1e-12)), 1e-10, `p ${p}`);
  });
  it("lower tail is the negative of the upper tail", () => {
    for (const df of [1, 2, 4, 9, 29, 1e6]) {
      close(studentTQuantile(0.025, df), -studentTQuantile(0.975, df), 1e-10, `df ${df}`);
    }
    close(studentTQuantile(0.05, 3), -2.35336343, 1e-7, "t_{0.05,3}");
    assert.equal(studentTQuantile(0.5, 7), 0);
  });
  it("df 1 is the Cauchy distribution: t_p = tan(π(p − ½)) = −cot(πp), also far in the tail", () => {
    for (const p of [0.6, 0.9, 0.999, 1e-9]) {
      const exact = p < 0.5 ? -1 / Math.tan(Math.PI * p) : Math.tan(Math.PI * (p - 0.5)); // −cot(πp) keeps tiny p exact
      close(studentTQuantile(p, 1), exact, 1e-9 * Math.max(1, Math.abs(exact)), `p ${p}`);
    }
  });
  it("throws a clear error for df < 1 or p outside (0, 1)", () => {
    for (const df of [0, 0.5, -3, NaN]) assert.throws(() => studentTQuantile(0.975, df), /degrees of freedom must be >= 1/);
    for (const p of [0, 1, -0.1, 1.5, NaN]) assert.throws(() => studentTQuantile(p, 5), /p must be strictly between 0 and 1/);
  });
});

describe("ci95 / meanCi / formatMeanCi (Student t, sample std)", () => {
  const ilql = [96.5, 99.9, 99.4];
  // By hand: mean 98.6; deviations −2.1, 1.3, 0.8; Σd² = 4.41 + 1.69 + 0.64 = 6.74; s² = 6.74 / 2 = 3.37.
  const handHalfWidth = (4.30265273 * Math.sqrt(3.37)) / Math.sqrt(3); // ≈ 4.5603

  it("ci95 = t_{0.975, n−1} · s / √n with s the (n − 1) standard deviation", () => {
    close(ci95(ilql), handHalfWidth, 1e-6, "ci95");
    close(ci95(ilql), 4.5603, 1e-4, "ci95 rounded");
    close(sampleStd(ilql), Math.sqrt(3.37), 1e-12, "sampleStd");
  });
  it("ci95 is NaN below two values and 0 for identical values", () => {
    assert.ok(Number.isNaN(ci95([])));
    assert.ok(Number.isNaN(ci95([1])));
    assert.equal(ci95([2, 2, 2]), 0);
    close(ci95([0, 2]), 12.7062047, 1e-6, "n = 2: s = √2, s/√2 = 1"); // t_{0.975,1}
  });
  it("std stays the population standard deviation", () => {
    close(std(ilql), Math.sqrt(6.74 / 3), 1e-12, "std");
  });
  it("meanCi reports mean, half-width, n and the method", () => {
    const r = meanCi(ilql);
    close(r.mean, 98.6, 1e-9, "mean");
    close(r.halfWidth, handHalfWidth, 1e-6, "halfWidth");
    assert.equal(r.n, 3);
    assert.equal(r.method, "95% Student-t CI");
    assert.equal(r.mean, mean(ilql));
  });
  it("formatMeanCi says what the interval is and over how many seeds", () => {
    assert.equal(formatMeanCi(ilql), "98.6 ± 4.6 (95% t-CI, 3 seeds)");
    assert.equal(formatMeanCi(ilql, 2), "98.60 ± 4.56 (95% t-CI, 3 seeds)");
    assert.equal(formatMeanCi([97.3]), "97.3 (1 seed, no CI)");
    assert.equal(formatMeanCi([1, 2, 3, 4], 2, "episodes"), "2.50 ± 2.05 (95% t-CI, 4 episodes)");
  });
});
