/** A list of ids as a form field carries it ("a, b"), for the server and the page alike. */

/** Splits "a, b\nc" into ids, dropping blanks and repeats. */
export function splitIds(raw: string): string[] {
  return [...new Set(raw.split(/[\s,]+/).map((id) => id.trim()).filter((id) => id !== ""))];
}

export function joinIds(ids: readonly string[]): string {
  return ids.join(", ");
}
