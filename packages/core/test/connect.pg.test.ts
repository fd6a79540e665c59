import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { connect, DatabaseError, ExitCode, formatError, resolveConnection, withSession } from "@pgvc/core";
import { useTestDatabase } from "@pgvc/testkit/vitest";

const db = useTestDatabase();

function serverEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const url = new URL(db.url);
  return { PGHOST: url.hostname, PGPORT: url.port, PGUSER: url.username, PGDATABASE: db.name, PGPASSFILE: "/nonexistent", ...extra };
}

const scratch = mkdtempSync(join(tmpdir(), "pgvc-pgpass-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function pgpassFile(line: string, mode: number): string {
  const file = join(mkdtempSync(join(scratch, "f-")), "pgpass");
  writeFileSync(file, `${line}\n`);
  chmodSync(file, mode);
  return file;
}

describe("connect", () => {
  it("connects with PGPASSWORD and reports the server version", async () => {
    const conn = resolveConnection({}, serverEnv({ PGPASSWORD: new URL(db.url).password }));
    const rows = await withSession(conn, async (s) => {
      expect(s.serverVersionNum).toBeGreaterThanOrEqual(140000);
      return (await s.query<{ db: string }>("SELECT pg_catalog.current_database() AS db")).rows;
    });
    expect(rows).toEqual([{ db: db.name }]);
  });

  it("finds the password in a private .pgpass file", async () => {
    const url = new URL(db.url);
    const file = pgpassFile(`${url.hostname}:${url.port}:*:${url.username}:${url.password}`, 0o600);
    const conn = resolveConnection({}, serverEnv({ PGPASSFILE: file }));
    expect(conn.password).toBe(url.password);
    await withSession(conn, async (s) => expect((await s.query("SELECT 1 AS one")).rows).toEqual([{ one: 1 }]));
  });

  it("ignores a .pgpass file that others can read, as libpq does", () => {
    const url = new URL(db.url);
    const file = pgpassFile(`*:*:*:*:${url.password}`, 0o644);
    expect(resolveConnection({}, serverEnv({ PGPASSFILE: file })).password).toBeUndefined();
  });

  it("turns a refused login into a DatabaseError with SQLSTATE and exit code 4", async () => {
    const conn = resolveConnection({}, serverEnv({ PGPASSWORD: "wrong" }));
    const error = await connect(conn).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatabaseError);
    expect((error as DatabaseError).sqlstate).toBe("28P01");
    expect((error as DatabaseError).exitCode).toBe(ExitCode.database);
    expect(formatError("pgvc", error)).toMatch(
      /could not connect to postgres@127\.0\.0\.1:\d+\/pgvc_test_\w+: password authentication failed/,
    );
  });

  it("carries the failing statement and its SQLSTATE", async () => {
    const conn = resolveConnection({ dbname: db.url });
    const error = await withSession(conn, (s) => s.query("SELECT * FROM missing_table")).catch((e: unknown) => e);
    expect((error as DatabaseError).sqlstate).toBe("42P01");
    expect(formatError("pgvc", error)).toContain("statement: SELECT * FROM missing_table");
  });
});
