import { isMap, isPair, isScalar, isSeq, Pair, Scalar, YAMLMap, YAMLSeq, type Schema } from "yaml";

/**
 * The library's node classes, instantiated without running their
 * constructors. Each constructor marks its node with an own symbol through
 * Object.defineProperty (collections their schema too), which was a fifth
 * of the time spent reading a large file. Here those marks sit once on a
 * prototype between the node and its class's prototype, so isScalar,
 * isMap, instanceof and every method see the same node. The marks are
 * read from a constructed sample and checked once: should the library
 * ever mark its nodes differently, the constructors are used instead, and
 * test/fast-nodes.test.ts fails to say so.
 */

/** The prototypes made below: a node whose prototype is one of them was made without its constructor. */
const markedPrototypes = new WeakSet<object>();

/**
 * Whether the factory made `node` without its class's constructor (the fast
 * path is on). Only tests ask: a library upgrade that changed how nodes are
 * marked would otherwise fall back to the constructors silently.
 */
export function madeWithoutConstructor(node: object): boolean {
  return markedPrototypes.has(Object.getPrototypeOf(node) as object) && Object.getOwnPropertySymbols(node).length === 0;
}

/** A prototype carrying `sample`'s own (non-enumerable) marks, or undefined if it would not pass `check`. */
function markedPrototype<T extends object>(sample: T, check: (node: unknown) => boolean): T | undefined {
  const marks: PropertyDescriptorMap = {};
  for (const key of Reflect.ownKeys(sample)) {
    const descriptor = Object.getOwnPropertyDescriptor(sample, key) as PropertyDescriptor;
    // Own enumerable fields (value, items, key) are set on each node; the marks are the others.
    if (!descriptor.enumerable) marks[key as string] = { ...descriptor, writable: true, configurable: true };
  }
  const prototype = Object.create(Object.getPrototypeOf(sample) as object, marks) as T;
  const probe = Object.create(prototype) as T;
  if (!check(probe) || !(probe instanceof (sample.constructor as new () => T))) return undefined;
  markedPrototypes.add(prototype);
  return prototype;
}

export function nodeFactory(schema: Schema) {
  const scalar = markedPrototype(new Scalar(null), isScalar);
  const pair = markedPrototype(new Pair(null), isPair);
  const map = markedPrototype(new YAMLMap(schema), (n) => isMap(n) && n.schema === schema);
  const seq = markedPrototype(new YAMLSeq(schema), (n) => isSeq(n) && n.schema === schema);
  return {
    scalar(value: unknown): Scalar {
      if (!scalar) return new Scalar(value);
      const node = Object.create(scalar) as Scalar;
      node.value = value;
      return node;
    },
    pair(key: unknown, value: unknown): Pair {
      if (!pair) return new Pair(key, value);
      const node = Object.create(pair) as Pair;
      node.key = key;
      node.value = value;
      return node;
    },
    /** A pair whose value is made each time it is read (and kept once it is set). */
    deferredPair(key: unknown, value: () => unknown): Pair {
      const node = this.pair(key, null);
      Object.defineProperty(node, "value", {
        get: value,
        set(this: Pair, next: unknown) {
          Object.defineProperty(this, "value", { value: next, writable: true, enumerable: true, configurable: true });
        },
        enumerable: true,
        configurable: true,
      });
      return node;
    },
    map(): YAMLMap {
      if (!map) return new YAMLMap(schema);
      const node = Object.create(map) as YAMLMap;
      node.items = [];
      return node;
    },
    seq(): YAMLSeq {
      if (!seq) return new YAMLSeq(schema);
      const node = Object.create(seq) as YAMLSeq;
      node.items = [];
      return node;
    },
  };
}
