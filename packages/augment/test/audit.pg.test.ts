// Each audit kind added to tables that already hold rows, once through the
// SQL of `dbaugment --sql` and once through its YAML piped to `yamltodb -u`;
// then INSERT and UPDATE as other roles (SET ROLE), and the values the
// triggers stored; then a second run, which has nothing left to do.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Session } from "@pgvc/core";
import { execute } from "@pgvc/testkit";
import { useTestDatabase } from "@pgvc/testkit/vitest";
import { dbaugment } from "@pgvc/augment";
import { asRole, augmentThroughYamltodb, dbaugmentBin, openSession, rows, run, yamltodbBin } from "./helpers.js";

const db = useTestDatabase("augment");
const suffix = randomBytes(3).toString("hex");
const clerk = `aug_clerk_${suffix}`;
const manager = `aug_manager_${suffix}`;
const kinds = ["default", "modified_only", "full", "created_date_only"] as const;
let session: Session;
let me: string;

const specFor = (schema: string) => `schema ${schema}:\n${kinds.map((k) => `  table t_${k}:\n    audit_columns: ${k}\n`).join("")}`;

beforeAll(async () => {
  const tables = (schema: string) =>
    kinds
      .map(
        (k) =>
          `CREATE TABLE ${schema}.t_${k} (id integer PRIMARY KEY, note text); INSERT INTO ${schema}.t_${k} VALUES (1, 'old'), (2, 'old');`,
      )
      .join("\n");
  await execute(
    db.url,
    `CREATE ROLE ${clerk} NOLOGIN; CREATE ROLE ${manager} NOLOGIN;
     CREATE SCHEMA bysql; CREATE SCHEMA byyaml; ${tables("bysql")} ${tables("byyaml")}
     GRANT USAGE ON SCHEMA bysql, byyaml TO ${clerk}, ${manager};
     GRANT ALL ON ALL TABLES IN SCHEMA bysql, byyaml TO ${clerk}, ${manager};`,
  );
  session = await openSession(db.url);
  me = (await rows<{ u: string }>(session, "SELECT current_user AS u"))[0]!.u;
});

afterAll(async () => {
  await session?.close();
  await execute(db.url, `DROP OWNED BY ${clerk}, ${manager}; DROP ROLE IF EXISTS ${clerk}; DROP ROLE IF EXISTS ${manager};`);
});

/** A row's audit columns as text (timestamps at full precision), and how its times compare. */
async function audit(table: string, id: number): Promise<Record<string, string | boolean | null>> {
  const cols = await rows<{ attname: string }>(
    session,
    "SELECT attname FROM pg_catalog.pg_attribute WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped AND attname NOT IN ('id', 'note') ORDER BY attnum",
    [table],
  );
  const list = cols.map((c) => `${c.attname}::text AS ${c.attname}`).join(", ");
  return (await rows<Record<string, string>>(session, `SELECT ${list} FROM ${table} WHERE id = $1`, [id]))[0] ?? {};
}

async function isLater(later: string | boolean | null | undefined, earlier: string | boolean | null | undefined): Promise<boolean> {
  return (await rows<{ r: boolean }>(session, "SELECT $1::timestamptz > $2::timestamptz AS r", [later, earlier]))[0]!.r;
}

describe("dbaugment on tables that hold rows", () => {
  it("adds every kind through the SQL of --sql, with defaults that fill the rows before NOT NULL applies", async () => {
    const result = await dbaugment({ connection: { dbname: db.url }, sql: true, stdin: async () => specFor("bysql") });
    expect(result.text).toContain(
      "ALTER TABLE bysql.t_full ADD COLUMN created_by_user character varying(63) DEFAULT CURRENT_USER NOT NULL;",
    );
    expect(result.text).toContain(
      "ALTER TABLE bysql.t_modified_only ADD COLUMN modified_timestamp timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL;",
    );
    expect(result.text).toContain("    SET search_path TO 'pg_catalog', 'bysql'");
    await execute(db.url, result.text);
  });

  it("adds every kind through the YAML piped to yamltodb -u", async () => {
    const { augment, apply } = await augmentThroughYamltodb(db.url, specFor("byyaml"));
    expect(augment.stderr).toBe("");
    expect(augment.stdout).toContain("  table t_full:\n");
    expect([augment.code, apply.code, apply.stderr]).toEqual([0, 0, expect.stringContaining("the database matches the schema")]);
  });

  describe.each(["bysql", "byyaml"])("in schema %s", (schema) => {
    it("creates the functions in the table's schema, SECURITY DEFINER with a fixed search_path", async () => {
      const fns = await rows<{ proname: string; prosecdef: boolean; proconfig: string[] }>(
        session,
        "SELECT proname, prosecdef, proconfig FROM pg_catalog.pg_proc WHERE pronamespace = $1::regnamespace ORDER BY proname",
        [schema],
      );
      const config = [`search_path=pg_catalog, ${schema}`];
      expect(fns).toEqual(
        ["audit_default", "audit_full", "audit_ip_address", "audit_modified", "audit_user"].map((proname) => ({
          proname,
          prosecdef: true,
          proconfig: config,
        })),
      );
    });

    it("default: the rows it found are stamped; INSERT and UPDATE record who and when", async () => {
      const table = `${schema}.t_default`;
      const old = await audit(table, 1);
      expect(old.modified_by_user).toBe(me);
      expect(old.modified_timestamp).not.toBeNull();
      await asRole(session, clerk, `INSERT INTO ${table} VALUES (10, 'new')`);
      const inserted = await audit(table, 10);
      expect(inserted.modified_by_user).toBe(clerk);
      await asRole(session, manager, `UPDATE ${table} SET note = 'changed' WHERE id = 10`);
      const updated = await audit(table, 10);
      expect(updated.modified_by_user).toBe(manager);
      expect(await isLater(updated.modified_timestamp, inserted.modified_timestamp)).toBe(true);
    });

    it("modified_only: the time of the last change, on INSERT and UPDATE", async () => {
      const table = `${schema}.t_modified_only`;
      expect(Object.keys(await audit(table, 1))).toEqual(["modified_timestamp"]);
      await asRole(session, clerk, `INSERT INTO ${table} VALUES (10, 'new')`);
      const inserted = await audit(table, 10);
      await asRole(session, manager, `UPDATE ${table} SET note = 'changed' WHERE id = 10`);
      expect(await isLater((await audit(table, 10)).modified_timestamp, inserted.modified_timestamp)).toBe(true);
    });

    it("full: who, from where and when, created and modified; an UPDATE cannot change the created values", async () => {
      const table = `${schema}.t_full`;
      const old = await audit(table, 2);
      expect(old).toMatchObject({
        created_by_user: me,
        modified_by_user: me,
        created_by_ip_address: "127.0.0.1/32",
        modified_by_ip_address: "127.0.0.1/32",
      });
      await asRole(session, clerk, `INSERT INTO ${table} VALUES (10, 'new')`);
      const inserted = await audit(table, 10);
      expect(inserted).toMatchObject({ created_by_user: clerk, modified_by_user: clerk, created_by_ip_address: "127.0.0.1/32" });
      expect(inserted.created_timestamp).toBe(inserted.modified_timestamp);
      await asRole(
        session,
        manager,
        `UPDATE ${table} SET note = 'changed', created_by_user = 'mallory', created_timestamp = '2000-01-01' WHERE id = 10`,
      );
      const updated = await audit(table, 10);
      expect(updated).toMatchObject({ created_by_user: clerk, modified_by_user: manager, created_timestamp: inserted.created_timestamp });
      expect(await isLater(updated.modified_timestamp, updated.created_timestamp)).toBe(true);
    });

    it("full: an application's own user and address (pyrseas.audit_user, pyrseas.audit_ip_address) win", async () => {
      const table = `${schema}.t_full`;
      await session.query("BEGIN");
      await session.query("SET LOCAL pyrseas.audit_user = 'web:ann'");
      await session.query("SET LOCAL pyrseas.audit_ip_address = '203.0.113.7'");
      await session.query(`INSERT INTO ${table} VALUES (11, 'from the web')`);
      await session.query("COMMIT");
      expect(await audit(table, 11)).toMatchObject({ created_by_user: "web:ann", created_by_ip_address: "203.0.113.7/32" });
    });

    it("created_date_only: today's date for the rows it found and new ones, no trigger", async () => {
      const table = `${schema}.t_created_date_only`;
      await asRole(session, clerk, `INSERT INTO ${table} VALUES (10, 'new')`);
      const today = (await rows<{ d: string }>(session, "SELECT CURRENT_DATE::text AS d"))[0]!.d;
      expect([(await audit(table, 1)).created_date, (await audit(table, 10)).created_date]).toEqual([today, today]);
      const triggers = await rows(session, "SELECT 1 FROM pg_catalog.pg_trigger WHERE tgrelid = $1::regclass", [table]);
      expect(triggers).toEqual([]);
    });
  });

  it("a second run changes nothing: --sql prints nothing, and yamltodb prints nothing for the YAML", async () => {
    const spec = specFor("bysql") + specFor("byyaml");
    const again = await dbaugment({ connection: { dbname: db.url }, sql: true, stdin: async () => spec });
    expect(again.text).toBe("");
    const yaml = await run(dbaugmentBin, ["-O", "-x", db.url], spec);
    expect(yaml.code).toBe(0);
    expect(await run(yamltodbBin, [db.url], yaml.stdout)).toEqual({ code: 0, stdout: "", stderr: "" });
    const withOwners = await run(dbaugmentBin, [db.url], spec);
    expect(await run(yamltodbBin, [db.url], withOwners.stdout)).toEqual({ code: 0, stdout: "", stderr: "" });
  });
});
