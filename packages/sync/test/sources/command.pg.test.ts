import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { useTestDatabase } from "@pgvc/testkit/vitest";
import { describe, expect, it } from "vitest";
import type { CommandTarget } from "../../src/sources/command-env.js";
import { runCommandMigrations } from "../../src/sources/command.js";
import { MigrationFailure } from "../../src/sources/failure.js";
import { rejection, rows, tempRepo } from "./helpers.js";

const db = useTestDatabase("sources_command");

const target = (): CommandTarget => {
  const c = db.connection;
  return { host: c.host, port: c.port, user: c.user, password: c.password ?? "", database: c.database };
};

/** The user's own libpq settings, which would send psql elsewhere if they reached it. */
const userEnv = { ...process.env, PGSERVICE: "no_such_service", PGDATABASE: "postgres", PGOPTIONS: "-c search_path=nowhere" };

describe("runCommandMigrations", () => {
  it("runs the command through the shell in its folder, against the target database only", async () => {
    const repo = await tempRepo({ "scripts/migrate.sql": "CREATE TABLE from_command (id int);\n" });
    try {
      await runCommandMigrations(
        {
          run: 'psql -X -q -v ON_ERROR_STOP=1 -f scripts/migrate.sql && psql -X -q -c "CREATE TABLE via_url (id int)" "$DATABASE_URL"',
          cwd: repo.root,
          watch: [],
        },
        target(),
        { env: userEnv },
      );
    } finally {
      await repo.cleanup();
    }
    const found = await rows<{ relname: string; nspname: string }>(
      db.url,
      "SELECT c.relname, n.nspname FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE c.relname IN ('from_command', 'via_url') ORDER BY 1",
    );
    expect(found).toEqual([
      { relname: "from_command", nspname: "public" },
      { relname: "via_url", nspname: "public" },
    ]);
  });

  it("reports a failing command with its exit status and last output lines", async () => {
    const run = 'for i in $(seq 1 60); do echo "line $i"; done; sleep 0.2; echo "psql: error: relation missing" >&2; exit 3';
    const error = await rejection(runCommandMigrations({ run, cwd: ".", watch: [] }, target()));
    expect(error).toBeInstanceOf(MigrationFailure);
    const failure = error as MigrationFailure;
    expect(failure.file).toBe(run);
    expect(failure.outcome).toBe("command");
    expect(failure.reason).toBe("it exited with status 3");
    expect(failure.output?.split("\n")).toHaveLength(40);
    expect(failure.message).toMatch(/exited with status 3; its last output:/);
    expect(failure.message).toMatch(/\| psql: error: relation missing$/);
    expect(failure.message).toContain("| line 60\n");
    expect(failure.message).toContain("| line 22\n");
    expect(failure.message).not.toContain("| line 21\n");
  });

  it("stops the command's whole process group when aborted", async () => {
    const repo = await tempRepo({});
    const pidFile = join(repo.root, "pid");
    const controller = new AbortController();
    try {
      const running = runCommandMigrations({ run: `sleep 60 & echo $! > ${pidFile}; wait`, cwd: repo.root, watch: [] }, target(), {
        signal: controller.signal,
      });
      while (!existsSync(pidFile) || (await readFile(pidFile, "utf8")).trim() === "") await sleep(20);
      const pid = Number((await readFile(pidFile, "utf8")).trim());
      controller.abort(new Error("interrupted"));
      await expect(running).rejects.toThrow("interrupted");
      let alive = true;
      for (let i = 0; i < 250 && alive; i++) {
        try {
          process.kill(pid, 0);
          await sleep(20);
        } catch {
          alive = false;
        }
      }
      expect(alive).toBe(false);
    } finally {
      await repo.cleanup();
    }
  });
});
