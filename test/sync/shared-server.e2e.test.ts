import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { hostname } from "node:os";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureRole, execute, startServer } from "@pgvc/testkit";
import { makeSandbox, pgvc, scratchDatabases, writeFiles, type Sandbox } from "./helpers.js";
import { customerMigration, customerSchema } from "./schemas.js";

// A CI server shared by several users: one user's check killed outright
// leaves its scratch database behind, which the next check on this host
// would sweep; another user's check cannot drop it (not its owner) and
// must still run. The leftover would be swept by every check on the
// server, so this test has a server of its own.
let server: Awaited<ReturnType<typeof startServer>>;
let box: Sandbox;
const other = "pgvc_e2e_shared_other";
let leftover: string;
beforeAll(async () => {
  server = await startServer({ major: Number(process.env.PGVC_TEST_SERVER_MAJOR ?? 15) });
  box = await makeSandbox("pgvc_e2e_shared", server.url, { superuser: false });
  writeFiles(box.repo, { "migrations/001_customer.sql": customerMigration, "schema.yaml": customerSchema });
  expect(pgvc(box, "init", "--server", box.server, "--hook", "none").status).toBe(0);
  const dead = spawnSync(process.execPath, ["-e", ""]).pid;
  const tag = createHash("sha256").update(hostname()).digest("hex").slice(0, 6);
  leftover = `pgvc_check_h${tag}_p${dead}_0a0b0c`;
  await ensureRole(server.url, other);
  await execute(server.url, `CREATE DATABASE ${leftover} OWNER ${other}`);
}, 120_000);
afterAll(async () => {
  await box?.remove();
  await server?.stop();
});

describe("a check on a server shared with other users", { timeout: 240_000 }, () => {
  it("runs although another user's killed check left a database it cannot drop", async () => {
    const r = pgvc(box, "check");
    expect(r.status, r.output2).toBe(0);
    expect(r.stdout).toContain("schema.yaml matches the 1 migration");
    expect(await scratchDatabases(box)).toEqual([]);
  });
});
