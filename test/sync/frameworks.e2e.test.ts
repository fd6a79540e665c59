import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkout, commit, git, head, makeSandbox, pgvc, run, scratchDatabases, tmpEntries, writeFiles, type Sandbox } from "./helpers.js";
import { customerEmailSchema, customerMigration, customerSchema, emailMigration } from "./schemas.js";

// The two other ways to run the hook: the pre-commit framework with this
// repository's .pre-commit-hooks.yaml (Debian's pre-commit), and husky +
// lint-staged as pgvc init sets them up in a Node repository.

async function expectNothingLeft(box: Sandbox): Promise<void> {
  expect(await scratchDatabases(box)).toEqual([]);
  expect(tmpEntries(box)).toEqual([]);
}

function sqlRepo(box: Sandbox): void {
  writeFiles(box.repo, {
    "db/migrations/20240101000000_customer.sql": `-- migrate:up\n${customerMigration}\n-- migrate:down\nDROP SCHEMA app CASCADE;\n`,
    "schema.yaml": customerSchema,
  });
}

describe("the pre-commit framework's hook pgvc-check", { timeout: 240_000 }, () => {
  let box: Sandbox;
  beforeAll(async () => {
    box = await makeSandbox("pgvc_e2e_precommit");
    box.env.PRE_COMMIT_HOME = join(box.dir, "pre-commit-cache");
    // The hook's repository: this checkout's .pre-commit-hooks.yaml at a commit of its own.
    const hooksRepo = join(box.dir, "hooks-repo");
    mkdirSync(hooksRepo);
    copyFileSync(join(checkout, ".pre-commit-hooks.yaml"), join(hooksRepo, ".pre-commit-hooks.yaml"));
    execFileSync("git", ["init", "-q"], { cwd: hooksRepo, env: box.env });
    execFileSync("git", ["add", "."], { cwd: hooksRepo, env: box.env });
    execFileSync("git", ["commit", "-q", "-m", "hooks"], { cwd: hooksRepo, env: box.env });
    const rev = execFileSync("git", ["rev-parse", "HEAD"], { cwd: hooksRepo, env: box.env, encoding: "utf8" }).trim();
    sqlRepo(box);
    writeFileSync(
      join(box.repo, ".pre-commit-config.yaml"),
      `repos:\n  - repo: ${hooksRepo}\n    rev: ${rev}\n    hooks:\n      - id: pgvc-check\n`,
    );
    const init = pgvc(box, "init", "--server", box.server, "--hook", "none");
    expect(init.status, init.output2).toBe(0);
    const install = run(box, "pre-commit", ["install"]);
    expect(install.status, install.output2).toBe(0);
  });
  afterAll(async () => {
    await box?.remove();
  });

  it("accepts an agreeing commit, refuses a migration without schema.yaml, accepts the fix", async () => {
    const first = commit(box, ["."], "first");
    expect(first.status, first.output2).toBe(0);
    expect(first.output2).toMatch(/pgvc check \(schema\.yaml and migrations agree\)\.+Passed/);
    writeFiles(box.repo, { "db/migrations/20240102000000_email.sql": `-- migrate:up\n${emailMigration}-- migrate:down\n` });
    const before = head(box);
    const refused = commit(box, ["db"], "email");
    expect(refused.status).toBe(1);
    expect(refused.output2).toMatch(/pgvc check \(schema\.yaml and migrations agree\)\.+Failed/);
    expect(refused.output2).toContain("column email is made by the migrations but is not in schema.yaml");
    expect(head(box)).toBe(before);
    writeFileSync(join(box.repo, "schema.yaml"), customerEmailSchema);
    const fixed = commit(box, ["schema.yaml"], "email");
    expect(fixed.status, fixed.output2).toBe(0);
    await expectNothingLeft(box);
  });

  it("is skipped when no staged file looks like a schema or a migration", () => {
    writeFiles(box.repo, { "notes.txt": "hello\n" });
    const r = commit(box, ["notes.txt"], "notes");
    expect(r.status, r.output2).toBe(0);
    expect(r.output2).toMatch(/pgvc check \(schema\.yaml and migrations agree\)\.+\(no files to check\)Skipped/);
  });
});

describe("husky and lint-staged as pgvc init sets them up", { timeout: 240_000 }, () => {
  let box: Sandbox;
  beforeAll(async () => {
    box = await makeSandbox("pgvc_e2e_husky");
    sqlRepo(box);
    writeFiles(box.repo, { "package.json": '{\n  "name": "shop",\n  "private": true\n}\n', ".gitignore": "node_modules\n" });
    // Stands for `npm install --save-dev husky lint-staged`: this checkout's own copies.
    symlinkSync(join(checkout, "node_modules"), join(box.repo, "node_modules"));
  });
  afterAll(async () => {
    await box?.remove();
  });

  it("runs the check once through lint-staged and refuses an out-of-sync commit", async () => {
    const init = pgvc(box, "init", "--server", box.server);
    expect(init.status, init.output2).toBe(0);
    expect(init.stdout).toContain("npm install --save-dev husky lint-staged && npx husky");
    expect(JSON.parse(readFileSync(join(box.repo, "package.json"), "utf8")).scripts).toEqual({ prepare: "husky" });
    const husky = spawnSync(join(box.repo, "node_modules", ".bin", "husky"), [], { cwd: box.repo, env: box.env, encoding: "utf8" });
    expect(husky.status, `${husky.stdout}${husky.stderr}`).toBe(0);
    expect(git(box, "config", "core.hooksPath").stdout.trim()).toBe(".husky/_");

    const first = commit(box, ["."], "first");
    expect(first.status, first.output2).toBe(0);
    // Two migrations staged at once: lint-staged still runs the check once.
    writeFiles(box.repo, {
      "db/migrations/20240102000000_email.sql": `-- migrate:up\n${emailMigration}-- migrate:down\n`,
      "db/migrations/20240103000000_note.sql": "-- migrate:up\nALTER TABLE app.customer ADD COLUMN note text;\n-- migrate:down\n",
    });
    const refused = commit(box, ["db"], "email and note");
    expect(refused.status).toBe(1);
    expect(refused.output2.match(/and the 3 migrations disagree/g)).toHaveLength(1);
    writeFiles(box.repo, {
      "db/migrations/20240103000000_note.sql": "-- migrate:up\nSELECT 1;\n-- migrate:down\n",
      "schema.yaml": customerEmailSchema,
    });
    const fixed = commit(box, ["db", "schema.yaml"], "email");
    expect(fixed.status, fixed.output2).toBe(0);
    await expectNothingLeft(box);
  });
});
