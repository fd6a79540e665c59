// dbtoyaml behind a lock: reading a view's definition locks the tables it
// reads (pg_get_viewdef), so it waits for a table's ACCESS EXCLUSIVE lock (an
// ALTER TABLE in progress). It gives up after --lock-timeout instead
// of waiting silently, writes nothing, and says how to wait longer.
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";
import { DatabaseError } from "@pgvc/core";
import { dbtoyaml } from "@pgvc/introspect";
import { execute } from "@pgvc/testkit";
import { useTestDatabase } from "@pgvc/testkit/vitest";

const bin = fileURLToPath(new URL("../bin/dbtoyaml.js", import.meta.url));
const db = useTestDatabase();
let holder: pg.Client;

beforeAll(async () => {
  await execute(db.url, "CREATE TABLE held (id integer PRIMARY KEY); CREATE VIEW held_ids AS SELECT id FROM held");
  holder = new pg.Client({ connectionString: db.url, application_name: "the_alter" });
  await holder.connect();
  await holder.query("BEGIN");
  await holder.query("ALTER TABLE held ADD COLUMN note text");
});
afterAll(async () => {
  await holder.query("ROLLBACK");
  await holder.end();
});

function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
    );
  });
}

it("gives up after the lock timeout with the database error and the flag to wait longer", async () => {
  const error = await dbtoyaml({ connection: { dbname: db.url }, lockTimeout: "300ms" }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DatabaseError);
  expect((error as DatabaseError).sqlstate).toBe("55P03");
  const hints = (error as DatabaseError).hints.join("\n");
  const { rows } = await holder.query<{ pid: number }>("SELECT pg_catalog.pg_backend_pid() AS pid");
  expect(hints).toContain(`held by pid ${rows[0]!.pid} (the_alter), idle in transaction: ALTER TABLE held ADD COLUMN note text`);
  expect(hints).toMatch(/nothing was written; .*--lock-timeout/);
});

it("exits 4 from the command, with nothing on stdout", async () => {
  const result = await run(["--lock-timeout", "300ms", db.url]);
  expect(result).toMatchObject({ code: 4, stdout: "" });
  expect(result.stderr).toMatch(/lock timeout/);
  expect(result.stderr).toMatch(/held by pid \d+ \(the_alter\)/);
  expect(result.stderr).toMatch(/--lock-timeout/);
});

it("refuses a duration the server does not take (exit 2)", async () => {
  const result = await run(["--lock-timeout", "soon", db.url]);
  expect(result.code).toBe(2);
  expect(result.stderr).toMatch(/--lock-timeout soon: not a valid duration/);
});

it("reads the table once the lock is gone", async () => {
  // The same wait, but the holder ends within the timeout.
  const reading = dbtoyaml({ connection: { dbname: db.url }, lockTimeout: "30s" });
  await new Promise((resolve) => setTimeout(resolve, 300));
  await holder.query("ROLLBACK");
  await holder.query("BEGIN");
  expect((await reading).yaml).toContain("view held_ids:");
});
