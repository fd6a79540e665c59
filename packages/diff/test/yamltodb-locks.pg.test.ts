// yamltodb behind a lock: it says who holds it while it waits, gives up after
// --lock-timeout naming the holder, leaves nothing queued on the server when
// interrupted, and lets only one -u apply at a time.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execute } from "@pgvc/testkit";
import { useTestDatabase } from "@pgvc/testkit/vitest";
import { runBin, yamltodbBin } from "./bins.js";

const db = useTestDatabase();
const work = mkdtempSync(join(tmpdir(), "yamltodb-locks-"));
const spec = join(work, "schema.yaml");

/** A second session that holds a lock until released. */
async function holder(sql: string): Promise<{ pid: number; release(): Promise<void> }> {
  const client = new pg.Client({ connectionString: db.url, application_name: "the_blocker" });
  await client.connect();
  await client.query("BEGIN");
  await client.query(sql);
  const { rows } = await client.query<{ pid: number }>("SELECT pg_catalog.pg_backend_pid() AS pid");
  return {
    pid: rows[0]!.pid,
    release: async () => {
      await client.query("ROLLBACK").catch(() => undefined);
      await client.end();
    },
  };
}

beforeAll(async () => {
  await execute(db.url, "CREATE SCHEMA app; CREATE TABLE app.t (id integer)");
  writeFileSync(spec, "schema app:\n  table t:\n    columns:\n    - id:\n        type: integer\n    - note:\n        type: text\n");
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("locks", () => {
  it("says who holds the lock while it waits, and gives up after --lock-timeout naming the holder", async () => {
    const lock = await holder("LOCK TABLE app.t IN ACCESS EXCLUSIVE MODE");
    try {
      const result = await runBin(yamltodbBin, ["--lock-timeout", "3s", db.url, spec]);
      expect(result.code).toBe(4);
      expect(result.stdout).toBe("");
      expect(result.stderr).toContain(`yamltodb: waiting for a lock: pid ${lock.pid} (the_blocker)`);
      expect(result.stderr).toContain("lock timeout");
      expect(result.stderr).toContain(`held by pid ${lock.pid} (the_blocker), idle in transaction`);
    } finally {
      await lock.release();
    }
  });

  it("gives up reading the database behind an ALTER of a table a view reads, naming the holder and --lock-timeout", async () => {
    await execute(db.url, "CREATE SCHEMA reads; CREATE TABLE reads.src (id integer); CREATE VIEW reads.v AS SELECT id FROM reads.src");
    const lock = await holder("ALTER TABLE reads.src ADD COLUMN c integer");
    try {
      const result = await runBin(yamltodbBin, ["--lock-timeout", "500ms", db.url, spec]);
      expect(result.code).toBe(4);
      expect(result.stdout).toBe("");
      expect(result.stderr).toContain("lock timeout");
      expect(result.stderr).toContain(`held by pid ${lock.pid} (the_blocker), idle in transaction`);
      expect(result.stderr).toContain("nothing was changed; try again when that transaction has ended, or wait longer with --lock-timeout");
    } finally {
      await lock.release();
      await execute(db.url, "DROP SCHEMA reads CASCADE");
    }
  });

  it("an invalid --lock-timeout is refused", async () => {
    const result = await runBin(yamltodbBin, ["--lock-timeout", "soon", db.url, spec]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("--lock-timeout soon: not a valid duration");
  });

  it("Ctrl-C while waiting cancels the server's statement and exits 130", async () => {
    const lock = await holder("LOCK TABLE app.t IN ACCESS EXCLUSIVE MODE");
    try {
      const child = spawn(process.execPath, [yamltodbBin, "-u", "--lock-timeout", "0", db.url, spec], {
        env: { PATH: process.env.PATH, HOME: process.env.HOME },
      });
      let stderr = "";
      const waiting = new Promise<void>((resolve) => {
        child.stderr.on("data", (chunk: Buffer) => {
          stderr += chunk.toString();
          if (stderr.includes("waiting for a lock")) resolve();
        });
      });
      const exited = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
      await waiting;
      child.kill("SIGINT");
      expect(await exited).toBe(130);
      expect(stderr).toContain("the statement running on the server was cancelled");
      // Nothing of pgvc's is left waiting behind the lock.
      const [left] = await execute(
        db.url,
        `SELECT count(*)::int AS n FROM pg_catalog.pg_stat_activity WHERE ${lock.pid} = ANY (pg_catalog.pg_blocking_pids(pid))`,
      );
      expect(left!.rows[0].n).toBe(0);
    } finally {
      await lock.release();
    }
    const columns = await execute(db.url, "SELECT 1 FROM pg_catalog.pg_attribute WHERE attrelid = 'app.t'::regclass AND attname = 'note'");
    expect(columns[0]!.rows).toEqual([]);
  });

  it("a second yamltodb -u while one applies says so and, past the lock timeout, gives up", async () => {
    const other = await holder("SELECT pg_catalog.pg_advisory_lock(pg_catalog.hashtext('pgvc yamltodb --update'))");
    try {
      const result = await runBin(yamltodbBin, ["-u", "--lock-timeout", "1s", db.url, spec]);
      expect(result.code).toBe(4);
      expect(result.stderr).toContain("another yamltodb -u is applying a change to this database; waiting");
      expect(result.stderr).toContain("another yamltodb -u is still applying a change to this database");
    } finally {
      await other.release();
    }
    const applied = await runBin(yamltodbBin, ["-u", db.url, spec]);
    expect(applied.code).toBe(0);
  });
});
