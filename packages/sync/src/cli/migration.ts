import { readFileSync } from "node:fs";
import { createInterface } from "node:readline/promises";
import { createProgram, ExitCode, runCli, stderrIsInteractive, UsageError } from "@pgvc/core";
import { parseRenameHint, toSql, type RenameHint, type Statement } from "@pgvc/diff";
import { migrationNew, type MigrationNewResult } from "../commands/migration-new.js";

const name = "pgvc migration";
const interrupted = 130;
const version = (JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string }).version;

interface Flags {
  source?: string;
  app?: string;
  rename: string[];
  force?: boolean;
  allowDataLoss?: boolean;
  config?: string;
  cache: boolean;
  json?: boolean;
}

const help = `
Examples:
  pgvc migration new add_order_note              after editing schema.yaml
  pgvc migration new add_order_note --source django --app shop
  pgvc migration new rename_customer --rename table:shop.client=customer

The migration is written only after it ran forward, back and forward again on a
scratch database whose tables hold generated rows. Nothing to do: exit 0, no file.
Exit codes: 0 written (or nothing to do), 1 verification failed or data loss not
allowed (nothing written), 2 usage, 3 bad pgvc.yaml or schema file, 4 database
error, 130 interrupted.`;

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

export async function main(argv: string[]): Promise<number> {
  const program = createProgram(name, "Write migrations from schema.yaml, verified both ways.", version);
  let code: number = ExitCode.ok;
  program
    .command("new")
    .description("write the next migration: the SQL that takes the migrations' database to schema.yaml, and back")
    .argument("<name>", "what the migration does, e.g. add_order_note")
    .option("--source <name>", "the migration source to write to (its name in pgvc.yaml, its folder or its number)")
    .option("--app <label>", "Django: the app whose migrations folder gets the file")
    .option("--rename <kind:old=new>", "a rename the diff cannot see, e.g. column:shop.orders.note=remark (repeatable)", collect, [])
    .option("--allow-data-loss", "write a migration that drops data without asking")
    .option("--force", "write even when verification fails, marked as unverified in the file")
    .option("--config <file>", "the configuration (default: pgvc.yaml at the repository's root)")
    .option("--no-cache", "replay every migration, without reading or keeping the cache")
    .option("--json", "print the result as JSON")
    .addHelpText("after", help)
    .action(async (migration: string, flags: Flags) => {
      code = await runNew(migration, flags);
    });
  await program.parseAsync(argv, { from: "user" });
  return code;
}

async function runNew(migration: string, flags: Flags): Promise<number> {
  const renames: RenameHint[] = flags.rename.map((text) => {
    try {
      return parseRenameHint(text);
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
  });
  const controller = new AbortController();
  const interrupt = () => (controller.signal.aborted ? process.exit(interrupted) : controller.abort(new Error("interrupted")));
  process.on("SIGINT", interrupt).on("SIGTERM", interrupt);
  const progress = stderrIsInteractive() ? (text: string) => process.stderr.write(`\r\x1b[K${text}`) : undefined;
  try {
    const result = await migrationNew({
      name: migration,
      source: flags.source,
      app: flags.app,
      renames,
      force: flags.force,
      allowDataLoss: flags.allowDataLoss,
      config: flags.config,
      noCache: !flags.cache,
      confirm: process.stdin.isTTY && process.stderr.isTTY ? ask : undefined,
      onPlan: flags.json ? undefined : (forward, reverse) => process.stdout.write(plan(forward, reverse)),
      signal: controller.signal,
      onProgress: progress,
    });
    if (progress) process.stderr.write("\r\x1b[K");
    process.stdout.write(flags.json ? `${JSON.stringify(result, null, 2)}\n` : report(result));
    return result.status === "failed" || result.status === "refused" ? ExitCode.differences : ExitCode.ok;
  } catch (error) {
    if (controller.signal.aborted) return interrupted;
    throw error;
  } finally {
    process.off("SIGINT", interrupt).off("SIGTERM", interrupt);
  }
}

async function ask(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await rl.question(`${question} [y/N] `)).trim());
  } finally {
    rl.close();
  }
}

/** The SQL both ways with its hazards, before any question. */
function plan(forward: readonly Statement[], reverse: readonly Statement[]): string {
  const lines = ["forward:", indent(toSql(forward, { hazards: true })), "reverse:", indent(toSql(reverse, { hazards: true }))];
  if (forward.some((s) => s.hazards.includes("data-loss")))
    lines.push("the forward SQL loses data: its reverse restores the structure, not the rows");
  return `${lines.join("\n")}\n`;
}

function report(result: MigrationNewResult): string {
  if (result.status === "nothing-to-do") return "nothing to do: the migrations already build what schema.yaml describes\n";
  const lines: string[] = [];
  for (const r of result.possibleRenames)
    lines.push(`${r.from} is dropped and ${r.to} created: if it is a rename, say --rename ${r.hint.kind}:${r.hint.from}=${r.hint.to}`);
  if (result.unfilled.length > 0)
    lines.push(`no generated row fits these tables, so they were verified empty: ${result.unfilled.join(", ")}`);
  if (result.status === "refused") lines.push("not written: the migration loses data; run again with --allow-data-loss to write it");
  if (result.failure) {
    lines.push(`verification failed at the ${result.failure.step} step: ${result.failure.message}`);
    for (const sql of result.failure.remaining ?? []) lines.push(`  still needed: ${sql}`);
    lines.push(
      result.files.length > 0
        ? "written anyway (--force), marked as unverified:"
        : "nothing was written (--force writes it anyway, marked as unverified)",
    );
  } else if (result.status === "written") {
    lines.push(`written (${result.format}), verified forward, back and forward again:`);
  }
  lines.push(...result.files.map((f) => `  ${f}`));
  return `${lines.join("\n")}\n`;
}

function indent(sql: string): string {
  return sql.trimEnd().replace(/^/gm, "  ");
}

await runCli(name, () => main(process.argv.slice(2)));
