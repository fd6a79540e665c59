import type { MigrationFailure } from "../sources/index.js";
import type { FailureReport } from "./result.js";

/** A failing migration as the report and --json show it. */
export function failureReport(error: MigrationFailure): FailureReport {
  const message = error.outcome === "command" ? `${error.reason}; its last output:` : error.reason;
  return {
    file: error.file,
    line: error.line,
    column: error.column,
    statement: error.statement,
    message,
    sqlstate: error.sqlstate,
    hints: error.hints,
    ...(error.outcome === "command" ? { output: (error.output ?? "").trim() || "(it wrote nothing)" } : {}),
  };
}
