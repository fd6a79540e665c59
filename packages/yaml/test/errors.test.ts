import { describe, expect, it } from "vitest";
import { InputError } from "@pgvc/core";
import { readSchemaYaml, SchemaInputError } from "@pgvc/yaml";

const lines = (...l: string[]) => `${l.join("\n")}\n`;

/** Every problem reported for `text`, as `line:col: message`. */
function problems(text: string): string[] {
  try {
    readSchemaYaml(text, "e.yaml");
  } catch (error) {
    expect(error).toBeInstanceOf(SchemaInputError);
    return (error as SchemaInputError).problems.map((p) => p.message.replace(/^e\.yaml:/, ""));
  }
  throw new Error("expected an InputError");
}

describe("bad input: each problem with its line and column", () => {
  it("malformed YAML", () => {
    expect(problems(lines("schema app:", "  table t:", "  columns: x: y"))).toEqual([
      "3:12: malformed YAML: Nested mappings are not allowed in compact mappings",
    ]);
    expect(problems(lines("schema app:", "\ttable t: {}"))).toEqual(["2:1: malformed YAML: Tabs are not allowed as indentation"]);
    expect(problems(lines("schema a: {}", "---", "schema b: {}"))).toEqual([
      "2:1: malformed YAML: a schema file holds one document, this one has several (separated by ---)",
    ]);
  });

  it("duplicate keys, at the second occurrence", () => {
    expect(problems(lines("schema app:", "  table t: {}", "  table t: {}"))).toEqual([
      "3:3: duplicate key: each key may appear once in a map",
    ]);
    expect(problems(lines("schema app:", "  table t:", "    columns:", "    - a:", "        type: integer", "        type: text"))).toEqual(
      ["6:9: duplicate key: each key may appear once in a map"],
    );
  });

  it("a name twice in a named list (columns)", () => {
    expect(problems(lines("schema app:", "  table t:", "    columns:", "    - a: integer", "    - b: text", "    - a: text"))).toEqual([
      '6:7: duplicate name "a": each may appear once in this list',
    ]);
  });

  it("unknown object types, with a suggestion", () => {
    expect(problems(lines("schema app:", "  tabel orders: {}"))).toEqual([
      '2:3: unknown object type "tabel" in "tabel orders" (did you mean "table"?)',
    ]);
    expect(problems(lines("schema app:", "  materialised view mv:", "    definition: SELECT 1"))).toEqual([
      '2:3: unknown object type "materialised view" in "materialised view mv" (did you mean "materialized view"?)',
    ]);
    expect(problems(lines("extention hstore: {}"))).toEqual([
      '1:1: unknown object type "extention" in "extention hstore" (did you mean "extension"?)',
    ]);
    expect(problems(lines("tabel x: {}"))).toEqual([
      '1:1: unknown object type "tabel" in "tabel x" (did you mean "table", inside a schema?)',
    ]);
    expect(problems(lines("gizmo x: {}"))).toEqual(['1:1: unknown object type "gizmo" in "gizmo x"']);
  });

  it("objects at the wrong level", () => {
    expect(problems(lines("table t: {}"))).toEqual(['1:1: "table t" must be inside a schema']);
    expect(problems(lines("schema app:", "  extension hstore: {}"))).toEqual([
      '2:3: "extension hstore" belongs at the top level, not inside "schema app"',
    ]);
    expect(problems(lines("schema app:", "  table: {}"))).toEqual(['2:3: "table" needs a name: "table NAME"']);
  });

  it("unknown attributes, with a suggestion from the kind's attributes", () => {
    expect(problems(lines("schema app:", "  table t:", "    colums: []"))).toEqual([
      '3:5: unknown attribute "colums" in "table t" (did you mean "columns"?)',
    ]);
    expect(problems(lines("schema app:", "  ownr: alice"))).toEqual([
      '2:3: unknown attribute "ownr" in "schema app" (did you mean "owner"?)',
    ]);
    expect(
      problems(lines("schema app:", "  table t:", "    columns:", "    - a:", "        type: integer", "        nullable: true")),
    ).toEqual(['6:9: unknown attribute "nullable" in "a"']);
  });

  it("a kind written as a schema attribute", () => {
    expect(problems(lines("schema app:", "  tables:", "    orders: {}"))).toEqual([
      '2:3: unknown attribute "tables" in "schema app": objects are written one per key, "table NAME:"',
    ]);
  });

  it("a misspelt required attribute is reported once, as misspelt", () => {
    expect(problems(lines("schema app:", "  view v:", "    definiton: SELECT 1"))).toEqual([
      '3:5: unknown attribute "definiton" in "view v" (did you mean "definition"?)',
    ]);
  });

  it("wrong value types: what was expected and what was received", () => {
    expect(problems(lines("schema app:", "  table t:", "    owner: [alice]"))).toEqual(["3:12: expected a string, received a list"]);
    expect(
      problems(lines("schema app:", "  table t:", "    columns:", "    - a:", "        type: integer", "        not_null: maybe")),
    ).toEqual(['6:19: expected a boolean, received "maybe"']);
    expect(problems(lines("schema app:", "  sequence s:", "    start_value: one"))).toEqual(['3:18: expected an integer, received "one"']);
    expect(problems(lines("schema app:", "  table t:", "    columns: {a: integer}"))).toEqual([
      "3:14: expected a list of one-key maps (- NAME: {...}), received a map",
    ]);
    expect(problems(lines("schema app:", "  table t:", "    columns:", "    - a"))).toEqual([
      '4:7: expected a one-key map "- NAME: {...}", received "a"',
    ]);
  });

  it("a required attribute written without a value", () => {
    expect(problems(lines("schema app:", "  table t:", "    columns:", "    - a:", "        type:"))).toEqual([
      "5:9: expected a string, received nothing (null)",
    ]);
  });

  it("enum values, with a suggestion", () => {
    const text = lines(
      "schema app:",
      "  table t:",
      "    triggers:",
      "      tr:",
      "        events: [insert]",
      "        procedure: f()",
      "        timing: befor",
    );
    expect(problems(text)).toEqual(['7:17: expected one of "before", "after", "instead of", received "befor" (did you mean "before"?)']);
  });

  it("long received values are shortened", () => {
    const long = "x".repeat(100);
    expect(problems(lines("schema app:", "  sequence s:", `    cycle: ${long}`))).toEqual([
      `3:12: expected a boolean, received "${"x".repeat(39)}…"`,
    ]);
  });

  it("missing required attributes, at the object's key", () => {
    expect(problems(lines("schema app:", "  view v: {}"))).toEqual(['2:3: missing required attribute "definition" in "view v"']);
    expect(problems(lines("schema app:", "  table t:", "    columns:", "    - a:", "        not_null: true"))).toEqual([
      '4:7: missing required attribute "type" in "a"',
    ]);
    expect(problems(lines("schema app:", "  table t:", "    indexes:", "      t_idx:", "        unique: true"))).toEqual([
      '4:7: missing required attribute "keys"',
    ]);
  });

  it("an integer a JavaScript number cannot hold exactly is refused, not rounded", () => {
    // bigint's own limits are read as the type's limit (Pyrseas writes them); any other is refused.
    expect(problems(lines("schema app:", "  sequence s:", "    max_value: 9223372036854775806"))).toEqual([
      "3:16: integer 9223372036854775806 is beyond what pgvc holds exactly (±9007199254740991); for a sequence bound at the type's limit write null",
    ]);
  });

  it("lists at most 50 further problems in the message, and keeps them all", () => {
    const text = lines("schema app:", "  table t:", ...Array.from({ length: 60 }, (_, i) => `    bogus${i}: 1`));
    let error: SchemaInputError | undefined;
    try {
      readSchemaYaml(text, "e.yaml");
    } catch (e) {
      error = e as SchemaInputError;
    }
    expect(error?.problems).toHaveLength(60);
    expect(error?.hints.at(-1)).toBe("... and 9 more problems");
    expect(error?.hints).toHaveLength(1 + 50 + 1);
  });

  it("a merge key that names no map", () => {
    expect(problems(lines("schema app:", "  table t:", "    <<: 3"))).toEqual([
      "3:9: a merge key (<<) takes a map or a list of maps, received 3",
    ]);
  });

  it("a key that is not a name", () => {
    expect(problems(lines("schema app:", "  ? [a, b]", "  : {}"))).toEqual([
      "2:5: a key here must be a name (text), not a list, a map or nothing",
    ]);
  });

  it("a document that is not a map", () => {
    expect(problems(lines("- a", "- b"))).toEqual([
      '1:1: expected a map of objects ("schema NAME:", "extension NAME:", ...), received a list',
    ]);
  });

  it("a top-level user mapping for a server nobody declares", () => {
    expect(problems(lines("user mapping for bob server nowhere: {}"))).toEqual([
      '1:1: no "server nowhere" under any foreign data wrapper for this user mapping',
    ]);
  });

  it("collects every problem of a file into one InputError: the first as message, the rest as hints", () => {
    const text = lines("schema app:", "  tabel orders: {}", "  table t:", "    colums: []", "    owner: [alice]", "  view v: {}");
    let caught: unknown;
    try {
      readSchemaYaml(text, "e.yaml");
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InputError);
    const error = caught as SchemaInputError;
    expect(error.exitCode).toBe(3);
    expect(error.location).toEqual({ file: "e.yaml", line: 2, column: 3 });
    expect(error.message).toBe('e.yaml:2:3: unknown object type "tabel" in "tabel orders" (did you mean "table"?)');
    expect(error.problems.map((p) => p.location)).toEqual([
      { file: "e.yaml", line: 2, column: 3 },
      { file: "e.yaml", line: 4, column: 5 },
      { file: "e.yaml", line: 5, column: 12 },
      { file: "e.yaml", line: 6, column: 3 },
    ]);
    expect(error.hints.slice(1)).toEqual([
      'e.yaml:4:5: unknown attribute "colums" in "table t" (did you mean "columns"?)',
      "e.yaml:5:12: expected a string, received a list",
      'e.yaml:6:3: missing required attribute "definition" in "view v"',
    ]);
  });
});
