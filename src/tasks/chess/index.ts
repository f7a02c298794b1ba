/**
 * The chess task's registry entries (reference `llm_rl_scripts/chess/`): `chess` (full games from the
 * start position against Stockfish) and `endgames` (White to mate from a K+Q, K+R, K+Q+R or K+R+R vs K
 * position, evaluated on the 645 fixed test positions of positions.ts), with their scripted policies,
 * dataset generators and anchors. See README.md.
 */
import { checkEnvOptions, type EnvSpec, type PolicyFactory } from "../../core/spec";
import type { Anchors, History } from "../../core/types";
import { ChessEnv } from "./env";
import { generateChessTrajectories, generateEndgameTrajectories } from "./generate";
import { chessEpisodeMetrics } from "./metrics";
import { asciiBoard, CHESS_BEHAVIOUR_NODES, chessBehaviourPolicy, chessRandomShare, ENDGAME_ENGINE_SHARE, BEHAVIOUR_ENGINE_NODES, endgameBehaviourPolicy, enginePolicy, optimalEndgamePolicy, randomLegalPolicy } from "./policies";
import { testPositionKeys, testPositions } from "./positions";
import { readReferenceChess } from "./reference";
import { CHESS_TOKENIZER_TEXTS } from "./tokens";
import { CHESS_TRAIN_DEFAULTS, ENDGAMES_TRAIN_DEFAULTS } from "./train";

/** Paper Table 5: min (a loss), dataset average, max (a win). */
export const ENDGAMES_PAPER_ANCHORS: Anchors = { min: -1, avg: 0.586, max: 1 };

/**
 * Recomputed on this kit: max = the optimal policy's return on the 645 test positions (it mates in every
 * one, whatever the defence: 1, measured with `lmrl eval endgames --policy optimal`); avg = the mean return
 * of the default training file (`npx lmrl data generate endgames --n 2000 --seed 0`, native Stockfish
 * 15.1): 0.226 (452 wins in 2,000 games).
 */
export const ENDGAMES_OUR_ANCHORS: Anchors = { min: -1, avg: 0.226, max: 1 };

/** Options of `endgamesSpec.make(options)`: the opponent's fixed node budget per move. */
export const ENDGAMES_ENV_OPTIONS = { nodes: 20_000 } as const;

let excluded: ReadonlySet<string> | undefined;

const policies: Record<string, PolicyFactory> = {
  random: () => randomLegalPolicy(),
  optimal: () => optimalEndgamePolicy(),
  behaviour: () => endgameBehaviourPolicy(),
  engine: () => enginePolicy(BEHAVIOUR_ENGINE_NODES),
};

/** What both chess rows share: the task, the turn cap, the one-position window, texts and tokenizer. */
function chessRow(id: "chess" | "endgames") {
  return {
    id,
    task: "chess",
    actions: "a legal White move in SAN, characters spaced or not (\"R h 8\", \"Rh8#\", \"Ka2\"); python-chess's parse_san leniencies apply (0-0, e2e4-style squares). Anything else: reward -1, the board stays, the episode goes on (up to 401 moves).",
    maxTurns: 401,
    historyWindow: 1,
    playAid: (history: History) => asciiBoard(history),
    tokenizer: "chess",
    tokenizerTexts: () => CHESS_TOKENIZER_TEXTS,
    referenceReader: (path: string) => readReferenceChess(path, id),
    episodeMetrics: chessEpisodeMetrics,
  } as const;
}

export const endgamesSpec: EnvSpec = {
  ...chessRow("endgames"),
  description: "Chess endgames: White (K+Q, K+R, K+Q+R or K+R+R) mates a lone black king played by Stockfish; +1 for mate, 0 for a draw, -1 per illegal move.",
  make: (options) => {
    const { nodes } = checkEnvOptions({ id: "endgames", envOptions: ENDGAMES_ENV_OPTIONS }, options) as { nodes: number };
    return new ChessEnv({ mode: "endgames", nodes, exclude: (excluded ??= testPositionKeys()) });
  },
  envOptions: ENDGAMES_ENV_OPTIONS,
  train: ENDGAMES_TRAIN_DEFAULTS,
  paperScores: { bc: 35.1, pbc: 17.7, mc: 50.2, ilql: 45.8, ppo: 77.5, "online-pbc": 36.2, gpt4: 0 }, // paper Table 2
  evaluation: {
    episodes: 645,
    resetOptions: (i) => {
      const all = testPositions();
      return { fen: all[i % all.length].fen };
    },
    // seconds of one core per episode (Stockfish's replies included), measured by `reproduce --quick` (2026-12-04);
    // dataEpisode: `lmrl data generate endgames --n 200` beside two training stages (2026-12-04): planning only
    cost: { evalEpisode: 0.45, onlineEpisode: 1.0, dataEpisode: 0.5 },
  },
  anchors: { paper: ENDGAMES_PAPER_ANCHORS, ours: ENDGAMES_OUR_ANCHORS },
  policies,
  dataset: {
    defaultSize: 97_756,
    paperStats: { trajectories: 97_756, meanLength: 11.9, stdLength: 12.0, successRate: 0.59, meanReturn: 0.586, stdReturn: 0.492 },
    generate: (n, rng, from) => generateEndgameTrajectories(n, rng, () => endgamesSpec.make(), { skip: from?.skip }),
    skips: true,
    behaviour: `from a random K+Q/K+R/K+Q+R/K+R+R vs K start (test positions excluded), each White move Stockfish's (${BEHAVIOUR_ENGINE_NODES} nodes) with p=${ENDGAME_ENGINE_SHARE}, else a uniformly random legal move; Black: Stockfish at ${ENDGAMES_ENV_OPTIONS.nodes} nodes`,
  },
};

/** Paper Table 5: min (401 illegal moves), dataset average, max (a win). */
export const CHESS_PAPER_ANCHORS: Anchors = { min: -401, avg: 0.21, max: 1 };

/**
 * Recomputed on this kit: avg = the mean return of the default file (`npx lmrl data generate chess --n
 * 1000 --seed 0`, native Stockfish 15.1: 1,000 games, success 0.379, mean return −0.184); max = a win (1):
 * the `optimal` engine's return against the opponent is not measured yet.
 */
export const CHESS_OUR_ANCHORS: Anchors = { min: -401, avg: -0.184, max: 1 };

/**
 * Options of `chessSpec.make(options)`: the opponent's node budget, and the probability that it plays a
 * random legal move (0: the reference's full-strength opponent, which the paper's evaluation faced; the
 * dataset's "Stockfish 1200" plays 0.25, `chessRandomShare(1200)`).
 */
export const CHESS_ENV_OPTIONS = { nodes: 20_000, opponentRandomShare: 0 } as const;

/**
 * Node budget of the full-game row's `optimal` policy: the opponent's own budget (there is no optimal
 * chess policy to compute; the paper's max anchor is simply a win).
 */
export const CHESS_OPTIMAL_NODES = 20_000;

export const chessSpec: EnvSpec = {
  ...chessRow("chess"),
  description: "Chess from the start position: White against Stockfish; +1 for a win, -1 for a loss, 0 for a draw, -1 per illegal move.",
  make: (options) => {
    const o = checkEnvOptions({ id: "chess", envOptions: CHESS_ENV_OPTIONS }, options) as { nodes: number; opponentRandomShare: number };
    return new ChessEnv({ mode: "chess", nodes: o.nodes, opponentRandomShare: o.opponentRandomShare });
  },
  envOptions: CHESS_ENV_OPTIONS,
  train: CHESS_TRAIN_DEFAULTS,
  paperScores: { bc: 47.2, pbc: 42.9, mc: 46.5, ilql: 47.3, ppo: 48.0, "online-pbc": 47.2, gpt4: 0 }, // paper Table 2
  // seconds of one core per episode (Stockfish's replies included), measured by `reproduce --quick` (2026-12-04);
  // dataEpisode: `reproduce --full`'s 1,000 Stockfish-vs-Stockfish games, ~1 a second beside a training stage: planning only
  evaluation: { episodes: 1000, cost: { evalEpisode: 1.2, onlineEpisode: 4.6, dataEpisode: 1.0 } },
  anchors: { paper: CHESS_PAPER_ANCHORS, ours: CHESS_OUR_ANCHORS },
  policies: {
    random: () => randomLegalPolicy(),
    optimal: () => enginePolicy(CHESS_OPTIMAL_NODES, "optimal"),
    behaviour: () => chessBehaviourPolicy(1200),
    engine: () => enginePolicy(CHESS_BEHAVIOUR_NODES),
  },
  dataset: {
    defaultSize: 625_000,
    paperStats: { trajectories: 625_000, meanLength: 46.7, stdLength: 18.16, successRate: 0.6, meanReturn: 0.21, stdReturn: 0.97 },
    generate: (n, rng, from) => generateChessTrajectories(n, rng, () => chessSpec.make({ opponentRandomShare: chessRandomShare(1200) }), { skip: from?.skip }),
    skips: true,
    behaviour: `White at an "Elo" uniform in [800, 1600] per game: a random legal move with p = (1600 - Elo)/1600, else Stockfish at ${CHESS_BEHAVIOUR_NODES} nodes; Black: Stockfish at ${CHESS_ENV_OPTIONS.nodes} nodes with p = ${chessRandomShare(1200)} random moves (the paper's "Stockfish 1200")`,
  },
};

export const chessSpecs: readonly EnvSpec[] = [chessSpec, endgamesSpec];

export { ChessEnv, randomEndgame, ENDGAME_FAMILIES } from "./env";
export { UciEngine, findEngine, sharedEngine } from "./engine";
export { ChessGame, renderMove, renderPosition, START_FEN } from "./game";
export { endgameTable, optimalMoves, probeEndgame, solveEndgame } from "./solver";
export { testPositions } from "./positions";
export { readReferenceChess } from "./reference";
export { fenOfObservation, randomLegalPolicy, enginePolicy, optimalEndgamePolicy, endgameBehaviourPolicy } from "./policies";
