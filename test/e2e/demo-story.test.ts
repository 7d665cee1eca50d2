import { beforeAll, describe, expect, it } from "vitest";
import { DEMO_CAP, DEMO_POS_OVERSOLD, DEMO_RELEASED_ORDERS, playDemoStory, type DemoRoles } from "../sandbox/demo-story";
import { loadDashboard } from "../../app/models/dashboard.server";
import { isOverdue } from "../../app/domain/customer-promise";
import { addDays } from "../../app/domain/restock-eta";
import { todayIn } from "../../app/engine/settings.server";
import { FAST_WORKER_ENV } from "../support/engine";
import { stackForThisFile } from "../support/installed-stack";
import { openAppPage, storyIn } from "../support/shop-story";

// The demo shop as `npm run sandbox` starts it (seeded, with its story), the app not yet opened.
const t = stackForThisFile({ install: false, browser: true, env: FAST_WORKER_ENV });
const story = storyIn(t.shop);
const DAY = 86_400_000;
let roles: DemoRoles;

beforeAll(async () => {
  roles = await playDemoStory({ sandbox: t.stack.sandbox, appUrl: t.stack.appUrl, databaseUrl: t.stack.databaseUrl });
}, 300_000);

const shopDomain = () => t.shop().domain;
const waitingLines = () => t.db.backorderLine.findMany({ where: { shop: shopDomain(), state: "waiting", waitingUnits: { gt: 0 } }, orderBy: { orderedAt: "asc" } });

describe("the demo story", () => {
  it("leaves orders waiting for several variants, of different ages, each held in Shopify", async () => {
    const lines = await waitingLines();
    expect(new Set(lines.map((line) => line.variantId)).size).toBeGreaterThanOrEqual(4);
    const ages = new Set(lines.map((line) => Math.floor((Date.now() - line.orderedAt.getTime()) / DAY)));
    expect(ages.size).toBeGreaterThanOrEqual(6);
    expect(Math.max(...ages)).toBeGreaterThan(30);
    expect(ages.has(0)).toBe(true);
    for (const line of lines) {
      expect(story.ourHolds(line.orderId)).not.toEqual([]);
      expect(line.shipsOn).not.toBeNull();
    }
  });

  it("has one variant at its cap: sold out in Shopify, with exactly the capped units waiting", async () => {
    const capped = await t.db.trackedVariant.findUniqueOrThrow({ where: { shop_variantId: { shop: shopDomain(), variantId: roles.cappedVariantId } } });
    expect(capped.status).toBe("sold_out");
    const rule = await t.db.variantRule.findUniqueOrThrow({ where: { shop_variantId: { shop: shopDomain(), variantId: roles.cappedVariantId } } });
    expect(rule.waitingCap).toBe(DEMO_CAP);
    const waiting = (await waitingLines()).filter((line) => line.variantId === roles.cappedVariantId);
    expect(waiting.reduce((sum, line) => sum + line.waitingUnits, 0)).toBe(DEMO_CAP);
    expect(story.variantOf(roles.cappedVariantId).inventoryPolicy).toBe("DENY");
  });

  it("released the oldest orders when part of the delivery arrived, in Shopify and in the activity log", async () => {
    const released = await t.db.backorderLine.findMany({ where: { shop: shopDomain(), state: "released" }, orderBy: { orderedAt: "asc" } });
    expect(released.map((line) => line.variantId)).toEqual(Array(DEMO_RELEASED_ORDERS).fill(roles.delivery.variantId));
    const stillWaiting = (await waitingLines()).filter((line) => line.variantId === roles.delivery.variantId);
    expect(stillWaiting.length).toBeGreaterThan(0);
    // Oldest first: every order released is older than every order still waiting for the variant.
    for (const line of released) {
      expect(line.orderedAt.getTime()).toBeLessThan(stillWaiting[0]!.orderedAt.getTime());
      expect(story.ourHolds(line.orderId)).toEqual([]);
      expect(story.orderOf(line.orderId).tags).not.toContain("backorder");
    }
    const releases = await t.db.activity.findMany({ where: { shop: shopDomain(), kind: "order.release" } });
    for (const line of released) expect(releases.some((entry) => entry.message.includes(line.orderName))).toBe(true);
    // The rest of the delivery is still on its way for those still waiting.
    expect(story.variantOf(roles.delivery.variantId).levels.some((level) => level.incoming > 0)).toBe(true);
  });

  it("has orders past the date the badge promised them at checkout, and orders still within it, and Home counts the late ones", async () => {
    const settings = await t.db.shopSettings.findUniqueOrThrow({ where: { shop: shopDomain() } });
    const today = todayIn(settings.timezone);
    const lines = await waitingLines();
    // The seeded orders came through the storefront: each was promised its order day + lead time + handling.
    const seeded = lines.filter((line) => story.orderOf(line.orderId).lineItems.some((item) => item.properties["_backorder_ships_on"]));
    expect(seeded.length).toBeGreaterThanOrEqual(6);
    for (const line of seeded) {
      const orderDay = line.orderedAt.toISOString().slice(0, 10);
      expect(line.promisedOn).toBe(addDays(orderDay, (settings.defaultLeadTimeDays ?? 14) + settings.handlingDays));
    }
    const overdue = lines.filter((line) => isOverdue(line, today));
    expect(overdue.length).toBeGreaterThan(0);
    expect(overdue.length).toBeLessThan(lines.length);
    // Late lines are the old ones: promised more than two weeks ago, while the expected date is still ahead.
    for (const line of overdue) expect(line.shipsOn! >= today).toBe(true);
    expect((await loadDashboard(t.db, shopDomain())).alerts.etaPassed).toBe(overdue.length);
  });

  it("has a point-of-sale sale below zero at the till: shown as units no online order waits for, nothing held for it", async () => {
    const { variantId, locationId } = roles.pointOfSale;
    const level = story.variantOf(variantId).levels.find((l) => l.locationId === locationId)!;
    expect(level.available).toBe(-DEMO_POS_OVERSOLD);
    const tracked = await t.db.trackedVariant.findUniqueOrThrow({ where: { shop_variantId: { shop: shopDomain(), variantId } } });
    expect(tracked.unexplainedUnits).toBe(DEMO_POS_OVERSOLD);
    expect((await waitingLines()).filter((line) => line.variantId === variantId)).toEqual([]);
  });

  it("gives Home something in every figure and the cap alert", async () => {
    const dashboard = await loadDashboard(t.db, shopDomain());
    expect(dashboard.empty).toBe(false);
    expect(dashboard.backorderedVariants).toBeGreaterThanOrEqual(5);
    expect(dashboard.waitingOrders).toBeGreaterThanOrEqual(8);
    expect(dashboard.oldestWaitDays).toBeGreaterThan(30);
    expect(dashboard.incomingUnits).toBeGreaterThan(0);
    expect(dashboard.nextRestock).not.toBeNull();
    expect(dashboard.alerts.atCap).toBe(1);
  });

  it("shows it on the admin pages of the first visit", async () => {
    const [oldest] = await waitingLines();
    const [released] = await t.db.backorderLine.findMany({ where: { shop: shopDomain(), state: "released" } });
    const variantPath = `/app/variants/${roles.delivery.variantId.split("/").pop()}`;
    const expectations: [string, string][] = [
      // Home's recent activity ends with the releases.
      ["/app", released!.orderName],
      ["/app/variants", story.variantOf(roles.cappedVariantId).sku],
      ["/app/orders", oldest!.orderName],
      [variantPath, (await waitingLines()).find((line) => line.variantId === roles.delivery.variantId)!.orderName],
      ["/app/activity", released!.orderName],
    ];
    for (const [path, text] of expectations) {
      const { page, app, pageErrors } = await openAppPage(t.browser, t.stack, path);
      await app.getByText(text, { exact: false }).first().waitFor({ timeout: 30_000 });
      expect(pageErrors).toEqual([]);
      await page.close();
    }
  });
});
