/**
 * The hidden target of a guessing game (Twenty Questions' object, Guess My City's city): chosen at
 * reset from a fixed list, explicitly (`options[key]`), by index `seed mod n` (`options.deterministic`,
 * the reference's systematic evaluation mode) or uniformly with the env's seeded stream.
 */
import { checkSeed, Rng } from "./rng";
import type { ResetArgs } from "./types";

export interface HiddenTargets<T> {
  /** The env id, at the head of every error message. */
  readonly envId: string;
  /** The option naming a target explicitly ("object", "city"). */
  readonly key: string;
  readonly items: readonly T[];
  /** The target a name stands for, if any (case and variants as the task defines). */
  find(name: string): T | undefined;
  /** What to say after "<key> <value> is not one of the …": the list's size, examples, where to look. */
  readonly unknownHint: string;
}

/**
 * The target of a reset and the env's stream afterwards (re-seeded when `args.seed` is given, else
 * `rng` continues). Throws, naming the fix, on an unknown option, an unknown target, both an explicit
 * target and deterministic mode, or deterministic mode without a seed.
 *
 * @example
 * ({ item: this.current, rng: this.rng } = chooseHidden(args, this.rng, CITY_TARGETS));
 */
export function chooseHidden<T>(args: ResetArgs<object>, rng: Rng, t: HiddenTargets<T>): { item: T; rng: Rng } {
  const o = (args.options ?? {}) as Record<string, unknown>;
  const keys = ["deterministic", t.key];
  for (const k of Object.keys(o)) {
    if (!keys.includes(k)) throw new Error(`${t.envId}.reset: unknown option "${k}"; valid options: ${keys.join(", ")}`);
  }
  if (o.deterministic !== undefined && typeof o.deterministic !== "boolean") {
    throw new Error(`${t.envId}.reset: deterministic must be a boolean, got ${JSON.stringify(o.deterministic)}`);
  }
  let fixed: T | undefined;
  if (o[t.key] !== undefined) {
    const v = o[t.key];
    fixed = typeof v === "string" ? t.find(v) : undefined;
    if (!fixed) throw new Error(`${t.envId}.reset: ${t.key} ${JSON.stringify(v)} is not one of the ${t.unknownHint}`);
    if (o.deterministic) throw new Error(`${t.envId}.reset: ${t.key} and deterministic exclude each other; pass one of them`);
  }
  if (o.deterministic) {
    if (args.seed === undefined) throw new Error(`${t.envId}.reset: deterministic mode picks ${t.key} (seed mod ${t.items.length}); pass a seed`);
    checkSeed(args.seed, `${t.envId}.reset seed`);
  }
  const next = args.seed !== undefined ? new Rng(args.seed) : rng;
  const item = fixed ?? (o.deterministic ? t.items[args.seed! % t.items.length] : t.items[next.int(t.items.length)]);
  return { item, rng: next };
}
