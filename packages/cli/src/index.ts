import { readFileSync } from "node:fs";
import { runCli } from "@pgvc/core";
import { findSubcommand, listSubcommands, runSubcommand, searchPath, unknownSubcommand } from "./dispatch.js";

export { findSubcommand, listSubcommands, searchPath } from "./dispatch.js";

const version = (JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string }).version;

const summaries: Record<string, string> = {
  backup: "back up a database with pg_dump -Fc, verified, with a sidecar description",
  restore: "restore a backup into a new database, then swap it in; the old one is kept",
  guard: "back up, run a migration command, check, restore on failure",
  diff: "the SQL that turns one schema (database, YAML, or empty) into another",
  yaml: "canonical formatting of schema.yaml files (pgvc yaml fmt)",
};

function usage(commands: readonly string[]): string {
  const width = Math.max(8, ...commands.map((c) => c.length));
  const lines = commands.map((c) => `  ${c.padEnd(width)}  ${summaries[c] ?? ""}`.trimEnd());
  return [
    "Usage: pgvc COMMAND [ARGS...]",
    "",
    "PostgreSQL schema version control. Each command has its own --help.",
    "",
    "Commands:",
    ...(lines.length > 0 ? lines : ["  (none installed)"]),
    "",
    "Also installed on their own, with Pyrseas's interface: dbtoyaml, yamltodb.",
    "",
  ].join("\n");
}

export async function main(argv: readonly string[]): Promise<void> {
  await runCli("pgvc", async () => {
    const dirs = searchPath(process.argv[1]);
    const [sub, ...rest] = argv;
    if (sub === undefined || sub === "--help" || sub === "-?" || sub === "help") {
      process.stdout.write(usage(listSubcommands(dirs)));
      return sub === undefined ? 2 : 0;
    }
    if (sub === "--version") {
      process.stdout.write(`pgvc ${version}\n`);
      return 0;
    }
    const path = findSubcommand(sub, dirs);
    if (!path) throw unknownSubcommand(sub, listSubcommands(dirs));
    return runSubcommand(path, rest);
  });
}
