import type { Table } from "@pgvc/model";
import type { DiffContext, Item } from "../differ.js";
import { ident, qname } from "../render.js";
import { statement, type Statement } from "../statement.js";
import { ownedSequence } from "./identity.js";

/*
 * A table the diff re-creates (its partitioning or access method changed)
 * takes the sequences its columns own with it: DROP TABLE drops a serial's
 * sequence, and the new table's DEFAULT nextval(...) would then name one
 * that is gone. A sequence both sides keep on the same column is released
 * before the drop (OWNED BY NONE) and owned again after the create, so it
 * keeps its place in the numbering.
 */

interface KeptSequence {
  name: string;
  column: string;
}

/** Sequences owned by a column of the table on both sides, neither an identity's. */
function keptSequences(item: Item<Table>, ctx: DiffContext): KeptSequence[] {
  const before = ctx.fromItem(item.ref)?.value as Table | undefined;
  const after = ctx.toItem(item.ref)?.value as Table | undefined;
  if (!before || !after || item.schema === undefined) return [];
  const schema = item.schema;
  const out: KeptSequence[] = [];
  for (const c of after.columns ?? []) {
    const old = before.columns?.find((x) => x.name === c.name);
    if (!old || c.inherited || c.identity !== undefined || old.identity !== undefined) continue;
    const was = ownedSequence(ctx, ctx.from, schema, item.name, c.name);
    const is = ownedSequence(ctx, ctx.to, schema, item.name, c.name);
    if (was && is && was.schema === is.schema && was.name === is.name) out.push({ name: qname(is.schema, is.name), column: c.name });
  }
  return out;
}

/** Before a re-created table's DROP: its kept sequences released. */
export function releaseSequences(item: Item<Table>, ctx: DiffContext): Statement[] {
  return keptSequences(item, ctx).map((s) => statement("alter", item.ref, `ALTER SEQUENCE ${s.name} OWNED BY NONE`, "drop"));
}

/** After a re-created table's CREATE: its kept sequences owned again. */
export function ownSequencesAgain(item: Item<Table>, ctx: DiffContext): Statement[] {
  const table = qname(item.schema, item.name);
  return keptSequences(item, ctx).map((s) =>
    statement("alter", item.ref, `ALTER SEQUENCE ${s.name} OWNED BY ${table}.${ident(s.column)}`, "main"),
  );
}
