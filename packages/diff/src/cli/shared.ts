import { readFileSync } from "node:fs";
import { Option } from "commander";
import { UsageError } from "@pgvc/core";
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
  new Option("--rename <kind:old=new>", `${description}, e.g. table:app.a=app.b or column:app.t.a=b (repeatable)`).argParser(collectRename).default([]);
