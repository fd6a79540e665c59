import { chmodSync } from "node:fs";
import { dirname } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { listTemplates, openScratchServer, stopEmbeddedServer } from "@pgvc/scratch";
import { check, keptTemplates, templatePrefix } from "../../src/index.js";
import { makeRepo, orders, ordersYaml } from "../check/repo.js";

// The embedded server (the default), in this test's own cache folder: the
// only mode that keeps templates. It starts once for the whole file.
const major = Number(process.env.PGVC_TEST_PG ?? 15) as 15;
const config = `schema: schema.yaml\nmigrations:\n  - sql: db/migrations\nscratch:\n  version: ${major}\n  idle: 30\nintrospect:\n  no_owner: true\n  no_privileges: true\n`;
const r = makeRepo({
  "pgvc.yaml": config,
  "db/migrations/001_orders.sql": orders,
  "db/migrations/002_note.sql": "ALTER TABLE app.orders ADD COLUMN note text;\n",
  "db/migrations/003_drop_note.sql": "ALTER TABLE app.orders DROP COLUMN note;\n",
  "schema.yaml": ordersYaml,
});

// As root, the server runs as `postgres`, which must reach the cluster's folder.
chmodSync(dirname(r.cacheDir), 0o755);

afterAll(async () => {
  await stopEmbeddedServer({ kind: "embedded", major, cacheDir: r.cacheDir });
  r.cleanup();
});

const run = () => check({ cwd: r.root, cacheDir: r.cacheDir });

describe("the template cache of the embedded server", () => {
  it("replays only what follows the longest chain it keeps", { timeout: 300_000 }, async () => {
    expect(await run()).toMatchObject({ status: "in-sync", migrations: 3, replayed: 3, fromTemplate: 0 });
    // A new migration: one file replayed on a copy of the state after the third.
    r.write("db/migrations/004_customers.sql", "CREATE TABLE app.customers (id integer PRIMARY KEY);\n");
    const added = await run();
    expect(added).toMatchObject({ status: "out-of-sync", migrations: 4, replayed: 1, fromTemplate: 3 });
    // The newest migration edited again: still one file.
    r.write("db/migrations/004_customers.sql", "CREATE TABLE app.customers (id bigint PRIMARY KEY);\n");
    expect(await run()).toMatchObject({ status: "out-of-sync", replayed: 1, fromTemplate: 3 });
    // Only schema.yaml changes: the cached model answers, no replay.
    const written = await check({ cwd: r.root, cacheDir: r.cacheDir, write: true });
    expect(written).toMatchObject({ status: "written", modelFromCache: true, replayed: 0 });
    expect(await run()).toMatchObject({ status: "in-sync", modelFromCache: true, replayed: 0 });
  });

  it(
    "replays from the start when an old migration is edited, and from where it stopped when it is put back",
    { timeout: 300_000 },
    async () => {
      const original = r.read("db/migrations/002_note.sql");
      r.write("db/migrations/002_note.sql", "ALTER TABLE app.orders ADD COLUMN note varchar(10);\n");
      expect(await run()).toMatchObject({ status: "in-sync", replayed: 4, fromTemplate: 0 });
      r.write("db/migrations/002_note.sql", original);
      expect(await run()).toMatchObject({ status: "in-sync", modelFromCache: true });
    },
  );

  it("keeps no more than the newest templates", { timeout: 300_000 }, async () => {
    for (let i = 0; i < keptTemplates; i++) {
      r.write("db/migrations/004_customers.sql", `CREATE TABLE app.customers_${i} (id integer PRIMARY KEY);\n`);
      expect(await run()).toMatchObject({ status: "out-of-sync", replayed: 1 });
    }
    const server = await openScratchServer({ kind: "embedded", major, cacheDir: r.cacheDir });
    try {
      expect((await listTemplates(server, templatePrefix)).length).toBe(keptTemplates);
    } finally {
      await server.close();
    }
  });
});
