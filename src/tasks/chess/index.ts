/**
 * The chess task's registry entries (reference `llm_rl_scripts/chess/`): the `endgames` row — White to
 * mate from a K+Q, K+R, K+Q+R or K+R+R vs K position against Stockfish, evaluated on the 645 fixed test
 * positions (positions.ts) — with its scripted policies, dataset generator and anchors. The full-game
 * `chess` row shares the env, texts and tokenizer and is not registered yet. See README.md.
 */
import { checkEnvOptions, type EnvSpec, type PolicyFactory } from "../../core/spec";
import type { Anchors } from "../../core/types";
import { ChessEnv } from "./env";
import { generateEndgameTrajectories } from "./generate";
import { asciiBoard, ENDGAME_ENGINE_SHARE, BEHAVIOUR_ENGINE_NODES, endgameBehaviourPolicy, enginePolicy, optimalEndgamePolicy, randomLegalPolicy } from "./policies";
import { testPositionKeys, testPositions } from "./positions";
import { readReferenceChess } from "./reference";
import { CHESS_TOKENIZER_TEXTS } from "./tokens";
import { ENDGAMES_TRAIN_DEFAULTS } from "./train";

/** Paper Table 5: min (a loss), dataset average, max (a win). */
export const ENDGAMES_PAPER_ANCHORS: Anchors = { min: -1, avg: 0.586, max: 1 };

/**
 * Recomputed on this kit: max = the optimal policy's return on the 645 test positions (it mates in every
 * one, whatever the defence: 1); avg = the behaviour policy's mean return, measured so far on 100 games
 * (seed 1, native Stockfish 15.1): 0.26. To be replaced by the mean of the default training file
 * (`npx lmrl data generate endgames --n 2000 --seed 0`) once written.
 */
export const ENDGAMES_OUR_ANCHORS: Anchors = { min: -1, avg: 0.26, max: 1 };

/** Options of `endgamesSpec.make(options)`: the opponent's fixed node budget per move. */
export const ENDGAMES_ENV_OPTIONS = { nodes: 20_000 } as const;

let excluded: ReadonlySet<string> | undefined;

const policies: Record<string, PolicyFactory> = {
  random: () => randomLegalPolicy(),
  optimal: () => optimalEndgamePolicy(),
  behaviour: () => endgameBehaviourPolicy(),
  engine: () => enginePolicy(BEHAVIOUR_ENGINE_NODES),
};

export const endgamesSpec: EnvSpec = {
  id: "endgames",
  task: "chess",
  description: "Chess endgames: White (K+Q, K+R, K+Q+R or K+R+R) mates a lone black king played by Stockfish; +1 for mate, 0 for a draw, -1 per illegal move.",
  actions: "a legal White move in SAN, characters spaced or not (\"R h 8\", \"Rh8#\", \"Ka2\"); python-chess's parse_san leniencies apply (0-0, e2e4-style squares). Anything else: reward -1, the board stays, the episode goes on (up to 401 moves).",
  maxTurns: 401,
  historyWindow: 1,
  playAid: (history) => asciiBoard(history),
  make: (options) => {
    const { nodes } = checkEnvOptions({ id: "endgames", envOptions: ENDGAMES_ENV_OPTIONS }, options) as { nodes: number };
    return new ChessEnv({ mode: "endgames", nodes, exclude: (excluded ??= testPositionKeys()) });
  },
  envOptions: ENDGAMES_ENV_OPTIONS,
  tokenizer: "chess",
  tokenizerTexts: () => CHESS_TOKENIZER_TEXTS,
  train: ENDGAMES_TRAIN_DEFAULTS,
  referenceReader: (path) => readReferenceChess(path, "endgames"),
  paperScores: { bc: 35.1, pbc: 17.7, mc: 50.2, ilql: 45.8, ppo: 77.5, "online-pbc": 36.2, gpt4: 0 }, // paper Table 2
  evaluation: {
    episodes: 645,
    resetOptions: (i) => {
      const all = testPositions();
      return { fen: all[i % all.length].fen };
    },
  },
  anchors: { paper: ENDGAMES_PAPER_ANCHORS, ours: ENDGAMES_OUR_ANCHORS },
  policies,
  dataset: {
    defaultSize: 97_756,
    paperStats: { trajectories: 97_756, meanLength: 11.9, stdLength: 12.0, successRate: 0.59, meanReturn: 0.586, stdReturn: 0.492 },
    generate: (n, rng) => generateEndgameTrajectories(n, rng, endgamesSpec.make()),
    behaviour: `from a random K+Q/K+R/K+Q+R/K+R+R vs K start (test positions excluded), each White move Stockfish's (${BEHAVIOUR_ENGINE_NODES} nodes) with p=${ENDGAME_ENGINE_SHARE}, else a uniformly random legal move; Black: Stockfish at ${ENDGAMES_ENV_OPTIONS.nodes} nodes`,
  },
};

export const chessSpecs: readonly EnvSpec[] = [endgamesSpec];

export { ChessEnv, randomEndgame, ENDGAME_FAMILIES } from "./env";
export { UciEngine, findEngine, sharedEngine } from "./engine";
export { ChessGame, renderMove, renderPosition, START_FEN } from "./game";
export { endgameTable, optimalMoves, probeEndgame, solveEndgame } from "./solver";
export { testPositions } from "./positions";
export { readReferenceChess } from "./reference";
export { fenOfObservation, randomLegalPolicy, enginePolicy, optimalEndgamePolicy, endgameBehaviourPolicy } from "./policies";
