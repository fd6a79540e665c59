import { spawnSync } from "node:child_process";
import { accessSync, constants, statSync } from "node:fs";
import { dirname } from "node:path";
import { ToolError } from "@pgvc/core";

/** The user a server runs as: the caller's own (empty), or an unprivileged one when the caller is root. */
export interface RunAs {
  uid?: number;
  gid?: number;
}

export const serverUser = "postgres";

/** PostgreSQL refuses to run as root: as root, run it as the `postgres` system user, made if missing. */
export function unprivilegedUser(): RunAs {
  if (process.getuid?.() !== 0) return {};
  const lookup = () => spawnSync("id", ["-u", serverUser], { encoding: "utf8" });
  let uid = lookup();
  if (uid.status !== 0) {
    spawnSync("useradd", ["--system", "--no-create-home", "--shell", "/usr/sbin/nologin", serverUser]);
    uid = lookup();
  }
  const gid = spawnSync("id", ["-g", serverUser], { encoding: "utf8" });
  if (uid.status !== 0 || gid.status !== 0) {
    throw new ToolError(`running as root, and no '${serverUser}' user could be found or created to run PostgreSQL`, {
      hints: [`PostgreSQL refuses to run as root; create the user (useradd --system ${serverUser}) or run pgvc as another user`],
    });
  }
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

/** Can another user reach `path`: is every folder up to the root searchable by others? */
export function traversableByOthers(path: string): boolean {
  let dir = path;
  while (dir !== dirname(dir)) {
    try {
      accessSync(dir, constants.R_OK);
      if ((statSync(dir).mode & 0o001) === 0) return false;
    } catch {
      return false;
    }
    dir = dirname(dir);
  }
  return true;
}

export function pidAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
