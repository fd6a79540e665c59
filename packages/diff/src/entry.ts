import type { AlterResult, Item, KindDiffer } from "./differ.js";

/**
 * One item in the engine's tables. A class with every field set in the
 * constructor: a large diff holds hundreds of thousands of these, and
 * adding fields to them later (as plain objects) made linking them slow.
 */
export class Entry {
  /** The same reference on the other side; set once renames are applied. */
  peer: Entry | undefined = undefined;
  /** The parent's entry on the same side. */
  up: Entry | undefined = undefined;
  /** Dropped and created again. */
  rebuilt = false;
  /** Made anew in place by its differ's alter (see `Replace`): comment, owner and grants as for a new object. */
  replaced = false;
  /** `gone` as of the rebuild count in `stamp`. */
  gone = false;
  stamp = -1;
  /** A new-side entry's alter result that depends on the two items alone (see the engine's `alter`). */
  settled: AlterResult | undefined = undefined;

  constructor(
    readonly item: Item,
    readonly differ: KindDiffer,
  ) {}
}
