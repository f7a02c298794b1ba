/**
 * Chess rows' speed (issue 24's performance items): the endgame solver's build time per setup (solved in
 * memory, not read from the cache) and probes/s from FENs; env steps/s with an instant opponent (the
 * kit's own cost: parsing, rules, texts); opponent moves/s per engine process, native Stockfish (when
 * installed) and the npm WASM build, on endgame positions at the env's default budget; endgame dataset
 * games/s one at a time and one per engine process (LMRL_ENGINES, default 2).
 *
 *   npm run bench -- chess
 *   GAMES=50 NODES=20000 npm run bench -- chess
 */
import { existsSync } from "node:fs";
import { Rng } from "../src/core/rng";
import { rollout } from "../src/core/rollout";
import { engineProcesses, sharedEngine, UciEngine, wasmEngineCommand } from "../src/tasks/chess/engine";
import { ChessEnv, randomEndgame, randomOpponent } from "../src/tasks/chess/env";
import { generateEndgameTrajectories } from "../src/tasks/chess/generate";
import { randomLegalPolicy } from "../src/tasks/chess/policies";
import { ENDGAME_SETUPS, probeEndgame, solveEndgame, type EndgameSetup, type EndgameTable } from "../src/tasks/chess/solver";
import { getEnvSpec } from "../src/tasks/index";

function intFromEnv(name: string, fallback: number): number {
  const v = Number(process.env[name] ?? fallback);
  if (!(Number.isInteger(v) && v >= 1)) throw new Error(`${name} must be an integer >= 1, got "${process.env[name]}"`);
  return v;
}

export async function benchChess(): Promise<void> {
  const games = intFromEnv("GAMES", 30);
  const nodes = intFromEnv("NODES", 20_000);
  // 1. solver
  const solved = new Map<EndgameSetup, EndgameTable>();
  for (const setup of Object.keys(ENDGAME_SETUPS) as EndgameSetup[]) {
    const t0 = performance.now();
    solved.set(setup, solveEndgame(setup, (s) => solved.get(s)!));
    console.log(JSON.stringify({ bench: "chess", what: "solver build", setup, seconds: +((performance.now() - t0) / 1000).toFixed(2) }));
  }
  const rng = new Rng(1);
  const fens = Array.from({ length: 20_000 }, () => randomEndgame(rng));
  let t0 = performance.now();
  for (const f of fens) probeEndgame(f);
  console.log(JSON.stringify({ bench: "chess", what: "solver probes", probesPerSec: Math.round(fens.length / ((performance.now() - t0) / 1000)) }));
  // 2. env steps/s, instant opponent (a random legal reply)
  const env = new ChessEnv({ mode: "chess", opponent: randomOpponent() });
  let steps = 0;
  t0 = performance.now();
  for (let e = 0; performance.now() - t0 < 3000; e++) steps += (await rollout(env, randomLegalPolicy(), { seed: e })).length;
  console.log(JSON.stringify({ bench: "chess", what: "env steps (full games, random agent, instant opponent)", stepsPerSec: Math.round(steps / ((performance.now() - t0) / 1000)) }));
  // 3. opponent moves/s per engine process
  const positions = fens.slice(0, 40).map((f) => f.replace(" w ", " b "));
  for (const [kind, engine] of [
    ...(existsSync("/usr/games/stockfish") ? [["native", new UciEngine({ command: "/usr/games/stockfish", args: [], kind: "native" })] as const] : []),
    ["wasm", new UciEngine(wasmEngineCommand())] as const,
  ]) {
    await engine.bestMove(positions[0], { nodes: 100 }); // start-up
    t0 = performance.now();
    for (const p of positions) await engine.bestMove(p, { nodes });
    console.log(JSON.stringify({ bench: "chess", what: "opponent moves", engine: kind, name: engine.name, nodes, movesPerSec: +(positions.length / ((performance.now() - t0) / 1000)).toFixed(1) }));
    engine.close();
  }
  // 4. dataset games/s: one game at a time, then one per engine process of the pool (same games)
  for (const concurrency of [...new Set([1, engineProcesses()])]) {
    t0 = performance.now();
    let n = 0;
    for await (const _ of generateEndgameTrajectories(games, new Rng(3), () => getEnvSpec("endgames").make(), { concurrency })) n++;
    console.log(JSON.stringify({ bench: "chess", what: "endgame dataset", concurrency, games: n, gamesPerSec: +(n / ((performance.now() - t0) / 1000)).toFixed(2) }));
  }
  sharedEngine().close();
}
