import type { Database } from "@pgvc/model";
import type { AlterResult, ChildKind, DiffContext, DiffScope, Item, KindDiffer } from "./differ.js";
import { deepEqual, everyKey } from "./compare.js";
import { DependencyIndex } from "./deps.js";
import { planDrops } from "./dropplan.js";
import { Entry } from "./entry.js";
import { genericAlter, genericCreate, type GenericFlags } from "./generic.js";
import type { Expressions } from "./normalize.js";
import type { DiffOptions, RenameHint } from "./options.js";
import { orderStatements, type Planned } from "./order.js";
import { differs as registry } from "./registry.js";
import { itemRef } from "./kinds/common.js";
import { withDetachedCopies } from "./kinds/partition-copies.js";
import { Scope } from "./scope.js";
import { applyRenames } from "./renames.js";
import type { Statement } from "./statement.js";

/**
 * The statements that turn a database described by `from` into one
 * described by `to`, in an order that runs. A pure function of the two
 * models: nothing is read from a server.
 */
export function diffSchemas(from: Database, to: Database, options: DiffOptions = {}): Statement[] {
  return new Engine(withDetachedCopies(from, to), to, options, registry).run();
}

class Engine implements DiffContext {
  readonly fromItems = new Map<string, Entry>();
  readonly toItems = new Map<string, Entry>();
  private readonly rebuilt = new Set<string>();
  private readonly alters = new Map<string, Statement[]>();
  private droppedByName: Map<string, Item> | undefined;
  /** Calls of `isDropped` and `isCreated`, whose answers change as rounds re-create objects. */
  private stateQueries = 0;
  private depsIndex: DependencyIndex | undefined;
  /** Some statement is a drop (see `released`). */
  private dropping = false;
  private flags!: GenericFlags;
  private readonly scope: Scope;
  /**
   * Parents whose children of a kind are the same on both sides, keyed by
   * the children's reference prefix (`column app.orders.`): those children
   * get entries only when something asks for one (see `children` on
   * KindDiffer). Most of a large diff's items are columns of tables that
   * did not change.
   */
  private readonly deferred = new Map<string, Deferred>();
  private readonly deferredByParent = new Map<string, string>();

  constructor(
    public from: Database,
    readonly to: Database,
    readonly options: DiffOptions,
    private readonly differs: readonly KindDiffer[],
  ) {
    this.scope = new Scope(options.expressions);
  }

  get genericFlags(): GenericFlags {
    return this.flags;
  }

  get expressions(): Expressions {
    return this.scope.expressions;
  }

  memo<T>(db: Database, key: string, build: () => T): T {
    return this.scope.memo(db, key, build);
  }

  run(): Statement[] {
    this.collect();
    // Renames move children by reference: give them all entries first.
    if (someValue(this.toItems, (v) => (v as { oldname?: unknown }).oldname !== undefined)) this.materializeAll();
    const renames = applyRenames(this);
    this.link();
    this.flags = {
      owners: this.options.owners ?? this.someItemValue((v) => v.owner !== undefined),
      privileges: this.options.privileges ?? this.someItemValue((v) => v.privileges !== undefined),
      serverVersionNum: this.from.serverVersionNum ?? this.to.serverVersionNum,
    };
    this.computeAlters();
    const planned: Planned[] = renames.map((statement) => ({ statement, soft: [] }));
    this.emitDrops(planned);
    this.emitCreatesAndAlters(planned);
    return orderStatements(planned);
  }

  /** The dependency index, built on first use (from the items as renamed and linked): a diff with nothing to do never needs it. */
  private get deps(): DependencyIndex {
    return (this.depsIndex ??= new DependencyIndex(itemsOf(this.fromItems, this.toItems), this));
  }

  private collect(): void {
    const keep = this.schemaFilter();
    // A rename hint may name any child: with hints, every item gets its entry.
    const defer = (this.options.renames ?? []).length === 0;
    for (const differ of this.differs) {
      if (differ.children && defer) {
        this.collectChildren(differ, differ.children, keep);
        continue;
      }
      for (const item of differ.items(this.from, this)) if (keep(item)) this.fromItems.set(item.ref, new Entry(item, differ));
      for (const item of differ.items(this.to, this)) if (keep(item)) this.toItems.set(item.ref, new Entry(item, differ));
    }
  }

  /**
   * Children listed parent by parent (parents are collected first): those
   * of a parent with the same reference and the same children on both
   * sides are deferred, the rest get entries in the order `items` gives.
   */
  private collectChildren(differ: KindDiffer, children: ChildKind, keep: (item: Item) => boolean): void {
    const same = new Set<string>();
    for (const parent of entriesOfKind(this.fromItems, children.parentKind)) {
      const peer = this.toItems.get(parent.item.ref);
      if (peer && peer.item.kind === parent.item.kind && children.same(parent.item, peer.item, this)) {
        const prefix = itemRef(differ.kind, parent.item.schema as string, parent.item.name, "");
        this.deferred.set(prefix, { differ, children, from: parent.item, to: peer.item });
        this.deferredByParent.set(parent.item.ref, prefix);
        same.add(parent.item.ref);
        continue;
      }
      for (const item of children.of(parent.item, this)) if (keep(item)) this.fromItems.set(item.ref, new Entry(item, differ));
    }
    for (const parent of entriesOfKind(this.toItems, children.parentKind)) {
      if (same.has(parent.item.ref)) continue;
      for (const item of children.of(parent.item, this)) if (keep(item)) this.toItems.set(item.ref, new Entry(item, differ));
    }
  }

  /** Give the deferred children of one parent their entries, linked to their parents and peers. */
  private materialize(prefix: string): void {
    const d = this.deferred.get(prefix);
    if (!d) return;
    this.deferred.delete(prefix);
    this.deferredByParent.delete(d.from.ref);
    const fromParent = this.fromItems.get(d.from.ref);
    const toParent = this.toItems.get(d.to.ref);
    for (const item of d.children.of(d.from, this)) {
      const entry = new Entry(item, d.differ);
      entry.up = fromParent;
      this.fromItems.set(item.ref, entry);
    }
    for (const item of d.children.of(d.to, this)) {
      const entry = new Entry(item, d.differ);
      entry.up = toParent;
      this.toItems.set(item.ref, entry);
      const peer = this.fromItems.get(item.ref);
      if (peer) {
        peer.peer = entry;
        entry.peer = peer;
      }
    }
  }

  private materializeAll(): void {
    for (const prefix of [...this.deferred.keys()]) this.materialize(prefix);
  }

  /**
   * A reference with no entry may be a deferred child: its parent's prefix
   * ends at one of its dots (names may hold dots, so each is tried).
   */
  private materializeFor(ref: string): boolean {
    if (this.deferred.size === 0) return false;
    for (let dot = ref.lastIndexOf("."); dot > 0; dot = ref.lastIndexOf(".", dot - 1)) {
      const prefix = ref.slice(0, dot + 1);
      if (this.deferred.has(prefix)) {
        this.materialize(prefix);
        return true;
      }
    }
    return false;
  }

  private fromEntry(ref: string): Entry | undefined {
    return this.fromItems.get(ref) ?? (this.materializeFor(ref) ? this.fromItems.get(ref) : undefined);
  }

  private toEntry(ref: string): Entry | undefined {
    return this.toItems.get(ref) ?? (this.materializeFor(ref) ? this.toItems.get(ref) : undefined);
  }

  /** Whether any item's value, deferred children's included, passes `test`. */
  private someItemValue(test: (value: { owner?: unknown; privileges?: unknown }) => boolean): boolean {
    if (someValue(this.toItems, test)) return true;
    for (const d of this.deferred.values())
      if (d.children.of(d.to, this).some((item) => test(item.value as { owner?: unknown; privileges?: unknown }))) return true;
    return false;
  }

  private schemaFilter(): (item: Item) => boolean {
    const only = this.options.schemas;
    if (!only || only.length === 0) return () => true;
    const set = new Set(only);
    // Database-level objects (extensions, casts, languages ...) belong to no schema: -n leaves them
    // out, as introspection with -n does not read them.
    return (item) => (item.kind === "schema" ? set.has(item.name) : item.schema !== undefined && set.has(item.schema));
  }

  fromItem(ref: string): Item | undefined {
    return this.fromEntry(ref)?.item;
  }

  toItem(ref: string): Item | undefined {
    return this.toEntry(ref)?.item;
  }

  /** Point each entry at its counterpart and its parent, so status checks follow pointers. */
  private link(): void {
    const fromParent = parentFinder(this.fromItems);
    for (const e of this.fromItems.values()) {
      e.peer = this.toItems.get(e.item.ref);
      e.up = fromParent(e.item.parent);
    }
    const toParent = parentFinder(this.toItems);
    for (const e of this.toItems.values()) {
      e.peer = undefined;
      e.up = toParent(e.item.parent);
    }
    for (const e of this.fromItems.values()) if (e.peer) e.peer.peer = e;
  }

  private markRebuilt(entry: Entry): void {
    // A re-created parent re-creates its children: they need entries (comments, privileges).
    const prefix = this.deferredByParent.get(entry.item.ref);
    if (prefix !== undefined) this.materialize(prefix);
    entry.rebuilt = true;
    if (entry.peer) entry.peer.rebuilt = true;
    this.rebuilt.add(entry.item.ref);
  }

  /** An old-side entry goes away: dropped, re-created, or under a parent that is. Cached per rebuild count. */
  private gone(e: Entry): boolean {
    if (e.stamp === this.rebuilt.size) return e.gone;
    const answer = !e.peer || e.rebuilt || (e.up !== undefined && this.gone(e.up));
    e.stamp = this.rebuilt.size;
    e.gone = answer;
    return answer;
  }

  /** A new-side entry is new: created, re-created, under a parent that is, or gone with its old parent. */
  private fresh(e: Entry): boolean {
    for (let r: Entry | undefined = e; r !== undefined; r = r.up) if (!r.peer || r.rebuilt) return true;
    return e.peer !== undefined && this.gone(e.peer);
  }

  isDropped(ref: string): boolean {
    this.stateQueries++;
    const e = this.fromEntry(ref);
    return e === undefined ? !this.toItems.has(ref) : this.gone(e);
  }

  isCreated(ref: string): boolean {
    this.stateQueries++;
    const e = this.toEntry(ref);
    return e === undefined ? false : this.fresh(e);
  }

  /** Dropped with its parent: a relation's children go with it; a schema's objects are dropped one by one. */
  private parentGone(entry: Entry): boolean {
    const up = entry.up;
    return up !== undefined && up.item.kind !== "schema" && this.gone(up);
  }

  private parentNew(entry: Entry): boolean {
    return entry.up !== undefined && this.fresh(entry.up);
  }

  /**
   * The old object a new-side entry makes again: its peer, or one dropped
   * that PostgreSQL names the same (a function whose argument names changed).
   * Only asked when the target leaves owners or privileges out.
   */
  private madeAgain(entry: Entry): Item | undefined {
    if (entry.peer || (this.flags.owners && this.flags.privileges)) return entry.peer?.item;
    if (this.droppedByName === undefined) {
      this.droppedByName = new Map();
      for (const e of this.fromItems.values()) if (!e.peer) this.droppedByName.set(sqlName(e), e.item);
    }
    return this.droppedByName.get(sqlName(entry));
  }

  /** Alter every object on both sides; re-create dependents of whatever is dropped or re-created. */
  private computeAlters(): void {
    let dependents: Dependents | undefined;
    // Every round but the last re-creates at least one more object, so there
    // are never more rounds than objects; more would be a differ's bug.
    const most = this.fromItems.size + 2;
    for (let round = 0; ; round++) {
      const before = this.rebuilt.size;
      if (round === most)
        throw new Error(
          `internal error: the diff did not settle after ${most} rounds; still re-creating: ${[...this.rebuilt].slice(-10).join(", ")}`,
        );
      this.alters.clear();
      const invalid: string[] = [];
      const changedColumns: string[] = [];
      for (const [ref, to] of this.toItems) {
        const from = to.peer;
        if (!from || this.gone(from)) continue;
        const result = to.settled ?? this.alter(from, to);
        if ("rebuild" in result) {
          this.markRebuilt(to);
          continue;
        }
        const statements = Array.isArray(result) ? result : result.replace;
        to.replaced = !Array.isArray(result);
        if (statements.length > 0) this.alters.set(ref, statements);
        for (const st of statements) if (st.invalidates) changedColumns.push(...st.invalidates);
      }
      for (const e of this.fromItems.values()) if (this.gone(e)) invalid.push(e.item.ref);
      if (invalid.length === 0 && changedColumns.length === 0) return;
      this.options.onDependenciesRead?.();
      dependents ??= this.dependentsIndex();
      this.invalidate(invalid, changedColumns, dependents);
      if (this.rebuilt.size === before) return;
    }
  }

  /**
   * The differ's alter. A result that asked nothing about what the diff
   * drops or creates cannot change in a later round: it is kept on the
   * entry, so later rounds (after re-creations) redo only the rest.
   */
  private alter(from: Entry, to: Entry): AlterResult {
    const asked = this.stateQueries;
    const result = to.differ.alter(from.item, to.item, this);
    if (this.stateQueries === asked) to.settled = result;
    return result;
  }

  /**
   * For each reference, the objects of the old side that depend on it and
   * must be re-created with it (see `Dependents`).
   */
  private dependentsIndex(): Dependents {
    const dependents = new Dependents(this.from, this, (ref) => this.fromItems.get(ref)?.item.kind);
    const recorded = this.from.dependencies ?? {};
    for (const ref in recorded) {
      const entry = this.fromItems.get(ref);
      if (!entry?.differ.followsDependencies) continue;
      const parent = entry.item.parent;
      for (const dep of recorded[ref] as string[]) if (dep !== ref && dep !== parent) dependents.add(dep, ref);
    }
    const deps = this.deps;
    for (const [ref, entry] of this.fromItems) {
      if (!entry.differ.followsDependencies) continue;
      const parent = entry.item.parent;
      deps.forEachNamed(entry.item, (dep) => {
        if (dep !== ref && dep !== parent) dependents.add(dep, ref);
      });
      if (entry.differ.dependencies) dependents.defer(entry);
    }
    return dependents;
  }

  /**
   * Re-create what depends on objects that go away (`gone`) or change type
   * (`changed`, columns). A changed column reaches what uses its relation
   * (views, triggers, policies) but not constraints: PostgreSQL carries
   * those through ALTER COLUMN TYPE.
   */
  private invalidate(gone: string[], changed: string[], dependents: Dependents): void {
    const queue: [string, boolean][] = [
      ...gone.map((ref): [string, boolean] => [ref, false]),
      ...changed.map((ref): [string, boolean] => [ref, true]),
    ];
    for (const ref of [...gone, ...changed]) {
      const relation = relationOfChild(this.fromEntry(ref));
      if (relation) queue.push([relation, true]);
    }
    const retyped = new Set(changed);
    while (queue.length > 0) {
      const [ref, viewsOnly] = queue.pop() as [string, boolean];
      for (const dependent of dependents.get(ref)) {
        const entry = this.fromItems.get(dependent);
        if (!entry?.peer || entry.rebuilt) continue;
        if (viewsOnly && !selectsColumns(entry.item.kind) && !(retyped.has(ref) && referencesRetyped(entry.item, retyped))) continue;
        this.markRebuilt(entry);
        queue.push([dependent, false]);
      }
    }
  }

  private emitDrops(planned: Planned[]): void {
    const units = planDrops({
      entries: this.fromItems.values(),
      gone: (e) => this.gone(e),
      parentGone: (e) => this.parentGone(e),
      deps: (e) => {
        this.options.onDependenciesRead?.();
        return this.fromDeps(e);
      },
    });
    // An extension goes after the other drops unless something says otherwise: a
    // model read without pg_depend cannot tell which columns use its types.
    const last = (u: { entry: Entry }) => (u.entry.item.kind === "extension" ? 1 : 0);
    for (const { entry, soft } of [...units].sort((a, b) => last(a) - last(b))) {
      const statements = entry.differ.drop(entry.item, this);
      for (const statement of statements) planned.push({ statement: withParent(statement, entry.item), soft });
      this.dropping ||= statements.some((st) => st.phase === "drop");
    }
  }

  fromDeps(entry: Entry): string[] {
    return this.deps.dependencies(entry.item, entry.differ, this.from, "from");
  }

  private released(from: Entry): string[] {
    this.options.onDependenciesRead?.();
    return releasedBy(this, from);
  }

  private emitCreatesAndAlters(planned: Planned[]): void {
    // Where each object's CREATE is in `planned`, and the children it creates inline (a new table's columns).
    const creates = new Map<string, number>();
    const inlineChildren = new Map<string, string[]>();
    for (const list of this.alters.values()) this.dropping ||= list.some((st) => st.phase === "drop");
    for (const [ref, entry] of this.toItems) {
      const statements: Statement[] = [];
      const fresh = this.fresh(entry);
      if (fresh) {
        if (!(entry.item.inline && this.parentNew(entry))) statements.push(...entry.differ.create(entry.item, this));
        else if (entry.item.parent !== undefined) pushTo(inlineChildren, entry.item.parent, ref);
      } else {
        const altered = this.alters.get(ref);
        if (altered) statements.push(...altered);
      }
      // Comment, owner and grants: as for a new object when it is new or made anew in place, else what changed.
      const from = entry.peer;
      if (fresh || entry.replaced) {
        const target = entry.differ.target?.(entry.item);
        if (target) statements.push(...genericCreate(entry.item, target, this.flags, fresh ? this.madeAgain(entry) : undefined));
      } else if (from && !sameGeneric(from.item, entry.item)) {
        const target = entry.differ.target?.(entry.item);
        if (target) statements.push(...genericAlter(from.item, entry.item, target, this.flags));
      }
      // Dependencies are inferred only for objects that get statements: most of a large schema gets none.
      if (statements.length === 0) continue;
      const soft = expandSoft(this.deps.dependencies(entry.item, entry.differ, this.to, "to"));
      // What the old object needed matters only to drops: without any, the recorded dependencies are not waited for.
      const released = from && !fresh && this.dropping ? this.released(from) : undefined;
      const group = planned.length;
      for (const statement of statements) {
        if (statement.kind === "create" && statement.object === ref && !creates.has(ref)) creates.set(ref, planned.length);
        const subjects = subjectsOf(statement, entry.item);
        planned.push({ statement: withParent(statement, entry.item), soft, subjects, group, ...(released ? { released } : {}) });
      }
    }
    // A statement that needs such a child (ALTER SEQUENCE ... OWNED BY a new table's column) then waits for the parent's CREATE.
    for (const [parent, children] of inlineChildren) {
      const at = creates.get(parent);
      const create = at === undefined ? undefined : planned[at];
      if (!create || at === undefined) continue;
      const provides = [...(create.statement.provides ?? [create.statement.object]), ...children];
      planned[at] = { ...create, statement: { ...create.statement, provides } };
    }
  }
}

/** What an object the old side has (and its relation) depended on there: the statements changing it run before those are dropped. */
function releasedBy(engine: { fromDeps(entry: Entry): string[] }, entry: Entry): string[] {
  const own = engine.fromDeps(entry);
  const up = entry.up;
  if (up === undefined || up.item.kind === "schema") return own;
  return [...new Set([...own, ...engine.fromDeps(up)])];
}

/** A statement changes its object, the item it was written for, and that item's relation. */
function subjectsOf(statement: Statement, item: Item): string[] {
  const subjects = [statement.object];
  if (item.ref !== statement.object) subjects.push(item.ref);
  if (item.parent !== undefined && !item.parent.startsWith("schema ")) subjects.push(item.parent);
  return subjects;
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, ...values: V[]): void {
  const list = map.get(key);
  if (list) list.push(...values);
  else map.set(key, values);
}

/**
 * The reverse of the old side's dependencies, for `invalidate`: recorded
 * ones and names in text are indexed at once; what differs infer
 * themselves (`KindDiffer.dependencies`) is indexed, differ by differ,
 * only when a reference of a kind the differ can name is asked about (its
 * `dependencyKinds`). Dropping indexes then never computes the columns
 * every constraint of the model uses.
 */
class Dependents {
  private readonly index = new Map<string, string[]>();
  private readonly pending = new Map<KindDiffer, Entry[]>();

  constructor(
    private readonly db: Database,
    private readonly scope: DiffScope,
    private readonly kindOf: (ref: string) => string | undefined,
  ) {}

  /** Objects are visited one at a time, so a dependent listed twice for the same reference comes twice in a row. */
  add(dep: string, ref: string): void {
    const list = this.index.get(dep);
    if (list === undefined) this.index.set(dep, [ref]);
    else if (list[list.length - 1] !== ref) list.push(ref);
  }

  defer(entry: Entry): void {
    pushTo(this.pending, entry.differ, entry);
  }

  get(ref: string): string[] {
    if (this.pending.size > 0) {
      const kind = this.kindOf(ref);
      for (const [differ, entries] of this.pending) {
        if (kind !== undefined && differ.dependencyKinds !== undefined && !differ.dependencyKinds.includes(kind)) continue;
        this.pending.delete(differ);
        for (const entry of entries) {
          const own = entry.item.ref;
          const parent = entry.item.parent;
          for (const dep of differ.dependencies?.(entry.item, this.db, this.scope) ?? [])
            if (dep !== own && dep !== parent) this.add(dep, own);
        }
      }
    }
    return this.index.get(ref) ?? [];
  }
}

/** A parent whose children of one kind are the same on both sides. */
interface Deferred {
  differ: KindDiffer;
  children: ChildKind;
  from: Item;
  to: Item;
}

function* entriesOfKind(items: Map<string, Entry>, kind: string): Generator<Entry> {
  for (const e of items.values()) if (e.item.kind === kind) yield e;
}

/** How SQL names an object (`FUNCTION app.net(integer)`), with its kind. */
function sqlName(e: Entry): string {
  const target = e.differ.target?.(e.item);
  return `${e.item.kind}\u0000${target?.owner ?? target?.comment ?? e.item.ref}`;
}

/** The items of both sides, without copying them into one array first. */
function* itemsOf(...sides: Map<string, Entry>[]): Generator<Item> {
  for (const side of sides) for (const e of side.values()) yield e.item;
}

/**
 * Whether a model names owners and privileges anywhere: the diff compares
 * them only then. Callers that diff against the server's rendering of a
 * YAML file (which always has owners) pass the file's answer as options.
 */
export function namedAttributes(db: Database): Required<Pick<DiffOptions, "owners" | "privileges">> {
  const named = { owners: false, privileges: false };
  const scope = new Scope();
  for (const differ of registry) {
    for (const item of differ.items(db, scope)) {
      const value = item.value as { owner?: unknown; privileges?: unknown };
      named.owners ||= value.owner !== undefined;
      named.privileges ||= value.privileges !== undefined;
      if (named.owners && named.privileges) return named;
    }
  }
  return named;
}

/** What a model read from a database holds about the server, not the schema. */
const serverSide = new Set(["serverVersionNum", "dependencies", "partitionCopies"]);

/**
 * The two models describe the same schema: every attribute equal, leaving
 * out what describes the server rather than the schema (its version, the
 * recorded dependencies, the copies on partitions). `diffSchemas` finds nothing between such models
 * unless rename hints ask for renames; checking this first costs a
 * fraction of a diff (a YAML file that dbtoyaml wrote from the database
 * reads back equal to it).
 */
export function sameSchema(a: Database, b: Database): boolean {
  return everyKey(a, b, (key) => serverSide.has(key) || deepEqual(a[key as keyof Database], b[key as keyof Database]));
}

/** The reference of every object in a model (as `diffSchemas` names them in `Statement.object`). */
export function objectRefs(db: Database): Set<string> {
  return new Set(modelItems(db).map((item) => item.ref));
}

/** Every object of a model as the diff sees it, kind by kind. */
export function modelItems(db: Database): Item[] {
  const scope = new Scope();
  return registry.flatMap((differ) => differ.items(db, scope));
}

function someValue(items: Map<string, Entry>, test: (value: { owner?: unknown; privileges?: unknown }) => boolean): boolean {
  for (const e of items.values()) if (test(e.item.value as { owner?: unknown; privileges?: unknown })) return true;
  return false;
}

/** Looks up parents' entries, remembering the last: siblings (a table's columns) come one after another. */
function parentFinder(items: Map<string, Entry>): (ref: string | undefined) => Entry | undefined {
  let last: string | undefined;
  let found: Entry | undefined;
  return (ref) => {
    if (ref === undefined) return undefined;
    if (ref !== last) {
      last = ref;
      found = items.get(ref);
    }
    return found;
  };
}

/** Same owner, comment and privileges: `genericAlter` would find nothing to do (flattening privileges costs). */
function sameGeneric(from: Item, to: Item): boolean {
  const a = from.value as { owner?: unknown; description?: unknown; privileges?: unknown };
  const b = to.value as { owner?: unknown; description?: unknown; privileges?: unknown };
  return a.owner === b.owner && a.description === b.description && deepEqual(a.privileges, b.privileges);
}

/** A child needs its parent first (and is dropped before it). */
function withParent(statement: Statement, item: Item): Statement {
  if (item.parent === undefined || statement.requires?.includes(item.parent)) return statement;
  return { ...statement, requires: [...(statement.requires ?? []), item.parent] };
}

/** Depending on a relation means depending on its changes too (a view over an added column). */
function expandSoft(deps: string[]): string[] {
  return deps.flatMap((d) => [d, `${d}#changed`]);
}

/**
 * A foreign key whose columns and referenced columns both change type: it
 * is dropped around the change, as PostgreSQL checks the key's types after
 * each ALTER COLUMN TYPE (bigint to uuid on both ends fails half-way).
 */
function referencesRetyped(item: Item, retyped: ReadonlySet<string>): boolean {
  const key = item.value as { references?: { schema?: string; table: string; columns?: string[] } };
  if (item.kind !== "constraint" || key.references === undefined) return false;
  const { schema = item.schema, table, columns = [] } = key.references;
  return columns.some((c) => retyped.has(`column ${schema}.${table}.${c}`));
}

/**
 * Whether a kind must be re-created when a column it uses changes type:
 * everything that follows dependencies but constraints and indexes, which
 * PostgreSQL carries through ALTER COLUMN TYPE itself.
 */
function selectsColumns(kind: string | undefined): boolean {
  return kind !== "constraint" && kind !== "index";
}

/** `column app.t.c` -> `table app.t`, so dependents of the relation follow. */
function relationOfChild(entry: Entry | undefined): string | undefined {
  const item = entry?.item;
  return item?.kind === "column" ? item.parent : undefined;
}

/**
 * The renames a model asks for with `oldname`, as hints: they survive a
 * trip through the server (which knows no `oldname`).
 */
export function oldnameHints(db: Database): RenameHint[] {
  const hints: RenameHint[] = [];
  const scope = new Scope();
  for (const differ of registry) {
    for (const item of differ.items(db, scope)) {
      const oldname = (item.value as { oldname?: string } | null)?.oldname;
      if (oldname === undefined || !item.ref.endsWith(item.name)) continue;
      const path = item.ref.slice(item.kind.length + 1);
      hints.push({ kind: item.kind, from: path.slice(0, path.length - item.name.length) + oldname, to: path });
    }
  }
  return hints;
}
