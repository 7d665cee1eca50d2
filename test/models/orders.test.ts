import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { PrismaClient } from "@prisma/client";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { listWaitingOrders, ORDERS_PAGE_SIZE, parseOrdersQuery, parsePriorityForm, setOrderPriority } from "../../app/models/orders.server";
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

const list = (search = "", page = 1) => listWaitingOrders(db, SHOP, { search, page });
const priorities = async (variantId: string) =>
  Object.fromEntries((await db.backorderLine.findMany({ where: { shop: SHOP, variantId, state: "waiting" } })).map((l) => [l.orderName, l.priority]));

beforeEach(async () => {
  database = createTestDatabase();
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

  it("parses the query leniently", () => {
    expect(parseOrdersQuery(new URLSearchParams("q=%20ada%20&page=3"))).toEqual({ search: "ada", page: 3 });
    expect(parseOrdersQuery(new URLSearchParams("page=-1"))).toEqual({ search: "", page: 1 });
    expect(parseOrdersQuery(new URLSearchParams("page=abc"))).toEqual({ search: "", page: 1 });
  });
});

describe("parsePriorityForm", () => {
  const messages = strings.orders.errors;
  it("accepts an intent and an order GID or number", () => {
    expect(parsePriorityForm({ intent: "front", orderId: "gid://shopify/Order/12" }, messages)).toEqual({ ok: true, intent: "front", orderId: "gid://shopify/Order/12" });
    expect(parsePriorityForm({ intent: "clear", orderId: " 12 " }, messages)).toEqual({ ok: true, intent: "clear", orderId: "gid://shopify/Order/12" });
  });
  it("refuses an unknown intent or a missing or malformed order ID", () => {
    expect(parsePriorityForm({ intent: "cancel", orderId: "12" }, messages)).toEqual({ ok: false, message: messages.unknownIntent });
    expect(parsePriorityForm({ intent: "front" }, messages)).toEqual({ ok: false, message: messages.orderId });
    expect(parsePriorityForm({ intent: "front", orderId: "gid://shopify/Product/12" }, messages)).toEqual({ ok: false, message: messages.orderId });
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
