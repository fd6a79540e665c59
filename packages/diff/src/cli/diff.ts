import { addConnectionOptions, connectionFromFlags, createProgram, ExitCode, runCli } from "@pgvc/core";
import { diffCommand } from "../commands/diff.js";
import { allowEmptyOption, printAlarms, printFailure, renameOption, schemaOption, version, type SharedFlags } from "./shared.js";

const name = "pgvc diff";

interface Flags extends SharedFlags {
  allowEmpty?: boolean;
}

export async function main(argv: string[]): Promise<number> {
  const program = addConnectionOptions(
    createProgram(
      name,
      "Print the SQL that turns FROM into TO; each a database (name or URI), a YAML file, a multiple-files directory, or `empty`.",
      version,
    ),
  )
    .argument("<from>", "the schema as it is")
    .argument("<to>", "the schema as it should be")
    .addOption(schemaOption())
    .option("-1, --single-transaction", "wrap the SQL in BEGIN/COMMIT")
    .option("-o, --output <file>", "write the SQL to this file instead of stdout")
    .option("--hazards", "write each statement's hazards above it as a comment")
    .addOption(renameOption("a rename"))
    .addOption(allowEmptyOption())
    .addHelpText(
      "after",
      "\nExamples:\n  pgvc diff shop schema.yaml\n  pgvc diff old/schema.yaml new/schema.yaml --hazards\n  pgvc diff empty schema.yaml > create.sql\n  pgvc diff postgres://me@prod/shop postgres://me@staging/shop\n\nA path that exists is read as a file or directory; anything else is a database.\nExit codes: 0 no differences, 1 differences (SQL printed), 2 usage, 3 bad YAML, 4 database error,\n5 FROM is a database and the change fails on it (tried and rolled back).",
    );
  await program.parseAsync(argv, { from: "user" });
  const flags = program.opts<Flags>();
  const [from, to] = program.args as [string, string];
  const result = await diffCommand({
    from,
    to,
    connection: await connectionFromFlags(flags, undefined),
    schemas: flags.schema,
    renames: flags.rename,
    singleTransaction: flags.singleTransaction,
    hazards: flags.hazards,
    output: flags.output,
    allowEmpty: flags.allowEmpty,
  });
  for (const warning of result.warnings) process.stderr.write(`${name}: warning: ${warning}\n`);
  printAlarms(name, result.alarms);
  if (result.failure) return printFailure(name, result.failure, flags.output);
  process.stdout.write(result.sql);
  return result.statements.length > 0 ? ExitCode.differences : ExitCode.ok;
}

await runCli("pgvc diff", () => main(process.argv.slice(2)));
