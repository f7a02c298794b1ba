/**
 * How Car Dealer conversations end, folded from an evaluation's episodes (`EnvSpec.episodeMetrics`): a
 * low mean return can come from cheap sales or from buyers who could afford the car walking away (a
 * negative fancy reward), and the two call for different fixes. Read from each episode's last step info
 * (the buyer's decision and `reason`, src/tasks/car-dealer/buyer.ts), so it costs no extra rollouts.
 */
import type { Episode } from "../../core/rollout";
import { mean } from "../../core/stats";
import type { ConversationOutput } from "./formats";

/** Each buyer `reason` (and a partner's) by the share key it counts toward. */
const END_KEYS: Readonly<Record<string, string>> = {
  accepted: "end_accepted",
  "patience: accepted": "end_accepted_at_patience",
  "cap: accepted": "end_accepted_at_patience",
  annoyed: "end_annoyed",
  rudeness: "end_annoyed",
  "a wanted feature is missing": "end_feature_missing",
  "no discount": "end_no_discount",
  "price above the buyer's limit": "end_price_above_limit",
  "patience: rejected": "end_rejected_at_patience",
  "cap: rejected": "end_rejected_at_patience",
  "three unintelligible seller lines": "end_unintelligible",
};
const KEYS = [...new Set(Object.values(END_KEYS)), "end_other"];

/**
 * - `return_sale`, `return_no_sale`: mean return of the conversations that did (did not) end in a sale
 *   (under the fancy reward a sale pays price / ((budget + MSRP) / 2), a walk-away −(budget − MSRP) / MSRP);
 * - `sale_price_to_msrp`: mean buy price / MSRP over sales with a price;
 * - `end_<why>`: the share of conversations that ended that way (the buyer's reason; `end_other` a
 *   partner's decision, no decision, or a conversation the rollout cut). Shares sum to 1.
 *
 * @example
 * carDealerEpisodeMetrics((await evaluate(carDealerSpec, policy, { keepEpisodes: true })).episodeRecords!)
 * // { return_sale: 0.98, return_no_sale: -0.12, sale_price_to_msrp: 0.97, end_accepted: 0.41, ... }
 */
export function carDealerEpisodeMetrics(episodes: readonly Episode[]): Record<string, number> {
  const sales = episodes.filter((e) => e.success);
  const prices = sales.map((e) => e.lastInfo?.output as ConversationOutput | undefined).filter((o): o is ConversationOutput => !!o && o.buyPrice !== null && o.msrp > 0);
  const out: Record<string, number> = {
    return_sale: sales.length > 0 ? mean(sales.map((e) => e.return)) : NaN,
    return_no_sale: sales.length < episodes.length ? mean(episodes.filter((e) => !e.success).map((e) => e.return)) : NaN,
    sale_price_to_msrp: prices.length > 0 ? mean(prices.map((o) => o.buyPrice! / o.msrp)) : NaN,
  };
  for (const k of KEYS) out[k] = 0;
  for (const e of episodes) {
    const reason = e.lastInfo?.reason;
    out[(typeof reason === "string" && END_KEYS[reason]) || "end_other"] += 1 / episodes.length;
  }
  return out;
}
