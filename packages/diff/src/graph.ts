import { parseRef } from "@pgvc/model";
import { tarjan } from "./dropplan.js";
import type { Planned } from "./order.js";
import type { Statement } from "./statement.js";

interface Edge {
  node: number;
  hard: boolean;
}

interface Node {
  index: number;
  planned: Planned;
  hardIn: number;
  softIn: number;
  next: Edge[];
  prev: number[];
}

/**
 * Statements as a graph: an edge says which of two statements runs first;
 * `hard` edges come from the differs, the others are inferred and given up
 * to break a cycle. `sort` is Kahn's algorithm, the ready statement of the
 * lowest rank first, then the earliest produced; it uses no recursion, so
 * any number of statements can be ordered.
 */
export class Graph {
  readonly nodes: Node[];
  /** The edges out of each node, by target: a second link between two nodes finds the first. */
  private readonly edges: (Map<number, Edge> | undefined)[];
  private readonly byRef = new Map<string, number[]>();
  private ranks: Uint8Array;
  /** The strongly connected component of each node, worked out when a cycle is first met. */
  private cycles: number[] | undefined;

  constructor(planned: readonly Planned[]) {
    this.nodes = planned.map((p, index) => ({ index, planned: p, hardIn: 0, softIn: 0, next: [], prev: [] }));
    this.ranks = new Uint8Array(planned.length).fill(1);
    this.edges = new Array<Map<number, Edge> | undefined>(planned.length);
    for (const n of this.nodes)
      for (const ref of n.planned.statement.provides ?? [n.planned.statement.object]) push(this.byRef, ref, n.index);
  }

  /** The statements that provide a reference (create, change or drop it). */
  providers(ref: string): number[] {
    return this.byRef.get(ref) ?? [];
  }

  /** Statements listed under each of the keys `keys` gives them. */
  index(keys: (p: Planned) => Iterable<string>): Map<string, number[]> {
    const map = new Map<string, number[]>();
    for (const n of this.nodes) for (const key of keys(n.planned)) push(map, key, n.index);
    return map;
  }

  /** `before` runs before `after`; a second link between the same two keeps the harder one. */
  link(before: number, after: number, hard: boolean): void {
    if (before === after) return;
    const out = (this.edges[before] ??= new Map<number, Edge>());
    const known = out.get(after);
    const target = this.nodes[after] as Node;
    if (known) {
      if (hard && !known.hard) {
        known.hard = true;
        target.softIn -= 1;
        target.hardIn += 1;
      }
      return;
    }
    const edge = { node: after, hard };
    out.set(after, edge);
    (this.nodes[before] as Node).next.push(edge);
    target.prev.push(before);
    if (hard) target.hardIn += 1;
    else target.softIn += 1;
  }

  /**
   * Rank 0 for the statements `urgent` picks and every statement that must
   * run before one of them (with the statements of its group produced
   * before it); rank 1 for the rest.
   */
  rank(urgent: (index: number) => boolean): void {
    const groups = new Map<number, number[]>();
    for (const n of this.nodes) if (n.planned.group !== undefined) push(groups, n.planned.group, n.index);
    const ranks = new Uint8Array(this.nodes.length).fill(1);
    const queue: number[] = [];
    const mark = (i: number) => {
      if (ranks[i] === 0) return;
      ranks[i] = 0;
      queue.push(i);
    };
    for (const n of this.nodes) if (urgent(n.index)) mark(n.index);
    while (queue.length > 0) {
      const n = this.nodes[queue.pop() as number] as Node;
      for (const p of n.prev) mark(p);
      const group = n.planned.group === undefined ? undefined : groups.get(n.planned.group);
      if (group) for (const i of group) if (i < n.index) mark(i);
    }
    this.ranks = ranks;
  }

  sort(): Statement[] {
    const size = this.nodes.length;
    const key = (i: number) => (this.ranks[i] as number) * size + i;
    const ready = new MinHeap();
    const done = new Uint8Array(size);
    for (const n of this.nodes) if (n.hardIn === 0 && n.softIn === 0) ready.push(key(n.index));
    const out: Statement[] = [];
    while (out.length < size) {
      const top = ready.pop();
      const index = top === undefined ? this.breakCycle(done, key) : top % size;
      if (done[index]) continue;
      done[index] = 1;
      const node = this.nodes[index] as Node;
      out.push(node.planned.statement);
      for (const edge of node.next) {
        const target = this.nodes[edge.node] as Node;
        if (edge.hard) target.hardIn -= 1;
        else target.softIn -= 1;
        if (!done[edge.node] && target.hardIn === 0 && target.softIn === 0) ready.push(key(edge.node));
      }
    }
    return out;
  }

  /**
   * Stuck: give up inferred needs of one statement, the first (by rank, then
   * as produced) whose remaining needs are all inferred ones and all within
   * a cycle. A statement that waits only for statements of a cycle it is not
   * part of is not taken: its wait is sound, and the cycle is broken first.
   */
  private breakCycle(done: Uint8Array, key: (i: number) => number): number {
    const cycle = (this.cycles ??= tarjan(this.nodes.map((n) => n.next.map((e) => e.node))));
    let best: number | undefined;
    let fallback: number | undefined;
    for (const n of this.nodes) {
      if (done[n.index] || n.hardIn !== 0) continue;
      if (fallback === undefined || key(n.index) < key(fallback)) fallback = n.index;
      const own = cycle[n.index];
      if (!n.prev.every((p) => done[p] || cycle[p] === own)) continue;
      if (best === undefined || key(n.index) < key(best)) best = n.index;
    }
    best ??= fallback;
    if (best !== undefined) return best;
    throw new CycleFound(this.nodes.filter((n) => !done[n.index]).map((n) => n.planned.statement.object));
  }
}

/** Thrown by `sort` with the objects of the statements left; `orderStatements` reports it. */
export class CycleFound extends Error {
  constructor(readonly objects: string[]) {
    super("cycle");
  }
}

const relationKinds = new Set(["table", "view", "materialized view", "sequence", "index", "foreign table", "type", "domain"]);
const routineKinds = new Set(["function", "procedure", "aggregate"]);

/**
 * The names a statement's references take in PostgreSQL's namespaces: a
 * table, a view, an index and a type share one per schema; a primary key
 * names its index; a routine's name goes with its argument types.
 */
export function nameKeys(refs: readonly string[]): string[] {
  const keys: string[] = [];
  for (const text of refs) {
    let ref;
    try {
      ref = parseRef(text);
    } catch {
      continue;
    }
    const path = [ref.schema, ref.table, ref.name].filter((p) => p !== undefined).join(".");
    if (relationKinds.has(ref.kind)) keys.push(`relation ${path}`);
    else if (routineKinds.has(ref.kind)) keys.push(`routine ${path}`);
    else keys.push(`${ref.kind} ${path}`);
    if (ref.kind === "constraint" && ref.schema !== undefined) keys.push(`relation ${ref.schema}.${ref.name}`);
  }
  return keys;
}

function push<K>(map: Map<K, number[]>, key: K, value: number): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** A binary min-heap of numbers. */
class MinHeap {
  private readonly items: number[] = [];

  push(value: number): void {
    const a = this.items;
    a.push(value);
    let i = a.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if ((a[parent] as number) <= value) break;
      a[i] = a[parent] as number;
      i = parent;
    }
    a[i] = value;
  }

  pop(): number | undefined {
    const a = this.items;
    const top = a[0];
    const last = a.pop();
    if (a.length === 0 || last === undefined) return top;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      let mv = last;
      if (l < a.length && (a[l] as number) < mv) [m, mv] = [l, a[l] as number];
      if (r < a.length && (a[r] as number) < mv) [m, mv] = [r, a[r] as number];
      if (m === i) break;
      a[i] = mv;
      i = m;
    }
    a[i] = last;
    return top;
  }
}
