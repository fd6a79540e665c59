import { describe, expect, it } from "vitest";
import { roundTrip } from "./roundtrip.js";

const text = async (before: string, after: string) => (await roundTrip(before, after)).sql.join(";\n");
const types = `CREATE SCHEMA app; CREATE TYPE app.mood AS ENUM ('ok', 'bad');
  CREATE FUNCTION app.mood_score(app.mood) RETURNS integer LANGUAGE sql IMMUTABLE AS $$SELECT CASE WHEN $1 = 'ok' THEN 1 ELSE 0 END$$;`;

describe("casts", () => {
  it("creates casts with a function, WITH INOUT and WITHOUT FUNCTION, after their types", async () => {
    const sql = await text(
      "CREATE SCHEMA app;",
      `${types}
       CREATE CAST (app.mood AS integer) WITH FUNCTION app.mood_score(app.mood) AS ASSIGNMENT;
       CREATE CAST (app.mood AS text) WITH INOUT AS IMPLICIT;
       CREATE DOMAIN app.word AS text; CREATE TYPE app.pair AS (a integer, b integer);
       CREATE CAST (app.pair AS app.mood) WITH INOUT;
       COMMENT ON CAST (app.mood AS integer) IS 'a score';`,
    );
    expect(sql).toContain("CREATE CAST (app.mood AS integer) WITH FUNCTION app.mood_score(app.mood) AS ASSIGNMENT");
    expect(sql).toContain("CREATE CAST (app.mood AS text) WITH INOUT AS IMPLICIT");
    expect(sql).toContain("CREATE CAST (app.pair AS app.mood) WITH INOUT");
    expect(sql).toContain("COMMENT ON CAST (app.mood AS integer) IS 'a score'");
    expect(sql.indexOf("CREATE TYPE app.mood")).toBeLessThan(sql.indexOf("CREATE CAST (app.mood AS text)"));
    expect(sql.indexOf("CREATE FUNCTION app.mood_score")).toBeLessThan(sql.indexOf("CREATE CAST (app.mood AS integer)"));
  });

  it("re-creates a cast whose context changed, and drops one before its function", async () => {
    const cast = "CREATE CAST (app.mood AS integer) WITH FUNCTION app.mood_score(app.mood)";
    expect(await text(`${types} ${cast};`, `${types} ${cast} AS IMPLICIT;`)).toBe(
      "DROP CAST (app.mood AS integer);\nCREATE CAST (app.mood AS integer) WITH FUNCTION app.mood_score(app.mood) AS IMPLICIT",
    );
    const dropped = await text(`${types} ${cast};`, "CREATE SCHEMA app;");
    expect(dropped.indexOf("DROP CAST (app.mood AS integer)")).toBe(0);
  });
});
