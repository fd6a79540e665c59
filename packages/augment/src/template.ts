import { InputError, quoteIdent, type SourceLocation } from "@pgvc/core";
import type { Augmenter, FunctionDef } from "./definitions.js";
import { didYouMean } from "./suggest.js";

const placeholder = /\{\{\s*([^{}\s]+)\s*\}\}/g;

/**
 * A function's source for one schema: a function template named in it
 * (`{{functempl_audit_default}}`) replaced by its text, then each
 * `{{column}}` by that column's name in the tables (quoted as SQL needs),
 * and `{{schema}}` by the schema's. Any other placeholder is an error.
 */
export function expandSource(fn: FunctionDef, augmenter: Augmenter, schema: string): string {
  const problems: string[] = [];
  const names = () => [...Object.keys(augmenter.function_templates), ...Object.keys(augmenter.columns), "schema"];
  const withTemplates = fn.source.replace(placeholder, (whole, name: string) => augmenter.function_templates[name]?.source ?? whole);
  const source = withTemplates.replace(placeholder, (whole, name: string) => {
    if (name === "schema") return quoteIdent(schema);
    const column = augmenter.columns[name];
    if (column !== undefined) return quoteIdent(column.name);
    problems.push(`unknown placeholder ${whole} in the source of function ${fn.name}(${fn.arguments})${didYouMean(name, names())}`);
    return whole;
  });
  const [first] = problems;
  if (first !== undefined) throw placed(first, fn.at, ["a placeholder names a function template, an augmenter column, or {{schema}}"]);
  return source;
}

/** A trigger's name on one table: `{{table_name}}` is the table's. */
export function expandTriggerName(name: string, table: string): string {
  return name.replace(/\{\{\s*table_name\s*\}\}/g, table);
}

export function placed(message: string, at: SourceLocation | undefined, hints: string[] = []): InputError {
  return new InputError(at ? message : `${message} (in the predefined augmenter)`, { ...(at ? { location: at } : {}), hints });
}
