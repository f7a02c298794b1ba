import assert from "node:assert/strict";
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { after, describe, it } from "node:test";
import { spawn, spawnSync } from "node:child_process";
import { acquireLock, commitAtomic, LockedError, tempPathFor, withAtomicFile, writeFileAtomic } from "../../src/core/atomic";

const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), "lmrl-atomic-"));
  dirs.push(d);
  return d;
};
after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe("atomic writes (core/atomic)", () => {
  it("tempPathFor gives distinct sibling names <path>.tmp-<pid>-<n> (and a tag for other uses)", () => {
    const p = join(tmpdir(), "x", "a.json");
    const a = tempPathFor(p), b = tempPathFor(p);
    assert.notEqual(a, b);
    for (const t of [a, b]) {
      assert.equal(dirname(t), dirname(p));
      assert.match(basename(t), new RegExp(`^a\\.json\\.tmp-${process.pid}-\\d+$`));
    }
    assert.match(basename(tempPathFor(p, "old")), new RegExp(`^a\\.json\\.old-${process.pid}-\\d+$`));
  });

  it("writeFileAtomic creates the file (and missing parents) with exact bytes, leaving nothing else", () => {
    const dir = tmp();
    const p = join(dir, "deep", "er", "a.txt");
    writeFileAtomic(p, "héllo\n");
    assert.equal(readFileSync(p, "utf8"), "héllo\n");
    const bytes = new Uint8Array([0, 1, 2, 255, 10, 0]);
    const q = join(dir, "b.bin");
    writeFileAtomic(q, bytes);
    assert.deepEqual(new Uint8Array(readFileSync(q)), bytes);
    writeFileAtomic(join(dir, "empty"), "");
    assert.equal(readFileSync(join(dir, "empty"), "utf8"), "");
    assert.deepEqual(readdirSync(dir).sort(), ["b.bin", "deep", "empty"]);
    assert.deepEqual(readdirSync(dirname(p)), ["a.txt"]);
  });

  it("writeFileAtomic replaces an existing file", () => {
    const dir = tmp();
    const p = join(dir, "a.txt");
    writeFileSync(p, "old content that is longer than the new one\n");
    writeFileAtomic(p, "new\n");
    assert.equal(readFileSync(p, "utf8"), "new\n");
    assert.deepEqual(readdirSync(dir), ["a.txt"]);
  });

  it("a write under a parent that is a file fails naming the path, leaves no debris and the file intact", () => {
    const dir = tmp();
    const parent = join(dir, "file");
    writeFileSync(parent, "keep me\n");
    const p = join(parent, "a.txt");
    assert.throws(() => writeFileAtomic(p, "x"), (e: Error) => e.message.includes(p) && /ENOTDIR|EEXIST/.test(e.message));
    assert.equal(readFileSync(parent, "utf8"), "keep me\n");
    assert.deepEqual(readdirSync(dir), ["file"]);
  });

  it("a failed rename (target is a non-empty folder) removes the temp file and keeps the old content", () => {
    const dir = tmp();
    const p = join(dir, "target");
    mkdirSync(p);
    writeFileSync(join(p, "inside.txt"), "old\n");
    assert.throws(() => writeFileAtomic(p, "new"), (e: Error & { code?: string }) => e.message.includes(p) && typeof e.code === "string" && e.cause instanceof Error);
    assert.deepEqual(readdirSync(dir), ["target"]);
    assert.deepEqual(readdirSync(p), ["inside.txt"]);
    assert.equal(readFileSync(join(p, "inside.txt"), "utf8"), "old\n");
  });

  it("withAtomicFile commits what the callback wrote and returns its result", () => {
    const dir = tmp();
    const p = join(dir, "sub", "lines.txt");
    let seen = "";
    const n = withAtomicFile(p, (t) => {
      seen = t;
      assert.equal(existsSync(p), false, "nothing appears under the final name before the commit");
      const fd = openSync(t, "w");
      try {
        writeSync(fd, "a\nb\n");
      } finally {
        closeSync(fd);
      }
      return 2;
    });
    assert.equal(n, 2);
    assert.equal(dirname(seen), dirname(p));
    assert.equal(readFileSync(p, "utf8"), "a\nb\n");
    assert.deepEqual(readdirSync(dirname(p)), ["lines.txt"]);
  });

  it("withAtomicFile removes its temp on a thrown error, rethrows it unchanged and keeps the old file", () => {
    const dir = tmp();
    const p = join(dir, "a.txt");
    writeFileSync(p, "old\n");
    class Boom extends Error {}
    const boom = new Boom("writer died");
    assert.throws(
      () =>
        withAtomicFile(p, (t) => {
          writeFileSync(t, "half a fi");
          throw boom;
        }),
      (e: unknown) => e === boom,
    );
    assert.equal(readFileSync(p, "utf8"), "old\n");
    assert.deepEqual(readdirSync(dir), ["a.txt"]);
  });

  it("withAtomicFile refuses an async callback and cleans up", () => {
    const dir = tmp();
    const p = join(dir, "a.txt");
    assert.throws(
      () =>
        withAtomicFile(p, async (t) => {
          writeFileSync(t, "x");
        }),
      /must write synchronously/,
    );
    assert.deepEqual(readdirSync(dir), []);
  });

  it("commitAtomic removes the temp when the move fails and names the target", () => {
    const dir = tmp();
    const p = join(dir, "target");
    mkdirSync(p);
    writeFileSync(join(p, "inside.txt"), "old\n");
    const t = tempPathFor(p);
    writeFileSync(t, "new");
    assert.throws(() => commitAtomic(t, p), (e: Error) => e.message.includes(p));
    assert.deepEqual(readdirSync(dir), ["target"]);
    const ok = join(dir, "ok.txt");
    const t2 = tempPathFor(ok);
    writeFileSync(t2, "fine");
    commitAtomic(t2, ok);
    assert.equal(readFileSync(ok, "utf8"), "fine");
    assert.deepEqual(readdirSync(dir).sort(), ["ok.txt", "target"]);
  });
});

describe("lock files (core/atomic acquireLock)", () => {
  it("is exclusive while held, names the holder, and is free again after release", () => {
    const p = join(tmp(), ".lock");
    const release = acquireLock(p, "wait for it");
    assert.equal(readFileSync(p, "utf8"), `${process.pid}\n`);
    assert.throws(() => acquireLock(p, "wait for it"), (e: unknown) => e instanceof LockedError && /held by another call in this process; wait for it$/.test((e as Error).message));
    release();
    assert.equal(existsSync(p), false);
    acquireLock(p, "x")();
    assert.deepEqual(readdirSync(dirname(p)), [], "no temp file left beside the lock");
  });
  it("refuses a lock held by another live process and takes over one whose process is gone", () => {
    const p = join(tmp(), ".lock");
    writeFileSync(p, `${process.ppid}\n`); // the parent: alive while this test runs
    assert.throws(() => acquireLock(p, "pick another folder"), new RegExp(`held by process ${process.ppid}; pick another folder`));
    const gone = spawnSync(process.execPath, ["-e", "0"]).pid!; // exited before we look
    writeFileSync(p, `${gone}\n`);
    const release = acquireLock(p, "x");
    assert.equal(readFileSync(p, "utf8"), `${process.pid}\n`);
    release();
    writeFileSync(p, "garbage"); // a lock that never got its pid is stale too
    acquireLock(p, "x")();
  });
  it("takes over a lock whose process has exited but is not reaped yet (a zombie: a killed run whose parent has not waited)", { skip: !existsSync("/proc/self/stat") && "zombies are read from Linux's /proc" }, async () => {
    const p = join(tmp(), ".lock");
    // `sleep 0` exits at once; its parent execs into `sleep 5` and never waits for it, so it stays a zombie
    const parent = spawn("sh", ["-c", "sleep 0 & echo $!; exec sleep 5"], { stdio: ["ignore", "pipe", "ignore"] });
    try {
      const zombie = Number.parseInt(await new Promise<string>((done) => parent.stdout!.once("data", (b: Buffer) => done(b.toString()))), 10);
      const state = () => readFileSync(`/proc/${zombie}/stat`, "utf8").replace(/^.*\)\s*/s, "")[0];
      while (state() !== "Z") await new Promise((r) => setTimeout(r, 10));
      writeFileSync(p, `${zombie}\n`);
      const release = acquireLock(p, "x");
      assert.equal(readFileSync(p, "utf8"), `${process.pid}\n`, "the zombie's lock is taken over");
      release();
      writeFileSync(p, `${parent.pid}\n`); // its parent still runs: that lock holds
      assert.throws(() => acquireLock(p, "x"), LockedError);
    } finally {
      parent.kill();
    }
  });
});
