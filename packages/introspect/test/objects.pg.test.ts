import { describe, expect, it } from "vitest";
import { useTestDatabase } from "@pgvc/testkit/vitest";
import { schemaFrom } from "./helpers.js";

const db = useTestDatabase();
const bare = { noOwner: true, noPrivileges: true };

describe("indexes", () => {
  it("reads keys, order, nulls, collation, opclass, expressions, INCLUDE, predicates, methods, options", async () => {
    const schema = await schemaFrom(
      db.url,
      "ix",
      `
      CREATE TABLE t (a int, b text, c int, d tsvector);
      CREATE INDEX t_multi ON t (a DESC, b COLLATE "C" NULLS FIRST);
      CREATE UNIQUE INDEX t_expr ON t (lower(b), (a + c)) INCLUDE (c) WHERE a > 0;
      CREATE INDEX t_gin ON t USING gin (d);
      CREATE INDEX t_ops ON t (b text_pattern_ops) WITH (fillfactor = 50);
      CREATE INDEX t_least ON t ((LEAST(a, c)), (GREATEST(a, c)));
      CREATE INDEX t_desc_last ON t (c DESC NULLS LAST);
      COMMENT ON INDEX t_gin IS 'search';`,
      bare,
    );
    expect(schema.tables?.t?.indexes).toEqual({
      t_multi: { keys: [{ a: { order: "desc" } }, { b: { nulls: "first", collation: "C" } }] },
      t_expr: {
        keys: [{ "lower(b)": { type: "expression" } }, { "(a + c)": { type: "expression" } }],
        include: ["c"],
        unique: true,
        predicate: "(a > 0)",
      },
      t_gin: { keys: ["d"], access_method: "gin", description: "search" },
      t_ops: { keys: [{ b: { opclass: "text_pattern_ops" } }], options: ["fillfactor=50"] },
      t_least: { keys: [{ "LEAST(a, c)": { type: "expression" } }, { "GREATEST(a, c)": { type: "expression" } }] },
      t_desc_last: { keys: [{ c: { order: "desc", nulls: "last" } }] },
    });
  });
});

describe("views and materialized views", () => {
  it("reads pg_get_viewdef text, columns, options, INSTEAD OF triggers, rules, WITH NO DATA and indexes", async () => {
    const schema = await schemaFrom(
      db.url,
      "vw",
      `
      CREATE TABLE vt (id int, name text);
      CREATE VIEW v1 AS SELECT t.id, u.name FROM vt t JOIN vt u ON u.id = t.id WHERE t.id > 0;
      COMMENT ON VIEW v1 IS 'positive';
      CREATE VIEW v2 WITH (security_barrier) AS SELECT 1 AS one;
      CREATE MATERIALIZED VIEW mv AS SELECT t.id FROM vt t JOIN vt u USING (id) WITH NO DATA;
      CREATE UNIQUE INDEX mv_id ON mv (id);
      CREATE FUNCTION ins() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NEW; END$$;
      CREATE TRIGGER v1_ins INSTEAD OF INSERT ON v1 FOR EACH ROW EXECUTE FUNCTION ins();
      CREATE RULE vt_del AS ON DELETE TO vt DO INSTEAD NOTHING;`,
      bare,
    );
    expect(schema.views?.v1).toEqual({
      definition: " SELECT t.id,\n    u.name\n   FROM vw.vt t\n     JOIN vw.vt u ON u.id = t.id\n  WHERE t.id > 0;",
      columns: [
        { name: "id", type: "integer" },
        { name: "name", type: "text" },
      ],
      description: "positive",
      triggers: { v1_ins: { timing: "instead of", events: ["insert"], level: "row", procedure: "vw.ins" } },
    });
    expect(schema.views?.v2).toEqual({
      definition: " SELECT 1 AS one;",
      columns: [{ name: "one", type: "integer" }],
      options: ["security_barrier=true"],
    });
    expect(schema.materializedViews?.mv).toEqual({
      definition: " SELECT t.id\n   FROM vw.vt t\n     JOIN vw.vt u USING (id);",
      columns: [{ name: "id", type: "integer" }],
      with_data: false,
      indexes: { mv_id: { keys: ["id"], unique: true } },
    });
    expect(schema.tables?.vt?.rules).toEqual({ vt_del: { event: "delete", instead: true, actions: "NOTHING" } });
  });
});

describe("triggers", () => {
  it("reads timing, events, level, columns, WHEN, arguments, constraint triggers, transition tables, enabled", async () => {
    const schema = await schemaFrom(
      db.url,
      "trg",
      `
      CREATE FUNCTION audit() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NULL; END$$;
      CREATE TABLE t (a int, b int);
      CREATE TRIGGER t_upd AFTER UPDATE OF a, b ON t FOR EACH ROW WHEN (OLD.a IS DISTINCT FROM NEW.a) EXECUTE FUNCTION audit('x', 'it''s');
      CREATE TRIGGER t_stmt BEFORE INSERT OR DELETE OR TRUNCATE ON t FOR EACH STATEMENT EXECUTE FUNCTION audit();
      CREATE CONSTRAINT TRIGGER t_con AFTER INSERT ON t DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION audit();
      CREATE TRIGGER t_trans AFTER INSERT ON t REFERENCING NEW TABLE AS newrows FOR EACH STATEMENT EXECUTE FUNCTION audit();
      ALTER TABLE t DISABLE TRIGGER t_stmt;
      COMMENT ON TRIGGER t_trans ON t IS 'batch';`,
      bare,
    );
    expect(schema.tables?.t?.triggers).toEqual({
      t_upd: {
        timing: "after",
        events: ["update"],
        level: "row",
        columns: ["a", "b"],
        condition: "(old.a IS DISTINCT FROM new.a)",
        procedure: { name: "trg.audit", arguments: "'x', 'it''s'" },
      },
      t_stmt: { timing: "before", events: ["insert", "delete", "truncate"], procedure: "trg.audit", enabled: "disabled" },
      t_con: {
        timing: "after",
        events: ["insert"],
        level: "row",
        procedure: "trg.audit",
        constraint: true,
        deferrable: true,
        initially_deferred: true,
      },
      t_trans: { timing: "after", events: ["insert"], procedure: "trg.audit", referencing_new: "newrows", description: "batch" },
    });
  });

  it("lists a foreign key's internal triggers nowhere", async () => {
    const schema = await schemaFrom(db.url, "fktrg", "CREATE TABLE p (id int PRIMARY KEY); CREATE TABLE c (p int REFERENCES p);", bare);
    expect(schema.tables?.p?.triggers).toBeUndefined();
    expect(schema.tables?.c?.triggers).toBeUndefined();
  });
});

describe("functions and procedures", () => {
  it("reads language, result, body, arguments with defaults and OUT, volatility, strictness, cost, rows, settings", async () => {
    const schema = await schemaFrom(
      db.url,
      "fn",
      `
      CREATE FUNCTION add(a integer, b integer DEFAULT 1) RETURNS integer LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE RETURN a + b;
      CREATE FUNCTION cnt() RETURNS SETOF integer LANGUAGE sql STABLE ROWS 10 COST 5 AS $$ SELECT 1 $$;
      CREATE FUNCTION sec(x text) RETURNS text LANGUAGE plpgsql SECURITY DEFINER LEAKPROOF SET search_path = pg_catalog AS $$BEGIN RETURN x; END$$;
      CREATE FUNCTION outs(IN a int, OUT b int, OUT c text) LANGUAGE sql AS $$ SELECT a, 'x' $$;
      CREATE FUNCTION tab() RETURNS TABLE(x int) LANGUAGE sql AS $$ SELECT 1 $$;
      CREATE PROCEDURE proc(a int) LANGUAGE plpgsql AS $$BEGIN NULL; END$$;
      CREATE PROCEDURE atomic_proc(a int) LANGUAGE sql BEGIN ATOMIC SELECT a; END;
      COMMENT ON FUNCTION add(integer, integer) IS 'sum';`,
      bare,
    );
    expect(schema.functions).toEqual({
      "add(a integer, b integer)": {
        language: "sql",
        returns: "integer",
        source: "RETURN (a + b)",
        allargs: "a integer, b integer DEFAULT 1",
        volatility: "immutable",
        strict: true,
        parallel: "safe",
        description: "sum",
      },
      "cnt()": { language: "sql", returns: "SETOF integer", source: " SELECT 1 ", volatility: "stable", rows: 10, cost: 5 },
      "sec(x text)": {
        language: "plpgsql",
        returns: "text",
        source: "BEGIN RETURN x; END",
        security_definer: true,
        leakproof: true,
        configuration: ["search_path=pg_catalog"],
      },
      // The identity arguments, as ALTER FUNCTION takes them, include OUT arguments.
      "outs(a integer, OUT b integer, OUT c text)": { language: "sql", returns: "record", source: " SELECT a, 'x' " },
      "tab()": { language: "sql", returns: "TABLE(x integer)", source: " SELECT 1 " },
    });
    // A procedure's identity arguments carry their mode (OUT ones identify it since PostgreSQL 14).
    expect(schema.procedures?.["proc(IN a integer)"]).toEqual({ language: "plpgsql", source: "BEGIN NULL; END" });
    const atomic = schema.procedures?.["atomic_proc(IN a integer)"];
    expect(atomic?.language).toBe("sql");
    // The body as the server stores and deparses it: target columns get their names.
    expect(atomic?.source).toBe("BEGIN ATOMIC\n SELECT a AS a;\nEND");
  });
});

describe("types and domains", () => {
  it("reads enums, composite types, ranges (never their multiranges) and domains", async () => {
    const schema = await schemaFrom(
      db.url,
      "ty",
      `
      CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
      ALTER TYPE mood ADD VALUE 'meh' BEFORE 'ok';
      COMMENT ON TYPE mood IS 'feelings';
      CREATE TYPE pair AS (x integer, y text COLLATE "C");
      CREATE TYPE floatrange AS RANGE (subtype = float8, subtype_diff = float8mi);
      CREATE DOMAIN posint AS integer NOT NULL DEFAULT 1 CONSTRAINT posint_check CHECK (VALUE > 0);
      CREATE DOMAIN code AS text COLLATE "C";`,
      bare,
    );
    expect(schema.types).toEqual({
      mood: { labels: ["sad", "meh", "ok", "happy"], description: "feelings" },
      pair: {
        attributes: [
          { name: "x", type: "integer" },
          { name: "y", type: "text", collation: "C" },
        ],
      },
      floatrange: { subtype: "double precision", subtype_diff: "float8mi" },
    });
    // PostgreSQL makes floatmultirange and the constructor functions itself.
    expect(schema.functions).toBeUndefined();
    expect(schema.domains).toEqual({
      posint: { type: "integer", not_null: true, default: "1", check_constraints: { posint_check: { expression: "(VALUE > 0)" } } },
      code: { type: "text", collation: "C" },
    });
  });
});

describe("base types", () => {
  it("reads a base type's support functions and storage, and the functions as functions", async () => {
    const schema = await schemaFrom(
      db.url,
      "bt",
      `
      CREATE TYPE mytext;
      CREATE FUNCTION mytext_in(cstring) RETURNS mytext LANGUAGE internal IMMUTABLE STRICT AS 'textin';
      CREATE FUNCTION mytext_out(mytext) RETURNS cstring LANGUAGE internal IMMUTABLE STRICT AS 'textout';
      CREATE TYPE mytext (INPUT = mytext_in, OUTPUT = mytext_out, INTERNALLENGTH = VARIABLE, STORAGE = extended, CATEGORY = 'S');`,
      bare,
    );
    // Variable-length types align on int4 unless told otherwise.
    expect(schema.types?.mytext).toEqual({
      input: "bt.mytext_in",
      output: "bt.mytext_out",
      internallength: "variable",
      alignment: "int4",
      storage: "extended",
      category: "S",
    });
    expect(schema.functions?.["mytext_in(cstring)"]).toEqual({
      language: "internal",
      returns: "bt.mytext",
      source: "textin",
      volatility: "immutable",
      strict: true,
    });
    // The array type PostgreSQL makes (_mytext) is not a type of its own.
    expect(Object.keys(schema.types ?? {})).toEqual(["mytext"]);
  });
});
