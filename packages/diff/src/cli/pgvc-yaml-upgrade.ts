import { addConnectionOptions, connectionFromFlags, createProgram, ExitCode, runCli } from "@pgvc/core";
import { upgradeYaml } from "../commands/upgrade.js";
import { version, type SharedFlags } from "./shared.js";

const name = "pgvc yaml-upgrade";

interface Flags extends SharedFlags {
  output?: string;
}

export async function main(argv: string[]): Promise<number> {
  const program = addConnectionOptions(
    createProgram(
      name,
      "Rewrite a schema file written by Pyrseas into pgvc's form, taking from the database what Pyrseas cannot describe.",
      version,
    ),
  )
    .argument("<file>", "the schema file written by Pyrseas's dbtoyaml (rewritten in place)")
    .argument("<dbname>", "the database it describes (a name or a URI)")
    .option("-o, --output <file>", "write the result here instead (- for standard output)")
    .addHelpText(
      "after",
      "\nExamples:\n  pgvc yaml-upgrade schema.yaml shop\n  pgvc yaml-upgrade schema.yaml shop -o - | less\n\nPolicies, row-level security, exclusion constraints, generated columns, ICU collations,\nextended statistics and replica identity come from the database; yamltodb against it then\nprints nothing. Exit codes: 0 done, 2 usage, 3 bad YAML, 4 database error.",
    );
  await program.parseAsync(argv, { from: "user" });
  const flags = program.opts<Flags>();
  const [file, dbname] = program.args as [string, string];
  const result = await upgradeYaml({ file, connection: await connectionFromFlags(flags, dbname), output: flags.output });
  if (flags.output === "-") process.stdout.write(result.text);
  for (const what of result.kept) process.stderr.write(`${name}: taken from the database: ${what}\n`);
  return ExitCode.ok;
}

await runCli(name, () => main(process.argv.slice(2)));
