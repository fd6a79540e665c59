import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { testServerUrl } from "@pgvc/testkit";
import { emptyDatabase } from "@pgvc/model";
import { writeMultipleFiles } from "@pgvc/yaml";
import { check } from "../../src/index.js";
import { makeRepo, orders, type TestRepo } from "./repo.js";

const repos: TestRepo[] = [];
afterEach(() => {
  for (const repo of repos.splice(0)) repo.cleanup();
});

describe("pgvc check with a multiple-files schema", () => {
  it("writes the tree with --write and reads it from git's index with --staged", { timeout: 300_000 }, async () => {
    const config = `schema: pyrseas\nmigrations:\n  - sql: db/migrations\nscratch:\n  server: ${testServerUrl()}\nintrospect:\n  no_owner: true\n  no_privileges: true\n`;
    const r = makeRepo({ "pgvc.yaml": config, "db/migrations/001_orders.sql": orders });
    repos.push(r);
    await writeMultipleFiles(emptyDatabase(), join(r.root, "pyrseas"), "shop");
    const run = (options: Parameters<typeof check>[0] = {}) => check({ cwd: r.root, cacheDir: r.cacheDir, ...options });
    const written = await run({ write: true });
    expect(written.status).toBe("written");
    expect(written.written).toContain("pyrseas/metadata/database.shop.yaml");
    expect(written.written).toContain("pyrseas/metadata/schema.app/table.orders.yaml");
    expect(await run()).toMatchObject({ status: "in-sync" });
    r.git("add", "-A");
    r.write("db/migrations/002_note.sql", "ALTER TABLE app.orders ADD COLUMN note text;\n");
    r.git("add", "db/migrations/002_note.sql");
    const staged = await run({ staged: true });
    expect(staged).toMatchObject({ status: "out-of-sync", from: "index" });
    expect(staged.differences.map((d) => d.description)).toEqual([
      "table app.orders: column note is made by the migrations but is not in pyrseas",
    ]);
    await run({ write: true });
    expect(r.read("pyrseas/metadata/schema.app/table.orders.yaml")).toContain("- note:\n");
    // Written but not added: the index still holds the old tree.
    expect(await run({ staged: true })).toMatchObject({ status: "out-of-sync" });
    r.git("add", "pyrseas");
    expect(await run({ staged: true })).toMatchObject({ status: "in-sync" });
    // A malformed file in the index is reported at its place in the repository, not in the reader's copy.
    r.write("pyrseas/metadata/schema.app/table.orders.yaml", "table orders:\n  columns: [\n");
    r.git("add", "pyrseas");
    const error = await run({ staged: true }).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(error?.message).toContain(join(r.root, "pyrseas/metadata/schema.app/table.orders.yaml:"));
    expect(error?.message).not.toContain("pgvc-tree-");
  });
});
