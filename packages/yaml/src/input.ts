import { readFile, stat } from "node:fs/promises";
import { InputError } from "@pgvc/core";

/**
 * Schema files are UTF-8. A byte sequence that is not UTF-8 would
 * otherwise become U+FFFD and reach the database as part of a name.
 */

const strict = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/** The text of `bytes`, or an InputError naming the first bad byte as file:line:column. */
export function decodeUtf8(bytes: Uint8Array, file: string): string {
  try {
    return strict.decode(bytes);
  } catch {
    const at = firstInvalidByte(bytes);
    const before = strict.decode(bytes.subarray(0, at));
    const lines = before.split("\n");
    const line = lines.length;
    const column = Array.from(lines[line - 1] ?? "").length + 1;
    const value = bytes[at] ?? 0;
    throw new InputError(`not UTF-8: byte 0x${value.toString(16).padStart(2, "0")} is not valid here`, {
      location: { file, line, column },
      hints: ["schema files are UTF-8; convert the file, e.g. iconv -f LATIN1 -t UTF-8"],
    });
  }
}

/** The offset of the first byte that does not start or continue a valid UTF-8 sequence. */
export function firstInvalidByte(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const length = sequenceLength(bytes, i);
    if (length === 0) return i;
    i += length;
  }
  return bytes.length;
}

/** The length of the valid sequence at `i`, or 0 (overlong forms, surrogates and values past U+10FFFF are invalid). */
function sequenceLength(bytes: Uint8Array, i: number): number {
  const b0 = bytes[i] as number;
  if (b0 < 0x80) return 1;
  const cont = (k: number, lo = 0x80, hi = 0xbf) => {
    const b = bytes[i + k];
    return b !== undefined && b >= lo && b <= hi;
  };
  if (b0 >= 0xc2 && b0 <= 0xdf) return cont(1) ? 2 : 0;
  if (b0 >= 0xe0 && b0 <= 0xef) {
    const lo = b0 === 0xe0 ? 0xa0 : 0x80;
    const hi = b0 === 0xed ? 0x9f : 0xbf;
    return cont(1, lo, hi) && cont(2) ? 3 : 0;
  }
  if (b0 >= 0xf0 && b0 <= 0xf4) {
    const lo = b0 === 0xf0 ? 0x90 : 0x80;
    const hi = b0 === 0xf4 ? 0x8f : 0xbf;
    return cont(1, lo, hi) && cont(2) && cont(3) ? 4 : 0;
  }
  return 0;
}

/**
 * Read a schema file as UTF-8 text. A missing file, a directory or an
 * unreadable file is an InputError in one line, never a stack trace.
 */
export async function readSchemaFile(file: string): Promise<string> {
  const info = await stat(file).catch((error: NodeJS.ErrnoException) => {
    throw new InputError(`${file}: ${error.code === "ENOENT" ? "no such file" : `cannot read (${error.code ?? error.message})`}`, {
      cause: error,
    });
  });
  if (info.isDirectory()) {
    throw new InputError(`${file}: is a directory, not a YAML file`, {
      hints: ["for a multiple-files tree, give -m -r DIR (yamltodb) or the directory as a side (pgvc diff)"],
    });
  }
  const bytes = await readFile(file).catch((error: NodeJS.ErrnoException) => {
    throw new InputError(`${file}: cannot read (${error.code ?? error.message})`, { cause: error });
  });
  return decodeUtf8(bytes, file);
}

/** Everything on standard input, as UTF-8 text. */
export async function readStandardInput(name = "<stdin>"): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return decodeUtf8(Buffer.concat(chunks), name);
}
