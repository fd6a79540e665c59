import { resolveConnection } from "@pgvc/core";
import { introspectSnapshot } from "@pgvc/introspect";
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
