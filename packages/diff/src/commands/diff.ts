import { writeFile } from "node:fs/promises";
import type { ConnectionOptions } from "@pgvc/core";
import { normalizeThroughServer } from "../apply.js";
import { diffSchemas, namedAttributes, oldnameHints } from "../engine.js";
import { loadSqlParser } from "../normalize.js";
import type { DiffOptions, RenameHint } from "../options.js";
import { toSql, type Statement } from "../statement.js";
import { classifySource, loadSource, type LoadedSource } from "./sources.js";

export interface DiffCommandOptions {
  /** Each side: `empty`, a YAML file, a multiple-files directory, or a database name or URI. */
  from: string;
  to: string;
  /** Host, port, user, password for the database sides. */
  connection: ConnectionOptions;
  schemas?: string[] | undefined;
  renames?: RenameHint[] | undefined;
  singleTransaction?: boolean | undefined;
  hazards?: boolean | undefined;
  output?: string | undefined;
}

export interface DiffCommandResult {
  statements: Statement[];
  sql: string;
}

/**
 * The statements that turn FROM into TO, for any two sources. When FROM is
 * a database, the target's expressions are compared as that server renders
 * them (the statements are tried in a transaction that is rolled back);
 * otherwise by parse tree.
 */
export async function diffCommand(options: DiffCommandOptions): Promise<DiffCommandResult> {
  await loadSqlParser();
  const schemas = options.schemas ?? [];
  const diffOptions: DiffOptions = { renames: options.renames ?? [], ...(schemas.length ? { schemas } : {}) };
  const opened: LoadedSource[] = [];
  try {
    const from = await loadSource(classifySource(options.from), options.connection, schemas);
    opened.push(from);
    const to = await loadSource(classifySource(options.to), options.connection, schemas);
    opened.push(to);
    let statements = diffSchemas(from.model, to.model, diffOptions);
    if (statements.length > 0 && from.session) {
      const rendered = await normalizeThroughServer(from.session, statements, { introspection: schemas.length ? { schemas } : {} }).catch(() => undefined);
      if (rendered) {
        const renames = [...(diffOptions.renames ?? []), ...oldnameHints(to.model)];
        statements = diffSchemas(from.model, rendered, { ...diffOptions, renames, ...namedAttributes(to.model) });
      }
    }
    let sql = toSql(statements, { hazards: options.hazards === true });
    if (options.singleTransaction && sql !== "") sql = `BEGIN;\n${sql}COMMIT;\n`;
    if (options.output !== undefined) {
      await writeFile(options.output, sql);
      sql = "";
    }
    return { statements, sql };
  } finally {
    for (const source of opened) await source.session?.close();
  }
}
