/**
 * What one fresh read of a transfer changes in the stored supply lines. The read is the whole
 * truth for its transfer, so a duplicated or reordered webhook that causes it changes nothing the
 * second time.
 */
import type { SupplyChangeKind } from "./promise-history";

export type SupplyStatus = "in_transit" | "partly_received" | "received" | "cancelled";

/** One variant's units on one shipment of a transfer, as read. */
export interface ReadSupplyLine {
  shipmentId: string;
  variantId: string;
  locationId: string;
  quantity: number;
  arrivesAt: string | null;
  status: SupplyStatus;
}

export type StoredSupplyLine = ReadSupplyLine;

export interface SupplyLineWrite {
  line: ReadSupplyLine;
  change: SupplyChangeKind;
}

const keyOf = (line: { shipmentId: string; variantId: string }) => `${line.shipmentId} ${line.variantId}`;

/** The lines to write, each with what changed; a line the read no longer lists is gone (cancelled). */
export function supplyWrites(stored: readonly StoredSupplyLine[], read: readonly ReadSupplyLine[]): SupplyLineWrite[] {
  const before = new Map(stored.map((line) => [keyOf(line), line]));
  const writes: SupplyLineWrite[] = [];
  for (const line of read) {
    const old = before.get(keyOf(line));
    before.delete(keyOf(line));
    const change = changeOf(old, line);
    if (change) writes.push({ line, change });
  }
  for (const gone of before.values()) {
    if (gone.status !== "cancelled" || gone.quantity !== 0) writes.push({ line: { ...gone, quantity: 0, status: "cancelled" }, change: "cancelled" });
  }
  return writes;
}

function changeOf(old: StoredSupplyLine | undefined, line: ReadSupplyLine): SupplyChangeKind | null {
  if (!old) return line.quantity > 0 ? "added" : null;
  if (line.status === "cancelled") return old.status === "cancelled" ? null : "cancelled";
  if (line.quantity < old.quantity) return "received";
  if (line.quantity > old.quantity || old.status === "cancelled") return "added";
  if (line.arrivesAt !== old.arrivesAt) return "arrival_moved";
  return line.status === old.status && line.locationId === old.locationId ? null : "added";
}
