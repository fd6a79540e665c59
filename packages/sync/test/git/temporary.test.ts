import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { sweepTemporaryFolders, temporaryFolder } from "../../src/git/temporary.js";

describe("temporary folders", () => {
  it("are swept once their process is gone, and kept while it lives", async () => {
    // A process id that just ended (reused only after the kernel wraps around).
    const gone = spawnSync(process.execPath, ["-e", ""]).pid;
    const orphan = join(tmpdir(), `pgvc-index-${gone}-test`);
    mkdirSync(orphan);
    const mine = await temporaryFolder("pgvc-tree-");
    try {
      expect(mine.startsWith(join(tmpdir(), `pgvc-tree-${process.pid}-`))).toBe(true);
      await sweepTemporaryFolders();
      expect(existsSync(orphan)).toBe(false);
      expect(existsSync(mine)).toBe(true);
    } finally {
      rmSync(orphan, { recursive: true, force: true });
      rmSync(mine, { recursive: true, force: true });
    }
  });
});
