import type { Database } from "@pgvc/model";
import type { DiffScope } from "./differ.js";
import { Expressions } from "./normalize.js";

/** The `DiffScope` of one diff (or of one pass over a model's items outside a diff). */
export class Scope implements DiffScope {
  private readonly memos = new Map<Database, Map<string, unknown>>();

  constructor(readonly expressions: Expressions = new Expressions()) {}

  memo<T>(db: Database, key: string, build: () => T): T {
    let forDb = this.memos.get(db);
    if (forDb === undefined) this.memos.set(db, (forDb = new Map()));
    if (forDb.has(key)) return forDb.get(key) as T;
    const value = build();
    forDb.set(key, value);
    return value;
  }
}
