import { readFileSync } from "node:fs";
import { createProgram, ExitCode, runCli, stderrIsInteractive } from "@pgvc/core";
import { renderReport, summaryLine } from "../check/report.js";
import type { CheckResult } from "../check/result.js";
import { check } from "../commands/check.js";

const name = "pgvc check";
const interrupted = 130;
const version = (JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string }).version;

interface Flags {
  staged?: boolean;
  write?: boolean;
  json?: boolean;
  config?: string;
  cache: boolean;
}

const help = `
Examples:
  pgvc check                 the working tree
  pgvc check --staged        what the next commit holds (the pre-commit hook)
  pgvc check --write         rewrite schema.yaml from the migrations
  pgvc check --json          the result as JSON on stdout

Exit codes: 0 in sync (or nothing staged concerns the check), 1 out of sync or a
migration failed (the report is on stdout), 2 usage, 3 bad pgvc.yaml or schema
file, 4 database or git error, 130 interrupted.`;

export async function main(argv: string[]): Promise<number> {
  const program = createProgram(name, "Replay the migrations into a scratch database and compare the result with schema.yaml.", version)
    .option("--staged", "check git's index (what the next commit holds), not the working tree")
    .option("--write", "rewrite the schema file from the migrations (canonical form)")
    .option("--json", "print the result as JSON")
    .option("--config <file>", "the configuration (default: pgvc.yaml at the repository's root)")
    .option("--no-cache", "replay every migration, without reading or keeping the cache")
    .addHelpText("after", help);
  await program.parseAsync(argv, { from: "user" });
  const flags = program.opts<Flags>();
  const controller = new AbortController();
  const interrupt = () => (controller.signal.aborted ? process.exit(interrupted) : controller.abort(new Error("interrupted")));
  process.on("SIGINT", interrupt).on("SIGTERM", interrupt);
  const progress = stderrIsInteractive() ? (text: string) => process.stderr.write(`\r\x1b[K${text}`) : undefined;
  try {
    const result = await check({
      staged: flags.staged,
      write: flags.write,
      config: flags.config,
      noCache: !flags.cache,
      signal: controller.signal,
      onProgress: progress,
    });
    if (progress) process.stderr.write("\r\x1b[K");
    for (const warning of result.warnings ?? []) process.stderr.write(`${name}: warning: ${warning}\n`);
    process.stdout.write(flags.json ? `${JSON.stringify(result, null, 2)}\n` : output(result));
    return result.status === "out-of-sync" || result.status === "migration-failed" ? ExitCode.differences : ExitCode.ok;
  } catch (error) {
    if (progress) process.stderr.write("\r\x1b[K");
    if (controller.signal.aborted) return interrupted;
    throw error;
  } finally {
    process.off("SIGINT", interrupt).off("SIGTERM", interrupt);
  }
}

function output(result: CheckResult): string {
  return result.status === "out-of-sync" || result.status === "migration-failed" ? renderReport(result) : `${summaryLine(result)}\n`;
}

await runCli(name, () => main(process.argv.slice(2)));
