import { useTestDatabase } from "@pgvc/testkit/vitest";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyMigrationPart } from "../../src/sources/apply.js";
import { MigrationFailure } from "../../src/sources/failure.js";
import { parseDbmate } from "../../src/sources/layouts/dbmate.js";
import type { MigrationPart } from "../../src/sources/types.js";
import { rejection, rows } from "./helpers.js";

const db = useTestDatabase("sources_failures");
let client: pg.Client;

beforeAll(async () => {
  client = new pg.Client({ connectionString: db.url });
  await client.connect();
});
afterAll(async () => {
  await client.end();
});

const exists = async (name: string) =>
  (await rows<{ found: boolean }>(db.url, "SELECT pg_catalog.to_regclass($1) IS NOT NULL AS found", [name]))[0]?.found;

async function failure(part: MigrationPart): Promise<MigrationFailure> {
  const error = await rejection(applyMigrationPart(client, part));
  if (!(error instanceof MigrationFailure)) throw error;
  return error;
}

const plain = (file: string, sql: string): MigrationPart => ({ file, sql, startLine: 1, transaction: false, layout: "plain" });

describe("a failing statement", () => {
  it("is reported at the line and column of PostgreSQL's error position", async () => {
    const sql = ["CREATE TABLE pos_t (id int);", "CREATE VIEW pos_v AS", "  SELECT id,", "         nosuch", "  FROM pos_t;", ""].join("\n");
    const error = await failure(plain("sql/3_view.sql", sql));
    // `nosuch` starts at line 4, column 10.
    expect([error.file, error.line, error.column, error.sqlstate]).toEqual(["sql/3_view.sql", 4, 10, "42703"]);
    expect(error.message).toMatch(
      /^sql\/3_view\.sql:4:10: column "nosuch" does not exist \(SQLSTATE 42703\)\n {2}statement: CREATE VIEW pos_v AS SELECT id, nosuch FROM pos_t;/,
    );
    expect(error.reason).toBe('column "nosuch" does not exist');
    expect(error.statement).toBe("CREATE VIEW pos_v AS\n  SELECT id,\n         nosuch\n  FROM pos_t;");
  });

  it("in a plain file leaves the statements before it applied, as psql does", async () => {
    const error = await failure(
      plain("sql/4.sql", "CREATE TABLE kept_t (id int);\nINSERT INTO kept_t VALUES ('x');\nCREATE TABLE never_t (id int);\n"),
    );
    expect([error.line, error.column, error.outcome]).toEqual([2, 28, "kept-before"]);
    expect(error.hints.at(-1)).toMatch(/statements before this one stay applied/);
    expect(await exists("kept_t")).toBe(true);
    expect(await exists("never_t")).toBe(false);
    expect(client.getTransactionStatus()).toBe("I");
  });

  it("in a dbmate migration rolls the whole file back, lines counted from the file's top", async () => {
    const text =
      "-- migrate:up\nCREATE TABLE dbm_rb (id int);\n\nALTER TABLE dbm_rb ADD COLUMN id int;\n-- migrate:down\nDROP TABLE dbm_rb;\n";
    const { up } = parseDbmate("db/migrations/1_x.sql", text);
    const error = await failure(up);
    // The duplicate column error has no position: the statement's own line, 4.
    expect([error.line, error.column, error.sqlstate, error.outcome]).toEqual([4, 1, "42701", "rolled-back"]);
    expect(error.hints.at(-1)).toMatch(/rolled back: nothing of it is applied/);
    expect(await exists("dbm_rb")).toBe(false);
    expect(client.getTransactionStatus()).toBe("I");
  });

  it("inside a file's own BEGIN rolls back that transaction only", async () => {
    const sql = "CREATE TABLE own_before (id int);\nBEGIN;\nCREATE TABLE own_inside (id int);\nSELECT 1/0;\nCOMMIT;\n";
    const error = await failure({ ...plain("sql/5.sql", sql), transaction: true, layout: "golang-migrate" });
    expect([error.line, error.sqlstate, error.outcome]).toEqual([4, "22012", "open-transaction-rolled-back"]);
    expect(await exists("own_before")).toBe(true);
    expect(await exists("own_inside")).toBe(false);
    expect(client.getTransactionStatus()).toBe("I");
  });

  it("that refuses a transaction block says what the tool needs", async () => {
    await client.query("CREATE TABLE conc_t (a int)");
    const { up } = parseDbmate(
      "db/migrations/2_idx.sql",
      "-- migrate:up\nCREATE INDEX CONCURRENTLY conc_i ON conc_t (a);\n-- migrate:down\n",
    );
    const error = await failure(up);
    expect([error.line, error.sqlstate, error.outcome]).toEqual([2, "25001", "rolled-back"]);
    expect(error.hints.join("\n")).toMatch(/marked `-- migrate:up transaction:false`/);
    const golang = await failure({
      file: "m/2_idx.up.sql",
      sql: "CREATE TABLE conc_u (a int);\nCREATE INDEX CONCURRENTLY conc_j ON conc_u (a);\n",
      startLine: 1,
      transaction: true,
      layout: "golang-migrate",
    });
    expect([golang.line, golang.sqlstate]).toEqual([2, "25001"]);
    expect(golang.hints.join("\n")).toMatch(/golang-migrate sends the whole file as one query/);
    expect(await exists("conc_u")).toBe(false);
  });

  it("in COPY data reports the data line and rolls back with its file", async () => {
    const sql = "CREATE TABLE copy_bad (id int);\nCOPY copy_bad (id) FROM stdin;\n1\nnot a number\n\\.\n";
    const error = await failure({ ...plain("sql/6.sql", sql), transaction: true, layout: "dbmate" });
    // The second data line, "not a number", is line 4 of the file.
    expect([error.line, error.column, error.sqlstate, error.outcome]).toEqual([4, 1, "22P02", "rolled-back"]);
    expect(error.hints.join("\n")).toMatch(/context: COPY copy_bad, line 2/);
    expect(await exists("copy_bad")).toBe(false);
  });

  it("inside a PL/pgSQL body is reported at its line in the file", async () => {
    const sql = [
      "CREATE TABLE body_ok (id int);",
      "CREATE FUNCTION body_f() RETURNS int LANGUAGE plpgsql AS $$",
      "BEGIN",
      "  RETRUN 1;",
      "END",
      "$$;",
      "",
    ].join("\n");
    const error = await failure(plain("sql/7.sql", sql));
    // `RETRUN` starts at line 4, column 3.
    expect([error.line, error.column, error.sqlstate]).toEqual([4, 3, "42601"]);
  });

  it("that Flyway runs in a transaction but PostgreSQL refuses in one says to set executeInTransaction", async () => {
    await client.query("CREATE TABLE fw_reindex (a int)");
    const error = await failure({
      file: "f/V3__reindex.sql",
      sql: "REINDEX TABLE CONCURRENTLY fw_reindex;\n",
      startLine: 1,
      transaction: true,
      layout: "flyway",
    });
    expect([error.line, error.sqlstate]).toEqual([1, "25001"]);
    expect(error.hints.join("\n")).toMatch(/executeInTransaction=false in f\/V3__reindex\.sql\.conf/);
  });
});

describe("aborting", () => {
  it("rejects at once with the signal's reason while a statement runs", async () => {
    const own = new pg.Client({ connectionString: db.url });
    await own.connect();
    own.on("error", () => undefined);
    const controller = new AbortController();
    try {
      const running = applyMigrationPart(
        own,
        { ...plain("sql/8.sql", "CREATE TABLE abort_t (id int);\nSELECT pg_sleep(60);\n"), transaction: true },
        { signal: controller.signal },
      );
      while ((await rows(db.url, "SELECT 1 FROM pg_catalog.pg_stat_activity WHERE query LIKE 'SELECT pg_sleep(60)%'")).length === 0) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      controller.abort(new Error("interrupted"));
      await expect(running).rejects.toThrow("interrupted");
    } finally {
      await own.end();
    }
    expect(await exists("abort_t")).toBe(false);
  });
});
