/**
 * A small vocabulary for declaring attribute shapes once. TypeScript types
 * come from `Infer<S>`; `describe`/`check` walk the same declaration at run
 * time, so the YAML reader validates exactly what the types promise.
 */

export interface StringSpec {
  readonly t: "string";
}
export interface BooleanSpec {
  readonly t: "boolean";
}
export interface IntegerSpec {
  readonly t: "integer";
}
export interface NumberSpec {
  readonly t: "number";
}
export interface EnumSpec<V extends string = string> {
  readonly t: "enum";
  readonly values: readonly V[];
}
export interface NullableSpec<S extends Spec = Spec> {
  readonly t: "nullable";
  readonly inner: S;
}
export interface ListSpec<S extends Spec = Spec> {
  readonly t: "list";
  readonly item: S;
}
export interface MapSpec<S extends Spec = Spec> {
  readonly t: "map";
  readonly value: S;
}
/**
 * An ordered list of named entries. In YAML each entry is a one-key map
 * `- NAME: {attrs}`; in the model it is `{ name, ...attrs }`.
 */
export interface NamedListSpec<S extends ObjectSpec = ObjectSpec> {
  readonly t: "namedList";
  readonly entry: S;
}
export interface ObjectSpec<F extends Fields = Fields, R extends keyof F = keyof F> {
  readonly t: "object";
  readonly fields: F;
  readonly required: readonly R[];
  /** Attribute values left out of canonical output. */
  readonly defaults: Partial<Record<keyof F, unknown>>;
}
export interface UnionSpec<O extends readonly Spec[] = readonly Spec[]> {
  readonly t: "union";
  readonly options: O;
}

export type Spec =
  | StringSpec
  | BooleanSpec
  | IntegerSpec
  | NumberSpec
  | EnumSpec
  | NullableSpec
  | ListSpec
  | MapSpec
  | NamedListSpec
  | ObjectSpec
  | UnionSpec;

export type Fields = Record<string, Spec>;

type Simplify<T> = { [K in keyof T]: T[K] } & {};

export type Infer<S> = S extends StringSpec
  ? string
  : S extends BooleanSpec
    ? boolean
    : S extends IntegerSpec | NumberSpec
      ? number
      : S extends EnumSpec<infer V>
        ? V
        : S extends NullableSpec<infer I>
          ? Infer<I> | null
          : S extends ListSpec<infer I>
            ? Infer<I>[]
            : S extends MapSpec<infer V>
              ? Record<string, Infer<V>>
              : S extends NamedListSpec<infer E>
                ? ({ name: string } & Infer<E>)[]
                : S extends ObjectSpec<infer F, infer R>
                  ? Simplify<{ [K in R]: Infer<F[K]> } & { [K in Exclude<keyof F, R>]?: Infer<F[K]> }>
                  : S extends UnionSpec<infer O>
                    ? Infer<O[number]>
                    : never;

export const s = {
  string: (): StringSpec => ({ t: "string" }),
  boolean: (): BooleanSpec => ({ t: "boolean" }),
  integer: (): IntegerSpec => ({ t: "integer" }),
  number: (): NumberSpec => ({ t: "number" }),
  enum: <const V extends string>(values: readonly V[]): EnumSpec<V> => ({ t: "enum", values }),
  nullable: <S extends Spec>(inner: S): NullableSpec<S> => ({ t: "nullable", inner }),
  list: <S extends Spec>(item: S): ListSpec<S> => ({ t: "list", item }),
  map: <S extends Spec>(value: S): MapSpec<S> => ({ t: "map", value }),
  namedList: <S extends ObjectSpec>(entry: S): NamedListSpec<S> => ({ t: "namedList", entry }),
  union: <const O extends readonly Spec[]>(...options: O): UnionSpec<O> => ({ t: "union", options }),
  object: <F extends Fields, const R extends keyof F = never>(
    fields: F,
    options: { required?: readonly R[]; defaults?: Partial<Record<keyof F, unknown>> } = {},
  ): ObjectSpec<F, R> => ({ t: "object", fields, required: options.required ?? [], defaults: options.defaults ?? {} }),
};

/** Extend an object spec with more fields (shared attributes, additions). */
export function extend<F extends Fields, R extends keyof F, G extends Fields, Q extends keyof F | keyof G = never>(
  base: ObjectSpec<F, R>,
  fields: G,
  options: { required?: readonly Q[]; defaults?: Partial<Record<keyof F | keyof G, unknown>> } = {},
): ObjectSpec<Omit<F, keyof G> & G, Extract<Exclude<R, keyof G> | Q, keyof (Omit<F, keyof G> & G)>> {
  return {
    t: "object",
    fields: { ...base.fields, ...fields },
    required: [...base.required, ...(options.required ?? [])] as unknown as readonly Extract<
      Exclude<R, keyof G> | Q,
      keyof (Omit<F, keyof G> & G)
    >[],
    defaults: { ...base.defaults, ...options.defaults } as Partial<Record<keyof (Omit<F, keyof G> & G), unknown>>,
  };
}

/** What a spec expects, in words, for error messages. */
export function describeSpec(spec: Spec): string {
  switch (spec.t) {
    case "string":
    case "boolean":
    case "integer":
    case "number":
      return `${spec.t === "integer" ? "an" : "a"} ${spec.t}`;
    case "enum":
      return `one of ${spec.values.map((v) => JSON.stringify(v)).join(", ")}`;
    case "nullable":
      return `${describeSpec(spec.inner)} or null`;
    case "list":
      return `a list of ${describeSpec(spec.item).replace(/^an? /, "")}s`;
    case "map":
      return "a map";
    case "namedList":
      return "a list of one-key maps (- NAME: {...})";
    case "object":
      return "a map of attributes";
    case "union":
      return spec.options.map(describeSpec).join(" or ");
  }
}
