import { readFileSync } from "node:fs";
import { createProgram, runCli, UsageError } from "@pgvc/core";
import { fmt, fmtText } from "../commands/fmt.js";
import { readStandardInput } from "../input.js";

const name = "pgvc-yaml";
const version = (JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string }).version;

interface FmtFlags {
  check?: boolean;
  repository?: string;
  dbname?: string;
}

/** Parse argv and run; returns the exit code. */
/** `fmt -`: canonical text of standard input on standard output (for editors); with --check, only the exit code. */
async function fmtStandardInput(check: boolean): Promise<number> {
  const { canonical, changed } = fmtText(await readStandardInput(), "<stdin>");
  if (check) return changed ? 1 : 0;
  process.stdout.write(canonical);
  return 0;
}

async function main(argv: string[]): Promise<number> {
  let exitCode = 0;
  const program = createProgram(name, "Work with schema files in the Pyrseas YAML format.", version);
  program
    .command("fmt")
    .description("rewrite schema files in canonical form, without changing their meaning")
    .argument("[files...]", "schema.yaml files to rewrite in place; - reads standard input and writes standard output")
    .option("--check", "write nothing; list the files that are not canonical and exit 1 if there are any")
    .option("-r, --repository <dir>", "a multiple-files tree: the directory holding metadata/")
    .option("-d, --dbname <name>", "with -r: the database whose index (metadata/database.NAME.yaml) to use")
    .addHelpText("after", "\nExit codes: 0 canonical (or rewritten), 1 --check found files to rewrite, 2 usage, 3 bad input.")
    .action(async (files: string[], flags: FmtFlags) => {
      if (files.length === 0 && flags.repository === undefined) {
        throw new UsageError("nothing to format: name schema files, or a tree with -r DIR");
      }
      if (flags.dbname !== undefined && flags.repository === undefined) throw new UsageError("-d/--dbname needs -r DIR");
      const check = flags.check === true;
      if (files.includes("-")) {
        if (files.length > 1 || flags.repository !== undefined) throw new UsageError("- (standard input) goes alone");
        exitCode = await fmtStandardInput(check);
        return;
      }
      const result = await fmt({ files, directory: flags.repository, dbname: flags.dbname, check });
      for (const file of result.changed) process.stdout.write(`${file}\n`);
      const count = result.changed.length;
      if (check) {
        process.stderr.write(
          count === 0 ? `${name}: ${result.examined.length} file(s) canonical\n` : `${name}: ${count} file(s) not canonical\n`,
        );
        exitCode = count === 0 ? 0 : 1;
      } else if (count > 0) {
        process.stderr.write(`${name}: rewrote ${count} file(s)\n`);
      }
    });
  await program.parseAsync(argv, { from: "user" });
  return exitCode;
}

await runCli(name, () => main(process.argv.slice(2)));
