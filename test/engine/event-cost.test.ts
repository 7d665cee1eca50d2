/**
 * Issue 13: the merchant's Admin API budget is shared by every app on the store, so what one
 * event costs must not grow with the number of orders already waiting. The same events are
 * played against a variant with few and with many waiting orders, and the Admin API requests
 * they cause are counted from the sandbox's request log (exact counts; speed is the bench's).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { stackForThisFile } from "../support/installed-stack";
import { storyIn } from "../support/shop-story";

const FEW = 10;
/** Enough that a read per waiting order (ten orders a request) would show; `npm run bench` prints K = 1,000 and 10,000. */
const MANY = Number(process.env.EVENT_COST_MANY_WAITING ?? 150);

const t = stackForThisFile();
const shop = t.shop;
const { addVariant, buy } = storyIn(shop);
let warehouse: string;

beforeAll(() => {
  warehouse = shop().addLocation("Warehouse");
});

/** A back-ordered variant with `waiting` orders of one unit each held for it. */
async function variantWithWaitingOrders(title: string, waiting: number): Promise<{ variantId: string; orders: string[] }> {
  const variantId = addVariant(title, warehouse, 1);
  await t.settle();
  buy(variantId, "First");
  await t.settle();
  const orders: string[] = [];
  for (let index = 0; index < waiting; index += 1) {
    orders.push(buy(variantId, `Waiting${index}`));
    // In steps, as a store sells: the app keeps up with each burst.
    if (index % 50 === 49) await t.settle(120_000);
  }
  await t.settle(120_000);
  expect(await t.db.backorderLine.count({ where: { variantId, state: "waiting", waitingUnits: { gt: 0 } } })).toBe(waiting);
  return { variantId, orders };
}

/** The Admin API requests an action causes, once the app settled, by operation name. */
async function requestsCausedBy(action: () => void): Promise<string[]> {
  const before = t.stack.sandbox.adminApiRequests().length;
  action();
  await t.settle(120_000);
  return t.stack.sandbox.adminApiRequests().slice(before).map((request) => request.operationName ?? "?");
}

interface EventCosts {
  newOrder: string[];
  routineUpdate: string[];
  oneUnitRestocked: string[];
}

async function costsWith(title: string, waiting: number): Promise<EventCosts> {
  const { variantId, orders } = await variantWithWaitingOrders(title, waiting);
  return {
    newOrder: await requestsCausedBy(() => buy(variantId, "Newcomer")),
    routineUpdate: await requestsCausedBy(() => shop().touchOrder(shop().orderOrThrow(orders[waiting - 1]!))),
    oneUnitRestocked: await requestsCausedBy(() => shop().receiveStock(variantId, warehouse, 1)),
  };
}

/** Reads of orders, which would grow with the orders waiting if the engine re-read them. */
const ORDER_READS = new Set(["OpenOrders", "OrdersById", "OrderHolds"]);
/** A look at the variant: its levels read afresh. */
const LOOK = "VariantStock";
/**
 * Looks one event may take, whatever waits: the decision, the one the order's routing webhook
 * brings when its two webhooks are worked on apart, and the look again once order search caught up
 * that stands in for a lost routing webhook (timing, not waiting orders).
 */
const MOST_LOOKS = 3;

/**
 * The same event with many orders waiting costs what it costs with few: the same requests apart
 * from the looks timing adds, no more order reads per look than with few (an event reads only the
 * orders it was told about), and never the window of open orders.
 */
function expectSameCost(few: string[], many: string[]): void {
  const message = `${FEW} waiting: ${few.join(", ")}\n${MANY} waiting: ${many.join(", ")}`;
  const count = (requests: string[], test: (name: string) => boolean) => requests.filter(test).length;
  const looks = (requests: string[]) => Math.max(1, count(requests, (name) => name === LOOK));
  const orderReadsPerLook = (requests: string[]) => count(requests, (name) => ORDER_READS.has(name)) / looks(requests);
  const besideLooks = (requests: string[]) => requests.filter((name) => name !== LOOK && !ORDER_READS.has(name)).sort();
  expect(orderReadsPerLook(many), message).toBeLessThanOrEqual(Math.max(1, orderReadsPerLook(few)));
  expect(looks(many), message).toBeLessThanOrEqual(MOST_LOOKS);
  expect(besideLooks(many), message).toEqual(besideLooks(few));
  expect(many, message).not.toContain("OpenOrders");
}

describe("what an event costs in Admin API requests", () => {
  let few: EventCosts;
  let many: EventCosts;

  beforeAll(async () => {
    few = await costsWith("Few Waiting Lamp", FEW);
    many = await costsWith("Many Waiting Lamp", MANY);
  }, 900_000);

  it("a new order costs the same with many orders waiting as with few", () => {
    expectSameCost(few.newOrder, many.newOrder);
  });

  it("a new order is read once, with its checkout date and customer, not again for its waiting line", () => {
    for (const requests of [few.newOrder, many.newOrder]) {
      // Once per look at the variant (twice when the order's routing webhook brings a second look).
      const count = (operation: string) => requests.filter((name) => name === operation).length;
      expect(count("OrdersById"), requests.join(", ")).toBeLessThanOrEqual(count("VariantStock"));
      expect(requests).not.toContain("NewWaitingLines");
      // Its back-order confirmation is written from what that read stored: no read of its own.
      expect(requests).not.toContain("NoticeOrder");
    }
  });

  it("a routine order update costs nothing", () => {
    expect(few.routineUpdate).toEqual([]);
    expect(many.routineUpdate).toEqual([]);
  });

  it("one unit restocked costs the same with many orders waiting as with few", () => {
    expectSameCost(few.oneUnitRestocked, many.oneUnitRestocked);
  });
});
