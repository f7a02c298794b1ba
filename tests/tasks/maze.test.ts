import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { trajectoryToJson } from "../../src/core/dataset";
import { evaluate } from "../../src/core/evaluate";
import { Rng } from "../../src/core/rng";
import { datasetStats, trajectoryReturn } from "../../src/core/stats";
import { act } from "../../src/core/text";
import type { History, Trajectory } from "../../src/core/types";
import { fuzzActions } from "../helpers/fuzz";
import { beliefFromHistory } from "../../src/tasks/maze/belief";
import { parseFoPosition } from "../../src/tasks/maze/formats";
import {
  beliefPolicyExpectedReturn,
  cellIndex,
  cellOf,
  computeDatasetActionCounts,
  computeMazeAnchors,
  DATASET_ACTION_COUNTS,
  foObservation,
  generateMazeTrajectories,
  MAZE_ANCHORS_OURS,
  MazeEnv,
  mazeFoSpec,
  mazePoSpec,
  moveAccuracy,
  MOVE_TEXTS,
  optimalMove,
  OPTIMAL_DIRECTIONS,
  poObservation,
  readReferenceFoMaze,
  readReferencePoMaze,
  renderMoveMap,
  START_CELLS,
  subMazeOf,
  inSubMaze,
  type SubMaze,
  wallSentence,
} from "../../src/tasks/maze/index";

const FIX = "tests/fixtures/maze";
const GOAL_TEXT = "The goal is at position 8, 6. ";
const AT = (r: number, c: number) => ({ options: { initPosition: [r, c] as [number, number] } });

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

describe("maze: observation texts", () => {
  it("renders hand-written FO texts, including the spaced-digit quirk", () => {
    assert.equal(foObservation(cellIndex(1, 1)), GOAL_TEXT + "Your current position is at position 1, 1. There are walls to your left, above you, below you.\n");
    assert.equal(foObservation(cellIndex(1, 10)), GOAL_TEXT + "Your current position is at position 1, 1 0. There are walls above you, below you.\n");
    assert.equal(foObservation(cellIndex(7, 6)), GOAL_TEXT + "Your current position is at position 7, 6. There are walls to your right, to your left.\n");
    assert.equal(foObservation(cellIndex(1, 11)), GOAL_TEXT + "Your current position is at position 1, 1 1. There are walls to your right, above you, below you.\n");
  });

  it("renders PO wall sentences: none, one, several, in the order right, left, above, below", () => {
    assert.equal(wallSentence(0), "There are no walls near you.");
    assert.equal(poObservation(cellIndex(1, 3)), "There is a wall above you.\n");
    assert.equal(poObservation(cellIndex(5, 6)), "There is a wall above you.\n");
    assert.equal(poObservation(cellIndex(5, 3)), "There are walls to your left, below you.\n");
    assert.equal(poObservation(cellIndex(5, 9)), "There are walls to your right, below you.\n");
    assert.equal(wallSentence(0b1111), "There are walls to your right, to your left, above you, below you.");
  });

  it("parses positions back from FO texts", () => {
    for (const [r, c] of START_CELLS) assert.equal(parseFoPosition(foObservation(cellIndex(r, c))), cellIndex(r, c));
    assert.equal(parseFoPosition(poObservation(cellIndex(1, 1))), -1);
  });

  it("has 25 starts and the reference's optimal-direction table", () => {
    assert.equal(START_CELLS.length, 25);
    assert.equal(Object.keys(OPTIMAL_DIRECTIONS).length, 25);
    const expected: Record<string, string> = {
      "1,1": "right", "1,2": "right", "1,3": "down", "1,4": "left", "1,5": "left", "1,7": "right", "1,8": "right",
      "1,9": "down", "1,10": "left", "1,11": "left", "2,3": "down", "3,3": "down", "4,3": "down", "5,3": "right",
      "5,4": "right", "5,5": "right", "5,6": "down", "6,6": "down", "7,6": "down", "5,7": "left", "5,8": "left",
      "5,9": "left", "4,9": "down", "3,9": "down", "2,9": "down",
    };
    assert.deepEqual({ ...OPTIMAL_DIRECTIONS }, expected);
  });
});

describe("maze: env rules", () => {
  it("moves, bumps walls (valid, -1) and reaches the goal (0, Success, terminated)", () => {
    const env = new MazeEnv("fo");
    let h = env.reset(AT(6, 6));
    let r = env.step([...h, act("move left\n")]);
    assert.deepEqual([r.reward, r.terminated, r.truncated, r.info.invalidAction], [-1, false, false, false]);
    assert.deepEqual(env.position, [6, 6]);
    h = r.history;
    r = env.step([...h, act("move down")]); // no trailing newline: the generic post-processing adds one
    assert.equal(r.history.length, 1);
    assert.equal(r.history[0].text, foObservation(cellIndex(7, 6)));
    // Post-processing strips ONE trailing "\n" and appends one, so "move down\n\n" stays "move down\n\n": invalid.
    r = env.step([...r.history, act("move down\n\n")]);
    assert.equal(r.reward, -4);
    r = env.step([...r.history, act("move down\n")]);
    assert.deepEqual([r.reward, r.terminated, r.truncated, r.info.success], [0, true, false, true]);
    assert.deepEqual(r.history.map((t) => t.text), ["Success\n"]);
  });

  it("ends with Failure, -1, truncated on the 101st action (return -101)", () => {
    const env = new MazeEnv("fo");
    let h = env.reset(AT(1, 1));
    let ret = 0;
    for (let i = 0; i < 100; i++) {
      const r = env.step([...h, act("move left\n")]);
      assert.ok(!r.terminated && !r.truncated, `step ${i + 1} ended early`);
      ret += r.reward;
      h = r.history;
    }
    const r = env.step([...h, act("move right\n")]);
    assert.deepEqual([r.reward, r.terminated, r.truncated], [-1, false, true]);
    assert.deepEqual(r.history.map((t) => t.text), ["Failure\n"]);
    assert.equal(ret + r.reward, -101);
    assert.equal(mazeFoSpec.maxTurns, 101);
  });

  it("gives -4 for invalid actions, keeps the position and still counts the step", () => {
    const env = new MazeEnv("po");
    let h = env.reset(AT(5, 5));
    for (let i = 0; i < 100; i++) {
      const r = env.step([...h, act(i % 2 ? "move north\n" : "go right\n")]);
      assert.deepEqual([r.reward, r.info.invalidAction, r.terminated, r.truncated], [-4, true, false, false]);
      assert.deepEqual(r.history.map((t) => t.text), ["There are walls above you, below you.\n"]);
      h = r.history;
    }
    assert.deepEqual(env.position, [5, 5]);
    const r = env.step([...h, act("move right\n")]);
    assert.deepEqual([r.history[0].text, r.reward, r.truncated], ["Failure\n", -1, true]);
  });

  it("PO keeps the last 40 texts (window may start with an action); FO only the observation", () => {
    const env = new MazeEnv("po");
    let h: History = env.reset(AT(1, 1));
    for (let i = 0; i < 20; i++) {
      h = env.step([...h, act(i % 2 === 0 ? "move right\n" : "move left\n")]).history;
      assert.equal(h.length, Math.min(40, 3 + 2 * i));
    }
    // 41 texts o0 a0 o1 ... a19 o20 -> the window drops o0.
    assert.equal(h[0].text, "move right\n");
    assert.equal(h[0].isAction, true);
    assert.equal(h[1].text, "There are walls above you, below you.\n"); // o1 at (1,2)
    assert.equal(h[39].text, "There are walls to your left, above you, below you.\n"); // o20 back at (1,1)
    h = env.step([...h, act("jump\n")]).history;
    assert.deepEqual(h.map((t) => t.text), ["There are walls to your left, above you, below you.\n"], "invalid action wipes the history");
    const fo = new MazeEnv("fo");
    const h2 = fo.step([...fo.reset(AT(1, 1)), act("move right\n")]).history;
    assert.deepEqual(h2.map((t) => t.text), [foObservation(cellIndex(1, 2))]);
  });

  it("draws starts uniformly with the reset seed and validates initPosition", () => {
    const env = new MazeEnv("fo");
    const seen = new Set<string>();
    for (let s = 0; s < 500; s++) {
      env.reset({ seed: s });
      seen.add(String(env.position));
      assert.notDeepEqual(env.position, [8, 6]);
    }
    assert.equal(seen.size, 25);
    assert.throws(() => env.reset(AT(0, 0)), /initPosition must be one of the 25.*got \[0,0\]/);
    assert.throws(() => env.reset({ options: { goal: [8, 6] } as never }), /unknown option "goal"/);
    assert.throws(() => env.step([]), /must end with the agent's action/);
  });

  for (const variant of ["fo", "po"] as const) {
    it(`fuzz (${variant}): 10,000 action strings never throw and get -1 or -4 as documented`, () => {
      const env = new MazeEnv(variant);
      const valid = ["move up\n", "move down\n", "move left\n", "move right\n"];
      const bodies = new Set(["move up", "move down", "move left", "move right"]);
      for (const s of fuzzActions(10_000, valid, variant === "fo" ? 1 : 2)) {
        const h = env.reset(AT(5, 5));
        const r = env.step([...h, act(s)]);
        const body = s.endsWith("\n") ? s.slice(0, -1) : s;
        if (bodies.has(body)) {
          assert.equal(r.reward, -1, JSON.stringify(s));
          assert.equal(r.info.invalidAction, false);
        } else {
          assert.equal(r.reward, -4, JSON.stringify(s.slice(0, 50)));
          assert.equal(r.info.invalidAction, true);
          assert.deepEqual(env.position, [5, 5]);
          assert.equal(r.history.length, 1);
        }
        assert.ok(!r.terminated && !r.truncated);
      }
    });
  }
});

describe("maze: policies and evaluation", () => {
  it("optimal FO scores -6.84 (mean over the 25 BFS distances 1..12, minus the free goal step) = normalised 100", async () => {
    // Distances 1,2,3,4,4,5,5,6,6,7,7,8,8,9,9,10,10,11,11,11,11,12,12,12,12 sum to 196; return = -(d - 1).
    const s = await evaluate(mazeFoSpec, mazeFoSpec.policies.optimal, { episodes: 25 });
    assert.ok(Math.abs(s.meanReturn - -6.84) < 1e-9, `mean ${s.meanReturn}`);
    assert.ok(Math.abs(s.normalizedScore - 100) < 1e-6);
    assert.equal(s.successRate, 1);
  });

  it("the PO belief policy scores -7.24: 10 extra steps over FO across the 25 starts", async () => {
    // Only the 8 "walls above, below" cells are ambiguous (4 want right, 4 want left); going right
    // first costs +2 for (1,4), (1,10), (5,8) and +4 for (5,7): 10 steps, i.e. -6.84 - 10/25.
    const s = await evaluate(mazePoSpec, mazePoSpec.policies.optimal, { episodes: 25 });
    assert.ok(Math.abs(s.meanReturn - -7.24) < 1e-9, `mean ${s.meanReturn}`);
    assert.ok(Math.abs(beliefPolicyExpectedReturn() - -7.24) < 1e-9);
    assert.ok(s.meanReturn > -25.75, "beats the paper's PO max anchor");
  });

  it("the random policy's mean return is near the paper's -83 dataset-average anchor", async () => {
    const s = await evaluate(mazeFoSpec, mazeFoSpec.policies.random);
    assert.equal(s.episodes, 800);
    assert.ok(s.meanReturn > -90 && s.meanReturn < -76, `random mean return ${s.meanReturn}`);
  });

  it("evaluation cycles through the 25 starts", () => {
    const opts = [0, 1, 24, 25, 26].map((i) => mazeFoSpec.evaluation.resetOptions!(i).initPosition);
    assert.deepEqual(opts, [[1, 1], [1, 2], [7, 6], [1, 1], [1, 2]]);
  });

  it("moveAccuracy counts cells whose greedy move is BFS-optimal", () => {
    const optimal = mazeFoSpec.policies.optimal(new MazeEnv("fo"));
    assert.equal(moveAccuracy((h) => optimal.act(h, new Rng(0)) as string), 1);
    assert.equal(moveAccuracy(() => "move down"), 11 / 25);
    assert.equal(moveAccuracy(() => "move right\n"), 7 / 25);
  });

  it("renderMoveMap draws a policy's moves as arrows on the layout (optimal: by hand from the maze)", () => {
    const map = renderMoveMap((cell) => MOVE_TEXTS[optimalMove(cell)]).split("\n");
    assert.equal(map.length, 10);
    assert.equal(map[0], "# # # # # # # # # # # # #");
    assert.equal(map[1], "# → → ↓ ← ← # → → ↓ ← ← #");
    assert.equal(map[4], "# # # ↓ # # # # # ↓ # # #");
    assert.equal(map[5], "# # # → → → ↓ ← ← ← # # #");
    assert.equal(map[7], "# # # # # # ↓ # # # # # #");
    assert.equal(map[8], "# # # # # # G # # # # # #");
    // Unparseable or missing actions show as "?"; trailing-newline post-processing applies (`out_str_process`).
    const odd = renderMoveMap((cell) => (cell === cellIndex(1, 1) ? "jump" : cell === cellIndex(1, 2) ? undefined : "move up")).split("\n");
    assert.equal(odd[1], "# ? ? ↑ ↑ ↑ # ↑ ↑ ↑ ↑ ↑ #");
  });

  it("belief from a window that lost its first observation starts from the 25-cell prior", () => {
    const b = beliefFromHistory([act("move down\n"), { text: "There are walls to your left, below you.\n", isAction: false }]);
    assert.deepEqual(b.cells.map((c) => cellOf(c)), [[5, 3]]);
  });

  it("behaviour policy never leaves its sub-maze", () => {
    const env = new MazeEnv("po");
    const p = mazePoSpec.policies.behaviour(env);
    const rng = new Rng(3);
    for (const [r, c] of START_CELLS) {
      let h = env.reset(AT(r, c));
      const sub = subMazeOf(cellIndex(r, c));
      for (let i = 0; i < 60; i++) {
        const res = env.step([...h, act(p.act(h, rng) as string)]);
        if (res.terminated) break;
        assert.ok(inSubMaze(env.positionIndex, sub), `left ${sub} at ${cellOf(env.positionIndex)}`);
        h = res.history;
      }
    }
  });
});

describe("maze: dataset", () => {
  const lines = (n: number, seed: number, v: "fo" | "po" = "fo") => [...generateMazeTrajectories(v, n, new Rng(seed))].map(trajectoryToJson);

  it("is deterministic in the seed", () => {
    assert.deepEqual(lines(50, 4), lines(50, 4));
    assert.notDeepEqual(lines(50, 4), lines(50, 5));
  });

  it("FO and PO share trajectories; texts alternate obs/action; trajectories stay in their sub-maze", () => {
    const fo = [...generateMazeTrajectories("fo", 300, new Rng(9))];
    const po = [...generateMazeTrajectories("po", 300, new Rng(9))];
    fo.forEach((t, i) => {
      const p = po[i];
      assert.deepEqual(t.rewards, p.rewards);
      assert.deepEqual(t.texts.filter((x) => x.isAction).map((x) => x.text), p.texts.filter((x) => x.isAction).map((x) => x.text));
      t.texts.forEach((x, j) => assert.equal(x.isAction, j % 2 === 1));
      const sub = t.meta!.subMaze as SubMaze;
      for (const x of t.texts) {
        if (x.isAction || x.text === "Success\n") continue;
        assert.ok(inSubMaze(parseFoPosition(x.text), sub), `${sub} trajectory at ${x.text}`);
      }
      if (t.meta!.success) assert.equal(sub, "bottom");
      assert.equal(t.done, t.meta!.success);
      assert.ok(t.rewards.filter((_, j) => j % 2 === 1).length <= (t.meta!.horizon as number));
    });
  });

  it("is a stitching test: side-T trajectories reach their junction, only bottom-T ones the goal", () => {
    // Pieces "side T -> junction" and "junction -> goal" must both be in the data (else offline RL cannot
    // learn the step off a side T), while no single trajectory goes from a side T to the goal.
    const steps = new Set<string>();
    for (const t of generateMazeTrajectories("fo", 1240, new Rng(0))) {
      const cells = t.texts.filter((x) => !x.isAction && x.text !== "Success\n").map((x) => parseFoPosition(x.text));
      for (let i = 1; i < cells.length; i++) if (cells[i] !== cells[i - 1]) steps.add(`${t.meta!.subMaze}:${cellOf(cells[i - 1])}->${cellOf(cells[i])}`);
      if (t.meta!.subMaze !== "bottom") assert.equal(t.meta!.success, false);
    }
    for (const s of ["left:4,3->5,3", "right:4,9->5,9", "bottom:5,3->5,4", "bottom:5,9->5,8"]) assert.ok(steps.has(s), `no ${s} step in the data`);
    for (const s of ["left:5,3->5,4", "right:5,9->5,8"]) assert.ok(!steps.has(s), `${s}: a side-T trajectory left its sub-maze`);
    assert.ok(inSubMaze(cellIndex(5, 3), "left") && inSubMaze(cellIndex(5, 3), "bottom") && !inSubMaze(cellIndex(5, 4), "left"));
  });

  it("matches Table 1 within a few percent (10k trajectories)", () => {
    const s = datasetStats(generateMazeTrajectories("fo", 10_000, new Rng(1)));
    const near = (x: number, target: number, rel: number, name: string) =>
      assert.ok(Math.abs(x - target) <= rel * Math.abs(target), `${name} ${x.toFixed(3)} vs Table 1 ${target}`);
    near(s.meanLength, 19.7, 0.06, "mean length");
    near(s.stdLength, 24.5, 0.06, "std length");
    near(s.successRate, 0.11, 0.15, "success rate");
    near(s.meanReturn, -19.7, 0.06, "mean return");
    near(s.stdReturn, 24.5, 0.06, "std return");
  });

  it("action counts and anchors match the stored constants", () => {
    assert.deepEqual(computeDatasetActionCounts(), [...DATASET_ACTION_COUNTS]);
    const a = computeMazeAnchors();
    for (const v of ["fo", "po"] as const) {
      for (const k of ["min", "avg", "max"] as const) {
        assert.ok(Math.abs(a[v][k] - MAZE_ANCHORS_OURS[v][k]) < 1e-9, `${v}.${k}: recomputed ${a[v][k]} vs stored ${MAZE_ANCHORS_OURS[v][k]}`);
      }
    }
    assert.ok(Math.abs(a.fo.max - -6.84) < 1e-9);
  });
});

describe("maze: reference readers", () => {
  it("reads the FO format", async () => {
    const ts: Trajectory[] = await collect(readReferenceFoMaze(`${FIX}/fo_small.jsonl`));
    assert.equal(ts.length, 2);
    assert.deepEqual(ts[0].rewards, [0, -1, 0, 0]);
    assert.deepEqual(ts[0].texts.map((x) => x.isAction), [false, true, false, true]);
    assert.equal(ts[0].texts[2].text, foObservation(cellIndex(7, 6)));
    assert.equal(ts[0].done, true);
    assert.equal(ts[0].meta!.success, true);
    assert.equal(trajectoryReturn(ts[0]), -1);
    assert.equal(ts[1].meta!.success, false);
    assert.equal(ts[1].meta!.line, 3);
    assert.equal(trajectoryReturn(ts[1]), -5);
  });

  it("reads the PO format", async () => {
    const ts = await collect(readReferencePoMaze(`${FIX}/po_small.jsonl`));
    assert.equal(ts.length, 2);
    assert.deepEqual(ts[0].texts.map((x) => x.isAction), [false, true, false, true]);
    assert.deepEqual([ts[0].done, ts[0].meta!.success, ts[1].done, ts[1].meta!.success], [true, true, false, false]);
  });

  it("names file:line and the field of a malformed record", async () => {
    await assert.rejects(collect(readReferenceFoMaze(`${FIX}/fo_bad.jsonl`)), /fo_bad\.jsonl:2: \[1\]\.reward: expected a finite number, got "zero"/);
    await assert.rejects(collect(readReferencePoMaze(`${FIX}/po_bad.jsonl`)), /po_bad\.jsonl:3: rewards: has 2 entries but text_history has 3/);
  });
});
