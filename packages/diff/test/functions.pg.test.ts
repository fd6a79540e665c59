// Functions and procedures: every pair is migrated on a real server and read
// back (roundTrip); the statements are written by hand from PostgreSQL's
// documentation of CREATE / ALTER FUNCTION.
import { describe, expect, it } from "vitest";
import { ensureRole, testServerUrl } from "@pgvc/testkit";
import { argumentTypes, dollarQuote, renderSetting } from "../src/kinds/functions.js";
import { roundTrip } from "./roundtrip.js";

const schema = "CREATE SCHEMA app;\n";
const add = `${schema}CREATE FUNCTION app.add(a integer, b integer) RETURNS integer
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE COST 5 AS 'SELECT a + b';`;

describe("functions", () => {
  it("creates a function with its attributes", async () => {
    const { sql } = await roundTrip(schema, add);
    expect(sql).toEqual([
      "CREATE FUNCTION app.add(a integer, b integer)\n    RETURNS integer\n    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE COST 5\n    AS $$SELECT a + b$$",
    ]);
  });

  it("drops a function by its argument types", async () => {
    const { sql } = await roundTrip(add, schema);
    expect(sql).toEqual(["DROP FUNCTION app.add(integer, integer)"]);
  });

  it("alters volatility, strictness, leakproofness, parallel safety and cost in one ALTER FUNCTION", async () => {
    const before = `${schema}CREATE FUNCTION app.f(n integer) RETURNS integer LANGUAGE sql AS 'SELECT n';`;
    const after = `${schema}CREATE FUNCTION app.f(n integer) RETURNS integer LANGUAGE sql
      STABLE STRICT LEAKPROOF PARALLEL RESTRICTED COST 10 AS 'SELECT n';`;
    expect((await roundTrip(before, after)).sql).toEqual([
      "ALTER FUNCTION app.f(integer) STABLE STRICT LEAKPROOF PARALLEL RESTRICTED COST 10",
    ]);
    expect((await roundTrip(after, before)).sql).toEqual([
      "ALTER FUNCTION app.f(integer) VOLATILE CALLED ON NULL INPUT NOT LEAKPROOF PARALLEL UNSAFE COST 100",
    ]);
  });

  it("alters the row estimate of a set-returning function", async () => {
    const f = (rows: string) => `${schema}CREATE FUNCTION app.nums() RETURNS SETOF integer LANGUAGE sql ${rows} AS 'SELECT 1';`;
    expect((await roundTrip(f("ROWS 10"), f("ROWS 50"))).sql).toEqual(["ALTER FUNCTION app.nums() ROWS 50"]);
    expect((await roundTrip(f("ROWS 10"), f(""))).sql).toEqual(["ALTER FUNCTION app.nums() ROWS 1000"]);
  });

  it("sets, changes and resets configuration parameters and SECURITY DEFINER", async () => {
    const plain = `${schema}CREATE FUNCTION app.f() RETURNS integer LANGUAGE sql AS 'SELECT 1';`;
    const configured = `${schema}CREATE FUNCTION app.f() RETURNS integer LANGUAGE sql SECURITY DEFINER
      SET search_path = app, pg_catalog SET work_mem = '64MB' AS 'SELECT 1';`;
    const changed = `${schema}CREATE FUNCTION app.f() RETURNS integer LANGUAGE sql SECURITY DEFINER
      SET search_path = "$user", pg_catalog AS 'SELECT 1';`;
    expect((await roundTrip(plain, configured)).sql).toEqual([
      "ALTER FUNCTION app.f() SECURITY DEFINER",
      "ALTER FUNCTION app.f() SET search_path TO 'app', 'pg_catalog'",
      "ALTER FUNCTION app.f() SET work_mem TO '64MB'",
    ]);
    expect((await roundTrip(configured, changed)).sql).toEqual([
      "ALTER FUNCTION app.f() RESET work_mem",
      "ALTER FUNCTION app.f() SET search_path TO '$user', 'pg_catalog'",
    ]);
    expect((await roundTrip(changed, plain)).sql).toEqual([
      "ALTER FUNCTION app.f() SECURITY INVOKER",
      "ALTER FUNCTION app.f() RESET search_path",
    ]);
    // Created from nothing, the settings are part of CREATE FUNCTION.
    expect((await roundTrip(schema, configured)).sql).toEqual([
      "CREATE FUNCTION app.f()\n    RETURNS integer\n    LANGUAGE sql VOLATILE SECURITY DEFINER\n" +
        "    SET search_path TO 'app', 'pg_catalog'\n    SET work_mem TO '64MB'\n    AS $$SELECT 1$$",
    ]);
  });

  it("replaces a changed body or language with CREATE OR REPLACE, keeping the comment", async () => {
    const comment = "COMMENT ON FUNCTION app.f(integer) IS 'doubles';";
    const before = `${schema}CREATE FUNCTION app.f(n integer) RETURNS integer LANGUAGE sql STABLE AS 'SELECT n * 2';${comment}`;
    const after = `${schema}CREATE FUNCTION app.f(n integer) RETURNS integer LANGUAGE plpgsql STABLE AS $x$BEGIN RETURN n + n; END$x$;${comment}`;
    expect((await roundTrip(before, after)).sql).toEqual([
      "CREATE OR REPLACE FUNCTION app.f(n integer)\n    RETURNS integer\n    LANGUAGE plpgsql STABLE\n    AS $$BEGIN RETURN n + n; END$$",
    ]);
  });

  it("quotes a body holding $$ with another tag", async () => {
    const after = `${schema}CREATE FUNCTION app.money() RETURNS text LANGUAGE sql AS $q$SELECT '$$'::text$q$;`;
    const { sql } = await roundTrip(schema, after);
    expect(sql[0]).toContain("AS $body$SELECT '$$'::text$body$");
  });

  it("creates SQL-standard bodies as written (RETURN, BEGIN ATOMIC)", async () => {
    const after = `${schema}CREATE TABLE app.t (n integer);
      CREATE FUNCTION app.one() RETURNS integer LANGUAGE sql IMMUTABLE RETURN 1;
      CREATE FUNCTION app.total() RETURNS bigint LANGUAGE sql BEGIN ATOMIC SELECT sum(n) FROM app.t; END;`;
    const { sql } = await roundTrip(schema, after);
    expect(sql.find((s) => s.includes("app.one"))).toMatch(/RETURN 1$/);
    expect(sql.find((s) => s.includes("app.total"))).toMatch(/BEGIN ATOMIC[\s\S]*END$/);
    expect(sql.indexOf("CREATE TABLE app.t (\n    n integer\n)")).toBeLessThan(sql.findIndex((s) => s.includes("app.total")));
  });

  it("creates a C function from its library and symbol", async () => {
    const after = `${schema}CREATE FUNCTION app.handler() RETURNS language_handler LANGUAGE c AS '$libdir/plpgsql', 'plpgsql_call_handler';`;
    const { sql } = await roundTrip(schema, after);
    expect(sql).toEqual([
      "CREATE FUNCTION app.handler()\n    RETURNS language_handler\n    LANGUAGE c VOLATILE\n    AS '$libdir/plpgsql', 'plpgsql_call_handler'",
    ]);
  });

  it("drops and creates a function whose result type changes, with the view and the policy that use it", async () => {
    const common = `${schema}CREATE TABLE app.item (id integer, price numeric);
      ALTER TABLE app.item ENABLE ROW LEVEL SECURITY;`;
    const before = `${common}
      CREATE FUNCTION app.cheap(p numeric) RETURNS boolean LANGUAGE sql IMMUTABLE AS 'SELECT p < 10';
      CREATE VIEW app.cheap_item AS SELECT id FROM app.item WHERE app.cheap(price);
      CREATE POLICY only_cheap ON app.item USING (app.cheap(price));`;
    const after = `${common}
      CREATE FUNCTION app.cheap(p numeric) RETURNS integer LANGUAGE sql IMMUTABLE AS 'SELECT (p < 10)::integer';
      CREATE VIEW app.cheap_item AS SELECT id FROM app.item WHERE app.cheap(price) = 1;
      CREATE POLICY only_cheap ON app.item USING (app.cheap(price) = 1);`;
    const { sql } = await roundTrip(before, after);
    const at = (prefix: string) => sql.findIndex((s) => s.startsWith(prefix));
    expect(at("DROP VIEW app.cheap_item")).toBeGreaterThanOrEqual(0);
    expect(at("DROP POLICY only_cheap ON app.item")).toBeLessThan(at("DROP FUNCTION app.cheap(numeric)"));
    expect(at("DROP VIEW app.cheap_item")).toBeLessThan(at("DROP FUNCTION app.cheap(numeric)"));
    expect(at("DROP FUNCTION app.cheap(numeric)")).toBeLessThan(at("CREATE FUNCTION app.cheap(p numeric)"));
    expect(at("CREATE FUNCTION app.cheap(p numeric)")).toBeLessThan(at("CREATE VIEW app.cheap_item"));
    expect(at("CREATE FUNCTION app.cheap(p numeric)")).toBeLessThan(at("CREATE POLICY only_cheap"));
  });

  it("takes a column default off while its function is dropped and created, and the check constraint calling one", async () => {
    const t = (ret: string, ok: string) => `${schema}CREATE FUNCTION app.next_code() RETURNS ${ret} LANGUAGE sql AS 'SELECT 1';
      CREATE FUNCTION app.ok(n integer) RETURNS ${ok} LANGUAGE sql IMMUTABLE AS 'SELECT ${ok === "boolean" ? "n > 0" : "1"}';
      CREATE TABLE app.t (id integer, code integer DEFAULT app.next_code() CHECK (app.ok(code)${ok === "boolean" ? "" : " = 1"}));`;
    const { sql } = await roundTrip(t("integer", "boolean"), t("bigint", "integer"));
    const at = (text: string) => sql.findIndex((s) => s.startsWith(text));
    const dropDefault = at("ALTER TABLE app.t ALTER COLUMN code DROP DEFAULT");
    const setDefault = sql.indexOf("ALTER TABLE app.t ALTER COLUMN code SET DEFAULT app.next_code()");
    expect(dropDefault).toBeGreaterThanOrEqual(0);
    expect(dropDefault).toBeLessThan(at("DROP FUNCTION app.next_code()"));
    expect(at("CREATE FUNCTION app.next_code()")).toBeLessThan(setDefault);
    expect(at("ALTER TABLE app.t DROP CONSTRAINT t_code_check")).toBeLessThan(at("DROP FUNCTION app.ok(integer)"));
    expect(at("CREATE FUNCTION app.ok(n integer)")).toBeLessThan(at("ALTER TABLE app.t ADD CONSTRAINT t_code_check"));
    expect(sql).toHaveLength(8);
  });

  it("drops and creates a function whose argument default is removed (OR REPLACE refuses it)", async () => {
    const f = (arg: string) => `${schema}CREATE FUNCTION app.f(${arg}) RETURNS integer LANGUAGE sql AS 'SELECT 1';`;
    expect((await roundTrip(f("n integer DEFAULT 1"), f("n integer"))).sql).toEqual([
      "DROP FUNCTION app.f(integer)",
      "CREATE FUNCTION app.f(n integer)\n    RETURNS integer\n    LANGUAGE sql VOLATILE\n    AS $$SELECT 1$$",
    ]);
  });

  it("revokes EXECUTE from PUBLIC right after CREATE, and grants", async () => {
    const role = "pgvc_fn_runner";
    await ensureRole(testServerUrl(), role);
    const after = `${schema}CREATE FUNCTION app.f() RETURNS integer LANGUAGE sql AS 'SELECT 1';
      REVOKE EXECUTE ON FUNCTION app.f() FROM PUBLIC;
      GRANT EXECUTE ON FUNCTION app.f() TO ${role};`;
    expect((await roundTrip(schema, after)).sql).toEqual([
      "CREATE FUNCTION app.f()\n    RETURNS integer\n    LANGUAGE sql VOLATILE\n    AS $$SELECT 1$$",
      "REVOKE EXECUTE ON FUNCTION app.f() FROM PUBLIC",
      `GRANT EXECUTE ON FUNCTION app.f() TO ${role}`,
    ]);
    const before = `${schema}CREATE FUNCTION app.f() RETURNS integer LANGUAGE sql AS 'SELECT 1';`;
    expect((await roundTrip(before, after)).sql).toEqual([
      "REVOKE EXECUTE ON FUNCTION app.f() FROM PUBLIC",
      `GRANT EXECUTE ON FUNCTION app.f() TO ${role}`,
    ]);
  });
});

describe("procedures", () => {
  const purge = (body: string, extra = "") => `${schema}CREATE PROCEDURE app.purge(keep integer DEFAULT 0) LANGUAGE plpgsql ${extra}
    AS $$BEGIN ${body} END$$;`;

  it("creates and drops a procedure", async () => {
    expect((await roundTrip(schema, purge("RAISE NOTICE 'a';"))).sql).toEqual([
      "CREATE PROCEDURE app.purge(keep integer DEFAULT 0)\n    LANGUAGE plpgsql\n    AS $$BEGIN RAISE NOTICE 'a'; END$$",
    ]);
    expect((await roundTrip(purge("RAISE NOTICE 'a';"), schema)).sql).toEqual(["DROP PROCEDURE app.purge(integer)"]);
  });

  it("replaces a procedure's body and alters its security and settings", async () => {
    expect((await roundTrip(purge("RAISE NOTICE 'a';"), purge("RAISE NOTICE 'b';"))).sql).toEqual([
      "CREATE OR REPLACE PROCEDURE app.purge(keep integer DEFAULT 0)\n    LANGUAGE plpgsql\n    AS $$BEGIN RAISE NOTICE 'b'; END$$",
    ]);
    const secured = purge("RAISE NOTICE 'a';", "SECURITY DEFINER SET search_path = pg_catalog");
    expect((await roundTrip(purge("RAISE NOTICE 'a';"), secured)).sql).toEqual([
      "ALTER PROCEDURE app.purge(integer) SECURITY DEFINER",
      "ALTER PROCEDURE app.purge(integer) SET search_path TO 'pg_catalog'",
    ]);
  });
});

describe("signatures", () => {
  it("keeps the argument types of identity arguments, names left out", () => {
    expect(argumentTypes("a integer, VARIADIC b text[]")).toEqual(["integer", "VARIADIC text[]"]);
    expect(argumentTypes('double precision, ts timestamp with time zone, "from" character varying(10)')).toEqual([
      "double precision",
      "timestamp with time zone",
      "character varying(10)",
    ]);
    expect(argumentTypes("IN x app.citext, OUT y integer")).toEqual(["app.citext", "OUT integer"]);
    expect(argumentTypes("")).toEqual([]);
  });

  it("quotes bodies and settings", () => {
    expect(dollarQuote("SELECT 1")).toBe("$$SELECT 1$$");
    expect(dollarQuote("a $$ b $body$")).toBe("$body1$a $$ b $body$$body1$");
    expect(renderSetting('search_path="$user", public')).toBe("SET search_path TO '$user', 'public'");
    expect(renderSetting("statement_timeout=5s")).toBe("SET statement_timeout TO '5s'");
  });
});

describe("function renames", () => {
  const f = (name: string) => `${schema}CREATE FUNCTION app.${name}(n integer) RETURNS integer LANGUAGE sql AS 'SELECT n';
    COMMENT ON FUNCTION app.${name}(integer) IS 'identity';`;

  it("renames with a hint naming the argument types", async () => {
    const { sql } = await roundTrip(f("f"), f("g"), { diff: { renames: [{ kind: "function", from: "app.f(integer)", to: "g" }] } });
    expect(sql).toEqual(["ALTER FUNCTION app.f(integer) RENAME TO g"]);
  });

  it("renames with oldname", async () => {
    const { sql } = await roundTrip(f("f"), f("g"), {
      editTarget: (to) => {
        const fn = to.schemas.app?.functions?.["g(n integer)"];
        if (fn) fn.oldname = "f";
      },
    });
    expect(sql).toEqual(["ALTER FUNCTION app.f(integer) RENAME TO g"]);
  });
});

describe("function dependencies", () => {
  it("creates the table whose row type a function's argument names before the function, without recorded dependencies (a file)", async () => {
    const after = `${schema}CREATE TABLE app.item (id integer, name text);
      CREATE FUNCTION app.label(i app.item) RETURNS text LANGUAGE plpgsql AS $$BEGIN RETURN i.name; END$$;`;
    const { sql } = await roundTrip(schema, after, { editTarget: (to) => delete to.dependencies });
    expect(sql.map((s) => s.split("\n")[0])).toEqual(["CREATE TABLE app.item (", "CREATE FUNCTION app.label(i app.item)"]);
  });
});
