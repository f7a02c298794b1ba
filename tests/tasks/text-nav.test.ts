import { syncIterable } from "../../src/core/generate";
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { trajectoryToJson } from "../../src/core/dataset";
import { evaluate } from "../../src/core/evaluate";
import { Rng } from "../../src/core/rng";
import { datasetStats } from "../../src/core/stats";
import { act } from "../../src/core/text";
import type { History, StepResult } from "../../src/core/types";
import {
  TEXT_NAV_OURS_ANCHORS,
  TextNavEnv,
  readReferenceTextNav,
  recomputeTextNavAnchors,
  textNavFoSpec,
  textNavPoSpec,
} from "../../src/tasks/text-nav/index";
import { COMMAND_UNIVERSE, ROOMS } from "../../src/tasks/text-nav/world";
import { fuzzActions } from "../helpers/fuzz";

const OBJECTIVE = "Your objective is to put the stale food on the table in the living room into the fridge in the kitchen.";

/** Plays commands from a start room; returns the step results. */
function play(fo: boolean, startRoom: string, commands: string[], seed = 0): { reset: History; steps: StepResult[]; env: TextNavEnv } {
  const env = new TextNavEnv({ fullyObserved: fo });
  let h = env.reset({ seed, options: { startRoom: startRoom as never } });
  const reset = h;
  const steps: StepResult[] = [];
  for (const c of commands) {
    const r = env.step([...h, act(c + "\n")]);
    steps.push(r);
    h = r.history;
  }
  return { reset, steps, env };
}
const lastText = (h: History) => h[h.length - 1].text;
const admissible = (text: string) => text.slice(text.lastIndexOf("Admissible commands: ") + 21, -1).split(", ");

describe("text-nav env", () => {

  it("optimal walkthrough wins from every start room in the hand-counted number of steps", () => {
    // d(start, living room) + take + 2 moves to the kitchen + open/insert/close (exits of the reference `make_game.py`)
    const expected: Record<string, number> = {
      bedroom: 7, office: 7, bathroom: 8, "living room": 6, kitchen: 8, "dining room": 7, garden: 9, backyard: 9,
    };
    for (const fo of [true, false]) {
      for (const room of ROOMS) {
        const env = new TextNavEnv({ fullyObserved: fo });
        const policy = textNavFoSpec.policies.optimal(env);
        let h = env.reset({ seed: 1, options: { startRoom: room } });
        const rewards: number[] = [];
        let r: StepResult | undefined;
        for (let i = 0; i < 15 && !(r?.terminated || r?.truncated); i++) {
          r = env.step([...h, act(`${policy.act(h, new Rng(0))}\n`)]);
          rewards.push(r.reward);
          h = r.history;
        }
        assert.equal(rewards.length, expected[room], `steps from ${room}`);
        assert.deepEqual(rewards, [...Array(expected[room] - 1).fill(0), 1], `rewards from ${room}`);
        assert.ok(r!.terminated && !r!.truncated && r!.info.success, `win flags from ${room}`);
      }
    }
  });

  it("the kitchen start plays the exact walkthrough commands", () => {
    const env = new TextNavEnv({ fullyObserved: false });
    const policy = textNavPoSpec.policies.optimal(env);
    let h = env.reset({ seed: 0, options: { startRoom: "kitchen" } });
    const cmds: string[] = [];
    for (let i = 0; i < 8; i++) {
      const a = policy.act(h, new Rng(0)) as string;
      cmds.push(a);
      h = env.step([...h, act(a + "\n")]).history;
    }
    assert.deepEqual(cmds, ["go east", "go east", "take stale food from table", "go west", "go west", "open fridge", "insert stale food into fridge", "close fridge"]);
  });

  it("eating the stale food loses", () => {
    const { steps } = play(true, "living room", ["take stale food from table", "eat stale food"]);
    const r = steps[1];
    assert.equal(r.reward, 0);
    assert.ok(r.terminated && !r.truncated && !r.info.success && r.info.lost);
    assert.ok(lastText(r.history).startsWith("You eat the stale food. Not bad.\n*** You lost! ***\nYou scored 0 out of a possible 1, in 2 turns.\n"));
  });

  it("eating the fresh food is harmless", () => {
    const { steps } = play(true, "living room", ["take fresh food from table", "eat fresh food"]);
    assert.ok(!steps[1].terminated && !steps[1].info.invalidAction && steps[1].reward === 0);
  });

  it("closing the fridge without the food, or leaving it open, does not win", () => {
    const a = play(false, "kitchen", ["open fridge", "close fridge"]);
    assert.ok(a.steps.every((s) => s.reward === 0 && !s.terminated && !s.info.success));
    const b = play(false, "living room", ["take stale food from table", "go west", "go west", "open fridge", "insert stale food into fridge", "look"]);
    assert.ok(b.steps.every((s) => s.reward === 0 && !s.terminated));
    const c = play(false, "living room", ["take stale food from table", "go west", "go west", "open fridge", "insert stale food into fridge", "look", "close fridge"]);
    assert.equal(c.steps[6].reward, 1);
    assert.ok(c.steps[6].terminated);
  });

  it("truncates at exactly 15 turns, counting unparseable commands", () => {
    const cmds = Array.from({ length: 15 }, (_, i) => (i % 2 ? "look" : "xyzzy"));
    const { steps } = play(true, "garden", cmds);
    steps.slice(0, 14).forEach((s, i) => assert.ok(!s.truncated && !s.terminated, `step ${i}`));
    assert.ok(steps[14].truncated && !steps[14].terminated && steps[14].reward === 0);
  });

  it("prints exact observations for the kitchen (PO and FO)", () => {
    const po = play(false, "kitchen", ["open fridge", "take fruit from fridge", "go north"]);
    assert.match(po.reset[0].text, new RegExp(`^${OBJECTIVE.replace(/\./g, "\\.")}\\n.*There are unblocked exits to the east, north and west\\.\\n\\nAdmissible commands: go east, go north, go west, open fridge\\n$`));
    assert.equal(lastText(po.steps[0].history), "You open the fridge, revealing a fruit.\n\nAdmissible commands: close fridge, go east, go north, go west, take fruit from fridge\n");
    assert.equal(lastText(po.steps[1].history), "You take the fruit from the fridge.\n\nAdmissible commands: close fridge, drop fruit, eat fruit, go east, go north, go west, insert fruit into fridge\n");
    assert.match(lastText(po.steps[2].history), /^(.+ )?There is an unblocked exit to the south\.\n\nAdmissible commands: drop fruit, eat fruit, go south\n$/);
    const fo = play(true, "kitchen", ["open fridge", "take fruit from fridge", "go north"]);
    assert.equal(lastText(fo.steps[0].history), "You open the fridge, revealing a fruit.\nYou are carrying nothing.\n\nAdmissible commands: close fridge, go east, go north, go west, take fruit from fridge\n");
    assert.equal(lastText(fo.steps[1].history).split("\n")[1], "You are carrying: a fruit.");
    assert.match(lastText(fo.steps[2].history), /garden/);
    assert.doesNotMatch(lastText(po.steps[2].history), /garden/);
  });

  it("uses the exit sentences of the house map", () => {
    const exits: Record<string, string> = {
      bedroom: "There are unblocked exits to the south and west.",
      office: "There are unblocked exits to the east and north.",
      bathroom: "There are unblocked exits to the north and west.",
      "living room": "There are unblocked exits to the east, south and west.",
      kitchen: "There are unblocked exits to the east, north and west.",
      "dining room": "There are unblocked exits to the east and west.",
      garden: "There is an unblocked exit to the south.",
      backyard: "There is an unblocked exit to the east.",
    };
    for (const room of ROOMS) assert.ok(play(false, room, []).reset[0].text.includes(exits[room] + "\n\nAdmissible"), room);
  });

  it("FO and PO texts differ exactly by the location sentence and the inventory line", () => {
    const rng = new Rng(11);
    for (let ep = 0; ep < 40; ep++) {
      const fo = new TextNavEnv({ fullyObserved: true });
      const po = new TextNavEnv({ fullyObserved: false });
      let hf = fo.reset({ seed: ep });
      let hp = po.reset({ seed: ep });
      for (let t = 0; t < 15; t++) {
        const cmds = admissible(lastText(hp));
        const a = rng.bernoulli(0.1) ? "look" : rng.choice(cmds);
        const rf = fo.step([...hf, act(a + "\n")]);
        const rp = po.step([...hp, act(a + "\n")]);
        hf = rf.history;
        hp = rp.history;
        const room = rf.info.room as string;
        let f = lastText(hf).replace(/\nYou are carrying(?: nothing|: [^\n]*)\.\n/, "\n");
        if (a.startsWith("go ") || a === "look") {
          // the location sentence names the current room and ends before the first space-separated flavour
          const m = f.match(new RegExp(`^(You are in an? ${room}\\.|You've entered an? ${room}\\.|You find yourself in an? ${room}\\. An ordinary one\\.|Well, here we are in the ${room}\\.|You arrive in an? ${room}\\. A normal kind of place\\.) ?`));
          assert.ok(m, `FO text after "${a}" lacks the location sentence: ${f.slice(0, 80)}`);
          f = f.slice(m![0].length);
        }
        assert.equal(f, lastText(hp), `episode ${ep} step ${t} ("${a}")`);
        assert.ok(/\nYou are carrying(?: nothing|: .*)\.\n\nAdmissible commands: /.test(lastText(hf)), "FO shows the inventory");
        if (rf.terminated || rf.truncated) break;
      }
    }
  });

  it("changes the admissible commands after taking and opening", () => {
    const lr = play(false, "living room", ["take stale food from table"]);
    assert.deepEqual(admissible(lr.reset[0].text), ["go east", "go south", "go west", "take fresh food from table", "take stale food from table"]);
    assert.deepEqual(admissible(lastText(lr.steps[0].history)), [
      "drop stale food", "eat stale food", "go east", "go south", "go west", "put stale food on table", "take fresh food from table",
    ]);
    const office = play(false, "office", ["open chest"]);
    assert.deepEqual(admissible(office.reset[0].text), ["go east", "go north", "open chest"]);
    assert.deepEqual(admissible(lastText(office.steps[0].history)), ["close chest", "go east", "go north", "take utensils from chest"]);
    assert.ok(lastText(office.steps[0].history).startsWith("You open the chest, revealing some utensils.\n"));
  });
});

describe("text-nav parser", () => {
  it("tolerates case, spaces, articles and punctuation", () => {
    const { steps } = play(false, "living room", ["  TAKE the Stale   Food from THE table. ", "pick up fresh food", "Go  West!"]);
    assert.ok(lastText(steps[0].history).startsWith("You take the stale food from the table.\n"));
    assert.ok(lastText(steps[1].history).startsWith("You take the fresh food from the table.\n"));
    assert.ok(steps.every((s) => !s.info.invalidAction));
    assert.equal(steps[2].info.room, "dining room");
  });

  it("answers unknown commands like TextWorld, without penalty, using a turn", () => {
    const cases: [string, string][] = [
      ["tak stale food", "That's not a verb I recognise."],
      ["take stale fod from table", "You can't see any such thing."],
      ["take fruit", "You can't see any such thing."],
      ["take food", "Which do you mean, the stale food or the fresh food?"],
      ["go north", "You can't go that way."],
      ["", "I beg your pardon?"],
      ["eat stale food", "You need to take the stale food first."],
      ["take table", "That's fixed in place."],
    ];
    for (const [cmd, reply] of cases) {
      const { steps, env } = play(false, "living room", [cmd]);
      assert.ok(lastText(steps[0].history).startsWith(reply + "\n\nAdmissible commands: "), `${JSON.stringify(cmd)} -> ${lastText(steps[0].history).slice(0, 60)}`);
      assert.ok(steps[0].info.invalidAction && steps[0].reward === 0 && !steps[0].terminated, cmd);
      assert.equal(env.state.turns, 1, `${cmd} uses a turn`);
    }
  });

  it("never throws on 10,000 fuzz strings; invalid commands change nothing but the turn count", () => {
    const valid = [...COMMAND_UNIVERSE.map((c) => c.text), "look", "inventory", "take the stale food", "examine fridge"];
    const actions = fuzzActions(10_000, valid, 3);
    const rng = new Rng(4);
    const env = new TextNavEnv({ fullyObserved: true });
    let h = env.reset({ seed: 0 });
    let wins = 0;
    for (const a of actions) {
      const s = env.state;
      const before = JSON.stringify([s.room, [...s.loc], [...s.open], s.won, s.lost]);
      const turns = s.turns;
      const r = env.step([...h, act(a)]);
      assert.ok(r.reward === 0 || r.reward === 1, `reward ${r.reward}`);
      assert.equal(r.reward === 1, r.terminated && r.info.success, `reward 1 only on the winning step (${JSON.stringify(a.slice(0, 40))})`);
      if (r.info.invalidAction) {
        assert.equal(JSON.stringify([env.state.room, [...env.state.loc], [...env.state.open], env.state.won, env.state.lost]), before, `invalid ${JSON.stringify(a.slice(0, 40))} changed the state`);
        assert.equal(r.reward, 0);
      }
      assert.equal(env.state.turns, turns + 1);
      assert.ok(lastText(r.history).endsWith("\n") && lastText(r.history).includes("\nAdmissible commands: "));
      wins += r.reward;
      h = r.history;
      // advance the game with a random admissible command half the time, so fuzzing hits varied states
      if (!(r.terminated || r.truncated) && rng.bernoulli(0.5)) {
        const r2 = env.step([...h, act(rng.choice(env.admissibleCommands()) + "\n")]);
        h = r2.history;
        if (r2.terminated || r2.truncated) h = env.reset();
      } else if (r.terminated || r.truncated) h = env.reset();
    }
    assert.ok(wins >= 0);
  });
});

describe("text-nav dataset", () => {
  it("is deterministic in the rng and differs across seeds", () => {
    const lines = (seed: number) => [...syncIterable(textNavFoSpec.dataset.generate(60, new Rng(seed)), "test")].map(trajectoryToJson);
    assert.deepEqual(lines(5), lines(5));
    assert.notDeepEqual(lines(5), lines(6));
  });

  it("FO and PO datasets hold the same episodes", () => {
    const fo = [...syncIterable(textNavFoSpec.dataset.generate(30, new Rng(2)), "test")];
    const po = [...syncIterable(textNavPoSpec.dataset.generate(30, new Rng(2)), "test")];
    assert.deepEqual(fo.map((t) => t.rewards), po.map((t) => t.rewards));
    assert.deepEqual(fo.map((t) => t.texts.filter((x) => x.isAction).map((x) => x.text)), po.map((t) => t.texts.filter((x) => x.isAction).map((x) => x.text)));
  });

  it("lands near Table 1 (success 0.26, return 0.258, length 12.2) on 2,500 trajectories", () => {
    const ts = [...syncIterable(textNavFoSpec.dataset.generate(2500, new Rng(0)), "test")];
    const st = datasetStats(ts);
    assert.ok(Math.abs(st.successRate - 0.26) < 0.03, `success ${st.successRate}`);
    assert.equal(st.meanReturn, st.successRate, "return is 1 exactly on success");
    assert.ok(Math.abs(st.meanLength - 12.2) < 0.7, `length ${st.meanLength}`);
    for (const t of ts) {
      assert.equal(typeof t.meta?.success, "boolean");
      assert.ok(t.texts.filter((x) => x.isAction).length <= 15);
    }
    // the near-half policy almost always wins; the far-half policy never does
    const near = ts.filter((t) => t.meta?.optimalHalf === "near");
    assert.ok(near.filter((t) => t.meta?.success).length / near.length > 0.95);
    assert.equal(ts.filter((t) => t.meta?.optimalHalf === "far" && t.meta?.success).length, 0);
  });

  it("recomputes the stored anchors exactly", () => {
    for (const v of ["fo", "po"] as const) {
      const a = recomputeTextNavAnchors(v);
      assert.ok(Math.abs(a.avg - TEXT_NAV_OURS_ANCHORS[v].avg) < 1e-9, `${v}: recomputed avg ${a.avg} vs stored ${TEXT_NAV_OURS_ANCHORS[v].avg}`);
      assert.deepEqual([a.min, a.max], [0, 1]);
    }
    assert.deepEqual(textNavFoSpec.anchors.ours, TEXT_NAV_OURS_ANCHORS.fo);
    assert.deepEqual(textNavPoSpec.anchors.ours, TEXT_NAV_OURS_ANCHORS.po);
  });
});

describe("text-nav reference reader", () => {
  const dir = "tests/fixtures/text-nav";
  for (const file of ["reference.jsonl", "reference-array.json", "reference-array-lines.json"]) {
    it(`reads ${file}`, async () => {
      const ts = [];
      for await (const t of readReferenceTextNav(`${dir}/${file}`)) ts.push(t);
      assert.equal(ts.length, 2);
      const [win, lose] = ts;
      assert.equal(win.texts.length, 13);
      assert.equal(win.texts[1].text, "take stale food from table\n");
      assert.ok(win.texts[1].isAction && !win.texts[2].isAction);
      assert.ok(win.texts[0].text.endsWith("take stale food from table\n"));
      assert.deepEqual(win.rewards, [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0]);
      assert.ok(win.done && win.meta?.success === true);
      assert.deepEqual(lose.rewards, [0, 0, 0, 0, 0]);
      assert.ok(lose.done && lose.meta?.success === false);
    });
  }

  it("names file:line and the field of a malformed record", async () => {
    await assert.rejects(async () => {
      for await (const _ of readReferenceTextNav(`${dir}/malformed.jsonl`)) void _;
    }, /malformed\.jsonl:2: rewards: has 1 entries but text_history has 2 commands/);
    await assert.rejects(async () => {
      for await (const _ of readReferenceTextNav(`${dir}/malformed-array.json`)) void _;
    }, /malformed-array\.json:1: \[1\]\.dones\[1\]: expected a boolean/);
  });
});

describe("text-nav evaluation", () => {
  it("scores the scripted policies", async () => {
    const opt = await evaluate(textNavPoSpec, textNavPoSpec.policies.optimal, { episodes: 64 });
    assert.equal(opt.meanReturn, 1);
    assert.equal(opt.meanLength, 61 / 8, "mean of 6,7,7,7,8,8,9,9 over the cycled start rooms");
    assert.equal(opt.normalizedScore, 100);
    const rnd = await evaluate(textNavFoSpec, textNavFoSpec.policies.random, { episodes: 64 });
    assert.ok(rnd.meanReturn < 0.05, `random ${rnd.meanReturn}`);
    const beh = await evaluate(textNavFoSpec, textNavFoSpec.policies.behaviour, { episodes: 256 });
    assert.ok(beh.meanReturn > 0.15 && beh.meanReturn < 0.35, `behaviour ${beh.meanReturn}`);
  });

  it("the behaviour with its episode-level half hidden (per-room rates) succeeds far less than the behaviour: why short-window BC stays below the dataset level", async () => {
    const opts = { episodes: 1000, seed: 3, batchSize: 250 };
    const beh = await evaluate(textNavFoSpec, textNavFoSpec.policies.behaviour, opts);
    const perRoom = await evaluate(textNavFoSpec, textNavFoSpec.policies["behaviour-per-room"], opts);
    // Measured at 4,000 episodes: 0.242 against 0.036. Each is a mean of 1,000 0/1 outcomes (s.e. <= 0.014).
    assert.ok(beh.successRate > 0.19, `behaviour ${beh.successRate}`);
    assert.ok(perRoom.successRate < 0.08, `per-room ${perRoom.successRate}`);
    assert.ok(perRoom.normalizedScore < 20 && beh.normalizedScore > 35, `scores ${perRoom.normalizedScore} / ${beh.normalizedScore}`);
  });
});
