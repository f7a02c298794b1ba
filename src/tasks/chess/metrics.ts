/**
 * How chess games end, folded from an evaluation's episodes (`EnvSpec.episodeMetrics` of both chess
 * rows): a return near 0 can be a draw or illegal moves offset by a win, a very negative one a game
 * played to the 401-move cap; the shares say which. Read from each episode's last step info
 * (src/tasks/chess/env.ts), so it costs no extra games.
 */
import type { Episode } from "../../core/rollout";
import { mean } from "../../core/stats";

/**
 * - `end_win` / `end_loss`: the agent mated / was mated; `end_draw`: stalemate, insufficient material, the
 *   75-move rule or fivefold repetition; `end_null_move`: the agent passed (the null move ends the game with
 *   −1, as the reference's env); `end_cap`: the 401-move cap cut the game (shares sum to 1);
 * - `legal_moves`: mean legal agent moves per game (`invalid_rate` in the summary is the illegal share).
 *
 * @example
 * chessEpisodeMetrics(episodes) // { end_win: 0.02, end_loss: 0.6, end_draw: 0.1, end_null_move: 0, end_cap: 0.28, legal_moves: 31.5 }
 */
export function chessEpisodeMetrics(episodes: readonly Episode[]): Record<string, number> {
  const out: Record<string, number> = { end_win: 0, end_loss: 0, end_draw: 0, end_null_move: 0, end_cap: 0 };
  for (const e of episodes) {
    const info = e.lastInfo;
    const key = e.success ? "end_win"
      : e.truncated || !info ? "end_cap"
      : info.invalidReason === "null move" ? "end_null_move"
      : info.termination === "checkmate" ? "end_loss"
      : "end_draw";
    out[key] += 1 / episodes.length;
  }
  out.legal_moves = mean(episodes.map((e) => e.length - e.invalidActions));
  return out;
}
