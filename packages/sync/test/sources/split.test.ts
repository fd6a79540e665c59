import { InputError } from "@pgvc/core";
import { describe, expect, it } from "vitest";
import { splitSql } from "../../src/sources/sql/split.js";

const texts = (sql: string) => splitSql(sql, "m.sql").map((s) => s.text);
const where = (sql: string) => splitSql(sql, "m.sql").map((s) => [s.line, s.column]);

function inputError(sql: string): InputError {
  try {
    splitSql(sql, "m.sql");
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error("expected an InputError");
}

describe("splitSql", () => {
  it("splits at semicolons and gives each statement's line and column", () => {
    const sql = "CREATE TABLE a (id int);\n\n  INSERT INTO a VALUES (1); SELECT 2;\nSELECT 3";
    expect(texts(sql)).toEqual(["CREATE TABLE a (id int);", "INSERT INTO a VALUES (1);", "SELECT 2;", "SELECT 3"]);
    expect(where(sql)).toEqual([
      [1, 1],
      [3, 3],
      [3, 29],
      [4, 1],
    ]);
  });

  it("starts counting at startLine", () => {
    expect(splitSql("\nSELECT 1;", "m.sql", 10).map((s) => s.line)).toEqual([11]);
  });

  it("keeps semicolons inside comments; drops -- comments before a statement and sends /* */ ones with it, as psql", () => {
    const sql = "-- one; two\nSELECT 1; /* a; /* nested; */ still; */ SELECT 2;\n-- trailing;\n/* only a comment; */";
    expect(texts(sql)).toEqual(["SELECT 1;", "/* a; /* nested; */ still; */ SELECT 2;"]);
    expect(where(sql)).toEqual([
      [2, 1],
      [2, 11],
    ]);
    expect(texts("; ;\n(SELECT 1);")).toEqual(["(SELECT 1);"]);
  });

  it("keeps semicolons inside quotes, identifiers and E'' strings", () => {
    const sql = `SELECT 'a;''b';\nSELECT "x;""y" FROM t;\nSELECT E'it\\'s; fine';\nSELECT 'back\\';`;
    expect(texts(sql)).toEqual(["SELECT 'a;''b';", 'SELECT "x;""y" FROM t;', "SELECT E'it\\'s; fine';", "SELECT 'back\\';"]);
  });

  it("follows standard_conforming_strings when the file turns it off", () => {
    const sql = "SET standard_conforming_strings = off;\nSELECT 'a\\'; b';\nRESET standard_conforming_strings;\nSELECT 'c\\';";
    expect(texts(sql)).toEqual([
      "SET standard_conforming_strings = off;",
      "SELECT 'a\\'; b';",
      "RESET standard_conforming_strings;",
      "SELECT 'c\\';",
    ]);
  });

  it("keeps dollar-quoted bodies whole, with tags, and reads $1 as a parameter", () => {
    const sql = [
      "CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $$ BEGIN RETURN 1; END $$;",
      "CREATE FUNCTION g() RETURNS text LANGUAGE sql AS $fn$ SELECT '$$;' $fn$;",
      "PREPARE p(int) AS SELECT $1; SELECT a$b$c FROM t;",
    ].join("\n");
    expect(texts(sql)).toEqual([
      "CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $$ BEGIN RETURN 1; END $$;",
      "CREATE FUNCTION g() RETURNS text LANGUAGE sql AS $fn$ SELECT '$$;' $fn$;",
      "PREPARE p(int) AS SELECT $1;",
      "SELECT a$b$c FROM t;",
    ]);
    expect(where(sql)[3]).toEqual([3, 30]);
  });

  it("keeps a SQL-standard body BEGIN ATOMIC ... END whole, CASE ... END inside it too", () => {
    const body = [
      "CREATE OR REPLACE FUNCTION h(x int) RETURNS int LANGUAGE sql",
      "BEGIN ATOMIC",
      "  SELECT CASE WHEN x > 0 THEN 1 ELSE 0 END;",
      "  SELECT x;",
      "END;",
    ].join("\n");
    const sql = `${body}\nCREATE PROCEDURE p() BEGIN ATOMIC INSERT INTO t VALUES (1); END;\nSELECT 1;`;
    expect(texts(sql)).toEqual([body, "CREATE PROCEDURE p() BEGIN ATOMIC INSERT INTO t VALUES (1); END;", "SELECT 1;"]);
    expect(where(sql)).toEqual([
      [1, 1],
      [6, 1],
      [7, 1],
    ]);
  });

  it("does not count BEGIN in other statements as a block", () => {
    expect(texts("BEGIN;\nCREATE TABLE t (a int);\nCOMMIT;")).toEqual(["BEGIN;", "CREATE TABLE t (a int);", "COMMIT;"]);
  });

  it("takes COPY FROM stdin data from the lines after it, up to \\.", () => {
    const sql = "CREATE TABLE t (a int, b text);\nCOPY t (a, b) FROM stdin;\n1\tx\\ty\n2\t\\N\n\\.\nSELECT 1;\n";
    const statements = splitSql(sql, "m.sql");
    expect(statements.map((s) => s.text)).toEqual(["CREATE TABLE t (a int, b text);", "COPY t (a, b) FROM stdin;", "SELECT 1;"]);
    expect(statements[1]?.copyData).toBe("1\tx\\ty\n2\t\\N\n");
    expect(statements[2]?.line).toBe(6);
  });

  it("reads a COPY data line with quotes or semicolons as data", () => {
    const statements = splitSql('COPY t FROM STDIN WITH (FORMAT csv);\n"a;",\'b\n\\.\n', "m.sql");
    expect(statements.map((s) => s.copyData)).toEqual(['"a;",\'b\n']);
  });

  it("refuses COPY data without its end line", () => {
    const error = inputError("SELECT 1;\nCOPY t FROM stdin;\n1\n2\n");
    expect(error.message).toMatch(/^m\.sql:2:1: COPY \.\.\. FROM stdin data without its end/);
  });

  it("refuses psql meta-commands with file:line and what to do", () => {
    const include = inputError("SELECT 1;\n\\i other.sql\n");
    expect(include.message).toMatch(/^m\.sql:2:1: psql meta-command \\i: pgvc runs migration files itself/);
    expect(include.hints.join(" ")).toMatch(/put the included file's SQL in this file/);
    expect(inputError("SELECT 1;\n\n  \\connect other").message).toMatch(/^m\.sql:3:3: psql meta-command \\connect/);
    expect(inputError("\\set x 1\nSELECT :x;").hints.join(" ")).toMatch(/psql variables/);
    expect(inputError("SELECT 1 \\gset\n").message).toMatch(/^m\.sql:1:10: psql meta-command \\gset/);
  });

  it("refuses unterminated quotes, dollar quotes and comments where they begin", () => {
    expect(inputError("SELECT 1;\nSELECT 'abc;\n").message).toMatch(/^m\.sql:2:8: quoted string without its closing quote/);
    expect(inputError('SELECT "abc;').message).toMatch(/^m\.sql:1:8: quoted identifier/);
    expect(inputError("SELECT 1;\nDO $x$ BEGIN END $y$;").message).toMatch(/^m\.sql:2:4: dollar-quoted string without its closing \$x\$/);
    expect(inputError("SELECT 1; /* a /* b */").message).toMatch(/^m\.sql:1:11: comment/);
    expect(inputError("SELECT E'a\\';").message).toMatch(/^m\.sql:1:8: quoted string/);
  });

  it("marks the statements PostgreSQL refuses to run in a transaction block", () => {
    const sql = [
      "CREATE INDEX CONCURRENTLY i ON t (a);",
      "create unique index concurrently if not exists j on t (b);",
      "DROP INDEX CONCURRENTLY i;",
      "REINDEX (VERBOSE) TABLE CONCURRENTLY t;",
      "REINDEX TABLE t;",
      "VACUUM ANALYZE t;",
      "ANALYZE t;",
      "CREATE DATABASE d;",
      "ALTER SYSTEM SET work_mem = '8MB';",
      "CLUSTER;",
      "CLUSTER t USING i;",
      "CREATE INDEX i2 ON t (a);",
      "ALTER TABLE p DETACH PARTITION c CONCURRENTLY;",
    ].join("\n");
    expect(splitSql(sql, "m.sql").map((s) => s.refusesTransaction)).toEqual([
      true,
      true,
      true,
      true,
      false,
      true,
      false,
      true,
      true,
      true,
      false,
      false,
      true,
    ]);
  });

  it("marks statements that open or end a transaction", () => {
    const sql = "BEGIN; START TRANSACTION; SAVEPOINT s; ROLLBACK TO s; COMMIT; END; ROLLBACK; ABORT; COMMIT PREPARED 'x';";
    expect(splitSql(sql, "m.sql").map((s) => s.transactionControl)).toEqual([
      "begin",
      "begin",
      undefined,
      undefined,
      "end",
      "end",
      "end",
      "end",
      undefined,
    ]);
  });

  it("counts columns in characters, not UTF-16 units", () => {
    expect(where("SELECT '😀'; SELECT 2;")).toEqual([
      [1, 1],
      [1, 13],
    ]);
  });
});
