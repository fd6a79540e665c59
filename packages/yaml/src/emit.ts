import { isMap, isScalar, isSeq, Scalar, type Node } from "yaml";
import { compareCodePoints, conforms, type ObjectSpec, type Spec } from "@pgvc/model";
import { numberKeyedMaps, yamlKeyOf } from "./layout.js";
import { blockLiteral, inlineStyle, valueStyle } from "./scalars.js";

/**
 * The canonical text written directly, without building the yaml library's
 * document tree: for a large database that tree costs gigabytes and grows
 * slower than linearly to print. The layout rules are the library's, with
 * the options in `toStringOptions` (2-space indent, sequences not indented
 * under their key, no folding, JSON escapes in double quotes), so the bytes
 * are the same; the styles are chosen by the same rules (`scalars.ts`).
 *
 * A value is resolved one level at a time (a map's entries, a list's items,
 * or a scalar's text), so only the path being written is held in memory.
 */

/** A value to write, resolved when it is reached. */
export type Lazy = () => Resolved;
export type EmitEntry = [key: string | number, value: Lazy];
type Resolved = { map: EmitEntry[] } | { seq: Lazy[] } | { scalar: string; style?: Scalar.Type };

/** Collects output in chunks of about 64 KiB and hands them to `sink`. */
export class Writer {
  private buffer = "";

  constructor(private readonly sink: (chunk: string) => void) {}

  write(text: string): void {
    this.buffer += text;
    if (this.buffer.length >= 65536) this.flush();
  }

  flush(): void {
    if (this.buffer.length === 0) return;
    this.sink(this.buffer);
    this.buffer = "";
  }
}

/** A whole document whose top level is a map of `entries`. */
export function emitDocument(entries: EmitEntry[], out: Writer): void {
  writeResolved({ map: entries }, "", out);
  out.write("\n");
  out.flush();
}

/** Sorted as the writer sorts keys: code point order, or numeric order for number keys. */
function sortEntries(entries: EmitEntry[]): EmitEntry[] {
  return entries.sort(([a], [b]) => (typeof a === "number" && typeof b === "number" ? a - b : compareCodePoints(String(a), String(b))));
}

function writeResolved(value: Resolved, indent: string, out: Writer): void {
  if ("scalar" in value) {
    out.write(value.style === undefined ? value.scalar : renderString(value.scalar, value.style, indent));
  } else if ("map" in value) {
    if (value.map.length === 0) return out.write("{}");
    sortEntries(value.map).forEach(([key, lazy], i) => {
      if (i > 0) out.write(`\n${indent}`);
      writePair(key, lazy(), indent, out);
    });
  } else {
    if (value.seq.length === 0) return out.write("[]");
    value.seq.forEach((lazy, i) => {
      out.write(i > 0 ? `\n${indent}- ` : "- ");
      writeResolved(lazy(), `${indent}  `, out);
    });
  }
}

/** `key: value` as the library writes a pair in a block map indented by `indent`. */
function writePair(key: string | number, value: Resolved, indent: string, out: Writer): void {
  const keyText = typeof key === "number" ? renderNumber(key) : renderString(key, inlineStyle(key), `${indent}  `);
  const collection = !("scalar" in value);
  const nonEmpty = "map" in value ? value.map.length > 0 : "seq" in value && value.seq.length > 0;
  if (keyText.length > 1024) {
    // Longer keys are written explicitly (`? key` then `: value`).
    out.write(`? ${keyText}\n${indent}: `);
    return writeResolved(value, `${indent}  `, out);
  }
  // A block list under a key is not indented: `- ` counts as indentation.
  const valueIndent = "seq" in value && nonEmpty ? indent : `${indent}  `;
  out.write(`${keyText}:${collection && nonEmpty ? `\n${valueIndent}` : " "}`);
  writeResolved(value, valueIndent, out);
}

function renderString(text: string, style: Scalar.Type, indent: string): string {
  switch (style) {
    case Scalar.PLAIN:
      return text;
    case Scalar.QUOTE_SINGLE:
      return `'${text.replaceAll("'", "''")}'`;
    case Scalar.BLOCK_LITERAL:
      return blockLiteral(text, indent);
    default:
      return JSON.stringify(text);
  }
}

function renderNumber(value: number): string {
  if (Number.isNaN(value)) return ".nan";
  if (!Number.isFinite(value)) return value < 0 ? "-.inf" : ".inf";
  return Object.is(value, -0) ? "-0" : JSON.stringify(value);
}

/** An object's attributes as entries, keyed as YAML names them. */
export function objectEntries(spec: ObjectSpec, value: Record<string, unknown>): EmitEntry[] {
  const entries: EmitEntry[] = [];
  for (const [field, v] of Object.entries(value)) {
    if (v === undefined) continue;
    const fieldSpec = spec.fields[field];
    if (!fieldSpec) throw new Error(`the model holds an attribute no kind declares: ${JSON.stringify(field)}`);
    entries.push([yamlKeyOf(spec, field), () => resolveValue(fieldSpec, v)]);
  }
  return entries;
}

export function objectValue(spec: ObjectSpec, value: Record<string, unknown>): Lazy {
  return () => ({ map: objectEntries(spec, value) });
}

const numericKey = /^(?:0|[1-9][0-9]{0,14})$/;

function resolveValue(spec: Spec, value: unknown): Resolved {
  switch (spec.t) {
    case "string":
    case "enum": {
      const text = String(value);
      return { scalar: text, style: valueStyle(text) };
    }
    case "boolean":
      return { scalar: value ? "true" : "false" };
    case "integer":
    case "number":
      return { scalar: renderNumber(value as number) };
    case "nullable":
      return value === null ? { scalar: "null" } : resolveValue(spec.inner, value);
    case "list":
      return { seq: (value as unknown[]).map((item) => () => resolveValue(spec.item, item)) };
    case "map": {
      const entries = Object.entries(value as Record<string, unknown>);
      // Operator class strategies and support functions: YAML integers, as Pyrseas writes them.
      const numbered = numberKeyedMaps.has(spec) && entries.every(([k]) => numericKey.test(k));
      return { map: entries.map(([k, v]) => [numbered ? Number(k) : k, () => resolveValue(spec.value, v)]) };
    }
    case "namedList":
      return {
        seq: (value as Record<string, unknown>[]).map(({ name, ...attrs }) => () => ({
          map: [[String(name), objectValue(spec.entry, attrs)] as EmitEntry],
        })),
      };
    case "object":
      return { map: objectEntries(spec, value as Record<string, unknown>) };
    case "union": {
      const option = spec.options.find((o) => conforms(o, value));
      if (!option) throw new Error(`a model value fits none of its declared forms: ${JSON.stringify(value)}`);
      return resolveValue(option, value);
    }
  }
}

/**
 * A node tree built for the yaml library (`write.ts`'s `mapNode`,
 * `objectNode`, ... as the multiple-files layout uses them), written by
 * this emitter: its maps are sorted already and its scalars carry their style.
 */
export function nodeValue(node: Node): Resolved {
  if (isMap(node)) {
    return {
      map: node.items.map((pair) => {
        const key = (pair.key as Scalar).value;
        return [typeof key === "number" ? key : String(key), () => nodeValue(pair.value as Node)];
      }),
    };
  }
  if (isSeq(node)) return { seq: node.items.map((item) => () => nodeValue(item as Node)) };
  const value = isScalar(node) ? node.value : node;
  if (typeof value === "string") return { scalar: value, style: (node as Scalar).type ?? Scalar.PLAIN };
  if (typeof value === "number") return { scalar: renderNumber(value) };
  if (typeof value === "boolean") return { scalar: value ? "true" : "false" };
  if (value === null || value === undefined) return { scalar: "null" };
  throw new Error(`a YAML node the writer does not make: ${JSON.stringify(value)}`);
}
