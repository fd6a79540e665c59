import { connect, resolveConnection } from "@pgvc/core";
import { introspect, introspectSnapshot, readSnapshot } from "@pgvc/introspect";
import { ensureRole, execute } from "@pgvc/testkit";
import { useTestDatabase } from "@pgvc/testkit/vitest";
import { describe, expect, it } from "vitest";

const db = useTestDatabase();

/** Wait until the role's sessions have ended: a closed connection's server process leaves a moment later. */
async function gone(role: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const [result] = await execute(db.url, `SELECT count(*)::int AS n FROM pg_catalog.pg_stat_activity WHERE usename = '${role}'`);
    if ((result?.rows[0] as { n: number }).n === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`sessions of ${role} still open after 5 s`);
}

describe("introspectSnapshot", () => {
  it("reads over one connection when the server refuses a second", async () => {
    // A role allowed one connection: of the two opened together, one is refused.
    const role = "pgvc_one_connection";
    await ensureRole(db.url, role, { login: true, password: "one" });
    await execute(db.url, `ALTER ROLE ${role} CONNECTION LIMIT 1; CREATE TABLE public.t (id int); GRANT SELECT ON public.t TO ${role}`);
    const url = new URL(db.url);
    url.username = role;
    url.password = "one";
    const connection = resolveConnection({ dbname: url.toString() });
    // The refused one is either; several runs meet both orders.
    for (let i = 0; i < 8; i++) {
      await gone(role);
      const model = await introspectSnapshot(connection, { dependencies: false });
      expect(Object.keys(model.schemas.public?.tables ?? {})).toEqual(["t"]);
    }
  });
});

describe("readSnapshot", () => {
  // A view over a table: pg_depend records that the view needs the table.
  const schema = "CREATE SCHEMA snap; CREATE TABLE snap.t (id int); CREATE VIEW snap.v AS SELECT id FROM snap.t;";

  it("hands over the model first and adds the dependencies read in the same snapshot", async () => {
    await execute(db.url, schema);
    const reading = readSnapshot(resolveConnection({ dbname: db.url }));
    const model = await reading.model;
    expect(Object.keys(model.schemas.snap?.tables ?? {})).toEqual(["t"]);
    expect(model.dependencies).toBeUndefined();
    const complete = await reading.complete;
    expect(complete).toBe(model);
    expect(complete.dependencies?.["view snap.v"]).toContain("table snap.t");
    // The same as reading everything at once.
    const session = await connect(resolveConnection({ dbname: db.url }));
    try {
      expect(complete).toEqual(await introspect(session));
    } finally {
      await session.close();
    }
    await execute(db.url, "DROP SCHEMA snap CASCADE");
  });

  it("abandoned after the model, leaves no session open on the server", async () => {
    const role = "pgvc_snapshot_reader";
    await ensureRole(db.url, role, { login: true, password: "reader" });
    await execute(db.url, `${schema} GRANT USAGE ON SCHEMA snap TO ${role}; GRANT SELECT ON ALL TABLES IN SCHEMA snap TO ${role};`);
    const url = new URL(db.url);
    url.username = role;
    url.password = "reader";
    const reading = readSnapshot(resolveConnection({ dbname: url.toString() }));
    await reading.model;
    reading.abandon();
    await expect(reading.complete).rejects.toThrow();
    await gone(role);
    await execute(db.url, "DROP SCHEMA snap CASCADE");
  });
});
