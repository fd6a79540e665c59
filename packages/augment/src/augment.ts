import { InputError, quoteIdent } from "@pgvc/core";
import type { Database, Schema } from "@pgvc/model";
import { functionName, mergeAugmenter } from "./config.js";
import type { Augmenter, AuditKind, AugmentSpec, ColumnDef, FunctionDef, TableRequest, TriggerDef } from "./definitions.js";
import { throwProblems } from "./spec.js";
import { didYouMean } from "./suggest.js";
import { expandSource, expandTriggerName } from "./template.js";

type Table = NonNullable<Schema["tables"]>[string];
type Column = NonNullable<Table["columns"]>[number];
type Trigger = NonNullable<Table["triggers"]>[string];
type Function = NonNullable<Schema["functions"]>[string];

/**
 * The database with the spec's additions: each table's audit columns, the
 * triggers that fill them and the functions those call, in the table's
 * schema. A pure function of the model: what is already there and as the
 * spec says stays as it is, so a second run changes nothing. Throws an
 * InputError (file:line:col) for a table, schema or audit kind that does
 * not exist.
 */
export function augmentDatabase(db: Database, spec: AugmentSpec): Database {
  const augmenter = checkSpec(spec);
  const out = structuredClone(db);
  const problems: InputError[] = [];
  for (const request of spec.tables) {
    const found = findTable(out, request, problems);
    const kind = augmenter.audit_columns[request.auditColumns?.kind ?? ""];
    if (found !== undefined && kind !== undefined) addAuditColumns(found.schema, found.table, request, kind, augmenter);
  }
  throwProblems(problems);
  return out;
}

/**
 * The merged augmenter, once every audit kind the spec names is known:
 * what can be checked without the database (the command does it before
 * connecting).
 */
export function checkSpec(spec: AugmentSpec): Augmenter {
  const augmenter = mergeAugmenter(spec.augmenter);
  const known = Object.keys(augmenter.audit_columns);
  const problems: InputError[] = [];
  for (const { auditColumns } of spec.tables) {
    if (auditColumns === undefined || auditColumns.kind in augmenter.audit_columns) continue;
    const message = `unknown audit kind "${auditColumns.kind}"${didYouMean(auditColumns.kind, known)}`;
    problems.push(new InputError(message, { location: auditColumns.at, hints: [`expected one of: ${known.join(", ")}`] }));
  }
  throwProblems(problems);
  return augmenter;
}

function findTable(db: Database, request: TableRequest, problems: InputError[]): { schema: Schema; table: Table } | undefined {
  const schema = db.schemas[request.schema];
  const table = schema?.tables?.[request.table];
  if (schema !== undefined && table !== undefined) return { schema, table };
  const message =
    schema === undefined
      ? `schema ${request.schema} is not in the database${didYouMean(request.schema, Object.keys(db.schemas))}`
      : `table ${request.schema}.${request.table} is not in the database${didYouMean(request.table, Object.keys(schema.tables ?? {}))}`;
  problems.push(new InputError(message, { location: request.at }));
  return undefined;
}

function addAuditColumns(schema: Schema, table: Table, request: TableRequest, kind: AuditKind, augmenter: Augmenter): void {
  for (const name of kind.columns) setColumn(table, augmenter.columns[name] as ColumnDef);
  const kept = new Set<string>();
  for (const name of kind.triggers) {
    const trigger = augmenter.triggers[name] as TriggerDef;
    const fn = augmenter.functions[functionName(trigger.procedure)] as FunctionDef;
    addFunction(schema, request.schema, fn, augmenter, table.owner);
    kept.add(setTrigger(table, request, trigger, fn));
  }
  dropOtherAuditTriggers(table, request.schema, augmenter, kept);
}

/**
 * A table moved to another audit kind loses the triggers of the old one
 * (those that run an augmenter trigger function), so that two do not fill
 * the same columns; the old kind's columns and their data stay.
 */
function dropOtherAuditTriggers(table: Table, schemaName: string, augmenter: Augmenter, kept: Set<string>): void {
  const auditFunctions = new Set(Object.values(augmenter.triggers).map((t) => `${schemaName}.${functionName(t.procedure)}`));
  for (const [name, trigger] of Object.entries(table.triggers ?? {})) {
    const procedure = typeof trigger.procedure === "string" ? trigger.procedure : trigger.procedure.name;
    if (!kept.has(name) && auditFunctions.has(procedure.replace(/\(\)$/, ""))) delete table.triggers?.[name];
  }
}

/** Add the column, or give an existing one the spec's type, NOT NULL and default. */
function setColumn(table: Table, def: ColumnDef): void {
  const columns = (table.columns ??= []);
  const wanted: Column = { name: def.name, type: def.type, ...(def.not_null ? { not_null: true } : {}) };
  if (def.default !== undefined) wanted.default = def.default;
  if (def.description !== undefined) wanted.description = def.description;
  const index = columns.findIndex((c) => c.name === def.name);
  if (index < 0) {
    columns.push(wanted);
    return;
  }
  // The spec decides NOT NULL; a default it does not give is kept; comments, privileges and the rest stay.
  const { not_null: _notNull, ...existing } = columns[index] as Column;
  columns[index] = { ...existing, ...wanted };
}

/** The function (and those it calls) in the table's schema, SECURITY DEFINER with a search_path of its own. */
function addFunction(schema: Schema, schemaName: string, def: FunctionDef, augmenter: Augmenter, owner: string | undefined): void {
  const functions = (schema.functions ??= {});
  const key = `${def.name}(${def.arguments})`;
  const existing = functions[key];
  const fn: Function = { language: def.language, returns: def.returns, source: expandSource(def, augmenter, schemaName) };
  if (def.security_definer) fn.security_definer = true;
  if (def.volatility !== undefined && def.volatility !== "volatile") fn.volatility = def.volatility;
  // pg_catalog first, so no object of the schema can stand in for a built-in one.
  fn.configuration = [`search_path=pg_catalog, ${quoteIdent(schemaName)}`];
  if (def.description !== undefined) fn.description = def.description;
  const keptOwner = existing?.owner ?? owner;
  if (keptOwner !== undefined) fn.owner = keptOwner;
  if (existing?.privileges !== undefined) fn.privileges = existing.privileges;
  functions[key] = fn;
  for (const called of def.calls) addFunction(schema, schemaName, augmenter.functions[called] as FunctionDef, augmenter, owner);
}

/**
 * The trigger under its name; a trigger of the table that already runs the
 * same function at the same timing (made by an earlier tool under another
 * name) is changed in place rather than doubled.
 */
function setTrigger(table: Table, request: TableRequest, def: TriggerDef, fn: FunctionDef): string {
  const triggers = (table.triggers ??= {});
  const procedure = `${request.schema}.${fn.name}`;
  const named = expandTriggerName(def.name, request.table);
  const same = Object.entries(triggers).find(([, t]) => sameProcedure(t.procedure, procedure) && t.timing === def.timing);
  const name = named in triggers || same === undefined ? named : same[0];
  const existing = triggers[name];
  const trigger: Trigger = { timing: def.timing, events: [...def.events], level: def.level, procedure };
  if (existing?.description !== undefined) trigger.description = existing.description;
  if (existing?.enabled !== undefined) trigger.enabled = existing.enabled;
  triggers[name] = trigger;
  return name;
}

function sameProcedure(procedure: Trigger["procedure"], wanted: string): boolean {
  const name = typeof procedure === "string" ? procedure : procedure.name;
  return name.replace(/\(\)$/, "") === wanted;
}
