// Publications and typed tables without a server: what the diff writes for
// renames, dropped and inherited tables, and what a file in Pyrseas's dialect
// (which has neither) leaves alone.
import { describe, expect, it } from "vitest";
import type { Database } from "@pgvc/model";
import { readSchemaYaml } from "@pgvc/yaml";
import { diffSchemas, keepUndescribed, parseRenameHint, toSql } from "@pgvc/diff";

const table = (extra: Record<string, unknown> = {}) => ({ columns: [{ name: "id", type: "integer" }], ...extra });

function model(publications: Database["publications"], tables: Record<string, unknown> = { a: table(), b: table() }): Database {
  return { schemas: { app: { tables: tables as never } }, publications };
}

describe("publications", () => {
  it("are renamed with a hint, not dropped and created", () => {
    const from = model({ feed: { tables: [{ name: "app.a" }] } });
    const to = model({ stream: { tables: [{ name: "app.a" }] } });
    expect(toSql(diffSchemas(from, to, { renames: [parseRenameHint("publication:feed=stream")] }))).toBe(
      "ALTER PUBLICATION feed RENAME TO stream;\n",
    );
  });

  it("never name a table the migration drops: SET names those that stay, DROP TABLE takes it out", () => {
    const from = model({ feed: { tables: [{ name: "app.a" }, { name: "app.b" }] } });
    const to = model({ feed: { tables: [{ name: "app.a" }] } }, { a: table() });
    expect(toSql(diffSchemas(from, to))).toBe("DROP TABLE app.b;\n");
  });

  it("name a table with ONLY when other tables inherit from it (they would join too)", () => {
    const tables = { a: table(), b: table({ inherits: ["a"] }) };
    const sql = toSql(diffSchemas(model(undefined, tables), model({ feed: { tables: [{ name: "app.a" }] } }, tables)));
    expect(sql).toBe("CREATE PUBLICATION feed FOR TABLE ONLY app.a;\n");
  });

  it("change the operations published and the tables in one SET each", () => {
    const from = model({ feed: { tables: [{ name: "app.a" }] } });
    const to = model({ feed: { tables: [{ name: "app.b", columns: ["id"], where: "(id > 0)" }], publish: ["insert"] } });
    expect(toSql(diffSchemas(from, to))).toBe(
      "ALTER PUBLICATION feed SET TABLE app.b (id) WHERE (id > 0);\nALTER PUBLICATION feed SET (publish = 'insert');\n",
    );
  });
});

describe("a file in Pyrseas's dialect", () => {
  const database: Database = {
    schemas: {
      app: { tables: { home: table({ of_type: "app.address" }) }, types: { address: { attributes: [{ name: "id", type: "integer" }] } } },
    },
    publications: { feed: { tables: [{ name: "app.home" }] } },
  };
  const pyrseas =
    "schema app:\n  table home:\n    columns:\n    - id:\n        type: integer\n  type address:\n    attributes:\n    - id:\n        type: integer\n";

  it("keeps the database's publications and typed tables, which it cannot describe", () => {
    const { target, kept } = keepUndescribed(readSchemaYaml(pyrseas, "schema.yaml"), database);
    expect(kept).toEqual(expect.arrayContaining(["publication feed", "OF type on app.home"]));
    expect(toSql(diffSchemas(database, target))).toBe("");
  });

  it("is pgvc's as soon as it holds a publication", () => {
    const file = `${pyrseas}publication feed:\n  tables:\n  - app.home: {}\n`;
    const { target, kept } = keepUndescribed(readSchemaYaml(file, "schema.yaml"), database);
    expect(kept).toEqual([]);
    expect(toSql(diffSchemas(database, target))).toBe("ALTER TABLE app.home NOT OF;\n");
  });
});
