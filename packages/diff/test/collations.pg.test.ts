import { describe, expect, it } from "vitest";
import { parseRenameHint } from "@pgvc/diff";
import { roundTrip } from "./roundtrip.js";

const text = async (before: string, after: string) => (await roundTrip(before, after)).sql.join(";\n");
const schema = "CREATE SCHEMA app;";

describe("collations and conversions", () => {
  it("creates libc and ICU collations, and a column that uses one after it", async () => {
    const sql = await text(
      schema,
      `${schema}
       CREATE COLLATION app.c_posix (LC_COLLATE = 'C', LC_CTYPE = 'POSIX');
       CREATE COLLATION app.ci (PROVIDER = icu, LOCALE = 'und-u-ks-level2', DETERMINISTIC = false);
       CREATE TABLE app.t (name text COLLATE app.ci);
       COMMENT ON COLLATION app.ci IS 'case-insensitive';`,
    );
    expect(sql).toContain("CREATE COLLATION app.c_posix (LC_COLLATE = 'C', LC_CTYPE = 'POSIX')");
    expect(sql).toContain("CREATE COLLATION app.ci (PROVIDER = icu, LOCALE = 'und-u-ks-level2', DETERMINISTIC = false)");
    expect(sql.indexOf("CREATE COLLATION app.ci")).toBeLessThan(sql.indexOf("CREATE TABLE app.t"));
  });

  it("re-creates a collation whose locale changed, and drops one", async () => {
    const rebuilt = await text(`${schema} CREATE COLLATION app.k (LOCALE = 'C');`, `${schema} CREATE COLLATION app.k (LOCALE = 'POSIX');`);
    expect(rebuilt).toBe("DROP COLLATION app.k;\nCREATE COLLATION app.k (LOCALE = 'POSIX')");
    expect(await text(`${schema} CREATE COLLATION app.k (LOCALE = 'C');`, schema)).toBe("DROP COLLATION app.k");
  });

  it("creates, re-creates and drops conversions", async () => {
    const conv = "CREATE CONVERSION app.l1 FOR 'LATIN1' TO 'UTF8' FROM iso8859_1_to_utf8";
    expect(await text(schema, `${schema} ${conv}; COMMENT ON CONVERSION app.l1 IS 'latin';`)).toBe(
      "CREATE CONVERSION app.l1 FOR 'LATIN1' TO 'UTF8' FROM iso8859_1_to_utf8;\nCOMMENT ON CONVERSION app.l1 IS 'latin'",
    );
    const rebuilt = await text(`${schema} ${conv};`, `${schema} ${conv.replace("CONVERSION", "DEFAULT CONVERSION")};`);
    expect(rebuilt).toBe("DROP CONVERSION app.l1;\nCREATE DEFAULT CONVERSION app.l1 FOR 'LATIN1' TO 'UTF8' FROM iso8859_1_to_utf8");
    expect(await text(`${schema} ${conv};`, schema)).toBe("DROP CONVERSION app.l1");
  });

  it("renames a collation and a conversion with a rename hint, nothing re-created", async () => {
    const { sql } = await roundTrip(
      `${schema} CREATE COLLATION app.k (LOCALE = 'C'); CREATE CONVERSION app.l1 FOR 'LATIN1' TO 'UTF8' FROM iso8859_1_to_utf8;`,
      `${schema} CREATE COLLATION app.k2 (LOCALE = 'C'); CREATE CONVERSION app.l2 FOR 'LATIN1' TO 'UTF8' FROM iso8859_1_to_utf8;`,
      { diff: { renames: [parseRenameHint("collation:app.k=k2"), parseRenameHint("conversion:app.l1=l2")] } },
    );
    expect(sql).toEqual(["ALTER COLLATION app.k RENAME TO k2", "ALTER CONVERSION app.l1 RENAME TO l2"]);
  });
});
