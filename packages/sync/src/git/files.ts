/**
 * The files of a repository as one version of it sees them (the working
 * tree, or git's index), by repository-relative path with `/`.
 */
export interface RepoFiles {
  /** Every file under `dir` (repository-relative, recursive), sorted; [] when there is none. */
  list(dir: string): Promise<string[]>;
  read(path: string): Promise<string>;
  /** What `path` is in this version: a file, a directory (it has files under it) or nothing. */
  kind(path: string): Promise<"file" | "directory" | undefined>;
  /** Where a file is, for messages: the path itself, or `path (staged)`. */
  describe(path: string): string;
  close(): Promise<void>;
}

/** Is `path` the directory `dir` or inside it? (`.` holds everything.) */
export function isUnder(path: string, dir: string): boolean {
  return dir === "." || dir === "" || path === dir || path.startsWith(dir.endsWith("/") ? dir : `${dir}/`);
}
