import { existsSync, statSync } from "node:fs";
import { join } from "node:path";
import { UsageError } from "@pgvc/core";
import {
  defaultMajor,
  type IntrospectSettings,
  type LayoutName,
  type PgvcConfig,
  type ScratchSettings,
  type SourceConfig,
} from "../config/types.js";
import { findSchema, findSources, noMigrationsFound, noSchemaFound } from "./detect.js";
import { inferIntrospect } from "./introspect.js";

/** What the user said on the command line; anything left out is found in the repository. */
export interface InitConfigOptions {
  schema?: string | undefined;
  sql?: string | undefined;
  layout?: LayoutName | undefined;
  command?: string | undefined;
  watch?: string[] | undefined;
  /** false: --no-owner; true: --owner; undefined: inferred from the schema. */
  owner?: boolean | undefined;
  privileges?: boolean | undefined;
  /** `embedded` or a postgres:// URL. */
  server?: string | undefined;
  version?: number | undefined;
}

export type InitConfig = Pick<PgvcConfig, "schema" | "migrations" | "scratch" | "introspect">;

/** The configuration `pgvc init` writes: the options given, the rest detected under `root`. */
export async function buildConfig(root: string, options: InitConfigOptions): Promise<InitConfig> {
  const schema = options.schema ?? findSchema(root);
  if (schema === undefined) throw noSchemaFound(root);
  if (!existsSync(join(root, schema))) throw new UsageError(`--schema ${schema}: no such file or directory in ${root}`);
  const migrations = explicitSources(root, options);
  const sources = migrations.length > 0 ? migrations : findSources(root);
  if (sources.length === 0) throw noMigrationsFound(root);
  return { schema, migrations: sources, scratch: scratchOf(options), introspect: await introspectOf(root, schema, options) };
}

function explicitSources(root: string, options: InitConfigOptions): SourceConfig[] {
  const sources: SourceConfig[] = [];
  if (options.sql !== undefined) {
    const dir = join(root, options.sql);
    if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UsageError(`--sql ${options.sql}: no such directory in ${root}`);
    sources.push({ kind: "sql", dir: options.sql.replace(/\/+$/, ""), ...(options.layout ? { layout: options.layout } : {}) });
  }
  if (options.command !== undefined) {
    sources.push({ kind: "command", command: options.command, watch: options.watch ?? [], cwd: "." });
  }
  return sources;
}

function scratchOf(options: InitConfigOptions): ScratchSettings {
  if (options.server !== undefined && options.server !== "embedded") return { kind: "url", url: options.server };
  return { kind: "embedded", major: options.version ?? defaultMajor };
}

async function introspectOf(root: string, schema: string, options: InitConfigOptions): Promise<IntrospectSettings> {
  const inferred = await inferIntrospect(root, schema);
  return {
    schemas: inferred.schemas,
    excludeSchemas: [],
    noOwner: options.owner === undefined ? inferred.noOwner : !options.owner,
    noPrivileges: options.privileges === undefined ? inferred.noPrivileges : !options.privileges,
  };
}
