import type { Expressions } from "./normalize.js";

/** A rename the YAML does not carry: `table:app.a=app.b`, `column:app.t.a=b`. */
export interface RenameHint {
  kind: string;
  /** The old reference path: `app.a`, `app.t.a`. */
  from: string;
  /** The new name, bare (`b`) or as a full path (`app.b`). */
  to: string;
}

export interface DiffOptions {
  renames?: RenameHint[];
  /**
   * How SQL text (view bodies, defaults, expressions) is compared: by parse
   * tree when these carry the parser (`parsedExpressions()`), else as
   * canonicalised text. Pass the same instance to diffs of the same models
   * to share its cache. By default, a new textual one.
   */
  expressions?: Expressions;
  /** Compare owners; by default only when the target model names owners. */
  owners?: boolean;
  /** Compare privileges; by default only when the target model lists privileges. */
  privileges?: boolean;
  /** Only these schemas (the `-n` option). */
  schemas?: string[];
  /** Build new indexes on existing tables with CONCURRENTLY (never inside a transaction). */
  concurrently?: boolean;
  /**
   * Called when the diff reads the old model's recorded dependencies
   * (`from.dependencies`), which it does only when something is dropped or
   * re-created: a caller that diffed before they were read knows then that
   * it must diff again once they are. An empty diff that never called it
   * is the same with them.
   */
  onDependenciesRead?: () => void;
}

/** Parse `--rename KIND:OLD=NEW`. */
export function parseRenameHint(text: string): RenameHint {
  const match = /^([a-z ]+):([^=]+)=(.+)$/.exec(text.trim());
  if (!match) {
    throw new Error(`a rename is KIND:OLD=NEW, e.g. table:app.a=app.b or column:app.t.a=b; got ${JSON.stringify(text)}`);
  }
  const [, kind, from, to] = match as unknown as [string, string, string, string];
  return { kind: kind.trim(), from: from.trim(), to: to.trim() };
}
