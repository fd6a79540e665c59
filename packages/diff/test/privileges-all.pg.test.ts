// What `all` means on a table depends on the server: PostgreSQL 17 added
// MAINTAIN to it. The diff expands `all` for the version the model was read from.
import { describe, expect, it } from "vitest";
import { connect, resolveConnection } from "@pgvc/core";
import { introspect } from "@pgvc/introspect";
import type { Database } from "@pgvc/model";
import { diffSchemas, runStatements, toSql } from "@pgvc/diff";
import { ensureRole, execute } from "@pgvc/testkit";
import { useTestDatabase } from "@pgvc/testkit/vitest";

const db = useTestDatabase();

async function read(): Promise<Database> {
  const session = await connect(resolveConnection({ dbname: db.url }));
  try {
    return await introspect(session);
  } finally {
    await session.close();
  }
}

function setPrivileges(model: Database, privileges: unknown): Database {
  const copy = structuredClone(model);
  const table = copy.schemas.app?.tables?.t as Record<string, unknown>;
  table.privileges = privileges;
  return copy;
}

describe("all on a table", () => {
  it("includes MAINTAIN from PostgreSQL 17 on, and converges", async () => {
    await ensureRole(db.url, "pgvc_all_reader");
    await execute(
      db.url,
      `CREATE SCHEMA app; CREATE TABLE app.t (id int);
       GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON app.t TO pgvc_all_reader`,
    );
    const from = await read();
    const owner = from.schemas.app?.tables?.t?.owner as string;
    const target = setPrivileges(from, [{ [owner]: ["all"] }, { pgvc_all_reader: ["all"] }]);
    const sql = toSql(diffSchemas(from, target));
    const major = Math.floor((from.serverVersionNum ?? 0) / 10000);
    expect(major).toBeGreaterThanOrEqual(14);
    if (major >= 17) expect(sql).toBe("GRANT MAINTAIN ON TABLE app.t TO pgvc_all_reader;\n");
    else expect(sql).toBe("");
    const session = await connect(resolveConnection({ dbname: db.url }));
    try {
      await runStatements(session, diffSchemas(from, target));
    } finally {
      await session.close();
    }
    const after = await read();
    expect(toSql(diffSchemas(after, target))).toBe("");
    // And the other way: a list naming every privilege is the same as all.
    const everything = ["select", "insert", "update", "delete", "truncate", "references", "trigger", ...(major >= 17 ? ["maintain"] : [])];
    expect(toSql(diffSchemas(after, setPrivileges(after, [{ [owner]: ["all"] }, { pgvc_all_reader: everything }])))).toBe("");
  });
});
