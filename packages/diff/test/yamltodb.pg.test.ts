// yamltodb and pgvc diff end to end: the bins as the seed's scripts call
// them, -u's verified apply, and errors that leave the database untouched.
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connect, resolveConnection } from "@pgvc/core";
import { introspect } from "@pgvc/introspect";
import { execute, testServerUrl, withDatabaseName } from "@pgvc/testkit";
import { useTestDatabase } from "@pgvc/testkit/vitest";
import { readSchemaYaml, writeSchemaYaml } from "@pgvc/yaml";
import { applyVerified, statement } from "@pgvc/diff";

const yamltodbBin = fileURLToPath(new URL("../bin/yamltodb.js", import.meta.url));
const diffBin = fileURLToPath(new URL("../bin/pgvc-diff.js", import.meta.url));
const fixture = (name: string) => fileURLToPath(new URL(`fixtures/${name}`, import.meta.url));
const db = useTestDatabase();
const work = mkdtempSync(join(tmpdir(), "yamltodb-"));
const testDbName = `test_${Math.random().toString(36).slice(2, 10)}`;
const productionName = testDbName.slice("test_".length);

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function run(bin: string, args: string[], env: NodeJS.ProcessEnv = {}, input?: string): Promise<Run> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [bin, ...args],
      { env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env }, cwd: work },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
    child.stdin?.end(input ?? "");
  });
}

/** PG* variables for the server, as the seed's virtualenv sets them. */
function libpqEnv(database: string): NodeJS.ProcessEnv {
  const url = new URL(db.url);
  return {
    PGHOST: url.hostname,
    PGPORT: url.port,
    PGUSER: decodeURIComponent(url.username),
    PGPASSWORD: decodeURIComponent(url.password),
    PGDATABASE: database,
  };
}

async function yamlOf(url: string): Promise<string> {
  const session = await connect(resolveConnection({ dbname: url }));
  try {
    return writeSchemaYaml(await introspect(session, { noOwner: true, noPrivileges: true }));
  } finally {
    await session.close();
  }
}

const shop = `
CREATE SCHEMA app;
CREATE TABLE app.customer (id integer PRIMARY KEY, name text NOT NULL);
CREATE TABLE app.orders (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, customer_id integer NOT NULL REFERENCES app.customer (id), total numeric(10,2) DEFAULT 0 CHECK (total >= 0));
CREATE VIEW app.big_orders AS SELECT id, total FROM app.orders WHERE total > 100;
CREATE TABLE app.note (id serial PRIMARY KEY, body text);
INSERT INTO app.customer VALUES (1, 'ann');
`;

beforeAll(async () => {
  await execute(db.url, shop);
  await execute(testServerUrl(), `CREATE DATABASE ${testDbName}`);
  mkdirSync(join(work, "pyrseas"));
});

afterAll(async () => {
  await execute(testServerUrl(), `DROP DATABASE IF EXISTS ${testDbName} WITH (FORCE)`);
  rmSync(work, { recursive: true, force: true });
});

describe("yamltodb", () => {
  it("runs the seed's line `yamltodb test_${PGDATABASE} pyrseas/schema.yaml` and converges", async () => {
    writeFileSync(join(work, "pyrseas/schema.yaml"), await yamlOf(db.url));
    const env = libpqEnv(productionName);
    const first = await run(yamltodbBin, [`test_${productionName}`, "pyrseas/schema.yaml"], env);
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    expect(first.stdout).toContain("CREATE SCHEMA app;");
    expect(first.stdout).toContain("CREATE TABLE app.orders");
    // The serial column's sequence is owned once its table exists (the SQL below would fail otherwise).
    expect(first.stdout.indexOf("CREATE TABLE app.note")).toBeLessThan(first.stdout.indexOf("OWNED BY app.note.id"));
    await execute(withDatabaseName(testServerUrl(), testDbName), first.stdout);
    const second = await run(yamltodbBin, [`test_${productionName}`, "pyrseas/schema.yaml"], env);
    expect(second).toEqual({ code: 0, stdout: "", stderr: "" });
  });

  it("runs `yamltodb $PGDATABASE pyrseas/schema.backup.yaml` against the database it came from: no output", async () => {
    writeFileSync(join(work, "pyrseas/schema.backup.yaml"), await yamlOf(db.url));
    const result = await run(yamltodbBin, [db.name, "pyrseas/schema.backup.yaml"], libpqEnv(db.name));
    expect(result).toEqual({ code: 0, stdout: "", stderr: "" });
  });

  it("reads the spec from stdin and takes a URI as DBNAME", async () => {
    const result = await run(yamltodbBin, [db.url], {}, await yamlOf(db.url));
    expect(result).toEqual({ code: 0, stdout: "", stderr: "" });
  });

  it("gives no statements for YAML written by Pyrseas against its own database", async () => {
    const created = `${testDbName}_pyrseas`;
    await execute(testServerUrl(), `CREATE DATABASE ${created}`);
    try {
      const url = withDatabaseName(testServerUrl(), created);
      await execute(url, readFileSync(fixture("pyrseas-app.sql"), "utf8"));
      const result = await run(yamltodbBin, [url, fixture("pyrseas-app.yaml")]);
      expect(result).toEqual({ code: 0, stdout: "", stderr: "" });
    } finally {
      await execute(testServerUrl(), `DROP DATABASE ${created} WITH (FORCE)`);
    }
  });

  it("prints hazards, wraps with -1, and --exit-code says there is work", async () => {
    const yaml = (await yamlOf(db.url)).replace("    - name:\n        not_null: true\n        type: text\n", "");
    writeFileSync(join(work, "dropped-name.yaml"), yaml);
    const result = await run(yamltodbBin, ["-1", "--hazards", "--exit-code", db.url, "dropped-name.yaml"]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("BEGIN;\n-- hazards: data-loss\nALTER TABLE app.customer DROP COLUMN name;\nCOMMIT;\n");
  });

  it("still tries a change to an existing table: a NOT NULL column on a table with rows is reported as failing", async () => {
    const yaml = (await yamlOf(db.url)).replace(
      "    - name:\n        not_null: true\n        type: text\n",
      "    - name:\n        not_null: true\n        type: text\n    - tier:\n        not_null: true\n        type: text\n",
    );
    writeFileSync(join(work, "with-tier.yaml"), yaml);
    const result = await run(yamltodbBin, [db.url, "with-tier.yaml"]);
    expect(result.code).toBe(5);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/the change fails on this database .*tier.*null/);
    expect(result.stderr).toContain("statement: ALTER TABLE app.customer ADD COLUMN tier text NOT NULL");
  });

  it("applies with -u, verifies, and a second run prints nothing", async () => {
    const yaml = (await yamlOf(db.url)).replace(
      "    - name:\n        not_null: true\n        type: text\n",
      "    - name:\n        not_null: true\n        type: text\n    - email:\n        type: text\n",
    );
    writeFileSync(join(work, "with-email.yaml"), yaml);
    const applied = await run(yamltodbBin, ["-u", db.url, "with-email.yaml"]);
    expect(applied.code).toBe(0);
    expect(applied.stdout).toBe("ALTER TABLE app.customer ADD COLUMN email text;\n");
    expect(applied.stderr).toContain("applied 1 statements");
    const again = await run(yamltodbBin, ["-u", "--exit-code", db.url, "with-email.yaml"]);
    expect(again).toEqual({ code: 0, stdout: "", stderr: "" });
    await execute(db.url, "ALTER TABLE app.customer DROP COLUMN email");
  });

  it("rejects bad YAML with its location, exit 3, and touches nothing", async () => {
    writeFileSync(join(work, "bad.yaml"), "schema app:\n  table customer:\n    columns: [oops\n");
    const result = await run(yamltodbBin, ["-u", db.url, "bad.yaml"]);
    expect(result.code).toBe(3);
    expect(result.stderr).toContain("bad.yaml");
    expect(result.stdout).toBe("");
    expect(await yamlOf(db.url)).toContain("table customer");
  });

  it("rejects an unknown object kind, exit 3, and touches nothing", async () => {
    writeFileSync(join(work, "unknown.yaml"), "schema app:\n  tabel customer:\n    columns:\n    - id: integer\n");
    const result = await run(yamltodbBin, ["-u", db.url, "unknown.yaml"]);
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/tabel/);
    expect(await yamlOf(db.url)).toContain("table orders");
  });

  it("leaves owners alone when the YAML names none, even with a table called owner", async () => {
    // Owners are compared only when the file gives them; a table's name is not an owner.
    const yaml = (await yamlOf(db.url)).replace(
      "schema app:\n",
      "schema app:\n  table owner:\n    columns:\n    - id:\n        type: integer\n",
    );
    const result = await run(yamltodbBin, [db.url, "-"], {}, yaml);
    expect(result.stderr).toBe("");
    expect(result.stdout).toBe("CREATE TABLE app.owner (\n    id integer\n);\n");
  });

  it("says what a bad --rename looks like (exit 2)", async () => {
    const result = await run(yamltodbBin, ["--rename", "app.a-app.b", db.url, "x.yaml"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("KIND:OLD=NEW");
  });
});

describe("applyVerified", () => {
  it("rolls back and reports what differs when the result does not match the target", async () => {
    const session = await connect(resolveConnection({ dbname: db.url }));
    try {
      const current = await introspect(session);
      const target = structuredClone(current);
      target.schemas.app!.tables!.audit = {
        columns: [
          { name: "id", type: "integer" },
          { name: "at", type: "timestamp with time zone" },
        ],
      };
      // The statements build a different table than the target asks for: verification must catch it.
      const wrong = [statement("create", "table app.audit", "CREATE TABLE app.audit (id integer)", "main")];
      const result = await applyVerified(session, wrong, target);
      expect(result.committed).toBe(false);
      expect(result.remaining.map((s) => s.sql)).toEqual(["ALTER TABLE app.audit ADD COLUMN at timestamp with time zone"]);
      const rows = await session.query("SELECT pg_catalog.to_regclass('app.audit') AS t");
      expect(rows.rows).toEqual([{ t: null }]);
    } finally {
      await session.close();
    }
  });
});

describe("pgvc diff", () => {
  it("diffs two YAML files with no database, and empty to YAML", async () => {
    const yaml = await yamlOf(db.url);
    writeFileSync(join(work, "a.yaml"), yaml);
    writeFileSync(join(work, "b.yaml"), yaml.replace("type: numeric(10,2)", "type: numeric(12,2)"));
    const changed = await run(diffBin, ["a.yaml", "b.yaml"]);
    expect(changed.stderr).toBe("");
    expect(changed.code).toBe(1);
    expect(changed.stdout).toContain("ALTER TABLE app.orders ALTER COLUMN total TYPE numeric(12,2);");
    expect(changed.stdout).toContain("DROP VIEW app.big_orders;");
    const same = await run(diffBin, ["a.yaml", "a.yaml"]);
    expect(same).toEqual({ code: 0, stdout: "", stderr: "" });
    const create = await run(diffBin, ["empty", "a.yaml"]);
    expect(create.code).toBe(1);
    expect(readSchemaYaml(yaml, "a.yaml").schemas.app?.tables?.orders).toBeDefined();
    expect(create.stdout.indexOf("CREATE TABLE app.customer")).toBeLessThan(
      create.stdout.indexOf("ADD CONSTRAINT orders_customer_id_fkey"),
    );
  });

  it("diffs a database against its own YAML: nothing", async () => {
    writeFileSync(join(work, "own.yaml"), await yamlOf(db.url));
    const result = await run(diffBin, [db.url, "own.yaml"]);
    expect(result).toEqual({ code: 0, stdout: "", stderr: "" });
  });
});
