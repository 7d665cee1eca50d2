import type { PrismaClient } from "@prisma/client";
import type { ActivityFacts } from "../i18n/activity-words";

/**
 * One entry of the log: its kind, what it is about, and the facts the pages put
 * into words (app/i18n/activity-words.ts). `message` is the same in plain
 * English for anyone reading the table itself.
 */
export type ActivityEntry =
  | { [Kind in keyof ActivityFacts]: { kind: Kind; subject: string; message: string; details: ActivityFacts[Kind] & Record<string, unknown> } }[keyof ActivityFacts]
  | { kind: "compliance.data_request"; subject: string; message: string; details: unknown[] };

/** The merchant-readable record of every automatic action: what, on what, why, and which webhook. */
export async function logActivity(db: PrismaClient, shop: string, source: string | null, entry: ActivityEntry): Promise<void> {
  await db.activity.create({
    data: {
      shop,
      kind: entry.kind,
      subject: entry.subject,
      message: entry.message,
      source,
      details: JSON.stringify(entry.details),
    },
  });
}
