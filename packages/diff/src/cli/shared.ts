import { readFileSync } from "node:fs";
import { Option } from "commander";
import { ExitCode, UsageError } from "@pgvc/core";
import type { TrialFailure } from "../commands/trial.js";
import { parseRenameHint, type RenameHint } from "../options.js";

/** What yamltodb and pgvc diff both take. */
export interface SharedFlags {
  host?: string;
  port?: string;
  username?: string;
  password?: boolean;
  schema: string[];
  singleTransaction?: boolean;
  output?: string;
  hazards?: boolean;
  rename: RenameHint[];
}

export const version = (JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string }).version;

const collect = (value: string, previous: string[]) => [...previous, value];

function collectRename(value: string, previous: RenameHint[]): RenameHint[] {
  try {
    return [...previous, parseRenameHint(value)];
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

export const schemaOption = () => new Option("-n, --schema <schema>", "only this schema (repeatable)").argParser(collect).default([]);

export const renameOption = (description: string) =>
  new Option("--rename <kind:old=new>", `${description}, e.g. table:app.a=app.b or column:app.t.a=b (repeatable)`)
    .argParser(collectRename)
    .default([]);

export const allowEmptyOption = () =>
  new Option("--allow-empty", "accept an empty or null YAML document as a schema with no objects (it drops everything)");

/** Mass drops, said loudly whether or not --hazards was given. */
export function printAlarms(program: string, alarms: readonly string[]): void {
  for (const alarm of alarms) process.stderr.write(`${program}: WARNING: ${alarm}\n`);
}

/** A change the trial run found failing: what, where, why; the SQL only into -o's file. Returns the exit code. */
export function printFailure(program: string, failure: TrialFailure, output: string | undefined): number {
  const lines = [`${program}: error: the change fails on this database (tried in a transaction, rolled back): ${failure.message}`];
  if (failure.statement)
    lines.push(`  object: ${failure.statement.object}`, `  statement: ${failure.statement.sql.replace(/\n/g, "\n    ")}`);
  lines.push(...failure.hints.map((hint) => `  ${hint}`));
  lines.push(
    output !== undefined
      ? `  the SQL was written to ${output}, marked as failing`
      : "  no SQL printed: it would fail; -o FILE writes it, marked as failing",
  );
  process.stderr.write(`${lines.join("\n")}\n`);
  return ExitCode.changeFails;
}
