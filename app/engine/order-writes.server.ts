/**
 * Shopify writes for one order. The usual cases (hold one fulfillment order
 * and label the order; release it and clear the labels) go in one request;
 * anything else goes action by action. Every write is safe to repeat.
 */
import { BACKORDER_TAG, HOLD_HANDLE, HOLD_REASON, type HoldAction } from "../domain/hold-plan";
import {
  ADD_TAGS,
  CREATE_FULFILLMENT,
  DELETE_METAFIELDS,
  HOLD_AND_LABEL_ORDER,
  HOLD_FULFILLMENT_ORDER,
  RELEASE_AND_UNLABEL_ORDER,
  RELEASE_FULFILLMENT_HOLD,
  REMOVE_TAGS,
  SET_METAFIELDS,
} from "../graphql/mutations";
import type { HoldFulfillmentOrderMutationVariables } from "../types/admin.generated";
import { forgetHolds, rememberHold } from "./app-holds.server";
import type { EngineContext } from "./context.server";
import { assertNoUserErrors } from "./user-errors.server";
import { BACKORDER_NAMESPACE } from "./variant-writes.server";

export interface OrderLabels {
  id: string;
  name: string;
  tags: string[];
  shipsOn?: { value: string } | null;
}

/** What must change on the order: the `backorder` tag, and the ship date (null: remove it; undefined: leave it). */
export interface LabelChange {
  tag: "add" | "remove" | null;
  shipsOn: string | null | undefined;
}

export function labelChange(order: OrderLabels, tagged: boolean, shipsOn: string | null): LabelChange {
  const hasTag = order.tags.some((tag) => tag.toLowerCase() === BACKORDER_TAG);
  const current = order.shipsOn?.value ?? null;
  return { tag: tagged === hasTag ? null : tagged ? "add" : "remove", shipsOn: current === shipsOn ? undefined : shipsOn };
}

const holdInput = (action: Extract<HoldAction, { kind: "hold" }>): HoldFulfillmentOrderMutationVariables["hold"] => ({
  reason: HOLD_REASON,
  handle: HOLD_HANDLE,
  reasonNotes: action.notes,
  notifyMerchant: false,
  ...(action.lines ? { fulfillmentOrderLineItems: action.lines } : {}),
});
const shipsOnField = (orderId: string) => ({ ownerId: orderId, namespace: BACKORDER_NAMESPACE, key: "ships_on" });
// Someone (a previous run) already holds it with our handle: that is the state we wanted.
const HOLD_TOLERATED = ["DUPLICATE_FULFILLMENT_HOLD_HANDLE"];

/**
 * Applies the plan; returns the order's `updatedAt` after our last tag change
 * (null when the tag did not change), so our own orders/updated echo can be recognised.
 */
export async function applyOrderPlan(ctx: EngineContext, order: OrderLabels, actions: readonly HoldAction[], labels: LabelChange): Promise<string | null> {
  const [only] = actions;
  if (actions.length === 1 && only?.kind === "hold" && labels.tag === "add" && typeof labels.shipsOn === "string") {
    const result = await ctx.admin.request(HOLD_AND_LABEL_ORDER, {
      fulfillmentOrderId: only.fulfillmentOrderId,
      hold: holdInput(only),
      orderId: order.id,
      tags: [BACKORDER_TAG],
      metafields: [{ ...shipsOnField(order.id), type: "date", value: labels.shipsOn }],
    });
    assertNoUserErrors("fulfillmentOrderHold", result.fulfillmentOrderHold?.userErrors, HOLD_TOLERATED);
    assertNoUserErrors("tagsAdd", result.tagsAdd?.userErrors);
    assertNoUserErrors("metafieldsSet", result.metafieldsSet?.userErrors);
    const holdId = result.fulfillmentOrderHold?.fulfillmentHold?.id;
    if (holdId) await rememberHold(ctx, order.id, only.fulfillmentOrderId, holdId);
    await logAction(ctx, order.name, only);
    return updatedAtOf(result.tagsAdd?.node);
  }
  if (actions.length === 1 && only?.kind === "release" && labels.tag === "remove" && labels.shipsOn === null) {
    const result = await ctx.admin.request(RELEASE_AND_UNLABEL_ORDER, {
      fulfillmentOrderId: only.fulfillmentOrderId,
      holdIds: [only.holdId],
      orderId: order.id,
      tags: [BACKORDER_TAG],
      metafields: [shipsOnField(order.id)],
    });
    assertNoUserErrors("fulfillmentOrderReleaseHold", result.fulfillmentOrderReleaseHold?.userErrors);
    await forgetHolds(ctx, [only.fulfillmentOrderId]);
    assertNoUserErrors("tagsRemove", result.tagsRemove?.userErrors);
    assertNoUserErrors("metafieldsDelete", result.metafieldsDelete?.userErrors);
    await logAction(ctx, order.name, only);
    return updatedAtOf(result.tagsRemove?.node);
  }
  for (const action of actions) {
    await perform(ctx, order.id, action);
    await logAction(ctx, order.name, action);
  }
  return applyLabels(ctx, order.id, labels);
}

const updatedAtOf = (node: { updatedAt?: string } | null | undefined): string | null => node?.updatedAt ?? null;

async function perform(ctx: EngineContext, orderId: string, action: HoldAction): Promise<void> {
  switch (action.kind) {
    case "hold": {
      const result = await ctx.admin.request(HOLD_FULFILLMENT_ORDER, { id: action.fulfillmentOrderId, hold: holdInput(action) });
      assertNoUserErrors("fulfillmentOrderHold", result.fulfillmentOrderHold?.userErrors, HOLD_TOLERATED);
      const holdId = result.fulfillmentOrderHold?.fulfillmentHold?.id;
      return holdId ? rememberHold(ctx, orderId, action.fulfillmentOrderId, holdId) : undefined;
    }
    case "release": {
      const result = await ctx.admin.request(RELEASE_FULFILLMENT_HOLD, { id: action.fulfillmentOrderId, holdIds: [action.holdId] });
      assertNoUserErrors("fulfillmentOrderReleaseHold", result.fulfillmentOrderReleaseHold?.userErrors);
      return forgetHolds(ctx, [action.fulfillmentOrderId]);
    }
    case "fulfil": {
      const result = await ctx.admin.request(CREATE_FULFILLMENT, {
        fulfillment: { lineItemsByFulfillmentOrder: [{ fulfillmentOrderId: action.fulfillmentOrderId, fulfillmentOrderLineItems: action.lines }], notifyCustomer: true },
      });
      return assertNoUserErrors("fulfillmentCreate", result.fulfillmentCreate?.userErrors);
    }
  }
}

const ACTION_MESSAGES: Record<HoldAction["kind"], (action: HoldAction) => string> = {
  hold: (action) => `held, ${(action as Extract<HoldAction, { kind: "hold" }>).notes}`,
  release: () => "stock arrived, hold released",
  fulfil: () => "stock arrived, fulfilled",
};

export function logAction(ctx: EngineContext, orderName: string, action: HoldAction): Promise<void> {
  return ctx.log({ kind: `order.${action.kind}`, subject: action.fulfillmentOrderId, message: `${orderName}: ${ACTION_MESSAGES[action.kind](action)}`, details: { ...action, orderName } });
}

/** The `backorder` tag and the order's expected ship date, for the merchant's order list and customer notifications. */
async function applyLabels(ctx: EngineContext, orderId: string, labels: LabelChange): Promise<string | null> {
  const tagVariables = { id: orderId, tags: [BACKORDER_TAG] };
  let updatedAt: string | null = null;
  if (labels.tag === "add") {
    const result = await ctx.admin.request(ADD_TAGS, tagVariables);
    assertNoUserErrors("tagsAdd", result.tagsAdd?.userErrors);
    updatedAt = updatedAtOf(result.tagsAdd?.node);
  }
  if (labels.tag === "remove") {
    const result = await ctx.admin.request(REMOVE_TAGS, tagVariables);
    assertNoUserErrors("tagsRemove", result.tagsRemove?.userErrors);
    updatedAt = updatedAtOf(result.tagsRemove?.node);
  }
  if (typeof labels.shipsOn === "string") {
    const result = await ctx.admin.request(SET_METAFIELDS, { metafields: [{ ...shipsOnField(orderId), type: "date", value: labels.shipsOn }] });
    assertNoUserErrors("metafieldsSet", result.metafieldsSet?.userErrors);
  } else if (labels.shipsOn === null) {
    const result = await ctx.admin.request(DELETE_METAFIELDS, { metafields: [shipsOnField(orderId)] });
    assertNoUserErrors("metafieldsDelete", result.metafieldsDelete?.userErrors);
  }
  return updatedAt;
}
