// Reading dbaugment specs and merging the augmenter, without a server: what
// each audit kind adds to a model, and the errors a bad spec gets, with
// file:line:col counted by hand from the texts below.
import { describe, expect, it } from "vitest";
import { InputError } from "@pgvc/core";
import type { Database } from "@pgvc/model";
import { augmentDatabase, parseAugmentSpec } from "@pgvc/augment";

function shop(): Database {
  return {
    schemas: {
      app: {
        tables: {
          orders: { columns: [{ name: "id", type: "integer", not_null: true }], owner: "alice" },
          note: { columns: [{ name: "id", type: "integer" }] },
        },
      },
    },
  };
}

/** The error a spec gets (parsing it, then applying it to the shop model). */
function errorOf(text: string): InputError {
  try {
    augmentDatabase(shop(), parseAugmentSpec(text, "audit.yaml"));
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error("the spec was accepted");
}

const orders = (db: Database) => db.schemas.app?.tables?.orders;

describe("parseAugmentSpec", () => {
  it("reads Pyrseas's spec format", () => {
    const spec = parseAugmentSpec(
      "schema app:\n  table orders:\n    audit_columns: default\n  table note:\n    audit_columns: full\n",
      "a.yaml",
    );
    expect(spec.tables.map((t) => [t.schema, t.table, t.auditColumns?.kind])).toEqual([
      ["app", "orders", "default"],
      ["app", "note", "full"],
    ]);
    expect(spec.tables[0]?.at).toEqual({ file: "a.yaml", line: 2, column: 3 });
  });

  it("reads an augmenter section in flow style, with PyYAML's booleans", () => {
    const spec = parseAugmentSpec("augmenter: {columns: {modified_timestamp: {name: updated, not_null: yes}}}\n");
    expect(spec.augmenter.columns).toEqual({
      modified_timestamp: { name: "updated", not_null: true, at: { file: "<stdin>", line: 1, column: 23 } },
    });
  });
});

describe("augmentDatabase", () => {
  it("adds default's columns with defaults that fill existing rows, its trigger and the functions it calls", () => {
    const db = augmentDatabase(shop(), parseAugmentSpec("schema app:\n  table orders:\n    audit_columns: default\n"));
    expect(orders(db)?.columns).toEqual([
      { name: "id", type: "integer", not_null: true },
      { name: "modified_by_user", type: "character varying(63)", not_null: true, default: "CURRENT_USER" },
      { name: "modified_timestamp", type: "timestamp with time zone", not_null: true, default: "CURRENT_TIMESTAMP" },
    ]);
    expect(orders(db)?.triggers).toEqual({
      zz_audit_default: { timing: "before", events: ["insert", "update"], level: "row", procedure: "app.audit_default" },
    });
    const functions = db.schemas.app?.functions ?? {};
    expect(Object.keys(functions).sort()).toEqual(["audit_default()", "audit_user()"]);
    expect(functions["audit_default()"]).toMatchObject({
      language: "plpgsql",
      returns: "trigger",
      security_definer: true,
      configuration: ["search_path=pg_catalog, app"],
      owner: "alice",
    });
    expect(functions["audit_default()"]?.source).toContain("NEW.modified_by_user := app.audit_user();");
    expect(functions["audit_user()"]).toMatchObject({ language: "sql", volatility: "stable", security_definer: true });
  });

  it("adds full's six columns and both helpers; created_date_only adds a column and nothing else", () => {
    const db = augmentDatabase(
      shop(),
      parseAugmentSpec("schema app:\n  table orders:\n    audit_columns: full\n  table note:\n    audit_columns: created_date_only\n"),
    );
    expect(orders(db)?.columns?.map((c) => c.name)).toEqual([
      "id",
      "created_by_user",
      "created_by_ip_address",
      "created_timestamp",
      "modified_by_user",
      "modified_by_ip_address",
      "modified_timestamp",
    ]);
    expect(Object.keys(db.schemas.app?.functions ?? {}).sort()).toEqual(["audit_full()", "audit_ip_address()", "audit_user()"]);
    expect(db.schemas.app?.tables?.note?.columns?.[1]).toEqual({
      name: "created_date",
      type: "date",
      not_null: true,
      default: "CURRENT_DATE",
    });
    expect(db.schemas.app?.tables?.note?.triggers).toBeUndefined();
  });

  it("renames a predefined column everywhere: the table and the trigger function", () => {
    const text =
      "augmenter:\n  columns:\n    modified_timestamp:\n      name: updated\nschema app:\n  table orders:\n    audit_columns: modified_only\n";
    const db = augmentDatabase(shop(), parseAugmentSpec(text));
    expect(orders(db)?.columns?.map((c) => c.name)).toEqual(["id", "updated"]);
    expect(db.schemas.app?.functions?.["audit_modified()"]?.source).toContain("NEW.updated := CURRENT_TIMESTAMP;");
  });

  it("quotes names that need it in the source and the search_path", () => {
    const text =
      'augmenter:\n  columns:\n    modified_timestamp:\n      name: "Changed At"\nschema Sales Dept:\n  table Order:\n    audit_columns: modified_only\n';
    const db: Database = { schemas: { "Sales Dept": { tables: { Order: { columns: [{ name: "id", type: "integer" }] } } } } };
    const fn = augmentDatabase(db, parseAugmentSpec(text)).schemas["Sales Dept"]?.functions?.["audit_modified()"];
    expect(fn?.source).toContain('NEW."Changed At" := CURRENT_TIMESTAMP;');
    expect(fn?.configuration).toEqual(['search_path=pg_catalog, "Sales Dept"']);
  });

  it("changes an existing audit column to the spec's definition and keeps a trigger that already runs the function", () => {
    const db = shop();
    const table = orders(db)!;
    table.columns!.push({ name: "modified_timestamp", type: "timestamp without time zone", description: "when" });
    table.triggers = {
      orders_20_audit_modified_only: { timing: "before", events: ["update"], level: "row", procedure: "app.audit_modified" },
    };
    const after = orders(augmentDatabase(db, parseAugmentSpec("schema app:\n  table orders:\n    audit_columns: modified_only\n")));
    expect(after?.columns?.[1]).toEqual({
      name: "modified_timestamp",
      type: "timestamp with time zone",
      not_null: true,
      default: "CURRENT_TIMESTAMP",
      description: "when",
    });
    expect(Object.keys(after?.triggers ?? {})).toEqual(["orders_20_audit_modified_only"]);
    expect(after?.triggers?.orders_20_audit_modified_only?.events).toEqual(["insert", "update"]);
  });

  it("reads templates under Pyrseas's older section names", () => {
    for (const section of ["func_templates", "function_segments"]) {
      const text = `augmenter:\n  ${section}:\n    functempl_audit_modified: 'BEGIN NEW.{{modified_timestamp}} := now(); RETURN NEW; END;'\nschema app:\n  table orders:\n    audit_columns: modified_only\n`;
      const fn = augmentDatabase(shop(), parseAugmentSpec(text)).schemas.app?.functions?.["audit_modified()"];
      expect(fn?.source).toBe("BEGIN NEW.modified_timestamp := now(); RETURN NEW; END;");
    }
  });

  it("moves a table to another kind: the old kind's trigger goes, its columns stay, other triggers stay", () => {
    const once = augmentDatabase(shop(), parseAugmentSpec("schema app:\n  table orders:\n    audit_columns: default\n"));
    orders(once)!.triggers!.orders_log = { timing: "after", events: ["insert"], level: "row", procedure: "app.log_it" };
    const twice = orders(augmentDatabase(once, parseAugmentSpec("schema app:\n  table orders:\n    audit_columns: modified_only\n")));
    expect(Object.keys(twice?.triggers ?? {}).sort()).toEqual(["orders_log", "zz_audit_modified_only"]);
    expect(twice?.columns?.map((c) => c.name)).toEqual(["id", "modified_by_user", "modified_timestamp"]);
  });

  it("gives an augmented model back unchanged", () => {
    const spec = parseAugmentSpec("schema app:\n  table orders:\n    audit_columns: full\n");
    const once = augmentDatabase(shop(), spec);
    expect(augmentDatabase(once, spec)).toEqual(once);
  });
});

describe("bad specs", () => {
  const cases: [string, string, string][] = [
    [
      "an unknown table, at its key",
      "schema app:\n  table ordrs:\n    audit_columns: full\n",
      'audit.yaml:2:3: table app.ordrs is not in the database (did you mean "orders"?)',
    ],
    [
      "an unknown schema",
      "schema ap:\n  table orders:\n    audit_columns: full\n",
      'audit.yaml:2:3: schema ap is not in the database (did you mean "app"?)',
    ],
    [
      "an unknown audit kind, at its value",
      "schema app:\n  table orders:\n    audit_columns: ful\n",
      'audit.yaml:3:20: unknown audit kind "ful" (did you mean "full"?)',
    ],
    [
      "an unknown key",
      "schema app:\n  table orders:\n    audit_colums: full\n",
      'audit.yaml:3:5: unknown key "audit_colums" in table orders (did you mean "audit_columns"?)',
    ],
    [
      "a value of the wrong type",
      "schema app:\n  table orders:\n    audit_columns: [full]\n",
      "audit.yaml:3:20: audit_columns must be a non-empty string; got a list",
    ],
    [
      "an unknown object type",
      "schema app:\n  tabel orders:\n    audit_columns: full\n",
      'audit.yaml:2:3: unknown entry "tabel orders" (did you mean "table"?)',
    ],
    ["a table that asks for nothing", "schema app:\n  table orders: {}\n", "audit.yaml:2:3: table orders asks for nothing"],
    [
      "a misspelt top-level entry",
      "shema app:\n  table orders:\n    audit_columns: full\n",
      'audit.yaml:1:1: unknown entry "shema app" (did you mean "schema"?)',
    ],
    ["malformed YAML", "schema app:\n  table orders:\n    audit_columns: full\n   bad\n", "audit.yaml:4:"],
    [
      "a duplicate key",
      "schema app:\n  table orders:\n    audit_columns: full\n  table orders:\n    audit_columns: default\n",
      "audit.yaml:4:3: Map keys must be unique",
    ],
    [
      "an audit kind naming an undefined column",
      "augmenter:\n  audit_columns:\n    mine:\n      columns: [modifed_timestamp]\n",
      'audit.yaml:3:5: audit kind mine: column "modifed_timestamp" is not defined (did you mean "modified_timestamp"?)',
    ],
    [
      "a new column without a type",
      "augmenter:\n  columns:\n    row_version:\n      not_null: true\n",
      "audit.yaml:3:5: column row_version needs type",
    ],
    [
      "a placeholder that names nothing",
      "augmenter:\n  function_templates:\n    t: 'BEGIN NEW.{{modifed_by_user}} := 1; END'\n  functions:\n    f():\n      language: plpgsql\n      returns: trigger\n      source: '{{t}}'\n",
      'audit.yaml:5:5: unknown placeholder {{modifed_by_user}} in the source of function f() (did you mean "modified_by_user"?)',
    ],
    [
      "a function key without arguments",
      "augmenter:\n  functions:\n    f:\n      language: sql\n",
      'audit.yaml:3:5: a function is written with its arguments: "f()" or "name(arguments)"',
    ],
    [
      "a trigger on a function that is not defined",
      "augmenter:\n  triggers:\n    t:\n      procedure: stamp()\n",
      'audit.yaml:3:5: trigger t: procedure "stamp" is not defined',
    ],
    [
      "a bad trigger event",
      "augmenter:\n  triggers:\n    t:\n      procedure: audit_full()\n      events: [insert, upsert]\n",
      'audit.yaml:5:15: trigger event "upsert" is not one of insert, update, delete, truncate',
    ],
  ];
  it.each(cases)("%s", (_, text, message) => {
    const error = errorOf(text);
    expect(error.exitCode).toBe(3);
    expect(error.message.startsWith(message)).toBe(true);
  });

  it("lists every problem of the file at once, in file order", () => {
    const error = errorOf("schema app:\n  table orders:\n    audit_colums: full\n  table note:\n    audit_columns: [x]\n");
    expect(error.message).toBe('audit.yaml:3:5: unknown key "audit_colums" in table orders (did you mean "audit_columns"?)');
    expect(error.hints).toContain("audit.yaml:5:20: audit_columns must be a non-empty string; got a list");
  });
});
