import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { commit, head, makeSandbox, pgvc, scratchDatabases, tmpEntries, writeFiles, type Sandbox } from "./helpers.js";
import { customerEmailSchema, customerMigration, customerSchema, emailMigration } from "./schemas.js";

// Each SQL layout in a repository of its own: pgvc init finds (or is told)
// the directory, the hook refuses the second migration without schema.yaml
// and accepts it with schema.yaml. (Plain files: sql-hook; dbmate: frameworks.)
interface Layout {
  name: string;
  init: string[];
  first: Record<string, string>;
  second: Record<string, string>;
}

const layouts: Layout[] = [
  {
    name: "golang-migrate",
    init: [],
    first: { "migrations/000001_customer.up.sql": customerMigration, "migrations/000001_customer.down.sql": "DROP SCHEMA app CASCADE;\n" },
    second: {
      "migrations/000002_email.up.sql": emailMigration,
      "migrations/000002_email.down.sql": "ALTER TABLE app.customer DROP COLUMN email;\n",
    },
  },
  {
    name: "flyway",
    init: ["--sql", "sql", "--layout", "flyway"],
    first: { "sql/V1__customer.sql": customerMigration },
    second: { "sql/V1_1__email.sql": emailMigration },
  },
  {
    name: "prisma",
    init: [],
    first: {
      "prisma/migrations/20240101000000_customer/migration.sql": customerMigration,
      "prisma/migrations/migration_lock.toml": 'provider = "postgresql"\n',
    },
    second: { "prisma/migrations/20240102000000_email/migration.sql": emailMigration },
  },
];

const boxes: Sandbox[] = [];
afterAll(async () => {
  for (const box of boxes) await box.remove();
});

describe.each(layouts)("the hook with $name migrations", { timeout: 240_000 }, (layout) => {
  it("refuses the second migration without schema.yaml and accepts it with it", async () => {
    const box = await makeSandbox(`pgvc_e2e_${layout.name.replace("-", "_")}`);
    boxes.push(box);
    writeFiles(box.repo, { ...layout.first, "schema.yaml": customerSchema });
    const init = pgvc(box, "init", "--server", box.server, ...layout.init);
    expect(init.status, init.output2).toBe(0);
    const first = commit(box, ["."], "first");
    expect(first.status, first.output2).toBe(0);
    writeFiles(box.repo, layout.second);
    const before = head(box);
    const refused = commit(box, ["."], "email");
    expect(refused.status).toBe(1);
    expect(refused.output2).toContain("table app.customer: column email is made by the migrations but is not in schema.yaml");
    expect(head(box)).toBe(before);
    writeFileSync(join(box.repo, "schema.yaml"), customerEmailSchema);
    const accepted = commit(box, ["."], "email");
    expect(accepted.status, accepted.output2).toBe(0);
    expect(accepted.output2).toContain("matches the 2 migrations");
    expect(await scratchDatabases(box)).toEqual([]);
    expect(tmpEntries(box)).toEqual([]);
  });
});
