import type { Item, RenameHint, Statement } from "@pgvc/diff";

/** A dropped object and a created one that look like the same object renamed. */
export interface RenameCandidate {
  from: string;
  to: string;
  hint: RenameHint;
}

const renamable = new Set(["table", "column", "view", "materialized view", "sequence", "function", "type", "domain", "index", "schema"]);

/**
 * Pairs of a drop and a create of the same kind under the same parent that
 * may be one object renamed: for a column the same type, for a table the
 * same columns; other kinds pair when the parent and kind agree. The diff
 * cannot know; the person writing the migration can.
 */
export function renameCandidates(forward: readonly Statement[], current: Map<string, Item>, target: Map<string, Item>): RenameCandidate[] {
  const drops = forward
    .filter((s) => s.kind === "drop")
    .map((s) => current.get(s.object))
    .filter((i): i is Item => i !== undefined);
  const creates = forward
    .filter((s) => s.kind === "create")
    .map((s) => target.get(s.object))
    .filter((i): i is Item => i !== undefined);
  const out: RenameCandidate[] = [];
  const taken = new Set<string>();
  for (const dropped of drops) {
    if (!renamable.has(dropped.kind)) continue;
    const match = creates.find(
      (c) => !taken.has(c.ref) && c.kind === dropped.kind && c.parent === dropped.parent && alike(dropped, c, current, target),
    );
    if (!match) continue;
    taken.add(match.ref);
    const path = dropped.ref.slice(dropped.kind.length + 1);
    out.push({ from: dropped.ref, to: match.ref, hint: { kind: dropped.kind, from: path, to: match.name } });
  }
  return out;
}

function alike(a: Item, b: Item, current: Map<string, Item>, target: Map<string, Item>): boolean {
  if (a.kind === "column") return typeOf(a) === typeOf(b);
  if (a.kind === "table") return columnsOf(a, current) === columnsOf(b, target);
  return true;
}

function typeOf(item: Item): unknown {
  return (item.value as { type?: unknown } | null)?.type;
}

function columnsOf(table: Item, items: Map<string, Item>): string {
  const columns: string[] = [];
  for (const item of items.values())
    if (item.kind === "column" && item.parent === table.ref) columns.push(`${item.name}:${String(typeOf(item))}`);
  return columns.sort().join(",");
}
