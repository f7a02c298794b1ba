/**
 * Fault injection for the reliability tests (tests/reliability.test.ts): with
 * `LMRL_CRASH_AT=<point>[:<n>]` the process kills itself with SIGKILL the n-th time (default the first)
 * it passes `<point>`, exactly as a power cut or `kill -9` would, so the tests can stop a run inside the
 * few narrow windows a timer rarely hits (between the two renames of a checkpoint swap, during the
 * final evaluation). Unset, it costs one environment lookup per call.
 *
 * @example
 * crashPoint("checkpoint-swap");   // LMRL_CRASH_AT=checkpoint-swap:2 dies in the second swap
 */
const counts = new Map<string, number>();

export function crashPoint(name: string): void {
  const spec = process.env.LMRL_CRASH_AT;
  if (!spec) return;
  const [point, nth] = spec.split(":");
  if (point !== name) return;
  const n = (counts.get(name) ?? 0) + 1;
  counts.set(name, n);
  if (n === Number(nth ?? 1)) process.kill(process.pid, "SIGKILL");
}
