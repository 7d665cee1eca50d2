/**
 * Long id lists cut into `IN (…)` lists a database takes: SQLite (through Prisma) refuses a query
 * of more than 999 bound parameters, and a restock or a resync can touch thousands of lines.
 */

/** Ids per `IN (…)` list, well under SQLite's and PostgreSQL's limits on bound parameters. */
export const IDS_PER_STATEMENT = 500;

export function chunksOf<T>(items: readonly T[], size = IDS_PER_STATEMENT): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size) chunks.push(items.slice(start, start + size));
  return chunks;
}

/** The rows of one read per chunk of `ids`, together. */
export async function findInChunks<T>(ids: readonly string[], read: (chunk: string[]) => Promise<T[]>): Promise<T[]> {
  const rows: T[] = [];
  for (const chunk of chunksOf([...new Set(ids)])) rows.push(...(await read(chunk)));
  return rows;
}
