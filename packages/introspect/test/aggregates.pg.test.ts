import { describe, expect, it } from "vitest";
import { useTestDatabase } from "@pgvc/testkit/vitest";
import { schemaFrom } from "./helpers.js";

// Expected values follow CREATE AGGREGATE's documentation: unset clauses are
// absent, functions print as regproc does (bare in pg_catalog), types as
// format_type, FINALFUNC_MODIFY defaults to READ_ONLY (READ_WRITE for
// ordered-set aggregates), PARALLEL to UNSAFE.
const db = useTestDatabase();
const bare = { noOwner: true, noPrivileges: true };

describe("aggregates", () => {
  it("reads every clause of CREATE AGGREGATE, leaving defaults out", async () => {
    const schema = await schemaFrom(
      db.url,
      "agg",
      `
      CREATE FUNCTION add_state(integer, integer) RETURNS integer LANGUAGE sql IMMUTABLE AS 'SELECT $1 + $2';
      CREATE FUNCTION sub_state(integer, integer) RETURNS integer LANGUAGE sql IMMUTABLE AS 'SELECT $1 - $2';
      CREATE FUNCTION half(integer) RETURNS numeric LANGUAGE sql IMMUTABLE AS 'SELECT $1 / 2.0';
      CREATE AGGREGATE total(integer) (SFUNC = add_state, STYPE = integer, INITCOND = '0', FINALFUNC = half,
        FINALFUNC_MODIFY = SHAREABLE, SSPACE = 16, COMBINEFUNC = add_state, PARALLEL = SAFE,
        MSFUNC = add_state, MINVFUNC = sub_state, MSTYPE = integer, MINITCOND = '0', MSSPACE = 8, MFINALFUNC = half);
      CREATE AGGREGATE biggest(integer) (SFUNC = int4larger, STYPE = integer, SORTOP = >);
      CREATE AGGREGATE plain(*) (SFUNC = int8inc, STYPE = bigint, INITCOND = '0');
      COMMENT ON AGGREGATE total(integer) IS 'a sum';`,
      bare,
    );
    expect(schema.aggregates).toEqual({
      "total(integer)": {
        sfunc: "agg.add_state",
        stype: "integer",
        sspace: 16,
        finalfunc: "agg.half",
        finalfunc_modify: "shareable",
        initcond: "0",
        msfunc: "agg.add_state",
        minvfunc: "agg.sub_state",
        mstype: "integer",
        msspace: 8,
        mfinalfunc: "agg.half",
        minitcond: "0",
        combinefunc: "agg.add_state",
        parallel: "safe",
        description: "a sum",
      },
      "biggest(integer)": { sfunc: "int4larger", stype: "integer", sortop: ">" },
      "plain(*)": { sfunc: "int8inc", stype: "bigint", initcond: "0" },
    });
    // Aggregates are not functions.
    expect(Object.keys(schema.functions ?? {}).sort()).toEqual([
      "add_state(integer, integer)",
      "half(integer)",
      "sub_state(integer, integer)",
    ]);
  });

  it("reads ordered-set and hypothetical-set aggregates with their direct arguments", async () => {
    const schema = await schemaFrom(
      db.url,
      "oagg",
      `
      CREATE AGGREGATE pick(float8 ORDER BY anyelement) (SFUNC = ordered_set_transition, STYPE = internal,
        FINALFUNC = percentile_disc_final, FINALFUNC_EXTRA);
      CREATE AGGREGATE where_am_i(VARIADIC "any" ORDER BY VARIADIC "any") (SFUNC = ordered_set_transition_multi, STYPE = internal,
        FINALFUNC = rank_final, FINALFUNC_EXTRA, HYPOTHETICAL);`,
      bare,
    );
    expect(schema.aggregates).toEqual({
      "pick(double precision ORDER BY anyelement)": {
        sfunc: "ordered_set_transition",
        stype: "internal",
        finalfunc: "percentile_disc_final",
        finalfunc_extra: true,
        kind: "ordered",
      },
      'where_am_i(VARIADIC "any" ORDER BY VARIADIC "any")': {
        sfunc: "ordered_set_transition_multi",
        stype: "internal",
        finalfunc: "rank_final",
        finalfunc_extra: true,
        kind: "hypothetical",
      },
    });
  });
});
