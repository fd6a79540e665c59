/**
 * Globs over repository-relative `/` paths: `*` is any run of characters
 * but `/`, `?` one character but `/`, and `**` as a whole segment any
 * number of segments, none included (`a/**\/b` matches `a/b` and `a/x/y/b`).
 * Everything else matches itself.
 */
export function globToRegExp(glob: string): RegExp {
  const segments = glob.replace(/^\.\//, "").split("/");
  let source = "";
  segments.forEach((segment, i) => {
    const last = i === segments.length - 1;
    if (segment === "**") source += last ? ".*" : "(?:[^/]*/)*";
    else source += segmentSource(segment) + (last ? "" : "/");
  });
  return new RegExp(`^${source}$`);
}

function segmentSource(segment: string): string {
  let out = "";
  for (const ch of segment) {
    if (ch === "*") out += "[^/]*";
    else if (ch === "?") out += "[^/]";
    else out += ch.replace(/[\\^$.|+()[\]{}]/g, "\\$&");
  }
  // `**` inside a segment (`a**b`) is two stars: the same as one.
  return out;
}

/** The folder a glob's matches must be under: its segments before the first with a wildcard. */
export function globBase(glob: string): string {
  const segments = glob.replace(/^\.\//, "").split("/");
  const fixed: string[] = [];
  for (const segment of segments.slice(0, -1)) {
    if (/[*?]/.test(segment)) break;
    fixed.push(segment);
  }
  return fixed.join("/");
}

export function matchesGlob(path: string, glob: string): boolean {
  return globToRegExp(glob).test(path);
}
