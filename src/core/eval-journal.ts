/**
 * An evaluation's journal: a JSON-lines file that gets one line per finished batch of episodes, so an
 * evaluation that was stopped (a killed `lmrl reproduce`, a machine going down) goes on after its last
 * whole batch instead of starting over — a Chess or Car Dealer evaluation on the paper's protocol runs
 * 9–14 minutes on one core. It is also the evaluation's per-episode record, texts included.
 *
 * Line 1 is a header naming what the episodes belong to (`key`: the evaluation seed, the batch size and
 * anything else the caller puts in it); a journal under another key is started afresh. Each further line
 * is `{"policy", "start", "episodes"}`, batches in order. A line cut short by a crash, and anything after
 * it, is dropped when the journal is opened (the file is rewritten atomically without it), so it always
 * holds whole batches. Non-finite numbers (an info field's NaN or Infinity) are written as
 * `{"$number": "NaN"}` and read back as numbers: resumed episodes equal the ones that were run.
 *
 * @example
 * const journal = openEvalJournal(join(stageDir, "episodes.jsonl"), { seed: 10000, batchSize: 32 });
 * const s = await evaluate(spec, policy, { seed: 10000, batchSize: 32, resume: journal.resume, onBatch: journal.record });
 */
import { appendFileSync, existsSync, readFileSync } from "node:fs";
import { writeFileAtomic } from "./atomic";
import type { EvalResume } from "./evaluate";
import { canonicalJson } from "./pipeline";
import type { Episode } from "./rollout";

const FORMAT = "lmrl-eval-journal";

export interface EvalJournal {
  readonly path: string;
  /** The whole batches found when the journal was opened (undefined: none), for `evaluate`'s `resume`. */
  readonly resume: EvalResume | undefined;
  /** Appends one finished batch: pass as `evaluate`'s `onBatch`. */
  readonly record: (policy: string, start: number, episodes: readonly Episode[]) => void;
}

const encode = (_key: string, v: unknown): unknown => (typeof v === "number" && !Number.isFinite(v) ? { $number: String(v) } : v);

const decode = (_key: string, v: unknown): unknown => {
  if (v === null || typeof v !== "object" || Array.isArray(v)) return v;
  const keys = Object.keys(v);
  const n = (v as { $number?: unknown }).$number;
  return keys.length === 1 && typeof n === "string" ? Number(n) : v;
};

const isEpisode = (e: unknown): e is Episode => {
  if (e === null || typeof e !== "object") return false;
  const x = e as Record<string, unknown>;
  const t = x.trajectory as Record<string, unknown> | null | undefined;
  return typeof x.return === "number" && typeof x.length === "number" && typeof x.success === "boolean" && typeof x.truncated === "boolean" &&
    typeof x.invalidActions === "number" && t !== null && typeof t === "object" && Array.isArray(t.texts) && Array.isArray(t.rewards);
};

/** One journal line as a batch starting at episode `start`, or null (torn, malformed or out of order). */
function parseBatch(line: string, start: number): { policy: string; episodes: Episode[] } | null {
  let v: unknown;
  try {
    v = JSON.parse(line, decode);
  } catch {
    return null;
  }
  if (v === null || typeof v !== "object") return null;
  const b = v as { policy?: unknown; start?: unknown; episodes?: unknown };
  if (typeof b.policy !== "string" || b.start !== start || !Array.isArray(b.episodes) || b.episodes.length === 0 || !b.episodes.every(isEpisode)) return null;
  return { policy: b.policy, episodes: b.episodes };
}

/**
 * Opens (or starts) the journal at `path` for the evaluation `key` names. What it already holds under
 * that key is in `resume`; anything else in the file is dropped.
 */
export function openEvalJournal(path: string, key: Readonly<Record<string, unknown>>): EvalJournal {
  const header = canonicalJson({ format: FORMAT, version: 1, key });
  const kept: string[] = [];
  const episodes: Episode[] = [];
  let policy = "";
  if (existsSync(path)) {
    const lines = readFileSync(path, "utf8").split("\n");
    if (lines[0] === header) {
      for (const line of lines.slice(1)) {
        const batch = parseBatch(line, episodes.length);
        if (!batch) break;
        kept.push(line);
        policy = batch.policy;
        episodes.push(...batch.episodes);
      }
    }
  }
  writeFileAtomic(path, [header, ...kept].map((l) => `${l}\n`).join(""));
  let next = episodes.length;
  return {
    path,
    resume: episodes.length > 0 ? { policy, episodes } : undefined,
    record: (p, start, batch) => {
      if (start !== next) throw new Error(`eval journal ${path}: batch starts at episode ${start}, expected ${next} (one journal per evaluation, batches in order)`);
      appendFileSync(path, `${JSON.stringify({ policy: p, start, episodes: batch }, encode)}\n`);
      next += batch.length;
    },
  };
}
