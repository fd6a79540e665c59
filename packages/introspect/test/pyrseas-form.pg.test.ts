// What dbtoyaml writes so that Pyrseas's own yamltodb reads it as it reads
// its own file (seen from Pyrseas 0.10 on the same database): views name the
// tables, views and functions of their schema that they read in `depends_on`
// (Pyrseas orders its CREATE statements by it alone), and sequence bounds are
// written as Pyrseas writes them (it reads `null` only as 1 or bigint's limit),
// and trigger events in its order.
import { beforeAll, describe, expect, it } from "vitest";
import { execute } from "@pgvc/testkit";
import { useTestDatabase } from "@pgvc/testkit/vitest";
import { dbtoyaml } from "@pgvc/introspect";
import { readSchemaYaml } from "@pgvc/yaml";

const db = useTestDatabase();
let yaml = "";

beforeAll(async () => {
  await execute(
    db.url,
    `CREATE SCHEMA app;
     CREATE TABLE app.acct (id serial PRIMARY KEY, name text);
     CREATE TABLE app.b (x integer);
     CREATE FUNCTION app.f(x integer) RETURNS integer LANGUAGE sql AS 'SELECT x + 1';
     CREATE VIEW app.v AS SELECT id, name FROM app.acct;
     CREATE VIEW app.w AS SELECT v.id, b.x, app.f(1) FROM app.v, app.b;
     CREATE MATERIALIZED VIEW app.mv AS SELECT * FROM app.w;
     CREATE VIEW public.pv AS SELECT x FROM app.b;
     CREATE SEQUENCE app.down AS smallint INCREMENT BY -1;
     CREATE SEQUENCE app.big;
     CREATE FUNCTION app.touch() RETURNS trigger LANGUAGE plpgsql AS 'BEGIN RETURN NULL; END';
     CREATE TRIGGER t_all AFTER INSERT OR UPDATE OR DELETE ON app.b FOR EACH ROW EXECUTE FUNCTION app.touch();
     CREATE FUNCTION app.blanks() RETURNS integer LANGUAGE plpgsql AS $$BEGIN   
    
  RETURN 1;	
END$$;`,
  );
  yaml = (await dbtoyaml({ connection: { dbname: db.url }, noOwner: true, noPrivileges: true })).yaml ?? "";
});

/** The lines of the object `key` (two spaces in) up to the next object. */
function objectText(key: string): string {
  const start = yaml.indexOf(`\n  ${key}:\n`);
  expect(start, key).toBeGreaterThan(-1);
  const rest = yaml.slice(start + 1);
  const end = rest.slice(1).search(/\n(?: {2})?\S/);
  return end === -1 ? rest : rest.slice(0, end + 2);
}

describe("depends_on, as Pyrseas writes it", () => {
  it("a view names what it reads in its own schema, without the schema, sorted", () => {
    expect(objectText("view v")).toContain("    depends_on:\n    - table acct\n");
    expect(objectText("view w")).toContain("    depends_on:\n    - function f(x integer)\n    - table b\n    - view v\n");
    expect(objectText("materialized view mv")).toContain("    depends_on:\n    - view w\n");
  });

  it("a view reading another schema's table has none (Pyrseas would name it without its schema)", () => {
    expect(objectText("view pv")).not.toContain("depends_on");
  });

  it("tables, sequences and functions have none", () => {
    for (const key of ["table acct", "table b", "function f(x integer)", "sequence acct_id_seq"])
      expect(objectText(key)).not.toContain("depends_on");
  });
});

describe("trigger events, in Pyrseas's order (it compares the list as written)", () => {
  it("insert, delete, update", () => {
    expect(objectText("table b")).toContain("        events:\n        - insert\n        - delete\n        - update\n");
  });
});

describe("function sources, as literal blocks like Pyrseas's", () => {
  it("a line ending in blanks keeps its block and its blanks, and reads back as the database's source", () => {
    expect(objectText("function blanks()")).toContain("    source: |-\n      BEGIN   \n          \n        RETURN 1;\t\n      END\n");
    const fn = readSchemaYaml(yaml, "schema.yaml").schemas.app?.functions?.["blanks()"];
    expect(fn?.source).toBe("BEGIN   \n    \n  RETURN 1;\t\nEND");
  });
});

describe("sequence bounds, as Pyrseas writes them", () => {
  it("an integer sequence going up: its maximum as the number, its minimum of 1 null", () => {
    expect(objectText("sequence acct_id_seq")).toContain("    max_value: 2147483647\n    min_value: null\n");
  });

  it("a smallint sequence going down: both bounds as numbers; a bigint one going up: both null", () => {
    expect(objectText("sequence down")).toContain("    max_value: -1\n    min_value: -32768\n");
    expect(objectText("sequence big")).toContain("    max_value: null\n    min_value: null\n");
  });
});
