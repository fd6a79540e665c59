// pgvc check on a schema file in Pyrseas's dialect: what the file cannot
// describe (a policy, RLS) is left alone, and the result carries the one
// warning yamltodb prints for the same file against the same database.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testServerUrl } from "@pgvc/testkit";
import { check } from "../../src/commands/check.js";

let repo: string;

beforeAll(() => {
  repo = mkdtempSync(join(tmpdir(), "pgvc-pyrseas-check-"));
  execFileSync("git", ["init", "-q"], { cwd: repo });
  mkdirSync(join(repo, "migrations"));
  writeFileSync(
    join(repo, "migrations", "001_init.sql"),
    "CREATE SCHEMA app;\nCREATE TABLE app.acct (id integer NOT NULL);\nALTER TABLE app.acct ENABLE ROW LEVEL SECURITY;\nCREATE POLICY own ON app.acct USING (id > 0);\n",
  );
  writeFileSync(
    join(repo, "pgvc.yaml"),
    `schema: schema.yaml\nmigrations:\n  - sql: migrations\nscratch:\n  server: ${testServerUrl()}\nintrospect:\n  schemas: [app]\n  no_owner: true\n  no_privileges: true\n`,
  );
});

afterAll(() => {
  rmSync(repo, { recursive: true, force: true });
});

const pyrseasFile = "schema app:\n  table acct:\n    columns:\n    - id:\n        not_null: true\n        type: integer\n";

describe("pgvc check and a schema file in Pyrseas's dialect", { timeout: 120_000 }, () => {
  it("in sync, with the warning naming what the file cannot describe", async () => {
    writeFileSync(join(repo, "schema.yaml"), pyrseasFile);
    const result = await check({ cwd: repo, noCache: true });
    expect(result.status).toBe("in-sync");
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings?.[0]).toContain("cannot describe policies on app.acct, row-level security on app.acct:");
  });

  it("pgvc's own file (its dialect line): no warning, and the policy is a difference", async () => {
    writeFileSync(join(repo, "schema.yaml"), `# pgvc schema: an attribute left out is at its default\n${pyrseasFile}`);
    const result = await check({ cwd: repo, noCache: true });
    expect(result.status).toBe("out-of-sync");
    expect(result.warnings).toBeUndefined();
    expect(result.sql).toContain("DROP POLICY own ON app.acct");
  });
});
