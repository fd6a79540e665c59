import { connectionFromFlags, resolveConnection, runCli } from "@pgvc/core";
import { checkDatabaseMatchesSchema, readExpectedSchema } from "@pgvc/diff";
import { guard, type ExpectChecker } from "../commands/guard.js";
import { stderrReporter } from "../reporter.js";
import { parseGuardArgs } from "./args.js";
import { abortOnInterrupt } from "./shared.js";

const name = "pgvc-guard";

/**
 * --expect: after the command, the database must match the schema file
 * (yamltodb's comparison). The file is read and validated now, before the
 * backup and the command: a bad file is found while nothing has changed.
 */
async function expectChecker(schemaFile: string): Promise<ExpectChecker> {
  const target = await readExpectedSchema(schemaFile);
  return (connection) => checkDatabaseMatchesSchema({ connection, schemaFile, target });
}

await runCli(name, async () => {
  const args = parseGuardArgs(process.argv.slice(2));
  const expect = args.expect === undefined ? undefined : await expectChecker(args.expect);
  const connection = resolveConnection(await connectionFromFlags(args.flags, args.dbname));
  const reporter = stderrReporter(name);
  const interrupt = abortOnInterrupt(reporter);
  try {
    const result = await guard({
      connection,
      command: args.command,
      expect,
      restoreOnFailure: args.restoreOnFailure,
      directory: args.directory,
      dropOld: args.dropOld,
      owner: args.owner,
      role: args.role,
      reporter,
      signal: interrupt.signal,
    });
    if (!result.failure) {
      reporter.info(`done: the command succeeded; the backup is ${result.backup.file}`);
      return 0;
    }
    if (result.restored) {
      const kept = result.restored.previous ? `; the failed state is kept as "${result.restored.previous}"` : "";
      reporter.info(`"${connection.database}" was restored from ${result.backup.file}${kept}`);
    }
    return 1;
  } finally {
    interrupt.dispose();
  }
});
