import { existsSync, readFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import type { Changes } from "./changes.js";
import { hooksDir } from "./git.js";

export const blockStart = "# >>> pgvc >>>";
const blockEnd = "# <<< pgvc <<<";

/** The lines `pgvc init` adds to a plain pre-commit hook: they need nothing but pgvc on PATH. */
export function hookBlock(): string {
  return [
    `${blockStart} schema.yaml and the migrations must agree (written by pgvc init; docs/hooks.md)`,
    "if ! command -v pgvc >/dev/null 2>&1; then",
    '  echo "pre-commit: pgvc is not on PATH: install it (or skip this check once: git commit --no-verify)" >&2',
    "  exit 1",
    "fi",
    "pgvc check --staged || exit $?",
    blockEnd,
    "",
  ].join("\n");
}

/**
 * The plain git hook: `pre-commit` in the folder git runs hooks from. An
 * existing hook gains the block at its end, unless it ends the script
 * itself (`exit`, `exec`) or is not a shell script: then nothing is
 * written and the user is told what to add.
 */
export async function installGitHook(changes: Changes): Promise<void> {
  const { dir } = await hooksDir(changes.root);
  // husky 9 points core.hooksPath at DIR/_, whose scripts run DIR/pre-commit.
  const target = basename(dir) === "_" && existsSync(join(dir, "h")) ? join(dirname(dir), "pre-commit") : join(dir, "pre-commit");
  if (!existsSync(target)) {
    changes.create(target, `#!/bin/sh\n${hookBlock()}`, "the pre-commit hook: pgvc check --staged", true);
    return;
  }
  const text = readFileSync(target, "utf8");
  if (text.includes(blockStart) || /\bpgvc check\b/.test(text)) {
    changes.keep(target, "the pre-commit hook already runs pgvc check");
    return;
  }
  const reason = whyNotAppendable(text);
  if (reason) {
    changes.refuse(target, `an existing pre-commit hook ${reason}: left as it is`, [
      "add this where the hook still runs (before it exits):",
      ...hookBlock()
        .trimEnd()
        .split("\n")
        .map((l) => `  ${l}`),
    ]);
    return;
  }
  changes.append(
    target,
    `${text.endsWith("\n") ? "\n" : "\n\n"}${hookBlock()}`,
    "the pre-commit hook gained a marked pgvc block at its end",
  );
  changes.makeExecutable(target);
}

function whyNotAppendable(text: string): string | undefined {
  const shebang = /^#!\s*(\S+)(?:\s+(\S+))?/.exec(text);
  const interpreter = shebang ? basename(shebang[1] === "/usr/bin/env" ? (shebang[2] ?? "") : (shebang[1] ?? "")) : "sh";
  if (!["sh", "bash", "dash", "zsh"].includes(interpreter)) return `is a ${interpreter} script, not a shell script`;
  if (/^(exit|exec)\b/m.test(text)) return "ends itself with exit or exec, so lines added at its end would never run";
  return undefined;
}
