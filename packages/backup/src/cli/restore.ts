import { connectionFromFlags, describeConnection, resolveConnection, runCli, UsageError } from "@pgvc/core";
import { listArchive, readSidecar } from "../archive.js";
import { restore, type RestorePlan } from "../commands/restore.js";
import { stderrReporter } from "../reporter.js";
import { findTool } from "../tools.js";
import { parseRestoreArgs } from "./args.js";
import { abortOnInterrupt, askOnTerminal, requireConsent } from "./shared.js";

const name = "pgvc-restore";

/** Without DBNAME or PGDATABASE, restore into the database the archive came from. */
async function databaseOfArchive(file: string): Promise<string> {
  const fromSidecar = (await readSidecar(file))?.database;
  const database = fromSidecar ?? (await listArchive(file, findTool("pg_restore"), process.env)).database;
  if (!database) throw new UsageError("name the database to restore into: pgvc restore FILE DBNAME");
  return database;
}

function question(plan: RestorePlan, where: string): string {
  const lines = [
    `Restore ${plan.archive.file} (${plan.archive.toc.entries.length} entries, from "${plan.archive.toc.database ?? "?"}")`,
    `  into a new database "${plan.copy}" on ${where}, check it, then swap it in as "${plan.database}".`,
    plan.current
      ? `  The current "${plan.database}" will be backed up first and ${plan.dropOld ? "DROPPED after the swap (--drop-old)" : `kept as "${plan.previous}"`}.`
      : `  "${plan.database}" does not exist yet: it will be created.`,
    "Continue?",
  ];
  return lines.join("\n");
}

await runCli(name, async () => {
  const args = parseRestoreArgs(process.argv.slice(2));
  requireConsent(args.yes);
  // An empty PGDATABASE counts as unset: it must never fall through to libpq's default (the user's name).
  const dbname = args.dbname || process.env.PGDATABASE || (await databaseOfArchive(args.file));
  const connection = resolveConnection(await connectionFromFlags(args.flags, dbname));
  const reporter = stderrReporter(name);
  const interrupt = abortOnInterrupt(reporter);
  try {
    await restore({
      file: args.file,
      connection,
      confirm: args.yes ? undefined : (plan) => askOnTerminal(question(plan, describeConnection(connection))),
      dropOld: args.dropOld,
      owner: args.owner,
      role: args.role,
      jobs: args.jobs,
      safetyBackup: args.safetyBackup,
      safetyDirectory: args.safetyDirectory,
      reporter,
      signal: interrupt.signal,
    });
    return 0;
  } finally {
    interrupt.dispose();
  }
});
