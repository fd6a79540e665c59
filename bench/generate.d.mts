export interface GeneratedTable {
  schema: string;
  name: string;
  qualified: string;
  /** The type of the single-column primary key `id`, or undefined for a composite key. */
  pkType: "bigint" | "integer" | undefined;
  keys: string[];
}

export interface GeneratedSchema {
  sql: string;
  statements: string[];
  roles: string[];
  tables: GeneratedTable[];
}

export const benchRoles: string[];
export function createRandom(seed: number): () => number;
export function schemaCount(n: number): number;
export function generateSchema(n: number, seed?: number): GeneratedSchema;
export function generateMutation(tables: GeneratedTable[], fraction?: number): string[];
