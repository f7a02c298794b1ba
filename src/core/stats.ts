/**
 * Summary statistics over returns and trajectories: the columns of the paper's Table 1 and the helpers the
 * evaluation and report code share.
 */
import type { DatasetStats, Trajectory } from "./types";

export function mean(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  let s = 0;
  for (const x of xs) s += x;
  return s / xs.length;
}

/** Population standard deviation (as numpy's default, which the paper's tables use). */
export function std(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  const m = mean(xs);
  let s = 0;
  for (const x of xs) s += (x - m) * (x - m);
  return Math.sqrt(s / xs.length);
}

/**
 * Sample standard deviation (divisor n − 1, numpy's `ddof=1`): the s of a t confidence interval.
 * NaN for fewer than two values.
 *
 * @example
 * sampleStd([96.5, 99.9, 99.4]); // ≈ 1.8358 (= √3.37)
 */
export function sampleStd(xs: readonly number[]): number {
  const n = xs.length;
  return n < 2 ? NaN : std(xs) * Math.sqrt(n / (n - 1));
}

// ---- Student's t quantile -------------------------------------------------------------------------

/** Above this many degrees of freedom the quantile comes from the normal one plus its 1/df expansion. */
const LARGE_DF = 1e5;

/** ln Γ(x) for x > 0 (Lanczos, g = 7, 9 terms; relative error ~1e-15). */
function lnGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - lnGamma(1 - x); // reflection
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  const z = x - 1;
  let a = c[0];
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += c[i] / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

/**
 * Continued fraction of the incomplete beta function, evaluated by the modified Lentz method
 * (Numerical Recipes §6.4 `betacf`). Converges quickly for x < (a + 1) / (a + b + 2).
 */
function betacf(a: number, b: number, x: number): number {
  const MAX_ITER = 10000;
  const EPS = 1e-16;
  const FPMIN = 1e-300;
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < FPMIN) d = FPMIN;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= MAX_ITER; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2)); // even step
    d = 1 + aa * d;
    if (Math.abs(d) < FPMIN) d = FPMIN;
    c = 1 + aa / c;
    if (Math.abs(c) < FPMIN) c = FPMIN;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2)); // odd step
    d = 1 + aa * d;
    if (Math.abs(d) < FPMIN) d = FPMIN;
    c = 1 + aa / c;
    if (Math.abs(c) < FPMIN) c = FPMIN;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) <= EPS) return h;
  }
  throw new Error(`betacf: continued fraction did not converge (a=${a}, b=${b}, x=${x})`);
}

/**
 * Regularized incomplete beta I_x(a, b), given x, y = 1 − x and their logarithms (passing y and the logs
 * separately keeps their precision when x is close to 1 or underflows).
 */
function incompleteBeta(x: number, y: number, lnX: number, lnY: number, a: number, b: number): number {
  if (lnX === -Infinity) return 0;
  if (lnY === -Infinity) return 1;
  const front = Math.exp(lnGamma(a + b) - lnGamma(a) - lnGamma(b) + a * lnX + b * lnY);
  return x < (a + 1) / (a + b + 2) ? (front * betacf(a, b, x)) / a : 1 - (front * betacf(b, a, y)) / b;
}

/** Upper tail P(T > t) of Student's t with `df` degrees of freedom, for t ≥ 0. */
function studentTUpperTail(t: number, df: number): number {
  // P(|T| > t) = I_x(df/2, 1/2) with x = df / (df + t²), y = 1 − x = t² / (df + t²)
  if (t < 1) {
    const t2 = t * t;
    const x = df / (df + t2);
    const y = t2 / (df + t2);
    return 0.5 * incompleteBeta(x, y, Math.log(x), Math.log(y), df / 2, 0.5);
  }
  const u = df / t / t; // x = u / (1 + u) without forming t², which overflows for |t| > 1e154
  const lnX = Math.log(df) - 2 * Math.log(t) - Math.log1p(u);
  return 0.5 * incompleteBeta(Math.exp(lnX), 1 / (1 + u), lnX, -Math.log1p(u), df / 2, 0.5);
}

/** Density of Student's t with `df` degrees of freedom. */
function studentTDensity(t: number, df: number): number {
  return Math.exp(
    lnGamma((df + 1) / 2) - lnGamma(df / 2) - 0.5 * Math.log(df * Math.PI) - ((df + 1) / 2) * Math.log1p((t * t) / df),
  );
}

/** Standard normal quantile Φ⁻¹(p), 0 < p < 1 (Wichura's AS 241 `PPND16`; relative error ~1e-16). */
function normalQuantile(p: number): number {
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    return (
      (q *
        (((((((2509.0809287301226727 * r + 33430.575583588128105) * r + 67265.770927008700853) * r + 45921.953931549871457) * r +
          13731.693765509461125) * r + 1971.5909503065514427) * r + 133.14166789178437745) * r + 3.387132872796366608)) /
      (((((((5226.495278852854561 * r + 28729.085735721942674) * r + 39307.89580009271061) * r + 21213.794301586595867) * r +
        5394.1960214247511077) * r + 687.1870074920579083) * r + 42.313330701600911252) * r + 1)
    );
  }
  let r = Math.sqrt(-Math.log(q < 0 ? p : 1 - p));
  let z: number;
  if (r <= 5) {
    r -= 1.6;
    z =
      (((((((7.7454501427834140764e-4 * r + 0.0227238449892691845833) * r + 0.24178072517745061177) * r + 1.27045825245236838258) * r +
        3.64784832476320460504) * r + 5.7694972214606914055) * r + 4.6303378461565452959) * r + 1.42343711074968357734) /
      (((((((1.05075007164441684324e-9 * r + 5.475938084995344946e-4) * r + 0.0151986665636164571966) * r + 0.14810397642748007459) * r +
        0.68976733498510000455) * r + 1.6763848301838038494) * r + 2.05319162663775882187) * r + 1);
  } else {
    r -= 5;
    z =
      (((((((2.01033439929228813265e-7 * r + 2.71155556874348757815e-5) * r + 1.2426609473880784386e-3) * r + 2.6532189526576123093e-2) * r +
        0.29656057182850489123) * r + 1.7848265399172913358) * r + 5.4637849111641143699) * r + 6.6579046435011037772) /
      (((((((2.04426310338993978564e-15 * r + 1.4215117583164458887e-7) * r + 1.8463183175100546818e-5) * r + 7.868691311456132591e-4) * r +
        0.0148753612908506148525) * r + 0.13692988092273580531) * r + 0.59983220655588793769) * r + 1);
  }
  return q < 0 ? -z : z;
}

/**
 * Quantile of Student's t distribution: the t with P(T ≤ t) = p for `df` degrees of freedom (df may be
 * fractional). The CDF is the regularized incomplete beta function (continued fraction, Numerical
 * Recipes `betacf`), inverted by Newton steps safeguarded by bisection to a relative tolerance of ~1e-12.
 * `df = Infinity` gives the normal quantile; above 1e5 degrees of freedom the normal quantile is
 * corrected by its Cornish–Fisher expansion in 1/df (Abramowitz & Stegun 26.7.5), exact to double
 * precision there.
 *
 * @example
 * studentTQuantile(0.975, 2); // 4.302652729...  (two-sided 95% with 3 samples)
 * studentTQuantile(0.025, 2); // -4.302652729...
 * studentTQuantile(0.975, Infinity); // 1.959963984...
 * @throws Error if p is not strictly between 0 and 1, or df is not a number ≥ 1.
 */
export function studentTQuantile(p: number, df: number): number {
  if (!(p > 0 && p < 1)) throw new Error(`studentTQuantile: p must be strictly between 0 and 1, got ${p}`);
  if (!(df >= 1)) throw new Error(`studentTQuantile: degrees of freedom must be >= 1 (or Infinity), got ${df}`);
  if (p === 0.5) return 0;
  if (df > LARGE_DF) {
    const z = normalQuantile(p);
    if (df === Infinity) return z;
    const z2 = z * z;
    const g1 = (z * (z2 + 1)) / 4;
    const g2 = (z * ((5 * z2 + 16) * z2 + 3)) / 96;
    const g3 = (z * (((3 * z2 + 19) * z2 + 17) * z2 - 15)) / 384;
    const g4 = (z * ((((79 * z2 + 776) * z2 + 1482) * z2 - 1920) * z2 - 945)) / 92160;
    return z + (g1 + (g2 + (g3 + g4 / df) / df) / df) / df;
  }
  // Solve P(T > t) = q for t > 0 on the smaller tail (keeps precision for p near 0 or 1), then sign.
  const q = Math.min(p, 1 - p);
  let lo = 0;
  let hi = 1;
  while (studentTUpperTail(hi, df) > q) {
    lo = hi;
    hi *= 2;
    if (!Number.isFinite(hi)) throw new Error(`studentTQuantile: no finite quantile for p=${p}, df=${df}`);
  }
  let t = Math.min(Math.max(Math.abs(normalQuantile(q)), lo), hi); // a start inside the bracket
  for (let i = 0; i < 200; i++) {
    const f = studentTUpperTail(t, df) - q; // decreasing in t
    if (f === 0) break;
    if (f > 0) lo = t;
    else hi = t;
    let next = t + f / studentTDensity(t, df); // Newton: d/dt P(T > t) = −density
    if (!(next > lo && next < hi)) next = (lo + hi) / 2; // bisect when Newton leaves the bracket
    const done = Math.abs(next - t) <= 1e-12 * Math.max(1, t) || hi - lo <= 1e-15 * Math.max(1, hi);
    t = next;
    if (done) break;
  }
  return p < 0.5 ? -t : t;
}

/**
 * Half-width of the 95% confidence interval of the mean: t_{0.975, n−1} · s / √n with s the sample
 * (n − 1) standard deviation. Student's t, not 1.96: with 3 seeds the multiplier is 4.30, not 1.96.
 * NaN for fewer than two values.
 *
 * @example
 * ci95([96.5, 99.9, 99.4]); // ≈ 4.56 (= 4.3027 · 1.8358 / √3)
 */
export function ci95(xs: readonly number[]): number {
  const n = xs.length;
  return n < 2 ? NaN : (studentTQuantile(0.975, n - 1) * sampleStd(xs)) / Math.sqrt(n);
}

/** Mean of a small sample with its 95% Student-t confidence half-width (see {@link ci95}). */
export interface MeanCi {
  mean: number;
  /** NaN for fewer than two values. */
  halfWidth: number;
  n: number;
  method: "95% Student-t CI";
}

/**
 * Mean and 95% Student-t confidence half-width of the mean.
 *
 * @example
 * meanCi([96.5, 99.9, 99.4]); // { mean: 98.6, halfWidth: ≈4.56, n: 3, method: "95% Student-t CI" }
 */
export function meanCi(xs: readonly number[]): MeanCi {
  return { mean: mean(xs), halfWidth: ci95(xs), n: xs.length, method: "95% Student-t CI" };
}

/**
 * A mean with its 95% Student-t CI as text that says what the interval is and over how many values.
 * One value prints without an interval; `unit` is the plural noun (a trailing "s" is dropped for one).
 *
 * @example
 * formatMeanCi([96.5, 99.9, 99.4]); // "98.6 ± 4.6 (95% t-CI, 3 seeds)"
 * formatMeanCi([97.3]); // "97.3 (1 seed, no CI)"
 * formatMeanCi([1, 2, 3, 4], 2, "episodes"); // "2.50 ± 2.05 (95% t-CI, 4 episodes)"
 */
export function formatMeanCi(xs: readonly number[], digits = 1, unit = "seeds"): string {
  const { mean: m, halfWidth, n } = meanCi(xs);
  if (n === 0) return `n/a (0 ${unit})`;
  if (n === 1) return `${m.toFixed(digits)} (1 ${unit.endsWith("s") ? unit.slice(0, -1) : unit}, no CI)`;
  return `${m.toFixed(digits)} ± ${halfWidth.toFixed(digits)} (95% t-CI, ${n} ${unit})`;
}

/** Undiscounted return of a trajectory. */
export function trajectoryReturn(t: Trajectory): number {
  let s = 0;
  for (const r of t.rewards) s += r;
  return s;
}

/** Number of agent utterances (the paper's trajectory length unit). */
export function trajectoryLength(t: Trajectory): number {
  let n = 0;
  for (const x of t.texts) if (x.isAction) n++;
  return n;
}

/** Streaming accumulator of the Table-1 columns; feed trajectories one at a time. */
export class StatsAccumulator {
  private n = 0;
  private sumLen = 0;
  private sumLen2 = 0;
  private sumRet = 0;
  private sumRet2 = 0;
  private successes = 0;

  add(t: Trajectory): void {
    const len = trajectoryLength(t);
    const ret = trajectoryReturn(t);
    this.n++;
    this.sumLen += len;
    this.sumLen2 += len * len;
    this.sumRet += ret;
    this.sumRet2 += ret * ret;
    if (t.meta?.success === true) this.successes++;
  }

  result(): DatasetStats {
    const n = this.n;
    const m = (s: number) => (n ? s / n : NaN);
    const sd = (s: number, s2: number) => (n ? Math.sqrt(Math.max(0, s2 / n - (s / n) ** 2)) : NaN);
    return {
      trajectories: n,
      meanLength: m(this.sumLen),
      stdLength: sd(this.sumLen, this.sumLen2),
      successRate: m(this.successes),
      meanReturn: m(this.sumRet),
      stdReturn: sd(this.sumRet, this.sumRet2),
    };
  }
}

/** Table-1 columns of an in-memory list of trajectories. */
export function datasetStats(trajectories: Iterable<Trajectory>): DatasetStats {
  const acc = new StatsAccumulator();
  for (const t of trajectories) acc.add(t);
  return acc.result();
}
