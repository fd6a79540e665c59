import { statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { UsageError } from "./errors.js";

/**
 * Check, before anything changes, that `file` can be written: its folder
 * exists and it is not itself a folder. A command that applies a change
 * and then cannot write its report has already done the harm.
 */
export function checkOutputFile(file: string, flag = "-o"): void {
  const folder = dirname(resolve(file));
  const kind = (path: string) => {
    try {
      return statSync(path).isDirectory() ? "directory" : "file";
    } catch {
      return "missing";
    }
  };
  if (kind(folder) !== "directory") {
    throw new UsageError(`${flag} ${file}: the folder ${folder} does not exist`, { hints: ["create it first, or write elsewhere"] });
  }
  if (kind(file) === "directory") throw new UsageError(`${flag} ${file}: is a directory; give a file name`);
}
