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
  yaml: "canonical formatting of schema.yaml files (pgvc yaml fmt); pgvc yaml upgrade FILE DB rewrites a Pyrseas file in pgvc's form",
  check: "replay the migrations into a scratch database and compare with schema.yaml (the pre-commit hook)",
  init: "set a repository up: pgvc.yaml and the pre-commit hook",
  migration: "pgvc migration new NAME: the next migration from schema.yaml, forward and reverse, verified",
  augment: "audit columns and triggers from a dbaugment spec (dbaugment)",
};

function usage(found: readonly string[]): string {
  // `yaml-upgrade` is shown as part of `yaml` (pgvc yaml upgrade).
  const commands = found.filter((c) => !(c.includes("-") && found.includes(c.split("-")[0] as string)));
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
    // `pgvc yaml upgrade` runs `pgvc-yaml-upgrade` when a package ships it
    // (a command whose needs put it in another package than its group's).
    const [word, ...after] = rest;
    const nested = word !== undefined && /^[a-z][a-z0-9]*$/.test(word) ? findSubcommand(`${sub}-${word}`, dirs) : undefined;
    if (nested) return runSubcommand(nested, after);
    const path = findSubcommand(sub, dirs);
    if (!path) throw unknownSubcommand(sub, listSubcommands(dirs));
    return runSubcommand(path, rest);
  });
}
