/**
 * `ChessEnv`: the reference's `ChessEnv` / `FenChessHistoryEnv` (`llm_rl_scripts/chess/env/env.py`). The
 * agent plays White; after each legal agent move the opponent (Stockfish, `engine.ts`) replies.
 *
 * | agent's text | reward | ends? |
 * |---|---|---|
 * | not a legal move (unparsable, illegal, ambiguous) | −1 | no: the board and the observation stay |
 * | a null move (`--`) | −1 | yes |
 * | a move that checkmates | +1 | yes |
 * | a move that ends the game otherwise (stalemate, 75 moves, fivefold, material) | 0 | yes |
 * | a move after which the opponent checkmates | −1 | yes |
 * | a move after which the opponent's reply ends the game otherwise | 0 | yes |
 * | any other legal move | 0 | no |
 *
 * The reference ends an episode once it has made more than 400 moves (`max_moves`): after the 401st agent
 * action, here a truncation (turn cap `maxTurns` 401), so the lowest possible return is −401.
 * `endgames` starts each episode from a random KQK, KRK, KQRK or KRRK position (`random_endgame.py`'s
 * `large_piece_random_endgame`): the pieces on distinct uniform squares, White to move, neither side in
 * check, kings apart.
 */
import { Rng } from "../../core/rng";
import { lastAction, obs } from "../../core/text";
import type { History, ResetArgs, StepResult, TextEnv } from "../../core/types";
import { Chess } from "chess.js";
import { sharedEngine } from "./engine";
import { ChessGame, placementOf, renderPosition, START_FEN, startKey } from "./game";

/**
 * The side that answers the agent: a UCI move for the side to move, or null if it has none. `rng` is the
 * episode's stream (seeded at reset), for opponents that play random moves.
 */
export interface Opponent {
  move(fen: string, rng: Rng): Promise<string | null>;
}

/**
 * Stockfish with a fixed node budget per move (see engine.ts for why not 100 ms); with probability
 * `randomShare` a uniformly random legal move instead (the kit's seeded, reproducible weakening — the
 * datasets' "Stockfish 1200" stand-in, see policies.ts `chessRandomShare`).
 */
export function engineOpponent(nodes: number, randomShare = 0): Opponent {
  const random = randomOpponent();
  return {
    move: (fen, rng) => (randomShare > 0 && rng.bernoulli(randomShare) ? random.move(fen, rng) : sharedEngine().bestMove(fen, { nodes })),
  };
}

/** A uniformly random legal reply (the weakened engine's random moves; an instant opponent for benches). */
export function randomOpponent(): Opponent {
  return {
    move: async (fen, rng) => {
      const board = new Chess(fen);
      const sans = board.moves();
      if (sans.length === 0) return null;
      const m = board.move(rng.choice(sans));
      return m.from + m.to + (m.promotion ?? "");
    },
  };
}

/** The endgame families of the paper (App. C.5): black king alone against these white pieces. */
export const ENDGAME_FAMILIES = ["kQK", "kRK", "kQRK", "kRRK"] as const;

export interface ChessResetOptions {
  /** Start from this FEN (White to move). */
  readonly fen?: string;
}

export interface ChessEnvConfig {
  /** "chess": the standard start; "endgames": a random endgame per reset. */
  readonly mode: "chess" | "endgames";
  /** The opponent (default: Stockfish with `nodes` per move). */
  readonly opponent?: Opponent;
  /** Node budget of the default opponent per move. */
  readonly nodes?: number;
  /** Probability that the default opponent plays a random legal move (0: the reference's full strength). */
  readonly opponentRandomShare?: number;
  /** Random endgame starts never drawn (placement + side to move: the test positions). */
  readonly exclude?: ReadonlySet<string>;
}

export class ChessEnv implements TextEnv<ChessResetOptions> {
  readonly id: string;
  readonly maxTurns = 401;
  private game = new ChessGame();
  private turns = 0;
  private rng: Rng = new Rng(0);
  private readonly opponent: Opponent;

  constructor(readonly config: ChessEnvConfig = { mode: "chess" }) {
    this.id = config.mode;
    this.opponent = config.opponent ?? engineOpponent(config.nodes ?? 20_000, config.opponentRandomShare ?? 0);
  }

  async reset(args: ResetArgs<ChessResetOptions> = {}): Promise<History> {
    if (args.seed !== undefined) this.rng = new Rng(args.seed);
    const fen = args.options?.fen ?? (this.config.mode === "endgames" ? this.randomStart() : START_FEN);
    this.game = new ChessGame(fen);
    if (this.game.turn !== "w") throw new Error(`ChessEnv.reset: the agent plays White; ${fen} has Black to move`);
    this.turns = 0;
    return [obs(renderPosition(this.game.fen))];
  }

  /** A random endgame that is not excluded (the env's seeded stream). */
  private randomStart(): string {
    for (;;) {
      const fen = randomEndgame(this.rng);
      if (!this.config.exclude?.has(startKey(fen))) return fen;
    }
  }

  async step(history: History): Promise<StepResult> {
    const text = lastAction(history, this.id);
    this.turns++;
    const capped = this.turns >= this.maxTurns;
    const parsed = this.game.parse(text);
    const result = (reward: number, ended: boolean, info: Record<string, unknown>): StepResult => ({
      history: [...history, obs(renderPosition(this.game.fen))],
      reward,
      terminated: ended,
      truncated: !ended && capped,
      info: { success: reward === 1, invalidAction: false, ...info },
    });
    if (parsed.kind === "illegal") return { ...result(-1, false, { reason: parsed.reason }), info: { success: false, invalidAction: true, invalidReason: parsed.reason } };
    if (parsed.kind === "null") return { ...result(-1, true, {}), info: { success: false, invalidAction: true, invalidReason: "null move" } };
    this.game.push(parsed.move);
    const afterAgent = this.game.outcome();
    if (afterAgent) return result(afterAgent.termination === "checkmate" ? 1 : 0, true, { termination: afterAgent.termination, move: parsed.move.san });
    const reply = await this.opponent.move(this.game.fen, this.rng);
    if (!reply) throw new Error(`ChessEnv: the opponent has no move in ${this.game.fen}, yet the game is not over`);
    this.game.push(reply);
    const afterReply = this.game.outcome();
    if (afterReply) return result(afterReply.termination === "checkmate" ? -1 : 0, true, { termination: afterReply.termination, move: parsed.move.san, reply });
    return result(0, false, { move: parsed.move.san, reply });
  }
}

/**
 * A random endgame of one of the paper's families: pieces on distinct uniform squares, retried until the
 * position is legal with White to move (kings not adjacent, neither side in check).
 *
 * @example
 * randomEndgame(new Rng(3), "kQK"); // e.g. "8/8/3k4/8/8/6Q1/8/2K5 w - - 0 1"
 */
export function randomEndgame(rng: Rng, family: (typeof ENDGAME_FAMILIES)[number] = rng.choice(ENDGAME_FAMILIES)): string {
  for (let attempt = 0; attempt < 10_000; attempt++) {
    const squares = new Set<number>();
    while (squares.size < family.length) squares.add(rng.int(64));
    const board: (string | null)[] = new Array(64).fill(null);
    [...squares].forEach((sq, i) => (board[sq] = family[i]));
    const fen = `${placementOf(board)} w - - 0 1`;
    if (legalWhiteToMove(fen)) return fen;
  }
  throw new Error(`randomEndgame: no legal ${family} position in 10,000 draws`);
}

/** Kings apart, White not in check, and Black (not to move) not in check either. */
function legalWhiteToMove(fen: string): boolean {
  const [placementPart] = fen.split(" ");
  const kings = findKings(placementPart);
  if (!kings || (Math.abs(kings.w[0] - kings.b[0]) <= 1 && Math.abs(kings.w[1] - kings.b[1]) <= 1)) return false;
  try {
    if (new Chess(fen).isCheck()) return false;
    return !new Chess(fen.replace(" w ", " b ")).isCheck();
  } catch {
    return false;
  }
}

function findKings(placementPart: string): { w: [number, number]; b: [number, number] } | null {
  let w: [number, number] | null = null;
  let b: [number, number] | null = null;
  placementPart.split("/").forEach((row, i) => {
    let f = 0;
    for (const ch of row) {
      if (/\d/.test(ch)) f += Number(ch);
      else {
        if (ch === "K") w = [7 - i, f];
        if (ch === "k") b = [7 - i, f];
        f++;
      }
    }
  });
  return w && b ? { w, b } : null;
}
