/**
 * The app's record of its bulk operations: started with `startRecordedBulkMutation`, ended by the
 * `bulk-operation-finished` job that `bulk_operations/finish` queues (or a poll). The record keeps
 * where each input line's result is; the code that started it reads them once (resultsReadAt).
 */
import { readBulkOperation, startBulkMutation } from "../shopify/bulk-operations.server";
import type { EngineContext } from "./context.server";

/** Uploads the variables, starts the bulk mutation and records it under `purpose`; returns its id. */
export async function startRecordedBulkMutation(ctx: EngineContext, purpose: string, mutation: string, variables: readonly Record<string, unknown>[]): Promise<string> {
  const operationId = await startBulkMutation(ctx.admin, mutation, variables);
  await ctx.db.bulkOperationRun.upsert({
    where: { operationId },
    create: { operationId, shop: ctx.shop, purpose, lines: variables.length, status: "CREATED" },
    update: { purpose, lines: variables.length },
  });
  return operationId;
}

/**
 * Records how an operation ended, read from Shopify (the webhook's payload is not signed data the
 * app trusts for the url, and may be a late duplicate). An operation still running is left as it is:
 * its own finish webhook comes later.
 */
export async function recordBulkOperationEnd(ctx: EngineContext, operationId: string): Promise<void> {
  const state = await readBulkOperation(ctx.admin, operationId);
  if (!state) return;
  const ended = { status: state.status, errorCode: state.errorCode, objectCount: state.objectCount, url: state.url, partialDataUrl: state.partialDataUrl, finishedAt: new Date() };
  const existing = await ctx.db.bulkOperationRun.findUnique({ where: { operationId } });
  if (existing?.finishedAt) return; // a duplicate delivery: the first one recorded it
  if (state.status === "CREATED" || state.status === "RUNNING" || state.status === "CANCELING") return;
  await ctx.db.bulkOperationRun.upsert({ where: { operationId }, create: { operationId, shop: ctx.shop, ...ended }, update: ended });
}
