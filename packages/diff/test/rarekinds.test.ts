import { describe, expect, it } from "vitest";
import type { Database } from "@pgvc/model";
import { diffSchemas, toSql } from "@pgvc/diff";

// Hand-written YAML may name built-in objects with their schema; the
// database reads them bare. Neither is a difference.
const model = (parser: string, dict: string, template: string): Database => ({
  schemas: {
    app: {
      textSearchConfigurations: { c: { parser, mappings: { word: [dict, "app.d"] } } },
      textSearchDictionaries: { d: { template } },
    },
  },
});

describe("names of built-in objects", () => {
  it("pg_catalog.simple and simple are the same dictionary, pg_catalog.default and default the same parser", () => {
    expect(
      toSql(diffSchemas(model("default", "simple", "simple"), model("pg_catalog.default", "pg_catalog.simple", "pg_catalog.simple"))),
    ).toBe("");
    expect(toSql(diffSchemas(model("default", "simple", "simple"), model('pg_catalog."default"', "simple", "simple")))).toBe("");
  });

  it("a different dictionary is an ALTER MAPPING, a different parser a new configuration", () => {
    expect(toSql(diffSchemas(model("default", "simple", "simple"), model("default", "english_stem", "simple")))).toBe(
      "ALTER TEXT SEARCH CONFIGURATION app.c ALTER MAPPING FOR word WITH pg_catalog.english_stem, app.d;\n",
    );
    const sql = toSql(diffSchemas(model("default", "simple", "simple"), model("app.p", "simple", "simple")));
    expect(sql).toContain("DROP TEXT SEARCH CONFIGURATION app.c;\n");
    expect(sql).toContain("CREATE TEXT SEARCH CONFIGURATION app.c (PARSER = app.p);\n");
  });
});

describe("functions of pg_catalog named with their schema", () => {
  const db = (prefix: string): Database => ({
    schemas: {
      app: {
        aggregates: { "total(integer)": { sfunc: `${prefix}int4pl`, stype: "integer" } },
        operators: { "===(integer, integer)": { procedure: `${prefix}int4eq`, restrict: `${prefix}eqsel` } },
      },
    },
    eventTriggers: { e: { event: "ddl_command_end", procedure: "app.f()" } },
  });

  it("are the functions introspection names bare", () => {
    expect(toSql(diffSchemas(db(""), db("pg_catalog.")))).toBe("");
    expect(toSql(diffSchemas(db(""), db("app.")))).not.toBe("");
  });
});
