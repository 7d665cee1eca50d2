/**
 * Shopify Flow triggers end to end: the built app fires "Backorder started", "Backorder date
 * changed" and "Backorder released" through flowTriggerReceive into the sandbox, once per event,
 * with the extension's fields, while every webhook arrives twice and a full resync runs between. The
 * merchant has a workflow enabled for each trigger (test/engine/flow-lifecycle.test.ts: without one, none is sent).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { addDays } from "../../app/domain/restock-eta";
import { enableAllFlowWorkflows } from "../support/flow-workflows";
import { stackForThisFile } from "../support/installed-stack";
import { shopCalendar, storyIn } from "../support/shop-story";

const t = stackForThisFile();
const shop = t.shop;
const { addVariant, buy } = storyIn(shop);
const numericId = (gid: string) => Number(gid.split("/").pop());
const triggersOf = (orderId: string) => t.stack.sandbox.flowTriggers.received().filter((trigger) => trigger.payload.order_id === numericId(orderId));
const handlesOf = (orderId: string) => triggersOf(orderId).map((trigger) => trigger.handle);

let warehouse: string;
let today: string;
let handling: number;

beforeAll(async () => {
  warehouse = shop().addLocation("Flow warehouse");
  ({ today, handling } = await shopCalendar(t.db, shop().domain));
  await enableAllFlowWorkflows(t.stack);
});

describe("Shopify Flow triggers", () => {
  it("fires started, date changed and released once each for a line, whatever the webhooks and resyncs do", async () => {
    t.stack.sandbox.webhooks.setFaults({ duplicate: Number.MAX_SAFE_INTEGER });
    try {
      const lamp = addVariant("Flow Lamp", warehouse, 0);
      await t.settle();
      const ada = buy(lamp, "Ada", 2);
      await t.settle();
      const line = await t.db.backorderLine.findFirstOrThrow({ where: { orderId: ada } });
      const variant = await t.db.trackedVariant.findUniqueOrThrow({ where: { shop_variantId: { shop: shop().domain, variantId: lamp } } });

      expect(handlesOf(ada)).toEqual(["backorder-started"]);
      expect(triggersOf(ada)[0]!.payload).toEqual({
        order_id: numericId(ada),
        product_id: numericId(variant.productId),
        "Order name": line.orderName,
        "Variant ID": lamp,
        "Variant title": variant.title,
        SKU: "FLOW-LAMP",
        "Units waiting": 2,
        "Ships on": line.shipsOn,
      });

      // The merchant sets a restock date: the line's date moves once.
      const restockDate = addDays(today, 30);
      const saved = await t.request(`/app/variants/${numericId(lamp)}.data`, { method: "POST", fields: { restockDate } });
      expect(saved.status, saved.text).toBe(200);
      await t.settle();
      expect(handlesOf(ada)).toEqual(["backorder-started", "backorder-date-changed"]);
      expect(triggersOf(ada)[1]!.payload).toMatchObject({ "Ships on": addDays(restockDate, handling), "Previous ships on": line.shipsOn, Later: addDays(restockDate, handling) > line.shipsOn! });

      // A full resync reads everything again and finds nothing new to announce.
      const resync = await t.request("/app/activity.data", { method: "POST", fields: { intent: "resync" } });
      expect(resync.status, resync.text).toBe(200);
      await t.settle();
      expect(handlesOf(ada)).toEqual(["backorder-started", "backorder-date-changed"]);

      // Stock arrives: released once.
      shop().receiveStock(lamp, warehouse, 2);
      await t.settle();
      expect(handlesOf(ada)).toEqual(["backorder-started", "backorder-date-changed", "backorder-released"]);
      expect(triggersOf(ada)[2]!.payload).toMatchObject({ "Order name": line.orderName, Units: 2, "Released on": today });

      // Every trigger was accepted by Flow: nothing refused, nothing left to send.
      const rows = await t.db.flowTrigger.findMany({ where: { shop: shop().domain } });
      expect(rows.filter((row) => row.settledAt === null || row.lastError !== null)).toEqual([]);
    } finally {
      t.stack.sandbox.webhooks.setFaults({});
    }
  });

  it("a sync rerun after a crash that lost the line's write records the same trigger, and Flow gets it once", async () => {
    const kettle = addVariant("Flow Kettle", warehouse, 0);
    await t.settle();
    const grace = buy(kettle, "Grace", 1);
    await t.settle();
    expect(handlesOf(grace)).toEqual(["backorder-started"]);
    const rows = await t.db.flowTrigger.count();
    // The trigger row is written before the line: a crash in between leaves the row and no line.
    await t.db.backorderLine.deleteMany({ where: { orderId: grace } });
    const resync = await t.request("/app/activity.data", { method: "POST", fields: { intent: "resync" } });
    expect(resync.status, resync.text).toBe(200);
    await t.settle();
    expect(await t.db.backorderLine.count({ where: { orderId: grace, state: "waiting" } })).toBe(1);
    expect(await t.db.flowTrigger.count()).toBe(rows);
    expect(handlesOf(grace)).toEqual(["backorder-started"]);
  });

  it("forgets triggers settled more than 30 days ago when it sends the next ones", async () => {
    const old = new Date(Date.now() - 31 * 86_400_000);
    const recent = new Date(Date.now() - 2 * 86_400_000);
    await t.db.flowTrigger.createMany({
      data: [
        { eventKey: "old", shop: shop().domain, handle: "backorder-started", payload: "{}", createdAt: old, settledAt: old },
        { eventKey: "recent", shop: shop().domain, handle: "backorder-started", payload: "{}", createdAt: recent, settledAt: recent },
      ],
    });
    const vase = addVariant("Flow Vase", warehouse, 0);
    await t.settle();
    const dora = buy(vase, "Dora", 1);
    await t.settle();
    expect(handlesOf(dora)).toEqual(["backorder-started"]);
    expect((await t.db.flowTrigger.findMany({ where: { eventKey: { in: ["old", "recent"] } } })).map((row) => row.eventKey)).toEqual(["recent"]);
  });
});
