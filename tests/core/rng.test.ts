import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { deriveSeed, Rng } from "../../src/core/rng";

describe("Rng", () => {
  it("is deterministic for a seed and differs across seeds", () => {
    const a = new Rng(7), b = new Rng(7), c = new Rng(8);
    const xa = Array.from({ length: 50 }, () => a.nextUint32());
    const xb = Array.from({ length: 50 }, () => b.nextUint32());
    const xc = Array.from({ length: 50 }, () => c.nextUint32());
    assert.deepEqual(xa, xb);
    assert.notDeepEqual(xa, xc);
  });

  it("int() is uniform enough and in range", () => {
    const r = new Rng(1);
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 40_000; i++) counts[r.int(4)]++;
    for (const c of counts) assert.ok(Math.abs(c - 10_000) < 400, `bucket count ${c} too far from 10000`);
  });

  it("restores state exactly", () => {
    const r = new Rng(3);
    r.next();
    const s = r.getState();
    const x = [r.next(), r.next()];
    r.setState(s);
    assert.deepEqual([r.next(), r.next()], x);
  });

  it("derives independent named streams that do not depend on draw order", () => {
    const r = new Rng(5);
    const before = r.child("eval").next();
    r.next();
    assert.equal(r.child("eval").next(), before);
    assert.notEqual(deriveSeed(5, "eval", 1), deriveSeed(5, "eval", 2));
    assert.notEqual(deriveSeed(5, "a"), deriveSeed(6, "a"));
  });

  it("shuffle is a permutation and weighted respects zero weights", () => {
    const r = new Rng(9);
    const xs = r.shuffle(Array.from({ length: 100 }, (_, i) => i));
    assert.deepEqual([...xs].sort((a, b) => a - b), Array.from({ length: 100 }, (_, i) => i));
    for (let i = 0; i < 1000; i++) assert.notEqual(r.weighted([1, 0, 2]), 1);
  });
});
