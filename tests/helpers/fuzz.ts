/**
 * Adversarial action strings for env fuzz tests: empty, huge, unicode, control characters, newlines,
 * and near-misses of the env's valid actions (case, spacing, truncation, duplication, insertions).
 */
import { Rng } from "../../src/core/rng";

const ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 \n\t\r.,;:!?'\"-_()[]{}<>/\\|@#$%^&*+=~`";
const SPECIALS = [
  "", " ", "\n", "\n\n", "\r\n", "\t", "\0", "\u0000move", "\uFEFF", "\u200B", "é", "🙂", "日本語", "\uD800", "\uDFFF",
  "null", "undefined", "NaN", "{}", "[]", "__proto__", "constructor", "toString", "hasOwnProperty",
  "<|pad|>", "<|endofturn|>", "%s%s%s", "${x}", "\\n", "a".repeat(100_000), "\n".repeat(1000), " ".repeat(5000),
];

function mutate(s: string, rng: Rng): string {
  switch (rng.int(10)) {
    case 0: return s.toUpperCase();
    case 1: return s.slice(0, rng.int(s.length + 1));
    case 2: return s + s;
    case 3: { const i = rng.int(s.length + 1); return s.slice(0, i) + ALPHABET[rng.int(ALPHABET.length)] + s.slice(i); }
    case 4: { const i = rng.int(Math.max(1, s.length)); return s.slice(0, i) + s.slice(i + 1); }
    case 5: return " " + s + " ";
    case 6: return s.replace(/ /g, "  ");
    case 7: return s + "\n" + s;
    case 8: return s.split("").reverse().join("");
    default: return s.replace(/\n$/, "") + "\n\n";
  }
}

/**
 * `count` fuzz strings, deterministic in `seed`. `valid` lists the env's valid actions so near-misses
 * can be made from them.
 */
export function fuzzActions(count: number, valid: readonly string[], seed = 0): string[] {
  const rng = new Rng(seed);
  const out: string[] = [...SPECIALS];
  while (out.length < count) {
    const k = rng.int(4);
    if (k === 0 || valid.length === 0) {
      const len = rng.int(rng.bernoulli(0.05) ? 3000 : 40);
      let s = "";
      for (let i = 0; i < len; i++) s += rng.bernoulli(0.05) ? String.fromCharCode(rng.int(0x10000)) : ALPHABET[rng.int(ALPHABET.length)];
      out.push(s);
    } else {
      let s = rng.choice(valid);
      for (let m = 1 + rng.int(3); m > 0; m--) s = mutate(s, rng);
      out.push(s);
    }
  }
  return out.slice(0, count);
}
