/**
 * The outbox rows the engine writes with its record of a waiting line (app/engine/waiting-lines.server.ts):
 * what app/domain/notices.ts says is due, keyed by shop, line, kind and date, so a duplicate webhook,
 * a reconciliation or a rerun writes nothing new. The send-notices job sends them (send.server.ts).
 */
import type { BackorderLine, PrismaPromise } from "@prisma/client";
import { findInChunks } from "../db-chunks.server";
import type { PlannedLine } from "../domain/backorder-plan";
import { lastToldDate, noticeDue, type DueNotice } from "../domain/notices";
import type { EngineContext } from "../engine/context.server";
import { noticeMailConfig } from "./config.server";

export const SEND_NOTICES_JOB = { kind: "send-notices", subject: "outbox" } as const;

/** A moment for the lines' records to land before the send job looks (it is also asked again after them). */
const SEND_AFTER_RECORD_MS = 2_000;

export interface NoticesDue {
  /** Due notices by line item id. */
  byLine: Map<string, DueNotice & { orderId: string }>;
}

/**
 * The notices this decision makes due. Only when the app can send mail: without it no notice is
 * written, so turning SMTP on later does not send old news. A new-date notice is looked for only on
 * lines whose date this decision moves later, so a routine sync reads nothing more.
 */
export async function noticesDueFor(ctx: EngineContext, lines: readonly { line: PlannedLine; existing: BackorderLine | undefined }[]): Promise<NoticesDue> {
  const byLine: NoticesDue["byLine"] = new Map();
  if (!noticeMailConfig().ok) return { byLine };
  const later = lines.filter(({ line, existing }) => existing && existing.shipsOn !== null && line.shipsOn !== null && line.shipsOn > existing.shipsOn);
  const told = await findInChunks(later.map(({ line }) => line.lineItemId), (chunk) =>
    ctx.db.noticeOutbox.findMany({ where: { shop: ctx.shop, lineItemId: { in: chunk } }, select: { lineItemId: true, shipsOn: true, createdAt: true } }),
  );
  const installedAt = ctx.settings.installedAt?.getTime() ?? null;
  for (const { line, existing } of lines) {
    const lastTold = existing ? lastToldDate(told.filter((row) => row.lineItemId === line.lineItemId), existing.promisedOn) : null;
    const orderedBeforeInstall = installedAt !== null && Date.parse(line.orderedAt) < installedAt;
    const due = noticeDue({ starting: !existing, orderedBeforeInstall, shipsOn: line.shipsOn, lastTold });
    if (due) byLine.set(line.lineItemId, { ...due, orderId: line.orderId });
  }
  return { byLine };
}

/**
 * The outbox row of the line's notice, when one is due, to be written in one transaction with the
 * line's record so neither is kept without the other. `reason` says why the date moved, when the
 * engine knows it.
 */
export function noticeRow(ctx: EngineContext, due: NoticesDue, lineItemId: string, variantId: string, reason: string | null = null): PrismaPromise<unknown> | null {
  const notice = due.byLine.get(lineItemId);
  if (!notice) return null;
  const { shop } = ctx;
  const key = { shop, lineItemId, kind: notice.kind, shipsOn: notice.shipsOn };
  // An existing row (a rerun, a late webhook) is left as it is: sent stays sent, pending stays pending.
  return ctx.db.noticeOutbox.upsert({
    where: { shop_lineItemId_kind_shipsOn: key },
    create: { ...key, orderId: notice.orderId, variantId, previousShipsOn: notice.previousShipsOn, reason },
    update: {},
  });
}

/**
 * Asks for the send job around the records: before them (delayed), so a crash right after they
 * land still leaves the job to send them, and after them, so it runs at once.
 */
export async function askToSend(ctx: EngineContext, due: NoticesDue, when: "before" | "after"): Promise<void> {
  if (due.byLine.size === 0) return;
  await ctx.enqueue(SEND_NOTICES_JOB, when === "before" ? { delayMs: SEND_AFTER_RECORD_MS } : undefined);
}
