import { ToolError } from "@pgvc/core";
import { CatFile } from "./catfile.js";
import { isUnder, type RepoFiles } from "./files.js";
import { runGit } from "./run.js";

/**
 * The files as git's index holds them (what the next commit will contain),
 * not as the working tree has them: a file changed after `git add` is read
 * as it was added. One `git ls-files -s` lists them and one
 * `git cat-file --batch` process reads their contents.
 */
export async function stagedFiles(root: string): Promise<RepoFiles> {
  const blobs = await indexEntries(root);
  const paths = [...blobs.keys()].sort();
  let catFile: CatFile | undefined;
  return {
    list: async (dir) => paths.filter((p) => isUnder(p, dir) && p !== dir),
    async read(path) {
      const id = blobs.get(path);
      if (id === undefined) throw new ToolError(`${path} is not in git's index`);
      catFile ??= new CatFile(root);
      return (await catFile.read(id)).toString("utf8");
    },
    async kind(path) {
      if (blobs.has(path)) return "file";
      return paths.some((p) => isUnder(p, path)) ? "directory" : undefined;
    },
    describe: (path) => `${path} (staged)`,
    close: async () => catFile?.close(),
  };
}

/** Path → blob id of every stage-0 file in the index (submodules left out). */
async function indexEntries(root: string): Promise<Map<string, string>> {
  const out = (await runGit(["ls-files", "-s", "-z"], root)).toString("utf8");
  const blobs = new Map<string, string>();
  const conflicted: string[] = [];
  for (const record of out.split("\0")) {
    const match = /^(\d{6}) ([0-9a-f]+) (\d)\t(.*)$/s.exec(record);
    if (!match) continue;
    const [, mode, id, stage, path] = match as unknown as [string, string, string, string, string];
    if (stage !== "0") conflicted.push(path);
    else if (mode !== "160000") blobs.set(path, id);
  }
  if (conflicted.length)
    throw new ToolError(`git's index has unresolved conflicts: ${[...new Set(conflicted)].join(", ")}`, {
      hints: ["resolve them and git add the files first"],
    });
  return blobs;
}
