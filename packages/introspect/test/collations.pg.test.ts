import { describe, expect, it } from "vitest";
import { useTestDatabase } from "@pgvc/testkit/vitest";
import { schemaFrom, serverVersionNum } from "./helpers.js";

// Expected values follow CREATE COLLATION and CREATE CONVERSION: LOCALE sets
// both LC_COLLATE and LC_CTYPE; an ICU collation has one locale (stored in a
// column that moved between releases); built-in collations and conversions
// live in pg_catalog and are never listed.
const db = useTestDatabase();
const bare = { noOwner: true, noPrivileges: true };

describe("collations", () => {
  it("reads libc and ICU collations, with determinism and comments", async () => {
    const schema = await schemaFrom(
      db.url,
      "coll",
      `
      CREATE COLLATION c_posix (LC_COLLATE = 'C', LC_CTYPE = 'POSIX');
      CREATE COLLATION plain (LOCALE = 'C');
      CREATE COLLATION ci (PROVIDER = icu, LOCALE = 'und-u-ks-level2', DETERMINISTIC = false);
      COMMENT ON COLLATION ci IS 'case-insensitive';`,
      bare,
    );
    expect(schema.collations).toEqual({
      c_posix: { lc_collate: "C", lc_ctype: "POSIX" },
      ci: {
        lc_collate: "und-u-ks-level2",
        lc_ctype: "und-u-ks-level2",
        provider: "icu",
        deterministic: false,
        description: "case-insensitive",
      },
      plain: { lc_collate: "C", lc_ctype: "C" },
    });
  });

  it("reads a builtin-provider collation (PostgreSQL 17+)", async () => {
    if ((await serverVersionNum(db.url)) < 170000) return;
    const schema = await schemaFrom(db.url, "collb", "CREATE COLLATION b (PROVIDER = builtin, LOCALE = 'C');", bare);
    expect(schema.collations).toEqual({ b: { lc_collate: "C", lc_ctype: "C", provider: "builtin" } });
  });
});

describe("conversions", () => {
  it("reads encodings, the function and DEFAULT", async () => {
    const schema = await schemaFrom(
      db.url,
      "conv",
      `
      CREATE CONVERSION l1 FOR 'LATIN1' TO 'UTF8' FROM iso8859_1_to_utf8;
      CREATE DEFAULT CONVERSION u8 FOR 'UTF8' TO 'LATIN1' FROM utf8_to_iso8859_1;
      COMMENT ON CONVERSION l1 IS 'latin';`,
      bare,
    );
    expect(schema.conversions).toEqual({
      l1: { source_encoding: "LATIN1", dest_encoding: "UTF8", function: "iso8859_1_to_utf8", description: "latin" },
      u8: { source_encoding: "UTF8", dest_encoding: "LATIN1", function: "utf8_to_iso8859_1", default: true },
    });
  });
});
