import { addConnectionOptions, connectionFromFlags, createProgram, ExitCode, runCli, UsageError } from "@pgvc/core";
import { readStandardInput } from "@pgvc/yaml";
import { yamltodb, type YamltodbResult } from "../commands/yamltodb.js";
import { allowEmptyOption, printAlarms, printFailure, renameOption, schemaOption, version, type SharedFlags } from "./shared.js";
import { toSql } from "../statement.js";

const name = "yamltodb";

interface Flags extends SharedFlags {
  multipleFiles?: boolean;
  repository?: string;
  update?: boolean;
  revert?: boolean;
  exitCode?: boolean;
  allowEmpty?: boolean;
  lockTimeout: string;
}

export async function main(argv: string[]): Promise<number> {
  const program = addConnectionOptions(
    createProgram(name, "Generate (or apply, with -u) the SQL that makes a PostgreSQL database match a YAML schema.", version),
  )
    .argument("<dbname>", "the database: a name or a postgres:// URI")
    .argument("[spec]", "the YAML schema file (default: stdin)")
    .addOption(schemaOption())
    .option("-m, --multiple-files", "read the multiple-files tree under DIR/metadata (see -r)")
    .option("-r, --repository <dir>", "with -m: the directory that holds metadata/ (default: the current directory)")
    .option("-1, --single-transaction", "wrap the SQL in BEGIN/COMMIT")
    .option("-u, --update", "apply the SQL in one transaction, verify the result, and commit only if it matches")
    .option("-o, --output <file>", "write the SQL to this file instead of stdout")
    .option("--revert", "generate the SQL that reverts a database in the YAML's state to this database's")
    .option(
      "--hazards",
      "write each statement's hazards (data-loss, rewrite, lock, irreversible, security, integrity) above it as a comment",
    )
    .option("--exit-code", "exit 1 when there are statements, 0 when there are none")
    .addOption(renameOption("a rename the YAML does not carry"))
    .addOption(allowEmptyOption())
    .option("--lock-timeout <duration>", "how long a statement may wait for a lock, e.g. 5s, 500ms, 1min; 0 waits forever", "5s")
    .addHelpText(
      "after",
      "\nExamples:\n  yamltodb shop schema.yaml > migration.sql\n  yamltodb --hazards -1 shop schema.yaml\n  yamltodb -u shop schema.yaml\n  yamltodb -m -r repo postgres://me@db.example.com/shop\n\nExit codes: 0 done (or nothing to do), 1 statements found with --exit-code or -u verification failed,\n2 usage, 3 bad YAML, 4 database error, 5 the change fails on this database (tried and rolled back).",
    );
  await program.parseAsync(argv, { from: "user" });
  const flags = program.opts<Flags>();
  const [dbname, spec] = program.args as [string, string | undefined];
  if (flags.repository !== undefined && !flags.multipleFiles) throw new UsageError("-r/--repository goes with -m/--multiple-files");
  if (spec !== undefined && flags.multipleFiles) throw new UsageError("give either SPEC or -m/--multiple-files, not both");
  if (flags.update && flags.revert) throw new UsageError("--revert writes SQL for another database; it cannot go with -u/--update");
  const result = await yamltodb({
    connection: await connectionFromFlags(flags, dbname),
    spec,
    multipleFiles: flags.multipleFiles,
    repository: flags.repository,
    schemas: flags.schema,
    singleTransaction: flags.singleTransaction,
    update: flags.update,
    output: flags.output,
    revert: flags.revert,
    hazards: flags.hazards,
    renames: flags.rename,
    allowEmpty: flags.allowEmpty,
    stdin: stdinNotice,
    lockTimeout: flags.lockTimeout,
    onWait: (message) => process.stderr.write(`${name}: ${message}\n`),
    signal: interruptSignal(),
  });
  return report(flags, result);
}

/**
 * Ctrl-C or SIGTERM: the statement running on the server is cancelled (not
 * left queued for its lock) and the command exits 130. A second signal, or
 * nothing to cancel after two seconds, exits at once.
 */
function interruptSignal(): AbortSignal {
  const controller = new AbortController();
  const onSignal = () => {
    if (controller.signal.aborted) process.exit(130);
    controller.abort();
    setTimeout(() => process.exit(130), 2000).unref();
  };
  process.on("SIGINT", onSignal).on("SIGTERM", onSignal);
  return controller.signal;
}

/** Reading YAML from a terminal looks like a hang: say what is awaited. */
function stdinNotice(): Promise<string> {
  if (process.stdin.isTTY)
    process.stderr.write(`${name}: reading the YAML schema from standard input (end it with Ctrl-D; give SPEC to read a file)\n`);
  return readStandardInput();
}

function report(flags: Flags, result: YamltodbResult): number {
  for (const warning of result.warnings) process.stderr.write(`${name}: warning: ${warning}\n`);
  printAlarms(name, result.alarms);
  if (result.failure) return printFailure(name, result.failure, flags.output);
  process.stdout.write(result.sql);
  if (flags.update && result.statements.length > 0) {
    if (!result.applied) {
      process.stderr.write(
        `${name}: verification failed: after the statements the database still differs; everything was rolled back.\nStill to do:\n${toSql(result.remaining)}`,
      );
      return ExitCode.differences;
    }
    process.stderr.write(`${name}: applied ${result.statements.length} statements; the database matches the schema.\n`);
  }
  return flags.exitCode && result.statements.length > 0 ? ExitCode.differences : ExitCode.ok;
}

await runCli(name, () => main(process.argv.slice(2)));
