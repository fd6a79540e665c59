// yamltodb and pgvc diff under mistakes: an empty or truncated spec, a change
// that drops most of the database, SQL the trial run finds failing, an output
// that cannot be written. Each must leave the database as it was.
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execute } from "@pgvc/testkit";
import { useTestDatabase } from "@pgvc/testkit/vitest";
import { diffBin, runBin, yamltodbBin } from "./bins.js";

const db = useTestDatabase();
const work = mkdtempSync(join(tmpdir(), "yamltodb-safety-"));
const file = (name: string, text: string | Buffer) => {
  writeFileSync(join(work, name), text);
  return join(work, name);
};

const shop = `
CREATE SCHEMA app;
CREATE TABLE app.customer (id integer PRIMARY KEY, name text NOT NULL);
CREATE TABLE app.orders (id integer PRIMARY KEY, customer_id integer REFERENCES app.customer (id));
CREATE TABLE app.note (id integer PRIMARY KEY);
CREATE TABLE app.tag (id integer PRIMARY KEY);
INSERT INTO app.customer VALUES (1, 'ann'), (2, 'bob'), (3, 'cy');
`;

/** The shop as YAML, with what a test changes. */
const tableYaml = (name: string, extra = "") =>
  `  table ${name}:\n    columns:\n    - id:\n        not_null: true\n        type: integer\n${extra}    primary_key:\n      ${name}_pkey:\n        columns:\n        - id\n`;
const shopYaml = (customerExtra = "") =>
  `schema app:\n${tableYaml("customer", `    - name:\n        not_null: true\n        type: text\n${customerExtra}`)}${tableYaml("note")}` +
  `  table orders:\n    columns:\n    - id:\n        not_null: true\n        type: integer\n    - customer_id:\n        type: integer\n    foreign_keys:\n      orders_customer_id_fkey:\n        columns:\n        - customer_id\n        references:\n          columns:\n          - id\n          schema: app\n          table: customer\n    primary_key:\n      orders_pkey:\n        columns:\n        - id\n` +
  tableYaml("tag") +
  `schema public:\n  description: standard public schema\n`;

async function query<R>(url: string, sql: string): Promise<R[]> {
  return ((await execute(url, sql))[0]?.rows ?? []) as R[];
}

async function tables(): Promise<string[]> {
  const rows = await query<{ t: string }>(
    db.url,
    "SELECT c.relname AS t FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'app' AND c.relkind = 'r' ORDER BY 1",
  );
  return rows.map((r) => r.t);
}

beforeAll(async () => {
  await execute(db.url, shop);
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("an empty spec is refused (it would drop everything)", () => {
  const empties: [string, string][] = [
    ["a 0-byte file", ""],
    ["a file of blank lines", "\n  \n"],
    ["a file holding only comments", "# schema.yaml\n# (truncated)\n"],
    ["a null document", "null\n"],
    ["a ~ document", "~\n"],
  ];
  for (const [what, text] of empties) {
    it(`${what}: exit 3 with -u, nothing dropped`, async () => {
      const result = await runBin(yamltodbBin, ["-u", db.url, file("empty.yaml", text)]);
      expect(result.code).toBe(3);
      expect(result.stdout).toBe("");
      expect(result.stderr).toMatch(/empty\.yaml: no schema in this document/);
      expect(result.stderr).toContain("--allow-empty");
      expect(result.stderr.trim().split("\n").length).toBeLessThanOrEqual(2);
      expect(await tables()).toEqual(["customer", "note", "orders", "tag"]);
    });
  }

  it("empty standard input (a script that forgot the file): exit 3, nothing dropped", async () => {
    const result = await runBin(yamltodbBin, ["-u", db.url], { input: "" });
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/<stdin>: no schema in this document \(it is empty\)/);
    expect(await tables()).toEqual(["customer", "note", "orders", "tag"]);
  });

  it("pgvc diff refuses an empty YAML side too", async () => {
    const result = await runBin(diffBin, [db.url, file("empty.yaml", "")]);
    expect(result.code).toBe(3);
    expect(result.stdout).toBe("");
  });

  it("--allow-empty says it is meant: the drops are printed, with a loud warning", async () => {
    const result = await runBin(yamltodbBin, ["--allow-empty", db.url, file("empty.yaml", "")]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("DROP TABLE app.customer;");
    expect(result.stderr).toContain("yamltodb: WARNING: this change drops schema app and everything in it");
    expect(result.stderr).toContain("drops 4 of the database's 4 tables");
  });
});

describe("a change that drops most of the database says so without --hazards", () => {
  it("every table of a schema", async () => {
    const result = await runBin(yamltodbBin, [
      db.url,
      file("public-only.yaml", "schema app: {}\nschema public:\n  description: standard public schema\n"),
    ]);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain("yamltodb: WARNING: this change drops every table of schema app (4)");
    expect(result.stderr).toContain("if the schema file is incomplete or truncated, stop here");
  });

  it("more than half of the tables", async () => {
    const half = shopYaml().split("  table note:")[0] as string;
    const result = await runBin(diffBin, [db.url, file("half.yaml", `${half}schema public:\n  description: standard public schema\n`)]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("pgvc diff: WARNING: this change drops 3 of the database's 4 tables");
    expect(result.stderr).not.toContain("every table");
  });

  it("one table dropped: no warning", async () => {
    const result = await runBin(yamltodbBin, [db.url, file("no-tag.yaml", shopYaml().replace(tableYaml("tag"), ""))]);
    expect(result.stdout).toBe("DROP TABLE app.tag;\n");
    expect(result.stderr).toBe("");
  });
});

describe("SQL the trial run finds failing is not passed on as if it worked", () => {
  const withTier = () => file("tier.yaml", shopYaml("    - tier:\n        not_null: true\n        type: text\n"));

  it("exits 5, names the object, the statement, the rows and the ways out; prints no SQL on stdout", async () => {
    const result = await runBin(yamltodbBin, [db.url, withTier()]);
    expect(result.code).toBe(5);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain("yamltodb: error: the change fails on this database");
    expect(result.stderr).toContain("object: column app.customer.tier");
    expect(result.stderr).toContain("statement: ALTER TABLE app.customer ADD COLUMN tier text NOT NULL");
    expect(result.stderr).toContain("3 rows of app.customer would hold NULL in tier");
    expect(result.stderr).toContain("a default in the schema file");
    expect(result.stderr).toContain("migrate the data first");
  });

  it("counts only the NULL rows when an existing column becomes NOT NULL", async () => {
    await execute(db.url, "ALTER TABLE app.customer ADD COLUMN tier text; UPDATE app.customer SET tier = 'gold' WHERE id = 1");
    try {
      const result = await runBin(yamltodbBin, [db.url, withTier()]);
      expect(result.code).toBe(5);
      expect(result.stderr).toContain("2 rows of app.customer would hold NULL in tier");
    } finally {
      await execute(db.url, "ALTER TABLE app.customer DROP COLUMN tier");
    }
  });

  it("writes the SQL to -o marked as failing", async () => {
    const out = join(work, "failing.sql");
    const result = await runBin(yamltodbBin, ["-o", out, db.url, withTier()]);
    expect(result.code).toBe(5);
    expect(result.stderr).toContain(`the SQL was written to ${out}, marked as failing`);
    const sql = readFileSync(out, "utf8");
    expect(sql).toMatch(/^-- THIS CHANGE FAILS on the database it was generated for/);
    expect(sql).toMatch(/-- FAILS HERE: .*contains null values.*\nALTER TABLE app.customer ADD COLUMN tier text NOT NULL;\n$/);
  });

  it("with -u: exit 5 and nothing applied", async () => {
    const result = await runBin(yamltodbBin, ["-u", db.url, withTier()]);
    expect(result.code).toBe(5);
    expect(result.stderr).toContain("3 rows of app.customer would hold NULL");
    const columns = await query(
      db.url,
      "SELECT 1 FROM pg_catalog.pg_attribute WHERE attrelid = 'app.customer'::regclass AND attname = 'tier'",
    );
    expect(columns).toEqual([]);
  });
});

describe("SQL that runs but does not make what the file names is not passed on either", () => {
  // A child's column marked inherited that its parent lacks: CREATE TABLE ... INHERITS makes only
  // the parent's columns, so the statements run and the column is never made.
  const orphan = () =>
    file(
      "orphan.yaml",
      shopYaml().replace(
        "schema public:",
        "  table child:\n    columns:\n    - id:\n        inherited: true\n        not_null: true\n        type: integer\n" +
          "    - lost:\n        inherited: true\n        type: text\n    inherits:\n    - note\nschema public:",
      ),
    );

  it("exits 5 naming the object the database lacks after the trial, with -u too, and applies nothing", async () => {
    for (const args of [
      [db.url, orphan()],
      ["-u", db.url, orphan()],
    ]) {
      const result = await runBin(yamltodbBin, args);
      expect(result.code).toBe(5);
      expect(result.stdout).toBe("");
      expect(result.stderr).toContain("it does not make column app.child.lost");
      expect(result.stderr).toContain("a column marked `inherited: true` needs a parent that has it");
    }
    expect(await tables()).toEqual(["customer", "note", "orders", "tag"]);
  });
});

describe("outputs are checked before anything changes", () => {
  it("-u -o into a missing folder: exit 2, nothing applied", async () => {
    const result = await runBin(yamltodbBin, [
      "-u",
      "-o",
      join(work, "no/dir/x.sql"),
      db.url,
      file("no-tag.yaml", shopYaml().replace(tableYaml("tag"), "")),
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("does not exist");
    expect(await tables()).toEqual(["customer", "note", "orders", "tag"]);
    expect(existsSync(join(work, "no"))).toBe(false);
  });
});

describe("smaller mistakes", () => {
  it("a --rename that matches nothing is refused, naming what exists", async () => {
    const result = await runBin(yamltodbBin, ["--rename", "table:app.client=app.customer", db.url, file("same.yaml", shopYaml())]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("--rename table:app.client=app.customer: the database has no table app.client");
    expect(result.stderr).toContain("its tables include: app.customer, app.note, app.orders, app.tag");
  });

  it("pgvc diff empty schema.yaml does not create schema public, which every new database has", async () => {
    const result = await runBin(diffBin, ["empty", file("shop.yaml", shopYaml())]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("CREATE SCHEMA app;");
    expect(result.stdout).not.toContain("SCHEMA public");
  });
});
