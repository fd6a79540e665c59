import { readFileSync } from "node:fs";
import { UsageError } from "@pgvc/core";
import { Command, CommanderError, Option } from "commander";
import { layoutNames, supportedMajors, type LayoutName } from "../config/types.js";
import { hookModes, type HookMode, type InitOptions, type InitResult } from "../commands/init.js";

const version = (JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string }).version;

export function initProgram(): Command {
  // createProgram's --version takes no value; here `--version N` is the server's major version.
  return new Command("pgvc-init")
    .description(
      "Set a git repository up for the sync check: write pgvc.yaml from what is found in it, then install the pre-commit hook. Nothing that exists is replaced.",
    )
    .helpOption("-?, --help", "show this help and exit")
    .exitOverride()
    .showHelpAfterError("(run with --help for usage)")
    .configureOutput({ writeErr: (s) => process.stderr.write(s) })
    .option("--schema <path>", "the schema: a Pyrseas YAML file or a multiple-files directory (default: found)")
    .option("--sql <dir>", "a directory of SQL migrations (default: found)")
    .addOption(new Option("--layout <layout>", "the layout of --sql (default: detected when checking)").choices(layoutNames))
    .option("--command <cmd>", "a command that migrates the database it is pointed at (PG* variables, DATABASE_URL)")
    .option("--watch <glob...>", "with --command: the files it reads, repository-relative globs")
    .option("--owner", "compare owners (default: when the schema names them)")
    .option("--no-owner", "do not compare owners")
    .option("--privileges", "compare privileges (default: when the schema names them)")
    .option("--no-privileges", "do not compare privileges")
    .option("--server <url>", "the scratch server: embedded, or a postgres:// URL of a server to make temporary databases on", "embedded")
    .option("--version [major]", `the embedded server's major version (${supportedMajors.join(", ")}); alone: print pgvc-init's version`)
    .addOption(
      new Option(
        "--hook <hook>",
        "the pre-commit hook: husky + lint-staged, a plain git hook, or none (auto: husky where package.json exists)",
      )
        .choices(hookModes)
        .default("auto"),
    )
    .option("--dry-run", "print what would be done; write nothing")
    .addHelpText(
      "after",
      [
        "",
        "Examples:",
        "  pgvc init                                   # found: schema.yaml, db/migrations, ...",
        "  pgvc init --schema pyrseas/schema.yaml --command 'python3 manage.py migrate --noinput' --watch '*/migrations/*.py'",
        "  pgvc init --sql db/migrations --layout dbmate --no-owner --no-privileges --hook git",
        "",
        "Exit codes: 0 done, 2 usage, 3 bad schema or pgvc.yaml.",
      ].join("\n"),
    );
}

interface InitFlags {
  schema?: string;
  sql?: string;
  layout?: LayoutName;
  command?: string;
  watch?: string[];
  owner?: boolean;
  privileges?: boolean;
  server: string;
  version?: string | true;
  hook: HookMode;
  dryRun?: boolean;
}

export function parseInitArgs(argv: string[], cwd = process.cwd()): InitOptions {
  // commander's --no-X defaults X to true; an option left out must stay undefined (inferred).
  const program = initProgram().parse(argv, { from: "user" });
  const o = program.opts<InitFlags>();
  if (o.version === true) {
    process.stdout.write(`pgvc-init ${version}\n`);
    throw new CommanderError(0, "commander.version", version);
  }
  const given = (name: string) => program.getOptionValueSource(name) === "cli";
  if (o.layout && !o.sql) throw new UsageError("--layout needs --sql DIR");
  if (o.watch && !o.command) throw new UsageError("--watch needs --command CMD");
  if (o.command && !o.watch?.length)
    throw new UsageError("--command needs --watch GLOB...: the files the command reads, so the hook knows when a commit concerns it", {
      hints: ["example: --command 'python3 manage.py migrate --noinput' --watch '*/migrations/*.py'"],
    });
  return {
    cwd,
    schema: o.schema,
    sql: o.sql,
    layout: o.layout,
    command: o.command,
    watch: o.watch,
    owner: given("owner") ? o.owner : undefined,
    privileges: given("privileges") ? o.privileges : undefined,
    server: o.server,
    version: o.version === undefined ? undefined : parseMajor(o.version),
    hook: o.hook,
    dryRun: o.dryRun === true,
  };
}

function parseMajor(text: string): number {
  const major = Number(text);
  if (!(supportedMajors as readonly number[]).includes(major))
    throw new UsageError(`--version ${text}: expected one of ${supportedMajors.join(", ")}`);
  return major;
}

export function formatInitResult(result: InitResult, dryRun: boolean): string {
  const lines = [dryRun ? `pgvc init --dry-run in ${result.root} (nothing written):` : `pgvc init in ${result.root}:`];
  for (const a of result.actions) {
    lines.push(
      `  ${(dryRun && a.kind !== "kept" && a.kind !== "refused" ? `would be ${a.kind}` : a.kind).padEnd(16)} ${a.path}: ${a.detail}`,
    );
    for (const i of a.instructions ?? []) lines.push(`      ${i}`);
  }
  if (dryRun && result.configText)
    lines.push(
      "",
      "pgvc.yaml would read:",
      ...result.configText
        .trimEnd()
        .split("\n")
        .map((l) => `  ${l}`),
    );
  lines.push("", "Next:", ...result.next.map((n, i) => `  ${i + 1}. ${n}`));
  return `${lines.join("\n")}\n`;
}
