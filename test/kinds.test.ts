// Every kind @pgvc/model declares is carried through the whole toolkit: a
// differ writes it, the YAML places it and reads it back, create-every-attribute
// reads every attribute of it back from a server (the introspector), and some
// hard case in test/cases builds one. A kind added to the model without one of
// these fails here, naming what is missing.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { differs } from "@pgvc/diff";
import { childKinds, emptyDatabase, schemaKinds, topKinds, type Database } from "@pgvc/model";
import { readSchemaYaml, writeSchemaYaml } from "@pgvc/yaml";
import { bases, kindsNotYetSampled } from "../packages/diff/test/attribute-samples.js";

const kinds = ["schema", ...schemaKinds.map((kd) => kd.yaml), ...topKinds.map((kd) => kd.yaml), ...childKinds.map((c) => c.kind)];

/** What builds an object of each kind in SQL; by default `CREATE [OR REPLACE] KIND`. */
const creating: Record<string, RegExp> = {
  column: /\bCREATE TABLE\b/i,
  constraint: /\b(PRIMARY KEY|REFERENCES|UNIQUE|CHECK)\b/i,
  index: /\bCREATE (UNIQUE )?INDEX\b/i,
  language: /\bCREATE (OR REPLACE )?(TRUSTED )?(PROCEDURAL )?LANGUAGE\b/i,
  "default privileges": /\bALTER DEFAULT PRIVILEGES\b/i,
  "materialized view": /\bCREATE MATERIALIZED VIEW\b/i,
};

function createsKind(kind: string): RegExp {
  return creating[kind] ?? new RegExp(`\\bCREATE (OR REPLACE )?(CONSTRAINT )?${kind.replace(/ /g, "\\s+")}\\b`, "i");
}

const casesDir = fileURLToPath(new URL("cases/", import.meta.url));
const caseSql = readdirSync(casesDir, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) =>
    ["before.sql", "after.sql"]
      .map((f) => {
        try {
          return readFileSync(join(casesDir, d.name, f), "utf8");
        } catch {
          return "";
        }
      })
      .join("\n"),
  );

describe("every kind of the model", () => {
  it("has exactly one differ, and every differ a kind of the model", () => {
    const differed = differs.map((d) => d.kind);
    expect([...differed].sort()).toEqual([...kinds].sort());
  });

  it("is sampled by create-every-attribute (every attribute built from empty and read back)", () => {
    expect(kindsNotYetSampled).toEqual([]);
    const sampled = new Set(Object.keys(bases).map((key) => key.split(".")[0]));
    const byParent: Record<string, string> = {
      column: "table",
      constraint: "table",
      index: "table",
      trigger: "table",
      rule: "table",
      policy: "table",
      statistics: "table",
      server: "foreign data wrapper",
      "user mapping": "foreign data wrapper",
      "default privileges": "schema",
    };
    expect(kinds.filter((kind) => !sampled.has(byParent[kind] ?? kind))).toEqual([]);
  });

  it("is built by some hard case in test/cases", () => {
    expect(kinds.filter((kind) => !caseSql.some((sql) => createsKind(kind).test(sql)))).toEqual([]);
  });

  it("has its place in the YAML, and reads back from it", () => {
    const db: Database = emptyDatabase();
    const schema: Record<string, unknown> = {};
    db.schemas.app = schema;
    for (const kd of schemaKinds) schema[kd.field] = { [kd.signature ? "x(integer)" : "x"]: structuredClone(bases[kd.yaml]) };
    const top = db as unknown as Record<string, unknown>;
    for (const kd of topKinds) {
      const name = kd.yaml === "cast" ? "(integer AS text)" : kd.yaml === "default privileges" ? "app_owner" : "x";
      top[kd.field] = {
        [name]: kd.yaml === "default privileges" ? { tables: [{ app_reader: ["select"] }] } : structuredClone(bases[kd.yaml]),
      };
    }
    const text = writeSchemaYaml(db);
    for (const kd of schemaKinds) expect(text, kd.yaml).toContain(`  ${kd.yaml} x`);
    for (const kd of topKinds) expect(text, kd.yaml).toMatch(new RegExp(`^${kd.yaml} `, "m"));
    const back = readSchemaYaml(text, "kinds.yaml") as unknown as Record<string, unknown>;
    for (const kd of topKinds) expect(Object.keys(back[kd.field] as object), kd.yaml).toHaveLength(1);
    for (const kd of schemaKinds)
      expect(Object.keys((back.schemas as Record<string, Record<string, object>>).app?.[kd.field] ?? {}), kd.yaml).toHaveLength(1);
  });
});
