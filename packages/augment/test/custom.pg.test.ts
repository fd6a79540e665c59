// The augmenter section on a real server: renamed columns, a custom audit
// kind with its own template, where the audit trigger fires among the
// table's own triggers, a spec that changes what an earlier run made, and
// bad specs as the command reports them.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Session } from "@pgvc/core";
import { execute } from "@pgvc/testkit";
import { useTestDatabase } from "@pgvc/testkit/vitest";
import { dbaugment } from "@pgvc/augment";
import { asRole, augmentThroughYamltodb, dbaugmentBin, openSession, rows, run } from "./helpers.js";

const db = useTestDatabase("augment");
const clerk = `aug_clerk_${randomBytes(3).toString("hex")}`;
const work = mkdtempSync(join(tmpdir(), "dbaugment-"));
let session: Session;

beforeAll(async () => {
  await execute(
    db.url,
    `CREATE ROLE ${clerk} NOLOGIN;
     CREATE SCHEMA app;
     CREATE TABLE app.orders (id integer PRIMARY KEY, status text);
     CREATE TABLE app.invoice (id integer PRIMARY KEY, amount numeric);
     CREATE TABLE app.ticket (id integer PRIMARY KEY, title text);
     INSERT INTO app.orders VALUES (1, 'new'); INSERT INTO app.invoice VALUES (1, 10); INSERT INTO app.ticket VALUES (1, 'x');
     -- a trigger of the table's own that tries to set the audit column: the audit trigger fires after it
     CREATE FUNCTION app.backdate() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN NEW.updated := '2000-01-01'; RETURN NEW; END$$;
     GRANT USAGE ON SCHEMA app TO ${clerk}; GRANT ALL ON ALL TABLES IN SCHEMA app TO ${clerk};`,
  );
  session = await openSession(db.url);
});

afterAll(async () => {
  await session?.close();
  await execute(db.url, `DROP OWNED BY ${clerk}; DROP ROLE IF EXISTS ${clerk};`);
  rmSync(work, { recursive: true, force: true });
});

const renamed = `augmenter:
  columns:
    modified_timestamp:
      name: updated
    modified_by_user:
      name: updated_by
schema app:
  table orders:
    audit_columns: default
`;

const versioned = `augmenter:
  columns:
    row_version:
      type: integer
      not_null: true
      default: '1'
  function_templates:
    bump: |
      BEGIN
        IF TG_OP = 'UPDATE' THEN
          NEW.{{row_version}} := OLD.{{row_version}} + 1;
        END IF;
        RETURN NEW;
      END;
  functions:
    bump_version():
      language: plpgsql
      returns: trigger
      source: '{{bump}}'
  triggers:
    bump:
      name: '{{table_name}}_bump'
      procedure: bump_version()
  audit_columns:
    versioned:
      columns: [row_version, modified_timestamp]
      triggers: [bump, audit_modified_only]
schema app:
  table invoice:
    audit_columns: versioned
`;

const columnsOf = async (table: string) =>
  (
    await rows<{ attname: string }>(
      session,
      "SELECT attname FROM pg_catalog.pg_attribute WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum",
      [table],
    )
  ).map((r) => r.attname);

describe("the augmenter section", () => {
  it("renames predefined columns in the table and in the trigger function", async () => {
    const { apply } = await augmentThroughYamltodb(db.url, renamed);
    expect(apply.code).toBe(0);
    expect(await columnsOf("app.orders")).toEqual(["id", "status", "updated_by", "updated"]);
    await asRole(session, clerk, "UPDATE app.orders SET status = 'paid' WHERE id = 1");
    const [row] = await rows<{ updated_by: string; recent: boolean }>(
      session,
      "SELECT updated_by, updated > '2001-01-01' AS recent FROM app.orders WHERE id = 1",
    );
    expect(row).toEqual({ updated_by: clerk, recent: true });
  });

  it("fires the audit trigger after the table's own BEFORE triggers (name order), so its values stand", async () => {
    await execute(db.url, "CREATE TRIGGER orders_backdate BEFORE UPDATE ON app.orders FOR EACH ROW EXECUTE FUNCTION app.backdate()");
    await session.query("UPDATE app.orders SET status = 'shipped' WHERE id = 1");
    const [row] = await rows<{ recent: boolean }>(session, "SELECT updated > '2001-01-01' AS recent FROM app.orders WHERE id = 1");
    expect(row?.recent).toBe(true);
  });

  it("adds a custom kind: its own column, template and trigger beside a predefined one", async () => {
    const result = await dbaugment({ connection: { dbname: db.url }, sql: true, stdin: async () => versioned });
    expect(result.text).toContain("ALTER TABLE app.invoice ADD COLUMN row_version integer DEFAULT 1 NOT NULL;");
    expect(result.text).toContain("NEW.row_version := OLD.row_version + 1;");
    await execute(db.url, result.text);
    await asRole(session, clerk, "UPDATE app.invoice SET amount = 11 WHERE id = 1");
    await asRole(session, clerk, "UPDATE app.invoice SET amount = 12 WHERE id = 1");
    const [row] = await rows<{ row_version: number }>(session, "SELECT row_version FROM app.invoice WHERE id = 1");
    expect(row?.row_version).toBe(3);
    const triggers = await rows<{ tgname: string }>(
      session,
      "SELECT tgname FROM pg_catalog.pg_trigger WHERE tgrelid = 'app.invoice'::regclass ORDER BY tgname",
    );
    expect(triggers.map((t) => t.tgname)).toEqual(["invoice_bump", "zz_audit_modified_only"]);
    expect((await dbaugment({ connection: { dbname: db.url }, sql: true, stdin: async () => versioned })).text).toBe("");
  });

  it("changes what an earlier run made when the spec changes it", async () => {
    const changed = renamed.replace("      name: updated\n", "      name: updated\n      type: timestamp(0) with time zone\n");
    const result = await dbaugment({ connection: { dbname: db.url }, sql: true, stdin: async () => changed });
    expect(result.text).toContain("ALTER TABLE app.orders ALTER COLUMN updated TYPE timestamp(0) with time zone");
    await execute(db.url, result.text);
    expect((await dbaugment({ connection: { dbname: db.url }, sql: true, stdin: async () => changed })).text).toBe("");
    const template = `augmenter:\n  function_templates:\n    functempl_audit_modified: |\n      BEGIN\n        NEW.{{modified_timestamp}} := statement_timestamp();\n        RETURN NEW;\n      END;\nschema app:\n  table ticket:\n    audit_columns: modified_only\n`;
    await execute(db.url, (await dbaugment({ connection: { dbname: db.url }, sql: true, stdin: async () => template })).text);
    const [fn] = await rows<{ src: string }>(
      session,
      "SELECT prosrc AS src FROM pg_catalog.pg_proc WHERE oid = 'app.audit_modified()'::regprocedure",
    );
    expect(fn?.src).toContain("NEW.modified_timestamp := statement_timestamp();");
  });

  it("moves a table to another kind: the old kind's trigger is dropped, its column and data stay", async () => {
    const spec = "schema app:\n  table ticket:\n    audit_columns: default\n";
    const result = await dbaugment({ connection: { dbname: db.url }, sql: true, stdin: async () => spec });
    expect(result.text).toContain("DROP TRIGGER zz_audit_modified_only ON app.ticket;");
    await execute(db.url, result.text);
    const triggers = await rows<{ tgname: string }>(
      session,
      "SELECT tgname FROM pg_catalog.pg_trigger WHERE tgrelid = 'app.ticket'::regclass ORDER BY tgname",
    );
    expect(triggers.map((t) => t.tgname)).toEqual(["zz_audit_default"]);
    expect(await columnsOf("app.ticket")).toEqual(["id", "title", "modified_timestamp", "modified_by_user"]);
  });
});

describe("names that SQL must quote", () => {
  it("adds full to a table of a schema whose names need quotes, and a second run changes nothing", async () => {
    await execute(
      db.url,
      `CREATE SCHEMA "Sales Dept"; CREATE TABLE "Sales Dept"."Order" (id integer); INSERT INTO "Sales Dept"."Order" VALUES (1);`,
    );
    const spec = "schema Sales Dept:\n  table Order:\n    audit_columns: full\n";
    const first = await dbaugment({ connection: { dbname: db.url }, sql: true, stdin: async () => spec });
    expect(first.text).toContain(`SET search_path TO 'pg_catalog', 'Sales Dept'`);
    await execute(db.url, first.text);
    await session.query(`INSERT INTO "Sales Dept"."Order" VALUES (2)`);
    const [row] = await rows<{ ok: boolean }>(
      session,
      `SELECT created_by_user = current_user AND created_timestamp IS NOT NULL AS ok FROM "Sales Dept"."Order" WHERE id = 2`,
    );
    expect(row?.ok).toBe(true);
    expect((await dbaugment({ connection: { dbname: db.url }, sql: true, stdin: async () => spec })).text).toBe("");
  });
});

describe("bad specs", () => {
  it("a table the database does not have: exit 3 with the spec's file:line:col", async () => {
    writeFileSync(join(work, "audit.yaml"), "schema app:\n  table ordrs:\n    audit_columns: full\n");
    const result = await run(dbaugmentBin, [db.url, "audit.yaml"], "", work);
    expect(result).toEqual({
      code: 3,
      stdout: "",
      stderr: expect.stringContaining('audit.yaml:2:3: table app.ordrs is not in the database (did you mean "orders"?)'),
    });
  });

  it("an unknown audit kind is reported before the database is reached", async () => {
    const result = await run(
      dbaugmentBin,
      ["postgres://nobody@127.0.0.1:1/none"],
      "schema app:\n  table orders:\n    audit_columns: modified\n",
    );
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('<stdin>:3:20: unknown audit kind "modified" (did you mean "modified_only"?)');
  });
});
