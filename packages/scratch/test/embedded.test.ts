import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  createScratchDatabase,
  dropTemplate,
  keepAsTemplate,
  listTemplates,
  openScratchServer,
  parseMajor,
  stopEmbeddedServer,
  type ScratchConfig,
} from "@pgvc/scratch";
import { databaseExists, execute } from "@pgvc/testkit";
import { runChild } from "./child.js";

// Each test gets a cache folder of its own; every server is stopped and every folder removed at the end.
// One major keeps the run short: 16 unless PGVC_TEST_PG names another.
const major = parseMajor(process.env.PGVC_TEST_PG, 16);
const caches: string[] = [];
function freshCache(): string {
  const dir = mkdtempSync(join(tmpdir(), "pgvc-scratch-cache-"));
  // Under root the server runs as another user, who must be able to enter it.
  chmodSync(dir, 0o755);
  caches.push(dir);
  return dir;
}
afterAll(async () => {
  for (const cacheDir of caches) {
    await stopEmbeddedServer({ major, cacheDir }).catch(() => undefined);
    rmSync(cacheDir, { recursive: true, force: true });
  }
});

const clusterDir = (cacheDir: string) => join(cacheDir, `postgres-${major}`);
const postmasterPid = (cacheDir: string) =>
  Number(readFileSync(join(clusterDir(cacheDir), "data", "postmaster.pid"), "utf8").split("\n")[0]);

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

describe("opening the persistent embedded server", () => {
  it("stops at once when aborted, leaving no lock behind", async () => {
    const cacheDir = freshCache();
    const signal = AbortSignal.abort();
    await expect(openScratchServer({ kind: "embedded", major, cacheDir }, { signal })).rejects.toMatchObject({ name: "AbortError" });
    expect(existsSync(join(clusterDir(cacheDir), "lock"))).toBe(false);
    expect(existsSync(join(clusterDir(cacheDir), "data"))).toBe(false);
  });

  it("refuses an idle time that is not a positive number of seconds", async () => {
    await expect(openScratchServer({ kind: "embedded", major, cacheDir: freshCache(), idleSeconds: 0 })).rejects.toMatchObject({
      name: "UsageError",
      message: "invalid idle time 0 for the scratch server",
    });
  });
});

describe("the persistent embedded server", () => {
  it("is initialised on first use, and later uses find it or start it again", async () => {
    const cacheDir = freshCache();
    const config: ScratchConfig = { kind: "embedded", major, cacheDir };
    const progress: string[] = [];
    const first = await openScratchServer(config, { progress: (m) => progress.push(m) });
    expect(progress).toEqual([`initialising PostgreSQL ${major} in ${clusterDir(cacheDir)} (first run)`, `starting PostgreSQL ${major}`]);
    expect(first.kind).toBe("embedded");
    expect(Math.floor(first.serverVersionNum / 10000)).toBe(major);
    await execute(first.url, "CREATE TABLE kept_by_the_cluster (id int)");
    const pid = postmasterPid(cacheDir);
    await first.close();

    // A lock left by a process that died is no obstacle.
    const dead = spawnSync(process.execPath, ["-e", ""]).pid;
    writeFileSync(join(clusterDir(cacheDir), "lock"), JSON.stringify({ pid: dead, host: hostname() }));
    progress.length = 0;
    const second = await openScratchServer(config, { progress: (m) => progress.push(m) });
    expect(progress).toEqual([]);
    expect(second.url).toBe(first.url);
    expect(postmasterPid(cacheDir)).toBe(pid);
    expect(existsSync(join(clusterDir(cacheDir), "lock"))).toBe(false);
    await second.close();

    expect(await stopEmbeddedServer({ major, cacheDir })).toBe(true);
    expect(alive(pid)).toBe(false);
    const third = await openScratchServer(config, { progress: (m) => progress.push(m) });
    expect(progress).toEqual([`starting PostgreSQL ${major}`]);
    const [rows] = await execute(third.url, "SELECT count(*)::int AS n FROM pg_catalog.pg_tables WHERE tablename = 'kept_by_the_cluster'");
    expect(rows!.rows).toEqual([{ n: 1 }]);
    await third.close();
  });

  it("serves two processes that open it at once with one server", async () => {
    const cacheDir = freshCache();
    const env = { PGVC_CHILD_MAJOR: String(major), PGVC_CHILD_CACHE: cacheDir };
    const children = [runChild("embedded", env), runChild("embedded", env)];
    const results = (await Promise.all(children.map((child) => child.ready))) as { url: string; progress: string[] }[];
    expect(await Promise.all(children.map((child) => child.ended))).toEqual([0, 0]);
    expect(results[0]!.url).toBe(results[1]!.url);
    const initialisations = results.flatMap((result) => result.progress).filter((m) => m.startsWith("initialising"));
    expect(initialisations).toHaveLength(1);
  });

  it("stops by itself once idle", async () => {
    const cacheDir = freshCache();
    const server = await openScratchServer({ kind: "embedded", major, cacheDir, idleSeconds: 2 });
    const pid = postmasterPid(cacheDir);
    await server.close();
    for (let i = 0; i < 600 && alive(pid); i++) await new Promise((r) => setTimeout(r, 100));
    expect(alive(pid)).toBe(false);
    // ...and its watchdog has left too.
    for (let i = 0; i < 100 && existsSync(join(clusterDir(cacheDir), "watchdog.pid")); i++) await new Promise((r) => setTimeout(r, 100));
    expect(existsSync(join(clusterDir(cacheDir), "watchdog.pid"))).toBe(false);
  });

  it("keeps a scratch database as a template that later databases start from", async () => {
    const cacheDir = freshCache();
    const server = await openScratchServer({ kind: "embedded", major, cacheDir });
    try {
      const database = await createScratchDatabase(server);
      await execute(database.url, "CREATE TABLE after_step_one (id int PRIMARY KEY); INSERT INTO after_step_one VALUES (1)");
      await keepAsTemplate(server, database, "pgvc_tpl_test_a");
      // Keeping the same name again is not an error: a name stands for one content.
      await keepAsTemplate(server, database, "pgvc_tpl_test_a");
      expect(await listTemplates(server, "pgvc_tpl_test")).toEqual(["pgvc_tpl_test_a"]);
      await database.drop();

      const copy = await createScratchDatabase(server, { template: "pgvc_tpl_test_a" });
      const [rows] = await execute(copy.url, "SELECT id FROM after_step_one");
      expect(rows!.rows).toEqual([{ id: 1 }]);
      await copy.drop();

      await dropTemplate(server, "pgvc_tpl_test_a");
      expect(await listTemplates(server, "pgvc_tpl_test")).toEqual([]);
      expect(await databaseExists(server.url, "pgvc_tpl_test_a")).toBe(false);
    } finally {
      await server.close();
    }
  });
});
