/**
 * A small client for any OpenAI-compatible chat-completions endpoint (OpenAI, vLLM, llama.cpp's
 * server, Ollama, LM Studio, ...), so an LLM can play the benchmark's rows as the paper's GPT-4
 * few-shot baseline did (LMRL-Gym Table 2, column "GPT-4 (few-shot)"; reference
 * `llm_rl_scripts/maze/gpt4/gpt4_maze.py`, `llm_rl_scripts/wordle/misc/gpt4_wordle.py`). The policy
 * built on it is in `llm-policy.ts`.
 *
 * - Node's global `fetch`, no dependency. It talks only to the endpoint it is given: the kit never
 *   downloads a model or anything else.
 * - Every request has a timeout (AbortController); network errors, timeouts, HTTP 429 and 5xx, and
 *   bodies that are not a chat completion are retried a bounded number of times with deterministic
 *   exponential backoff (`retryDelayMs · 2^k`, or the server's `Retry-After` when longer, capped).
 *   Other HTTP errors fail at once. Every failure is an {@link LlmError} naming the endpoint and what
 *   to do.
 * - Replies are cached as one JSON file per request under `runs/llm-cache/` by default, keyed by the
 *   sha256 of (model, messages, temperature, max_tokens, seed) — not the endpoint URL and never the API
 *   key — and written atomically, so a rerun is reproducible and runs offline once cached; `cacheOnly`
 *   fails on a miss instead of asking the endpoint.
 *
 * @example
 * const client = new LlmClient({ baseUrl: "http://127.0.0.1:8080/v1", model: "qwen2.5-7b-instruct" });
 * const reply = await client.complete({ messages: [{ role: "user", content: "Say hi" }] });
 * reply.content; // "Hi!"
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { writeFileAtomic } from "./atomic";
import { projectPath } from "./paths";

/** One chat message of the OpenAI chat-completions API. */
export interface ChatMessage {
  readonly role: "system" | "user" | "assistant";
  readonly content: string;
}

/** What one completion asks for (the client adds the model). */
export interface ChatRequest {
  readonly messages: readonly ChatMessage[];
  /** Sampling temperature (default 0: greedy, the reproducible choice). */
  readonly temperature?: number;
  /** Most tokens the reply may have (default {@link DEFAULT_MAX_TOKENS}). */
  readonly maxTokens?: number;
  /** Sent as the API's `seed` (best-effort determinism on servers that honour it) and part of the cache key. */
  readonly seed?: number;
}

export interface ChatReply {
  /** `choices[0].message.content` ("" when the model said nothing). */
  readonly content: string;
  /** True when the reply came from the cache (no request was made). */
  readonly cached: boolean;
  /** The cache key (sha256 hex) of the request. */
  readonly key: string;
}

/** Options of an {@link LlmClient}; each falls back to the environment, then to the default. */
export interface LlmClientOptions {
  /**
   * The API root, e.g. `http://127.0.0.1:8080/v1` or `https://api.openai.com/v1` (a URL ending in
   * `/chat/completions` is accepted too). Default: `LMRL_LLM_BASE_URL`. Not needed with `cacheOnly`.
   */
  readonly baseUrl?: string;
  /**
   * The model name sent with every request. Default: `LMRL_LLM_MODEL`; without either, the endpoint's
   * `GET /models` is asked and its model used when it serves exactly one (local servers).
   */
  readonly model?: string;
  /** The API key, sent as `Authorization: Bearer <key>`. Default: the variable `apiKeyEnv` names, else `LMRL_LLM_API_KEY`, else `OPENAI_API_KEY`. */
  readonly apiKey?: string;
  /** Name of the environment variable holding the API key (it must be set). */
  readonly apiKeyEnv?: string;
  /** Per-request timeout in ms (default 30,000). */
  readonly timeoutMs?: number;
  /** Retries after the first try (default 2: three tries in all). */
  readonly retries?: number;
  /** First backoff in ms, doubled after each retry (default 1,000). */
  readonly retryDelayMs?: number;
  /** Longest wait between tries, also the cap on `Retry-After` (default 30,000 ms). */
  readonly maxRetryDelayMs?: number;
  /** Cache folder (default `runs/llm-cache` in the kit); `null` turns the cache off. */
  readonly cacheDir?: string | null;
  /** Answer only from the cache: a miss is an error, the endpoint is never asked. */
  readonly cacheOnly?: boolean;
  /** Where the defaults are read (default `process.env`). */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/** The resolved settings of a client (no secret: the API key is kept apart). */
export interface LlmConfig {
  readonly baseUrl: string | undefined;
  readonly model: string | undefined;
  readonly timeoutMs: number;
  readonly retries: number;
  readonly retryDelayMs: number;
  readonly maxRetryDelayMs: number;
  readonly cacheDir: string | null;
  readonly cacheOnly: boolean;
  /** Where the API key came from (a variable name, "option"), or undefined when none is sent. */
  readonly apiKeySource: string | undefined;
}

export const DEFAULT_LLM_TIMEOUT_MS = 30_000;
export const DEFAULT_MAX_TOKENS = 64;
/** Version of the cache's key and file layout; bumping it invalidates every cached reply. */
export const LLM_CACHE_VERSION = 1;

/** A setting that cannot work (no endpoint, an unset key variable, a bad URL): the caller's to fix. */
export class LlmConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "LlmConfigError";
  }
}

export type LlmErrorKind = "timeout" | "network" | "http" | "malformed" | "cache-miss" | "model" | "aborted";

/** A request that failed for good (after its retries, or at once for errors a retry cannot fix). */
export class LlmError extends Error {
  constructor(
    message: string,
    readonly kind: LlmErrorKind,
    readonly endpoint: string | undefined,
    readonly tries: number,
    readonly status?: number,
  ) {
    super(message);
    this.name = "LlmError";
  }
}

const CHAT_SUFFIX = /\/chat\/completions\/?$/;

/** The API root of an endpoint URL: trailing "/" and "/chat/completions" removed; http(s) only. */
export function normalizeBaseUrl(url: string): string {
  let u: URL;
  try {
    u = new URL(url.trim());
  } catch {
    throw new LlmConfigError(`lmrl: the LLM endpoint "${url}" is not a URL; give the API root, e.g. http://127.0.0.1:8080/v1`);
  }
  if (u.protocol !== "http:" && u.protocol !== "https:") {
    throw new LlmConfigError(`lmrl: the LLM endpoint "${url}" must be an http:// or https:// URL, e.g. http://127.0.0.1:8080/v1`);
  }
  return u.toString().replace(CHAT_SUFFIX, "").replace(/\/+$/, "");
}

function positive(name: string, v: number | undefined, fallback: number, min: number): number {
  if (v === undefined) return fallback;
  if (!Number.isFinite(v) || v < min) throw new LlmConfigError(`lmrl: ${name} must be a number >= ${min}, got ${v}`);
  return v;
}

/**
 * Resolves options against the environment (see {@link LlmClientOptions}); returns the settings and
 * the API key. Throws an {@link LlmConfigError} when there is no endpoint (and not `cacheOnly`), when
 * `cacheOnly` has no model to key the cache with, or when `apiKeyEnv` names an unset variable.
 *
 * @example
 * resolveLlmConfig({}, { LMRL_LLM_BASE_URL: "http://127.0.0.1:8080/v1" }).config.baseUrl; // "http://127.0.0.1:8080/v1"
 */
export function resolveLlmConfig(opts: LlmClientOptions = {}, env: Readonly<Record<string, string | undefined>> = opts.env ?? process.env): { config: LlmConfig; apiKey: string | undefined } {
  const nonEmpty = (s: string | undefined) => (s !== undefined && s.trim() !== "" ? s.trim() : undefined);
  const cacheOnly = opts.cacheOnly ?? false;
  const rawUrl = nonEmpty(opts.baseUrl) ?? nonEmpty(env.LMRL_LLM_BASE_URL);
  if (rawUrl === undefined && !cacheOnly) {
    throw new LlmConfigError(
      "lmrl: no LLM endpoint: pass --endpoint URL (the API root, e.g. http://127.0.0.1:8080/v1 or https://api.openai.com/v1) " +
        "or set LMRL_LLM_BASE_URL",
    );
  }
  const model = nonEmpty(opts.model) ?? nonEmpty(env.LMRL_LLM_MODEL);
  if (cacheOnly && model === undefined) {
    throw new LlmConfigError("lmrl: --cache-only needs the model name the replies were cached under: pass --model M or set LMRL_LLM_MODEL");
  }
  let apiKey: string | undefined;
  let apiKeySource: string | undefined;
  if (opts.apiKey !== undefined) {
    apiKey = nonEmpty(opts.apiKey);
    apiKeySource = apiKey === undefined ? undefined : "option";
  } else if (opts.apiKeyEnv !== undefined) {
    apiKey = nonEmpty(env[opts.apiKeyEnv]);
    if (apiKey === undefined) throw new LlmConfigError(`lmrl: --api-key-env ${opts.apiKeyEnv}: the environment variable ${opts.apiKeyEnv} is not set (or empty)`);
    apiKeySource = opts.apiKeyEnv;
  } else {
    for (const name of ["LMRL_LLM_API_KEY", "OPENAI_API_KEY"]) {
      apiKey = nonEmpty(env[name]);
      if (apiKey !== undefined) {
        apiKeySource = name;
        break;
      }
    }
  }
  const config: LlmConfig = {
    baseUrl: rawUrl === undefined ? undefined : normalizeBaseUrl(rawUrl),
    model,
    timeoutMs: positive("the LLM timeout", opts.timeoutMs, DEFAULT_LLM_TIMEOUT_MS, 1),
    retries: Math.floor(positive("the LLM retries", opts.retries, 2, 0)),
    retryDelayMs: positive("the LLM retry delay", opts.retryDelayMs, 1000, 0),
    maxRetryDelayMs: positive("the longest LLM retry delay", opts.maxRetryDelayMs, 30_000, 0),
    cacheDir: opts.cacheDir === undefined ? projectPath("runs", "llm-cache") : opts.cacheDir,
    cacheOnly,
    apiKeySource,
  };
  return { config, apiKey };
}

/** The request fields the cache key covers, in a fixed order (the endpoint URL and the API key are not among them). */
export interface CachedRequest {
  readonly model: string;
  readonly messages: readonly ChatMessage[];
  readonly temperature: number;
  readonly max_tokens: number;
  readonly seed: number | null;
}

/** The canonical request (fixed field order, only role and content per message). */
export function cachedRequest(model: string, req: ChatRequest): CachedRequest {
  return {
    model,
    messages: req.messages.map((m) => ({ role: m.role, content: m.content })),
    temperature: req.temperature ?? 0,
    max_tokens: req.maxTokens ?? DEFAULT_MAX_TOKENS,
    seed: req.seed ?? null,
  };
}

/** sha256 hex of the canonical request and the cache version. */
export function llmCacheKey(request: CachedRequest): string {
  return createHash("sha256").update(JSON.stringify({ v: LLM_CACHE_VERSION, ...request })).digest("hex");
}

/** One cache file: the request (without endpoint or key) and the reply. */
interface CacheFile {
  readonly version: number;
  readonly key: string;
  readonly request: CachedRequest;
  readonly content: string;
  /** The `model` field of the server's answer, when it gave one. */
  readonly servedModel?: string;
}

/** `<dir>/<first two hex digits>/<key>.json` (256 sub-folders keep a long evaluation's folders small). */
export function llmCachePath(dir: string, key: string): string {
  return join(dir, key.slice(0, 2), `${key}.json`);
}

function snippet(text: string, n = 200): string {
  const s = text.replace(/\s+/g, " ").trim();
  return JSON.stringify(s.length > n ? `${s.slice(0, n)}…` : s);
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (ms <= 0 || signal?.aborted) return resolve();
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal?.removeEventListener("abort", done);
      resolve();
    }
    signal?.addEventListener("abort", done, { once: true });
  });

/** One failed try: whether a retry may help, and what to tell the user if it is the last. */
interface Failure {
  readonly kind: LlmErrorKind;
  readonly retry: boolean;
  readonly detail: string;
  readonly status?: number;
  /** The server's Retry-After, in ms. */
  readonly retryAfterMs?: number;
}

class TryFailed extends Error {
  constructor(readonly failure: Failure) {
    super(failure.detail);
  }
}

function seconds(ms: number): string {
  return `${Number((ms / 1000).toPrecision(3))} s`;
}

/**
 * The chat-completions client. `complete` answers from the cache when it can, else asks the endpoint
 * (with timeout and retries) and caches the reply. Counters: `requests` (HTTP requests sent, retries
 * included), `cacheHits`.
 */
export class LlmClient {
  readonly config: LlmConfig;
  /** HTTP requests sent (each retry counts). */
  requests = 0;
  /** Replies answered from the cache. */
  cacheHits = 0;
  private readonly apiKey: string | undefined;
  private modelPromise: Promise<string> | undefined;
  /** Requests in flight by cache key: the same request asked twice at once is sent once. */
  private readonly inflight = new Map<string, Promise<ChatReply>>();

  constructor(opts: LlmClientOptions = {}) {
    const { config, apiKey } = resolveLlmConfig(opts);
    this.config = config;
    this.apiKey = apiKey;
  }

  /** The endpoint for messages ("the LLM endpoint <url>"). */
  private get where(): string {
    return this.config.baseUrl ?? "(none: cache only)";
  }

  private headers(json: boolean): Record<string, string> {
    const h: Record<string, string> = { accept: "application/json" };
    if (json) h["content-type"] = "application/json";
    if (this.apiKey !== undefined) h.authorization = `Bearer ${this.apiKey}`;
    return h;
  }

  /**
   * The model name: the configured one, else the endpoint's only model (`GET <base>/models`). Throws an
   * {@link LlmError} of kind "model" when the endpoint lists none or several, or cannot list them.
   */
  model(signal?: AbortSignal): Promise<string> {
    if (this.config.model !== undefined) return Promise.resolve(this.config.model);
    this.modelPromise ??= this.askModel(signal).catch((e: unknown) => {
      this.modelPromise = undefined;
      throw e;
    });
    return this.modelPromise;
  }

  private async askModel(signal?: AbortSignal): Promise<string> {
    const url = `${this.config.baseUrl}/models`;
    let body: unknown;
    try {
      body = await this.withRetries("GET", url, signal, async (s) => {
        const res = await fetch(url, { method: "GET", headers: this.headers(false), signal: s });
        return this.readJson(res);
      });
    } catch (e) {
      if (e instanceof LlmError && e.kind !== "aborted") {
        throw new LlmError(`${e.message}\nlmrl: without a model name the kit asks GET ${url}; pass --model M or set LMRL_LLM_MODEL instead`, "model", this.config.baseUrl, e.tries, e.status);
      }
      throw e;
    }
    const data = (body as { data?: unknown } | null)?.data;
    const ids = Array.isArray(data) ? data.map((m) => (m as { id?: unknown } | null)?.id).filter((id): id is string => typeof id === "string") : [];
    if (ids.length === 1) return ids[0];
    throw new LlmError(
      ids.length === 0
        ? `lmrl: the LLM endpoint ${this.where} lists no model at GET ${url}; pass --model M or set LMRL_LLM_MODEL`
        : `lmrl: the LLM endpoint ${this.where} serves ${ids.length} models (${ids.slice(0, 8).join(", ")}${ids.length > 8 ? ", ..." : ""}); pick one with --model M or LMRL_LLM_MODEL`,
      "model",
      this.config.baseUrl,
      1,
    );
  }

  /**
   * One chat completion: from the cache when the same (model, messages, temperature, max_tokens, seed)
   * was answered before (or is being asked right now), else from the endpoint. `signal` aborts waiting
   * (other requests of a batch failed). Throws an {@link LlmError}.
   */
  async complete(req: ChatRequest, signal?: AbortSignal): Promise<ChatReply> {
    const model = await this.model(signal);
    const request = cachedRequest(model, req);
    const key = llmCacheKey(request);
    const pending = this.inflight.get(key);
    if (pending !== undefined) return pending;
    const p = this.lookupOrAsk(model, request, key, signal);
    this.inflight.set(key, p);
    try {
      return await p;
    } finally {
      this.inflight.delete(key);
    }
  }

  private async lookupOrAsk(model: string, request: CachedRequest, key: string, signal?: AbortSignal): Promise<ChatReply> {
    const dir = this.config.cacheDir;
    if (dir !== null) {
      const hit = this.readCache(dir, key, request);
      if (hit !== undefined) {
        this.cacheHits++;
        return { content: hit, cached: true, key };
      }
    }
    if (this.config.cacheOnly || this.config.baseUrl === undefined) {
      throw new LlmError(
        `lmrl: no cached LLM reply for this request (model ${model}, key ${key}) in ${dir ?? "(no cache folder)"}, and --cache-only forbids asking the endpoint; ` +
          "run once without --cache-only (with the same model, temperature, seed and few-shot count) to fill the cache",
        "cache-miss",
        this.config.baseUrl,
        0,
      );
    }
    const url = `${this.config.baseUrl}/chat/completions`;
    const payload = JSON.stringify({
      model,
      messages: request.messages,
      temperature: request.temperature,
      max_tokens: request.max_tokens,
      ...(request.seed !== null ? { seed: request.seed } : {}),
    });
    const { content, servedModel } = await this.withRetries("POST", url, signal, async (s) => {
      const res = await fetch(url, { method: "POST", headers: this.headers(true), body: payload, signal: s });
      return parseCompletion(await this.readJson(res));
    });
    if (dir !== null) {
      const file: CacheFile = { version: LLM_CACHE_VERSION, key, request, content, ...(servedModel !== undefined ? { servedModel } : {}) };
      writeFileAtomic(llmCachePath(dir, key), JSON.stringify(file, null, 1) + "\n");
    }
    return { content, cached: false, key };
  }

  /** The cached content for `key`, or undefined (missing, unreadable, or another request under the same key). */
  private readCache(dir: string, key: string, request: CachedRequest): string | undefined {
    let text: string;
    try {
      text = readFileSync(llmCachePath(dir, key), "utf8");
    } catch {
      return undefined;
    }
    try {
      const f = JSON.parse(text) as Partial<CacheFile>;
      if (f.version !== LLM_CACHE_VERSION || typeof f.content !== "string" || JSON.stringify(f.request) !== JSON.stringify(request)) return undefined;
      return f.content;
    } catch {
      return undefined; // a damaged file is asked again and rewritten
    }
  }

  /** The body of a response as JSON; HTTP errors and non-JSON bodies become failures. */
  private async readJson(res: Response): Promise<unknown> {
    const text = await res.text();
    if (!res.ok) {
      const retryAfter = Number(res.headers.get("retry-after"));
      throw new TryFailed({
        kind: "http",
        retry: res.status === 429 || res.status >= 500,
        status: res.status,
        detail: `HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ""}: ${snippet(text)}`,
        ...(Number.isFinite(retryAfter) && retryAfter >= 0 ? { retryAfterMs: retryAfter * 1000 } : {}),
      });
    }
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new TryFailed({ kind: "malformed", retry: true, detail: `a body that is not JSON: ${snippet(text)}` });
    }
  }

  /** Runs `attempt` with a per-try timeout, retrying what may pass on a second try. */
  private async withRetries<T>(method: string, url: string, outer: AbortSignal | undefined, attempt: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const { retries, timeoutMs } = this.config;
    let last: Failure | undefined;
    let tries = 0;
    for (let k = 0; k <= retries; k++) {
      if (k > 0) {
        const backoff = Math.min(this.config.maxRetryDelayMs, Math.max(this.config.retryDelayMs * 2 ** (k - 1), last?.retryAfterMs ?? 0));
        await sleep(backoff, outer);
      }
      if (outer?.aborted) throw new LlmError(`lmrl: the request to the LLM endpoint ${this.where} was cancelled`, "aborted", this.config.baseUrl, tries);
      const controller = new AbortController();
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        controller.abort();
      }, timeoutMs);
      const onOuter = () => controller.abort();
      outer?.addEventListener("abort", onOuter, { once: true });
      tries++;
      this.requests++;
      try {
        return await attempt(controller.signal);
      } catch (e) {
        if (e instanceof TryFailed) last = e.failure;
        else if (timedOut) last = { kind: "timeout", retry: true, detail: `no answer within ${seconds(timeoutMs)}` };
        else if (outer?.aborted) throw new LlmError(`lmrl: the request to the LLM endpoint ${this.where} was cancelled`, "aborted", this.config.baseUrl, tries);
        else {
          const cause = (e as { cause?: { code?: string; message?: string } }).cause;
          const why = cause?.code ?? cause?.message ?? (e as Error).message;
          last = { kind: "network", retry: true, detail: String(why) };
        }
        if (!last.retry) break;
      } finally {
        clearTimeout(timer);
        outer?.removeEventListener("abort", onOuter);
      }
    }
    throw this.failure(method, url, last!, tries);
  }

  /** The final error for a request that failed `tries` times, ending with what the user can do. */
  private failure(method: string, url: string, f: Failure, tries: number): LlmError {
    const at = `the LLM endpoint ${this.where}`;
    const n = `${tries} ${tries === 1 ? "try" : "tries"}`;
    let msg: string;
    switch (f.kind) {
      case "timeout":
        msg = `lmrl: ${at} did not answer within ${seconds(this.config.timeoutMs)} (${n}); check the server or raise --llm-timeout`;
        break;
      case "network":
        msg = `lmrl: cannot reach ${at} (${f.detail}; ${n}); is the server running and is --endpoint (or LMRL_LLM_BASE_URL) right?`;
        break;
      case "malformed":
        msg = `lmrl: ${at} answered ${method} ${url} with ${f.detail} (${n}); is it an OpenAI-compatible chat-completions server? ` +
          "It must answer {\"choices\": [{\"message\": {\"content\": ...}}]}";
        break;
      default: {
        const s = f.status ?? 0;
        const hint =
          s === 401 || s === 403
            ? `check the API key (${this.config.apiKeySource ? `sent from ${this.config.apiKeySource}` : "none was sent"}; set --api-key-env NAME, LMRL_LLM_API_KEY or OPENAI_API_KEY)`
            : s === 404
              ? "check that --endpoint is the API root (e.g. http://127.0.0.1:8080/v1) and that the server serves the model (--model)"
              : s === 429
                ? "the server is rate-limiting: try again later or lower --llm-concurrency"
                : s >= 500
                  ? "the server failed: check its log, or try again later"
                  : "the server refused the request: check --model and the server's limits";
        msg = `lmrl: ${at} answered ${method} ${url} with ${f.detail} (${n}); ${hint}`;
      }
    }
    return new LlmError(msg, f.kind, this.config.baseUrl, tries, f.status);
  }
}

/** `choices[0].message.content` of a chat-completions body, or a (retryable) failure naming what is missing. */
function parseCompletion(body: unknown): { content: string; servedModel?: string } {
  const choices = (body as { choices?: unknown } | null)?.choices;
  const message = Array.isArray(choices) ? (choices[0] as { message?: unknown } | undefined)?.message : undefined;
  const content = (message as { content?: unknown } | null | undefined)?.content;
  if (typeof content !== "string") {
    const why = !Array.isArray(choices) ? "no choices" : choices.length === 0 ? "choices is empty" : message === undefined || message === null ? "no message" : "content is not a string";
    throw new TryFailed({ kind: "malformed", retry: true, detail: `JSON without a string choices[0].message.content (${why}): ${snippet(JSON.stringify(body))}` });
  }
  const served = (body as { model?: unknown }).model;
  return { content, ...(typeof served === "string" ? { servedModel: served } : {}) };
}
