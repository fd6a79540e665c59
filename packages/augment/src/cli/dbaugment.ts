import { readFileSync } from "node:fs";
import { addConnectionOptions, connectionFromFlags, createProgram, runCli } from "@pgvc/core";
import { readStandardInput } from "@pgvc/yaml";
import { dbaugment } from "../commands/dbaugment.js";

const name = "dbaugment";
const version = (JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string }).version;

interface Flags {
  host?: string;
  port?: string;
  username?: string;
  password?: boolean;
  owner: boolean;
  privileges: boolean;
  output?: string;
  sql?: boolean;
}

export async function main(argv: string[]): Promise<number> {
  const program = addConnectionOptions(
    createProgram(name, "Add audit columns and the triggers that fill them to a database's schema, from a Pyrseas-style spec.", version),
  )
    .argument("<dbname>", "the database: a name or a postgres:// URI")
    .argument("[spec]", "the augmenter spec (default: stdin)")
    .option("-O, --no-owner", "leave out object owners")
    .option("-x, --no-privileges", "leave out privileges (GRANT/REVOKE)")
    .option("-o, --output <file>", "write to this file instead of stdout")
    .option("--sql", "print the SQL that makes the additions instead of the augmented YAML")
    .addHelpText(
      "after",
      "\nThe spec names tables and the audit columns each gets:\n  schema app:\n    table orders:\n      audit_columns: full     # or default, modified_only, created_date_only\n\n" +
        "Examples:\n  dbaugment shop audit.yaml | yamltodb -u shop\n  dbaugment --sql shop audit.yaml > add-audit.sql\n  dbaugment -O -x shop audit.yaml > pyrseas/schema.yaml\n\n" +
        "Exit codes: 0 done, 2 usage, 3 bad spec (with file:line:column), 4 database error.",
    );
  await program.parseAsync(argv, { from: "user" });
  const flags = program.opts<Flags>();
  const [dbname, spec] = program.args as [string, string | undefined];
  const result = await dbaugment({
    connection: await connectionFromFlags(flags, dbname),
    spec,
    stdin: stdinNotice,
    noOwner: !flags.owner,
    noPrivileges: !flags.privileges,
    sql: flags.sql,
    output: flags.output,
  });
  process.stdout.write(result.text);
  return 0;
}

/** Reading a spec from a terminal looks like a hang: say what is awaited. */
function stdinNotice(): Promise<string> {
  if (process.stdin.isTTY)
    process.stderr.write(`${name}: reading the spec from standard input (end it with Ctrl-D; give SPEC to read a file)\n`);
  return readStandardInput();
}

await runCli(name, () => main(process.argv.slice(2)));
