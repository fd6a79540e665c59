import { describe, expect, it } from "vitest";
import type { Database } from "@pgvc/model";
import { diffSchemas } from "@pgvc/diff";

function shop(labels: string[], partitioned: boolean): Database {
  return {
    schemas: {
      app: {
        types: { mood: { labels } },
        tables: {
          t: {
            columns: [
              { name: "id", type: "integer" },
              { name: "m", type: "app.mood" },
            ],
            ...(partitioned ? { partition_by: { range: ["id"] } } : {}),
          },
          u: { columns: [{ name: "m", type: "app.mood" }] },
        },
      },
    },
  };
}

describe("alters that depend on what else the diff re-creates", () => {
  // The enum is compared before the tables, so only a second pass over the
  // alters knows that app.t is re-created (with the new type) and must not
  // be converted: its conversion is left out, app.u's kept.
  it("converts only the columns of tables that stay when an enum loses a label", () => {
    const sql = diffSchemas(shop(["happy", "sad", "meh"], false), shop(["happy", "meh"], true)).map((s) => s.sql);
    expect(sql).toEqual([
      "DROP TABLE app.t",
      "ALTER TYPE app.mood RENAME TO mood_old",
      "CREATE TYPE app.mood AS ENUM ('happy', 'meh')",
      "ALTER TABLE app.u ALTER COLUMN m TYPE app.mood USING m::text::app.mood",
      "DROP TYPE app.mood_old",
      "CREATE TABLE app.t (\n    id integer,\n    m app.mood\n) PARTITION BY RANGE (id)",
    ]);
  });

  it("converts every column when no table is re-created", () => {
    const sql = diffSchemas(shop(["happy", "sad", "meh"], false), shop(["happy", "meh"], false)).map((s) => s.sql);
    expect(sql).toEqual([
      "ALTER TYPE app.mood RENAME TO mood_old",
      "CREATE TYPE app.mood AS ENUM ('happy', 'meh')",
      "ALTER TABLE app.t ALTER COLUMN m TYPE app.mood USING m::text::app.mood",
      "ALTER TABLE app.u ALTER COLUMN m TYPE app.mood USING m::text::app.mood",
      "DROP TYPE app.mood_old",
    ]);
  });
});
