/**
 * Pluggable partners of the dialogue rows (LMRL-Gym paper §4: the 20Q and Guess My City oracles and the
 * Car Dealer buyer are LLMs in the reference). A row's rule-based partner stays its default; any
 * {@link Partner} — a scripted object, a person at the terminal (`lmrl play <row> --as partner`) or an
 * LLM (`llmPartner` in llm-partner.ts, `lmrl eval <row> --partner llm`) — can replace it through the
 * row's {@link PartnerSupport} (`spec.partner.make(partner)`); `spec.make()` is unchanged.
 *
 * A partner receives plain data (the hidden facts it plays and the conversation so far) and returns
 * one line of text. The row's env sanitises that text to its rules (20Q: "Yes."/"No."; Guess My City:
 * never the city or country; Car Dealer: the Output line parsed and removed), so no reply, however
 * odd, can break an episode. An async partner makes the env's `step` return promises.
 *
 * @example
 * const yes: Partner = { name: "always-yes", reply: () => "yes" };
 * const env = twentyQuestionsSpec.partner!.make(yes);
 * const h = env.reset({ seed: 0, options: { object: "Cat" } }) as History;
 * (env.step([...h, act("Is it made of metal?\n")]) as StepResult).history.at(-1)!.text; // "Yes.\n"
 */
import { isPromise, type History, type MaybePromise, type ResetArgs, type StepResult, type TextEnv } from "./types";

/** One question of a 20Q or Guess My City game and the answer the agent saw. */
export interface QuestionAnswer {
  readonly question: string;
  readonly answer: string;
}

/** The 20Q oracle's request (reference `oracle.py`: the object's variants and the question). */
export interface TwentyQuestionsPartnerRequest {
  readonly row: "twenty-questions";
  /** The object's name (its first variant). */
  readonly object: string;
  /** Every accepted name of the object, e.g. ["Television", "TV"]. */
  readonly variants: readonly string[];
  readonly question: string;
  /** The earlier questions of this game with the answers given. */
  readonly previous: readonly QuestionAnswer[];
}

/** The Guess My City oracle's request: the city and its country, the question and the game so far. */
export interface GuessMyCityPartnerRequest {
  readonly row: "guess-my-city";
  readonly city: string;
  readonly country: string;
  readonly question: string;
  readonly previous: readonly QuestionAnswer[];
}

/** One line of the Car Dealer conversation. */
export interface DialogueLine {
  readonly role: "seller" | "buyer";
  readonly text: string;
}

/** The Car Dealer buyer's request: its persona as the buyer's own view, and the conversation. */
export interface CarDealerPartnerRequest {
  readonly row: "car-dealer";
  /** The reference's buyer-info line, e.g. "Personality: polite. Prefers a Honda SUV with backup camera. Budget: $30,000". */
  readonly buyerInfo: string;
  /** The paper's buyer background (App. C.8), e.g. "The buyer will never buy from the seller unless given a discount." */
  readonly background: string;
  /** The sticker price of the car under discussion (the buyer's Output line states it). */
  readonly msrp: number;
  readonly budget: number;
  /** The conversation so far, ending with the seller's latest line. */
  readonly conversation: readonly DialogueLine[];
  /** The conversation is at its cap: this reply must end with the Output line. */
  readonly mustDecide: boolean;
  /** The previous reply at the cap had no Output line: this is the one re-prompt (reference: "Output: Decision="). */
  readonly reprompt?: boolean;
}

export type PartnerRequest = TwentyQuestionsPartnerRequest | GuessMyCityPartnerRequest | CarDealerPartnerRequest;

/** The other side of a dialogue row: answers one request with one line of text. */
export interface Partner {
  readonly name: string;
  reply(request: PartnerRequest): MaybePromise<string>;
  /** Releases what the partner holds (a terminal, a connection). */
  close?(): MaybePromise<void>;
}

/** Replies are cut to this many characters before the row's rules read them. */
export const PARTNER_MAX_CHARS = 4000;

/**
 * A partner's reply as one line: anything not a string becomes "", control characters and line breaks
 * become spaces, runs of spaces collapse, the ends are trimmed and the text is cut to
 * {@link PARTNER_MAX_CHARS}. Never throws.
 *
 * @example
 * cleanPartnerReply("Yes.\nIt is\u0007 hot.  "); // "Yes. It is hot."
 */
export function cleanPartnerReply(reply: unknown): string {
  const s = typeof reply === "string" ? reply : "";
  return s.slice(0, 4 * PARTNER_MAX_CHARS).replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, " ").replace(/ {2,}/g, " ").trim().slice(0, PARTNER_MAX_CHARS).trim();
}

/** A turn that needs the partner: the request, and what the env does with the (cleaned) reply. */
export interface PartnerTurn {
  readonly request: PartnerRequest;
  /** The step result, or another request (Car Dealer's re-prompt for a decision at the cap). */
  finish(reply: string): StepResult | PartnerTurn;
}

/** A row's game whose partner is asked from outside (the env classes of the dialogue rows). */
export interface PartnerGame {
  readonly id: string;
  readonly maxTurns: number;
  reset(args?: ResetArgs<never>): History;
  /** A result without asking the partner (after the end, a sentinel question), or the partner's turn. */
  partnerTurn(history: History): StepResult | PartnerTurn;
}

function isTurn(x: StepResult | PartnerTurn): x is PartnerTurn {
  return "request" in x;
}

/**
 * A dialogue row's game with `partner` in place of its rule-based one. `step` is synchronous when the
 * partner answers synchronously and returns a promise otherwise; `close` closes the partner.
 */
export class PartnerEnv<G extends PartnerGame = PartnerGame> implements TextEnv {
  readonly id: string;
  readonly maxTurns: number;

  constructor(
    readonly game: G,
    readonly partner: Partner,
  ) {
    this.id = game.id;
    this.maxTurns = game.maxTurns;
  }

  reset(args?: ResetArgs): History {
    return this.game.reset(args as ResetArgs<never>);
  }

  step(history: History): MaybePromise<StepResult> {
    return this.run(this.game.partnerTurn(history));
  }

  private run(t: StepResult | PartnerTurn): MaybePromise<StepResult> {
    while (isTurn(t)) {
      const turn: PartnerTurn = t;
      const r = this.partner.reply(turn.request);
      if (isPromise(r)) return r.then((x) => this.run(turn.finish(cleanPartnerReply(x))));
      t = turn.finish(cleanPartnerReply(r));
    }
    return t;
  }

  close(): MaybePromise<void> {
    return this.partner.close?.();
  }
}

/** What a row registers to accept partners (`EnvSpec.partner`). */
export interface PartnerSupport {
  /** Who the partner is, e.g. "the oracle" or "the buyer". */
  readonly role: string;
  /** The rules a person (or a model) playing the partner follows, and what the env does with other replies. */
  readonly rules: string;
  /** An env of the row whose partner is `partner` (options as `EnvSpec.make`). */
  make(partner: Partner, options?: Readonly<Record<string, unknown>>): TextEnv;
}

/** The hidden facts of a request, as a person playing the partner reads them. */
export function partnerFacts(req: PartnerRequest): string {
  switch (req.row) {
    case "twenty-questions":
      return `The hidden object: ${req.object}${req.variants.length > 1 ? ` (also: ${req.variants.slice(1).join(", ")})` : ""}`;
    case "guess-my-city":
      return `The hidden city: ${req.city}, ${req.country}`;
    case "car-dealer":
      return `You are the buyer. ${req.buyerInfo}\n${req.background}\nThe car's MSRP (sticker price): $${req.msrp.toLocaleString("en-US")}`;
  }
}

/** The agent's latest line in a request (the question, or the seller's line). */
export function partnerPrompt(req: PartnerRequest): string {
  if (req.row === "car-dealer") return req.conversation.length > 0 ? req.conversation[req.conversation.length - 1].text : "";
  return req.question;
}
