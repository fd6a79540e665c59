import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { execute, testServerUrl } from "@pgvc/testkit";
import { configText, makeRepo, orders, ordersYaml, type TestRepo } from "./repo.js";

const bin = fileURLToPath(new URL("../../bin/pgvc-check.js", import.meta.url));
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

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function pgvcCheck(r: TestRepo, args: string[], onStart?: (child: ReturnType<typeof spawn>) => void): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], {
      cwd: r.root,
      env: { ...process.env, PGVC_CACHE_DIR: r.cacheDir },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    onStart?.(child);
  });
}

async function scratchDatabases(): Promise<string[]> {
  const [result] = await execute(testServerUrl(), "SELECT datname FROM pg_catalog.pg_database WHERE datname LIKE 'pgvc_check%' ORDER BY 1");
  return (result?.rows ?? []).map((row) => String(row.datname));
}

describe("pgvc-check", () => {
  it("prints one line and exits 0 in sync; the report and 1 out of sync; --json", { timeout: 300_000 }, async () => {
    const r = repo();
    const inSync = await pgvcCheck(r, []);
    expect(inSync).toEqual({ code: 0, stdout: "pgvc check: schema.yaml matches the 1 migration (replayed 1)\n", stderr: "" });
    r.write("db/migrations/002_note.sql", "ALTER TABLE app.orders ADD COLUMN note text;\n");
    const out = await pgvcCheck(r, []);
    expect(out.code).toBe(1);
    expect(out.stdout).toContain("pgvc check: schema.yaml and the 2 migrations disagree (1 difference)\n");
    expect(out.stdout).toContain("  table app.orders: column note is made by the migrations but is not in schema.yaml\n");
    expect(out.stdout).toContain("    +     - note:\n    +         type: text\n");
    expect(out.stdout).toContain("    ALTER TABLE app.orders DROP COLUMN note;\n");
    const json = await pgvcCheck(r, ["--json"]);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({
      status: "out-of-sync",
      differences: [{ object: "column app.orders.note", change: "missing-from-schema" }],
    });
  });

  it("exits 3 with file:line:col for a bad pgvc.yaml, and 2 for an unknown flag", async () => {
    const r = repo({ "pgvc.yaml": "schema: schema.yaml\nmigrations:\n  - sql: db/migrations\n    layot: plain\n" });
    const bad = await pgvcCheck(r, []);
    expect(bad.code).toBe(3);
    expect(bad.stderr).toContain('pgvc.yaml:4:5: unknown key "layot" in a migration source (did you mean "layout"?)');
    expect((await pgvcCheck(r, ["--stagd"])).code).toBe(2);
  });

  it("stops on SIGINT with 130, leaving no scratch database behind", { timeout: 300_000 }, async () => {
    const r = repo({ "db/migrations/002_slow.sql": "SELECT pg_catalog.pg_sleep(60);\n" });
    // Scratch databases carry the process id in their name: other test files' are left out.
    let mine = "";
    const result = await pgvcCheck(r, [], (child) => {
      mine = `_p${child.pid}_`;
      // One SIGINT only: polls still under way when the first finds the database must not send a second,
      // which could arrive after the check has let go of its handler and kill it by signal.
      let sent = false;
      const poll = setInterval(() => {
        void scratchDatabases().then((names) => {
          if (!sent && names.some((n) => n.includes(mine))) {
            sent = true;
            clearInterval(poll);
            setTimeout(() => child.kill("SIGINT"), 300);
          }
        });
      }, 100);
      child.on("close", () => clearInterval(poll));
    });
    expect(result.code).toBe(130);
    expect((await scratchDatabases()).filter((n) => n.includes(mine))).toEqual([]);
  });
});
