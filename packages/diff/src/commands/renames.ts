import { UsageError } from "@pgvc/core";
import type { Database } from "@pgvc/model";
import { objectRefs } from "../engine.js";
import type { RenameHint } from "../options.js";

/**
 * A --rename whose old name matches nothing would be ignored, and the
 * object it meant dropped and created anew: refuse it, naming what exists.
 */
export function checkRenames(renames: readonly RenameHint[], from: Database, side: string): void {
  if (renames.length === 0) return;
  const refs = objectRefs(from);
  for (const hint of renames) {
    if (refs.has(`${hint.kind} ${hint.from}`)) continue;
    const sameKind = [...refs].filter((ref) => ref.startsWith(`${hint.kind} `)).map((ref) => ref.slice(hint.kind.length + 1));
    const near = sameKind.filter((name) => name.split(".")[0] === hint.from.split(".")[0]).slice(0, 10);
    const shown = (near.length > 0 ? near : sameKind.slice(0, 10)).join(", ");
    throw new UsageError(`--rename ${hint.kind}:${hint.from}=${hint.to}: ${side} has no ${hint.kind} ${hint.from}`, {
      hints: [
        sameKind.length > 0 ? `its ${hint.kind}s include: ${shown}${sameKind.length > 10 ? ", ..." : ""}` : `it has no ${hint.kind} at all`,
      ],
    });
  }
}
