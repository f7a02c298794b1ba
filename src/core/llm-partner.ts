/**
 * An LLM as the partner of a dialogue row (src/core/partner.ts), with the paper's partner prompts
 * (LMRL-Gym App. C.6–C.8; reference `llm_rl_scripts/<task>/env/oracle.py`, `generate_cities_data.py`,
 * `car_dealer/env/env.py`, paraphrased in the kit's spec §2.6–2.8):
 *
 * - 20Q oracle: "answer the question about the object truthfully" with the reference's input lines
 *   `object: (variants)`, `question: <q>`, `answer (yes or no): `; the env keeps "Yes." only for a reply
 *   starting with "yes".
 * - Guess My City oracle: "answer questions about a given city without revealing the city or country
 *   unless correctly guessed", with the city, the questions and answers so far and the question; the env
 *   filters any leak.
 * - Car Dealer buyer: the buyer's view (`Start`, the buyer-info line, the conversation as Seller:/Buyer:
 *   lines), the paper's buyer background, and the Output line to end with; at the cap the re-prompt
 *   ends the user message with "Output: Decision=" as the reference does.
 *
 * Replies go through the client's cache (`LlmClient`, temperature 0 by default), so a rerun is offline
 * and identical. `<think>` blocks are dropped; the row's env applies its own rules to the rest.
 *
 * @example
 * const partner = llmPartner(new LlmClient({ baseUrl: "http://127.0.0.1:8080/v1" }), "twenty-questions");
 * const env = twentyQuestionsSpec.partner!.make(partner);
 */
import type { ChatMessage, LlmClient } from "./llm";
import type { CarDealerPartnerRequest, GuessMyCityPartnerRequest, Partner, PartnerRequest, TwentyQuestionsPartnerRequest } from "./partner";

/** The rows an LLM partner can play. */
export const LLM_PARTNER_ROWS = ["twenty-questions", "guess-my-city", "car-dealer"] as const;

export interface LlmPartnerOptions {
  /** Sampling temperature (default 0). */
  readonly temperature?: number;
  /** Most tokens per reply (default 64 for the oracles, 192 for the buyer). */
  readonly maxTokens?: number;
}

function twentyQuestionsMessages(r: TwentyQuestionsPartnerRequest): ChatMessage[] {
  return [
    {
      role: "system",
      content:
        "You are a question answering oracle in a game of Twenty Questions. You know the hidden object. Answer the question about the object truthfully with Yes or No. " +
        "If the answer depends on the case, answer for the typical case. Reply with one word: Yes or No.",
    },
    { role: "user", content: `object: (${r.variants.join(", ")})\nquestion: ${r.question}\nanswer (yes or no): ` },
  ];
}

function guessMyCityMessages(r: GuessMyCityPartnerRequest): ChatMessage[] {
  const before = r.previous.map((qa) => `Q: ${qa.question}\nA: ${qa.answer}\n`).join("");
  return [
    {
      role: "system",
      content:
        "You are the oracle in a game of Guess My City. Someone asks you questions to guess the city you are from. Answer questions about the given city " +
        "truthfully in one or two short sentences, without revealing the city or the country unless the city is correctly guessed " +
        `(then answer "Yes, the city I am from is <city>."). Never name the city, its country or its nationality otherwise.`,
    },
    { role: "user", content: `city: ${r.city}, ${r.country}\n${before ? `The conversation so far:\n${before}` : ""}question: ${r.question}\nanswer: ` },
  ];
}

function carDealerMessages(r: CarDealerPartnerRequest): ChatMessage[] {
  const msrp = `$${r.msrp.toLocaleString("en-US")}`;
  const convo = r.conversation.map((l) => `${l.role === "seller" ? "Seller" : "Buyer"}: ${l.text}\n`).join("");
  const user = `Start\n${r.buyerInfo}\n${convo}` + (r.reprompt ? "Output: Decision=" : r.mustDecide ? "(This is the last line: you must decide now and end with the Output line.)\nBuyer: " : "Buyer: ");
  return [
    {
      role: "system",
      content:
        `You are a buyer at a car dealership talking to a seller. ${r.background} Stay in character with your personality and preferences; ` +
        `your budget is $${r.budget.toLocaleString("en-US")} and the car's MSRP is ${msrp}, which you never say out loud. Reply with your next line only (one to three sentences). ` +
        `When you decide, end that line with exactly "Output: Decision=Accept MSRP=${msrp} Buy Price=$<price you pay>" or "Output: Decision=Reject MSRP=${msrp}".`,
    },
    { role: "user", content: user },
  ];
}

/** The chat messages an LLM partner sends for `request`. */
export function llmPartnerMessages(request: PartnerRequest): ChatMessage[] {
  switch (request.row) {
    case "twenty-questions":
      return twentyQuestionsMessages(request);
    case "guess-my-city":
      return guessMyCityMessages(request);
    case "car-dealer":
      return carDealerMessages(request);
  }
}

/** A model's reply without reasoning blocks; the re-prompt's answer gets its "Output: Decision=" back. */
export function llmPartnerReply(request: PartnerRequest, content: string): string {
  let s = String(content ?? "").replace(/<think>[\s\S]*?<\/think>/gi, "").replace(/<think>[\s\S]*$/i, "").trim();
  if (request.row === "car-dealer" && request.reprompt && /^(Accept|Reject)\b/.test(s)) s = `Output: Decision=${s}`;
  if (request.row !== "car-dealer") s = s.split(/\r\n|\r|\n/).find((l) => l.trim() !== "")?.trim() ?? "";
  return s;
}

/**
 * An LLM partner for `row` (one of {@link LLM_PARTNER_ROWS}). Rejects (an `LlmError`) when the endpoint
 * fails after the client's retries; an odd reply never throws (the env's rules read it).
 */
export function llmPartner(client: LlmClient, row: string, opts: LlmPartnerOptions = {}): Partner {
  if (!(LLM_PARTNER_ROWS as readonly string[]).includes(row)) throw new Error(`llmPartner: no LLM partner for "${row}"; rows with one: ${LLM_PARTNER_ROWS.join(", ")}`);
  const temperature = opts.temperature ?? 0;
  if (!(Number.isFinite(temperature) && temperature >= 0)) throw new Error(`llmPartner: temperature must be a number >= 0, got ${temperature}`);
  const maxTokens = opts.maxTokens ?? (row === "car-dealer" ? 192 : 64);
  return {
    name: `llm-partner:${client.config.model ?? "endpoint"}`,
    async reply(request: PartnerRequest): Promise<string> {
      if (request.row !== row) throw new Error(`llmPartner(${row}): got a request of ${request.row}`);
      const r = await client.complete({ messages: llmPartnerMessages(request), temperature, maxTokens });
      return llmPartnerReply(request, r.content);
    },
  };
}
