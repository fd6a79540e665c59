import { describe, expect, it } from "vitest";
import { diffLines, formatDiff } from "../../src/index.js";

describe("diffLines", () => {
  it("aligns the common lines and marks the rest", () => {
    expect(diffLines("a\nb\nc\n", "a\nc\nd\n")).toEqual([
      { sign: " ", text: "a" },
      { sign: "-", text: "b" },
      { sign: " ", text: "c" },
      { sign: "+", text: "d" },
    ]);
    expect(diffLines("", "x\n")).toEqual([{ sign: "+", text: "x" }]);
  });

  it("cuts long unchanged runs to their ends", () => {
    const a = ["1", "2", "3", "4", "5", "6", "7", "8", "9"].join("\n");
    const b = a.replace("9", "nine");
    expect(formatDiff(diffLines(a, b), 2)).toBe(["  ...", "  7", "  8", "- 9", "+ nine"].join("\n"));
  });
});
