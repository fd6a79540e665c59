import type { ESLint } from "eslint";

/** The pgvc packages each package may import, from docs/architecture.md's diagram. */
export function architectureLayers(text: string): Map<string, string[]>;
/** The names a package.json lets its package import. */
export function declaredDependencies(manifest: Record<string, unknown>): Set<string>;
/** `@scope/name/sub` -> `@scope/name`; `name/sub` -> `name`. */
export function packageOf(specifier: string): string;
/** What is wrong with importing `specifier` from `file` of the package in `packageDir`, or undefined. */
export function importProblem(specifier: string, file: string, packageDir: string, layers: Map<string, string[]>): string | undefined;
declare const plugin: ESLint.Plugin;
export default plugin;
