/**
 * Summary statistics over returns and trajectories: the Table-1 columns (spec §2) and the helpers the
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

/** Half-width of a 95% confidence interval of the mean (normal approximation). */
export function ci95(xs: readonly number[]): number {
  return xs.length < 2 ? NaN : (1.96 * std(xs) * Math.sqrt(xs.length / (xs.length - 1))) / Math.sqrt(xs.length);
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
