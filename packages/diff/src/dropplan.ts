import type { Entry } from "./entry.js";

/** What `planDrops` needs to know of the engine. */
export interface DropSource {
  entries: Iterable<Entry>;
  /** The object goes away (dropped, or dropped to be made again). */
  gone(entry: Entry): boolean;
  /** It goes with its parent's drop (a table's trigger, a foreign key). */
  parentGone(entry: Entry): boolean;
  /** What the object needed on the old side. */
  deps(entry: Entry): string[];
}

/** An object that gets its own drop statements, and what they wait for. */
export interface DropUnit {
  entry: Entry;
  soft: string[];
}

interface Child {
  entry: Entry;
  top: Entry;
  deps: string[];
}

/**
 * Which objects are dropped by a statement of their own, each with what it
 * needed. A child that goes with its parent (a table's triggers, foreign
 * keys, defaults) lends its needs to the parent's drop: the table goes
 * before its trigger's function. When that would make two drops wait for
 * each other (tables whose foreign keys reference each other), the child
 * is dropped first on its own, as pg_dump --clean does.
 */
export function planDrops(src: DropSource): DropUnit[] {
  const tops: Entry[] = [];
  const children: Child[] = [];
  for (const entry of src.entries) {
    if (!src.gone(entry)) continue;
    if (!src.parentGone(entry)) {
      tops.push(entry);
      continue;
    }
    let top = entry.up as Entry;
    while (src.parentGone(top)) top = top.up as Entry;
    children.push({ entry, top, deps: src.deps(entry).filter((ref) => ref !== top.item.ref) });
  }
  const own = new Map(tops.map((t) => [t, src.deps(t)]));
  const component = components(tops, own, children);
  const separate = (c: Child) =>
    c.deps.some(
      (ref) => ref !== c.top.item.ref && component.get(ref) !== undefined && component.get(ref) === component.get(c.top.item.ref),
    );
  const carried = new Map<Entry, string[]>();
  const units: DropUnit[] = [];
  const kept: Child[] = [];
  for (const c of children) {
    if (separate(c)) units.push({ entry: c.entry, soft: c.deps });
    else {
      kept.push(c);
      (carried.get(c.top) ?? carried.set(c.top, []).get(c.top))?.push(...c.deps);
    }
  }
  // What still ties drops in one component once those keys go first (a table's own note of the tables its
  // keys reference) is let go: anything else has no order that PostgreSQL could accept either. What the
  // keys alone tied (a partition before its table) keeps its order.
  const left = component.size > 0 && kept.length < children.length ? components(tops, own, kept) : component;
  const sameComponent = (t: Entry, ref: string) =>
    ref !== t.item.ref && left.get(ref) !== undefined && left.get(ref) === left.get(t.item.ref);
  for (const t of tops) {
    const more = carried.get(t);
    const mine = own.get(t) ?? [];
    const soft = more ? [...new Set([...mine, ...more])] : mine;
    units.push({ entry: t, soft: soft.some((ref) => sameComponent(t, ref)) ? soft.filter((ref) => !sameComponent(t, ref)) : soft });
  }
  return units;
}

/** The strongly connected component of each dropped object, over what they and their children need. */
function components(tops: Entry[], own: Map<Entry, string[]>, children: Child[]): Map<string, number> {
  const index = new Map(tops.map((t, i) => [t.item.ref, i]));
  const next: number[][] = tops.map(() => []);
  const add = (from: Entry, refs: string[]) => {
    const i = index.get(from.item.ref) as number;
    for (const ref of refs) {
      const j = index.get(ref);
      if (j !== undefined && j !== i) (next[i] as number[]).push(j);
    }
  };
  for (const t of tops) add(t, own.get(t) ?? []);
  for (const c of children) add(c.top, c.deps);
  const ids = tarjan(next);
  return new Map(tops.map((t, i) => [t.item.ref, ids[i] as number]));
}

/** Tarjan's strongly connected components, without recursion: a component number per node. */
export function tarjan(next: number[][]): number[] {
  const n = next.length;
  const order = new Array<number>(n).fill(-1);
  const low = new Array<number>(n).fill(0);
  const onStack = new Uint8Array(n);
  const comp = new Array<number>(n).fill(-1);
  const stack: number[] = [];
  let counter = 0;
  let comps = 0;
  for (let root = 0; root < n; root++) {
    if (order[root] !== -1) continue;
    const work: [number, number][] = [[root, 0]];
    while (work.length > 0) {
      const frame = work[work.length - 1] as [number, number];
      const [v, i] = frame;
      if (i === 0) {
        order[v] = low[v] = counter++;
        stack.push(v);
        onStack[v] = 1;
      }
      const edges = next[v] as number[];
      if (i < edges.length) {
        frame[1] = i + 1;
        const w = edges[i] as number;
        if (order[w] === -1) work.push([w, 0]);
        else if (onStack[w]) low[v] = Math.min(low[v] as number, order[w] as number);
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low[parent[0]] = Math.min(low[parent[0]] as number, low[v] as number);
      if (low[v] === order[v]) {
        let w: number;
        do {
          w = stack.pop() as number;
          onStack[w] = 0;
          comp[w] = comps;
        } while (w !== v);
        comps++;
      }
    }
  }
  return comp;
}
