/**
 * Stock on its way, from Shopify's inventory transfers: a shipment or transfer webhook names the
 * transfer, which is read afresh by id and stored per shipment and variant (`SupplyLine`); the
 * variants whose supply changed are synced. Reconciliation reads every transfer in progress.
 */
import type { SupplyBatch } from "../domain/supply-promises";
import { supplyWrites, type ReadSupplyLine, type SupplyStatus } from "../domain/supply-lines";
import { TRANSFER_SUPPLY_QUERY, TRANSFERS_IN_PROGRESS_QUERY } from "../graphql/supply";
import type { TransferSupplyQuery, TransfersInProgressQuery } from "../types/admin.generated";
import type { EngineContext } from "./context.server";

type Transfer = NonNullable<TransferSupplyQuery["inventoryTransfer"]> | TransfersInProgressQuery["inventoryTransfers"]["nodes"][number];

/** Reads one transfer and stores what changed; returns the variants whose supply changed. */
export async function syncTransferSupply(ctx: EngineContext, transferId: string): Promise<string[]> {
  const { inventoryTransfer } = await ctx.admin.request(TRANSFER_SUPPLY_QUERY, { id: transferId });
  return storeTransfer(ctx, transferId, inventoryTransfer ? supplyOf(inventoryTransfer) : []);
}

/** The sync-supply job: the transfer's supply, then its variants' promises. */
export async function syncSupplyAndVariants(ctx: EngineContext, transferId: string): Promise<void> {
  for (const variantId of await syncTransferSupply(ctx, transferId)) await ctx.enqueue({ kind: "sync-variant", subject: variantId });
}

/**
 * Every transfer in progress, then those stored as still coming that the pass did not list (they
 * completed or were canceled while a webhook was lost). Returns the variants whose supply changed.
 */
export async function reconcileSupply(ctx: EngineContext): Promise<string[]> {
  const changed = new Set<string>();
  const seen = new Set<string>();
  let after: string | null = null;
  for (;;) {
    const { inventoryTransfers: page }: TransfersInProgressQuery = await ctx.admin.request(TRANSFERS_IN_PROGRESS_QUERY, { after });
    for (const transfer of page.nodes) {
      seen.add(transfer.id);
      for (const variantId of await storeTransfer(ctx, transfer.id, supplyOf(transfer))) changed.add(variantId);
    }
    if (!page.pageInfo.hasNextPage) break;
    after = page.pageInfo.endCursor ?? null;
  }
  const stillComing = await ctx.db.supplyLine.findMany({ where: { shop: ctx.shop, quantity: { gt: 0 } }, select: { transferId: true }, distinct: ["transferId"] });
  for (const { transferId } of stillComing.filter((row) => !seen.has(row.transferId))) {
    for (const variantId of await syncTransferSupply(ctx, transferId)) changed.add(variantId);
  }
  return [...changed];
}

/** The variant's shipments still on their way with a known arrival, for its plan. */
export async function supplyBatchesFor(ctx: EngineContext, variantId: string): Promise<SupplyBatch[]> {
  const lines = await ctx.db.supplyLine.findMany({ where: { shop: ctx.shop, variantId, quantity: { gt: 0 }, arrivesAt: { not: null } } });
  return lines.map((line) => ({ locationId: line.locationId, arrivesAt: line.arrivesAt!, quantity: line.quantity, source: { kind: "shipment", shipmentId: line.shipmentId } }));
}

/** A draft shipment is not on its way yet (nothing is incoming); a canceled transfer brings nothing. */
function supplyOf(transfer: Transfer): ReadSupplyLine[] {
  const locationId = transfer.destination?.location?.id;
  if (!locationId) return [];
  const lines: ReadSupplyLine[] = [];
  for (const shipment of transfer.shipments.nodes) {
    if (shipment.status === "DRAFT") continue;
    const status: SupplyStatus = transfer.status === "CANCELED" ? "cancelled" : shipment.status === "RECEIVED" ? "received" : shipment.status === "PARTIALLY_RECEIVED" ? "partly_received" : "in_transit";
    const byVariant = new Map<string, number>();
    for (const item of shipment.lineItems?.nodes ?? []) {
      const variantId = item.inventoryItem?.variant?.id;
      if (variantId) byVariant.set(variantId, (byVariant.get(variantId) ?? 0) + item.unreceivedQuantity);
    }
    for (const [variantId, unreceived] of byVariant) {
      lines.push({ shipmentId: shipment.id, variantId, locationId, quantity: status === "cancelled" ? 0 : unreceived, arrivesAt: shipment.tracking?.arrivesAt ?? null, status });
    }
  }
  return lines;
}

async function storeTransfer(ctx: EngineContext, transferId: string, read: readonly ReadSupplyLine[]): Promise<string[]> {
  const { db, shop } = ctx;
  const stored = await db.supplyLine.findMany({ where: { shop, transferId } });
  const writes = supplyWrites(stored.map((row) => ({ ...row, status: row.status as SupplyStatus })), read);
  const now = new Date();
  for (const { line, change } of writes) {
    const data = { transferId, locationId: line.locationId, quantity: line.quantity, arrivesAt: line.arrivesAt, status: line.status, lastChange: change, lastChangeAt: now };
    await db.supplyLine.upsert({ where: { shop_shipmentId_variantId: { shop, shipmentId: line.shipmentId, variantId: line.variantId } }, create: { shop, shipmentId: line.shipmentId, variantId: line.variantId, ...data }, update: data });
  }
  return [...new Set(writes.map((write) => write.line.variantId))];
}
