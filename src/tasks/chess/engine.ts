/**
 * The Stockfish opponent as a separate UCI process (Stockfish is GPL-3; the kit only talks to it).
 *
 * Which engine: `LMRL_STOCKFISH` (a path), else Debian's native Stockfish 15.1 at /usr/games/stockfish
 * (`npm run setup:stockfish`; the paper's version), else the npm `stockfish.wasm` build run by
 * `wasm-engine.cjs` (classical evaluation instead of NNUE; about as many moves per second at a node budget). The reference searched 100 ms per move; a timed
 * search depends on the machine's speed, so every search here is `ucinewgame` (a cleared hash) then a fixed
 * node budget on one thread: the same position and budget give the same move on every run of one engine.
 *
 * A pool of processes (`EnginePool`, `LMRL_ENGINES`, default one per core up to 2) serves every env of a
 * Node process: each process queues its requests, and since an answer does not depend on which process
 * gives it, results do not depend on how many episodes run together. Idle processes do not keep Node alive.
 *
 * @example
 * const engine = sharedEngine();
 * await engine.bestMove("6k1/5ppp/8/8/8/8/8/R5K1 w - - 0 1", { nodes: 20000 }); // "a1a8"
 */
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { existsSync } from "node:fs";
import { cpus } from "node:os";
import { projectPath } from "../../core/paths";

/** How long one search may take before the engine is declared hung (ms). */
const SEARCH_TIMEOUT_MS = 60_000;

/** Attempts per request: a crashed or hung engine is restarted and the request sent again. */
const ENGINE_ATTEMPTS = 3;

/** The engine process died, hung or could not start (retried on a fresh process; see `UciEngine`). */
export class EngineFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = "EngineFailure";
  }
}

/** The command that starts an engine: its path and arguments, and what it is. */
export interface EngineCommand {
  readonly command: string;
  readonly args: readonly string[];
  readonly kind: "native" | "wasm";
}

/** The engine this machine has (see the module comment for the order). */
export function findEngine(env: NodeJS.ProcessEnv = process.env): EngineCommand {
  if (env.LMRL_STOCKFISH) {
    if (!existsSync(env.LMRL_STOCKFISH)) throw new Error(`LMRL_STOCKFISH=${env.LMRL_STOCKFISH} does not exist; unset it to use /usr/games/stockfish or the npm stockfish.wasm build`);
    return { command: env.LMRL_STOCKFISH, args: [], kind: "native" };
  }
  if (existsSync("/usr/games/stockfish")) return { command: "/usr/games/stockfish", args: [], kind: "native" };
  return wasmEngineCommand();
}

/** The npm `stockfish.wasm` build as its own process (always available: a regular dependency). */
export function wasmEngineCommand(): EngineCommand {
  return { command: process.execPath, args: [projectPath("src", "tasks", "chess", "wasm-engine.cjs")], kind: "wasm" };
}

interface Pending {
  readonly until: (line: string) => boolean;
  readonly resolve: (line: string) => void;
  readonly reject: (e: Error) => void;
  readonly timer: NodeJS.Timeout;
}

/** A UCI engine process with a request queue. */
export class UciEngine {
  private child?: ChildProcessWithoutNullStreams;
  private buffer = "";
  private waiting?: Pending;
  private queue: Promise<unknown> = Promise.resolve();
  private started?: Promise<void>;
  /** The last "info … score …" line of the current search. */
  private lastScore = "";
  /** The engine's "id name" line, once started. */
  name = "";

  /** Processes restarted after a crash or a hang. */
  restarts = 0;

  constructor(
    readonly cmd: EngineCommand = findEngine(),
    /** How long one request may take before the engine is declared hung (ms). */
    private readonly timeoutMs = SEARCH_TIMEOUT_MS,
  ) {}

  /** Best move of the side to move in UCI ("e2e4", "e7e8q"), or null when it has none (mate, stalemate). */
  bestMove(fen: string, budget: { readonly nodes: number }): Promise<string | null> {
    if (!(Number.isInteger(budget.nodes) && budget.nodes >= 1)) throw new Error(`bestMove: nodes must be an integer >= 1, got ${budget.nodes}`);
    return this.enqueue(() => this.search(fen, `go nodes ${budget.nodes}`));
  }

  /**
   * Searches a position to a fixed depth and returns the best move with the engine's last reported score
   * for the side to move: `mate` N (> 0 mates in N moves, < 0 is mated), else `cp` centipawns.
   */
  analyse(fen: string, budget: { readonly depth: number }): Promise<{ bestMove: string | null; mate?: number; cp?: number }> {
    if (!(Number.isInteger(budget.depth) && budget.depth >= 1)) throw new Error(`analyse: depth must be an integer >= 1, got ${budget.depth}`);
    return this.enqueue(async () => {
      const bestMove = await this.search(fen, `go depth ${budget.depth}`);
      const m = /score (mate|cp) (-?\d+)/.exec(this.lastScore);
      return { bestMove, ...(m ? (m[1] === "mate" ? { mate: Number(m[2]) } : { cp: Number(m[2]) }) : {}) };
    });
  }

  /** One search from a cleared hash: the best move in UCI, or null when the side to move has none. */
  private async search(fen: string, go: string): Promise<string | null> {
    await this.start();
    this.send("ucinewgame");
    this.send(`position fen ${fen}`);
    this.lastScore = "";
    const line = await this.request(go, (l) => l.startsWith("bestmove"));
    const move = line.split(/\s+/)[1];
    return !move || move === "(none)" || move === "0000" ? null : move;
  }

  /**
   * Runs one request after the ones before it (a failed one does not block the queue). When the process
   * crashes or hangs it is killed, a fresh one started and the request sent again (up to
   * ENGINE_ATTEMPTS times): searches are `ucinewgame` + a node budget, so the retried answer is the one the
   * first process would have given, and a game is never lost to an engine crash.
   */
  private enqueue<T>(run: () => Promise<T>): Promise<T> {
    const attempt = async (): Promise<T> => {
      for (let i = 1; ; i++) {
        try {
          return await run();
        } catch (e) {
          if (!(e instanceof EngineFailure) || i >= ENGINE_ATTEMPTS) throw e;
          this.restarts++;
        }
      }
    };
    const p = this.queue.then(attempt, attempt);
    this.queue = p.catch(() => undefined);
    return p;
  }

  /** Ends the process (idempotent). */
  close(): void {
    if (!this.child) return;
    try {
      this.child.stdin.write("quit\n");
    } catch {
      // already gone
    }
    this.child.kill();
    this.child = undefined;
    this.started = undefined;
  }

  private start(): Promise<void> {
    if (!this.started) {
      this.started = (async () => {
        const child = spawn(this.cmd.command, [...this.cmd.args], { stdio: ["pipe", "pipe", "pipe"] });
        this.child = child;
        child.stdout.setEncoding("utf8");
        child.stdout.on("data", (d: string) => this.onData(d));
        // events of a process already replaced (killed after a hang) must not fail its successor's requests
        child.on("exit", (code) => this.child === child && this.fail(new EngineFailure(`the chess engine (${this.cmd.command}) exited (code ${code})`)));
        child.on("error", (e) => this.child === child && this.fail(new EngineFailure(`cannot start the chess engine ${this.cmd.command}: ${e.message}; \`npm run setup:stockfish\` installs Debian's, or unset LMRL_STOCKFISH to use the npm stockfish.wasm build`)));
        this.idle();
        await this.request("uci", (l) => l === "uciok");
        this.send("setoption name Threads value 1");
        this.send("setoption name Hash value 16");
        await this.request("isready", (l) => l === "readyok");
      })();
    }
    return this.started;
  }

  private send(line: string): void {
    this.child?.stdin.write(line + "\n");
  }

  /** Sends a line (if any) and resolves with the first output line that satisfies `until`. */
  private request(line: string, until: (l: string) => boolean): Promise<string> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => this.fail(new EngineFailure(`the chess engine did not answer "${line}" within ${this.timeoutMs / 1000} s`)), this.timeoutMs);
      this.waiting = { until, resolve, reject, timer };
      this.busy();
      if (line) this.send(line);
    });
  }

  private onData(d: string): void {
    this.buffer += d;
    let i: number;
    while ((i = this.buffer.indexOf("\n")) >= 0) {
      const line = this.buffer.slice(0, i).trim();
      this.buffer = this.buffer.slice(i + 1);
      if (line.startsWith("id name ")) this.name = line.slice(8);
      if (line.startsWith("info ") && line.includes(" score ") && !line.includes(" bound")) this.lastScore = line;
      const w = this.waiting;
      if (w && w.until(line)) {
        clearTimeout(w.timer);
        this.waiting = undefined;
        this.idle();
        w.resolve(line);
      }
    }
  }

  private fail(e: Error): void {
    const w = this.waiting;
    this.waiting = undefined;
    if (w) {
      clearTimeout(w.timer);
      w.reject(e);
    }
    this.child?.kill();
    this.child = undefined;
    this.started = undefined;
  }

  /** While a request is pending the process keeps Node alive; otherwise it does not. */
  private busy(): void {
    this.child?.ref();
    (this.child?.stdout as unknown as { ref?: () => void })?.ref?.();
  }

  private idle(): void {
    this.child?.unref();
    (this.child?.stdout as unknown as { unref?: () => void })?.unref?.();
    (this.child?.stdin as unknown as { unref?: () => void })?.unref?.();
    (this.child?.stderr as unknown as { unref?: () => void })?.unref?.();
  }
}

/** The searches chess envs and policies ask for: one engine process or a pool of them. */
export interface Engine {
  bestMove(fen: string, budget: { readonly nodes: number }): Promise<string | null>;
  analyse(fen: string, budget: { readonly depth: number }): Promise<{ bestMove: string | null; mate?: number; cp?: number }>;
  close(): void;
}

/**
 * Several engine processes behind one `Engine`: each request goes to the process with the fewest pending
 * requests, so concurrent games (a batch of evaluation episodes, parallel dataset games) use several
 * cores. A search's answer does not depend on which process gives it (`ucinewgame`, a node budget, one
 * thread each), so results are the same for any pool size. Processes start on first use.
 */
export class EnginePool implements Engine {
  private readonly engines: UciEngine[];
  private readonly pending: number[];

  constructor(readonly size: number, cmd: EngineCommand = findEngine()) {
    if (!(Number.isInteger(size) && size >= 1)) throw new Error(`EnginePool: size must be an integer >= 1, got ${size}`);
    this.engines = Array.from({ length: size }, () => new UciEngine(cmd));
    this.pending = this.engines.map(() => 0);
  }

  /** The engine's "id name" (once a process has started). */
  get name(): string {
    return this.engines.find((e) => e.name)?.name ?? "";
  }

  /** Processes started so far (the pool grows to `size` only when requests overlap). */
  get started(): number {
    return this.engines.filter((e) => e.name).length;
  }

  /** Processes restarted after crashes or hangs, over the pool. */
  get restarts(): number {
    return this.engines.reduce((s, e) => s + e.restarts, 0);
  }

  bestMove(fen: string, budget: { readonly nodes: number }): Promise<string | null> {
    return this.dispatch((e) => e.bestMove(fen, budget));
  }

  analyse(fen: string, budget: { readonly depth: number }): Promise<{ bestMove: string | null; mate?: number; cp?: number }> {
    return this.dispatch((e) => e.analyse(fen, budget));
  }

  close(): void {
    for (const e of this.engines) e.close();
  }

  private dispatch<T>(run: (e: UciEngine) => Promise<T>): Promise<T> {
    let i = 0;
    for (let j = 1; j < this.engines.length; j++) if (this.pending[j] < this.pending[i]) i = j;
    this.pending[i]++;
    return run(this.engines[i]).finally(() => this.pending[i]--);
  }
}

/** Engine processes per Node process: `LMRL_ENGINES`, else one per core up to 2 (the kit's machine has 2). */
export function engineProcesses(env: NodeJS.ProcessEnv = process.env): number {
  if (env.LMRL_ENGINES !== undefined) {
    const n = Number(env.LMRL_ENGINES);
    if (!(Number.isInteger(n) && n >= 1)) throw new Error(`LMRL_ENGINES must be an integer >= 1, got "${env.LMRL_ENGINES}"`);
    return n;
  }
  return Math.max(1, Math.min(2, cpus().length));
}

let shared: EnginePool | undefined;

/** The process-wide engine pool every chess env and engine policy uses (processes start on first use). */
export function sharedEngine(): EnginePool {
  if (!shared) shared = new EnginePool(engineProcesses());
  return shared;
}
