import { addConnectionOptions, createProgram, UsageError } from "@pgvc/core";
import type { Command } from "commander";
import { parseJobs, version } from "./shared.js";

/** The psql-style connection flags, as connectionFromFlags takes them. */
export interface ConnectionFlags {
  host?: string;
  port?: string;
  username?: string;
  password?: boolean;
}

export interface BackupArgs {
  flags: ConnectionFlags;
  dbname: string | undefined;
  output: string | undefined;
  directory: string | undefined;
  lockWaitTimeout: string;
}

export interface RestoreArgs {
  flags: ConnectionFlags;
  file: string;
  dbname: string | undefined;
  yes: boolean;
  dropOld: boolean;
  owner: string | undefined;
  role: string | undefined;
  jobs: number | undefined;
  safetyBackup: boolean;
  safetyDirectory: string | undefined;
}

export interface GuardArgs {
  flags: ConnectionFlags;
  dbname: string | undefined;
  command: string[];
  expect: string | undefined;
  restoreOnFailure: boolean;
  directory: string | undefined;
  dropOld: boolean;
  owner: string | undefined;
  role: string | undefined;
}

const binHelp = "\npg_dump and pg_restore are found on PATH, or in the folder named by PGVC_PG_BIN.";

function connectionFlags(program: Command): ConnectionFlags {
  const o = program.opts<ConnectionFlags>();
  return { host: o.host, port: o.port, username: o.username, password: o.password };
}

export function backupProgram(): Command {
  return addConnectionOptions(
    createProgram(
      "pgvc-backup",
      "Back up a database with pg_dump -Fc, verify the archive, describe it in FILE.json and print its path.",
      version,
    ),
  )
    .argument("[dbname]", "the database to back up, or a postgres:// URI (default PGDATABASE)")
    .option("-o, --output <file>", "the archive to write (default DBNAME_<UTC time>.dump; never overwritten)")
    .option("--directory <dir>", "folder for the default-named archive (default the current one)")
    .option(
      "--lock-wait-timeout <duration>",
      "give up when a table's lock is not granted in this time (pg_dump's flag), e.g. 30s, 2min; 0 waits forever",
      "30s",
    )
    .addHelpText("after", `${binHelp}\nExample: pgvc backup shop -o /backups/shop.dump`);
}

export function parseBackupArgs(argv: string[]): BackupArgs {
  const program = backupProgram().parse(argv, { from: "user" });
  const o = program.opts<{ output?: string; directory?: string; lockWaitTimeout: string }>();
  return {
    flags: connectionFlags(program),
    dbname: program.args[0],
    output: o.output,
    directory: o.directory,
    lockWaitTimeout: o.lockWaitTimeout,
  };
}

function addRestoreOptions(command: Command): Command {
  return command
    .option("--drop-old", "drop the replaced database once the swap is done (default: keep it as DBNAME_before_restore_<time>)")
    .option("--owner <role>", "owner of the new database (default: the owner of the one it replaces)")
    .option("--role <role>", "role pg_restore runs as (pg_restore --role)");
}

export function restoreProgram(): Command {
  return addRestoreOptions(
    addConnectionOptions(
      createProgram(
        "pgvc-restore",
        "Restore a pg_dump -Fc archive into a new database, check it, then swap it in for DBNAME; the old database is kept.",
        version,
      ),
    )
      .argument("<file>", "the archive (its FILE.json sidecar is checked when present)")
      .argument("[dbname]", "the database to replace (default PGDATABASE, else the database the archive was made from)")
      .option("-y, --yes", "do not ask for confirmation (required when not on a terminal)"),
  )
    .option("-j, --jobs <n>", "restore with this many parallel jobs (pg_restore --jobs)")
    .option("--no-safety-backup", "skip the backup of the database being replaced")
    .option("--safety-directory <dir>", "folder for the safety backup (default the archive's folder)")
    .addHelpText("after", `${binHelp}\nExample: pgvc restore shop_20261126T013005Z.dump shop --yes`);
}

export function parseRestoreArgs(argv: string[]): RestoreArgs {
  const program = restoreProgram().parse(argv, { from: "user" });
  const o = program.opts<{
    yes?: boolean;
    dropOld?: boolean;
    owner?: string;
    role?: string;
    jobs?: string;
    safetyBackup: boolean;
    safetyDirectory?: string;
  }>();
  return {
    flags: connectionFlags(program),
    file: program.args[0]!,
    dbname: program.args[1],
    yes: o.yes ?? false,
    dropOld: o.dropOld ?? false,
    owner: o.owner,
    role: o.role,
    jobs: o.jobs === undefined ? undefined : parseJobs(o.jobs),
    safetyBackup: o.safetyBackup,
    safetyDirectory: o.safetyDirectory,
  };
}

export function guardProgram(): Command {
  return addRestoreOptions(
    addConnectionOptions(
      createProgram(
        "pgvc-guard",
        "Back up, run a command (a migration), check the database; on failure report and optionally restore.",
        version,
      ),
    )
      .usage("[options] [dbname] -- command [args...]")
      .argument("[dbname]", "the database the command changes (default PGDATABASE)")
      .option("--expect <schema.yaml>", "after the command, check that the database matches this schema file")
      .option("--restore-on-failure", "restore the backup when the command fails or the database does not match")
      .option("--directory <dir>", "folder for the backup (default the current one)"),
  ).addHelpText(
    "after",
    `${binHelp}\nThe command runs with PGHOST, PGPORT, PGUSER, PGDATABASE (and PGPASSWORD) set to the guarded database.\n` +
      "Example: pgvc guard shop --restore-on-failure -- ./manage.py migrate",
  );
}

/** Everything after the first `--` is the command, taken as it is. */
export function parseGuardArgs(argv: string[]): GuardArgs {
  const split = argv.indexOf("--");
  const own = split === -1 ? argv : argv.slice(0, split);
  const command = split === -1 ? [] : argv.slice(split + 1);
  const program = guardProgram().parse(own, { from: "user" });
  if (command.length === 0) {
    throw new UsageError("no command to guard: put it after --", {
      hints: ["example: pgvc guard shop -- ./manage.py migrate"],
    });
  }
  const o = program.opts<{
    expect?: string;
    restoreOnFailure?: boolean;
    directory?: string;
    dropOld?: boolean;
    owner?: string;
    role?: string;
  }>();
  return {
    flags: connectionFlags(program),
    dbname: program.args[0],
    command,
    expect: o.expect,
    restoreOnFailure: o.restoreOnFailure ?? false,
    directory: o.directory,
    dropOld: o.dropOld ?? false,
    owner: o.owner,
    role: o.role,
  };
}
