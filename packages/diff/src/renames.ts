import type { Entry } from "./engine.js";
import type { Statement } from "./statement.js";

/** The engine's item maps, as renames need them. */
export interface RenameTarget {
  readonly fromItems: Map<string, Entry>;
  readonly toItems: Map<string, Entry>;
}

/**
 * Apply renames (the new side's `oldname` attributes and the options'
 * hints) to the old side's items, so that the rest of the diff compares
 * the renamed object with its new definition; returns the RENAME statements.
 */
export function applyRenames(_state: RenameTarget): Statement[] {
  return [];
}
