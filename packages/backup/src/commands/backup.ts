import { existsSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { link, mkdir, rm, stat, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { checkOutputFile, libpqEnvironment, ToolError, UsageError, withSession, type ResolvedConnection } from "@pgvc/core";
import { listArchive, readWholeArchive, sha256File, type Sidecar } from "../archive.js";
import { InterruptedError } from "../errors.js";
import { backupFileName, sidecarPath } from "../naming.js";
import { formatBytes, silentReporter, type Reporter } from "../reporter.js";
import { assertCanDump } from "../server.js";
import { conninfoDatabase, describeExit, findTool, runTool, type Tool } from "../tools.js";

export interface BackupOptions {
  /** The database to back up (its `database` field). */
  connection: ResolvedConnection;
  /** The archive to write. Never overwritten. Default: `<directory>/<database>_<UTC time>.dump`. */
  file?: string | undefined;
  /** Where the default-named archive goes; default the current folder. */
  directory?: string | undefined;
  /** Name the default file `<stem>.dump` instead of after the database and time. */
  stem?: string | undefined;
  /** Where to look for pg_dump (`PGVC_PG_BIN`, `PATH`) and the base of its environment. */
  env?: NodeJS.ProcessEnv;
  reporter?: Reporter;
  signal?: AbortSignal | undefined;
  now?: () => Date;
  /** pg_dump's --lock-wait-timeout: how long to wait for a table's shared lock (default 30s; "0" waits forever). */
  lockWaitTimeout?: string | undefined;
}

export interface BackupResult {
  /** The verified archive. */
  file: string;
  /** Its description, `FILE.json`. */
  sidecarFile: string;
  sidecar: Sidecar;
}

function chooseFile(options: BackupOptions, started: Date): string {
  if (options.file !== undefined) {
    const file = resolve(options.file);
    if (existsSync(file)) {
      throw new UsageError(`${file} exists: a backup never overwrites a file`, {
        hints: ["name another file with -o, or remove this one first"],
      });
    }
    return file;
  }
  const directory = resolve(options.directory ?? ".");
  const name = options.stem ? `${options.stem}.dump` : backupFileName(options.connection.database, started);
  let file = join(directory, name);
  for (let n = 2; existsSync(file) || existsSync(sidecarPath(file)); n += 1) {
    file = join(directory, name.replace(/\.dump$/, `-${n}.dump`));
  }
  return file;
}

/**
 * Give the verified archive its name without overwriting anything (a hard
 * link fails when the name exists): a default name taken meanwhile by another
 * backup moves on to `-2`, `-3`...; an explicit -o FILE is refused.
 */
async function claimName(partial: string, file: string, options: BackupOptions): Promise<string> {
  for (let n = 2; ; n += 1) {
    try {
      await link(partial, file);
      return file;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      if (options.file !== undefined) throw new UsageError(`${file} appeared while backing up: a backup never overwrites a file`);
      file = file.replace(/(-\d+)?\.dump$/, `-${n}.dump`);
    }
  }
}

async function serverVersion(conn: ResolvedConnection): Promise<{ text: string; num: number }> {
  return withSession(conn, async (session) => {
    const { rows } = await session.query<{ v: string }>("SELECT pg_catalog.current_setting('server_version') AS v");
    return { text: rows[0]?.v ?? String(session.serverVersionNum), num: session.serverVersionNum };
  });
}

/** pg_dump takes any text for --lock-wait-timeout and fails late on a bad one: a duration as lock_timeout reads it, checked first. */
function checkLockWait(value: string | undefined): void {
  if (value === undefined || /^\s*\d+(\.\d+)?\s*(us|ms|s|min|h|d)?\s*$/.test(value)) return;
  throw new UsageError(`--lock-wait-timeout ${value}: not a duration (e.g. 30s, 500ms, 2min; 0 waits forever)`);
}

/** Run pg_dump into `partial`, showing which table it is on and how big the file is. */
async function dump(pgDump: Tool, partial: string, options: BackupOptions, env: NodeJS.ProcessEnv): Promise<void> {
  const reporter = options.reporter ?? silentReporter;
  const database = options.connection.database;
  let table = "";
  const started = Date.now();
  const timer = setInterval(() => {
    stat(partial)
      .then((s) => {
        const seconds = Math.round((Date.now() - started) / 1000);
        reporter.progress(`dumping "${database}": ${formatBytes(s.size)} after ${seconds} s${table ? `, table ${table}` : ""}`);
      })
      .catch(() => undefined);
  }, 1000);
  const args = ["--format=custom", "--verbose", `--file=${partial}`, `--dbname=${conninfoDatabase(database)}`];
  // Behind an ACCESS EXCLUSIVE lock pg_dump would wait silently forever; it gives up instead, and says on which table.
  const wait = options.lockWaitTimeout ?? "30s";
  if (wait !== "0") args.push(`--lock-wait-timeout=${wait}`);
  const outcome = await runTool(pgDump, args, {
    env,
    signal: options.signal,
    onLine: (line) => {
      const match = /dumping contents of table "(.*)"$/.exec(line);
      if (match) table = match[1]!;
    },
  }).finally(() => clearInterval(timer));
  if (outcome.aborted || outcome.signal === "SIGINT")
    throw new InterruptedError(`backup of "${database}" interrupted; no archive was written`);
  if (outcome.exitCode !== 0) {
    throw new ToolError(`pg_dump failed (${describeExit(outcome)}) backing up "${database}"; no archive was written`, {
      hints: outcome.diagnostics,
    });
  }
}

/**
 * Back up one database with `pg_dump -Fc`, check that pg_restore can read
 * the archive whole, and describe it in `FILE.json` (versions, times, size,
 * sha256, number of entries). The archive appears under its name only once
 * it is complete and verified.
 */
export async function backup(options: BackupOptions): Promise<BackupResult> {
  const env = options.env ?? process.env;
  const reporter = options.reporter ?? silentReporter;
  const conn = options.connection;
  if (options.file !== undefined) checkOutputFile(options.file);
  checkLockWait(options.lockWaitTimeout);
  const pgDump = findTool("pg_dump", env);
  const pgRestore = findTool("pg_restore", env);
  const server = await serverVersion(conn);
  assertCanDump(pgDump, server.num, conn);
  const startedAt = (options.now ?? (() => new Date()))();
  if (options.file === undefined && options.directory !== undefined) await mkdir(options.directory, { recursive: true });
  let file = chooseFile(options, startedAt);
  // Two backups started in the same second choose the same name: each writes its own partial file.
  const partial = `${file}.${process.pid}-${randomBytes(3).toString("hex")}.partial`;
  const toolEnv = libpqEnvironment(conn, env);
  reporter.info(`backing up "${conn.database}" (PostgreSQL ${server.text}) with pg_dump ${pgDump.version} into ${file}`);
  try {
    await dump(pgDump, partial, options, toolEnv);
    const toc = await listArchive(partial, pgRestore, toolEnv);
    await readWholeArchive(partial, pgRestore, toolEnv);
    const sidecar: Sidecar = {
      format: "pgvc-backup/1",
      database: conn.database,
      host: conn.host,
      port: conn.port,
      user: conn.user,
      serverVersion: server.text,
      serverVersionNum: server.num,
      pgDumpVersion: pgDump.version,
      startedAt: startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      sizeBytes: (await stat(partial)).size,
      sha256: await sha256File(partial),
      tocEntries: toc.entries.length,
    };
    file = await claimName(partial, file, options);
    await writeFile(sidecarPath(file), `${JSON.stringify(sidecar, null, 2)}\n`);
    reporter.info(
      `backup verified: ${formatBytes(sidecar.sizeBytes)}, ${sidecar.tocEntries} entries, sha256 ${sidecar.sha256.slice(0, 12)}…`,
    );
    return { file, sidecarFile: sidecarPath(file), sidecar };
  } finally {
    await rm(partial, { force: true });
  }
}
