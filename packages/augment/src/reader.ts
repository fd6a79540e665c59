import { isMap, isScalar, isSeq, type LineCounter, type Node, type Pair } from "yaml";
import { InputError, shorten, type SourceLocation } from "@pgvc/core";
import { didYouMean } from "./suggest.js";

/** A map entry of the spec: its key, its value node and where each is. */
export interface Entry {
  key: string;
  value: Node | null;
  /** Where the key is (for "unknown ..." problems). */
  keyAt: SourceLocation;
  /** Where the value is, or the key when there is none (for "wrong value" problems). */
  at: SourceLocation;
}

/**
 * Reads values out of the parsed spec, collecting every problem with its
 * file:line:col instead of stopping at the first.
 */
export class SpecReader {
  readonly problems: InputError[] = [];

  constructor(
    readonly file: string,
    private readonly lines: LineCounter,
  ) {}

  where(node: Node | null | undefined): SourceLocation {
    const offset = node?.range?.[0];
    if (offset === undefined) return { file: this.file };
    const { line, col } = this.lines.linePos(offset);
    return { file: this.file, line, column: col };
  }

  problem(at: SourceLocation, message: string, hints: string[] = []): undefined {
    this.problems.push(new InputError(message, { location: at, hints }));
    return undefined;
  }

  /** Every entry of a map (an empty value is an empty map). */
  entries(node: Node | null, what: string, at: SourceLocation): Entry[] {
    if (node === null || (isScalar(node) && node.value === null)) return [];
    if (!isMap(node)) return this.problem(at, `${what} must be a map; got ${describe(node)}`) ?? [];
    return (node.items as Pair<Node, Node | null>[]).map((pair) => {
      const keyAt = this.where(pair.key);
      const key = isScalar(pair.key) ? String(pair.key.value) : "";
      return { key, value: pair.value, keyAt, at: pair.value?.range ? this.where(pair.value) : keyAt };
    });
  }

  /** The entries of a map with a fixed set of keys; unknown keys are reported with a did-you-mean. */
  fields(entry: Entry, what: string, known: readonly string[]): Map<string, Entry> {
    const fields = new Map<string, Entry>();
    for (const field of this.entries(entry.value, what, entry.at)) {
      if (known.includes(field.key)) fields.set(field.key, field);
      else
        this.problem(field.keyAt, `unknown key "${shorten(field.key, 40)}" in ${what}${didYouMean(field.key, known)}`, [
          `expected one of: ${known.join(", ")}`,
        ]);
    }
    return fields;
  }

  string(field: Entry | undefined, what: string): string | undefined {
    if (field === undefined) return undefined;
    const { value } = field;
    if (isScalar(value) && (typeof value.value === "string" || typeof value.value === "number") && String(value.value).trim() !== "") {
      return String(value.value);
    }
    return this.problem(field.at, `${what} must be a non-empty string; got ${describe(value)}`);
  }

  boolean(field: Entry | undefined, what: string): boolean | undefined {
    if (field === undefined) return undefined;
    if (isScalar(field.value) && typeof field.value.value === "boolean") return field.value.value;
    return this.problem(field.at, `${what} must be true or false; got ${describe(field.value)}`);
  }

  /** A list of strings; a single string is a list of one. */
  strings(field: Entry | undefined, what: string): string[] | undefined {
    if (field === undefined) return undefined;
    if (isScalar(field.value) && typeof field.value.value === "string") return [field.value.value];
    if (!isSeq(field.value)) return this.problem(field.at, `${what} must be a list of names; got ${describe(field.value)}`);
    const out: string[] = [];
    for (const item of field.value.items as (Node | null)[]) {
      if (isScalar(item) && typeof item.value === "string" && item.value !== "") out.push(item.value);
      else this.problem(this.where(item), `each of ${what} must be a name; got ${describe(item)}`);
    }
    return out;
  }

  /** One of a fixed set of words, with a did-you-mean. */
  choice<T extends string>(field: Entry | undefined, what: string, choices: readonly T[]): T | undefined {
    const text = this.string(field, what);
    if (text === undefined || field === undefined) return undefined;
    if ((choices as readonly string[]).includes(text)) return text as T;
    return this.problem(field.at, `${what} "${shorten(text, 40)}" is not one of ${choices.join(", ")}${didYouMean(text, choices)}`);
  }
}

export function describe(node: Node | null | undefined): string {
  if (node === null || node === undefined) return "nothing";
  if (isMap(node)) return "a map";
  if (isSeq(node)) return "a list";
  if (isScalar(node)) {
    if (node.value === null) return "nothing";
    return typeof node.value === "string" ? JSON.stringify(shorten(node.value, 40)) : `${typeof node.value} ${String(node.value)}`;
  }
  return "an unexpected value";
}
