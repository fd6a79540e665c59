// What Pyrseas 0.10 writes (seen from its dbtoyaml) read as Pyrseas means it.
import { describe, expect, it } from "vitest";
import { dialectOf, readSchemaYaml } from "@pgvc/yaml";

describe("reading Pyrseas's values", () => {
  it("privileges: [] is no explicit grant (the default), as absent", () => {
    const db = readSchemaYaml("schema app:\n  owner: alice\n  privileges: []\n", "schema.yaml");
    expect(db.schemas.app).toEqual({ owner: "alice" });
  });

  it("a cast's method binary coercible is binary", () => {
    const db = readSchemaYaml("cast (public.citext as text):\n  context: implicit\n  method: binary coercible\n", "schema.yaml");
    expect(db.casts?.["(public.citext as text)"]).toEqual({ context: "implicit", method: "binary" });
  });

  it("a bigint sequence bound written as bigint's limit is the type's limit (null)", () => {
    const text = "schema app:\n  sequence down:\n    increment_by: -1\n    max_value: -1\n    min_value: -9223372036854775808\n    start_value: -1\n";
    expect(readSchemaYaml(text, "schema.yaml").schemas.app?.sequences?.down).toEqual({ increment_by: -1, max_value: -1, min_value: null, start_value: -1 });
  });
});

describe("the dialect of a file", () => {
  it("is Pyrseas's when no key only pgvc writes is there", () => {
    expect(dialectOf(readSchemaYaml("schema app:\n  table t:\n    columns:\n    - id:\n        type: integer\n", "schema.yaml"))).toBe("pyrseas");
  });

  it("is pgvc's with such a key, even at its default, or a procedure", () => {
    expect(dialectOf(readSchemaYaml("schema app:\n  table t:\n    row_level_security: false\n", "schema.yaml"))).toBe("pgvc");
    expect(dialectOf(readSchemaYaml("schema app:\n  procedure p():\n    language: sql\n    source: SELECT 1\n", "schema.yaml"))).toBe("pgvc");
  });

  it("is pgvc's for a model not read from YAML", () => {
    expect(dialectOf({ schemas: {} })).toBe("pgvc");
  });
});
