import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureRole, runSqlFile } from "@pgvc/testkit";
import { useTestDatabase } from "@pgvc/testkit/vitest";
import { readSchemaYaml } from "@pgvc/yaml";

const bin = fileURLToPath(new URL("../bin/dbtoyaml.js", import.meta.url));
const shopSchema = fileURLToPath(new URL("../../../examples/shop/schema.sql", import.meta.url));
const db = useTestDatabase();
const folders: string[] = [];

function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), "dbtoyaml-"));
  folders.push(dir);
  return dir;
}

afterAll(() => {
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
});

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function run(args: string[], env: NodeJS.ProcessEnv = {}, cwd?: string): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [bin, ...args],
      { env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env }, cwd, maxBuffer: 64 << 20 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** The libpq variables for the test database: how the seed's scripts reach it. */
function libpqEnv(): NodeJS.ProcessEnv {
  const url = new URL(db.url);
  return {
    PGHOST: url.hostname,
    PGPORT: url.port,
    PGUSER: decodeURIComponent(url.username),
    PGPASSWORD: decodeURIComponent(url.password),
    PGDATABASE: db.name,
  };
}

beforeAll(async () => {
  await ensureRole(db.url, "shop_reader");
  await runSqlFile(db.url, shopSchema);
});

describe("dbtoyaml", () => {
  it("runs the seed's own line: dbtoyaml --no-owner --no-privileges $PGDATABASE", async () => {
    const result = await run(["--no-owner", "--no-privileges", db.name], libpqEnv());
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    // The dialect line (a comment to Pyrseas): what the file leaves out, such as RLS, is at its default.
    expect(result.stdout.split("\n")[0]).toBe("# pgvc schema: an attribute left out is at its default");
    expect(result.stdout).toContain("schema app:\n");
    expect(result.stdout).toContain("  table orders:\n");
    expect(result.stdout).toContain("  function touch_updated_at():\n");
    expect(result.stdout).not.toMatch(/^\s*owner:/m);
    expect(result.stdout).not.toMatch(/^\s*privileges:/m);
    const model = readSchemaYaml(result.stdout, "extract.yaml");
    expect(model.schemas.app?.tables?.orders?.columns?.map((c) => c.name)).toEqual([
      "order_id",
      "customer_id",
      "status",
      "placed_at",
      "updated_at",
    ]);
  });

  it("takes a URI as DBNAME, and with -O alone writes privileges the YAML reader accepts", async () => {
    const result = await run(["-O", db.url]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^\s*privileges:/m);
    expect(result.stdout).not.toMatch(/^\s*owner:/m);
    const model = readSchemaYaml(result.stdout, "schema.yaml");
    expect(model.schemas.app?.tables?.customer?.privileges).toContainEqual({ shop_reader: ["select"] });
  });

  it("filters with -n, -t and -T", async () => {
    const onlyOrders = await run(["-x", "-O", "-t", "app.orders", db.url]);
    expect(onlyOrders.code).toBe(0);
    expect(onlyOrders.stdout).toContain("  table orders:\n");
    expect(onlyOrders.stdout).toContain("  sequence orders_order_id_seq:\n");
    expect(onlyOrders.stdout).not.toContain("table customer:");
    expect(onlyOrders.stdout).not.toContain("function ");
    const withoutOrders = await run(["-x", "-O", "-n", "app", "-T", "orders", "-T", "app.product", db.url]);
    expect(withoutOrders.stdout).not.toContain("table orders:");
    expect(withoutOrders.stdout).not.toContain("table product:");
    expect(withoutOrders.stdout).toContain("  table customer:\n");
    expect(withoutOrders.stdout).not.toContain("schema public:");
  });

  it("writes -o FILE and leaves an old file untouched when it fails", async () => {
    const dir = folder();
    const file = join(dir, "schema.yaml");
    const written = await run(["-x", "-O", "-o", file, db.url]);
    expect(written.code).toBe(0);
    expect(written.stdout).toBe("");
    expect(readFileSync(file, "utf8")).toMatch(/^# pgvc schema: .*\n[^]*schema app:\n/);
    writeFileSync(file, "old contents\n");
    const failed = await run(["-o", file, "-H", "127.0.0.1", "-p", "1", "nodb"]);
    expect(failed.code).toBe(4);
    expect(readFileSync(file, "utf8")).toBe("old contents\n");
    expect(readdirSync(dir)).toEqual(["schema.yaml"]);
  });

  it("writes a multiple-files tree with -m -r DIR", async () => {
    const dir = folder();
    const result = await run(["-x", "-O", "-m", "-r", dir, db.url]);
    expect(result.code).toBe(0);
    expect(readFileSync(join(dir, "metadata", `database.${db.name}.yaml`), "utf8")).toMatch(/^# pgvc schema: /);
    expect(readFileSync(join(dir, "metadata", "schema.app", "table.orders.yaml"), "utf8")).toMatch(/^table orders:\n/);
  });

  it("exits 4 naming the server when the connection is refused", async () => {
    const result = await run(["-H", "127.0.0.1", "-p", "1", "-U", "someone", "nodb"]);
    expect(result.code).toBe(4);
    expect(result.stderr).toContain("dbtoyaml: error: could not connect to someone@127.0.0.1:1/nodb");
    expect(result.stdout).toBe("");
  });

  it.each([
    [["--bogus"], /unknown option '--bogus'/],
    [["-r", "dir", "x"], /-r\/--repository goes with -m/],
    [["-m", "-o", "f", "x"], /exclude each other/],
    [["a", "b"], /too many arguments/],
  ])("exits 2 on bad usage: %j", async (args, message) => {
    const result = await run(args);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
  });

  it("prints --version and --help, exit 0", async () => {
    const version = await run(["--version"]);
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    const help = await run(["--help"]);
    expect(help.code).toBe(0);
    for (const flag of [
      "--schema",
      "--exclude-schema",
      "--table",
      "--exclude-table",
      "--no-owner",
      "--no-privileges",
      "--output",
      "--multiple-files",
      "--repository",
      "--host",
      "--port",
      "--username",
      "--password",
    ]) {
      expect(help.stdout).toContain(flag);
    }
  });

  it("prints no spinner when stderr is not a terminal", async () => {
    const result = await run(["-x", db.url]);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe("");
  });
});
