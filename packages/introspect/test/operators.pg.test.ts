import { describe, expect, it } from "vitest";
import { useTestDatabase } from "@pgvc/testkit/vitest";
import { introspectUrl, schemaFrom } from "./helpers.js";

// Expected values follow CREATE OPERATOR / OPERATOR CLASS / OPERATOR FAMILY:
// a prefix operator has no left operand (NONE), a COMMUTATOR naming a
// missing operator makes a shell (not listed), a class made without FAMILY
// gets a family of its own name.
const db = useTestDatabase();
const bare = { noOwner: true, noPrivileges: true };

describe("operators", () => {
  it("reads operators with their procedure, commutator, negator, estimators and flags", async () => {
    const schema = await schemaFrom(
      db.url,
      "ops",
      `
      CREATE FUNCTION same(integer, integer) RETURNS boolean LANGUAGE sql IMMUTABLE AS 'SELECT $1 = $2';
      CREATE FUNCTION differ(integer, integer) RETURNS boolean LANGUAGE sql IMMUTABLE AS 'SELECT $1 <> $2';
      CREATE OPERATOR === (FUNCTION = same, LEFTARG = integer, RIGHTARG = integer, COMMUTATOR = ===, NEGATOR = !==,
                           RESTRICT = eqsel, JOIN = eqjoinsel, HASHES, MERGES);
      CREATE OPERATOR !== (FUNCTION = differ, LEFTARG = integer, RIGHTARG = integer, NEGATOR = ===);
      CREATE OPERATOR ~~~ (FUNCTION = int4um, RIGHTARG = integer);
      CREATE OPERATOR <<< (FUNCTION = int4lt, LEFTARG = integer, RIGHTARG = integer, COMMUTATOR = >>>);
      COMMENT ON OPERATOR ~~~ (NONE, integer) IS 'negate';`,
      bare,
    );
    expect(schema.operators).toEqual({
      "===(integer, integer)": {
        procedure: "ops.same",
        commutator: "ops.===",
        negator: "ops.!==",
        restrict: "eqsel",
        join: "eqjoinsel",
        hashes: true,
        merges: true,
      },
      "!==(integer, integer)": { procedure: "ops.differ", negator: "ops.===" },
      "~~~(NONE, integer)": { procedure: "int4um", description: "negate" },
      // >>> is a shell: listed only as the commutator.
      "<<<(integer, integer)": { procedure: "int4lt", commutator: "ops.>>>" },
    });
  });

  it("reads operator classes with their members, and the families they live in", async () => {
    const schema = await schemaFrom(
      db.url,
      "opc",
      `
      CREATE OPERATOR FAMILY rev USING btree;
      CREATE OPERATOR CLASS rev_ops FOR TYPE integer USING btree FAMILY rev AS
        OPERATOR 1 >, OPERATOR 2 >=, OPERATOR 3 =, OPERATOR 4 <=, OPERATOR 5 <, FUNCTION 1 btint4cmp(integer, integer);
      CREATE TYPE mood AS ENUM ('ok');
      CREATE OPERATOR CLASS mood_ops DEFAULT FOR TYPE mood USING hash AS OPERATOR 1 = (anyenum, anyenum), FUNCTION 1 hashenum(anyenum);
      COMMENT ON OPERATOR FAMILY rev USING btree IS 'descending';`,
      bare,
    );
    expect(schema.operatorFamilies).toEqual({ "rev using btree": { description: "descending" }, "mood_ops using hash": {} });
    expect(schema.operatorClasses).toEqual({
      "rev_ops using btree": {
        type: "integer",
        family: "rev",
        operators: {
          1: ">(integer,integer)",
          2: ">=(integer,integer)",
          3: "=(integer,integer)",
          4: "<=(integer,integer)",
          5: "<(integer,integer)",
        },
        functions: { 1: "btint4cmp(integer,integer)" },
      },
      // Members on anyenum, not the class's type, belong to the family the class made.
      "mood_ops using hash": {
        type: "opc.mood",
        default: true,
        operators: { 1: "=(anyenum,anyenum)" },
        functions: { 1: "hashenum(anyenum)" },
      },
    });
  });

  it("records what depends on an operator class, a collation and a server under the differs' names", async () => {
    await schemaFrom(
      db.url,
      "deps",
      `
      CREATE OPERATOR CLASS rev_ops FOR TYPE integer USING btree AS
        OPERATOR 1 >, OPERATOR 2 >=, OPERATOR 3 =, OPERATOR 4 <=, OPERATOR 5 <, FUNCTION 1 btint4cmp(integer, integer);
      CREATE COLLATION ci (PROVIDER = icu, LOCALE = 'und-u-ks-level2', DETERMINISTIC = false);
      CREATE TABLE t (n integer, name text COLLATE ci);
      CREATE INDEX t_rev ON t (n rev_ops);
      CREATE FOREIGN DATA WRAPPER deps_w;
      CREATE SERVER deps_s FOREIGN DATA WRAPPER deps_w;
      CREATE FOREIGN TABLE ft (a integer) SERVER deps_s;`,
    );
    const deps = (await introspectUrl(db.url)).dependencies ?? {};
    expect(deps["index deps.t_rev"]).toContain("operator class deps.rev_ops using btree");
    expect(deps["operator class deps.rev_ops using btree"]).toContain("operator family deps.rev_ops using btree");
    expect(deps["table deps.t"]).toContain("collation deps.ci");
    expect(deps["foreign table deps.ft"]).toContain("server deps_s");
    expect(deps["server deps_s"]).toEqual(["foreign data wrapper deps_w"]);
  });
});
