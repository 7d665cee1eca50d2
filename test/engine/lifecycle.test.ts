/**
 * Everything around the main flow: healing missed webhooks with a resync,
 * failed work that a merchant can see and retry, the privacy webhooks, and
 * uninstalling.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { setFlowWorkflow } from "../support/flow-workflows";
import { stackForThisFile } from "../support/installed-stack";
import { storyIn } from "../support/shop-story";

let warehouse: string;

const t = stackForThisFile({ env: { BACKORDER_WORKER_MAX_ATTEMPTS: "2" } });
const shop = t.shop;
const { variantOf, ourHolds, addVariant: addVariantAt } = storyIn(shop);
const addVariant = (title: string, available: number, policy?: "CONTINUE" | "DENY") => addVariantAt(title, warehouse, available, policy);

/** An order by Noor Bakker at `email` (the customer data request below reports her name). */
const buy = (variantId: string, quantity: number, email: string) =>
  shop().placeOrder({ customer: { email, firstName: "Noor", lastName: "Bakker" }, lines: [{ variantId, quantity }] }).orderId;

const postToApp = async (path: string, fields: Record<string, string>) => (await t.request(`${path}.data`, { method: "POST", fields })).status;

beforeAll(() => {
  warehouse = shop().addLocation("Warehouse");
});

describe("resync", () => {
  it("heals what lost webhooks left undone when the merchant asks for a resync", async () => {
    const lamp = addVariant("Missed Lamp", 2);
    const kettle = addVariant("Missed Kettle", 1, "CONTINUE");
    await t.settle();
    t.stack.sandbox.webhooks.setFaults({ drop: 1000 });
    buy(lamp, 2, "lamp@example.com");
    buy(kettle, 1, "k1@example.com");
    const late = buy(kettle, 2, "k2@example.com");
    await t.settle();
    expect(variantOf(lamp).inventoryPolicy).toBe("DENY");
    expect(ourHolds(late)).toHaveLength(0);

    t.stack.sandbox.webhooks.setFaults({});
    // At once, while order search does not show the orders yet: the app looks again once it does.
    expect(await postToApp("/app/activity", { intent: "resync" })).toBe(200);
    await t.settle();
    expect(variantOf(lamp).inventoryPolicy).toBe("CONTINUE");
    expect(ourHolds(late)).toHaveLength(1);
    const reconcile = await t.db.activity.findFirst({ where: { kind: "reconcile", source: "merchant" } });
    expect(reconcile?.message).toMatch(/^Checked \d+ variants; \d+ to bring up to date$/);
  });
});

describe("failed work", () => {
  it("becomes a visible dead letter after its attempts, and runs again when the merchant retries it", async () => {
    const tent = addVariant("Dead Letter Tent", 1);
    await t.settle();
    t.stack.sandbox.adminApi.failNext(1_000, 401);
    buy(tent, 1, "tent@example.com");
    await t.settle();
    const dead = await t.db.job.findFirstOrThrow({ where: { status: "dead", kind: "sync-variant", subject: tent } });
    expect(dead.lastError).toMatch(/Unauthorized/);
    expect(await t.db.activity.count({ where: { kind: "job.dead", subject: tent } })).toBe(1);
    expect(variantOf(tent).inventoryPolicy).toBe("DENY");

    t.stack.sandbox.adminApi.failNext(0);
    expect(await postToApp("/app/activity", { intent: "retry", jobId: dead.id })).toBe(200);
    await t.settle();
    expect((await t.db.job.findUniqueOrThrow({ where: { id: dead.id } })).status).toBe("done");
    expect(variantOf(tent).inventoryPolicy).toBe("CONTINUE");
  });

  it("refuses to retry another shop's job", async () => {
    await t.db.job.create({ data: { id: "other.myshopify.com|sync-variant|x", shop: "other.myshopify.com", kind: "sync-variant", subject: "x", status: "dead" } });
    expect(await postToApp("/app/activity", { intent: "retry", jobId: "other.myshopify.com|sync-variant|x" })).toBe(404);
    expect((await t.db.job.findUniqueOrThrow({ where: { id: "other.myshopify.com|sync-variant|x" } })).status).toBe("dead");
  });
});

describe("privacy webhooks and uninstalling", () => {
  it("answers a customer data request from what is stored, and redacts the customer on request", async () => {
    const stove = addVariant("Private Stove", 0);
    await t.settle();
    const orderId = buy(stove, 1, "private@example.com");
    await t.settle();
    expect((await t.db.backorderLine.findFirstOrThrow({ where: { orderId } })).customerEmail).toBe("private@example.com");

    t.stack.sandbox.lifecycle.customerRequest("data_request", "private@example.com");
    await t.settle();
    const answer = await t.db.activity.findFirstOrThrow({ where: { kind: "compliance.data_request" } });
    expect(JSON.parse(answer.details!)).toEqual([expect.objectContaining({ customerEmail: "private@example.com", customerName: "Noor Bakker", quantity: 1 })]);

    t.stack.sandbox.lifecycle.customerRequest("redact", "private@example.com");
    await t.settle();
    const line = await t.db.backorderLine.findFirstOrThrow({ where: { orderId } });
    expect([line.customerEmail, line.customerName]).toEqual([null, null]);
    const stored = await t.db.webhookDelivery.findMany({ where: { topic: { startsWith: "orders/" } } });
    expect(stored.some((delivery) => delivery.payload.includes("private@example.com"))).toBe(false);
    // The order itself is still tracked: redaction removes the person, not the back-order.
    expect(line.state).toBe("waiting");
  });

  it("stops working for an uninstalled shop, and forgets it on shop/redact", async () => {
    const mug = addVariant("Uninstall Mug", 3);
    await t.settle();
    expect(await setFlowWorkflow(t.stack, { handle: "backorder-started", enabled: true })).toEqual({ status: 200, enabled: true });
    t.stack.sandbox.lifecycle.uninstall();
    await t.settle();
    expect(await t.db.session.count()).toBe(0);
    expect((await t.db.shopSettings.findFirstOrThrow()).uninstalledAt).not.toBeNull();

    const callsBefore = t.stack.sandbox.adminApiRequests().length;
    buy(mug, 3, "after@example.com");
    await t.settle();
    expect(t.stack.sandbox.adminApiRequests().length).toBe(callsBefore);
    expect(await t.db.job.count({ where: { status: { in: ["pending", "running"] } } })).toBe(0);

    t.stack.sandbox.lifecycle.shopRedact();
    await t.settle();
    const domain = shop().domain;
    const left = await Promise.all([
      t.db.backorderLine.count({ where: { shop: domain } }),
      t.db.trackedVariant.count({ where: { shop: domain } }),
      t.db.variantLevel.count({ where: { shop: domain } }),
      t.db.activity.count({ where: { shop: domain } }),
      t.db.shopSettings.count({ where: { shop: domain } }),
      t.db.webhookDelivery.count({ where: { shop: domain } }),
      t.db.dailySnapshot.count({ where: { shop: domain } }),
      t.db.noticeOutbox.count({ where: { shop: domain } }),
      t.db.noticeTemplate.count({ where: { shop: domain } }),
      t.db.flowWorkflowState.count({ where: { shop: domain } }),
    ]);
    expect(left).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
  });
});
