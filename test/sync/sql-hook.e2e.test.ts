import { appendFileSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  commit,
  git,
  head,
  makeSandbox,
  pgvc,
  scratchDatabases,
  startCheck,
  tmpEntries,
  untilSleeping,
  writeFiles,
  type Sandbox,
} from "./helpers.js";
import { customerEmailSchema, customerMigration, customerPhoneSchema, customerSchema, emailMigration } from "./schemas.js";

// One repository, its history built commit by commit as a developer would,
// with the hook that `pgvc init` installs and a real `git commit`.
let box: Sandbox;
beforeAll(async () => {
  box = await makeSandbox("pgvc_e2e_sql");
  writeFiles(box.repo, { "db/migrations/001_customer.sql": customerMigration, "schema.yaml": customerSchema, "README.md": "shop\n" });
  const init = pgvc(box, "init", "--server", box.server);
  expect(init.status, init.output2).toBe(0);
  expect(init.stdout).toContain("created          .git/hooks/pre-commit");
});
afterAll(async () => {
  await box?.remove();
});

async function expectNothingLeft(): Promise<void> {
  expect(await scratchDatabases(box)).toEqual([]);
  expect(tmpEntries(box)).toEqual([]);
}

describe("the pre-commit hook of an SQL repository", { timeout: 240_000 }, () => {
  it("accepts the first commit, whose schema.yaml and migration agree", async () => {
    const r = commit(box, ["pgvc.yaml", "schema.yaml", "db", "README.md"], "schema and first migration");
    expect(r.status, r.output2).toBe(0);
    expect(r.output2).toContain("pgvc check: schema.yaml matches the 1 migration");
    expect(head(box)).not.toBe("");
    await expectNothingLeft();
  });

  it("accepts a commit touching neither, without a scratch server", async () => {
    // pgvc.yaml in the index names a server nobody listens on: a check
    // that connected anywhere would fail.
    const good = readFileSync(join(box.repo, "pgvc.yaml"), "utf8");
    writeFileSync(join(box.repo, "pgvc.yaml"), good.replace(/server: .*/, "server: postgres://nobody@127.0.0.1:1/postgres"));
    git(box, "add", "pgvc.yaml");
    expect(git(box, "commit", "-q", "--no-verify", "-m", "dead server").status).toBe(0);
    appendFileSync(join(box.repo, "README.md"), "more\n");
    const before = head(box);
    const r = commit(box, ["README.md"], "docs only");
    expect(r.status, r.output2).toBe(0);
    expect(head(box)).not.toBe(before);
    // The same server is used once a migration is staged: the check did need it.
    writeFiles(box.repo, { "db/migrations/002_email.sql": emailMigration, "schema.yaml": customerEmailSchema });
    const refused = commit(box, ["db", "schema.yaml"], "needs the server");
    expect(refused.status).not.toBe(0);
    expect(refused.output2).toMatch(/127\.0\.0\.1|connect/i);
    writeFileSync(join(box.repo, "pgvc.yaml"), good);
    git(box, "reset", "-q", "--", "db", "schema.yaml");
    writeFileSync(join(box.repo, "schema.yaml"), customerSchema);
    expect(commit(box, ["pgvc.yaml"], "live server again").status).toBe(0);
  });

  it("refuses a migration committed without schema.yaml, with the report", async () => {
    const before = head(box);
    const r = commit(box, ["db/migrations/002_email.sql"], "add email");
    expect(r.status).toBe(1);
    expect(r.output2).toContain("table app.customer: column email is made by the migrations but is not in schema.yaml");
    expect(r.output2).toContain("ALTER TABLE app.customer DROP COLUMN email;");
    expect(head(box)).toBe(before);
    await expectNothingLeft();
  });

  it("accepts the migration once schema.yaml is staged with it", async () => {
    writeFileSync(join(box.repo, "schema.yaml"), customerEmailSchema);
    const r = commit(box, ["schema.yaml", "db"], "add email");
    expect(r.status, r.output2).toBe(0);
    expect(r.output2).toContain("matches the 2 migrations");
    await expectNothingLeft();
  });

  it("checks the index, not the working tree", async () => {
    // A fix left unstaged must not let the staged mistake through.
    writeFileSync(join(box.repo, "schema.yaml"), customerPhoneSchema);
    git(box, "add", "schema.yaml");
    writeFileSync(join(box.repo, "db/migrations/003_phone.sql"), "ALTER TABLE app.customer ADD COLUMN phone text;\n");
    const r = git(box, "commit", "-q", "-m", "phone in schema.yaml only");
    expect(r.status).toBe(1);
    expect(r.output2).toContain("phone");
    expect(r.output2).toMatch(/ALTER TABLE app\.customer ADD COLUMN phone text/);
    await expectNothingLeft();
  });

  it("refuses a malformed schema.yaml with its file and line", async () => {
    // Line 3 of the file: "    colums:".
    writeFileSync(join(box.repo, "schema.yaml"), customerEmailSchema.replace("    columns:", "    colums:"));
    const r = commit(box, ["schema.yaml", "db/migrations/003_phone.sql"], "broken yaml");
    expect(r.status).toBe(1);
    expect(r.output2).toContain('schema.yaml:3:5: unknown attribute "colums" in "table customer" (did you mean "columns"?)');
    const direct = pgvc(box, "check", "--staged");
    expect(direct.status).toBe(3);
    await expectNothingLeft();
  });

  it("reports a failing migration with its file and line", async () => {
    writeFileSync(join(box.repo, "schema.yaml"), customerPhoneSchema);
    writeFileSync(join(box.repo, "db/migrations/003_phone.sql"), "-- phone numbers\n\nALTER TABLE app.customer ADD COLUMN phone txt;\n");
    const r = commit(box, ["schema.yaml", "db/migrations/003_phone.sql"], "typo");
    expect(r.status).toBe(1);
    expect(r.output2).toContain("db/migrations/003_phone.sql:3");
    expect(r.output2).toContain('type "txt" does not exist');
    await expectNothingLeft();
  });

  it("replays again from an edited old migration (the cache does not hide it)", async () => {
    writeFileSync(join(box.repo, "db/migrations/003_phone.sql"), "ALTER TABLE app.customer ADD COLUMN phone text;\n");
    expect(commit(box, ["db/migrations/003_phone.sql"], "phone").status).toBe(0);
    // The cache now holds the model after 001..003. Editing 001 changes it.
    writeFileSync(
      join(box.repo, "db/migrations/001_customer.sql"),
      customerMigration.replace("name text NOT NULL", "name varchar(80) NOT NULL"),
    );
    const r = commit(box, ["db/migrations/001_customer.sql"], "edit history");
    expect(r.status).toBe(1);
    expect(r.output2).toContain("name");
    expect(r.output2).toMatch(/character varying\(80\)|varchar\(80\)/);
    await expectNothingLeft();
    git(box, "checkout", "-q", "HEAD", "--", "db/migrations/001_customer.sql");
  });

  it("is bypassed by git commit --no-verify, and pgvc check (as in CI) still fails", async () => {
    writeFiles(box.repo, { "db/migrations/004_note.sql": "ALTER TABLE app.customer ADD COLUMN note text;\n" });
    const before = head(box);
    const r = commit(box, ["db/migrations/004_note.sql"], "skip the hook", ["--no-verify"]);
    expect(r.status).toBe(0);
    expect(head(box)).not.toBe(before);
    const ci = pgvc(box, "check");
    expect(ci.status).toBe(1);
    expect(ci.stdout).toContain("column note is made by the migrations but is not in schema.yaml");
    await expectNothingLeft();
  });

  it("leaves nothing behind when interrupted, and a killed check's database goes at the next run", async () => {
    writeFiles(box.repo, { "db/migrations/005_slow.sql": "SELECT pg_sleep(60);\n" });
    const interrupted = startCheck(box);
    await untilSleeping(box);
    interrupted.child.kill("SIGINT");
    const stopped = await interrupted.done;
    // Exit code 130, or death by the signal itself: a shell sees 130 either way.
    expect(stopped.code === 130 || stopped.signal === "SIGINT", stopped.output).toBe(true);
    await expectNothingLeft();

    const killed = startCheck(box);
    await untilSleeping(box);
    killed.child.kill("SIGKILL");
    await killed.done;
    expect(await scratchDatabases(box)).not.toEqual([]);
    writeFileSync(join(box.repo, "db/migrations/005_slow.sql"), "SELECT 1;\n");
    const next = pgvc(box, "check");
    expect(next.status).toBe(1);
    await expectNothingLeft();
  });
});
