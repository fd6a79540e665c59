import { isAlias, isMap, isScalar, isSeq, type Document, type LineCounter, type Node, type Pair, type YAMLMap } from "yaml";
import { InputError, shorten, type SourceLocation } from "@pgvc/core";
import { describeSpec, viewSpec, type ObjectSpec, type Spec } from "@pgvc/model";
import { fieldOfYamlKey, yamlKeysOf } from "./layout.js";
import { isPgvcOnlyKey } from "./dialect.js";
import { combineProblems } from "./problems.js";
import { closest, didYouMean } from "./suggest.js";

/**
 * Values Pyrseas writes in its own words: a cast's `method: binary coercible`
 * is pgvc's `binary`; an event trigger's `enabled: true` is `origin`, `false` `disabled`.
 */
const pyrseasSpellings = new Map([
  ["binary coercible", "binary"],
  ["true", "origin"],
  ["false", "disabled"],
]);

/**
 * A view's (and materialized view's) column: Pyrseas writes the collation of
 * one over a collated column, which follows from the query and cannot be set;
 * it is read and left out.
 */
const viewColumn: ObjectSpec = viewSpec.fields.columns.entry;

const bigintLimits = new Set(["9223372036854775807", "-9223372036854775808"]);

/** bigint's own limit, which pgvc writes `null` (the type's limit) and cannot hold as a number. */
function isBigintLimit(node: Node | null): boolean {
  return isScalar(node) && typeof node.value !== "string" && bigintLimits.has(String(node.value));
}

/**
 * Reads YAML nodes against a spec, building model values and collecting
 * every problem with the line and column of the node at fault, so a user
 * fixes a whole file in one pass.
 */
export class NodeReader {
  readonly problems: InputError[] = [];
  /** Where a key is repeated in its map (already reported). */
  readonly duplicateKeys = new Set<number>();
  /** A key or kind that only pgvc writes was read (the file is not in Pyrseas's dialect). */
  pgvcKeys = false;

  constructor(
    readonly file: string,
    private readonly doc: Document,
    private readonly lines: LineCounter,
  ) {}

  location(offset: number): SourceLocation {
    const { line, col } = this.lines.linePos(offset);
    return { file: this.file, line, column: col };
  }

  report(message: string, offset: number, hints: string[] = []): undefined {
    this.problems.push(new InputError(message, { location: this.location(offset), hints }));
    return undefined;
  }

  resolve(node: unknown): Node | null {
    if (isAlias(node)) return (node.resolve(this.doc) as Node | undefined) ?? null;
    return (node ?? null) as Node | null;
  }

  /** Where a node starts; `fallback` (its key) when the value is empty. */
  offsetOf(node: unknown, fallback: number): number {
    const range = (node as Node | null)?.range;
    // An empty value (`type:`) has no text of its own: point at its key.
    return range && range[1] > range[0] ? range[0] : fallback;
  }

  /**
   * A map's pairs with YAML 1.1 merge keys (`<<: *base`) expanded, as
   * PyYAML reads them: keys written in the map win over merged ones, and
   * earlier merged maps win over later ones.
   */
  pairsOf(map: YAMLMap): Pair[] {
    const taken = new Set<unknown>();
    let merges: Pair[] | undefined;
    for (const pair of map.items) {
      if (this.isMergeKey(pair)) {
        (merges ??= []).push(pair);
        continue;
      }
      const key = this.keyOf(pair);
      if (taken.has(key)) this.duplicateKey(pair);
      taken.add(key);
    }
    // Nearly every map has no merge key: its own pairs, as they are.
    if (merges === undefined) return map.items;
    const own = map.items.filter((pair) => !merges.includes(pair));
    const merged: Pair[] = [];
    for (const pair of merges) {
      const value = this.resolve(pair.value);
      const sources = isSeq(value) ? value.items.map((item) => this.resolve(item)) : [value];
      for (const source of sources) {
        if (!isMap(source)) {
          this.report(
            `a merge key (<<) takes a map or a list of maps, received ${this.received(source)}`,
            this.offsetOf(source, this.offsetOf(pair.key, 0)),
          );
          continue;
        }
        for (const inner of this.pairsOf(source)) {
          const key = this.keyOf(inner);
          if (!taken.has(key)) {
            taken.add(key);
            merged.push(inner);
          }
        }
      }
    }
    return [...merged, ...own];
  }

  /**
   * A key repeated in its map, found here in one pass (the parser's own
   * check compares every key with every other, which a schema of thousands
   * of tables makes slow).
   */
  private duplicateKey(pair: Pair): void {
    const at = this.offsetOf(pair.key, 0);
    if (this.duplicateKeys.has(at)) return;
    this.duplicateKeys.add(at);
    this.report("duplicate key: each key may appear once in a map", at);
  }

  private isMergeKey(pair: Pair): boolean {
    const key = this.resolve(pair.key);
    return isScalar(key) && (key.source === "<<" || key.value === "<<") && key.type === "PLAIN";
  }

  private keyOf(pair: Pair): unknown {
    const key = this.resolve(pair.key);
    return isScalar(key) ? key.value : key;
  }

  /** A map key as text; a key that YAML reads as a number, boolean, date or null keeps its written spelling. */
  keyText(pair: Pair): string | undefined {
    const key = this.resolve(pair.key);
    if (isScalar(key)) {
      if (typeof key.value === "string") return key.value;
      if (key.source) return key.source;
    }
    this.report("a key here must be a name (text), not a list, a map or nothing", this.offsetOf(key, 0));
    return undefined;
  }

  isNull(raw: unknown): boolean {
    const node = this.resolve(raw);
    return node === null || (isScalar(node) && node.value === null);
  }

  received(node: Node | null): string {
    if (node === null || (isScalar(node) && node.value === null)) return "nothing (null)";
    if (isSeq(node)) return "a list";
    if (isMap(node)) return "a map";
    if (isScalar(node)) {
      return typeof node.value === "string" ? JSON.stringify(shorten(node.value, 40)) : shorten(node.source ?? String(node.value), 40);
    }
    return "an unsupported YAML node";
  }

  mismatch(spec: Spec, node: Node | null, at: number): undefined {
    return this.report(`expected ${describeSpec(spec)}, received ${this.received(node)}`, this.offsetOf(node, at));
  }

  /** Read one value of `spec`; undefined after reporting a problem. `at` is the key's offset. */
  read(spec: Spec, raw: unknown, at: number): unknown {
    const node = this.resolve(raw);
    switch (spec.t) {
      case "string":
        return this.readString(node, at);
      case "boolean":
        return isScalar(node) && typeof node.value === "boolean" ? node.value : this.mismatch(spec, node, at);
      case "integer":
        return isScalar(node) && typeof node.value === "bigint" ? this.readInteger(node.value, node, at) : this.mismatch(spec, node, at);
      case "number":
        if (isScalar(node) && typeof node.value === "bigint") return this.readInteger(node.value, node, at);
        return isScalar(node) && typeof node.value === "number" && Number.isFinite(node.value) ? node.value : this.mismatch(spec, node, at);
      case "enum":
        return this.readEnum(spec.values, node, at);
      case "nullable":
        return node === null || (isScalar(node) && node.value === null) ? null : this.read(spec.inner, node, at);
      case "list":
        if (!isSeq(node)) return this.mismatch(spec, node, at);
        return this.collect(node.items.map((item) => this.read(spec.item, item, this.offsetOf(item, at))));
      case "map":
        return this.readMap(spec.value, node, at);
      case "namedList":
        return this.readNamedList(spec.entry, node, at);
      case "object":
        return this.readObject(spec, node, at);
      case "union":
        return this.readUnion(spec.options, node, at);
    }
  }

  private collect(items: unknown[]): unknown[] | undefined {
    return items.includes(undefined) ? undefined : items;
  }

  /** Integers are parsed exactly; one that a JavaScript number cannot hold is refused rather than rounded. */
  private readInteger(value: bigint, node: Node, at: number): number | undefined {
    if (value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= BigInt(Number.MIN_SAFE_INTEGER)) return Number(value);
    return this.report(
      `integer ${String(value)} is beyond what pgvc holds exactly (±${Number.MAX_SAFE_INTEGER}); for a sequence bound at the type's limit write null`,
      this.offsetOf(node, at),
    );
  }

  private readString(node: Node | null, at: number): string | undefined {
    if (!isScalar(node) || node.value === null) return this.mismatch({ t: "string" }, node, at);
    if (typeof node.value === "string") return node.value;
    // A plain 0, 1.3 or 2024-01-01 where text is meant: keep what was written.
    return node.source ?? String(node.value);
  }

  private readEnum(values: readonly string[], node: Node | null, at: number): string | undefined {
    const text = isScalar(node) && node.value !== null ? String(node.source ?? node.value) : undefined;
    if (text !== undefined && values.includes(text)) return text;
    const word = isScalar(node) && typeof node.value === "boolean" ? String(node.value) : text;
    const spelled = word === undefined ? undefined : pyrseasSpellings.get(word);
    if (spelled !== undefined && values.includes(spelled)) return spelled;
    const expected = `expected one of ${values.map((v) => JSON.stringify(v)).join(", ")}, received ${this.received(node)}`;
    return this.report(expected + (text === undefined ? "" : didYouMean(text, values)), this.offsetOf(node, at));
  }

  private readMap(valueSpec: Spec, node: Node | null, at: number): Record<string, unknown> | undefined {
    if (!isMap(node)) return this.mismatch({ t: "map", value: valueSpec }, node, at);
    const out: Record<string, unknown> = {};
    let ok = true;
    for (const pair of this.pairsOf(node)) {
      const key = this.keyText(pair);
      const value = this.read(valueSpec, pair.value, this.offsetOf(pair.key, at));
      if (key === undefined || value === undefined) ok = false;
      else setEntry(out, key, value);
    }
    return ok ? out : undefined;
  }

  private readNamedList(entry: ObjectSpec, node: Node | null, at: number): Record<string, unknown>[] | undefined {
    if (!isSeq(node)) return this.mismatch({ t: "namedList", entry }, node, at);
    const names = new Set<string>();
    const items = node.items.map((raw) => {
      const item = this.resolve(raw);
      if (!isMap(item) || item.items.length !== 1) {
        return this.report(`expected a one-key map "- NAME: {...}", received ${this.received(item)}`, this.offsetOf(item, at));
      }
      const pair = item.items[0] as Pair;
      const name = this.keyText(pair);
      const value = this.resolve(pair.value);
      const keyAt = this.offsetOf(pair.key, at);
      if (name !== undefined && names.has(name)) return this.report(`duplicate name "${name}": each may appear once in this list`, keyAt);
      if (name !== undefined) names.add(name);
      // Pyrseas accepts the shorthand `- name: integer` for `- name: {type: integer}`.
      if (isScalar(value) && value.value !== null && "type" in entry.fields) {
        const type = this.readString(value, keyAt);
        return name === undefined || type === undefined ? undefined : { name, type };
      }
      const attrs = this.readObject(entry, value, keyAt, `"${name ?? ""}"`);
      return name === undefined || attrs === undefined ? undefined : { name, ...attrs };
    });
    return this.collect(items) as Record<string, unknown>[] | undefined;
  }

  /**
   * Read an object's attributes. `other` may claim keys that are not
   * attributes (nested objects such as `table NAME` in a schema); it returns
   * false for keys it does not know.
   */
  readObject(
    spec: ObjectSpec,
    raw: unknown,
    at: number,
    label = "",
    other?: (key: string, pair: Pair, keyAt: number) => boolean,
  ): Record<string, unknown> | undefined {
    const node = this.resolve(raw);
    if (node !== null && !(isScalar(node) && node.value === null) && !isMap(node)) return this.mismatch(spec, node, at);
    const out: Record<string, unknown> = {};
    const seen = new Set<string>();
    let ok = true;
    for (const pair of node === null || !isMap(node) ? [] : this.pairsOf(node)) {
      const key = this.keyText(pair);
      const keyAt = this.offsetOf(pair.key, at);
      if (key === undefined) {
        ok = false;
        continue;
      }
      const field = fieldOfYamlKey(spec, key);
      if (field === undefined) {
        if (key === "collation" && spec === viewColumn) continue;
        if (!other?.(key, pair, keyAt)) {
          ok = this.unknownAttribute(spec, key, label, keyAt);
          // A misspelt required attribute is reported once, as misspelt.
          const meant = closest(key, yamlKeysOf(spec));
          if (meant !== undefined) seen.add(fieldOfYamlKey(spec, meant) ?? meant);
        }
        continue;
      }
      const fieldSpec = spec.fields[field] as Spec;
      if (!this.pgvcKeys && isPgvcOnlyKey(spec, key)) this.pgvcKeys = true;
      // `description:` with no value means "not set" to PyYAML-based tools: treat it as absent.
      // Read once: the canonical reader makes some values anew on each read.
      const raw = pair.value;
      if (this.isNull(raw) && fieldSpec.t !== "nullable" && !spec.required.includes(field)) continue;
      seen.add(field);
      if ((field === "min_value" || field === "max_value") && isBigintLimit(this.resolve(raw))) {
        // Pyrseas writes a descending bigint sequence's bound at the type's limit as the number.
        out[field] = null;
        continue;
      }
      const value = this.read(fieldSpec, raw, keyAt);
      if (value === undefined) ok = false;
      // `privileges: []` is how Pyrseas writes "no explicit grants" (a NULL ACL): the default, as if absent.
      else if (!(field === "privileges" && Array.isArray(value) && value.length === 0)) out[field] = value;
    }
    for (const required of spec.required as string[]) {
      if (!seen.has(required)) {
        ok = this.report(`missing required attribute "${required}"${label ? ` in ${label}` : ""}`, at) ?? false;
      }
    }
    return ok ? out : undefined;
  }

  private unknownAttribute(spec: ObjectSpec, key: string, label: string, at: number): false {
    const where = label ? ` in ${label}` : "";
    this.report(`unknown attribute "${key}"${where}${didYouMean(key, yamlKeysOf(spec))}`, at, [
      `known attributes: ${yamlKeysOf(spec).sort().join(", ")}`,
    ]);
    return false;
  }

  private readUnion(options: readonly Spec[], node: Node | null, at: number): unknown {
    const fitting = options.filter((o) => shapeFits(o, node));
    if (fitting.length === 1) return this.read(fitting[0] as Spec, node, at);
    for (const option of fitting) {
      const trial = new NodeReader(this.file, this.doc, this.lines);
      const value = trial.read(option, node, at);
      if (value !== undefined && trial.problems.length === 0) return value;
    }
    return this.mismatch({ t: "union", options }, node, at);
  }

  /** Throw one InputError listing every problem: the first as its message, the rest as hints. */
  throwIfProblems(): void {
    if (this.problems.length === 0) return;
    throw combineProblems(this.problems);
  }
}

/** Set a key that came from the file: defined as an own property, so `__proto__` is a name like any other. */
export function setEntry(target: Record<string, unknown>, key: string, value: unknown): void {
  // Only `__proto__` assigns differently from a definition on a plain object; the rest take the faster assignment.
  if (key === "__proto__") Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

function shapeFits(spec: Spec, node: Node | null): boolean {
  switch (spec.t) {
    case "list":
    case "namedList":
      return isSeq(node);
    case "map":
    case "object":
      return isMap(node);
    case "nullable":
      return node === null || (isScalar(node) && node.value === null) || shapeFits(spec.inner, node);
    case "union":
      return spec.options.some((o) => shapeFits(o, node));
    default:
      return isScalar(node);
  }
}
