import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { PrismaClient } from "@prisma/client";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { applyOrderAction, listWaitingOrders, ORDERS_PAGE_SIZE, parseOrderAction, parseOrdersQuery, setOrderPriority } from "../../app/models/orders.server";
import { strings } from "../../app/i18n/strings";

const SHOP = "orders-test.myshopify.com";
const OTHER = "someone-else.myshopify.com";
const LAMP = "gid://shopify/ProductVariant/1";
const KETTLE = "gid://shopify/ProductVariant/2";

let database: TestDatabase;
let db: PrismaClient;
let lineSeq = 0;

async function variant(shop: string, variantId: string, title: string) {
  await db.trackedVariant.create({
    data: { shop, variantId, productId: "gid://shopify/Product/1", inventoryItemId: `gid://shopify/InventoryItem/${variantId.split("/").pop()}`, title, merchantPolicy: "DENY", status: "backorder", sellable: 0 },
  });
}

async function line(shop: string, order: number, variantId: string, fields: { queuePosition?: number; priority?: number; state?: string; waitingUnits?: number; customerName?: string; orderedAt?: Date } = {}) {
  lineSeq += 1;
  await db.backorderLine.create({
    data: {
      shop,
      lineItemId: `gid://shopify/LineItem/${lineSeq}`,
      orderId: `gid://shopify/Order/${order}`,
      orderName: `#${order}`,
      orderedAt: fields.orderedAt ?? new Date(Date.UTC(2026, 0, 1, 0, order % 60)),
      variantId,
      locationId: "gid://shopify/Location/1",
      quantity: fields.waitingUnits ?? 1,
      waitingUnits: fields.waitingUnits ?? 1,
      queuePosition: fields.queuePosition ?? null,
      priority: fields.priority ?? 0,
      state: fields.state ?? "waiting",
      customerName: fields.customerName ?? `Customer ${order}`,
      customerEmail: `c${order}@example.com`,
    },
  });
}

const TODAY = "2026-03-10";
const list = (search = "", page = 1, overdue = false) => listWaitingOrders(db, SHOP, { search, overdue, page }, TODAY);
const priorities = async (variantId: string) =>
  Object.fromEntries((await db.backorderLine.findMany({ where: { shop: SHOP, variantId, state: "waiting" } })).map((l) => [l.orderName, l.priority]));

beforeEach(async () => {
  database = await createTestDatabase();
  db = database.db;
  await variant(SHOP, LAMP, "Lamp");
  await variant(SHOP, KETTLE, "Kettle");
  await variant(OTHER, LAMP, "Foreign Lamp");
  await line(SHOP, 1001, LAMP, { queuePosition: 2, customerName: "Ada Lovelace" });
  await line(SHOP, 1002, LAMP, { queuePosition: 1, customerName: "Grace Hopper" });
  await line(SHOP, 1003, KETTLE, { queuePosition: 1, customerName: "Alan Turing" });
  await line(SHOP, 1004, LAMP, { state: "released", waitingUnits: 0 });
  await line(SHOP, 1005, LAMP, { waitingUnits: 0 });
  await line(OTHER, 1006, LAMP, { queuePosition: 1, customerName: "Foreign Customer" });
});

afterEach(async () => {
  await database.drop();
});

describe("listWaitingOrders", () => {
  it("lists the shop's waiting lines by variant then queue position, with the variant's title", async () => {
    const page = await list();
    expect(page.total).toBe(3);
    expect(page.rows.map((r) => [r.orderName, r.variantTitle, r.queuePosition, r.customer])).toEqual([
      ["#1002", "Lamp", 1, "Grace Hopper"],
      ["#1001", "Lamp", 2, "Ada Lovelace"],
      ["#1003", "Kettle", 1, "Alan Turing"],
    ]);
    expect(page.rows[0]).toMatchObject({ orderId: "gid://shopify/Order/1002", waitingUnits: 1, priority: 0, orderedAt: expect.any(String) });
    expect(page).toMatchObject({ page: 1, pageCount: 1, hasNext: false, hasPrevious: false });
  });

  it("searches by order name and customer name or email", async () => {
    expect((await list("#1003")).rows.map((r) => r.orderName)).toEqual(["#1003"]);
    expect((await list("grace")).rows.map((r) => r.orderName)).toEqual(["#1002"]);
    expect((await list("c1001@")).rows.map((r) => r.orderName)).toEqual(["#1001"]);
    expect((await list("Foreign")).rows).toEqual([]);
  });

  it("pages by 50 and clamps the page to the last one", async () => {
    for (let i = 0; i < ORDERS_PAGE_SIZE; i++) await line(SHOP, 2000 + i, KETTLE, { queuePosition: i + 2 });
    const first = await list();
    expect(first.rows).toHaveLength(ORDERS_PAGE_SIZE);
    expect(first).toMatchObject({ total: 53, pageCount: 2, hasNext: true, hasPrevious: false });
    const second = await list("", 9);
    expect(second).toMatchObject({ page: 2, hasNext: false, hasPrevious: true });
    expect(second.rows).toHaveLength(3);
  });

  it("lists only the lines past their ship date (before the shop's today) when asked", async () => {
    await db.backorderLine.updateMany({ where: { shop: SHOP, orderName: "#1001" }, data: { shipsOn: "2026-03-09" } });
    await db.backorderLine.updateMany({ where: { shop: SHOP, orderName: "#1002" }, data: { shipsOn: TODAY } });
    await db.backorderLine.updateMany({ where: { shop: OTHER }, data: { shipsOn: "2026-01-01" } });
    expect((await list("", 1, true)).rows.map((row) => row.orderName)).toEqual(["#1001"]);
    expect((await list("grace", 1, true)).rows).toEqual([]);
    expect((await list()).total).toBe(3);
  });

  it("judges a line overdue by the date its customer was promised, not the later date it is now expected", async () => {
    // Promised before today, expected later: overdue. Promised today, expected yesterday (stale): not yet.
    await db.backorderLine.updateMany({ where: { shop: SHOP, orderName: "#1001" }, data: { promisedOn: "2026-03-03", shipsOn: "2026-04-01" } });
    await db.backorderLine.updateMany({ where: { shop: SHOP, orderName: "#1002" }, data: { promisedOn: TODAY, shipsOn: "2026-03-09" } });
    // No promise recorded: its expected date decides.
    await db.backorderLine.updateMany({ where: { shop: SHOP, orderName: "#1003" }, data: { shipsOn: "2026-03-08" } });
    // Released lines are never overdue, whatever they were promised.
    await db.backorderLine.updateMany({ where: { shop: SHOP, orderName: "#1004" }, data: { promisedOn: "2026-01-01" } });
    const overdue = await list("", 1, true);
    expect(overdue.rows.map((row) => row.orderName).sort()).toEqual(["#1001", "#1003"]);
    expect(overdue.total).toBe(2);
    expect(overdue.rows.find((row) => row.orderName === "#1001")).toMatchObject({ promisedOn: "2026-03-03", shipsOn: "2026-04-01" });
    expect((await list("ada", 1, true)).rows.map((row) => row.orderName)).toEqual(["#1001"]);
    expect((await list("turing", 1, true)).rows.map((row) => row.orderName)).toEqual(["#1003"]);
  });

  it("parses the query leniently", () => {
    expect(parseOrdersQuery(new URLSearchParams("q=%20ada%20&page=3"))).toEqual({ search: "ada", overdue: false, page: 3 });
    expect(parseOrdersQuery(new URLSearchParams("page=-1&overdue=1"))).toEqual({ search: "", overdue: true, page: 1 });
    expect(parseOrdersQuery(new URLSearchParams("page=abc&overdue=yes"))).toEqual({ search: "", overdue: false, page: 1 });
  });
});

describe("parseOrderAction", () => {
  const messages = strings.orders.errors;
  it("accepts an intent and an order GID or number", () => {
    expect(parseOrderAction({ intent: "front", orderId: "gid://shopify/Order/12" }, messages)).toEqual({ ok: true, action: { intent: "front", orderId: "gid://shopify/Order/12" } });
    expect(parseOrderAction({ intent: "clear", orderId: " 12 " }, messages)).toEqual({ ok: true, action: { intent: "clear", orderId: "gid://shopify/Order/12" } });
    expect(parseOrderAction({ intent: "release", orderId: "12" }, messages)).toEqual({ ok: true, action: { intent: "release", orderId: "gid://shopify/Order/12" } });
  });
  it("takes a line and a location for a cancel, and whether to tell the customer", () => {
    expect(parseOrderAction({ intent: "cancel", lineItemId: "gid://shopify/LineItem/5", locationId: "7", notifyCustomer: "true" }, messages)).toEqual({
      ok: true,
      action: { intent: "cancel", lineItemId: "gid://shopify/LineItem/5", locationId: "gid://shopify/Location/7", notifyCustomer: true },
    });
    expect(parseOrderAction({ intent: "cancel", lineItemId: "5", locationId: "7", notifyCustomer: "false" }, messages)).toMatchObject({ ok: true, action: { notifyCustomer: false } });
    expect(parseOrderAction({ intent: "cancel", lineItemId: "5", locationId: "7" }, messages)).toMatchObject({ ok: true, action: { notifyCustomer: false } });
  });
  it("refuses an unknown intent or a missing or malformed ID", () => {
    expect(parseOrderAction({ intent: "delete", orderId: "12" }, messages)).toEqual({ ok: false, message: messages.unknownIntent });
    expect(parseOrderAction({ intent: "front" }, messages)).toEqual({ ok: false, message: messages.orderId });
    expect(parseOrderAction({ intent: "release", orderId: "gid://shopify/Product/12" }, messages)).toEqual({ ok: false, message: messages.orderId });
    expect(parseOrderAction({ intent: "cancel", orderId: "12" }, messages)).toEqual({ ok: false, message: messages.line });
    expect(parseOrderAction({ intent: "cancel", lineItemId: "gid://shopify/Order/5", locationId: "7" }, messages)).toEqual({ ok: false, message: messages.line });
    expect(parseOrderAction({ intent: "cancel", lineItemId: "5", locationId: "-7" }, messages)).toEqual({ ok: false, message: messages.line });
  });
});

describe("Release now", () => {
  const release = (shop: string, order: number) => applyOrderAction(db, shop, { intent: "release", orderId: `gid://shopify/Order/${order}` }, () => Promise.reject(new Error("release needs no Admin API")));

  it("takes the order out of the queue and syncs the order and its variants", async () => {
    await line(SHOP, 1001, KETTLE, { queuePosition: 2 });
    expect(await release(SHOP, 1001)).toEqual({ ok: true, message: strings.orders.released("#1001") });
    const lines = await db.backorderLine.findMany({ where: { shop: SHOP, orderName: "#1001" } });
    expect(lines).toHaveLength(2);
    for (const released of lines) {
      // Still "waiting" until the order's sync has released its holds in Shopify; no longer in the list.
      expect(released).toMatchObject({ merchantAction: "released", waitingUnits: 0, queuePosition: null, state: "waiting" });
      expect(released.merchantActionAt).toBeInstanceOf(Date);
    }
    expect((await list()).rows.map((row) => row.orderName)).not.toContain("#1001");
    const jobs = await db.job.findMany({ orderBy: { id: "asc" } });
    expect(jobs.map((job) => [job.kind, job.subject, job.source])).toEqual(
      expect.arrayContaining([["sync-order", "gid://shopify/Order/1001", "merchant"], ["sync-variant", LAMP, "merchant"], ["sync-variant", KETTLE, "merchant"]]),
    );
    expect(jobs).toHaveLength(3);
    const logged = await db.activity.findFirstOrThrow({ where: { shop: SHOP } });
    expect(logged).toMatchObject({ kind: "order.released_by_merchant", subject: "gid://shopify/Order/1001", source: "merchant" });
  });

  it("is a 404 for another shop's order, an unknown one, and one already released", async () => {
    const notFound = { ok: false, status: 404, message: strings.orders.notFound };
    expect(await release(SHOP, 1006)).toEqual(notFound);
    expect(await release(SHOP, 999)).toEqual(notFound);
    expect(await release(SHOP, 1004)).toEqual(notFound);
    expect(await release(OTHER, 1001)).toEqual(notFound);
    expect(await release(SHOP, 1002)).toMatchObject({ ok: true });
    expect(await release(SHOP, 1002)).toEqual(notFound);
    expect((await db.backorderLine.findFirstOrThrow({ where: { shop: OTHER } })).merchantAction).toBeNull();
  });

  it("answers 503 for a cancel when the app has no session for the shop, changing nothing", async () => {
    const outcome = await applyOrderAction(db, SHOP, { intent: "cancel", lineItemId: "gid://shopify/LineItem/1", locationId: "gid://shopify/Location/1", notifyCustomer: true }, async () => null);
    expect(outcome).toEqual({ ok: false, status: 503, message: strings.errors.noSession });
    expect(await db.backorderLine.count({ where: { merchantAction: { not: null } } })).toBe(0);
  });
});

describe("setOrderPriority", () => {
  it("moves an order ahead of the highest priority of its variant and queues a merchant sync", async () => {
    await db.backorderLine.updateMany({ where: { shop: SHOP, orderName: "#1002" }, data: { priority: 4 } });
    const result = await setOrderPriority(db, SHOP, "gid://shopify/Order/1001", "front");
    expect(result).toEqual({ ok: true, orderName: "#1001", variantIds: [LAMP] });
    expect(await priorities(LAMP)).toMatchObject({ "#1001": 5, "#1002": 4 });
    // Another shop's lines and other variants are untouched.
    expect((await db.backorderLine.findFirstOrThrow({ where: { shop: OTHER } })).priority).toBe(0);
    expect(await priorities(KETTLE)).toEqual({ "#1003": 0 });
    const jobs = await db.job.findMany();
    expect(jobs.map((job) => [job.shop, job.kind, job.subject, job.source, job.status])).toEqual([[SHOP, "sync-variant", LAMP, "merchant", "pending"]]);
  });

  it("is stable when repeated, and syncs each variant of a multi-variant order", async () => {
    await line(SHOP, 1001, KETTLE, { queuePosition: 2 });
    await setOrderPriority(db, SHOP, "gid://shopify/Order/1001", "front");
    const again = await setOrderPriority(db, SHOP, "gid://shopify/Order/1001", "front");
    expect(again).toMatchObject({ ok: true, variantIds: [LAMP, KETTLE].sort() });
    expect(await priorities(LAMP)).toMatchObject({ "#1001": 1, "#1002": 0 });
    expect(await priorities(KETTLE)).toMatchObject({ "#1001": 1, "#1003": 0 });
    expect((await db.job.findMany({ orderBy: { subject: "asc" } })).map((job) => job.subject)).toEqual([LAMP, KETTLE].sort());
  });

  it("removes the priority and syncs again", async () => {
    await setOrderPriority(db, SHOP, "gid://shopify/Order/1001", "front");
    await db.job.updateMany({ data: { status: "done" } });
    expect(await setOrderPriority(db, SHOP, "gid://shopify/Order/1001", "clear")).toMatchObject({ ok: true });
    expect(await priorities(LAMP)).toMatchObject({ "#1001": 0 });
    expect((await db.job.findFirstOrThrow()).status).toBe("pending");
  });

  it("refuses another shop's order, an unknown one and one no longer waiting with 404", async () => {
    expect(await setOrderPriority(db, SHOP, "gid://shopify/Order/1006", "front")).toEqual({ ok: false, status: 404 });
    expect(await setOrderPriority(db, SHOP, "gid://shopify/Order/999", "front")).toEqual({ ok: false, status: 404 });
    expect(await setOrderPriority(db, SHOP, "gid://shopify/Order/1004", "front")).toEqual({ ok: false, status: 404 });
    expect(await setOrderPriority(db, OTHER, "gid://shopify/Order/1001", "clear")).toEqual({ ok: false, status: 404 });
    expect((await db.backorderLine.findFirstOrThrow({ where: { shop: OTHER } })).priority).toBe(0);
    expect(await db.job.count()).toBe(0);
  });
});
