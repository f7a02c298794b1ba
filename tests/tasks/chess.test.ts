/**
 * The chess rows' rules and texts (src/tasks/chess/game.ts) against python-chess's behaviour, checked by
 * hand: the spaced-FEN observation, parse_san's leniencies and refusals, and is_game_over's endings.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ChessGame, positionKey, renderMove, renderPosition, START_FEN, uciToObject } from "../../src/tasks/chess/game";

const sanOf = (g: ChessGame, text: string): string => {
  const p = g.parse(text);
  return p.kind === "move" ? p.move.san : p.kind;
};

describe("chess: texts", () => {
  it("the start observation is the reference's spaced FEN (a space inside the FEN becomes three)", () => {
    assert.equal(renderPosition(START_FEN), "r n b q k b n r / p p p p p p p p / 8 / 8 / 8 / 8 / P P P P P P P P / R N B Q K B N R   w   K Q k q   -   0   1\n");
    assert.equal(renderMove("Nf3"), "N f 3\n");
    assert.equal(renderMove("O-O"), "O - O\n");
  });
});

describe("chess: parsing an agent's move as python-chess's parse_san", () => {
  it("spaced SAN, check marks, castling with zeros, over-disambiguation, fully specified squares", () => {
    const g = new ChessGame();
    assert.equal(sanOf(g, "e 4\n"), "e4");
    assert.equal(sanOf(g, "N f 3\n"), "Nf3");
    assert.equal(sanOf(g, "Nf3+"), "Nf3", "+ and # are ignored");
    assert.equal(sanOf(g, "Ng1f3"), "Nf3");
    assert.equal(sanOf(g, "e2e4"), "e4");
    assert.equal(sanOf(g, "e2-e4"), "e4");
    assert.equal(sanOf(g, "g1f3"), "Nf3", "a fully given origin moves any piece");
    assert.equal(sanOf(g, "  e4 \t"), "e4");
  });

  it("refuses what parse_san refuses: not SAN, illegal, a pawn capture without its file, ambiguity, missing promotion", () => {
    const g = new ChessGame();
    assert.equal(sanOf(g, "E4"), "illegal");
    assert.equal(sanOf(g, "hello"), "illegal");
    assert.equal(sanOf(g, ""), "illegal");
    assert.equal(sanOf(g, "d5"), "illegal", "no white pawn reaches d5");
    assert.equal(sanOf(g, "O-O"), "illegal", "castling through pieces");
    assert.equal(sanOf(g, "0 - 0 - 0"), "illegal");
    assert.equal(sanOf(g, "--"), "null");
    const cap = new ChessGame("rnbqkbnr/ppp1pppp/8/3p4/4P3/8/PPPP1PPP/RNBQKBNR w KQkq - 0 2");
    assert.equal(sanOf(cap, "exd5"), "exd5");
    assert.equal(sanOf(cap, "xd5"), "illegal", "a pawn capture needs its file");
    assert.equal(sanOf(cap, "d5"), "illegal", "a pawn without its file only moves straight");
    const knights = new ChessGame("4k3/8/8/8/8/8/8/1N2KN2 w - - 0 1");
    assert.equal(sanOf(knights, "Nd2"), "illegal", "ambiguous: b1 and f1 both reach d2");
    assert.equal(sanOf(knights, "Nbd2"), "Nbd2");
    const promo = new ChessGame("8/P7/8/8/8/8/2k5/7K w - - 0 1");
    assert.equal(sanOf(promo, "a8"), "illegal", "a promotion must name its piece");
    assert.equal(sanOf(promo, "a8=Q"), "a8=Q");
    assert.equal(sanOf(promo, "a8q"), "a8=Q");
    assert.equal(sanOf(promo, "a 8 = N"), "a8=N");
    assert.equal(sanOf(promo, "a8=K"), "illegal");
    const castle = new ChessGame("4k3/8/8/8/8/8/8/R3K2R w KQ - 0 1");
    assert.equal(sanOf(castle, "0-0"), "O-O");
    assert.equal(sanOf(castle, "O - O - O +"), "O-O-O");
  });
});

describe("chess: game over as python-chess's is_game_over (claim_draw=False)", () => {
  it("checkmate names the winner; stalemate and insufficient material are draws", () => {
    const g = new ChessGame();
    for (const m of ["f3", "e5", "g4", "Qh4"]) {
      const p = g.parse(m);
      assert.equal(p.kind, "move");
      if (p.kind === "move") g.push(p.move);
    }
    assert.deepEqual(g.outcome(), { termination: "checkmate", winner: "b" });
    assert.deepEqual(new ChessGame("7k/5Q2/6K1/8/8/8/8/8 b - - 0 1").outcome(), { termination: "stalemate", winner: null });
    assert.deepEqual(new ChessGame("8/8/8/8/8/8/8/k6K w - - 0 1").outcome(), { termination: "insufficient_material", winner: null });
    assert.equal(new ChessGame().outcome(), null);
  });

  it("the 75-move rule at a halfmove clock of 150, not the 50-move rule", () => {
    assert.equal(new ChessGame("4k3/8/8/8/8/8/8/R3K3 w - - 100 80").outcome(), null, "50 moves: chess.js would call it a draw, python-chess plays on");
    assert.equal(new ChessGame("4k3/8/8/8/8/8/8/R3K3 w - - 149 80").outcome(), null);
    assert.deepEqual(new ChessGame("4k3/8/8/8/8/8/8/R3K3 w - - 150 80").outcome(), { termination: "seventyfive_moves", winner: null });
  });

  it("fivefold repetition, not threefold", () => {
    const g = new ChessGame();
    const cycle = ["g1f3", "g8f6", "f3g1", "f6g8"];
    for (let rep = 1; rep <= 4; rep++) {
      for (const m of cycle) {
        assert.equal(g.outcome(), null, `repetition ${rep}`);
        g.push(m);
      }
    }
    // the start position has now occurred 5 times
    assert.deepEqual(g.outcome(), { termination: "fivefold_repetition", winner: null });
    assert.equal(positionKey(g.fen), positionKey(START_FEN));
  });

  it("UCI strings as an engine answers", () => {
    assert.deepEqual(uciToObject("e7e8q"), { from: "e7", to: "e8", promotion: "q" });
    assert.throws(() => uciToObject("e9e4"), /not a UCI move/);
  });
});
