/**
 * Pluggable partners of the dialogue rows (src/core/partner.ts, src/core/llm-partner.ts): scripted
 * partners swapped in for the 20Q oracle, the Guess My City oracle and the Car Dealer buyer, each row's
 * sanitising rules, fuzzed replies, `lmrl play <row> --as partner` with piped input, and an LLM partner
 * against a chat-completions server on 127.0.0.1.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { evaluate } from "../../src/core/evaluate";
import { LlmClient } from "../../src/core/llm";
import { llmPartner, llmPartnerMessages } from "../../src/core/llm-partner";
import { cleanPartnerReply, PARTNER_MAX_CHARS, type Partner, type PartnerRequest } from "../../src/core/partner";
import { act } from "../../src/core/text";
import { isPromise, type History, type Policy, type StepResult, type TextEnv } from "../../src/core/types";
import { getEnvSpec } from "../../src/tasks/index";
import { runCliWithInput } from "../helpers/cli";

const tq = getEnvSpec("twenty-questions");
const gmc = getEnvSpec("guess-my-city");
const cd = getEnvSpec("car-dealer");

/** A partner that answers from a function and records every request. */
function scripted(answer: (req: PartnerRequest, i: number) => unknown): Partner & { seen: PartnerRequest[] } {
  const seen: PartnerRequest[] = [];
  return { name: "scripted", seen, reply: (req) => answer(req, seen.push(req) - 1) as string };
}

function syncStep(env: TextEnv, history: History, line: string): StepResult {
  const r = env.step([...history, act(line)]);
  assert.ok(!isPromise(r), "a synchronous partner keeps step synchronous");
  return r as StepResult;
}

const last = (r: StepResult) => r.history[r.history.length - 1].text;

describe("partner: twenty-questions", () => {
  it("an always-yes partner makes every answer Yes. and a correct guess wins", () => {
    const p = scripted(() => "yes");
    const env = tq.partner!.make(p);
    let h = env.reset({ seed: 0, options: { object: "TV" } }) as History;
    for (const q of ["Is it an animal?\n", "Is it made of metal?\n", "Is it a dog?\n"]) {
      const r = syncStep(env, h, q);
      assert.equal(last(r), "Yes.\n");
      assert.equal(r.reward, -1);
      assert.equal(r.terminated, false);
      h = r.history;
    }
    const r = syncStep(env, h, "Is it a television?\n");
    assert.equal(last(r), "Yes.\n");
    assert.deepEqual([r.reward, r.terminated, r.info.success], [0, true, true]);
    const first = p.seen[0];
    assert.equal(first.row, "twenty-questions");
    assert.ok(first.row === "twenty-questions" && first.variants.includes("TV") && first.question === "Is it an animal?");
    const fourth = p.seen[3];
    assert.ok(fourth.row === "twenty-questions" && fourth.previous.length === 3 && fourth.previous[0].answer === "Yes.");
  });

  it("reads replies as the reference: lower-cased, ^yes → Yes., anything else No.", () => {
    const replies = ["YES!", "yes, typically", "No", "maybe", "Well, yes", "", "y"];
    const want = ["Yes.\n", "Yes.\n", "No.\n", "No.\n", "No.\n", "No.\n", "No.\n"];
    const env = tq.partner!.make(scripted((_r, i) => replies[i]));
    let h = env.reset({ seed: 1, options: { object: "Cat" } }) as History;
    replies.forEach((_, i) => {
      const r = syncStep(env, h, "Is it an animal?\n");
      assert.equal(last(r), want[i], `reply ${JSON.stringify(replies[i])}`);
      h = r.history;
    });
  });

  it("the sentinel question is answered No. without asking; a correct guess needs the partner's Yes", () => {
    const p = scripted(() => "no");
    const env = tq.partner!.make(p);
    const h = env.reset({ seed: 0, options: { object: "Cat" } }) as History;
    const r1 = syncStep(env, h, "Is this a valid question?\n");
    assert.equal(last(r1), "No.\n");
    assert.equal(p.seen.length, 0);
    const r2 = syncStep(env, r1.history, "Is it a cat?\n");
    assert.equal(r2.info.success, false);
    assert.equal(r2.reward, -1);
  });
});

describe("partner: guess-my-city", () => {
  it("a reply naming the city or country is filtered: Tokyo/Japan never appear", () => {
    const replies = ["Yes, the city is Tokyo", "It is in Japan. It has many temples.", "Tokyo is huge; the Japanese love sushi.", "It is on the coast."];
    const p = scripted((_r, i) => replies[i]);
    const env = gmc.partner!.make(p);
    let h = env.reset({ seed: 0, options: { city: "Tokyo" } }) as History;
    const shown: string[] = [];
    for (const q of ["Is it in Asia?", "Where is it?", "What is it like?", "Is it near the sea?"]) {
      const r = syncStep(env, h, `${q}\n`);
      shown.push(last(r));
      h = r.history;
    }
    for (const t of shown) assert.doesNotMatch(t, /tokyo|japan/i);
    assert.deepEqual(shown, ["Yes.\n", "It has many temples.\n", shown[2], "It is on the coast.\n"]);
    assert.ok(shown[2].endsWith("\n") && !shown[2].slice(0, -1).includes("\n"));
    const req = p.seen[0];
    assert.ok(req.row === "guess-my-city" && req.city === "Tokyo" && req.country === "Japan");
    assert.ok(p.seen[3].row === "guess-my-city" && p.seen[3].previous.length === 3);
  });

  it("a correct guess ends the game with reward 0 and the partner's confirmation", () => {
    const env = gmc.partner!.make(scripted(() => "Yes, the city I am from is Tokyo."));
    const h = env.reset({ seed: 0, options: { city: "Tokyo" } }) as History;
    const r = syncStep(env, h, "Is the city you are from Tokyo?\n");
    assert.deepEqual([r.reward, r.terminated, r.info.success], [0, true, true]);
    assert.equal(last(r), "Yes, the city I am from is Tokyo.\n");
  });
});

describe("partner: car-dealer", () => {
  const options = { budget: 30000, msrp: 31995, strategy: "discount", personality: "polite", brand: "Honda", type: "SUV", features: ["sunroof"] };

  it("the buyer's Output line ends the deal with the fancy reward, cut from the seller's view", () => {
    const lines = ["Hi. I'm looking for a Honda SUV with a sunroof.", "Deal, I'll take it.\nOutput: Decision=Accept MSRP=$31,995 Buy Price=$30,000"];
    const p = scripted((_r, i) => lines[i]);
    const env = cd.partner!.make(p);
    const h = env.reset({ seed: 0, options }) as History;
    const r1 = syncStep(env, h, "Hello! What can I help you find?\n");
    assert.equal(last(r1), "Hi. I'm looking for a Honda SUV with a sunroof.\n");
    assert.deepEqual([r1.reward, r1.terminated], [0, false]);
    const r2 = syncStep(env, r1.history, "It is yours for $30,000.\n");
    assert.equal(last(r2), "Deal, I'll take it.\n");
    assert.equal(r2.terminated, true);
    assert.equal(r2.info.success, true);
    assert.ok(Math.abs(r2.reward - 30000 / ((30000 + 31995) / 2)) < 1e-12);
    const req = p.seen[1];
    assert.ok(req.row === "car-dealer");
    assert.match(req.buyerInfo, /^Personality: polite\. Prefers a Honda SUV with sunroof\. Budget: \$30,000$/);
    assert.equal(req.msrp, 31995);
    assert.deepEqual(req.conversation.map((l) => l.role), ["seller", "buyer", "seller"]);
    // after the end
    const r3 = syncStep(env, r2.history, "Anything else?\n");
    assert.equal(r3.info.afterEnd, true);
  });

  it("a Reject line scores -(budget - MSRP)/MSRP; a buyer that never decides is re-prompted once at the cap, then reward 0", () => {
    const env = cd.partner!.make(scripted(() => "No thanks. Output: Decision=Reject MSRP=$40,000"));
    const h = env.reset({ seed: 0, options }) as History;
    const r = syncStep(env, h, "Hi!\n");
    assert.equal(last(r), "No thanks.\n");
    assert.ok(Math.abs(r.reward - -(30000 - 40000) / 40000) < 1e-12);

    const p = scripted(() => "Hmm.");
    const env2 = cd.partner!.make(p);
    let h2 = env2.reset({ seed: 0, options }) as History;
    let end: StepResult | undefined;
    for (let t = 1; t <= 25 && !end; t++) {
      const s = syncStep(env2, h2, "How about $30,000?\n");
      if (s.terminated) end = s;
      h2 = s.history;
    }
    assert.ok(end);
    assert.equal(end.reward, 0);
    assert.equal(end.info.sellerTurns, 25);
    const cap = p.seen.slice(-2);
    assert.ok(cap[0].row === "car-dealer" && cap[0].mustDecide && !cap[0].reprompt);
    assert.ok(cap[1].row === "car-dealer" && cap[1].reprompt === true);
  });

  it("the behaviour seller still reads the MSRP through the partner env", async () => {
    const s = await evaluate(cd, (env) => cd.policies.behaviour(env), { episodes: 2, makeEnv: () => cd.partner!.make(scripted(() => "Output: Decision=Reject MSRP=$20,000")) });
    assert.equal(s.episodes, 2);
    assert.equal(s.meanLength, 1);
  });
});

describe("partner: fuzzed replies never crash", () => {
  const nasty: unknown[] = ["", " ", "x".repeat(100_000), "\u0000\u0007\r\n\u001b[31m\u2028 yes", "Output: Decision=", "Output: Decision=Accept MSRP=$0", null, undefined, 42];
  for (const [spec, options, q] of [
    [tq, { object: "Cat" }, "Is it an animal?\n"],
    [gmc, { city: "Tokyo" }, "What is the food like?\n"],
    [cd, {}, "Hello, how can I help?\n"],
  ] as const) {
    it(spec.id, () => {
      for (const reply of nasty) {
        const env = spec.partner!.make(scripted(() => reply));
        const h = env.reset({ seed: 0, options }) as History;
        const r = syncStep(env, h, q);
        const t = last(r);
        assert.ok(t.endsWith("\n") && !t.slice(0, -1).includes("\n"), `${spec.id}: one line for ${JSON.stringify(String(reply).slice(0, 20))}`);
        assert.ok(t.length <= PARTNER_MAX_CHARS + 1);
        assert.doesNotMatch(t, /[\u0000-\u0009\u000b-\u001f]/);
        assert.ok(Number.isFinite(r.reward));
      }
    });
  }
  it("cleanPartnerReply", () => {
    assert.equal(cleanPartnerReply("Yes.\nIt is\u0007 hot.  "), "Yes. It is hot.");
    assert.equal(cleanPartnerReply(null), "");
    assert.equal(cleanPartnerReply("a".repeat(100_000)).length, PARTNER_MAX_CHARS);
  });
});

describe("partner: async partners and evaluate", () => {
  it("an async partner makes step return a promise; evaluate runs it", async () => {
    const env = tq.partner!.make({ name: "async-no", reply: async () => "no" });
    const h = (await env.reset({ seed: 0, options: { object: "Cat" } })) as History;
    const r = env.step([...h, act("Is it an animal?\n")]);
    assert.ok(isPromise(r));
    assert.equal((await r).history[2].text, "No.\n");
    const s = await evaluate(tq, tq.policies.optimal, { episodes: 2, makeEnv: () => tq.partner!.make({ name: "async-no", reply: async () => "no" }) });
    assert.equal(s.meanReturn, -20);
  });
});

describe("lmrl play --as partner", () => {
  it("twenty-questions: the person answers No to every question (20 questions, return -20)", async () => {
    const r = await runCliWithInput("help\n" + "no\n".repeat(25), "play", "twenty-questions", "--as", "partner", "--seed", "3");
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /The hidden object: /);
    assert.match(r.out, /agent: Is /);
    assert.match(r.out, /You are the oracle/);
    assert.match(r.out, /Episode over \(terminated\): the agent's return -20/);
  });

  it("car-dealer: the buyer's Output line ends the game; closing the input stops cleanly", async () => {
    const r = await runCliWithInput("Hello.\nOutput: Decision=Reject MSRP=$1,000\n", "play", "car-dealer", "--as", "partner", "--agent", "behaviour", "--seed", "1");
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /You are the buyer\. Personality: /);
    assert.match(r.out, /Episode over \(terminated\)/);
    const q = await runCliWithInput("It is in Asia.\n", "play", "guess-my-city", "--as", "partner", "--agent", "random", "--seed", "2");
    assert.equal(q.code, 0, q.err);
    assert.match(q.out, /The hidden city: /);
    assert.match(q.out, /Stopped \(input closed\)/);
  });

  it("a person answers a trained checkpoint (--checkpoint): the agent's lines come from the model", async () => {
    const { train } = await import("../../src/algorithms/trainer");
    const dir = mkdtempSync(join(tmpdir(), "lmrl-partner-ck-"));
    try {
      // a tiny BC run: 2 steps on 20 dialogues (what it says is noise; the path from checkpoint to the person is what is tested)
      await train({ algorithm: "bc", env: getEnvSpec("guess-my-city"), seed: 0, out: dir, progress: "off", verbose: false, config: [{ steps: 2, datasetSize: 20, batchSize: 2, evalEpisodes: 1, evalBatchSize: 1 }] });
      const r = await runCliWithInput("It is in Asia.\nIt has a coast.\n", "play", "guess-my-city", "--as", "partner", "--checkpoint", dir, "--seed", "2");
      assert.equal(r.code, 0, r.err);
      assert.match(r.out, /The hidden city: /);
      assert.equal((r.out.match(/^agent: /gm) ?? []).length, 3, "the model asks, the person answers twice, the model asks again, then the input closes");
      assert.match(r.out, /Stopped \(input closed\)/);
      const both = await runCliWithInput("", "play", "guess-my-city", "--as", "partner", "--checkpoint", dir, "--agent", "random");
      assert.equal(both.code, 2);
      assert.match(both.err, /either --agent or --checkpoint, not both/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("rows without a pluggable partner are refused, naming those with one", async () => {
    const r = await runCliWithInput("", "play", "maze-fo", "--as", "partner");
    assert.equal(r.code, 2);
    assert.match(r.err, /no pluggable partner; rows with one: twenty-questions, guess-my-city, car-dealer/);
    const bad = await runCliWithInput("", "play", "twenty-questions", "--agent", "optimal");
    assert.equal(bad.code, 2);
  });
});

describe("LLM partner (127.0.0.1)", () => {
  const dirs: string[] = [];
  const closers: (() => Promise<void>)[] = [];
  after(async () => {
    await Promise.all(closers.map((c) => c()));
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  /** A chat server that answers like a 20Q oracle: yes when the question names the object (its first variant). */
  async function oracleServer(): Promise<{ base: string; chats: () => number; users: string[] }> {
    const users: string[] = [];
    const server = createServer((req, res) => {
      let raw = "";
      req.on("data", (c) => (raw += c));
      req.on("end", () => {
        res.writeHead(200, { "content-type": "application/json" });
        if (req.url?.endsWith("/models")) return void res.end(JSON.stringify({ object: "list", data: [{ id: "oracle-model", object: "model" }] }));
        const body = JSON.parse(raw) as { messages: { role: string; content: string }[] };
        const user = body.messages[body.messages.length - 1].content;
        users.push(user);
        const q = /question: (.*)/.exec(user)?.[1] ?? "";
        const name = /object: \(([^,)]*)/.exec(user)?.[1] ?? "\u0000";
        const yes = q.toLowerCase().includes(name.toLowerCase());
        res.end(JSON.stringify({ choices: [{ index: 0, message: { role: "assistant", content: yes ? "Yes" : "No" }, finish_reason: "stop" }] }));
      });
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    closers.push(() => new Promise<void>((r) => (server.closeAllConnections(), server.close(() => r()))));
    return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`, chats: () => users.length, users };
  }

  const asker: Policy = {
    name: "two-questions",
    act: (h) => (h.length <= 1 ? "Is it an animal?\n" : "Is it a basketball?\n"),
  };

  it("answers a 20Q game with the paper's oracle prompt; a rerun comes from the cache", async () => {
    const srv = await oracleServer();
    const cache = mkdtempSync(join(tmpdir(), "lmrl-partner-"));
    dirs.push(cache);
    const run = async (cacheOnly: boolean) => {
      const client = new LlmClient({ baseUrl: srv.base, model: "oracle-model", cacheDir: cache, cacheOnly, env: {} });
      return evaluate(tq, asker, { episodes: 1, makeEnv: () => tq.partner!.make(llmPartner(client, "twenty-questions")), keepEpisodes: true });
    };
    const s = await run(false);
    assert.deepEqual([s.meanReturn, s.successRate], [0 - 1, 1]);
    assert.equal(srv.chats(), 2);
    // evaluation game 0 is about TWENTY_Q_OBJECTS[0], the Basketball
    assert.match(srv.users[0], /^object: \(Basketball\)\nquestion: Is it an animal\?\nanswer \(yes or no\): $/);
    const again = await run(true);
    assert.equal(again.meanReturn, -1);
    assert.equal(srv.chats(), 2);
  });

  it("lmrl eval --partner llm runs a row against the endpoint", async () => {
    const srv = await oracleServer();
    const cache = mkdtempSync(join(tmpdir(), "lmrl-partner-"));
    dirs.push(cache);
    const r = await runCliWithInput(undefined, "eval", "twenty-questions", "--policy", "optimal", "--partner", "llm", "--endpoint", srv.base, "--model", "oracle-model", "--cache", cache, "--episodes", "1", "--json");
    assert.equal(r.code, 0, r.err);
    const s = JSON.parse(r.out) as { episodes: number; meanReturn: number };
    assert.equal(s.episodes, 1);
    assert.ok(srv.chats() >= 1);
    assert.match(r.err, /the oracle is llm-partner:oracle-model/);
    const bad = await runCliWithInput(undefined, "eval", "maze-fo", "--partner", "llm", "--endpoint", srv.base);
    assert.equal(bad.code, 2);
    assert.match(bad.err, /no pluggable partner/);
  });

  it("builds the Guess My City and Car Dealer prompts from the request", () => {
    const g = llmPartnerMessages({ row: "guess-my-city", city: "Tokyo", country: "Japan", question: "Is it hot?", previous: [{ question: "Is it in Asia?", answer: "Yes." }] });
    assert.match(g[0].content, /without revealing the city or the country unless/);
    assert.match(g[1].content, /city: Tokyo, Japan\nThe conversation so far:\nQ: Is it in Asia\?\nA: Yes\.\nquestion: Is it hot\?/);
    const c = llmPartnerMessages({ row: "car-dealer", buyerInfo: "Personality: polite. Prefers a Honda SUV with sunroof. Budget: $30,000", background: "B.", msrp: 31995, budget: 30000, conversation: [{ role: "seller", text: "Hi" }], mustDecide: true, reprompt: true });
    assert.match(c[0].content, /Output: Decision=Accept MSRP=\$31,995 Buy Price=/);
    assert.match(c[1].content, /^Start\nPersonality: polite.*\nSeller: Hi\nOutput: Decision=$/);
  });
});
