/**
 * A sequence's bounds, as pgvc's model holds them and as Pyrseas writes
 * them. In the model `null` is PostgreSQL's default for the sequence's
 * direction and type (NO MINVALUE / NO MAXVALUE: 1 and the type's maximum
 * going up, the type's minimum and -1 going down). Pyrseas's dbtoyaml writes
 * `null` only for a minimum of 1 and a maximum of bigint's maximum, and the
 * number otherwise (`max_value: 2147483647` for an integer sequence); its
 * yamltodb reads `null` as exactly those two values, so any other bound
 * written `null` gives `ALTER SEQUENCE ... NO MAXVALUE` on every run. The
 * writer writes Pyrseas's form, the reader reads both.
 */

const limits: Record<string, [min: number, max: number]> = {
  smallint: [-32768, 32767],
  integer: [-2147483648, 2147483647],
};

interface Bounds {
  data_type?: string | undefined;
  increment_by?: number | undefined;
  min_value?: number | null | undefined;
  max_value?: number | null | undefined;
}

/** The bounds PostgreSQL gives a sequence of this type and direction; bigint's are beyond a JavaScript number (undefined). */
function defaults(seq: Bounds): { min: number | undefined; max: number | undefined } {
  const type = limits[seq.data_type ?? "bigint"];
  const ascending = (seq.increment_by ?? 1) > 0;
  return ascending ? { min: 1, max: type?.[1] } : { min: type?.[0], max: -1 };
}

/** As Pyrseas writes them: the number, except a minimum of 1 and bigint's maximum (`null`). */
export function pyrseasBounds<T extends Bounds>(seq: T): T {
  if (seq.min_value === undefined && seq.max_value === undefined) return seq;
  const { min, max } = defaults(seq);
  const out = { ...seq };
  // bigint's own minimum (a descending bigint sequence) stays null: it is no JavaScript number.
  if (seq.min_value === null && min !== undefined) out.min_value = min === 1 ? null : min;
  if (seq.max_value === null && max !== undefined) out.max_value = max;
  return out;
}

/** A bound written as its default value (Pyrseas's form, or by hand) is the model's `null`. */
export function boundsAsRead(seq: Record<string, unknown>): void {
  const { min, max } = defaults(seq);
  if (seq.min_value !== undefined && seq.min_value === min) seq.min_value = null;
  if (seq.max_value !== undefined && seq.max_value === max) seq.max_value = null;
}
