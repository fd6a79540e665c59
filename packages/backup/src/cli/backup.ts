import { connectionFromFlags, resolveConnection, runCli } from "@pgvc/core";
import { backup } from "../commands/backup.js";
import { formatBytes, stderrReporter } from "../reporter.js";
import { parseBackupArgs } from "./args.js";
import { abortOnInterrupt } from "./shared.js";

const name = "pgvc-backup";

await runCli(name, async () => {
  const args = parseBackupArgs(process.argv.slice(2));
  const connection = resolveConnection(await connectionFromFlags(args.flags, args.dbname));
  const reporter = stderrReporter(name);
  const interrupt = abortOnInterrupt(reporter);
  try {
    const result = await backup({
      connection,
      file: args.output,
      directory: args.directory,
      lockWaitTimeout: args.lockWaitTimeout,
      reporter,
      signal: interrupt.signal,
    });
    const s = result.sidecar;
    reporter.info(
      `"${s.database}": PostgreSQL ${s.serverVersion}, pg_dump ${s.pgDumpVersion}, ${formatBytes(s.sizeBytes)}, described in ${result.sidecarFile}`,
    );
    process.stdout.write(`${result.file}\n`);
    return 0;
  } finally {
    interrupt.dispose();
  }
});
