import fc from "fast-check";
import {
  foreignDataWrapperSpec,
  schemaAttributesSpec,
  schemaKinds,
  serverSpec,
  topKinds,
  type Database,
  type ObjectSpec,
  type Spec,
} from "@pgvc/model";

/**
 * fast-check generators derived from the spec declarations: any model that
 * the types allow, with text chosen to stress the scalar rules (YAML 1.1
 * words, numbers, indicators, line breaks, trailing spaces, control characters).
 */

const tricky = fc.constantFrom(
  "yes",
  "No",
  "on",
  "OFF",
  "y",
  "n",
  "~",
  "null",
  "true",
  "1.3",
  "0123",
  "1e3",
  "0x1f",
  "1_000",
  "1:30",
  ".inf",
  "-1",
  "2024-01-01",
  "",
  " ",
  "a: b",
  "#x",
  "- x",
  "'q'",
  '"dq"',
  "x:",
  "*a",
  "&a",
  "!t",
  "%p",
  "@x",
  "`b`",
  "<<",
  "=",
  "---",
  "...",
  " SELECT 1\n   FROM t;",
  "a\nb\n",
  "a\nb\n\n",
  "\n",
  "x \ny",
  "tab\there",
  "cr\r\nlf",
  "bell\u0007",
  "nel\u0085x",
  "ls\u2028x",
  "bom\ufeff",
  "ünïcödé",
  "emoji 🐘",
  "nextval('s'::regclass)",
  "'ok'::app.mood",
);
const chars = fc.constantFrom(..."ab Z09_-:#'\"\n\t.,{}[]|>é\\");
export const text = fc.oneof(tricky, fc.string({ unit: chars, maxLength: 12 }), fc.string({ maxLength: 8 }));
export const name = fc.oneof(
  fc.constantFrom("a", "orders", "Mixed Case", "yes", "1col", "__proto__", "x.y", "é"),
  fc.string({ unit: chars, minLength: 1, maxLength: 8 }),
);

function arrayOf<T>(item: fc.Arbitrary<T>): fc.Arbitrary<T[]> {
  return fc.array(item, { maxLength: 3 });
}

function mapOf<T>(value: fc.Arbitrary<T>): fc.Arbitrary<Record<string, T>> {
  return fc.uniqueArray(fc.tuple(name, value), { maxLength: 3, selector: ([k]) => k }).map((entries) => {
    const out: Record<string, T> = {};
    for (const [k, v] of entries) Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
    return out;
  });
}

export function arbitraryOf(spec: Spec, depth = 0): fc.Arbitrary<unknown> {
  switch (spec.t) {
    case "string":
      return text;
    case "boolean":
      return fc.boolean();
    case "integer":
      return fc.integer({ min: -1_000_000, max: 1_000_000 });
    case "number":
      return fc.integer({ min: -10_000, max: 10_000 }).map((n) => n / 4);
    case "enum":
      return fc.constantFrom(...spec.values);
    case "nullable":
      return fc.option(arbitraryOf(spec.inner, depth), { nil: null });
    case "list":
      return arrayOf(arbitraryOf(spec.item, depth + 1));
    case "map":
      return mapOf(arbitraryOf(spec.value, depth + 1));
    case "namedList":
      return fc
        .uniqueArray(fc.tuple(name, objectOf(spec.entry, depth + 1)), { maxLength: 3, selector: ([n]) => n })
        .map((entries) => entries.map(([n, attrs]) => ({ name: n, ...attrs })));
    case "object":
      return objectOf(spec, depth);
    case "union":
      return fc.oneof(...spec.options.map((o) => arbitraryOf(o, depth)));
  }
}

export function objectOf(spec: ObjectSpec, depth = 0): fc.Arbitrary<Record<string, unknown>> {
  const fields = Object.fromEntries(
    Object.entries(spec.fields).map(([k, v]) => [
      k,
      depth > 3 && !spec.required.includes(k) ? fc.constant(undefined) : arbitraryOf(v, depth + 1),
    ]),
  );
  return fc
    .record(fields, { requiredKeys: spec.required as string[] })
    .map((r) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined)));
}

const schema = fc
  .tuple(
    objectOf(schemaAttributesSpec),
    fc
      .subarray([...schemaKinds], { maxLength: 3 })
      .chain((kinds) => fc.tuple(...kinds.map((kd) => mapOf(objectOf(kd.spec)).map((objects) => [kd.field, objects] as const)))),
  )
  .map(([attributes, collections]) => ({ ...attributes, ...Object.fromEntries(collections) }));

const fdw = fc.tuple(objectOf(foreignDataWrapperSpec), mapOf(objectOf(serverSpec))).map(([attrs, servers]) => ({ ...attrs, servers }));

export const database: fc.Arbitrary<Database> = fc
  .tuple(
    mapOf(schema),
    fc
      .subarray([...topKinds], { maxLength: 3 })
      .chain((kinds) =>
        fc.tuple(
          ...kinds.map((kd) =>
            mapOf(kd.field === "foreignDataWrappers" ? fdw : objectOf(kd.spec)).map((objects) => [kd.field, objects] as const),
          ),
        ),
      ),
  )
  .map(([schemas, collections]) => ({ schemas, ...Object.fromEntries(collections) }));
