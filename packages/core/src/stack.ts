import { readFileSync } from "node:fs";
import { SourceMap } from "node:module";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * `stack` with each frame in a command's bundle (`dist/bundle/NAME.js`)
 * pointing at the source line it was built from (`src/.../x.ts:12:5`),
 * through the bundle's `NAME.js.map`. Done only for an internal error, when
 * its stack is printed: `--enable-source-maps` would parse the maps at every
 * start, doubling a command's start-up. A frame without a map is kept.
 */
export function sourceMappedStack(stack: string): string {
  const maps = new Map<string, SourceMap | undefined>();
  return stack.replace(
    /((?:file:\/\/)?\/[^\s()]*\/dist\/bundle\/[\w-]+\.js):(\d+):(\d+)/g,
    (frame, file: string, line: string, column: string) => {
      const path = file.startsWith("file:") ? fileURLToPath(file) : file;
      if (!maps.has(path)) maps.set(path, readMap(`${path}.map`));
      const entry = maps.get(path)?.findEntry(Number(line) - 1, Number(column) - 1);
      if (entry === undefined || !("originalSource" in entry)) return frame;
      const source = entry.originalSource.startsWith("file:")
        ? fileURLToPath(entry.originalSource)
        : resolve(dirname(path), entry.originalSource);
      return `${source}:${entry.originalLine + 1}:${entry.originalColumn + 1}`;
    },
  );
}

function readMap(file: string): SourceMap | undefined {
  try {
    return new SourceMap(JSON.parse(readFileSync(file, "utf8")) as ConstructorParameters<typeof SourceMap>[0]);
  } catch {
    return undefined;
  }
}
