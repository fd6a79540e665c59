import { phases, type Statement } from "./statement.js";

/**
 * A statement with the dependencies the engine inferred for it. `hard`
 * edges come from the differs (`requires`): a column needs its table.
 * `soft` ones are inferred (names found in a view body, the model's
 * recorded dependencies) and are given up to break a cycle.
 */
export interface Planned {
  statement: Statement;
  soft: string[];
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
 * Order statements: by phase, then by dependency inside each phase
 * (creates after what they need; drops before what they depend on), ties
 * kept in the order the engine produced them, so the output is
 * deterministic.
 */
export function orderStatements(planned: readonly Planned[]): Statement[] {
  const out: Statement[] = [];
  for (const phase of phases) {
    const inPhase = planned.filter((p) => p.statement.phase === phase);
    out.push(...sortPhase(inPhase, phase === "drop"));
  }
  return out;
}

interface Node {
  index: number;
  planned: Planned;
  hardIn: number;
  softIn: number;
  next: { node: number; hard: boolean }[];
}

function sortPhase(planned: readonly Planned[], reverse: boolean): Statement[] {
  const nodes: Node[] = planned.map((p, index) => ({ index, planned: p, hardIn: 0, softIn: 0, next: [] }));
  const providers = new Map<string, number[]>();
  nodes.forEach((n) => {
    for (const ref of n.planned.statement.provides ?? [n.planned.statement.object]) {
      const list = providers.get(ref);
      if (list) list.push(n.index);
      else providers.set(ref, [n.index]);
    }
  });
  const seen = new Set<string>();
  const link = (n: Node, ref: string, hard: boolean) => {
    for (const p of providers.get(ref) ?? []) {
      if (p === n.index) continue;
      const [before, after] = reverse ? [n.index, p] : [p, n.index];
      const key = `${before}>${after}`;
      if (seen.has(key)) continue;
      seen.add(key);
      (nodes[before] as Node).next.push({ node: after, hard });
      const target = nodes[after] as Node;
      if (hard) target.hardIn += 1;
      else target.softIn += 1;
    }
  };
  for (const n of nodes) {
    for (const ref of n.planned.statement.requires ?? []) link(n, ref, true);
    for (const ref of n.planned.soft) link(n, ref, false);
  }
  return kahn(nodes);
}

function kahn(nodes: Node[]): Statement[] {
  const ready = new MinHeap();
  const done = new Array<boolean>(nodes.length).fill(false);
  for (const n of nodes) if (n.hardIn === 0 && n.softIn === 0) ready.push(n.index);
  const out: Statement[] = [];
  while (out.length < nodes.length) {
    let index = ready.pop();
    if (index === undefined) index = breakCycle(nodes, done);
    if (done[index]) continue;
    done[index] = true;
    const node = nodes[index] as Node;
    out.push(node.planned.statement);
    for (const edge of node.next) {
      const target = nodes[edge.node] as Node;
      if (edge.hard) target.hardIn -= 1;
      else target.softIn -= 1;
      if (!done[edge.node] && target.hardIn === 0 && target.softIn === 0) ready.push(edge.node);
    }
  }
  return out;
}

/** Stuck: take the first statement whose remaining needs are all inferred ones. */
function breakCycle(nodes: Node[], done: boolean[]): number {
  const candidate = nodes.find((n) => !done[n.index] && n.hardIn === 0);
  if (candidate) return candidate.index;
  throw new DependencyCycleError(nodes.filter((n) => !done[n.index]).map((n) => n.planned.statement.object));
}

/** A binary min-heap of statement indexes: the earliest produced statement goes first. */
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
