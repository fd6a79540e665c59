import { diffLines, formatDiff } from "./line-diff.js";
import type { CheckResult } from "./result.js";

/** The one line of a run that found nothing wrong. */
export function summaryLine(result: CheckResult): string {
  const steps = `${result.migrations} migration${result.migrations === 1 ? "" : "s"}`;
  const how = result.modelFromCache
    ? "from the cache"
    : `replayed ${result.replayed}${result.fromTemplate ? `, ${result.fromTemplate} from a template` : ""}`;
  switch (result.status) {
    case "skipped":
      return "pgvc check: nothing staged concerns the schema or the migrations";
    case "written":
      return `pgvc check: wrote ${result.written?.join(", ") || result.schema} from the ${steps} (${how})`;
    case "in-sync":
      return `pgvc check: ${result.schema} matches the ${steps} (${how})`;
    case "migration-failed":
      return `pgvc check: a migration failed`;
    case "out-of-sync":
      return `pgvc check: ${result.schema} and the ${steps} disagree (${result.differences.length} difference${result.differences.length === 1 ? "" : "s"})`;
  }
}

/** The report of a run that is out of sync or whose migration failed, for a person to act on. */
export function renderReport(result: CheckResult): string {
  const out = [summaryLine(result), ""];
  if (result.failure) {
    const f = result.failure;
    out.push(
      `${f.file}${f.line ? `:${f.line}` : ""}${f.column ? `:${f.column}` : ""}: ${f.message}${f.sqlstate ? ` (SQLSTATE ${f.sqlstate})` : ""}`,
    );
    if (f.output !== undefined) out.push(...f.output.split("\n").map((line) => `  | ${line}`));
    if (f.statement) out.push(`  statement: ${f.statement.trim().replace(/\n/g, "\n    ")}`);
    for (const hint of f.hints) out.push(`  ${hint}`);
    out.push("", "Fix the migration; nothing was compared.");
    return `${out.join("\n")}\n`;
  }
  for (const d of result.differences) out.push(`  ${d.description}`);
  const shown = result.objects
    .map((o) => ({ ref: o.ref, text: formatDiff(diffLines(o.inSchemaFile, o.fromMigrations)) }))
    .filter((o) => /^[-+] /m.test(o.text));
  if (shown.length) {
    out.push("", `The YAML that differs (- in ${result.schema}, + as the migrations build it):`);
    for (const o of shown) out.push("", `  ${o.ref}:`, ...o.text.split("\n").map((l) => `    ${l}`));
  }
  if (result.sql) {
    out.push(
      "",
      `If ${result.schema} is right, a new migration needs:`,
      "",
      ...result.sql
        .trimEnd()
        .split("\n")
        .map((l) => `    ${l}`),
    );
  }
  const entries = [...new Set(result.differences.map((d) => d.entry))];
  out.push(
    "",
    `If the migrations are right, update ${result.schema} at: ${entries.join(", ")}`,
    `(make the lines marked - read as those marked + above), or run \`pgvc check --write\` to rewrite it from the migrations.`,
  );
  return `${out.join("\n")}\n`;
}
