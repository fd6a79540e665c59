import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dbtoyaml } from "@pgvc/introspect";
import { ensureRole, execute, testServerUrl } from "@pgvc/testkit";
import { useTestDatabase } from "@pgvc/testkit/vitest";
import { diffCommand, yamltodb } from "@pgvc/diff";

// A file written by `dbtoyaml -O -x` names no owners and no privileges. A view
// the diff drops and creates again around a column's type change must come
// back with the owner and the grants it had in the database: the application's
// role would lose SELECT otherwise, and the verification (which leaves owners
// and privileges out, as the file does) would not notice.
const db = useTestDatabase("pgvc_recreated");
const owner = "pgvc_test_view_owner";
const reader = "pgvc_test_view_reader";

const setup = `CREATE SCHEMA app;
  CREATE TABLE app.price (id integer PRIMARY KEY, amount integer);
  CREATE VIEW app.listing AS SELECT id, amount FROM app.price;
  ALTER VIEW app.listing OWNER TO ${owner};
  GRANT SELECT ON app.listing TO ${reader};
  GRANT SELECT (amount) ON app.price TO ${reader};
  COMMENT ON VIEW app.listing IS 'what the shop shows';
  CREATE MATERIALIZED VIEW app.totals AS SELECT sum(amount) AS total FROM app.price;
  ALTER MATERIALIZED VIEW app.totals OWNER TO ${owner};
  GRANT SELECT ON app.totals TO ${reader};
  CREATE FUNCTION app.net(gross integer) RETURNS integer LANGUAGE sql IMMUTABLE AS 'SELECT $1';
  ALTER FUNCTION app.net(integer) OWNER TO ${owner};
  REVOKE EXECUTE ON FUNCTION app.net(integer) FROM PUBLIC;
  GRANT EXECUTE ON FUNCTION app.net(integer) TO ${reader}`;

const stateQuery = `SELECT c.relname, pg_catalog.pg_get_userbyid(c.relowner) AS owner, c.relacl::text AS acl,
    pg_catalog.obj_description(c.oid, 'pg_class') AS comment,
    (SELECT string_agg(a.attname || ' ' || a.attacl::text, ', ') FROM pg_catalog.pg_attribute a WHERE a.attrelid = c.oid AND a.attacl IS NOT NULL) AS columns
  FROM pg_catalog.pg_class c WHERE c.relnamespace = 'app'::regnamespace AND c.relkind IN ('r', 'v', 'm')
  UNION ALL SELECT p.proname, pg_catalog.pg_get_userbyid(p.proowner), p.proacl::text, NULL, NULL
  FROM pg_catalog.pg_proc p WHERE p.pronamespace = 'app'::regnamespace ORDER BY 1`;

/** What the objects made again (the function and the two views) get back, and nothing else. */
const madeAgain = [
  `ALTER FUNCTION app.net(integer) OWNER TO ${owner}`,
  "REVOKE EXECUTE ON FUNCTION app.net(integer) FROM PUBLIC",
  `GRANT EXECUTE ON FUNCTION app.net(integer) TO ${reader}`,
  `ALTER VIEW app.listing OWNER TO ${owner}`,
  `GRANT SELECT ON TABLE app.listing TO ${reader}`,
  `ALTER MATERIALIZED VIEW app.totals OWNER TO ${owner}`,
  `GRANT SELECT ON TABLE app.totals TO ${reader}`,
];

const state = async () => (await execute(db.url, stateQuery))[0]?.rows;
let spec: string;
const work = mkdtempSync(join(tmpdir(), "pgvc-recreated-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

beforeAll(async () => {
  await ensureRole(testServerUrl(), owner);
  await ensureRole(testServerUrl(), reader);
  await execute(db.url, setup);
  spec = (await dbtoyaml({ connection: { dbname: db.url }, noOwner: true, noPrivileges: true })).yaml as string;
  expect(spec).not.toContain(owner);
});

describe("objects made again keep what a -O -x file does not name", () => {
  it("--revert of an unchanged -O -x file prints nothing", async () => {
    const result = await yamltodb({ connection: { dbname: db.url }, spec: "-", stdin: async () => spec, revert: true });
    expect(result.sql).toBe("");
  });

  it("views re-created around a column's type change, and a function whose argument is renamed, keep their owner, grants and comment", async () => {
    const before = await state();
    // The column's type (the views go and come back) and the function's argument name (it is dropped and created).
    const changed = spec.replace(/(- amount:\n\s+type: )integer/g, "$1bigint").replace("gross integer", "amount integer");
    expect(changed).toContain("amount integer");
    expect(changed).not.toBe(spec);
    const printed = await yamltodb({ connection: { dbname: db.url }, spec: "-", stdin: async () => changed });
    expect(printed.sql).toContain("DROP VIEW app.listing");
    expect(printed.sql).toContain(`ALTER VIEW app.listing OWNER TO ${owner}`);
    expect(printed.sql).toContain(`GRANT SELECT ON TABLE app.listing TO ${reader}`);
    const applied = await yamltodb({ connection: { dbname: db.url }, spec: "-", stdin: async () => changed, update: true });
    expect(applied.statements.length).toBeGreaterThan(0);
    expect(await state()).toEqual(before);
    const types = await execute(
      db.url,
      "SELECT pg_catalog.format_type(atttypid, atttypmod) AS t FROM pg_catalog.pg_attribute WHERE attrelid = 'app.listing'::regclass AND attname = 'amount'",
    );
    expect(types[0]?.rows).toEqual([{ t: "bigint" }]);
  });

  it("--revert from the old -O -x file to the changed database re-creates the views and the function with their owner and grants", async () => {
    // --revert: the SQL that turns a database as the file describes it into this one.
    const result = await yamltodb({ connection: { dbname: db.url }, spec: "-", stdin: async () => spec, revert: true });
    expect(result.sql).toContain("ALTER TABLE app.price ALTER COLUMN amount TYPE bigint");
    expect(result.sql).toContain(`ALTER VIEW app.listing OWNER TO ${owner}`);
    expect(result.sql).toContain(`GRANT SELECT ON TABLE app.listing TO ${reader}`);
    expect(result.sql.split(";\n").filter((line) => /OWNER TO|GRANT|REVOKE/.test(line))).toEqual(madeAgain);
  });

  it("pgvc diff from the -O -x file to the database compares no owners either: only the objects made again get theirs", async () => {
    const file = join(work, "schema.yaml");
    writeFileSync(file, spec);
    const result = await diffCommand({ from: file, to: db.url, connection: {} });
    expect(result.sql).toContain("ALTER TABLE app.price ALTER COLUMN amount TYPE bigint");
    expect(result.sql.split(";\n").filter((line) => /OWNER TO|GRANT|REVOKE/.test(line))).toEqual(madeAgain);
  });
});
