/**
 * The LLM policy (src/core/llm.ts, src/core/llm-policy.ts) against chat-completions servers started
 * here on 127.0.0.1 (node:http, port 0): the client's request, key header, retries, timeouts, malformed
 * answers and cache; the reply parser; and `lmrl eval <row> --policy llm` end to end, scored against
 * what the served actions imply. Nothing here leaves 127.0.0.1.
 */
import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { createServer, type IncomingHttpHeaders, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { evaluate } from "../../src/core/evaluate";
import { LlmClient, LlmConfigError, LlmError, llmCachePath, normalizeBaseUrl } from "../../src/core/llm";
import { fewShotExamples, llmPolicy, llmSystemPrompt, parseLlmAction, renderExample } from "../../src/core/llm-policy";
import { Rng } from "../../src/core/rng";
import { renderHistory } from "../../src/core/text";
import { MOVE_TEXTS, optimalMove, parseFoPosition } from "../../src/tasks/maze/index";
import { getEnvSpec } from "../../src/tasks/index";
import { runCli } from "../helpers/cli";

// ---------------------------------------------------------------------------------------------------
// A chat-completions server on 127.0.0.1 whose answers the test scripts

interface Seen {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: any;
}

interface Answer {
  readonly status?: number;
  /** A string is sent as is; anything else as JSON. */
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
  /** Wait this long before answering; Infinity: never answer. */
  readonly delayMs?: number;
}

interface TestServer {
  /** The API root, http://127.0.0.1:<port>/v1 */
  readonly base: string;
  readonly seen: Seen[];
  /** Chat-completion requests seen. */
  chats(): number;
  close(): Promise<void>;
}

/** A chat-completions body with `content` as the reply. */
function chat(content: string): unknown {
  return { id: "chatcmpl-test", object: "chat.completion", model: "test-model", choices: [{ index: 0, message: { role: "assistant", content }, finish_reason: "stop" }] };
}

const servers: TestServer[] = [];

/** Starts a server; `GET /models` lists `models`, every other request gets `answer(request, index)`. */
async function serve(answer: (req: Seen, n: number) => Answer, models: readonly string[] = ["test-model"]): Promise<TestServer> {
  const seen: Seen[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const server = createServer((req, res: ServerResponse) => {
    let raw = "";
    req.setEncoding("utf8");
    req.on("data", (c: string) => (raw += c));
    req.on("end", () => {
      let body: unknown = raw;
      try {
        body = raw ? JSON.parse(raw) : undefined;
      } catch {
        // keep the text
      }
      const s: Seen = { method: req.method ?? "", path: req.url ?? "", headers: req.headers, body };
      seen.push(s);
      const a = req.url?.endsWith("/models") && req.method === "GET" ? { body: { object: "list", data: models.map((id) => ({ id, object: "model" })) } } : answer(s, seen.length - 1);
      const send = () => {
        if (res.destroyed) return;
        res.writeHead(a.status ?? 200, { "content-type": "application/json", ...(a.headers ?? {}) });
        res.end(typeof a.body === "string" ? a.body : JSON.stringify(a.body ?? chat("")));
      };
      if (a.delayMs === Infinity) return; // stall: the client's timeout must fire
      if (a.delayMs) {
        const t: NodeJS.Timeout = setTimeout(() => (timers.delete(t), send()), a.delayMs);
        timers.add(t);
      } else send();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  const t: TestServer = {
    base: `http://127.0.0.1:${port}/v1`,
    seen,
    chats: () => seen.filter((s) => s.path.endsWith("/chat/completions")).length,
    close: () =>
      new Promise<void>((resolve) => {
        for (const x of timers) clearTimeout(x);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  servers.push(t);
  return t;
}

/** The last user message of a chat request (the history as the model sees it). */
function lastUser(s: Seen): string {
  const msgs = (s.body?.messages ?? []) as { role: string; content: string }[];
  return [...msgs].reverse().find((m) => m.role === "user")?.content ?? "";
}

const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), "lmrl-llm-"));
  dirs.push(d);
  return d;
};

/** Every file under `dir`, recursively. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

// The user's own LLM settings must not leak into the tests (nor the tests' into them).
const ENV_KEYS = ["LMRL_LLM_BASE_URL", "LMRL_LLM_MODEL", "LMRL_LLM_API_KEY", "OPENAI_API_KEY", "LMRL_TEST_LLM_KEY"];
const savedEnv: Record<string, string | undefined> = {};
before(() => {
  for (const k of ENV_KEYS) {
    savedEnv[k] = process.env[k];
    delete process.env[k];
  }
});
after(async () => {
  for (const k of ENV_KEYS) if (savedEnv[k] === undefined) delete process.env[k]; else process.env[k] = savedEnv[k];
  await Promise.all(servers.map((s) => s.close()));
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** Fast-failing client settings for the failure tests. */
const FAST = { retries: 2, retryDelayMs: 5, cacheDir: null } as const;
const ask = { messages: [{ role: "user" as const, content: "hello\n" }] };

// ---------------------------------------------------------------------------------------------------

describe("parseLlmAction: the action in a reply, never an error", () => {
  it("takes the first non-empty line without fences, quotes, labels, <think> blocks; reads JSON answers", () => {
    const cases: [string, string][] = [
      ["move up", "move up\n"],
      ["move up\n", "move up\n"],
      ["  move left  \nbecause the wall...", "move left\n"],
      ["```\nmove down\n```", "move down\n"],
      ["```text\n\nmove right\n```\n", "move right\n"],
      ['"c r a n e"', "c r a n e\n"],
      ["'move up'", "move up\n"],
      ["`move up`", "move up\n"],
      ["“move up”", "move up\n"],
      ["Action: move up", "move up\n"],
      ['Next action: "go west"', "go west\n"],
      ['{"action": "move left"}', "move left\n"],
      ['```json\n{\n  "action": "move right"\n}\n```', "move right\n"],
      ['{"thought": "...", "guess": "f r o w n"}', "f r o w n\n"],
      ["<think>the goal is below\nso down</think>\nmove down", "move down\n"],
      ["<think>cut off by max_tokens", "\n"],
      ["", "\n"],
      ["   \n\n  ", "\n"],
      ["```\n```", "\n"],
      ['""', "\n"],
      ["{not json", "{not json\n"],
      ["Is it an animal?\nYes.", "Is it an animal?\n"],
      ["\r\nmove up\r\n", "move up\n"],
    ];
    for (const [reply, action] of cases) assert.equal(parseLlmAction(reply), action, JSON.stringify(reply));
    for (const odd of [undefined, null, 5, "\u0000", "\u2028x", "{}", "[1]", '{"action": 3}']) {
      const a = parseLlmAction(odd as unknown as string);
      assert.equal(typeof a, "string");
      assert.ok(a.endsWith("\n"));
      assert.equal(a.indexOf("\n"), a.length - 1, `one line for ${JSON.stringify(odd)}`);
    }
  });
});

describe("LlmClient (src/core/llm.ts)", () => {
  it("POSTs {model, messages, temperature, max_tokens, seed} with the Bearer key, and caches the reply without the key or the endpoint", async () => {
    const srv = await serve(() => ({ body: chat("hi there") }));
    const dir = tmp();
    const c = new LlmClient({ baseUrl: `${srv.base}/chat/completions`, model: "m1", apiKey: "sk-test-SECRET-123", cacheDir: dir });
    assert.equal(c.config.baseUrl, srv.base, "a /chat/completions URL is cut to the API root");
    const r1 = await c.complete({ ...ask, temperature: 0.5, maxTokens: 16, seed: 7 });
    assert.deepEqual([r1.content, r1.cached], ["hi there", false]);
    assert.equal(srv.seen.length, 1);
    const s = srv.seen[0];
    assert.equal(s.method, "POST");
    assert.equal(s.path, "/v1/chat/completions");
    assert.equal(s.headers.authorization, "Bearer sk-test-SECRET-123");
    assert.deepEqual(s.body, { model: "m1", messages: [{ role: "user", content: "hello\n" }], temperature: 0.5, max_tokens: 16, seed: 7 });
    const r2 = await c.complete({ ...ask, temperature: 0.5, maxTokens: 16, seed: 7 });
    assert.deepEqual([r2.content, r2.cached, r2.key], ["hi there", true, r1.key]);
    assert.equal(srv.seen.length, 1, "the second identical request is answered from the cache");
    assert.deepEqual([c.requests, c.cacheHits], [1, 1]);
    const files = filesUnder(dir);
    assert.deepEqual(files, [llmCachePath(dir, r1.key)]);
    const text = readFileSync(files[0], "utf8");
    assert.doesNotMatch(text, /SECRET|Bearer|127\.0\.0\.1/, "neither the key nor the endpoint is cached");
    assert.equal(JSON.parse(text).content, "hi there");
    // the key is endpoint-independent: another URL, same request → the same cached reply
    const other = new LlmClient({ baseUrl: "http://127.0.0.1:9/v1", model: "m1", cacheDir: dir });
    assert.equal((await other.complete({ ...ask, temperature: 0.5, maxTokens: 16, seed: 7 })).cached, true);
    // any change of model, messages, temperature, max_tokens or seed is another key
    for (const req of [{ ...ask, temperature: 0.5, maxTokens: 16, seed: 8 }, { ...ask, temperature: 0, maxTokens: 16, seed: 7 }, { ...ask, temperature: 0.5, maxTokens: 17, seed: 7 }]) {
      assert.equal((await c.complete(req)).cached, false);
    }
    assert.equal(srv.seen.length, 4);
    const noSeed = await c.complete(ask);
    assert.equal("seed" in srv.seen[srv.seen.length - 1].body, false, "no seed is sent when none is asked for");
    assert.equal(noSeed.cached, false);
  });

  it("retries HTTP 500 and 429 with deterministic backoff, then succeeds (3 requests)", async () => {
    const srv = await serve((_s, n) => (n === 0 ? { status: 500, body: "boom" } : n === 1 ? { status: 429, body: { error: "slow down" }, headers: { "retry-after": "0" } } : { body: chat("ok") }));
    const c = new LlmClient({ baseUrl: srv.base, model: "m", ...FAST });
    const r = await c.complete(ask);
    assert.equal(r.content, "ok");
    assert.equal(srv.chats(), 3);
    assert.equal(c.requests, 3);
  });

  it("a stalled endpoint fails within the bounded time, naming the endpoint and --llm-timeout", async () => {
    const srv = await serve(() => ({ delayMs: Infinity }));
    const c = new LlmClient({ baseUrl: srv.base, model: "m", timeoutMs: 200, retries: 1, retryDelayMs: 10, cacheDir: null });
    const t0 = Date.now();
    await assert.rejects(c.complete(ask), (e: unknown) => {
      assert.ok(e instanceof LlmError);
      assert.equal(e.kind, "timeout");
      assert.equal(e.message, `lmrl: the LLM endpoint ${srv.base} did not answer within 0.2 s (2 tries); check the server or raise --llm-timeout`);
      return true;
    });
    const ms = Date.now() - t0;
    assert.ok(ms >= 400 && ms < 2000, `two 200 ms tries took ${ms} ms`);
    assert.equal(srv.chats(), 2);
  });

  it("a body that is not JSON is retried, then a clear error", async () => {
    const srv = await serve(() => ({ body: "<html>502 Bad Gateway</html>", headers: { "content-type": "text/html" } }));
    const c = new LlmClient({ baseUrl: srv.base, model: "m", ...FAST });
    await assert.rejects(c.complete(ask), (e: unknown) => {
      assert.ok(e instanceof LlmError && e.kind === "malformed");
      assert.match(e.message, new RegExp(`^lmrl: the LLM endpoint ${srv.base} answered POST ${srv.base}/chat/completions with a body that is not JSON: "<html>502 Bad Gateway</html>" \\(3 tries\\); is it an OpenAI-compatible chat-completions server\\?`));
      return true;
    });
    assert.equal(srv.chats(), 3);
  });

  it("JSON without choices[0].message.content is retried, then a clear error saying what is missing", async () => {
    for (const [body, why] of [[{ object: "error", message: "model not loaded" }, "no choices"], [{ choices: [] }, "choices is empty"], [{ choices: [{ message: { content: null } }] }, "content is not a string"]] as const) {
      const srv = await serve(() => ({ body }));
      const c = new LlmClient({ baseUrl: srv.base, model: "m", ...FAST });
      await assert.rejects(c.complete(ask), (e: unknown) => {
        assert.ok(e instanceof LlmError && e.kind === "malformed");
        assert.match(e.message, new RegExp(`JSON without a string choices\\[0\\]\\.message\\.content \\(${why}\\)`));
        assert.match(e.message, /\(3 tries\)/);
        return true;
      });
      assert.equal(srv.chats(), 3);
    }
  });

  it("HTTP 401 is not retried and names the ways to set the key; 404 names the API root", async () => {
    const srv = await serve((s) => (s.path.includes("nope") ? { status: 404, body: { error: "not found" } } : { status: 401, body: { error: { message: "Incorrect API key" } } }));
    const c = new LlmClient({ baseUrl: srv.base, model: "m", ...FAST });
    await assert.rejects(c.complete(ask), /^LlmError: lmrl: the LLM endpoint http:\/\/127\.0\.0\.1:\d+\/v1 answered POST .*\/v1\/chat\/completions with HTTP 401 Unauthorized: .*Incorrect API key.* \(1 try\); check the API key \(none was sent; set --api-key-env NAME, LMRL_LLM_API_KEY or OPENAI_API_KEY\)$/);
    assert.equal(srv.chats(), 1);
    const c404 = new LlmClient({ baseUrl: `${srv.base}/nope`, model: "m", ...FAST });
    await assert.rejects(c404.complete(ask), /HTTP 404 Not Found.*\(1 try\); check that --endpoint is the API root \(e\.g\. http:\/\/127\.0\.0\.1:8080\/v1\)/);
  });

  it("a refused connection says the endpoint cannot be reached", async () => {
    const srv = await serve(() => ({}));
    const base = srv.base;
    await srv.close();
    const c = new LlmClient({ baseUrl: base, model: "m", retries: 1, retryDelayMs: 5, cacheDir: null });
    await assert.rejects(c.complete(ask), new RegExp(`^LlmError: lmrl: cannot reach the LLM endpoint ${base} \\(ECONNREFUSED; 2 tries\\); is the server running`));
  });

  it("cache only: a hit needs no endpoint; a miss is an error naming the folder and the fix", async () => {
    const srv = await serve(() => ({ body: chat("cached answer") }));
    const dir = tmp();
    await new LlmClient({ baseUrl: srv.base, model: "m", cacheDir: dir }).complete(ask);
    const offline = new LlmClient({ model: "m", cacheDir: dir, cacheOnly: true });
    assert.equal(offline.config.baseUrl, undefined);
    assert.deepEqual(await offline.complete(ask), { content: "cached answer", cached: true, key: (await offline.complete(ask)).key });
    const online = new LlmClient({ baseUrl: srv.base, model: "m", cacheDir: dir, cacheOnly: true });
    await assert.rejects(online.complete({ messages: [{ role: "user", content: "never asked\n" }] }), (e: unknown) => {
      assert.ok(e instanceof LlmError && e.kind === "cache-miss");
      assert.ok(e.message.includes(dir), e.message);
      assert.match(e.message, /--cache-only forbids asking the endpoint; run once without --cache-only/);
      return true;
    });
    assert.equal(srv.chats(), 1, "cache-only never asks");
  });

  it("config errors: no endpoint (naming --endpoint and LMRL_LLM_BASE_URL), bad URL, unset key variable, cache-only without a model", () => {
    assert.throws(() => new LlmClient({ env: {} }), (e: unknown) => e instanceof LlmConfigError && /--endpoint URL.*or set LMRL_LLM_BASE_URL/.test(e.message));
    assert.equal(new LlmClient({ env: { LMRL_LLM_BASE_URL: "http://h:1/v1/", LMRL_LLM_MODEL: "x" } }).config.baseUrl, "http://h:1/v1");
    assert.throws(() => new LlmClient({ baseUrl: "localhost:8080", env: {} }), /must be an http:\/\/ or https:\/\/ URL/);
    assert.throws(() => new LlmClient({ baseUrl: "not a url", env: {} }), /is not a URL/);
    assert.throws(() => new LlmClient({ baseUrl: "http://h/v1", apiKeyEnv: "LMRL_NO_SUCH_VAR", env: {} }), /--api-key-env LMRL_NO_SUCH_VAR: the environment variable LMRL_NO_SUCH_VAR is not set/);
    assert.throws(() => new LlmClient({ cacheOnly: true, env: {} }), /--cache-only needs the model name/);
    assert.equal(new LlmClient({ baseUrl: "http://h/v1", env: { OPENAI_API_KEY: "k" } }).config.apiKeySource, "OPENAI_API_KEY");
    assert.equal(new LlmClient({ baseUrl: "http://h/v1", env: { OPENAI_API_KEY: "k", LMRL_LLM_API_KEY: "j" } }).config.apiKeySource, "LMRL_LLM_API_KEY");
    assert.equal(normalizeBaseUrl("https://api.example.com/v1/chat/completions/"), "https://api.example.com/v1");
  });

  it("without a model name, the endpoint's only model is used; several are refused, listing them", async () => {
    const one = await serve(() => ({ body: chat("x") }));
    const c = new LlmClient({ baseUrl: one.base, cacheDir: null });
    await c.complete(ask);
    assert.equal(one.seen[0].path, "/v1/models");
    assert.equal(one.seen[1].body.model, "test-model");
    await c.complete(ask);
    assert.equal(one.seen.filter((s) => s.path.endsWith("/models")).length, 1, "asked once");
    const many = await serve(() => ({ body: chat("x") }), ["gpt-a", "gpt-b"]);
    await assert.rejects(new LlmClient({ baseUrl: many.base, ...FAST }).complete(ask), new RegExp(`^LlmError: lmrl: the LLM endpoint ${many.base} serves 2 models \\(gpt-a, gpt-b\\); pick one with --model M or LMRL_LLM_MODEL$`));
    assert.equal(many.chats(), 0);
    const empty = await serve(() => ({ body: chat("x") }), []);
    await assert.rejects(new LlmClient({ baseUrl: empty.base, ...FAST }).model(), /lists no model at GET .*\/v1\/models; pass --model M/);
  });
});

describe("the LLM policy (src/core/llm-policy.ts)", () => {
  it("prompts with the row's description, actions, one-line rule and the first dataset game; the user message is the history as the model sees it", async () => {
    const spec = getEnvSpec("maze-po");
    const [ex] = await fewShotExamples(spec, 1);
    const again = await fewShotExamples(spec, 2);
    assert.deepEqual(again[0], ex, "deterministic: the default dataset's first trajectory");
    const system = llmSystemPrompt(spec, [ex], 3);
    for (const part of [spec.description, spec.actions, "Reply with the next action only, on one line", "An example game"]) assert.ok(system.includes(part), part);
    assert.ok(system.includes(renderExample(ex.texts, 3)));
    const cut = renderExample(ex.texts, 3);
    assert.equal(cut.split("move ").length - 1 <= 3, true);
    const srv = await serve((s) => ({ body: chat(s.body.messages.length === 2 ? "move up" : "?") }));
    const client = new LlmClient({ baseUrl: srv.base, model: "m", cacheDir: null });
    const policy = await llmPolicy(spec, client, { fewShot: 2 });
    assert.match(policy.system, /Example game 1 .*\n[\s\S]*Example game 2 /);
    const env = spec.make();
    const h = await env.reset({ seed: 0 });
    assert.equal(await policy.act(h, new Rng(0)), "move up\n");
    assert.deepEqual(srv.seen[0].body.messages, [{ role: "system", content: policy.system }, { role: "user", content: renderHistory(h) }]);
    assert.equal(srv.seen[0].body.temperature, 0);
    assert.equal("seed" in srv.seen[0].body, false, "greedy: no seed drawn");
    assert.equal(policy.name, "llm:m");
  });

  it("an empty reply is an empty action the env penalises, never a crash", async () => {
    const spec = getEnvSpec("maze-fo");
    const srv = await serve(() => ({ body: chat("") }));
    const policy = await llmPolicy(spec, new LlmClient({ baseUrl: srv.base, model: "m", cacheDir: null }), { fewShot: 0 });
    const s = await evaluate(spec, policy, { episodes: 1 });
    assert.ok(s.invalidActionRate > 0.98, `invalid ${s.invalidActionRate}`);
    assert.equal(s.successRate, 0);
    assert.equal(srv.chats(), s.meanLength, "no cache: one request per action");
  });

  it("with temperature > 0 each call sends a seed from the episode's stream: reruns repeat, episodes differ", async () => {
    const spec = getEnvSpec("maze-fo");
    const srv = await serve(() => ({ body: chat("move up") }));
    const client = new LlmClient({ baseUrl: srv.base, model: "m", cacheDir: null });
    const policy = await llmPolicy(spec, client, { fewShot: 0, temperature: 0.7 });
    const h = await spec.make().reset({ seed: 0 });
    await policy.act(h, new Rng(1));
    await policy.act(h, new Rng(1));
    await policy.actBatch!([h, h], [new Rng(2), new Rng(3)]);
    const seeds = srv.seen.map((s) => s.body.seed);
    assert.equal(seeds[0], seeds[1]);
    assert.equal(seeds[0], new Rng(1).nextUint32());
    assert.deepEqual(seeds.slice(2).sort(), [new Rng(2).nextUint32(), new Rng(3).nextUint32()].sort());
    assert.equal(srv.seen[0].body.temperature, 0.7);
  });
});

describe("lmrl eval <row> --policy llm", () => {
  /** The BFS-optimal move for the FO position in the last user message, dressed in a way parseLlmAction undoes. */
  function optimalServer(delays = true) {
    return serve((s) => {
      const cell = parseFoPosition(lastUser(s));
      const move = cell >= 0 ? MOVE_TEXTS[optimalMove(cell)].trim() : "no idea";
      const dress = [move, `\`\`\`\n${move}\n\`\`\``, `"${move}"`, `Action: ${move}\nIt is the shortest path.`][Math.max(0, cell) % 4];
      return { body: chat(dress), delayMs: delays ? (Math.max(0, cell) % 3) * 3 : 0 };
    });
  }

  it("maze-fo: an endpoint serving the BFS-optimal moves scores as the optimal policy; the rerun makes 0 chat requests; --cache-only replays offline", async () => {
    const srv = await optimalServer();
    const cache = tmp();
    process.env.LMRL_TEST_LLM_KEY = "sk-test-SECRET-456";
    const args = ["eval", "maze-fo", "--policy", "llm", "--endpoint", srv.base, "--episodes", "3", "--json", "--cache", cache, "--api-key-env", "LMRL_TEST_LLM_KEY"];
    const r = await runCli(...args);
    assert.equal(r.code, 0, r.err);
    const got = JSON.parse(r.out);
    const want = JSON.parse((await runCli("eval", "maze-fo", "--policy", "optimal", "--episodes", "3", "--json")).out);
    assert.equal(got.policy, "llm:test-model", "the endpoint's only model");
    assert.deepEqual({ ...got, policy: "optimal" }, want);
    assert.equal(got.successRate, 1);
    const chats = srv.seen.filter((s) => s.path.endsWith("/chat/completions"));
    const distinct = new Set(chats.map((s) => JSON.stringify(s.body))).size;
    assert.equal(chats.length, distinct, "one request per distinct prompt (episodes passing the same cell share it)");
    assert.ok(distinct < got.meanLength * 3, `${distinct} requests for ${got.meanLength * 3} actions`);
    for (const s of srv.seen) assert.equal(s.headers.authorization, "Bearer sk-test-SECRET-456");
    assert.deepEqual([chats[0].body.temperature, chats[0].body.max_tokens, chats[0].body.model], [0, 64, "test-model"]);
    const sys = chats[0].body.messages[0];
    assert.equal(sys.role, "system");
    assert.ok(sys.content.includes(getEnvSpec("maze-fo").actions) && sys.content.includes("An example game"));
    assert.ok(r.err.includes(`lmrl eval: llm:test-model at ${srv.base}: ${distinct + 1} HTTP requests, ${got.meanLength * 3 - distinct} replies from the cache ${cache}`), r.err);
    const files = filesUnder(cache);
    assert.equal(files.length, distinct, "one file per distinct request");
    for (const f of files) assert.doesNotMatch(readFileSync(f, "utf8"), /SECRET|Bearer|authorization/i);

    const before = srv.seen.length;
    const again = await runCli(...args);
    assert.equal(again.code, 0, again.err);
    assert.equal(again.out, r.out, "the rerun prints the same summary");
    assert.equal(srv.seen.filter((s) => s.path.endsWith("/chat/completions")).length, chats.length, "0 chat requests on the rerun");
    assert.equal(srv.seen.length, before + 1, "only the model name was asked (GET /models)");

    delete process.env.LMRL_TEST_LLM_KEY;
    const offline = await runCli("eval", "maze-fo", "--policy", "llm", "--cache-only", "--model", "test-model", "--episodes", "3", "--json", "--cache", cache);
    assert.equal(offline.code, 0, offline.err);
    assert.equal(offline.out, r.out);
    const miss = await runCli("eval", "maze-fo", "--policy", "llm", "--cache-only", "--model", "test-model", "--episodes", "4", "--json", "--cache", cache);
    assert.equal(miss.code, 1);
    assert.match(miss.err, /no cached LLM reply for this request .*--cache-only forbids asking the endpoint/);
    assert.equal(miss.out, "", "no summary for a failed evaluation");
  });

  it("usage errors: no endpoint names --endpoint and LMRL_LLM_BASE_URL; LLM flags need --policy llm; an unset --api-key-env; --llm-timeout 0", async () => {
    const none = await runCli("eval", "maze-fo", "--policy", "llm", "--episodes", "1");
    assert.equal(none.code, 2);
    assert.match(none.err, /^lmrl eval --policy llm: no LLM endpoint: pass --endpoint URL .* or set LMRL_LLM_BASE_URL$/);
    const stray = await runCli("eval", "maze-fo", "--policy", "optimal", "--endpoint", "http://127.0.0.1:9/v1");
    assert.equal(stray.code, 2);
    assert.match(stray.err, /--endpoint applies only to --policy llm/);
    const key = await runCli("eval", "maze-fo", "--policy", "llm", "--endpoint", "http://127.0.0.1:9/v1", "--api-key-env", "LMRL_NO_SUCH_VAR");
    assert.equal(key.code, 2);
    assert.match(key.err, /the environment variable LMRL_NO_SUCH_VAR is not set/);
    const zero = await runCli("eval", "maze-fo", "--policy", "llm", "--endpoint", "http://127.0.0.1:9/v1", "--llm-timeout", "0");
    assert.equal(zero.code, 2);
    assert.match(zero.err, /--llm-timeout must be a number of seconds > 0/);
    const bad = await runCli("eval", "maze-fo", "--policy", "llm", "--endpoint", "http://127.0.0.1:9/v1", "--llm-max-tokens", "0");
    assert.equal(bad.code, 2);
    assert.match(bad.err, /--llm-max-tokens must be a whole number >= 1/);
    const help = await runCli("eval", "--help");
    assert.match(help.out, /--policy llm \[--endpoint URL\] \[--model M\] \[--api-key-env NAME\] \[--cache DIR\]/);
    assert.match(help.out, /\[--llm-timeout S\]/);
  });

  it("an endpoint failure ends the command with exit 1, the endpoint named, and no summary", async () => {
    const srv = await serve(() => ({ status: 401, body: { error: "bad key" } }));
    const r = await runCli("eval", "maze-fo", "--policy", "llm", "--endpoint", srv.base, "--model", "m", "--episodes", "2", "--json", "--cache", tmp());
    assert.equal(r.code, 1);
    assert.equal(r.out, "");
    assert.match(r.err, new RegExp(`lmrl: the LLM endpoint ${srv.base} answered POST ${srv.base}/chat/completions with HTTP 401 Unauthorized`));
    assert.match(r.err, /check the API key/);
  });
});
