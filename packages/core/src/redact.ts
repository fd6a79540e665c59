/**
 * Connection strings in messages never show a password: the password part
 * of a URI and `password=` in a keyword/value string become `****`.
 */
export function redactConnectionString(text: string): string {
  return text
    .replace(/(postgres(?:ql)?:\/\/[^:/@\s]*:)([^@\s]*)(@)/gi, "$1****$3")
    .replace(/([?&]password=)[^&\s]*/gi, "$1****")
    .replace(/((?<![?&])\bpassword\s*=\s*)('(?:[^'\\]|\\.)*'|\S+)/gi, "$1****");
}
