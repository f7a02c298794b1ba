/**
 * Scripted White players of the chess rows, over the observation text (the spaced FEN):
 *
 * * `random`: a uniformly random legal move (the reference's `random_opponent`, as an agent);
 * * `engine`: Stockfish's move at a fixed node budget (deterministic on one engine build);
 * * `optimal` (endgames): a move that mates soonest, from the exact tables (solver.ts);
 * * `behaviour` (endgames): the dataset's mixture (App. C.5, ICLR 2024 submission): each move is the
 *   engine's with probability `ENDGAME_ENGINE_SHARE`, else a random legal move.
 *
 * Every policy answers with the SAN move spaced and "\n" (`renderMove`), the behaviour data's action form.
 */
import type { Rng } from "../../core/rng";
import type { History, Policy } from "../../core/types";
import { Chess } from "chess.js";
import { sharedEngine } from "./engine";
import { renderMove, uciToObject } from "./game";
import { optimalMoves } from "./solver";

/**
 * Share of engine moves in the endgame behaviour policy. The paper's two descriptions of ε contradict
 * each other (App. A.1 vs C.5); its dataset statistics say 38.28% of the moves are the engine's, which a
 * per-move mixture reproduces with this probability.
 */
export const ENDGAME_ENGINE_SHARE = 0.3828;

/** Node budget of the behaviour policy's engine moves. */
export const BEHAVIOUR_ENGINE_NODES = 5_000;

/**
 * The FEN of an observation text: characters separated by single spaces, FEN's own spaces as runs of
 * three (`renderPosition`).
 *
 * @example
 * fenOfObservation("8 / 8 / 8 / 8 / 8 / 8 / 8 / K 6 k   w   -   -   0   1\n"); // "8/8/8/8/8/8/8/K6k w - - 0 1"
 */
export function fenOfObservation(text: string): string {
  return text.replace(/\n$/, "").split("   ").map((field) => field.replace(/ /g, "")).join(" ");
}

/** The position the agent sees last. */
function positionOf(history: History): Chess {
  const text = history[history.length - 1]?.text ?? "";
  try {
    return new Chess(fenOfObservation(text));
  } catch (e) {
    throw new Error(`chess policy: the last text is not a rendered position (${JSON.stringify(text.slice(0, 80))}): ${(e as Error).message}`);
  }
}

/** The last position as chess.js's ASCII board (White at the bottom), for `lmrl play`. */
export function asciiBoard(history: History): string {
  return positionOf(history).ascii();
}

export function randomLegalPolicy(): Policy {
  return {
    name: "random",
    act(history: History, rng: Rng): string {
      const moves = positionOf(history).moves();
      if (moves.length === 0) throw new Error("random chess policy: no legal move (the game should have ended)");
      return renderMove(rng.choice(moves));
    },
  };
}

/** Stockfish's move at `nodes` nodes per move. */
export function enginePolicy(nodes: number, name = "engine"): Policy {
  return {
    name,
    async act(history: History): Promise<string> {
      const board = positionOf(history);
      const uci = await sharedEngine().bestMove(board.fen(), { nodes });
      if (!uci) throw new Error(`${name} policy: the engine has no move in ${board.fen()}`);
      return renderMove(board.move(uciToObject(uci)).san);
    },
  };
}

/** A fastest-mating move from the exact tables (ties broken by the policy's random stream). */
export function optimalEndgamePolicy(): Policy {
  return {
    name: "optimal",
    act(history: History, rng: Rng): string {
      const board = positionOf(history);
      const best = optimalMoves(board.fen());
      // a position the tables call drawn (no winning move) cannot arise from a test position under optimal play
      return renderMove(best.length > 0 ? rng.choice(best) : rng.choice(board.moves()));
    },
  };
}

/** The engine's move with probability `engineShare`, else a random legal move (the endgame dataset's behaviour). */
export function endgameBehaviourPolicy(engineShare = ENDGAME_ENGINE_SHARE, nodes = BEHAVIOUR_ENGINE_NODES, name = "behaviour"): Policy {
  const engine = enginePolicy(nodes);
  const random = randomLegalPolicy();
  return {
    name,
    act(history: History, rng: Rng): string | Promise<string> {
      return rng.bernoulli(engineShare) ? engine.act(history, rng) : random.act(history, rng);
    },
  };
}

/**
 * Full-game behaviour strengths: the paper's White is Stockfish at an Elo drawn uniformly from [800, 1600]
 * (App. A.1). Elo-limited play is clock-seeded in Stockfish, so the kit weakens a fixed-node engine with
 * seeded random moves instead: a game "at Elo e" plays a random legal move with probability
 * (1600 − e) / 1600 (0 at 1600, 0.5 at 800), else Stockfish's move at `CHESS_BEHAVIOUR_NODES`.
 */
export const CHESS_BEHAVIOUR_NODES = 1_000;

export function chessRandomShare(elo: number): number {
  return Math.min(1, Math.max(0, (1600 - elo) / 1600));
}

/** White of one full-game dataset episode at a given "Elo" (see `chessRandomShare`). */
export function chessBehaviourPolicy(elo = 1200): Policy {
  return endgameBehaviourPolicy(1 - chessRandomShare(elo), CHESS_BEHAVIOUR_NODES, "behaviour");
}
