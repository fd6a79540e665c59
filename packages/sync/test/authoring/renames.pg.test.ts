import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testServerUrl } from "@pgvc/testkit";
import { check } from "../../src/commands/check.js";
import { migrationNew } from "../../src/commands/migration-new.js";

// The questions pgvc migration new asks on a terminal, answered through its
// confirm callback: a drop and a create that look like one renamed object.
let repo: string;
const cacheDir = () => join(repo, ".cache");

beforeAll(async () => {
  repo = mkdtempSync(join(tmpdir(), "pgvc-rename-"));
  execFileSync("git", ["init", "-q"], { cwd: repo });
  mkdirSync(join(repo, "migrations"));
  writeFileSync(
    join(repo, "migrations", "001_init.sql"),
    "CREATE SCHEMA app;\nCREATE TABLE app.client (id integer PRIMARY KEY, note text);\nINSERT INTO app.client VALUES (1, 'kept');\n",
  );
  writeFileSync(
    join(repo, "pgvc.yaml"),
    `schema: schema.yaml\nmigrations:\n  - sql: migrations\nscratch:\n  server: ${testServerUrl()}\nintrospect:\n  schemas: [app]\n  no_owner: true\n  no_privileges: true\n`,
  );
  writeFileSync(join(repo, "schema.yaml"), "schema app: {}\n");
  const written = await check({ cwd: repo, write: true, cacheDir: cacheDir() });
  expect(written.status).toBe("written");
});

afterAll(() => {
  rmSync(repo, { recursive: true, force: true });
});

describe("renames in pgvc migration new", { timeout: 120_000 }, () => {
  it("asks whether a dropped column and a created one of the same type are one renamed column; yes gives RENAME both ways", async () => {
    const path = join(repo, "schema.yaml");
    writeFileSync(path, readFileSync(path, "utf8").replace("    - note:\n", "    - remark:\n"));
    const questions: string[] = [];
    const result = await migrationNew({
      cwd: repo,
      name: "rename note",
      cacheDir: cacheDir(),
      confirm: async (question) => {
        questions.push(question);
        return true;
      },
    });
    expect(questions).toEqual(["Is column app.client.note renamed to remark? (otherwise it is dropped and created)"]);
    expect(result.status, JSON.stringify(result.failure)).toBe("written");
    expect(result.forward.map((s) => s.sql)).toEqual(["ALTER TABLE app.client RENAME COLUMN note TO remark"]);
    expect(result.reverse.map((s) => s.sql)).toEqual(["ALTER TABLE app.client RENAME COLUMN remark TO note"]);
    expect(readdirSync(join(repo, "migrations")).sort()).toEqual(["001_init.sql", "002_rename_note.sql", "down"]);
    expect((await check({ cwd: repo, cacheDir: cacheDir() })).status).toBe("in-sync");
  });

  it("without a yes, names the --rename hint and asks before losing data", async () => {
    const path = join(repo, "schema.yaml");
    writeFileSync(path, readFileSync(path, "utf8").replace("    - remark:\n", "    - memo:\n"));
    const questions: string[] = [];
    const result = await migrationNew({
      cwd: repo,
      name: "memo",
      cacheDir: cacheDir(),
      confirm: async (question) => {
        questions.push(question);
        return false;
      },
    });
    expect(questions[0]).toBe("Is column app.client.remark renamed to memo? (otherwise it is dropped and created)");
    expect(questions[1]).toMatch(/^This migration loses data/);
    expect(result.status).toBe("refused");
    expect(result.possibleRenames.map((r) => r.hint)).toEqual([{ kind: "column", from: "app.client.remark", to: "memo" }]);
    expect(result.files).toEqual([]);
  });
});
