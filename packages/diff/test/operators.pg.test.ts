import { describe, expect, it } from "vitest";
import { roundTrip } from "./roundtrip.js";

const schema = `CREATE SCHEMA app;
  CREATE FUNCTION app.add_state(integer, integer) RETURNS integer LANGUAGE sql IMMUTABLE AS 'SELECT $1 + $2';
  CREATE FUNCTION app.sub_state(integer, integer) RETURNS integer LANGUAGE sql IMMUTABLE AS 'SELECT $1 - $2';
  CREATE FUNCTION app.same(integer, integer) RETURNS boolean LANGUAGE sql IMMUTABLE AS 'SELECT $1 = $2';`;

const text = async (before: string, after: string) => (await roundTrip(before, after)).sql.join(";\n");

describe("aggregates", () => {
  it("creates an aggregate after its state function, with every clause", async () => {
    const sql = await text(
      schema,
      `${schema}
       CREATE AGGREGATE app.total(integer) (SFUNC = app.add_state, STYPE = integer, INITCOND = '0', PARALLEL = SAFE,
                                            COMBINEFUNC = app.add_state, MSFUNC = app.add_state, MINVFUNC = app.sub_state, MSTYPE = integer, MINITCOND = '0');
       CREATE AGGREGATE app.biggest(integer) (SFUNC = int4larger, STYPE = integer, SORTOP = >);
       COMMENT ON AGGREGATE app.total(integer) IS 'a sum';`,
    );
    expect(sql).toContain(
      "CREATE AGGREGATE app.total(integer) (SFUNC = app.add_state, STYPE = integer, INITCOND = '0', MSFUNC = app.add_state, MINVFUNC = app.sub_state, MSTYPE = integer, MINITCOND = '0', COMBINEFUNC = app.add_state, PARALLEL = SAFE)",
    );
    expect(sql).toContain("CREATE AGGREGATE app.biggest(integer) (SFUNC = int4larger, STYPE = integer, SORTOP = >)");
    expect(sql).toContain("COMMENT ON AGGREGATE app.total(integer) IS 'a sum'");
  });

  it("replaces an aggregate in place when its type and final function stay, re-creates it otherwise", async () => {
    const replaced = await text(
      `${schema} CREATE AGGREGATE app.total(integer) (SFUNC = app.add_state, STYPE = integer);`,
      `${schema} CREATE AGGREGATE app.total(integer) (SFUNC = app.add_state, STYPE = integer, INITCOND = '10');`,
    );
    expect(replaced).toBe("CREATE OR REPLACE AGGREGATE app.total(integer) (SFUNC = app.add_state, STYPE = integer, INITCOND = '10')");
    const rebuilt = await text(
      `${schema} CREATE AGGREGATE app.total(integer) (SFUNC = app.add_state, STYPE = integer);`,
      `${schema} CREATE AGGREGATE app.total(integer) (SFUNC = int8inc_any, STYPE = bigint, INITCOND = '0');`,
    );
    expect(rebuilt).toMatch(/^DROP AGGREGATE app\.total\(integer\);\nCREATE AGGREGATE app\.total\(integer\)/);
  });

  it("drops an aggregate before the function it uses", async () => {
    const sql = await text(`${schema} CREATE AGGREGATE app.total(integer) (SFUNC = app.add_state, STYPE = integer);`, "CREATE SCHEMA app;");
    expect(sql.indexOf("DROP AGGREGATE app.total(integer)")).toBeLessThan(sql.indexOf("DROP FUNCTION app.add_state"));
  });
});

describe("operators, classes and families", () => {
  const op = `CREATE OPERATOR app.=== (FUNCTION = app.same, LEFTARG = integer, RIGHTARG = integer, COMMUTATOR = OPERATOR(app.===))`;

  it("creates an operator after its function, and alters RESTRICT and JOIN in place", async () => {
    const created = await text(schema, `${schema} ${op}; COMMENT ON OPERATOR app.=== (integer, integer) IS 'same';`);
    expect(created).toContain(
      "CREATE OPERATOR app.=== (FUNCTION = app.same, LEFTARG = integer, RIGHTARG = integer, COMMUTATOR = OPERATOR(app.===))",
    );
    const altered = await text(
      `${schema} ${op};`,
      `${schema} ${op}; ALTER OPERATOR app.=== (integer, integer) SET (RESTRICT = eqsel, JOIN = eqjoinsel);`,
    );
    expect(altered).toBe("ALTER OPERATOR app.=== (integer, integer) SET (JOIN = eqjoinsel, RESTRICT = eqsel)");
  });

  it("re-creates an operator whose function changed, and drops one", async () => {
    const rebuilt = await text(
      `${schema} ${op};`,
      `${schema} CREATE OPERATOR app.=== (FUNCTION = int4eq, LEFTARG = integer, RIGHTARG = integer, HASHES, MERGES);`,
    );
    expect(rebuilt).toContain("CREATE OPERATOR app.=== (FUNCTION = int4eq, LEFTARG = integer, RIGHTARG = integer, HASHES, MERGES)");
    const dropped = await text(`${schema} ${op};`, schema);
    expect(dropped).toBe("DROP OPERATOR app.=== (integer, integer)");
  });

  it("creates a prefix operator", async () => {
    const sql = await text(schema, `${schema} CREATE OPERATOR app.~~~ (FUNCTION = int4um, RIGHTARG = integer);`);
    expect(sql).toContain("CREATE OPERATOR app.~~~ (FUNCTION = int4um, RIGHTARG = integer)");
  });

  it("creates an operator class with its operators and support function, in a named family", async () => {
    const sql = await text(
      schema,
      `${schema} CREATE OPERATOR FAMILY app.rev USING btree;
       CREATE OPERATOR CLASS app.rev_ops FOR TYPE integer USING btree FAMILY app.rev AS
         OPERATOR 1 >, OPERATOR 2 >=, OPERATOR 3 =, OPERATOR 4 <=, OPERATOR 5 <, FUNCTION 1 btint4cmp(integer, integer);
       COMMENT ON OPERATOR CLASS app.rev_ops USING btree IS 'descending';`,
    );
    expect(sql.indexOf("CREATE OPERATOR FAMILY app.rev USING btree")).toBeLessThan(sql.indexOf("CREATE OPERATOR CLASS"));
    expect(sql).toContain(
      "CREATE OPERATOR CLASS app.rev_ops FOR TYPE integer USING btree FAMILY app.rev AS OPERATOR 1 > (integer,integer), OPERATOR 2 >= (integer,integer), OPERATOR 3 = (integer,integer), OPERATOR 4 <= (integer,integer), OPERATOR 5 < (integer,integer), FUNCTION 1 btint4cmp(integer,integer)",
    );
  });

  it("creates a class whose family it makes itself, with a user operator, and drops them all", async () => {
    const objects = `${op};
      CREATE OPERATOR CLASS app.h_ops FOR TYPE integer USING hash AS OPERATOR 1 app.===, FUNCTION 1 hashint4(integer);`;
    const created = await text(schema, `${schema} ${objects}`);
    expect(created.indexOf("CREATE OPERATOR FAMILY app.h_ops USING hash")).toBeLessThan(created.indexOf("CREATE OPERATOR CLASS app.h_ops"));
    expect(created.indexOf("CREATE OPERATOR app.===")).toBeLessThan(created.indexOf("CREATE OPERATOR CLASS app.h_ops"));
    const dropped = await text(`${schema} ${objects}`, schema);
    expect(dropped.indexOf("DROP OPERATOR FAMILY IF EXISTS app.h_ops USING hash")).toBeGreaterThanOrEqual(0);
    expect(dropped.indexOf("DROP OPERATOR FAMILY IF EXISTS app.h_ops USING hash")).toBeLessThan(dropped.indexOf("DROP OPERATOR app.==="));
  });

  it("re-creates a class that becomes the default", async () => {
    const mood = `${schema} CREATE TYPE app.mood AS ENUM ('ok');`;
    const cls = "CREATE OPERATOR CLASS app.c FOR TYPE app.mood USING hash AS OPERATOR 1 = (anyenum, anyenum), FUNCTION 1 hashenum(anyenum)";
    const sql = await text(`${mood} ${cls};`, `${mood} ${cls.replace("app.c FOR", "app.c DEFAULT FOR")};`);
    expect(sql).toMatch(
      /^DROP OPERATOR FAMILY IF EXISTS app\.c USING hash;\nCREATE OPERATOR CLASS app\.c DEFAULT FOR TYPE app\.mood USING hash AS OPERATOR 1 = \(anyenum,anyenum\)/,
    );
  });

  it("creates an operator class before an index that uses it, and drops it after", async () => {
    const objects = `CREATE OPERATOR CLASS app.rev_ops FOR TYPE integer USING btree AS
        OPERATOR 1 >, OPERATOR 2 >=, OPERATOR 3 =, OPERATOR 4 <=, OPERATOR 5 <, FUNCTION 1 btint4cmp(integer, integer);
      CREATE TABLE app.t (n integer); CREATE INDEX t_rev ON app.t (n app.rev_ops);`;
    const created = await text(schema, `${schema} ${objects}`);
    expect(created.indexOf("CREATE OPERATOR CLASS app.rev_ops")).toBeLessThan(created.indexOf("CREATE INDEX t_rev"));
    const dropped = await text(`${schema} ${objects}`, schema);
    expect(dropped.indexOf("DROP TABLE app.t")).toBeLessThan(dropped.indexOf("DROP OPERATOR FAMILY IF EXISTS app.rev_ops USING btree"));
  });
});

describe("more aggregates", () => {
  it("creates and drops ordered-set, hypothetical-set and argument-less aggregates", async () => {
    const objects = `CREATE AGGREGATE app.pick(float8 ORDER BY anyelement) (SFUNC = ordered_set_transition, STYPE = internal,
        FINALFUNC = percentile_disc_final, FINALFUNC_EXTRA);
      CREATE AGGREGATE app.where_am_i(VARIADIC "any" ORDER BY VARIADIC "any") (SFUNC = ordered_set_transition_multi, STYPE = internal,
        FINALFUNC = rank_final, FINALFUNC_EXTRA, HYPOTHETICAL);
      CREATE AGGREGATE app.tally(*) (SFUNC = int8inc, STYPE = bigint, INITCOND = '0');
      REVOKE EXECUTE ON FUNCTION app.tally() FROM PUBLIC;`;
    const created = await text(schema, `${schema} ${objects}`);
    expect(created).toContain(
      "CREATE AGGREGATE app.pick(double precision ORDER BY anyelement) (SFUNC = ordered_set_transition, STYPE = internal, FINALFUNC = percentile_disc_final, FINALFUNC_EXTRA)",
    );
    expect(created).toContain("FINALFUNC_EXTRA, HYPOTHETICAL)");
    expect(created).toContain("CREATE AGGREGATE app.tally(*) (SFUNC = int8inc, STYPE = bigint, INITCOND = '0')");
    expect(created).toContain("REVOKE EXECUTE ON FUNCTION app.tally() FROM PUBLIC");
    const dropped = await text(`${schema} ${objects}`, schema);
    expect(dropped).toContain("DROP AGGREGATE app.tally(*)");
    expect(dropped).toContain("DROP AGGREGATE app.pick(double precision ORDER BY anyelement)");
  });

  it("creates an aggregate with final functions, their modes and state sizes", async () => {
    const half = "CREATE FUNCTION app.half(integer) RETURNS numeric LANGUAGE sql IMMUTABLE AS 'SELECT $1 / 2.0';";
    const sql = await text(
      `${schema} ${half}`,
      `${schema} ${half}
       CREATE AGGREGATE app.halved(integer) (SFUNC = app.add_state, STYPE = integer, SSPACE = 16, FINALFUNC = app.half, FINALFUNC_MODIFY = SHAREABLE,
         MSFUNC = app.add_state, MINVFUNC = app.sub_state, MSTYPE = integer, MSSPACE = 8, MFINALFUNC = app.half);`,
    );
    expect(sql).toContain(
      "CREATE AGGREGATE app.halved(integer) (SFUNC = app.add_state, STYPE = integer, SSPACE = 16, FINALFUNC = app.half, FINALFUNC_MODIFY = SHAREABLE, MSFUNC = app.add_state, MINVFUNC = app.sub_state, MSTYPE = integer, MSSPACE = 8, MFINALFUNC = app.half)",
    );
  });
});
