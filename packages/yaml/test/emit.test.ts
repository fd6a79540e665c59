import { describe, expect, it } from "vitest";
import type { Database } from "@pgvc/model";
import { isPlainSafe, readSchemaYaml, writeSchemaYaml } from "@pgvc/yaml";

/** A database with one object in schema `s`: the text of its attribute `attr` is what the rules shape. */
function viewWithDefinition(definition: string): Database {
  return { schemas: { s: { views: { v: { definition } } } } };
}

describe("canonical emission", () => {
  it("sorts keys at every level, leaves defaults out, keeps columns in position order", () => {
    const db: Database = {
      schemas: {
        public: {
          tables: {
            t1: {
              owner: "o",
              description: "d",
              unlogged: false,
              columns: [
                { name: "c2", type: "text", not_null: false },
                { name: "c1", type: "integer", not_null: true },
              ],
            },
          },
          description: "standard public schema",
        },
      },
      extensions: { plpgsql: { version: "1.0", schema: "pg_catalog" } },
    };
    expect(writeSchemaYaml(db)).toBe(
      [
        "extension plpgsql:",
        "  schema: pg_catalog",
        "  version: '1.0'",
        "schema public:",
        "  description: standard public schema",
        "  table t1:",
        "    columns:",
        "    - c2:",
        "        type: text",
        "    - c1:",
        "        not_null: true",
        "        type: integer",
        "    description: d",
        "    owner: o",
        "",
      ].join("\n"),
    );
  });

  it("writes an empty database and an empty object as {}", () => {
    expect(writeSchemaYaml({ schemas: {} })).toBe("{}\n");
    expect(writeSchemaYaml({ schemas: { app: {} } })).toBe("schema app: {}\n");
  });

  it("leaves out every attribute at its declared default", () => {
    const db: Database = {
      schemas: {
        s: {
          functions: {
            "f()": {
              language: "sql",
              returns: "integer",
              source: "SELECT 1",
              volatility: "volatile",
              strict: false,
              security_definer: false,
              leakproof: false,
              parallel: "unsafe",
            },
          },
          tables: {
            t: {
              columns: [{ name: "a", type: "integer" }],
              foreign_keys: {
                t_a_fkey: {
                  columns: ["a"],
                  references: { schema: "s", table: "u", columns: ["a"] },
                  on_delete: "no action",
                  on_update: "cascade",
                  match: "simple",
                  deferrable: false,
                },
              },
              indexes: { t_idx: { keys: ["a"], unique: false, access_method: "btree" } },
            },
          },
        },
      },
    };
    expect(writeSchemaYaml(db)).toBe(
      [
        "schema s:",
        "  function f():",
        "    language: sql",
        "    returns: integer",
        "    source: SELECT 1",
        "  table t:",
        "    columns:",
        "    - a:",
        "        type: integer",
        "    foreign_keys:",
        "      t_a_fkey:",
        "        columns:",
        "        - a",
        "        on_update: cascade",
        "        references:",
        "          columns:",
        "          - a",
        "          schema: s",
        "          table: u",
        "    indexes:",
        "      t_idx:",
        "        keys:",
        "        - a",
        "",
      ].join("\n"),
    );
  });

  it("keeps list order: enum labels, index keys, trigger events", () => {
    const db: Database = {
      schemas: {
        s: {
          types: { mood: { labels: ["sad", "ok", "happy"] } },
          tables: {
            t: {
              indexes: { t_idx: { keys: ["b", { a: { order: "desc" } }, { "lower(c)": { type: "expression" } }] } },
              triggers: { t_trg: { timing: "before", events: ["update", "insert"], level: "row", procedure: "s.f()" } },
            },
          },
        },
      },
    };
    expect(writeSchemaYaml(db)).toBe(
      [
        "schema s:",
        "  table t:",
        "    indexes:",
        "      t_idx:",
        "        keys:",
        "        - b",
        "        - a:",
        "            order: desc",
        "        - lower(c):",
        "            type: expression",
        "    triggers:",
        "      t_trg:",
        "        events:",
        "        - update",
        "        - insert",
        "        level: row",
        "        procedure: s.f()",
        "        timing: before",
        "  type mood:",
        "    labels:",
        "    - sad",
        "    - ok",
        "    - happy",
        "",
      ].join("\n"),
    );
  });

  it("sorts privileges by grantee (code point order) and keeps grant options and grantors", () => {
    const db: Database = {
      schemas: {
        s: {
          sequences: {
            q: {
              start_value: 1,
              max_value: null,
              cycle: true,
              data_type: "bigint",
              privileges: [
                { bob: [{ usage: { grantable: true } }, "select"] },
                { PUBLIC: ["select"] },
                { carol: { grantor: "bob", privs: ["usage"] } },
                { alice: ["all"] },
              ],
            },
          },
        },
      },
    };
    expect(writeSchemaYaml(db)).toBe(
      [
        "schema s:",
        "  sequence q:",
        "    cycle: true",
        "    max_value: null",
        "    privileges:",
        "    - PUBLIC:",
        "      - select",
        "    - alice:",
        "      - all",
        "    - bob:",
        "      - usage:",
        "          grantable: true",
        "      - select",
        "    - carol:",
        "        grantor: bob",
        "        privs:",
        "        - usage",
        "    start_value: 1",
        "",
      ].join("\n"),
    );
  });

  it("nests servers and user mappings under their foreign data wrapper", () => {
    const db: Database = {
      schemas: {},
      foreignDataWrappers: {
        w: {
          validator: "postgresql_fdw_validator",
          servers: { s1: { options: ["dbname=test"], user_mappings: { PUBLIC: {}, bob: { options: ["user=bob"] } } } },
        },
      },
    };
    expect(writeSchemaYaml(db)).toBe(
      [
        "foreign data wrapper w:",
        "  server s1:",
        "    options:",
        "    - dbname=test",
        "    user mappings:",
        "      PUBLIC: {}",
        "      bob:",
        "        options:",
        "        - user=bob",
        "  validator: postgresql_fdw_validator",
        "",
      ].join("\n"),
    );
  });

  it("writes operator class strategy numbers as YAML integers in numeric order", () => {
    const db: Database = {
      schemas: {
        s: {
          operatorClasses: {
            "oc using btree": {
              type: "integer",
              operators: { "10": "s.~(integer,integer)", "3": "s.=(integer,integer)", "1": "s.<(integer,integer)" },
            },
          },
        },
      },
    };
    expect(writeSchemaYaml(db)).toBe(
      [
        "schema s:",
        "  operator class oc using btree:",
        "    operators:",
        "      1: s.<(integer,integer)",
        "      3: s.=(integer,integer)",
        "      10: s.~(integer,integer)",
        "    type: integer",
        "",
      ].join("\n"),
    );
  });

  it("gives byte-identical output whatever order the model was built in", () => {
    const a: Database = { schemas: { b: {}, a: { tables: { y: {}, x: { owner: "o", description: "d" } } } }, extensions: { z: {}, e: {} } };
    const b: Database = { extensions: { e: {}, z: {} }, schemas: { a: { tables: { x: { description: "d", owner: "o" }, y: {} } }, b: {} } };
    expect(writeSchemaYaml(a)).toBe(writeSchemaYaml(b));
  });
});

describe("scalar styles", () => {
  it.each([
    ["1.3", "'1.3'"],
    ["yes", "'yes'"],
    ["no", "'no'"],
    ["on", "'on'"],
    ["off", "'off'"],
    ["y", "'y'"],
    ["n", "'n'"],
    ["NO", "'NO'"],
    ["True", "'True'"],
    ["0123", "'0123'"],
    ["~", "'~'"],
    ["null", "'null'"],
    ["1e3", "'1e3'"],
    ["2024-01-01", "'2024-01-01'"],
    ["0x1F", "'0x1F'"],
    ["1_000", "'1_000'"],
    ["1:30", "'1:30'"],
    [".inf", "'.inf'"],
    ["-1", "'-1'"],
    ["", "''"],
    ["'ok'::text", "'''ok''::text'"],
    ["a: b", "'a: b'"],
    ["a #b", "'a #b'"],
    ["#b", "'#b'"],
    ["*x", "'*x'"],
    ["x:", "'x:'"],
    [" lead", "' lead'"],
    ["trail ", "'trail '"],
    ["---", "'---'"],
    ["<<", "'<<'"],
    ["=", "'='"],
    ["nextval('s.t_id_seq'::regclass)", "nextval('s.t_id_seq'::regclass)"],
    ["character varying(20)", "character varying(20)"],
    ["now()", "now()"],
    ["it's", "it's"],
    ["a, b", "a, b"],
    ["1.3.0-beta", "1.3.0-beta"],
    ["1.3.0", "'1.3.0'"],
    ["v1.3", "v1.3"],
  ])("%j is written as %s", (text, written) => {
    expect(writeSchemaYaml({ schemas: { s: { collations: { c: { lc_collate: text } } } } })).toBe(
      `schema s:\n  collation c:\n    lc_collate: ${written}\n`,
    );
  });

  it("double-quotes text with control characters", () => {
    const out = writeSchemaYaml({ schemas: { s: { collations: { c: { description: "bell\u0007" } } } } });
    expect(out).toBe('schema s:\n  collation c:\n    description: "bell\\u0007"\n');
  });

  it("quotes keys by the same rules", () => {
    const db: Database = {
      schemas: {
        s: {
          tables: {
            t: {
              columns: [
                { name: "yes", type: "boolean" },
                { name: "1col", type: "text" },
              ],
            },
          },
        },
      },
    };
    expect(writeSchemaYaml(db)).toBe(
      ["schema s:", "  table t:", "    columns:", "    - 'yes':", "        type: boolean", "    - 1col:", "        type: text", ""].join(
        "\n",
      ),
    );
  });

  it("writes multi-line text as | with the chomping that keeps its trailing newlines", () => {
    expect(writeSchemaYaml(viewWithDefinition("SELECT 1\n  FROM t;\n"))).toBe(
      "schema s:\n  view v:\n    definition: |\n      SELECT 1\n        FROM t;\n",
    );
    expect(writeSchemaYaml(viewWithDefinition("SELECT 1\nFROM t;"))).toBe(
      "schema s:\n  view v:\n    definition: |-\n      SELECT 1\n      FROM t;\n",
    );
    expect(writeSchemaYaml(viewWithDefinition("SELECT 1\nFROM t;\n\n"))).toBe(
      "schema s:\n  view v:\n    definition: |+\n      SELECT 1\n      FROM t;\n\n",
    );
  });

  it("adds an indentation indicator when the text starts with a space (pg_get_viewdef output)", () => {
    expect(writeSchemaYaml(viewWithDefinition(" SELECT a\n   FROM t;"))).toBe(
      "schema s:\n  view v:\n    definition: |2-\n       SELECT a\n         FROM t;\n",
    );
  });

  it("keeps a literal block when a line ends in blanks (as Pyrseas writes sources), and the blanks", () => {
    expect(writeSchemaYaml(viewWithDefinition("SELECT a \nFROM t"))).toBe(
      "schema s:\n  view v:\n    definition: |-\n      SELECT a \n      FROM t\n",
    );
    // A line of only blanks is written with them after the indentation: more than it, so content.
    expect(writeSchemaYaml(viewWithDefinition("a\n   \nb\t\n"))).toBe(
      "schema s:\n  view v:\n    definition: |\n      a\n         \n      b\t\n",
    );
  });

  it("falls back to a double-quoted scalar for a carriage return, or blanks after the last line break", () => {
    expect(writeSchemaYaml(viewWithDefinition("SELECT a\r\nFROM t"))).toBe(
      'schema s:\n  view v:\n    definition: "SELECT a\\r\\nFROM t"\n',
    );
    expect(writeSchemaYaml(viewWithDefinition("SELECT a\n  "))).toBe('schema s:\n  view v:\n    definition: "SELECT a\\n  "\n');
  });

  it.each([
    "SELECT 1\n",
    "a\n\n\nb",
    "\n\nleading blank lines\n",
    "  indented first line\nsecond\n",
    "tab\tinside\nline",
    "ends with spaces  ",
    "trailing \n\n",
    "\n",
    "x\n\n",
    "ünïcödé\n— dash",
    "# not a comment\n- not a list\n",
    "select x   \n  + 1",
    "a\n   \nb",
    "  \nfirst line blank\n",
    "a\t\nb  ",
    "BEGIN \n\n  RETURN 1; \nEND;\t\n",
  ])("reads %j back exactly", (text) => {
    const db = viewWithDefinition(text);
    expect(readSchemaYaml(writeSchemaYaml(db), "t.yaml")).toEqual(db);
  });

  it("plain-safety agrees with the examples above", () => {
    expect(isPlainSafe("integer")).toBe(true);
    expect(isPlainSafe("Off")).toBe(false);
  });
});
