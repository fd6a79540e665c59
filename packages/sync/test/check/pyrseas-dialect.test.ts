// pgvc check compares the schema file with the replayed database as yamltodb
// compares it with a database: a file in Pyrseas's dialect leaves alone what
// that dialect cannot describe (policies, RLS), a file pgvc wrote does not.
import { describe, expect, it } from "vitest";
import type { Database } from "@pgvc/model";
import { readSchemaYaml } from "@pgvc/yaml";
import { compareModels } from "../../src/check/compare.js";

const built: Database = {
  schemas: {
    app: {
      tables: {
        acct: {
          columns: [{ name: "id", type: "integer", not_null: true }],
          row_level_security: true,
          policies: { own: { using: "(id > 0)" } },
        },
      },
    },
  },
};

const file = "schema app:\n  table acct:\n    columns:\n    - id:\n        not_null: true\n        type: integer\n";

describe("pgvc check and a schema file's dialect", () => {
  it("a file in Pyrseas's dialect: the migrations' policies and RLS are not differences", async () => {
    expect(await compareModels(built, readSchemaYaml(file, "schema.yaml"), { introspection: {} })).toEqual([]);
  });

  it("a file pgvc wrote (its dialect line): they are, and the check says how to drop them", async () => {
    const target = readSchemaYaml(`# pgvc schema: an attribute left out is at its default\n${file}`, "schema.yaml");
    const sql = (await compareModels(built, target, { introspection: {} })).map((s) => s.sql);
    expect(sql).toEqual(expect.arrayContaining(["DROP POLICY own ON app.acct", "ALTER TABLE app.acct DISABLE ROW LEVEL SECURITY"]));
  });
});
