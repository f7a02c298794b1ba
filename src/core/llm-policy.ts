/**
 * An agent policy backed by an OpenAI-compatible chat model (`llm.ts`): the paper's "GPT-4 (few-shot)"
 * baseline (LMRL-Gym Table 2) for any row and any model. The reference's GPT-4 scripts
 * (`llm_rl_scripts/maze/gpt4/gpt4_maze.py`, `gpt4_po_maze.py`, `wordle/misc/gpt4_wordle.py`) send one
 * system line, a task description, ONE example game (FO maze: the first three steps of the first
 * dataset trajectory; PO maze: the first dataset trajectory; Wordle: a hand-written example) and the
 * game so far, and ask for a JSON answer. Here the prompt is built the same way for every row from the
 * row's own texts, so no per-task prompt code is needed:
 *
 * - system: the row's id and `description`, its action rules (`actions`), "reply with the next action
 *   only, on one line", then `fewShot` example games (default 1, as the reference): the first
 *   trajectories of the row's default dataset (`lmrl data generate <row> --seed 0`), each cut after
 *   `exampleMaxActions` actions;
 * - user: the history exactly as a trained model sees it (`renderHistory`: the env's window, texts
 *   concatenated with their own newlines).
 *
 * The action is the first non-empty line of the reply with code fences, `<think>` blocks, surrounding
 * quotes and an "Action:" label removed (a JSON reply `{"action": ...}` as the reference asked for is
 * read too), plus "\n". An empty or odd reply is never an error: it becomes that action, and the env
 * applies its documented invalid-action rule. An endpoint that still fails after its retries throws an
 * `LlmError`: `evaluate` then rejects with no summary printed and nothing written (evaluation writes
 * no files; replies already received stay in the cache, so the same command again resumes from there).
 *
 * With temperature > 0 each call draws a seed from the episode's own stream (`rng`), sent as the API's
 * `seed` and part of the cache key: episodes sample independently, and a rerun replays them exactly.
 *
 * @example
 * const client = new LlmClient({ baseUrl: "http://127.0.0.1:8080/v1", model: "qwen2.5-7b-instruct" });
 * const policy = await llmPolicy(spec, client);
 * const s = await evaluate(spec, policy, { episodes: 25 });
 */
import { splitTrajectories } from "./generate";
import { LlmClient, type ChatMessage, type ChatReply } from "./llm";
import type { Rng } from "./rng";
import type { EnvSpec } from "./spec";
import { renderHistory } from "./text";
import type { History, Policy, Text, Trajectory } from "./types";

export interface LlmPolicyOptions {
  /** Example games in the prompt (default {@link DEFAULT_FEW_SHOT}; 0 for zero-shot). */
  readonly fewShot?: number;
  /** Each example game is cut after this many actions (default 20). */
  readonly exampleMaxActions?: number;
  /** Example trajectories to use instead of the row's dataset (first `fewShot` of them). */
  readonly examples?: readonly Trajectory[];
  /** Sampling temperature (default 0). */
  readonly temperature?: number;
  /** Most tokens a reply may have (default the client's, 64). */
  readonly maxTokens?: number;
  /** Requests in flight at once when the rollout asks for a batch of actions (default 4). */
  readonly concurrency?: number;
}

/** The reference GPT-4 scripts show one example game. */
export const DEFAULT_FEW_SHOT = 1;
export const DEFAULT_EXAMPLE_MAX_ACTIONS = 20;

/**
 * The first `k` trajectories of the row's default dataset (train split, seed 0: the first records of
 * `lmrl data generate <row>`), deterministic. Rows whose generator plays an engine start it for these.
 */
export async function fewShotExamples(spec: EnvSpec, k: number): Promise<Trajectory[]> {
  const out: Trajectory[] = [];
  if (k <= 0) return out;
  for await (const t of splitTrajectories(spec, "train", spec.dataset.defaultSize, 0)) {
    out.push(t);
    if (out.length >= k) break; // `break` closes the generator (and any engine it started)
  }
  return out;
}

/** An example game as the model would read it, cut after `maxActions` actions (and the observation that followed). */
export function renderExample(texts: readonly Text[], maxActions: number): string {
  let actions = 0;
  let end = texts.length;
  for (let i = 0; i < texts.length; i++) {
    if (texts[i].isAction && ++actions > maxActions) {
      end = i;
      break;
    }
  }
  const s = renderHistory(texts.slice(0, end));
  return end < texts.length ? `${s}(... the game went on)\n` : s;
}

/** The system message: the row, its action rules, the answer format and the example games. */
export function llmSystemPrompt(spec: EnvSpec, examples: readonly Trajectory[], maxActions = DEFAULT_EXAMPLE_MAX_ACTIONS): string {
  const parts = [
    `You are the agent in "${spec.id}", a text game of the LMRL-Gym benchmark. ${spec.description}`,
    `Actions: ${spec.actions}`,
    "Each user message is the game so far, exactly as the agent sees it: the game's texts and the agent's earlier actions, " +
      "each on its own line. Reply with the next action only, on one line, with no explanation, quotes or formatting.",
  ];
  examples.forEach((t, i) => {
    const label = examples.length === 1 ? "An example game" : `Example game ${i + 1}`;
    parts.push(`${label} (from the benchmark's offline dataset; its actions are not necessarily good):\n\`\`\`\n${renderExample(t.texts, maxActions)}\`\`\``);
  });
  return parts.join("\n\n");
}

/** The chat for one turn: the system message, then the history as the model sees it. */
export function llmMessages(system: string, history: History): ChatMessage[] {
  const shown = renderHistory(history);
  return [
    { role: "system", content: system },
    { role: "user", content: shown === "" ? "(the game has not shown anything yet)\n" : shown },
  ];
}

const QUOTES: ReadonlyArray<readonly [string, string]> = [['"', '"'], ["'", "'"], ["`", "`"], ["“", "”"], ["‘", "’"], ["«", "»"]];

/**
 * The action in a model's reply: the first non-empty line, without code fences, `<think>…</think>`
 * blocks, surrounding quotes or backticks, or a leading "Action:" label; a JSON object's "action"
 * (or "guess", "move", "question") field when the line is one. Returns the line plus "\n" — "\n"
 * alone for an empty reply. Never throws.
 *
 * @example
 * parseLlmAction("```\nmove up\n```");          // "move up\n"
 * parseLlmAction('{"action": "move left"}');   // "move left\n"
 * parseLlmAction("Action: \"c r a n e\"\nI chose it because..."); // "c r a n e\n"
 */
export function parseLlmAction(reply: string): string {
  let s = String(reply ?? "").replace(/<think>[\s\S]*?<\/think>/gi, "");
  s = s.replace(/<think>[\s\S]*$/i, ""); // a reasoning block cut off by max_tokens: no action in it
  const lines = s.split(/\r\n|\r|\n/).map((l) => l.trim()).filter((l) => l !== "" && !l.startsWith("```"));
  let line = lines[0] ?? "";
  if (line.startsWith("{")) {
    const field = jsonAction(line) ?? jsonAction(lines.join("\n")); // one line, or a JSON object spread over lines
    if (field !== undefined) line = field.trim();
  }
  for (let changed = true; changed; ) {
    changed = false;
    const labelled = /^(?:next\s+)?action\s*:\s*/i.exec(line);
    if (labelled) {
      line = line.slice(labelled[0].length).trim();
      changed = true;
    }
    for (const [open, close] of QUOTES) {
      if (line.length >= open.length + close.length && line.startsWith(open) && line.endsWith(close)) {
        line = line.slice(open.length, line.length - close.length).trim();
        changed = true;
      }
    }
  }
  return `${line.split(/\r\n|\r|\n/)[0]}\n`;
}

/** The "action" (or "guess", "move", "question") string of a JSON object text, else undefined. */
function jsonAction(text: string): string | undefined {
  try {
    const j = JSON.parse(text) as unknown;
    if (j === null || typeof j !== "object") return undefined;
    const v = ["action", "guess", "move", "question"].map((k) => (j as Record<string, unknown>)[k]).find((x) => typeof x === "string");
    return typeof v === "string" ? v : undefined;
  } catch {
    return undefined;
  }
}

/** Runs `fn` over `items` with at most `limit` in flight; the first failure aborts the rest and is thrown. */
async function mapPool<T, R>(items: readonly T[], limit: number, fn: (item: T, i: number, signal: AbortSignal) => Promise<R>): Promise<R[]> {
  const controller = new AbortController();
  const out = new Array<R>(items.length);
  let next = 0;
  let failed = false;
  let error: unknown;
  const worker = async () => {
    while (!failed && next < items.length) {
      const i = next++;
      try {
        out[i] = await fn(items[i], i, controller.signal);
      } catch (e) {
        if (!failed) {
          failed = true;
          error = e;
          controller.abort();
        }
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  if (failed) throw error;
  return out;
}

/**
 * The LLM policy of a row (see the module comment). Resolves the model name (asking the endpoint's
 * `/models` when none is configured) and builds the few-shot examples up front, so a wrong endpoint
 * fails before the first episode. `act` and `actBatch` reject with an `LlmError` when the endpoint
 * fails after its retries; an odd reply never throws.
 */
export async function llmPolicy(spec: EnvSpec, client: LlmClient, opts: LlmPolicyOptions = {}): Promise<Policy & { readonly system: string; readonly model: string }> {
  const k = opts.fewShot ?? DEFAULT_FEW_SHOT;
  if (!(Number.isInteger(k) && k >= 0)) throw new Error(`llmPolicy: fewShot must be an integer >= 0, got ${k}`);
  const temperature = opts.temperature ?? 0;
  if (!(Number.isFinite(temperature) && temperature >= 0)) throw new Error(`llmPolicy: temperature must be a number >= 0, got ${temperature}`);
  const concurrency = opts.concurrency ?? 4;
  if (!(Number.isInteger(concurrency) && concurrency >= 1)) throw new Error(`llmPolicy: concurrency must be an integer >= 1, got ${concurrency}`);
  const model = await client.model();
  const examples = opts.examples ? opts.examples.slice(0, k) : await fewShotExamples(spec, k);
  const system = llmSystemPrompt(spec, examples, opts.exampleMaxActions ?? DEFAULT_EXAMPLE_MAX_ACTIONS);
  const ask = (history: History, rng: Rng, signal?: AbortSignal): Promise<ChatReply> =>
    client.complete(
      {
        messages: llmMessages(system, history),
        temperature,
        ...(opts.maxTokens !== undefined ? { maxTokens: opts.maxTokens } : {}),
        // one draw per call from the episode's stream, only when sampling (greedy replies share the cache)
        ...(temperature > 0 ? { seed: rng.nextUint32() } : {}),
      },
      signal,
    );
  return {
    name: `llm:${model}`,
    model,
    system,
    async act(history: History, rng: Rng): Promise<string> {
      return parseLlmAction((await ask(history, rng)).content);
    },
    async actBatch(histories: readonly History[], rngs: readonly Rng[]): Promise<string[]> {
      // Each slot draws its seed (when sampling) from its own stream: the batch is deterministic whatever order replies arrive in.
      const calls = histories.map((h, i) => ({ h, rng: rngs[i] }));
      const replies = await mapPool(calls, concurrency, (c, _i, signal) => ask(c.h, c.rng, signal));
      return replies.map((r) => parseLlmAction(r.content));
    },
  };
}
