import { InputError, formatLocation } from "@pgvc/core";

/** How many further problems the message lists; `problems` always holds them all. */
const listed = 50;

/** An InputError that lists every problem of a file; `problems` holds each one. */
export class SchemaInputError extends InputError {
  constructor(readonly problems: InputError[]) {
    const [first, ...rest] = problems as [InputError, ...InputError[]];
    const more = rest.length > listed ? [`... and ${rest.length - listed} more problems`] : [];
    super(messageOf(first), {
      ...(first.location ? { location: first.location } : {}),
      hints: [...first.hints, ...rest.slice(0, listed).map((p) => p.message), ...more],
    });
  }
}

function messageOf(error: InputError): string {
  const prefix = error.location ? `${formatLocation(error.location)}: ` : "";
  return error.message.startsWith(prefix) ? error.message.slice(prefix.length) : error.message;
}

export function combineProblems(problems: InputError[]): SchemaInputError {
  const sorted = [...problems].sort(
    (a, b) =>
      (a.location?.file ?? "").localeCompare(b.location?.file ?? "") ||
      (a.location?.line ?? 0) - (b.location?.line ?? 0) ||
      (a.location?.column ?? 0) - (b.location?.column ?? 0),
  );
  return new SchemaInputError(sorted);
}
