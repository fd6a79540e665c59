import { execFileSync, spawn, spawnSync, type SpawnSyncReturns } from "node:child_process";
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { ensureRole, execute, testServerUrl } from "@pgvc/testkit";

/**
 * End-to-end helpers: real git repositories in temporary folders, pgvc run
 * through its bins as a user runs it (a `pgvc` on PATH), a scratch server
 * reached by URL as a dedicated role so that what a check leaves behind on
 * the shared test server can be told apart from other files' databases.
 */

export const checkout = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

/** A folder with `pgvc`, `pgvc-check`, `pgvc-init` (and a python3 that has Django) for PATH. */
export function makeBinDir(root: string): string {
  const bin = join(root, "bin");
  mkdirSync(bin);
  const wrap = (name: string, script: string) => {
    writeFileSync(join(bin, name), `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(join(checkout, script))} "$@"\n`);
    chmodSync(join(bin, name), 0o755);
  };
  wrap("pgvc", "packages/cli/bin/pgvc.js");
  wrap("pgvc-check", "packages/sync/bin/pgvc-check.js");
  wrap("pgvc-init", "packages/sync/bin/pgvc-init.js");
  const python = djangoPython();
  if (python) symlinkSync(python, join(bin, "python3"));
  return bin;
}

/** The first python3 that can import Django and psycopg2 (a virtualenv's, else Debian's). */
export function djangoPython(): string | undefined {
  for (const candidate of ["python3", "/usr/bin/python3"]) {
    const r = spawnSync(candidate, ["-c", "import django, psycopg2, sys; print(sys.executable)"], { encoding: "utf8" });
    if (r.status === 0) return r.stdout.trim();
  }
  return undefined;
}

export interface Sandbox {
  dir: string;
  repo: string;
  /** TMPDIR of every command run here: must be empty after each check. */
  tmp: string;
  env: NodeJS.ProcessEnv;
  /** The scratch server's URL (as the sandbox's own role). */
  server: string;
  /** The same server as its administrator. */
  admin: string;
  role: string;
  remove(): Promise<void>;
}

/** A temporary folder holding a git repository, a PATH with pgvc, its own TMPDIR and cache. */
export async function makeSandbox(role: string, admin: string = testServerUrl(), options: { superuser?: boolean } = {}): Promise<Sandbox> {
  const dir = mkdtempSync(join(tmpdir(), "pgvc-e2e-"));
  const repo = join(dir, "repo");
  const tmp = join(dir, "tmp");
  for (const d of [repo, tmp, join(dir, "cache"), join(dir, "home")]) mkdirSync(d);
  await ensureRole(admin, role, { login: true, password: "pgvc-e2e" });
  // A superuser by default: a check sweeps the scratch databases that killed
  // checks left on the server, and those of the other test files' roles are
  // only a superuser's to drop (shared-server.e2e.test.ts covers a plain role).
  await execute(admin, `ALTER ROLE ${role} CREATEDB${options.superuser === false ? "" : " SUPERUSER"}`);
  const server = new URL(admin);
  server.username = role;
  server.password = "pgvc-e2e";
  const env: NodeJS.ProcessEnv = {
    PATH: `${makeBinDir(dir)}:${process.env.PATH ?? ""}`,
    HOME: join(dir, "home"),
    TMPDIR: tmp,
    XDG_CACHE_HOME: join(dir, "cache"),
    PGVC_CACHE_DIR: join(dir, "cache", "pgvc"),
    GIT_AUTHOR_NAME: "Test",
    GIT_AUTHOR_EMAIL: "test@example.com",
    GIT_COMMITTER_NAME: "Test",
    GIT_COMMITTER_EMAIL: "test@example.com",
    GIT_CONFIG_NOSYSTEM: "1",
    LANG: "C.UTF-8",
  };
  execFileSync("git", ["init", "-q", "-b", "main"], { cwd: repo, env });
  return {
    dir,
    repo,
    tmp,
    env,
    server: server.toString(),
    admin,
    role,
    remove: async () => {
      rmSync(dir, { recursive: true, force: true });
      // What a failed test left: its databases, then the role.
      const [left] = await execute(
        admin,
        `SELECT d.datname FROM pg_catalog.pg_database d JOIN pg_catalog.pg_roles r ON r.oid = d.datdba WHERE r.rolname = '${role}'`,
      );
      for (const row of (left?.rows ?? []) as { datname: string }[])
        await execute(admin, `DROP DATABASE IF EXISTS "${row.datname}" WITH (FORCE)`);
      await execute(admin, `DROP ROLE IF EXISTS ${role}`);
    },
  };
}

export function writeFiles(root: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
}

export function copyInto(from: string, to: string, skip: (path: string) => boolean = () => false): void {
  cpSync(from, to, { recursive: true, filter: (src) => !src.includes("__pycache__") && !skip(src) });
}

export function run(box: Sandbox, command: string, args: string[]): SpawnSyncReturns<string> & { output2: string } {
  const r = spawnSync(command, args, { cwd: box.repo, env: box.env, encoding: "utf8" });
  return Object.assign(r, { output2: `${r.stdout}${r.stderr}` });
}

export const git = (box: Sandbox, ...args: string[]) => run(box, "git", args);
export const pgvc = (box: Sandbox, ...args: string[]) => run(box, join(box.dir, "bin", "pgvc"), args);

/** `git add` the paths, then `git commit` for real (the hook runs unless --no-verify is among `extra`). */
export function commit(box: Sandbox, paths: string[], message: string, extra: string[] = []) {
  const added = git(box, "add", "--", ...paths);
  if (added.status !== 0) throw new Error(`git add failed: ${added.stderr}`);
  return git(box, "commit", "-q", "-m", message, ...extra);
}

export function head(box: Sandbox): string {
  return git(box, "rev-parse", "--verify", "-q", "HEAD").stdout.trim();
}

/** The databases the sandbox's role owns on the test server: the scratch databases of its checks. */
export async function scratchDatabases(box: Sandbox): Promise<string[]> {
  const [result] = await execute(
    box.admin,
    `SELECT d.datname FROM pg_catalog.pg_database d JOIN pg_catalog.pg_roles r ON r.oid = d.datdba WHERE r.rolname = '${box.role}' ORDER BY 1`,
  );
  return (result?.rows ?? []).map((row: { datname: string }) => row.datname);
}

export function tmpEntries(box: Sandbox): string[] {
  return readdirSync(box.tmp);
}

/** Start `pgvc check` without waiting; resolves its exit code and signal. */
export function startCheck(box: Sandbox, args: string[] = []) {
  const child = spawn(join(box.dir, "bin", "pgvc-check"), args, { cwd: box.repo, env: box.env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (c: Buffer) => (output += c.toString()));
  child.stderr.on("data", (c: Buffer) => (output += c.toString()));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string }>((resolve) =>
    child.on("close", (code, signal) => resolve({ code, signal, output })),
  );
  return { child, done };
}

/** Wait until a query on the sandbox's scratch databases runs pg_sleep (the check is mid-migration). */
export async function untilSleeping(box: Sandbox): Promise<void> {
  for (let i = 0; i < 600; i++) {
    const [result] = await execute(
      box.admin,
      `SELECT count(*)::int AS n FROM pg_catalog.pg_stat_activity WHERE usename = '${box.role}' AND query ILIKE '%pg_sleep%' AND state = 'active'`,
    );
    if ((result?.rows[0] as { n: number }).n > 0) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("the check never reached the slow migration");
}
