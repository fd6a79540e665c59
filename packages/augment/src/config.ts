import type { InputError, SourceLocation } from "@pgvc/core";
import { predefinedAugmenter } from "./builtin.js";
import type { Augmenter, AugmenterOverrides, ColumnDef, FunctionDef, TriggerDef } from "./definitions.js";
import { throwProblems } from "./spec.js";
import { didYouMean } from "./suggest.js";
import { expandSource, placed } from "./template.js";

/**
 * The predefined augmenter with the spec's `augmenter:` section over it:
 * a known name changes the attributes given, a new name defines a new
 * column, audit kind, template, function or trigger. Throws an InputError
 * listing every incomplete definition and every reference to a name that
 * does not exist.
 */
export function mergeAugmenter(overrides: AugmenterOverrides): Augmenter {
  const base = predefinedAugmenter();
  const problems: InputError[] = [];
  const need = (what: string, def: { at?: SourceLocation | undefined }, missing: string[]) => {
    if (missing.length > 0) problems.push(placed(`${what} needs ${missing.join(", ")}`, def.at));
  };
  for (const [key, o] of Object.entries(overrides.columns)) {
    const def = { name: key, not_null: false, ...base.columns[key], ...o } as ColumnDef;
    need(`column ${key}`, def, def.type === undefined ? ["type"] : []);
    base.columns[key] = def;
  }
  for (const [key, o] of Object.entries(overrides.audit_columns)) {
    base.audit_columns[key] = { columns: [], triggers: [], ...base.audit_columns[key], ...o };
  }
  Object.assign(base.function_templates, overrides.function_templates);
  for (const [key, o] of Object.entries(overrides.functions)) {
    const def = { name: key, arguments: "", security_definer: true, calls: [], ...base.functions[key], ...o } as FunctionDef;
    need(
      `function ${key}()`,
      def,
      ["language", "returns", "source"].filter((a) => def[a as keyof FunctionDef] === undefined),
    );
    base.functions[key] = def;
  }
  for (const [key, o] of Object.entries(overrides.triggers)) {
    const def = { name: key, timing: "before", events: ["insert", "update"], level: "row", ...base.triggers[key], ...o } as TriggerDef;
    need(`trigger ${key}`, def, def.procedure === undefined ? ["procedure"] : []);
    base.triggers[key] = def;
  }
  throwProblems(problems);
  throwProblems(checkReferences(base));
  return base;
}

/** Names that an audit kind, trigger or function uses and the augmenter does not define; placeholders that name nothing. */
function checkReferences(aug: Augmenter): InputError[] {
  const problems: InputError[] = [];
  const check = (name: string, known: Record<string, unknown>, what: string, at: SourceLocation | undefined) => {
    if (!(name in known)) problems.push(placed(`${what} "${name}" is not defined${didYouMean(name, Object.keys(known))}`, at));
  };
  for (const [key, kind] of Object.entries(aug.audit_columns)) {
    for (const c of kind.columns) check(c, aug.columns, `audit kind ${key}: column`, kind.at);
    for (const t of kind.triggers) check(t, aug.triggers, `audit kind ${key}: trigger`, kind.at);
  }
  for (const [key, trigger] of Object.entries(aug.triggers))
    check(functionName(trigger.procedure), aug.functions, `trigger ${key}: procedure`, trigger.at);
  for (const fn of Object.values(aug.functions)) {
    for (const c of fn.calls) check(c, aug.functions, `function ${fn.name}(): calls`, fn.at);
    try {
      expandSource(fn, aug, "s");
    } catch (error) {
      problems.push(error as InputError);
    }
  }
  return problems;
}

/** `audit_default()` → `audit_default`; a schema before the name is dropped (the function goes in the table's schema). */
export function functionName(procedure: string): string {
  const bare = procedure.replace(/\(.*$/s, "").trim();
  return bare.slice(bare.lastIndexOf(".") + 1);
}
