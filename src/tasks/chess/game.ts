/**
 * The rules and texts of the chess rows, as the reference (`llm_rl_scripts/chess/env/env.py`, python-chess)
 * has them, on chess.js:
 *
 * * observation: the FEN with every character separated by one space (`" ".join(fen)`), plus "\n" (the
 *   reference's BC data has the newline, its env does not; the kit's texts always end in one);
 * * action: a SAN move with its characters spaced, plus "\n" (`"N f 3\n"`); the env removes every space and
 *   parses SAN as python-chess's `Board.parse_san` does: "+"/"#" are ignored, "0-0" is castling, a move may be
 *   over-disambiguated ("Ng1f3", "e2e4"), promotion letters may be lower case, "--" is a null move, and an
 *   ambiguous move is illegal;
 * * game over as python-chess's `is_game_over()` (claim_draw=False): checkmate, insufficient material,
 *   stalemate, the 75-move rule and fivefold repetition — not chess.js's threefold and 50-move draws.
 */
import { Chess, type Move } from "chess.js";
import { pyStrip } from "../../core/text";

export const START_FEN = "rnbqkbnr/pppppppp/8/8/8/8/PPPPPPPP/RNBQKBNR w KQkq - 0 1";

/** `" ".join(s)`: every character separated by one space. */
export function spaceChars(s: string): string {
  return [...s].join(" ");
}

/** The observation text of a position: the spaced FEN and "\n". */
export function renderPosition(fen: string): string {
  return spaceChars(fen) + "\n";
}

/** The action text of a SAN move: spaced, plus "\n" (the behaviour data's form). */
export function renderMove(san: string): string {
  return spaceChars(san) + "\n";
}

/** What an agent's text parses to. */
export type ParsedMove = { readonly kind: "move"; readonly move: Move } | { readonly kind: "null" } | { readonly kind: "illegal"; readonly reason: string };

// python-chess SAN_REGEX: piece, from file, from rank, capture or dash, target, promotion, check/mate
const SAN_REGEX = /^([NBKRQ])?([a-h])?([1-8])?[-x]?([a-h][1-8])(=?[nbrqkNBRQK])?[+#]?$/;
const NULL_MOVES = new Set(["--", "Z0", "0000", "@@@@"]);
const KINGSIDE = new Set(["O-O", "O-O+", "O-O#", "0-0", "0-0+", "0-0#"]);
const QUEENSIDE = new Set(["O-O-O", "O-O-O+", "O-O-O#", "0-0-0", "0-0-0+", "0-0-0#"]);

/**
 * A chess game with python-chess's end rules. Positions repeat by (placement, side to move, castling
 * rights, en-passant square when a capture is legal) — chess.js's FEN already omits an en-passant square
 * no pawn can take, as python-chess does.
 *
 * @example
 * const g = new ChessGame();
 * const m = g.parse("e 4\n");        // { kind: "move", move: { san: "e4", ... } }
 * g.push(m.move); g.outcome();       // null: the game goes on
 */
export class ChessGame {
  private readonly board: Chess;
  private readonly seen = new Map<string, number>();

  constructor(fen: string = START_FEN) {
    this.board = new Chess(fen);
    this.count();
  }

  get fen(): string {
    return this.board.fen();
  }

  get turn(): "w" | "b" {
    return this.board.turn();
  }

  /** Legal moves in SAN, in chess.js's generation order. */
  legalSans(): string[] {
    return this.board.moves();
  }

  /** Legal moves with their squares (slow in chess.js: ~170 calls/s in a busy middlegame). */
  legalMoves(): Move[] {
    return this.board.moves({ verbose: true });
  }

  /** The agent's text as a move of the side to move (`parse_san` after removing every space). */
  parse(text: string): ParsedMove {
    const san = pyStrip(text.replace(/ /g, ""));
    if (NULL_MOVES.has(san)) return { kind: "null" };
    // Fast path: a move written exactly as chess.js's SAN (check marks aside) is the move parse_san finds;
    // chess.js's plain SAN list is ~20× cheaper than its verbose move list.
    const bare = san.replace(/[+#]+$/, "");
    const exact = this.board.moves().find((m) => m.replace(/[+#]$/, "") === bare);
    if (exact) {
      const move = this.board.move(exact);
      this.board.undo();
      return { kind: "move", move };
    }
    const legal = this.legalMoves();
    if (KINGSIDE.has(san) || QUEENSIDE.has(san)) {
      const flag = KINGSIDE.has(san) ? "k" : "q";
      const m = legal.find((x) => x.piece === "k" && x.flags.includes(flag));
      return m ? { kind: "move", move: m } : { kind: "illegal", reason: `castling ${san} is not legal here` };
    }
    const r = SAN_REGEX.exec(san);
    if (!r) return { kind: "illegal", reason: `"${san}" is not SAN` };
    const [, piece, fromFile, fromRank, to, promo] = r;
    const promotion = promo ? promo.replace("=", "").toLowerCase() : undefined;
    if (promotion === "k") return { kind: "illegal", reason: "promotion to a king" };
    // As parse_san: a piece letter filters by piece; a fully given origin square ("g1f3", "e1g1") may move
    // any piece; otherwise it is a pawn, and a pawn without its file moves straight ("d5" never captures).
    const pieceOk = (m: Move) => (piece ? m.piece === piece.toLowerCase() : fromFile && fromRank ? true : m.piece === "p" && (fromFile !== undefined || m.from[0] === to[0]));
    const hits = legal.filter(
      (m) => pieceOk(m) && m.to === to && (!fromFile || m.from[0] === fromFile) && (!fromRank || m.from[1] === fromRank) && m.promotion === promotion,
    );
    if (hits.length === 1) return { kind: "move", move: hits[0] };
    return { kind: "illegal", reason: hits.length === 0 ? `${san} is not a legal move` : `${san} is ambiguous (${hits.map((m) => m.san).join(", ")})` };
  }

  /** Play a legal move (from `parse`, `legalMoves` or a UCI string such as "e7e8q"). */
  push(move: Move | string): Move {
    const m = typeof move === "string" ? this.board.move(uciToObject(move)) : this.board.move({ from: move.from, to: move.to, promotion: move.promotion });
    this.count();
    return m;
  }

  /**
   * python-chess's `outcome()` with claim_draw=False, in its order: checkmate (the side to move lost),
   * insufficient material, stalemate, the 75-move rule (halfmove clock ≥ 150), fivefold repetition.
   */
  outcome(): { readonly termination: "checkmate" | "insufficient_material" | "stalemate" | "seventyfive_moves" | "fivefold_repetition"; readonly winner: "w" | "b" | null } | null {
    if (this.board.isCheckmate()) return { termination: "checkmate", winner: this.turn === "w" ? "b" : "w" };
    if (this.board.isInsufficientMaterial()) return { termination: "insufficient_material", winner: null };
    if (this.board.isStalemate()) return { termination: "stalemate", winner: null };
    if (Number(this.fen.split(" ")[4]) >= 150) return { termination: "seventyfive_moves", winner: null };
    if ((this.seen.get(positionKey(this.fen)) ?? 0) >= 5) return { termination: "fivefold_repetition", winner: null };
    return null;
  }

  private count(): void {
    const k = positionKey(this.fen);
    this.seen.set(k, (this.seen.get(k) ?? 0) + 1);
  }
}

/** The repetition key of a FEN: placement, side to move, castling rights, en-passant square. */
export function positionKey(fen: string): string {
  return fen.split(" ").slice(0, 4).join(" ");
}

/** "e7e8q" → { from: "e7", to: "e8", promotion: "q" } (UCI, as an engine answers). */
export function uciToObject(uci: string): { from: string; to: string; promotion?: string } {
  if (!/^[a-h][1-8][a-h][1-8][nbrq]?$/.test(uci)) throw new Error(`not a UCI move: "${uci}"`);
  return { from: uci.slice(0, 2), to: uci.slice(2, 4), ...(uci.length === 5 ? { promotion: uci[4] } : {}) };
}

/** A start position's identity for keeping test positions out of training: placement and side to move. */
export function startKey(fen: string): string {
  return fen.split(" ").slice(0, 2).join(" ");
}

/** The FEN placement field of a board given as 64 squares (index rank·8 + file, a1 = 0), pieces as FEN letters. */
export function placementOf(board: readonly (string | null)[]): string {
  const ranks: string[] = [];
  for (let r = 7; r >= 0; r--) {
    let s = "";
    let empty = 0;
    for (let f = 0; f < 8; f++) {
      const p = board[r * 8 + f];
      if (!p) empty++;
      else {
        if (empty) s += empty;
        empty = 0;
        s += p;
      }
    }
    if (empty) s += empty;
    ranks.push(s);
  }
  return ranks.join("/");
}
