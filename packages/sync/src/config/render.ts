import { isPlainSafe } from "@pgvc/yaml";
import { defaultIdleSeconds, defaultMajor, type IntrospectSettings, type PgvcConfig, type SourceConfig } from "./types.js";

/**
 * The canonical text of a configuration: the keys in the reference's order,
 * defaults left out, so that `pgvc init` writes the shortest file that
 * reads back the same.
 */
export function renderConfig(
  config: Pick<PgvcConfig, "schema" | "migrations"> & Partial<Pick<PgvcConfig, "scratch" | "introspect">>,
): string {
  const lines = [`schema: ${scalar(config.schema)}`, "migrations:"];
  for (const source of config.migrations) lines.push(...sourceLines(source));
  const scratch = config.scratch;
  if (scratch?.kind === "url") lines.push("scratch:", `  server: ${scalar(scratch.url)}`);
  else if (scratch && (scratch.major !== defaultMajor || (scratch.idleSeconds ?? defaultIdleSeconds) !== defaultIdleSeconds)) {
    lines.push("scratch:", "  server: embedded", `  version: ${scratch.major}`);
    if ((scratch.idleSeconds ?? defaultIdleSeconds) !== defaultIdleSeconds) lines.push(`  idle: ${scratch.idleSeconds}`);
  }
  if (config.introspect) lines.push(...introspectLines(config.introspect));
  return `${lines.join("\n")}\n`;
}

function sourceLines(source: SourceConfig): string[] {
  if (source.kind === "sql") {
    return [
      `  - sql: ${scalar(source.dir)}`,
      ...(source.layout ? [`    layout: ${source.layout}`] : []),
      ...(source.name ? [`    name: ${scalar(source.name)}`] : []),
    ];
  }
  const lines = [`  - command: ${scalar(source.command)}`, `    watch: ${list(source.watch)}`];
  if (source.cwd !== ".") lines.push(`    cwd: ${scalar(source.cwd)}`);
  if (source.name) lines.push(`    name: ${scalar(source.name)}`);
  if (source.app) lines.push(`    app: ${scalar(source.app)}`);
  return lines;
}

function introspectLines(settings: IntrospectSettings): string[] {
  const lines: string[] = [];
  if (settings.schemas.length) lines.push(`  schemas: ${list(settings.schemas)}`);
  if (settings.excludeSchemas.length) lines.push(`  exclude_schemas: ${list(settings.excludeSchemas)}`);
  if (settings.noOwner) lines.push("  no_owner: true");
  if (settings.noPrivileges) lines.push("  no_privileges: true");
  return lines.length ? ["introspect:", ...lines] : [];
}

function scalar(text: string): string {
  return isPlainSafe(text) ? text : JSON.stringify(text);
}

function list(items: readonly string[]): string {
  return `[${items.map((s) => JSON.stringify(s)).join(", ")}]`;
}
