import type { Database } from "@pgvc/model";
import type { Expressions } from "./normalize.js";
import type { DiffOptions } from "./options.js";
import type { GenericFlags } from "./generic.js";
import type { Statement } from "./statement.js";

/**
 * One object of the model as the engine sees it: its reference, where it
 * lives, and its attributes as read from the model (YAML keys).
 */
export interface Item<T = unknown> {
  /** `table app.orders`, `column app.orders.status`, `index app.orders_idx`. */
  ref: string;
  /** The YAML kind prefix or child kind: `table`, `column`, `index`, `trigger`. */
  kind: string;
  schema?: string | undefined;
  /** For children of a relation (columns, constraints, indexes, triggers, ...): the relation's name. */
  table?: string | undefined;
  name: string;
  /** The parent's reference for children (a column's table); the schema for schema objects. */
  parent?: string | undefined;
  value: T;
  /**
   * Created by its parent's CREATE statement and dropped with it (a column
   * of a new table, a primary key). When the parent is created or dropped
   * the engine skips this item's own create or drop.
   */
  inline?: boolean;
  /**
   * Which form of its kind the object takes, when the value alone does not
   * say (a constraint's collection: `primary_key`, `foreign_keys` ...; a
   * sequence behind an identity column; a wrapper an extension made). Set by
   * the differ's `items`; a rename rewrites the value and keeps this.
   */
  form?: string | undefined;
}

/** How to name an object in the generic statements the engine writes for every kind. */
export interface SqlTarget {
  /** `TABLE app.orders` for COMMENT ON; absent when the kind has no comment. */
  comment?: string;
  /** `TABLE app.orders` for GRANT ... ON; absent when the kind has no privileges. */
  grant?: string;
  /** The object type name for expanding `all` (`table`, `sequence`, `function`). */
  privilegeType?: string;
  /** `TABLE app.orders` for ALTER ... OWNER TO; absent when the kind has no owner. */
  owner?: string;
  /**
   * Privileges a new object has before any GRANT, as PostgreSQL gives
   * them: PUBLIC execute on functions, PUBLIC usage on types and languages.
   */
  publicDefaults?: string[];
  /** Columns in GRANT: `GRANT SELECT (col) ON TABLE t`. */
  column?: string;
}

/**
 * What one diff lends its differs beyond the two models: how SQL text is
 * compared, and a place for values derived from a model (an index of
 * tables by parent, the tables of every schema) that several differs ask
 * for. Nothing in it outlives the diff, and nothing a differ keeps anywhere
 * else may change what a later diff prints.
 */
export interface DiffScope {
  readonly expressions: Expressions;
  /** `build()`'s result for `db` under `key`, built on first use and kept for this diff. */
  memo<T>(db: Database, key: string, build: () => T): T;
}

/** What the engine knows while differs run; lookups are by reference. */
export interface DiffContext extends DiffScope {
  readonly from: Database;
  readonly to: Database;
  /** The object on the old side (after renames) or the new side. */
  fromItem(ref: string): Item | undefined;
  toItem(ref: string): Item | undefined;
  /** The object, or its parent, is dropped (or dropped to be re-created) by this diff. */
  isDropped(ref: string): boolean;
  /** The object, or its parent, is created (or re-created) by this diff. */
  isCreated(ref: string): boolean;
  readonly options: Readonly<DiffOptions>;
  /** Whether owners and privileges are compared, for a differ that writes them for objects within its own (a foreign table's columns). */
  readonly genericFlags: Readonly<GenericFlags>;
}

/** How a kind's objects are found under their parents (see `KindDiffer.children`). */
export interface ChildKind<T = unknown> {
  /** The parents' kind (`table`); parents are collected before their children. */
  readonly parentKind: string;
  /** The children of one parent, in the order `items` lists them, with the references `items` gives. */
  of(parent: Item, scope: DiffScope): Item<T>[];
  /** The two versions of a parent hold the same children, so that none can differ (its `alter` finds nothing). */
  same(from: Item, to: Item, scope: DiffScope): boolean;
}

/** A differ may ask for the object to be dropped and created again. */
export interface Rebuild {
  rebuild: string;
}

/**
 * The object is made anew under its own name while what uses it moves over
 * (an enum that loses a label, a domain with a new base type: rename the
 * old one away, create the new, convert the columns, drop the old). The
 * engine gives the new object its comment, owner and grants as it does for
 * any new object.
 */
export interface Replace {
  replace: Statement[];
}

export type AlterResult = Statement[] | Rebuild | Replace;

/**
 * The differ of one object kind: how to find its objects in a model and
 * how to turn a difference into statements. Comments, owners and privileges
 * are handled by the engine for every kind through `target`; a differ
 * compares only its own attributes.
 */
export interface KindDiffer<T = unknown> {
  /** The kind of the items this differ returns (`table`, `column`, `trigger`). */
  readonly kind: string;
  /**
   * Objects of this kind are dropped and re-created when something they
   * depend on is dropped, re-created or changes type (views over a column).
   */
  readonly followsDependencies?: boolean;
  /** Every object of this kind in a model, in a deterministic order. */
  items(db: Database, scope: DiffScope): Item<T>[];
  /**
   * For a kind whose objects all live in their parent's value (a table's
   * columns): the engine lists the children of a parent that is the same
   * on both sides only when something asks for one of them.
   */
  readonly children?: ChildKind<T>;
  create(item: Item<T>, ctx: DiffContext): Statement[];
  drop(item: Item<T>, ctx: DiffContext): Statement[];
  /** Statements that turn `from` into `to` (both present, same reference), a rebuild request, or a replacement in place. */
  alter(from: Item<T>, to: Item<T>, ctx: DiffContext): AlterResult;
  /** ALTER ... RENAME; absent when the kind cannot be renamed (then the engine drops and creates). */
  rename?(from: Item<T>, to: Item<T>, ctx: DiffContext): Statement[];
  /** Names for COMMENT ON / GRANT / OWNER TO; absent: the engine writes none for this kind. */
  target?(item: Item<T>): SqlTarget;
  /**
   * References this object depends on beyond what the engine infers (its
   * schema, its parent, qualified names in its text, `depends_on`, the
   * model's recorded dependencies).
   */
  dependencies?(item: Item<T>, db: Database, scope: DiffScope): string[];
  /**
   * The kinds of the references `dependencies` returns, when they are
   * always among these: the engine then works them out only when it looks
   * for what depends on an object of one of these kinds.
   */
  readonly dependencyKinds?: readonly string[];
}
