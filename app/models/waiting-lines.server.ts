/** Which stored lines wait, and which of them broke their promise: `isOverdue` (app/domain/customer-promise.ts) in the database. */
import type { Prisma } from "@prisma/client";

export const waitingWhere = (shop: string): Prisma.BackorderLineWhereInput => ({ shop, state: "waiting", waitingUnits: { gt: 0 } });

/** Waiting lines whose promise (or, with none recorded, expected date) is before `today`, the shop's ISO date. */
export const overdueWhere = (shop: string, today: string): Prisma.BackorderLineWhereInput => ({
  ...waitingWhere(shop),
  OR: [{ promisedOn: { lt: today } }, { promisedOn: null, shipsOn: { lt: today } }],
});
