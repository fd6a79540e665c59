import { readFileSync } from "node:fs";
import { Option } from "commander";
import yoctoSpinner from "yocto-spinner";
import { addConnectionOptions, connectionFromFlags, createProgram, runCli, stderrIsInteractive, UsageError } from "@pgvc/core";
import { dbtoyaml } from "../commands/dbtoyaml.js";

const name = "dbtoyaml";
const version = (JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string }).version;

interface Flags {
  host?: string;
  port?: string;
  username?: string;
  password?: boolean;
  schema: string[];
  excludeSchema: string[];
  table: string[];
  excludeTable: string[];
  owner: boolean;
  privileges: boolean;
  output?: string;
  multipleFiles?: boolean;
  repository?: string;
  lockTimeout: string;
}

const collect = (value: string, previous: string[]) => [...previous, value];

/** A spinner on stderr, shown only on a terminal and only once the run has taken a second. */
function progress(): { update(text: string): void; stop(): void } {
  if (!stderrIsInteractive()) return { update: () => undefined, stop: () => undefined };
  let text = "reading the catalog";
  let spinner: ReturnType<typeof yoctoSpinner> | undefined;
  const timer = setTimeout(() => {
    spinner = yoctoSpinner({ text, stream: process.stderr }).start();
  }, 1000);
  return {
    update(next) {
      text = next;
      if (spinner) spinner.text = next;
    },
    stop() {
      clearTimeout(timer);
      spinner?.stop();
    },
  };
}

/** Chunks to stdout, the progress line cleared before the first. */
function writeStdout(spinner: { stop(): void }): (chunk: string) => void {
  let started = false;
  return (chunk) => {
    if (!started) spinner.stop();
    started = true;
    process.stdout.write(chunk);
  };
}

async function main(argv: string[]): Promise<number> {
  const program = addConnectionOptions(createProgram(name, "Write a PostgreSQL database's schema as YAML (the Pyrseas format).", version))
    .argument("[dbname]", "the database: a name or a postgres:// URI (default: PGDATABASE, then the user name)")
    .addOption(new Option("-n, --schema <schema>", "only this schema (repeatable)").argParser(collect).default([]))
    .addOption(new Option("-N, --exclude-schema <schema>", "not this schema (repeatable)").argParser(collect).default([]))
    .addOption(
      new Option("-t, --table <table>", "only this table, view or sequence: app.orders or orders (repeatable)")
        .argParser(collect)
        .default([]),
    )
    .addOption(new Option("-T, --exclude-table <table>", "not this table (repeatable)").argParser(collect).default([]))
    .option("-O, --no-owner", "leave out object owners")
    .option("-x, --no-privileges", "leave out privileges (GRANT/REVOKE)")
    .option("-o, --output <file>", "write the YAML to this file instead of stdout")
    .option("-m, --multiple-files", "write one file per object under DIR/metadata (see -r)")
    .option("-r, --repository <dir>", "with -m: the directory that holds metadata/ (default: the current directory)")
    .option(
      "--lock-timeout <duration>",
      "how long a catalog read may wait for a lock (an ALTER TABLE in progress), e.g. 5s, 500ms, 1min; 0 waits forever",
      "5s",
    )
    .addHelpText(
      "after",
      "\nExamples:\n  dbtoyaml --no-owner --no-privileges shop > schema.yaml\n  dbtoyaml -n app -t orders -o orders.yaml postgres://me@db.example.com/shop\n  dbtoyaml -m -r repo shop\n\nExit codes: 0 written, 2 usage, 4 database error.",
    );
  await program.parseAsync(argv, { from: "user" });
  const flags = program.opts<Flags>();
  const [dbname] = program.args as [string | undefined];
  if (flags.repository !== undefined && !flags.multipleFiles) throw new UsageError("-r/--repository goes with -m/--multiple-files");
  if (flags.output !== undefined && flags.multipleFiles) throw new UsageError("-o/--output and -m/--multiple-files exclude each other");
  const spinner = progress();
  try {
    const result = await dbtoyaml({
      connection: await connectionFromFlags(flags, dbname),
      schemas: flags.schema,
      excludeSchemas: flags.excludeSchema,
      tables: flags.table,
      excludeTables: flags.excludeTable,
      noOwner: !flags.owner,
      noPrivileges: !flags.privileges,
      output: flags.output,
      multipleFiles: flags.multipleFiles,
      repository: flags.repository,
      lockTimeout: flags.lockTimeout,
      onProgress: (stage) => spinner.update(stage),
      write: flags.output === undefined && !flags.multipleFiles ? writeStdout(spinner) : undefined,
    });
    spinner.stop();
    if (result.yaml !== undefined) process.stdout.write(result.yaml);
  } finally {
    spinner.stop();
  }
  return 0;
}

await runCli(name, () => main(process.argv.slice(2)));
