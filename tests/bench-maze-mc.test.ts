/**
 * The data half of the FO-maze MC Returns analysis (bench/maze-mc.ts): the facts about the default
 * train split that explain why MC Returns cannot stitch — checked on the data, not on the analysis's
 * own output format.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { mazeDatasetStats } from "../bench/maze-mc";

describe("maze-mc analysis (FO-maze MC Returns)", () => {
  const data = mazeDatasetStats();
  it("no trajectory that starts in a side T reaches the goal; bottom-T ones do (the dataset's Table-1 success 0.113 is all theirs)", () => {
    const s = data.bySubMaze;
    assert.equal(s.left.successes + s.right.successes, 0);
    assert.ok(s.bottom.successes > 100, `bottom-T successes ${s.bottom.successes}`);
    assert.equal(s.left.trajectories + s.right.trajectories + s.bottom.trajectories, 1240);
    assert.equal(Math.round((s.bottom.successes / 1240) * 1000), 113);
  });

  it("returns-to-go: next to the goal the move onto it has return 0; in a side T every move's mean is far below it", () => {
    const m = data.moves;
    const mean = (key: string, move: number) => {
      const st = m.get(key)![move];
      return st.sum / st.n;
    };
    assert.equal(mean("bottom 7,6", 1), 0, "'move down' from (7,6) reaches the goal (8,6) every time");
    for (const [key, stats] of m) {
      if (key.startsWith("bottom")) continue;
      for (const st of stats) if (st.n) assert.ok(st.sum / st.n < -15, `${key}: a side-T move with mean return-to-go ${st.sum / st.n}`);
    }
  });
});
