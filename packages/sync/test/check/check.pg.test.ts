import { afterEach, describe, expect, it } from "vitest";
import { InputError } from "@pgvc/core";
import { testServerUrl } from "@pgvc/testkit";
import { check, diffLines } from "../../src/index.js";
import { configText, makeRepo, orders, ordersYaml, type TestRepo } from "./repo.js";

const repos: TestRepo[] = [];
afterEach(() => {
  for (const repo of repos.splice(0)) repo.cleanup();
});

function repo(files: Record<string, string> = {}): TestRepo {
  const made = makeRepo({
    "pgvc.yaml": configText(testServerUrl()),
    "db/migrations/001_orders.sql": orders,
    "schema.yaml": ordersYaml,
    ...files,
  });
  repos.push(made);
  return made;
}

const run = (r: TestRepo, options: Parameters<typeof check>[0] = {}) => check({ cwd: r.root, cacheDir: r.cacheDir, ...options });

describe("pgvc check", () => {
  it("finds a schema.yaml that the migrations build in sync, and says so from the cache the second time", async () => {
    const r = repo();
    const first = await run(r);
    expect(first).toMatchObject({ status: "in-sync", migrations: 1, replayed: 1, modelFromCache: false, differences: [] });
    const second = await run(r);
    expect(second).toMatchObject({ status: "in-sync", replayed: 0, modelFromCache: true });
  });

  it("reports a column that schema.yaml has and no migration makes, with its YAML and the SQL", async () => {
    const r = repo();
    r.write(
      "schema.yaml",
      ordersYaml.replace("        type: numeric(10,2)\n", "        type: numeric(10,2)\n    - note:\n        type: text\n"),
    );
    const result = await run(r);
    expect(result.status).toBe("out-of-sync");
    expect(result.differences.map((d) => d.description)).toEqual([
      "table app.orders: column note is in schema.yaml but no migration makes it",
    ]);
    expect(result.sql).toBe("ALTER TABLE app.orders ADD COLUMN note text;\n");
    const lines = diffLines(result.objects[0]?.inSchemaFile ?? "", result.objects[0]?.fromMigrations ?? "").filter((l) => l.sign !== " ");
    expect(lines).toEqual([
      { sign: "-", text: "    - note:" },
      { sign: "-", text: "        type: text" },
    ]);
  });

  it(
    "reports what the migrations make and schema.yaml lacks, and --write rewrites schema.yaml leaving the rest byte for byte",
    { timeout: 300_000 },
    async () => {
      const r = repo({
        "db/migrations/002_customers.sql":
          "CREATE TABLE app.customers (id integer PRIMARY KEY, name text NOT NULL);\nCOMMENT ON TABLE app.orders IS 'what was bought';\n",
      });
      const result = await run(r);
      expect(result.status).toBe("out-of-sync");
      expect(result.differences.map((d) => d.description).sort()).toEqual([
        "table app.customers is made by the migrations but is not in schema.yaml",
        "table app.orders: the comment differs between schema.yaml and the migrations",
      ]);
      expect(result.sql).toContain("DROP TABLE app.customers;");
      const before = r.read("schema.yaml");
      const written = await run(r, { write: true });
      expect(written).toMatchObject({ status: "written", written: ["schema.yaml"] });
      const after = r.read("schema.yaml");
      // Only additions: every line of the old file is still there, in order.
      const changes = diffLines(before, after).filter((l) => l.sign !== " ");
      expect(changes.every((l) => l.sign === "+")).toBe(true);
      expect(changes.map((l) => l.text)).toContain("  table customers:");
      expect(changes.map((l) => l.text)).toContain("    description: what was bought");
      expect(await run(r)).toMatchObject({ status: "in-sync" });
    },
  );

  it("reports a failing migration with its file, line, statement and the server's error", async () => {
    const r = repo({ "db/migrations/002_bad.sql": "-- a typo in the table name\nALTER TABLE app.order ADD COLUMN note text;\n" });
    const result = await run(r);
    expect(result.status).toBe("migration-failed");
    expect(result.failure).toMatchObject({
      file: "db/migrations/002_bad.sql",
      line: 2,
      statement: "ALTER TABLE app.order ADD COLUMN note text;",
      message: 'relation "app.order" does not exist',
      sqlstate: "42P01",
    });
  });

  it("replays again after an old migration is edited, and leaves no scratch database on the server", async () => {
    const r = repo();
    expect(await run(r)).toMatchObject({ status: "in-sync", replayed: 1 });
    r.write("db/migrations/001_orders.sql", orders.replace("numeric(10,2)", "numeric(12,2)"));
    const edited = await run(r);
    expect(edited).toMatchObject({ status: "out-of-sync", modelFromCache: false, replayed: 1 });
    expect(edited.differences.map((d) => d.description)).toEqual([
      "table app.orders: column total differs between schema.yaml and the migrations",
    ]);
    const { execute } = await import("@pgvc/testkit");
    // Scratch databases carry the id of the process that made them: this one's.
    const [left] = await execute(
      testServerUrl(),
      "SELECT datname FROM pg_catalog.pg_database WHERE datname LIKE 'pgvc_check%' AND datname LIKE $$%\\_p" + process.pid + "\\_%$$",
    );
    expect(left?.rows).toEqual([]);
  });

  it("names a missing schema file, which --write then creates", async () => {
    const r = repo();
    r.remove("schema.yaml");
    const error = await run(r).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    // pgvc.yaml's line 1, column 9: where the schema is named
    expect((error as InputError).message).toBe("pgvc.yaml:1:9: the schema schema.yaml does not exist");
    expect(await run(r, { write: true })).toMatchObject({ status: "written", written: ["schema.yaml"] });
    expect(r.read("schema.yaml")).toContain("  table orders:\n");
    expect(await run(r)).toMatchObject({ status: "in-sync" });
  });

  it("refuses a malformed schema.yaml with its file and line", async () => {
    const r = repo();
    r.write("schema.yaml", "schema app:\n  table orders:\n    colums: []\n");
    const error = await run(r).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    // line 3, column 5: the misspelt key
    expect((error as InputError).message).toMatch(/^schema\.yaml:3:5: /);
  });
});

describe("pgvc check --staged", () => {
  it("checks what git's index holds, not a file changed after git add", { timeout: 300_000 }, async () => {
    const r = repo();
    r.write("db/migrations/002_note.sql", "ALTER TABLE app.orders ADD COLUMN note text;\n");
    r.git("add", "db/migrations/002_note.sql");
    // The working tree catches up after the add; the index still lacks note in schema.yaml.
    r.write(
      "schema.yaml",
      ordersYaml.replace("        type: numeric(10,2)\n", "        type: numeric(10,2)\n    - note:\n        type: text\n"),
    );
    expect(await run(r)).toMatchObject({ status: "in-sync", from: "worktree" });
    const staged = await run(r, { staged: true });
    expect(staged).toMatchObject({ status: "out-of-sync", from: "index" });
    expect(staged.differences.map((d) => d.description)).toEqual([
      "table app.orders: column note is made by the migrations but is not in schema.yaml",
    ]);
    r.git("add", "schema.yaml");
    // And the other way round: staged right, working tree changed after.
    r.remove("db/migrations/002_note.sql");
    expect(await run(r, { staged: true })).toMatchObject({ status: "in-sync", from: "index" });
  });

  it("exits at once when nothing staged concerns the check, without reaching any server", async () => {
    const r = makeRepo({
      "pgvc.yaml": configText("postgres://nobody@127.0.0.1:1/nowhere"),
      "db/migrations/001_orders.sql": orders,
      "schema.yaml": ordersYaml,
      "README.md": "hello\n",
    });
    repos.push(r);
    r.write("README.md", "hello again\n");
    r.git("add", "README.md");
    expect(await run(r, { staged: true })).toMatchObject({ status: "skipped", from: "index" });
    // The same repository with a migration staged does need the server, which is unreachable.
    r.write("db/migrations/002_x.sql", "SELECT 1;\n");
    r.git("add", "db/migrations/002_x.sql");
    await expect(run(r, { staged: true })).rejects.toThrow(/127\.0\.0\.1|connect/i);
  });
});
