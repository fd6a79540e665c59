import { describe, expect, it } from "vitest";
import { roundTrip } from "./roundtrip.js";

// Objects of the rarer kinds that hold on to a function or type which the
// migration drops and creates again are dropped first and created again
// after it, with nothing else changed about them.
const text = async (before: string, after: string) => (await roundTrip(before, after)).sql.join(";\n");

describe("re-created with what they depend on", () => {
  it("an operator and an aggregate whose function is re-created (its argument names changed)", async () => {
    const objects = `CREATE OPERATOR app.=== (FUNCTION = app.same, LEFTARG = integer, RIGHTARG = integer);
      CREATE AGGREGATE app.total(integer) (SFUNC = app.plus, STYPE = integer);`;
    const fn = (a: string, b: string) => `CREATE SCHEMA app;
      CREATE FUNCTION app.same(${a} integer, ${b} integer) RETURNS boolean LANGUAGE sql IMMUTABLE AS 'SELECT $1 = $2';
      CREATE FUNCTION app.plus(${a} integer, ${b} integer) RETURNS integer LANGUAGE sql IMMUTABLE AS 'SELECT $1 + $2';`;
    const sql = await text(`${fn("a", "b")} ${objects}`, `${fn("x", "y")} ${objects}`);
    expect(sql.indexOf("DROP OPERATOR app.===")).toBeLessThan(sql.indexOf("DROP FUNCTION app.same"));
    expect(sql.indexOf("DROP AGGREGATE app.total(integer)")).toBeLessThan(sql.indexOf("DROP FUNCTION app.plus"));
    expect(sql.indexOf("CREATE FUNCTION app.same")).toBeLessThan(sql.indexOf("CREATE OPERATOR app.==="));
  });

  it("a cast and a text search configuration whose function or dictionary is re-created", async () => {
    const fn = (arg: string) => `CREATE SCHEMA app; CREATE TYPE app.mood AS ENUM ('ok');
      CREATE FUNCTION app.score(${arg} app.mood) RETURNS integer LANGUAGE sql IMMUTABLE AS 'SELECT 1';`;
    const cast = "CREATE CAST (app.mood AS integer) WITH FUNCTION app.score(app.mood);";
    const dict = (template: string) => `CREATE TEXT SEARCH DICTIONARY app.d (TEMPLATE = ${template});
      CREATE TEXT SEARCH CONFIGURATION app.c (PARSER = default); ALTER TEXT SEARCH CONFIGURATION app.c ADD MAPPING FOR word WITH app.d;`;
    const sql = await text(
      `${fn("m")} ${cast} ${dict("simple")}`,
      `${fn("n")} ${cast} ${dict("ispell")}`.replace("ispell", "snowball, language = english"),
    );
    expect(sql.indexOf("DROP CAST (app.mood AS integer)")).toBeLessThan(sql.indexOf("DROP FUNCTION app.score"));
    expect(sql.indexOf("DROP TEXT SEARCH CONFIGURATION app.c")).toBeLessThan(sql.indexOf("DROP TEXT SEARCH DICTIONARY app.d"));
  });
});
