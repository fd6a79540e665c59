import { describe, expect, it } from "vitest";
import { execute } from "@pgvc/testkit";
import { useTestDatabase } from "@pgvc/testkit/vitest";
import { introspectUrl } from "./helpers.js";

// Expected values follow CREATE CAST: WITH FUNCTION / WITH INOUT / WITHOUT
// FUNCTION give the method, AS ASSIGNMENT / AS IMPLICIT the context
// (explicit by default). Built-in casts are never listed, nor the cast from
// a range to its multirange that CREATE TYPE ... AS RANGE makes.
const db = useTestDatabase();

describe("casts", () => {
  it("reads user casts keyed by their types, and no built-in one", async () => {
    await execute(
      db.url,
      `
      CREATE SCHEMA app;
      CREATE TYPE app.mood AS ENUM ('ok', 'bad');
      CREATE FUNCTION app.mood_score(app.mood) RETURNS integer LANGUAGE sql IMMUTABLE AS $$SELECT 1$$;
      CREATE DOMAIN app.word AS text;
      CREATE TYPE app.pair AS (a integer, b integer);
      CREATE CAST (app.mood AS integer) WITH FUNCTION app.mood_score(app.mood) AS ASSIGNMENT;
      CREATE CAST (app.mood AS text) WITH INOUT AS IMPLICIT;
      CREATE CAST (app.pair AS app.mood) WITH INOUT;
      CREATE TYPE app.tiny AS (v integer);
      CREATE TYPE app.span AS RANGE (SUBTYPE = float8);
      COMMENT ON CAST (app.mood AS integer) IS 'a score';`,
    );
    const model = await introspectUrl(db.url, { noOwner: true, noPrivileges: true });
    expect(model.casts).toEqual({
      "(app.mood as integer)": { function: "app.mood_score(app.mood)", context: "assignment", method: "function", description: "a score" },
      "(app.mood as text)": { context: "implicit", method: "inout" },
      "(app.pair as app.mood)": { context: "explicit", method: "inout" },
    });
  });
});
