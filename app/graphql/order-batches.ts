/**
 * Writes for many orders in one request: one aliased mutation per hold, release and tag change,
 * ship dates through `metafieldsSet` (25 per call) and one `metafieldsDelete`. Shopify has no
 * plural hold or release mutation, so aliases are how many fulfillment orders share a request.
 * The documents are built at run time, so codegen cannot type them: the sandbox validates them
 * against the real schema in the engine tests.
 */
import type { AdminClient } from "../shopify/admin-client.server";

/**
 * Shopify refuses a query whose requested cost is over 1,000 points; a document stays under this,
 * with room for rounding in how Shopify counts a selection.
 */
export const DOCUMENT_POINTS = 900;
/** `metafieldsSet` takes at most 25 metafields a call. */
export const METAFIELDS_PER_SET = 25;
/** Input arrays are capped at 250 items. */
export const METAFIELDS_PER_DELETE = 250;

/**
 * Requested cost per alias: 10 for a mutation, 1 for each object selected (`userErrors`, a returned
 * node). Shopify charges the payload a mutation returns, so a tag change asks for no node: the
 * `orders/updated` it causes leaves what every waiting line owes as stored, which costs no request
 * to route (delivery-routing's `isRoutineUpdate`), so the order's new time is not worth a point.
 */
export const ALIAS_POINTS = { hold: 12, release: 11, tags: 11, metafields: 11 } as const;

const USER_ERRORS = "userErrors { field message code }";
const USER_ERRORS_NO_CODE = "userErrors { field message }";

export interface AliasResult {
  userErrors?: readonly { field?: readonly string[] | null; message: string; code?: string | null }[] | null;
  fulfillmentHold?: { id: string } | null;
}

/** One document under construction: its aliased fields and their variables. */
export class AliasedMutation {
  private readonly fields: string[] = [];
  private readonly declarations: string[] = [];
  readonly variables: Record<string, unknown> = {};
  private count = 0;

  constructor(private readonly name: string) {}

  private variable(type: string, value: unknown): string {
    const name = `v${this.declarations.length}`;
    this.declarations.push(`$${name}: ${type}`);
    this.variables[name] = value;
    return `$${name}`;
  }

  private alias(): string {
    return `a${this.count++}`;
  }

  hold(fulfillmentOrderId: string, hold: Record<string, unknown>): string {
    const alias = this.alias();
    this.fields.push(`${alias}: fulfillmentOrderHold(id: ${this.variable("ID!", fulfillmentOrderId)}, fulfillmentHold: ${this.variable("FulfillmentOrderHoldInput!", hold)}) { fulfillmentHold { id } ${USER_ERRORS} }`);
    return alias;
  }

  release(fulfillmentOrderId: string, holdId: string): string {
    const alias = this.alias();
    this.fields.push(`${alias}: fulfillmentOrderReleaseHold(id: ${this.variable("ID!", fulfillmentOrderId)}, holdIds: ${this.variable("[ID!]", [holdId])}) { ${USER_ERRORS} }`);
    return alias;
  }

  tags(change: "add" | "remove", orderId: string, tags: readonly string[]): string {
    const alias = this.alias();
    const mutation = change === "add" ? "tagsAdd" : "tagsRemove";
    this.fields.push(`${alias}: ${mutation}(id: ${this.variable("ID!", orderId)}, tags: ${this.variable("[String!]!", tags)}) { ${USER_ERRORS_NO_CODE} }`);
    return alias;
  }

  setMetafields(metafields: readonly Record<string, unknown>[]): string {
    const alias = this.alias();
    this.fields.push(`${alias}: metafieldsSet(metafields: ${this.variable("[MetafieldsSetInput!]!", metafields)}) { ${USER_ERRORS} }`);
    return alias;
  }

  deleteMetafields(metafields: readonly Record<string, unknown>[]): string {
    const alias = this.alias();
    this.fields.push(`${alias}: metafieldsDelete(metafields: ${this.variable("[MetafieldIdentifierInput!]!", metafields)}) { ${USER_ERRORS_NO_CODE} }`);
    return alias;
  }

  get isEmpty(): boolean {
    return this.fields.length === 0;
  }

  get query(): string {
    return `mutation ${this.name}(${this.declarations.join(", ")}) {\n  ${this.fields.join("\n  ")}\n}`;
  }

  /** Sends the document; the answer per alias (null when Shopify returned none). */
  send(admin: AdminClient): Promise<Record<string, AliasResult | null>> {
    const request = admin.request as unknown as (query: string, variables: Record<string, unknown>) => Promise<Record<string, AliasResult | null> | null>;
    return request(this.query, this.variables).then((data) => data ?? {});
  }
}
