/**
 * Shopify Flow's lifecycle callbacks end to end: the app sends a trigger only while the merchant has
 * an enabled workflow for it, as Flow told it through the signed callback the sandbox sends when a
 * workflow is enabled or disabled; an older callback after a newer one and a forged one change nothing.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { setFlowWorkflow } from "../support/flow-workflows";
import { stackForThisFile } from "../support/installed-stack";
import { storyIn } from "../support/shop-story";
import { signBody } from "../support/signed-webhook";

const t = stackForThisFile();
const shop = t.shop;
const { addVariant, buy } = storyIn(shop);
const STARTED = "backorder-started";
const numericId = (gid: string) => Number(gid.split("/").pop());
const startedFor = (orderId: string) => t.stack.sandbox.flowTriggers.received().filter((trigger) => trigger.handle === STARTED && trigger.payload.order_id === numericId(orderId));
const flowRequests = () => t.stack.sandbox.adminApiRequests().filter((request) => request.operationName === "FlowTriggers");
const storedState = () => t.db.flowWorkflowState.findUnique({ where: { shop_handle: { shop: shop().domain, handle: STARTED } } });

/** An order that leaves one line waiting; settled, so the app has recorded the line (and any trigger before it). */
async function waitingOrder(variantId: string, customer: string): Promise<string> {
  const orderId = buy(variantId, customer, 1);
  await t.settle();
  expect(await t.db.backorderLine.count({ where: { orderId, state: "waiting" } })).toBe(1);
  return orderId;
}

function postCallback(body: string, signature: string): Promise<Response> {
  return fetch(`${t.stack.appUrl}/flow/lifecycle`, { method: "POST", headers: { "Content-Type": "application/json", "X-Shopify-Hmac-SHA256": signature }, body });
}

let lamp: string;
beforeAll(async () => {
  const warehouse = shop().addLocation("Lifecycle warehouse");
  lamp = addVariant("Lifecycle Lamp", warehouse, 0);
  await t.settle();
});

describe("Shopify Flow lifecycle callbacks", () => {
  it("sends no trigger, and records none, for a shop without an enabled workflow", async () => {
    await waitingOrder(lamp, "Ada");
    expect(flowRequests()).toHaveLength(0);
    expect(await t.db.flowTrigger.count()).toBe(0);
  });

  it("sends a trigger once its workflow is enabled, and none again once it is disabled", async () => {
    expect(await setFlowWorkflow(t.stack, { handle: STARTED, enabled: true })).toEqual({ status: 200, enabled: true });
    expect(await storedState()).toMatchObject({ enabled: true });
    const grace = await waitingOrder(lamp, "Grace");
    expect(startedFor(grace)).toHaveLength(1);
    const sentBefore = flowRequests().length;
    expect(sentBefore).toBeGreaterThan(0);

    expect(await setFlowWorkflow(t.stack, { handle: STARTED, enabled: false })).toEqual({ status: 200, enabled: false });
    expect(await storedState()).toMatchObject({ enabled: false });
    const dora = await waitingOrder(lamp, "Dora");
    expect(startedFor(dora)).toEqual([]);
    expect(flowRequests()).toHaveLength(sentBefore);
  });

  it("ignores a callback older than the one it has", async () => {
    expect(await setFlowWorkflow(t.stack, { handle: STARTED, enabled: true })).toEqual({ status: 200, enabled: true });
    const newest = await storedState();
    // The disable before it arrives late: answered (Flow must get its 2xx) and not acted on.
    const older = new Date(newest!.changedAt.getTime() - 60_000).toISOString();
    expect(await setFlowWorkflow(t.stack, { handle: STARTED, enabled: false, timestamp: older })).toEqual({ status: 200, enabled: true });
    expect(await storedState()).toEqual(newest);
    const ellen = await waitingOrder(lamp, "Ellen");
    expect(startedFor(ellen)).toHaveLength(1);
  });

  it("refuses a forged callback with 401 and a malformed one with 400, and changes nothing", async () => {
    const before = await storedState();
    expect(before).toMatchObject({ enabled: true });
    const disable = JSON.stringify({ flow_trigger_definition_id: STARTED, has_enabled_flow: false, shop_id: 1, shopify_domain: shop().domain, timestamp: new Date(Date.now() + 86_400_000).toISOString() });
    const forged = await postCallback(disable, signBody(disable, "not-the-app-secret"));
    expect(forged.status).toBe(401);
    const unsigned = await fetch(`${t.stack.appUrl}/flow/lifecycle`, { method: "POST", headers: { "Content-Type": "application/json" }, body: disable });
    expect(unsigned.status).toBe(401);
    const malformed = JSON.stringify({ flow_trigger_definition_id: STARTED, has_enabled_flow: "no", shopify_domain: shop().domain, timestamp: "yesterday" });
    expect((await postCallback(malformed, signBody(malformed))).status).toBe(400);
    expect((await postCallback("not json", signBody("not json"))).status).toBe(400);
    expect(await storedState()).toEqual(before);
    const fay = await waitingOrder(lamp, "Fay");
    expect(startedFor(fay)).toHaveLength(1);
  });
});
