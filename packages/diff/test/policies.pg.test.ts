// Row-level security policies, migrated on a real server and read back.
import { beforeAll, describe, expect, it } from "vitest";
import { ensureRole, testServerUrl } from "@pgvc/testkit";
import { roundTrip } from "./roundtrip.js";

const reader = "pgvc_pol_reader";
const writer = "pgvc_pol_writer";

const base = `CREATE SCHEMA app;
CREATE TABLE app.doc (id integer PRIMARY KEY, owner_name text, body text);
`;
const rls = `${base}ALTER TABLE app.doc ENABLE ROW LEVEL SECURITY;\n`;
const read = `${rls}CREATE POLICY doc_read ON app.doc FOR SELECT TO ${reader} USING (true);`;

describe("policies", () => {
  beforeAll(async () => {
    await ensureRole(testServerUrl(), reader);
    await ensureRole(testServerUrl(), writer);
  });

  it("enables row-level security and creates policies, permissive and restrictive", async () => {
    const after = `${rls}ALTER TABLE app.doc FORCE ROW LEVEL SECURITY;
      CREATE POLICY doc_read ON app.doc FOR SELECT TO ${reader} USING (true);
      CREATE POLICY doc_own ON app.doc AS RESTRICTIVE FOR UPDATE TO ${writer}, ${reader}
        USING (owner_name = current_user) WITH CHECK (owner_name = current_user);
      CREATE POLICY doc_all ON app.doc USING (body IS NOT NULL);`;
    expect((await roundTrip(base, after)).sql).toEqual([
      "ALTER TABLE app.doc ENABLE ROW LEVEL SECURITY",
      "ALTER TABLE app.doc FORCE ROW LEVEL SECURITY",
      "CREATE POLICY doc_all ON app.doc FOR ALL TO PUBLIC USING ((body IS NOT NULL))",
      `CREATE POLICY doc_own ON app.doc AS RESTRICTIVE FOR UPDATE TO ${reader}, ${writer} USING ((owner_name = CURRENT_USER)) WITH CHECK ((owner_name = CURRENT_USER))`,
      `CREATE POLICY doc_read ON app.doc FOR SELECT TO ${reader} USING (true)`,
    ]);
  });

  it("drops a policy and turns row-level security off", async () => {
    expect((await roundTrip(read, base)).sql).toEqual([
      "DROP POLICY doc_read ON app.doc",
      "ALTER TABLE app.doc DISABLE ROW LEVEL SECURITY",
    ]);
  });

  it("alters roles and expressions with ALTER POLICY", async () => {
    const after = `${rls}CREATE POLICY doc_read ON app.doc FOR SELECT TO ${reader}, ${writer} USING (body IS NOT NULL);`;
    expect((await roundTrip(read, after)).sql).toEqual([
      `ALTER POLICY doc_read ON app.doc TO ${reader}, ${writer} USING ((body IS NOT NULL))`,
    ]);
  });

  it("drops and creates a policy whose command or kind changes, keeping its comment", async () => {
    const comment = "COMMENT ON POLICY doc_read ON app.doc IS 'readers';";
    const after = `${rls}CREATE POLICY doc_read ON app.doc AS RESTRICTIVE FOR ALL TO ${reader} USING (true);${comment}`;
    expect((await roundTrip(read + comment, after)).sql).toEqual([
      "DROP POLICY doc_read ON app.doc",
      `CREATE POLICY doc_read ON app.doc AS RESTRICTIVE FOR ALL TO ${reader} USING (true)`,
      "COMMENT ON POLICY doc_read ON app.doc IS 'readers'",
    ]);
  });

  it("drops and creates a policy that loses its WITH CHECK (ALTER POLICY cannot remove it)", async () => {
    const before = `${rls}CREATE POLICY doc_write ON app.doc FOR INSERT WITH CHECK (body IS NOT NULL);`;
    const after = `${rls}CREATE POLICY doc_write ON app.doc FOR INSERT WITH CHECK (true);`;
    expect((await roundTrip(before, after)).sql).toEqual(["ALTER POLICY doc_write ON app.doc WITH CHECK (true)"]);
    const open = `${rls}CREATE POLICY doc_write ON app.doc FOR ALL USING (true) WITH CHECK (body IS NOT NULL);`;
    const loose = `${rls}CREATE POLICY doc_write ON app.doc FOR ALL USING (true);`;
    expect((await roundTrip(open, loose)).sql).toEqual([
      "DROP POLICY doc_write ON app.doc",
      "CREATE POLICY doc_write ON app.doc FOR ALL TO PUBLIC USING (true)",
    ]);
  });

  it("renames a policy with ALTER POLICY ... RENAME TO (oldname)", async () => {
    const after = read.replace("POLICY doc_read", "POLICY doc_select");
    const { sql } = await roundTrip(read, after, {
      editTarget: (to) => {
        const policy = to.schemas.app?.tables?.doc?.policies?.doc_select;
        if (policy) (policy as { oldname?: string }).oldname = "doc_read";
      },
    });
    expect(sql).toEqual(["ALTER POLICY doc_read ON app.doc RENAME TO doc_select"]);
  });
});

describe("policies and column changes", () => {
  it("re-creates a policy around a type change of a column it uses", async () => {
    const before = `${rls}CREATE POLICY doc_own ON app.doc USING (owner_name = current_user);`;
    const after = before.replace("owner_name text", "owner_name character varying(63)");
    const { sql } = await roundTrip(before, after);
    expect(sql.map((s) => s.split("\n")[0])).toEqual([
      "DROP POLICY doc_own ON app.doc",
      "ALTER TABLE app.doc ALTER COLUMN owner_name TYPE character varying(63)",
      "CREATE POLICY doc_own ON app.doc FOR ALL TO PUBLIC USING (((owner_name)::text = CURRENT_USER))",
    ]);
  });
});

describe("policies and dropped columns", () => {
  it("drops a policy before a column it used, and creates its new form after", async () => {
    const before = `${rls}CREATE POLICY doc_own ON app.doc USING (owner_name = current_user);`;
    const after = `CREATE SCHEMA app;
      CREATE TABLE app.doc (id integer PRIMARY KEY, body text);
      ALTER TABLE app.doc ENABLE ROW LEVEL SECURITY;
      CREATE POLICY doc_own ON app.doc USING (body IS NOT NULL);`;
    const { sql } = await roundTrip(before, after);
    expect(sql).toEqual([
      "DROP POLICY doc_own ON app.doc",
      "ALTER TABLE app.doc DROP COLUMN owner_name",
      "CREATE POLICY doc_own ON app.doc FOR ALL TO PUBLIC USING ((body IS NOT NULL))",
    ]);
  });
});
