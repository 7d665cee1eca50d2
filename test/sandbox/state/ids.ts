/** GID helpers and the shop's id counter. Ids are numeric like Shopify's, kept below 2^53. */
import { SandboxError, type Gid } from "./contract";

export function gid(type: string, id: number): Gid {
  return `gid://shopify/${type}/${id}`;
}

export function inventoryLevelGid(locationId: number, inventoryItemId: number): Gid {
  return `gid://shopify/InventoryLevel/${locationId}?inventory_item_id=${inventoryItemId}`;
}

export interface ParsedGid {
  type: string;
  id: number;
  /** For InventoryLevel GIDs, the inventory item id from the query string. */
  inventoryItemId?: number;
}

export function parseGid(value: string): ParsedGid | undefined {
  const match = /^gid:\/\/shopify\/([A-Za-z]+)\/(\d+)(?:\?inventory_item_id=(\d+))?$/.exec(value);
  if (!match) return undefined;
  const parsed: ParsedGid = { type: match[1]!, id: Number(match[2]) };
  if (match[3]) parsed.inventoryItemId = Number(match[3]);
  return parsed;
}

/** Parses a GID of an expected type, or throws a 404-style SandboxError naming what was wrong. */
export function idOf(value: Gid, type: string): number {
  const parsed = parseGid(value);
  if (!parsed || parsed.type !== type) throw new SandboxError(`Invalid ${type} id: ${value}`, 404);
  return parsed.id;
}

/** One counter for every resource, starting where real shop ids live today (13 digits). */
export class IdCounter {
  private next: number;
  constructor(start = 7_000_000_000_001) {
    this.next = start;
  }
  take(): number {
    const id = this.next;
    this.next += 1;
    return id;
  }
}
