import { execFileSync } from "node:child_process";
import { mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testServerUrl } from "@pgvc/testkit";
import { check } from "../../src/commands/check.js";
import { migrationNew } from "../../src/commands/migration-new.js";

// pgvc migration new asks before writing a column type change that changes
// values (the diff's data-loss hazard, from its table of type conversions),
// and writes one that keeps them without asking.
let repo: string;
const cacheDir = () => join(repo, ".cache");
const schemaPath = () => join(repo, "schema.yaml");

beforeAll(async () => {
  repo = mkdtempSync(join(tmpdir(), "pgvc-typechange-"));
  execFileSync("git", ["init", "-q"], { cwd: repo });
  mkdirSync(join(repo, "migrations"));
  const init =
    "CREATE SCHEMA app;\nCREATE TABLE app.price (id integer PRIMARY KEY, amount numeric);\nINSERT INTO app.price VALUES (1, 1.000000001);\n";
  writeFileSync(join(repo, "migrations", "001_init.sql"), init);
  writeFileSync(
    join(repo, "pgvc.yaml"),
    `schema: schema.yaml\nmigrations:\n  - sql: migrations\nscratch:\n  server: ${testServerUrl()}\nintrospect:\n  schemas: [app]\n  no_owner: true\n  no_privileges: true\n`,
  );
  writeFileSync(schemaPath(), "schema app: {}\n");
  expect((await check({ cwd: repo, write: true, cacheDir: cacheDir() })).status).toBe("written");
});

afterAll(() => {
  rmSync(repo, { recursive: true, force: true });
});

describe("type changes in pgvc migration new", { timeout: 120_000 }, () => {
  it("asks before numeric becomes real (1.000000001 reads 1), and writes nothing on a no", async () => {
    writeFileSync(schemaPath(), readFileSync(schemaPath(), "utf8").replace("type: numeric", "type: real"));
    const questions: string[] = [];
    const result = await migrationNew({
      cwd: repo,
      name: "real amount",
      cacheDir: cacheDir(),
      confirm: async (q) => (questions.push(q), false),
    });
    expect(result.forward.map((s) => [s.sql, s.hazards])).toEqual([
      ["ALTER TABLE app.price ALTER COLUMN amount TYPE real", ["data-loss", "rewrite", "lock"]],
    ]);
    expect(questions).toEqual(["This migration loses data (see the hazards above) and its reverse cannot bring it back. Write it?"]);
    expect(result.status).toBe("refused");
    expect(readdirSync(join(repo, "migrations")).sort()).toEqual(["001_init.sql"]);
  });

  it("writes id integer to bigint without asking", async () => {
    writeFileSync(
      schemaPath(),
      readFileSync(schemaPath(), "utf8").replace("type: real", "type: numeric").replace("type: integer", "type: bigint"),
    );
    const questions: string[] = [];
    const result = await migrationNew({
      cwd: repo,
      name: "bigint id",
      cacheDir: cacheDir(),
      confirm: async (q) => (questions.push(q), false),
    });
    expect(result.status, JSON.stringify(result.failure)).toBe("written");
    expect(questions).toEqual([]);
    expect(result.forward.map((s) => s.hazards)).toEqual([["rewrite", "lock"]]);
  });
});
