import { isMap, isScalar, isSeq, LineCounter, type Node, type Pair } from "yaml";
import { InputError, shorten, type SourceLocation } from "@pgvc/core";
import { SchemaInputError } from "@pgvc/yaml";
import { didYouMean } from "./suggest.js";

/** A map entry of the configuration: its value node and where its key is. */
export interface Field {
  key: string;
  value: Node | null;
  at: SourceLocation;
}

/**
 * Reads values out of the parsed configuration, collecting every problem
 * with its file:line:col instead of stopping at the first.
 */
export class ConfigReader {
  readonly problems: InputError[] = [];

  constructor(
    readonly file: string,
    private readonly lines: LineCounter,
  ) {}

  /** Every problem, in file order, as one error. */
  error(): SchemaInputError {
    const key = (e: InputError) => [e.location?.line ?? 0, e.location?.column ?? 0] as const;
    const sorted = [...this.problems].sort((a, b) => key(a)[0] - key(b)[0] || key(a)[1] - key(b)[1]);
    return new SchemaInputError(sorted);
  }

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

  /** The entries of a map, unknown keys reported with a did-you-mean. */
  fields(node: Node | null, what: string, known: readonly string[], at: SourceLocation): Map<string, Field> | undefined {
    if (!isMap(node)) return this.problem(at, `${what} must be a map of ${known.join(", ")}; got ${describe(node)}`);
    const fields = new Map<string, Field>();
    for (const pair of node.items as Pair<Node, Node | null>[]) {
      const key = isScalar(pair.key) ? String(pair.key.value) : "";
      const keyAt = this.where(pair.key);
      if (!known.includes(key)) {
        this.problem(keyAt, `unknown key "${shorten(key, 40)}" in ${what}${didYouMean(key, known)}`, [
          `expected one of: ${known.join(", ")}`,
        ]);
      } else {
        fields.set(key, { key, value: pair.value, at: pair.value ? this.where(pair.value) : keyAt });
      }
    }
    return fields;
  }

  string(field: Field | undefined, what: string): string | undefined {
    if (field === undefined) return undefined;
    const { value } = field;
    if (isScalar(value) && (typeof value.value === "string" || typeof value.value === "number") && String(value.value).trim() !== "") {
      return String(value.value);
    }
    return this.problem(field.at, `${what} must be a non-empty string; got ${describe(value)}`);
  }

  boolean(field: Field | undefined, what: string): boolean | undefined {
    if (field === undefined) return undefined;
    if (isScalar(field.value) && typeof field.value.value === "boolean") return field.value.value;
    return this.problem(field.at, `${what} must be true or false; got ${describe(field.value)}`);
  }

  integer(field: Field | undefined, what: string, min: number, max: number): number | undefined {
    if (field === undefined) return undefined;
    const value = isScalar(field.value) ? field.value.value : undefined;
    if (typeof value === "number" && Number.isInteger(value) && value >= min && value <= max) return value;
    return this.problem(field.at, `${what} must be a whole number from ${min} to ${max}; got ${describe(field.value)}`);
  }

  /** A list of strings; a single string is a list of one. */
  strings(field: Field | undefined, what: string): string[] | undefined {
    if (field === undefined) return undefined;
    if (isScalar(field.value) && typeof field.value.value === "string") return [field.value.value];
    if (!isSeq(field.value)) return this.problem(field.at, `${what} must be a list of strings; got ${describe(field.value)}`);
    const out: string[] = [];
    for (const item of field.value.items as (Node | null)[]) {
      if (isScalar(item) && typeof item.value === "string" && item.value !== "") out.push(item.value);
      else this.problem(this.where(item), `each of ${what} must be a string; got ${describe(item)}`);
    }
    return out;
  }

  /** One of a fixed set of words, with a did-you-mean. */
  choice<T extends string>(field: Field | undefined, what: string, choices: readonly T[]): T | undefined {
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
