import { existsSync } from "node:fs";
import { connectionFromFlags, InputError, resolveConnection, runCli, UsageError } from "@pgvc/core";
import { guard, type ExpectChecker } from "../commands/guard.js";
import { stderrReporter } from "../reporter.js";
import { parseGuardArgs } from "./args.js";
import { abortOnInterrupt } from "./shared.js";

const name = "pgvc-guard";

/**
 * The schema comparison comes from @pgvc/diff, loaded only when --expect is
 * given. Until that package provides `checkDatabaseMatchesSchema`, --expect
 * is refused with a clear message.
 */
async function loadExpectChecker(schemaFile: string): Promise<ExpectChecker> {
  const specifier = "@pgvc/diff";
  const diff = (await import(specifier).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ERR_MODULE_NOT_FOUND" && error.message.includes(specifier)) return undefined;
    throw error;
  })) as
    | { checkDatabaseMatchesSchema?: (options: { connection: unknown; schemaFile: string }) => Promise<{ matches: boolean; report: string }> }
    | undefined;
  const check = diff?.checkDatabaseMatchesSchema;
  if (!check) {
    throw new UsageError("--expect is not available yet: it needs the schema comparison of @pgvc/diff, which is not installed in this version", {
      hints: ["run the guard without --expect, then compare with yamltodb DBNAME schema.yaml"],
    });
  }
  if (!existsSync(schemaFile)) throw new InputError("no such schema file", { location: { file: schemaFile } });
  return (connection) => check({ connection, schemaFile });
}

await runCli(name, async () => {
  const args = parseGuardArgs(process.argv.slice(2));
  const expect = args.expect === undefined ? undefined : await loadExpectChecker(args.expect);
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
