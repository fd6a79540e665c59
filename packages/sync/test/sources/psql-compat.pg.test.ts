import { useTestDatabase } from "@pgvc/testkit/vitest";
import { describe, expect, it } from "vitest";
import { replay, rows } from "./helpers.js";

const db = useTestDatabase("sources_psql");

describe("files run as psql runs them", () => {
  it("string forms: E'' escapes, standard_conforming_strings off and back on, dollar quotes, U&''", async () => {
    const sql = [
      "CREATE TABLE str_t (n int, s text);",
      "INSERT INTO str_t VALUES (1, E'it\\'s;\\ttab'), (2, 'back\\slash;'), (3, $q$dollar; 'quoted'$q$), (4, U&'d\\0061t;');",
      "SET standard_conforming_strings = off;",
      "INSERT INTO str_t VALUES (5, 'old\\'style;');",
      "RESET standard_conforming_strings;",
      "INSERT INTO str_t VALUES (6, 'plain\\');",
      "",
    ].join("\n");
    await replay(db.url, { "m/1.sql": sql }, "m", "plain");
    expect(await rows(db.url, "SELECT n, s FROM str_t ORDER BY n")).toEqual([
      { n: 1, s: "it's;\ttab" },
      { n: 2, s: "back\\slash;" },
      { n: 3, s: "dollar; 'quoted'" },
      { n: 4, s: "dat;" },
      { n: 5, s: "old'style;" },
      { n: 6, s: "plain\\" },
    ]);
  });

  it("a SQL-standard function body with semicolons (BEGIN ATOMIC) is one statement", async () => {
    const sql = [
      "CREATE TABLE atomic_log (x int);",
      "CREATE FUNCTION atomic_f(x int) RETURNS int LANGUAGE sql",
      "BEGIN ATOMIC",
      "  INSERT INTO atomic_log VALUES (x);",
      "  SELECT CASE WHEN x > 0 THEN x ELSE -x END;",
      "END;",
      "SELECT atomic_f(-4);",
      "",
    ].join("\n");
    await replay(db.url, { "m/1.sql": sql }, "m", "plain");
    expect(
      await rows(db.url, "SELECT p.prosqlbody IS NOT NULL AS standard FROM pg_catalog.pg_proc p WHERE p.proname = 'atomic_f'"),
    ).toEqual([{ standard: true }]);
    expect(await rows(db.url, "SELECT x FROM atomic_log")).toEqual([{ x: -4 }]);
  });

  it("COPY in CSV, and data larger than one CopyData chunk", async () => {
    const many = Array.from({ length: 20000 }, (_, i) => `${i + 1}\trow number ${i + 1}`).join("\n");
    const sql = [
      "CREATE TABLE csv_t (id int, note text);",
      "COPY csv_t FROM stdin WITH (FORMAT csv, HEADER true);",
      "id,note",
      '1,"semi; colon, ""quoted"""',
      '2,"two',
      'lines"',
      "3,",
      "\\.",
      "CREATE TABLE big_t (id int, note text);",
      "COPY big_t FROM stdin;",
      many,
      "\\.",
      "",
    ].join("\n");
    await replay(db.url, { "m/1.sql": sql }, "m", "plain");
    expect(await rows(db.url, "SELECT id, note FROM csv_t ORDER BY id")).toEqual([
      { id: 1, note: 'semi; colon, "quoted"' },
      { id: 2, note: "two\nlines" },
      { id: 3, note: null },
    ]);
    expect(await rows(db.url, "SELECT count(*)::int AS n, sum(id)::int AS total, max(note) AS last FROM big_t")).toEqual([
      { n: 20000, total: 200010000, last: "row number 9999" },
    ]);
  });

  it("statements that print (COPY TO STDOUT, notices, SELECT) run and are not waited on", async () => {
    const sql = [
      "CREATE TABLE out_t (id int);",
      "COPY (SELECT 1, 'a') TO STDOUT;",
      "DO $$ BEGIN RAISE NOTICE 'hello'; END $$;",
      "SELECT * FROM generate_series(1, 3);",
      "INSERT INTO out_t VALUES (1);",
      "",
    ].join("\n");
    await replay(db.url, { "m/1.sql": sql }, "m", "plain");
    expect(await rows(db.url, "SELECT id FROM out_t")).toEqual([{ id: 1 }]);
  });
});
