import { beforeAll, describe, expect, it } from "vitest";
import { ensureRole, execute } from "@pgvc/testkit";
import { useTestDatabase } from "@pgvc/testkit/vitest";
import { introspectUrl } from "./helpers.js";

// Filters, owners, privileges and what is never listed, on one database
// built once.
const db = useTestDatabase();
let user = "";

async function setUp(): Promise<void> {
  for (const role of ["intro_alice", "intro_bob", "intro_carol"]) await ensureRole(db.url, role);
  const [result] = await execute(db.url, "SELECT current_user AS u");
  user = (result?.rows[0] as { u: string }).u;
  await execute(
    db.url,
    `
    CREATE SCHEMA s_a; CREATE SCHEMA s_b; CREATE SCHEMA s_c;
    COMMENT ON SCHEMA s_a IS 'first';
    CREATE TABLE s_a.t1 (id serial PRIMARY KEY);
    CREATE TABLE s_a.t2 (id int);
    CREATE TABLE s_b.t2 (id bigint GENERATED ALWAYS AS IDENTITY);
    CREATE VIEW s_b.v AS SELECT 1 AS one;
    CREATE FUNCTION s_a.f() RETURNS int LANGUAGE sql AS 'SELECT 1';
    CREATE TYPE s_c.color AS ENUM ('red');
    CREATE SEQUENCE s_c.free;
    GRANT SELECT, INSERT ON s_a.t1 TO intro_alice;
    GRANT UPDATE ON s_a.t1 TO intro_bob WITH GRANT OPTION;
    GRANT SELECT ON s_a.t1 TO PUBLIC;
    GRANT UPDATE (id) ON s_a.t2 TO intro_alice;
    GRANT USAGE ON SCHEMA s_b TO intro_carol;
    REVOKE EXECUTE ON FUNCTION s_a.f() FROM PUBLIC;
    GRANT USAGE ON SEQUENCE s_c.free TO intro_carol;
    GRANT ALL ON SEQUENCE s_c.free TO intro_alice;
    GRANT USAGE ON SCHEMA s_a TO intro_bob;
    SET ROLE intro_bob;
    GRANT UPDATE ON s_a.t1 TO intro_carol;
    RESET ROLE;
    CREATE SCHEMA ext; CREATE EXTENSION hstore SCHEMA ext;
    CREATE TABLE s_c.kv (h ext.hstore);`,
  );
}

function keysDeep(value: unknown, key: string): number {
  if (Array.isArray(value)) return value.reduce((n: number, v) => n + keysDeep(v, key), 0);
  if (typeof value !== "object" || value === null) return 0;
  return Object.entries(value).reduce((n, [k, v]) => n + (k === key ? 1 : 0) + keysDeep(v, key), 0);
}

describe("scope", () => {
  beforeAll(setUp);

  it("reads privileges as Pyrseas lists: all, grant options, grantors, PUBLIC, columns, revoked defaults", async () => {
    const model = await introspectUrl(db.url, { schemas: ["s_a", "s_b", "s_c"], noOwner: true });
    const byGrantee = (list: unknown) =>
      Object.fromEntries((list as Record<string, unknown>[]).map((e) => Object.entries(e)[0] as [string, unknown]));
    expect(byGrantee(model.schemas.s_a?.tables?.t1?.privileges)).toEqual({
      PUBLIC: ["select"],
      intro_alice: ["insert", "select"],
      intro_bob: [{ update: { grantable: true } }],
      intro_carol: { grantor: "intro_bob", privs: ["update"] },
      [user]: ["all"],
    });
    const grantees = (model.schemas.s_a?.tables?.t1?.privileges ?? []).map((e) => Object.keys(e)[0] as string);
    expect(grantees).toEqual([...grantees].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    expect(model.schemas.s_a?.tables?.t2?.columns?.[0]?.privileges).toEqual([{ intro_alice: ["update"] }]);
    expect(model.schemas.s_a?.tables?.t2?.privileges).toBeUndefined();
    // EXECUTE is every privilege a function has: `all`, as for any object type.
    expect(model.schemas.s_a?.functions?.["f()"]?.privileges).toEqual([{ [user]: ["all"] }]);
    expect(byGrantee(model.schemas.s_c?.sequences?.free?.privileges)).toEqual({
      intro_alice: ["all"],
      intro_carol: ["usage"],
      [user]: ["all"],
    });
    expect(byGrantee(model.schemas.s_b?.privileges)).toEqual({ intro_carol: ["usage"], [user]: ["all"] });
    expect(keysDeep(model, "owner")).toBe(0);
  });

  it("reads owners unless told not to, and no privileges with noPrivileges", async () => {
    const model = await introspectUrl(db.url, { schemas: ["s_a"], noPrivileges: true });
    expect(model.schemas.s_a?.owner).toBe(user);
    expect(model.schemas.s_a?.tables?.t1?.owner).toBe(user);
    expect(keysDeep(model, "privileges")).toBe(0);
  });

  it("reads only the schemas asked for, and no extensions then", async () => {
    const model = await introspectUrl(db.url, { schemas: ["s_a"] });
    expect(Object.keys(model.schemas)).toEqual(["s_a"]);
    expect(model.extensions).toBeUndefined();
    const all = await introspectUrl(db.url, { excludeSchemas: ["s_b"] });
    expect(Object.keys(all.schemas).sort()).toEqual(["ext", "public", "s_a", "s_c"]);
  });

  it("never lists system schemas, nor what an extension owns", async () => {
    const model = await introspectUrl(db.url);
    expect(Object.keys(model.schemas).sort()).toEqual(["ext", "public", "s_a", "s_b", "s_c"]);
    expect(model.schemas.ext).toEqual({ owner: user });
    expect(model.extensions?.hstore?.schema).toBe("ext");
    expect(model.extensions?.plpgsql).toBeDefined();
    expect(model.languages).toBeUndefined();
    expect(model.schemas.s_c?.tables?.kv?.columns).toEqual([{ name: "h", type: "ext.hstore" }]);
    expect(model.dependencies?.["table s_c.kv"]).toContain("extension hstore");
  });

  it("reads only the tables asked for, with their owned sequences and schemas, and nothing else", async () => {
    const model = await introspectUrl(db.url, { tables: ["s_a.t1", "t2"] });
    expect(Object.keys(model.schemas).sort()).toEqual(["s_a", "s_b"]);
    expect(model.schemas.s_a?.description).toBe("first");
    expect(Object.keys(model.schemas.s_a?.tables ?? {})).toEqual(["t1", "t2"]);
    expect(Object.keys(model.schemas.s_a?.sequences ?? {})).toEqual(["t1_id_seq"]);
    expect(model.schemas.s_a?.functions).toBeUndefined();
    expect(Object.keys(model.schemas.s_b?.tables ?? {})).toEqual(["t2"]);
    expect(Object.keys(model.schemas.s_b?.sequences ?? {})).toEqual(["t2_id_seq"]);
    expect(model.schemas.s_b?.views).toBeUndefined();
    expect(model.extensions).toBeUndefined();
  });

  it("leaves out excluded tables and the sequences they own", async () => {
    const model = await introspectUrl(db.url, { schemas: ["s_a", "s_b"], excludeTables: ["s_a.t1", "v"] });
    expect(Object.keys(model.schemas.s_a?.tables ?? {})).toEqual(["t2"]);
    expect(model.schemas.s_a?.sequences).toBeUndefined();
    expect(model.schemas.s_a?.functions?.["f()"]).toBeDefined();
    expect(model.schemas.s_b?.views).toBeUndefined();
  });

  it("gives the same names whatever the session's search_path, and restores it", async () => {
    const { connect, resolveConnection } = await import("@pgvc/core");
    const { introspect } = await import("@pgvc/introspect");
    const session = await connect(resolveConnection({ dbname: db.url }, {}));
    try {
      await session.query("SET search_path = s_c, ext, public");
      const model = await introspect(session, { schemas: ["s_c"] });
      expect(model.schemas.s_c?.tables?.kv?.columns).toEqual([{ name: "h", type: "ext.hstore" }]);
      const { rows } = await session.query<{ search_path: string }>("SHOW search_path");
      expect(rows[0]?.search_path).toBe("s_c, ext, public");
    } finally {
      await session.close();
    }
  });
});
