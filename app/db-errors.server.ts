/** Prisma's unique-constraint violation: how a database says "that row already exists". */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && "code" in error && error.code === "P2002";
}
