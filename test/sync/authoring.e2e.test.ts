import { execFileSync, spawnSync } from "node:child_process";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkout, copyInto, djangoPython, makeSandbox, run, scratchDatabases, tmpEntries, writeFiles, type Sandbox } from "./helpers.js";

// pgvc migration new in real repositories, one per migration layout: the
// migrations build app.orders, schema.yaml gains a column, and the command
// must write the next migration in the layout's own form, which the sync
// check then finds in agreement with schema.yaml.

const initSql =
  "CREATE SCHEMA app;\nCREATE TABLE app.orders (id integer PRIMARY KEY, total numeric(10,2) NOT NULL);\nINSERT INTO app.orders VALUES (1, 9.5);\n";

const layouts: { layout: string; dir: string; files: Record<string, string>; expect: RegExp[] }[] = [
  {
    layout: "dbmate",
    dir: "db/migrations",
    files: { "db/migrations/20240101000000_init.sql": `-- migrate:up\n${initSql}\n-- migrate:down\nDROP SCHEMA app CASCADE;\n` },
    expect: [/^db\/migrations\/\d{14}_add_order_note\.sql$/],
  },
  {
    layout: "golang-migrate",
    dir: "db/migrations",
    files: { "db/migrations/000001_init.up.sql": initSql, "db/migrations/000001_init.down.sql": "DROP SCHEMA app CASCADE;\n" },
    expect: [/^db\/migrations\/000002_add_order_note\.up\.sql$/, /^db\/migrations\/000002_add_order_note\.down\.sql$/],
  },
  {
    layout: "flyway",
    dir: "sql",
    files: { "sql/V1__init.sql": initSql },
    expect: [/^sql\/V2__add_order_note\.sql$/, /^sql\/U2__add_order_note\.sql$/],
  },
  {
    layout: "prisma",
    dir: "prisma/migrations",
    files: {
      "prisma/migrations/20240101000000_init/migration.sql": initSql,
      "prisma/migrations/migration_lock.toml": 'provider = "postgresql"\n',
    },
    expect: [/^prisma\/migrations\/\d{14}_add_order_note\/migration\.sql$/, /^prisma\/migrations\/\d{14}_add_order_note\/down\.sql$/],
  },
  {
    layout: "plain",
    dir: "migrations",
    files: { "migrations/001_init.sql": initSql },
    expect: [/^migrations\/002_add_order_note\.sql$/, /^migrations\/down\/002_add_order_note\.sql$/],
  },
];

const migrationBin = join(checkout, "packages", "sync", "bin", "pgvc-migration.js");
const checkBin = join(checkout, "packages", "sync", "bin", "pgvc-check.js");
const newMigration = (box: Sandbox, ...args: string[]) => run(box, process.execPath, [migrationBin, "new", ...args]);
const check = (box: Sandbox, ...args: string[]) => run(box, process.execPath, [checkBin, ...args]);

function files(box: Sandbox, dir: string): string[] {
  return readdirSync(join(box.repo, dir), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(box.repo, join(e.parentPath, e.name)))
    .sort();
}

function config(box: Sandbox, dir: string, layout: string): string {
  return `schema: schema.yaml\nmigrations:\n  - sql: ${dir}\n    layout: ${layout}\nscratch:\n  server: ${box.server}\nintrospect:\n  schemas: [app]\n  no_owner: true\n  no_privileges: true\n`;
}

/** schema.yaml as the migrations build it, through the check's --write. */
function writeSchema(box: Sandbox): void {
  writeFileSync(join(box.repo, "schema.yaml"), "schema app: {}\n");
  const written = check(box, "--write");
  expect(written.status, written.output2).toBe(0);
}

function editSchema(box: Sandbox, from: string, to: string): void {
  const path = join(box.repo, "schema.yaml");
  const text = readFileSync(path, "utf8");
  expect(text).toContain(from);
  writeFileSync(path, text.replace(from, to));
}

const totalColumn = "    - total:\n        not_null: true\n        type: numeric(10,2)\n";

describe.each(layouts)("pgvc migration new, $layout", { timeout: 180_000 }, ({ layout, dir, files: initial, expect: expected }) => {
  let box: Sandbox;
  beforeAll(async () => {
    box = await makeSandbox(`pgvc_e2e_new_${layout.replace("-", "_")}`);
    writeFiles(box.repo, { ...initial, "pgvc.yaml": config(box, dir, layout) });
    writeSchema(box);
  }, 120_000);
  afterAll(async () => {
    await box?.remove();
  });

  it("writes the next migration in the layout's form, and the check then agrees", async () => {
    const before = files(box, dir);
    editSchema(box, totalColumn, `${totalColumn}    - note:\n        type: text\n`);
    expect(check(box).status).toBe(1);
    const r = newMigration(box, "Add order note");
    expect(r.status, r.output2).toBe(0);
    expect(r.stdout).toContain(
      "forward:\n  ALTER TABLE app.orders ADD COLUMN note text;\nreverse:\n  -- hazards: data-loss\n  ALTER TABLE app.orders DROP COLUMN note;\n",
    );
    expect(r.stdout).toContain(`written (${layout}), verified forward, back and forward again:`);
    const added = files(box, dir).filter((f) => !before.includes(f));
    expect(added).toHaveLength(expected.length);
    for (const pattern of expected)
      expect(
        added.filter((f) => pattern.test(f)),
        `${pattern} in ${added.join(", ")}`,
      ).toHaveLength(1);
    const all = added.map((f) => readFileSync(join(box.repo, f), "utf8")).join("\n");
    expect(all).toContain("ALTER TABLE app.orders ADD COLUMN note text;");
    expect(all).toContain("ALTER TABLE app.orders DROP COLUMN note;");
    const after = check(box);
    expect(after.status, after.output2).toBe(0);
    expect(await scratchDatabases(box)).toEqual([]);
    expect(tmpEntries(box)).toEqual([]);
  });

  it("says there is nothing to do and writes nothing when the migrations already match", () => {
    const before = files(box, dir);
    const r = newMigration(box, "again");
    expect(r.status, r.output2).toBe(0);
    expect(r.stdout).toBe("nothing to do: the migrations already build what schema.yaml describes\n");
    expect(files(box, dir)).toEqual(before);
  });
});

describe("pgvc migration new refuses what it cannot verify", { timeout: 180_000 }, () => {
  let box: Sandbox;
  beforeAll(async () => {
    box = await makeSandbox("pgvc_e2e_new_refuse");
    writeFiles(box.repo, { ...(layouts[0]?.files ?? {}), "pgvc.yaml": config(box, "db/migrations", "dbmate") });
    writeSchema(box);
  }, 120_000);
  afterAll(async () => {
    await box?.remove();
  });

  it("writes nothing when the forward SQL fails on tables with rows, and names the statement and the error", () => {
    const before = files(box, "db/migrations");
    editSchema(box, totalColumn, `${totalColumn}    - status:\n        not_null: true\n        type: text\n`);
    const r = newMigration(box, "add status");
    expect(r.status, r.output2).toBe(1);
    expect(r.stdout).toContain("verification failed at the forward step:");
    expect(r.stdout).toContain('column "status" of relation "orders" contains null values');
    expect(r.stdout).toContain("nothing was written");
    expect(files(box, "db/migrations")).toEqual(before);
  });

  it("writes it with --force, marked as unverified", () => {
    const r = newMigration(box, "add status", "--force");
    expect(r.status, r.output2).toBe(0);
    const [written] = r.stdout.trimEnd().split("\n").slice(-1);
    const text = readFileSync(join(box.repo, (written ?? "").trim()), "utf8");
    expect(text.split("\n")[0]).toMatch(
      /^-- Written by pgvc migration new: UNVERIFIED: written with --force although the forward step failed/,
    );
  });

  it("flags a migration that loses data; its reverse cannot refill a NOT NULL column, so it is not written unverified", () => {
    // Drop the unverified one and make schema.yaml lose a column instead.
    for (const f of files(box, "db/migrations")) if (f.includes("add_status")) execFileSync("rm", [join(box.repo, f)]);
    editSchema(box, "    - status:\n        not_null: true\n        type: text\n", "");
    editSchema(box, totalColumn, "");
    const before = files(box, "db/migrations");
    const refused = newMigration(box, "drop total");
    expect(refused.status, refused.output2).toBe(1);
    expect(refused.stdout).toContain("forward:\n  -- hazards: data-loss\n  ALTER TABLE app.orders DROP COLUMN total;");
    expect(refused.stdout).toContain("not written: the migration loses data");
    expect(files(box, "db/migrations")).toEqual(before);
    const allowed = newMigration(box, "drop total", "--allow-data-loss");
    expect(allowed.status, allowed.output2).toBe(1);
    expect(allowed.stdout).toContain("reverse:\n  ALTER TABLE app.orders ADD COLUMN total numeric(10,2) NOT NULL;");
    expect(allowed.stdout).toContain("verification failed at the reverse step:");
    expect(allowed.stdout).toContain('column "total" of relation "orders" contains null values');
    expect(files(box, "db/migrations")).toEqual(before);
    const forced = newMigration(box, "drop total", "--allow-data-loss", "--force");
    expect(forced.status, forced.output2).toBe(0);
    expect(files(box, "db/migrations")).toHaveLength(before.length + 1);
    expect(check(box).status).toBe(0);
  });

  it("rejects a name with nothing to name a file with, and an unknown source", () => {
    const noName = newMigration(box, "!!!");
    expect(noName.status).toBe(2);
    expect(noName.stderr).toContain("has no letters or digits");
    const noSource = newMigration(box, "x", "--source", "nope");
    expect(noSource.status).toBe(2);
    expect(noSource.stderr).toContain('no migration source "nope"');
  });
});

describe("pgvc migration new in a Django project", { timeout: 300_000 }, () => {
  let box: Sandbox;
  beforeAll(async () => {
    if (!djangoPython()) throw new Error("no python3 with Django and psycopg2: apt-get install python3-django python3-psycopg2");
    box = await makeSandbox("pgvc_e2e_new_django");
    copyInto(join(checkout, "examples", "django"), box.repo, (src) => src.endsWith("pgvc.yaml"));
    writeFiles(box.repo, {
      "pgvc.yaml": `schema: pyrseas/schema.yaml\nmigrations:\n  - command: python3 manage.py migrate --noinput\n    watch: ["*/migrations/*.py"]\n    name: django\n    app: shop\nscratch:\n  server: ${box.server}\nintrospect:\n  schemas: [shop]\n  no_owner: true\n  no_privileges: true\n`,
    });
  }, 120_000);
  afterAll(async () => {
    await box?.remove();
  });

  it("writes a RunSQL migration that Django itself applies forward and back", async () => {
    const path = join(box.repo, "pyrseas/schema.yaml");
    const email = "    - email:\n        not_null: true\n        type: character varying(254)\n";
    const text = readFileSync(path, "utf8");
    expect(text).toContain(email);
    writeFileSync(path, text.replace(email, `${email}    - phone:\n        type: character varying(20)\n`));
    const r = newMigration(box, "customer phone");
    expect(r.status, r.output2).toBe(0);
    expect(r.stdout).toContain("written (django), verified forward, back and forward again:\n  shop/migrations/0004_customer_phone.py\n");
    const migration = readFileSync(join(box.repo, "shop/migrations/0004_customer_phone.py"), "utf8");
    expect(migration).toContain('dependencies = [\n        ("shop", "0003_order_line_cascade"),\n    ]');
    expect(migration).toContain("ALTER TABLE shop.customer ADD COLUMN phone character varying(20)");
    const compiled = spawnSync(djangoPython() as string, ["-m", "py_compile", join(box.repo, "shop/migrations/0004_customer_phone.py")], {
      encoding: "utf8",
    });
    expect(compiled.status, compiled.stderr).toBe(0);
    const after = check(box);
    expect(after.status, after.output2).toBe(0);
    expect(await scratchDatabases(box)).toEqual([]);
  });
});
