// pgvc check compares the schema file with the replayed database as yamltodb
// compares it with a database: a file in Pyrseas's dialect leaves alone what
// that dialect cannot describe (policies, RLS), a file pgvc wrote does not.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Database } from "@pgvc/model";
import { dialectOf, readSchemaYaml } from "@pgvc/yaml";
import { compareModels, dialectWarning } from "../../src/check/compare.js";
import { writeSchemaModel } from "../../src/check/schema.js";
import type { PgvcConfig } from "../../src/config/types.js";

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

  it("a file in Pyrseas's dialect: the one warning yamltodb prints, naming what was left alone; none for pgvc's file", () => {
    const warning = dialectWarning(built, readSchemaYaml(file, "schema.yaml"));
    expect(warning).toContain("the YAML is in Pyrseas's dialect");
    expect(warning).toContain("policies on app.acct, row-level security on app.acct:");
    expect(
      dialectWarning(built, readSchemaYaml(`# pgvc schema: an attribute left out is at its default\n${file}`, "schema.yaml")),
    ).toBeUndefined();
  });

  it("a file pgvc wrote (its dialect line): they are, and the check says how to drop them", async () => {
    const target = readSchemaYaml(`# pgvc schema: an attribute left out is at its default\n${file}`, "schema.yaml");
    const sql = (await compareModels(built, target, { introspection: {} })).map((s) => s.sql);
    expect(sql).toEqual(expect.arrayContaining(["DROP POLICY own ON app.acct", "ALTER TABLE app.acct DISABLE ROW LEVEL SECURITY"]));
  });

  it("the file pgvc check --write writes is pgvc's, so the next check still sees a policy the file lacks", async () => {
    const root = await mkdtemp(join(tmpdir(), "pgvc-dialect-"));
    try {
      const noRls: Database = { schemas: { app: { tables: { acct: { columns: [{ name: "id", type: "integer", not_null: true }] } } } } };
      await writeSchemaModel({ root, schema: "schema.yaml" } as PgvcConfig, noRls, "file");
      const written = readSchemaYaml(await readFile(join(root, "schema.yaml"), "utf8"), "schema.yaml");
      expect(dialectOf(written)).toBe("pgvc");
      expect((await compareModels(built, written, { introspection: {} })).map((st) => st.sql)).toContain("DROP POLICY own ON app.acct");
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
