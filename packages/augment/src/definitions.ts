import type { SourceLocation } from "@pgvc/core";

/** Where a definition was written in the spec (absent for the predefined ones). */
export interface Placed {
  at?: SourceLocation | undefined;
}

/** A column the augmenter adds, under its logical name (`modified_timestamp`). */
export interface ColumnDef extends Placed {
  /** The column's name in the table (the logical name unless renamed). */
  name: string;
  type: string;
  not_null: boolean;
  /** Fills the rows a table already holds when the column is added, and any INSERT the triggers leave alone. */
  default?: string | undefined;
  description?: string | undefined;
}

/** An audit kind (`default`, `full`, ...): the columns it adds and the triggers that fill them. */
export interface AuditKind extends Placed {
  columns: string[];
  triggers: string[];
}

export const triggerEvents = ["insert", "update", "delete", "truncate"] as const;
export type TriggerEvent = (typeof triggerEvents)[number];

/** A trigger added to each table of an audit kind; `{{table_name}}` in its name is the table's. */
export interface TriggerDef extends Placed {
  name: string;
  timing: "before" | "after";
  events: TriggerEvent[];
  level: "row" | "statement";
  /** The augmenter function it executes: `audit_default()`. */
  procedure: string;
}

export const volatilities = ["immutable", "stable", "volatile"] as const;

/**
 * A function the augmenter creates in the schema of each table that needs
 * it. Its source may be a function template (`{{functempl_audit_default}}`)
 * and holds `{{column}}` placeholders for the columns' names.
 */
export interface FunctionDef extends Placed {
  name: string;
  /** The identity arguments, as in the key: `` for `audit_user()`. */
  arguments: string;
  language: string;
  returns: string;
  source: string;
  description?: string | undefined;
  security_definer: boolean;
  volatility?: (typeof volatilities)[number] | undefined;
  /** Other augmenter functions its source calls, created beside it. */
  calls: string[];
}

/** Everything the augmenter knows: the predefined definitions with the spec's own over them. */
export interface Augmenter {
  columns: Record<string, ColumnDef>;
  audit_columns: Record<string, AuditKind>;
  function_templates: Record<string, { source: string } & Placed>;
  functions: Record<string, FunctionDef>;
  triggers: Record<string, TriggerDef>;
}

/** The spec's `augmenter:` section: definitions to add, or attributes to change in predefined ones. */
export interface AugmenterOverrides {
  columns: Record<string, Partial<ColumnDef>>;
  audit_columns: Record<string, Partial<AuditKind>>;
  function_templates: Record<string, { source: string } & Placed>;
  functions: Record<string, Partial<FunctionDef>>;
  triggers: Record<string, Partial<TriggerDef>>;
}

/** One `table T: {audit_columns: KIND}` of the spec. */
export interface TableRequest {
  schema: string;
  table: string;
  /** Where `table T` is written. */
  at: SourceLocation;
  auditColumns?: { kind: string; at: SourceLocation } | undefined;
}

/** A parsed dbaugment spec. */
export interface AugmentSpec {
  file: string;
  augmenter: AugmenterOverrides;
  tables: TableRequest[];
}
