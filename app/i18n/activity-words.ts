/**
 * The activity log in words. The engine records a kind and the facts of what it
 * did (`details`, JSON); the pages turn them into a label and a sentence here, so
 * the wording lives in strings.ts and no code or id reaches the sentence. Rows
 * written before the facts were recorded fall back to their stored message.
 */
import { strings } from "./strings";

/** The facts each kind records, for the engine's writers. */
export interface ActivityFacts {
  "variant.policy": { title: string; status: string; from: string; to: string; sellable: number; waitingUnits: number };
  "variant.status": { title: string; from: string | null; to: string };
  /** Its message is already in words (strings.variants.restockDateCleared, in the shop's date style). */
  "variant.restock_date_cleared": { restockDate: string };
  "order.hold": { orderName: string; fulfillmentOrderId: string };
  "order.release": { orderName: string; fulfillmentOrderId: string };
  "order.fulfil": { orderName: string; fulfillmentOrderId: string };
  "order.unreadable": { orderName: string };
  "order.released_by_merchant": { orderName: string; lines: { waitingUnits: number }[] };
  "order.released_in_shopify": { orderName: string; lines: { waitingUnits: number }[] };
  "line.cancelled_by_merchant": { orderName: string; units: number; notifyCustomer: boolean };
  "compliance.customer_redact": { lines: number; payloads: number };
  reconcile: { checked: number; toUpdate: number };
  "job.dead": { task: string; attempts: number; error: string };
  /** The merchant's own changes: their message is already in words (strings.merchantActivity). */
  "settings.saved": { changed: string[] };
  "variant.rule_changed": Partial<Record<"restockDate" | "override" | "waitingCap", unknown>>;
  "order.moved_to_front": { variantIds: string[] };
  "order.priority_removed": { variantIds: string[] };
  "shop.resync_requested": Record<string, never>;
  "order.moved_location": { orderName: string; locationName: string | null; fulfillmentOrderId: string; from: string; to: string };
  /** Its message is already in words (strings.locationMoves.requested). */
  "order.move_requested": { lineItemIds: string[] };
  /** Customer emails: their message is already in words (strings.notices.activity). */
  "notice.sent": { orderName: string; notice: string; attempts: number };
  "notice.failed": { orderName: string; notice: string; error: string };
  "notice.skipped": { orderName: string; notice: string; why: string };
  "line.cancelled_by_customer": { orderName: string; units: number };
}

export interface ActivityWords {
  label: string;
  critical: boolean;
  sentence: string;
  /** For the technical details disclosure: error texts and the like, never in the sentence. */
  technical: { label: string; value: string }[];
}

const text = strings.activity;

type Facts = Record<string, unknown>;
const str = (facts: Facts, key: string): string | null => (typeof facts[key] === "string" && facts[key] !== "" ? (facts[key] as string) : null);
const num = (facts: Facts, key: string): number | null => (typeof facts[key] === "number" && Number.isFinite(facts[key]) ? (facts[key] as number) : null);

/** A background task's kind in words ("checking a variant with Shopify"). */
export function taskWords(kind: string): string {
  return text.tasks[kind] ?? text.tasks.other!;
}

/** The Admin API's inventory policies once read as codes in old messages: "(DENY)". */
const POLICY_CODES = /\s*\((?:DENY|CONTINUE)\)/g;

function policyWords(facts: Facts): Omit<ActivityWords, "technical" | "critical"> | null {
  const title = str(facts, "title");
  const status = str(facts, "status");
  if (!title || !status) return null;
  if (status === "backorder") return { label: text.kinds.backordersOn, sentence: text.says.backordersOn(title) };
  if (status === "sold_out") return { label: text.kinds.backordersFull, sentence: text.says.backordersFull(title, num(facts, "waitingUnits") ?? 0) };
  // Back in stock (or out of scope): the merchant's own policy is back.
  return { label: text.kinds.backordersOff, sentence: str(facts, "to") === "DENY" ? text.says.soldOutAsBefore(title) : text.says.keepsSellingAsBefore(title) };
}

function statusWords(facts: Facts): Omit<ActivityWords, "technical" | "critical"> | null {
  const title = str(facts, "title");
  switch (str(facts, "to")) {
    case "backorder":
      return title ? { label: text.kinds.nowBackordered, sentence: text.says.nowBackordered(title) } : null;
    case "sold_out":
      return title ? { label: text.kinds.backordersFull, sentence: text.says.nowSoldOut(title) } : null;
    case "in_stock":
      return title ? { label: text.kinds.backInStock, sentence: text.says.backInStock(title) } : null;
    default:
      return title ? { label: text.kinds.notManaged, sentence: text.says.notManaged(title) } : null;
  }
}

/** The label of a kind when its facts are missing (an old row): the sentence is then the stored message. */
function labelOf(kind: string, facts: Facts): string {
  switch (kind) {
    case "variant.policy":
      return str(facts, "to") === "CONTINUE" ? text.kinds.backordersOn : text.kinds.backordersOff;
    case "variant.status":
      return str(facts, "to") === "sold_out" ? text.kinds.backordersFull : str(facts, "to") === "in_stock" ? text.kinds.backInStock : text.kinds.nowBackordered;
    case "variant.restock_date_cleared":
      return text.kinds.restockDateCleared;
    case "order.hold":
      return text.kinds.held;
    case "order.release":
      return text.kinds.released;
    case "order.fulfil":
      return text.kinds.fulfilled;
    case "order.moved_location":
    case "order.move_requested":
      return strings.locationMoves.kind;
    case "order.released_by_merchant":
      return text.kinds.releasedByYou;
    case "order.released_in_shopify":
      return text.kinds.releasedInShopify;
    case "order.unreadable":
      return text.kinds.orderUnreadable;
    case "line.cancelled_by_merchant":
      return text.kinds.cancelledByYou;
    case "line.cancelled_by_customer":
      return text.kinds.cancelledByCustomer;
    case "compliance.customer_redact":
      return text.kinds.customerErased;
    case "compliance.data_request":
      return text.kinds.dataRequest;
    case "reconcile":
      return text.kinds.fullSync;
    case "job.dead":
      return text.kinds.failed;
    case "settings.saved":
      return text.kinds.settingsChanged;
    case "variant.rule_changed":
      return text.kinds.ruleChanged;
    case "order.moved_to_front":
      return text.kinds.movedToFront;
    case "order.priority_removed":
      return text.kinds.priorityRemoved;
    case "shop.resync_requested":
      return text.kinds.resyncRequested;
    case "notice.sent":
    case "notice.failed":
    case "notice.skipped":
      return strings.notices.activity.label;
    default:
      return text.kinds.other;
  }
}

function sentenceOf(kind: string, facts: Facts, details: unknown): Omit<ActivityWords, "technical" | "critical"> | null {
  const order = str(facts, "orderName");
  switch (kind) {
    case "variant.policy":
      return policyWords(facts);
    case "variant.status":
      return statusWords(facts);
    case "order.hold":
      return order ? { label: text.kinds.held, sentence: text.says.held(order) } : null;
    case "order.release":
      return order ? { label: text.kinds.released, sentence: text.says.released(order) } : null;
    case "order.fulfil":
      return order ? { label: text.kinds.fulfilled, sentence: text.says.fulfilled(order) } : null;
    case "order.moved_location":
      return order ? { label: strings.locationMoves.kind, sentence: strings.locationMoves.says(order, str(facts, "locationName")) } : null;
    case "order.unreadable":
      return order ? { label: text.kinds.orderUnreadable, sentence: text.says.orderUnreadable(order) } : null;
    case "order.released_by_merchant": {
      const lines = Array.isArray(facts.lines) ? (facts.lines as Facts[]) : [];
      const units = lines.reduce((sum, line) => sum + (num(line, "waitingUnits") ?? 0), 0);
      return order ? { label: text.kinds.releasedByYou, sentence: text.says.releasedByYou(order, units) } : null;
    }
    case "order.released_in_shopify": {
      const lines = Array.isArray(facts.lines) ? (facts.lines as Facts[]) : [];
      const units = lines.reduce((sum, line) => sum + (num(line, "waitingUnits") ?? 0), 0);
      return order ? { label: text.kinds.releasedInShopify, sentence: text.says.releasedInShopify(order, units) } : null;
    }
    case "line.cancelled_by_merchant": {
      const units = num(facts, "units");
      return order && units !== null ? { label: text.kinds.cancelledByYou, sentence: text.says.cancelledByYou(order, units, facts.notifyCustomer === true) } : null;
    }
    case "line.cancelled_by_customer":
      return order ? { label: text.kinds.cancelledByCustomer, sentence: text.says.cancelledByCustomer(order) } : null;
    case "compliance.customer_redact": {
      const lines = num(facts, "lines");
      const payloads = num(facts, "payloads");
      return lines !== null && payloads !== null ? { label: text.kinds.customerErased, sentence: text.says.customerErased(lines, payloads) } : null;
    }
    case "compliance.data_request":
      // Its details are the stored lines themselves, one per back-order line.
      return Array.isArray(details) ? { label: text.kinds.dataRequest, sentence: text.says.dataRequest(details.length) } : null;
    case "reconcile": {
      const checked = num(facts, "checked");
      const toUpdate = num(facts, "toUpdate");
      return checked !== null && toUpdate !== null ? { label: text.kinds.fullSync, sentence: text.says.fullSync(checked, toUpdate) } : null;
    }
    case "job.dead": {
      const task = str(facts, "task");
      const attempts = num(facts, "attempts");
      return task && attempts !== null ? { label: text.kinds.failed, sentence: text.says.failed(taskWords(task), attempts) } : null;
    }
    default:
      return null;
  }
}

/** Parses the stored details (JSON text, or already parsed); anything unreadable is no facts. */
export function parseDetails(details: unknown): unknown {
  if (typeof details !== "string") return details ?? null;
  try {
    return JSON.parse(details) as unknown;
  } catch {
    return null;
  }
}

/** An entry of the log in words: its label, its sentence, and what belongs in the technical details. */
export function describeActivity(entry: { kind: string; message: string; details: unknown }): ActivityWords {
  const details = parseDetails(entry.details);
  const facts: Facts = details && typeof details === "object" && !Array.isArray(details) ? (details as Facts) : {};
  const critical = entry.kind === "job.dead";
  const error = entry.kind === "job.dead" || entry.kind === "notice.failed" ? str(facts, "error") : null;
  const technical = error ? [{ label: text.ids.error, value: error }] : [];
  const words = sentenceOf(entry.kind, facts, details);
  if (words) return { ...words, critical, technical };
  // An old row, or a kind whose message is its words: that message, without the policy codes old rows carried.
  if (entry.kind === "job.dead") return { label: text.kinds.failed, critical, sentence: text.says.failedEarlier, technical: [{ label: text.ids.message, value: entry.message }] };
  return { label: labelOf(entry.kind, facts), critical, sentence: entry.message.replace(POLICY_CODES, ""), technical };
}
