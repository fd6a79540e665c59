import type { Statement } from "./statement.js";
import { CycleFound, Graph, nameKeys } from "./graph.js";

/**
 * A statement with the dependencies the engine inferred for it. `hard`
 * edges come from the differs (`requires`): a column needs its table.
 * The others are inferred and are given up to break a cycle.
 */
export interface Planned {
  statement: Statement;
  /** Inferred needs: on the old side for a drop (dropped before them), on the new side otherwise (made after them). */
  soft: string[];
  /**
   * For a statement that changes an object the old side has: what that
   * object (and its relation) depended on there. The statement runs before
   * those are dropped (`ALTER COLUMN ... DROP DEFAULT` before the sequence).
   */
  released?: string[];
  /** The objects the statement changes: its object and its relation. Drops of what depended on them come first. */
  subjects?: string[];
  /** Statements of one object (same number) keep their order when one of them has to move earlier. */
  group?: number;
}

export class DependencyCycleError extends Error {
  readonly objects: string[];
  constructor(objects: string[]) {
    super(
      `these statements depend on each other in a cycle and cannot be ordered: ${objects.join(", ")}; ` +
        "split the change in two, or record the dependency with depends_on",
    );
    this.objects = objects;
  }
}

/**
 * Order statements. Renames come first, so that everything after uses the
 * new names. Drops, creates and alters then form one dependency graph:
 *
 * - a create or alter comes after what it needs is created (`requires`, `soft`);
 * - a drop comes before the drops of what the object needed on the old side;
 * - a drop comes after every statement that releases the dropped object
 *   (`released`: a column's default given up before its sequence is dropped;
 *   `Statement.releases`, never given up: DETACH PARTITION before the drop
 *   of a copy it made the table's own);
 * - a drop of what depended on an object comes before the statements changing it (`subjects`)
 *   and before the drops of its parts (a view before a column of its table);
 * - a drop comes before a create that takes the same name.
 *
 * Phases only break ties: drops run as early as their dependencies allow,
 * with just the statements that must precede them; then the rest, in the
 * order the engine produced them, so the output is deterministic.
 */
export function orderStatements(planned: readonly Planned[]): Statement[] {
  const renames: Planned[] = [];
  const rest: Planned[] = [];
  for (const p of planned) (p.statement.phase === "rename" ? renames : rest).push(p);
  try {
    const out = forward(renames).sort();
    for (const st of graphOf(rest).sort()) out.push(st);
    return out;
  } catch (error) {
    if (error instanceof CycleFound) throw new DependencyCycleError(error.objects);
    throw error;
  }
}

/** Renames among themselves: after what they need. */
function forward(planned: readonly Planned[]): Graph {
  const graph = new Graph(planned);
  graph.nodes.forEach((n) => {
    for (const ref of n.planned.statement.requires ?? []) for (const p of graph.providers(ref)) graph.link(p, n.index, true);
    for (const ref of n.planned.soft) for (const p of graph.providers(ref)) graph.link(p, n.index, false);
  });
  return graph;
}

function graphOf(planned: readonly Planned[]): Graph {
  const graph = new Graph(planned);
  const isDrop = (i: number) => (graph.nodes[i] as { planned: Planned }).planned.statement.phase === "drop";
  const anyDrop = planned.some((p) => p.statement.phase === "drop");
  // Only drops look statements up by subject and by name.
  const bySubject = anyDrop ? graph.index((p) => (p.statement.phase === "drop" ? [] : (p.subjects ?? []))) : new Map<string, number[]>();
  // Drops of a relation's parts (its columns), under the relation: what depended on the relation goes before them.
  const dropsUnder = anyDrop
    ? graph.index((p) =>
        p.statement.phase === "drop" ? (p.statement.requires ?? []).filter((r) => isRelationOf(r, p.statement.object)) : [],
      )
    : new Map<string, number[]>();
  const byName = anyDrop
    ? graph.index((p) => (p.statement.phase === "drop" ? [] : nameKeys(p.statement.provides ?? [p.statement.object])))
    : new Map<string, number[]>();
  for (const n of graph.nodes) {
    const st = n.planned.statement;
    if (st.phase === "drop") {
      const need = (ref: string, hard: boolean) => {
        for (const p of graph.providers(ref)) if (isDrop(p)) graph.link(n.index, p, hard);
        for (const m of bySubject.get(ref) ?? []) graph.link(n.index, m, false);
        if (!hard) for (const c of dropsUnder.get(ref) ?? []) graph.link(n.index, c, false);
      };
      for (const ref of st.requires ?? []) need(ref, true);
      for (const ref of n.planned.soft) need(ref, false);
      for (const key of nameKeys(st.provides ?? [st.object])) for (const c of byName.get(key) ?? []) graph.link(n.index, c, false);
      continue;
    }
    for (const ref of st.requires ?? []) for (const p of graph.providers(ref)) if (!isDrop(p)) graph.link(p, n.index, true);
    for (const ref of n.planned.soft) for (const p of graph.providers(ref)) if (!isDrop(p)) graph.link(p, n.index, false);
    if (anyDrop) {
      for (const ref of n.planned.released ?? []) for (const p of graph.providers(ref)) if (isDrop(p)) graph.link(n.index, p, false);
      // What a statement says it lets go of is exact: its drop never moves ahead of it.
      for (const ref of st.releases ?? []) for (const p of graph.providers(ref)) if (isDrop(p)) graph.link(n.index, p, true);
    }
  }
  if (anyDrop) graph.rank(isDrop);
  return graph;
}

/** `table app.t` is the relation of `column app.t.c` (and not of a foreign key of another table that references it). */
function isRelationOf(ref: string, object: string): boolean {
  if (ref.startsWith("schema ")) return false;
  return object.slice(object.indexOf(" ") + 1).startsWith(`${ref.slice(ref.indexOf(" ") + 1)}.`);
}
