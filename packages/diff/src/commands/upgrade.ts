import { writeFile } from "node:fs/promises";
import { resolveConnection, type ConnectionOptions } from "@pgvc/core";
import { introspectSnapshot } from "@pgvc/introspect";
import { readSchemaFile, readSchemaSpec, writeSchemaYaml } from "@pgvc/yaml";
import { keepUndescribed } from "../pyrseas.js";

export interface UpgradeOptions {
  /** The schema file, rewritten in place. */
  file: string;
  /** The database the file describes (dbname: a name or a URI, host, port, ...). */
  connection: ConnectionOptions;
  /** Write the result here instead of over `file` (`-` for stdout: returned in `text`). */
  output?: string | undefined;
}

export interface UpgradeResult {
  /** The file in pgvc's form. */
  text: string;
  /** What was taken from the database (empty when the file already said everything). */
  kept: string[];
}

/**
 * Rewrite a schema file written by Pyrseas into pgvc's form: what Pyrseas
 * cannot describe (policies, RLS, exclusion constraints, generated columns,
 * ICU collations, ...) is taken from the database, and Pyrseas's spellings
 * become pgvc's, so that yamltodb against that database then prints nothing.
 */
export async function upgradeYaml(options: UpgradeOptions): Promise<UpgradeResult> {
  const target = readSchemaSpec(await readSchemaFile(options.file), options.file);
  const current = await introspectSnapshot(resolveConnection(options.connection));
  const { target: upgraded, kept } = keepUndescribed(target, current);
  const text = writeSchemaYaml(upgraded, { file: true });
  if (options.output !== "-") await writeFile(options.output ?? options.file, text);
  return { text, kept };
}
