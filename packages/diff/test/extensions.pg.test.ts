// Extensions and procedural languages, migrated on a real server and read back.
import { describe, expect, it } from "vitest";
import { roundTrip } from "./roundtrip.js";

const schema = "CREATE SCHEMA app;\n";
const trgmComment = "COMMENT ON EXTENSION pg_trgm IS 'text similarity measurement and index searching based on trigrams'";

describe("extensions", () => {
  it("creates an extension in its schema at its version, then what uses it", async () => {
    const after = `${schema}CREATE EXTENSION pg_trgm SCHEMA app VERSION '1.5';
      CREATE TABLE app.tag (name text);
      CREATE INDEX tag_trgm ON app.tag USING gin (name app.gin_trgm_ops);`;
    const { sql } = await roundTrip(schema, after);
    expect(sql).toEqual([
      "CREATE EXTENSION pg_trgm SCHEMA app VERSION '1.5'",
      trgmComment,
      "CREATE TABLE app.tag (\n    name text\n)",
      "CREATE INDEX tag_trgm ON app.tag USING gin (name app.gin_trgm_ops)",
    ]);
  });

  it("creates the schema before the extension in it", async () => {
    const { sql } = await roundTrip("", `${schema}CREATE EXTENSION pg_trgm SCHEMA app VERSION '1.6';`);
    expect(sql).toEqual(["CREATE SCHEMA app", "CREATE EXTENSION pg_trgm SCHEMA app VERSION '1.6'", trgmComment]);
  });

  it("updates the version and moves the extension to another schema", async () => {
    const before = `${schema}CREATE SCHEMA ext; CREATE EXTENSION pg_trgm SCHEMA app VERSION '1.5';`;
    const after = `${schema}CREATE SCHEMA ext; CREATE EXTENSION pg_trgm SCHEMA ext VERSION '1.6';`;
    expect((await roundTrip(before, after)).sql).toEqual([
      "ALTER EXTENSION pg_trgm UPDATE TO '1.6'",
      "ALTER EXTENSION pg_trgm SET SCHEMA ext",
    ]);
  });

  it("drops the objects that use an extension before the extension", async () => {
    const before = `${schema}CREATE EXTENSION citext SCHEMA app; CREATE TABLE app.person (email app.citext);`;
    expect((await roundTrip(before, schema)).sql).toEqual(["DROP TABLE app.person", "DROP EXTENSION citext"]);
  });
});

const handler = `${schema}CREATE FUNCTION app.plx_call() RETURNS language_handler LANGUAGE c AS '$libdir/plpgsql', 'plpgsql_call_handler';
CREATE FUNCTION app.plx_inline(internal) RETURNS void LANGUAGE c STRICT AS '$libdir/plpgsql', 'plpgsql_inline_handler';
CREATE FUNCTION app.plx_valid(oid) RETURNS void LANGUAGE c STRICT AS '$libdir/plpgsql', 'plpgsql_validator';
`;
const plx = `${handler}CREATE LANGUAGE plx HANDLER app.plx_call INLINE app.plx_inline VALIDATOR app.plx_valid;`;

describe("languages", () => {
  it("creates a language after its handler functions, and a function in it after the language", async () => {
    const after = `${plx}
      COMMENT ON LANGUAGE plx IS 'plpgsql again';
      CREATE FUNCTION app.two() RETURNS integer LANGUAGE plx AS $$BEGIN RETURN 2; END$$;`;
    const { sql } = await roundTrip(handler, after);
    expect(sql).toEqual([
      "CREATE LANGUAGE plx HANDLER app.plx_call INLINE app.plx_inline VALIDATOR app.plx_valid",
      "COMMENT ON LANGUAGE plx IS 'plpgsql again'",
      "CREATE FUNCTION app.two()\n    RETURNS integer\n    LANGUAGE plx VOLATILE\n    AS $$BEGIN RETURN 2; END$$",
    ]);
  });

  it("replaces a language that becomes trusted, and drops one", async () => {
    const trusted = plx.replace("CREATE LANGUAGE", "CREATE TRUSTED LANGUAGE");
    expect((await roundTrip(plx, trusted)).sql).toEqual([
      "CREATE OR REPLACE TRUSTED LANGUAGE plx HANDLER app.plx_call INLINE app.plx_inline VALIDATOR app.plx_valid",
    ]);
    expect((await roundTrip(plx, schema)).sql).toEqual([
      "DROP LANGUAGE plx",
      "DROP FUNCTION app.plx_call()",
      "DROP FUNCTION app.plx_inline(internal)",
      "DROP FUNCTION app.plx_valid(oid)",
    ]);
  });
});

describe("language renames and privileges", () => {
  it("renames a trusted language (oldname) and revokes USAGE from PUBLIC", async () => {
    const trusted = plx.replace("CREATE LANGUAGE", "CREATE TRUSTED LANGUAGE");
    const after = `${trusted.replace("LANGUAGE plx", "LANGUAGE ply")} REVOKE USAGE ON LANGUAGE ply FROM PUBLIC;`;
    const { sql } = await roundTrip(trusted, after, {
      editTarget: (to) => {
        const language = to.languages?.ply;
        if (language) (language as { oldname?: string }).oldname = "plx";
      },
    });
    expect(sql).toEqual(["ALTER LANGUAGE plx RENAME TO ply", "REVOKE USAGE ON LANGUAGE ply FROM PUBLIC"]);
  });
});
