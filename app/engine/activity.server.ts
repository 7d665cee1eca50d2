import type { PrismaClient } from "@prisma/client";

export interface ActivityEntry {
  kind: string;
  subject: string;
  message: string;
  details?: unknown;
}

/** The merchant-readable record of every automatic action: what, on what, why, and which webhook. */
export async function logActivity(db: PrismaClient, shop: string, source: string | null, entry: ActivityEntry): Promise<void> {
  await db.activity.create({
    data: {
      shop,
      kind: entry.kind,
      subject: entry.subject,
      message: entry.message,
      source,
      details: entry.details === undefined ? null : JSON.stringify(entry.details),
    },
  });
}
