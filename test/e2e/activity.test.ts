/**
 * The Activity page in Chromium in the admin shell: every automatic action with
 * the webhook that caused it, a failed task the merchant retries, Resync now.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { openAppPage, storyIn } from "../support/shop-story";
import { stackForThisFile } from "../support/installed-stack";

let warehouse: string;

const t = stackForThisFile({ browser: true, env: { BACKORDER_WORKER_MAX_ATTEMPTS: "2" } });
const shop = t.shop;
const { addVariant, buy, variantOf } = storyIn(shop);

beforeAll(() => {
  warehouse = shop().addLocation("Warehouse");
});

describe("the Activity page", () => {
  it("shows what the app did and the webhook behind it; a failed task is retried and a resync runs from the page", async () => {
    const lamp = addVariant("Activity Lamp", warehouse, 1);
    await t.settle();
    buy(lamp, "Ada");
    await t.settle();
    const marked = await t.db.activity.findFirstOrThrow({ where: { kind: "variant.policy", subject: lamp }, orderBy: { id: "desc" } });
    const cause = await t.db.webhookDelivery.findUniqueOrThrow({ where: { webhookId: marked.source! } });

    // A task that keeps failing becomes a dead letter.
    const tent = addVariant("Activity Tent", warehouse, 1);
    await t.settle();
    t.stack.sandbox.adminApi.failNext(1_000, 401);
    buy(tent, "Grace");
    await t.settle();
    expect(await t.db.job.count({ where: { status: "dead", subject: tent } })).toBe(1);
    t.stack.sandbox.adminApi.failNext(0);

    const { page, app, pageErrors } = await openAppPage(t.browser, t.stack, "/app/activity");
    const row = app.getByRole("row", { name: new RegExp(marked.message.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")) }).first();
    await row.waitFor({ timeout: 30_000 });
    await expect(row.innerText()).resolves.toContain(`Shopify webhook ${cause.topic}`);
    await expect(row.innerText()).resolves.toContain(cause.webhookId);

    // The variant's sync and the expansion of its order's routing webhook both gave up.
    const dead = await t.db.job.findMany({ where: { status: "dead" }, orderBy: { id: "asc" } });
    expect(dead.length).toBeGreaterThanOrEqual(1);
    await app.getByText(`${dead.length} task(s) failed and need attention`).waitFor();
    for (const job of dead) {
      await app.getByRole("button", { name: `Retry ${job.kind} ${job.subject}` }).click();
      await expect.poll(async () => (await t.db.job.findUniqueOrThrow({ where: { id: job.id } })).status, { timeout: 30_000 }).not.toBe("dead");
    }
    await page.getByText("Queued again.").first().waitFor({ timeout: 30_000 });
    await t.settle();
    expect(await t.db.job.count({ where: { status: "dead" } })).toBe(0);
    expect(variantOf(tent).inventoryPolicy).toBe("CONTINUE");

    const before = (await t.db.shopSettings.findUniqueOrThrow({ where: { shop: shop().domain } })).lastReconciledAt;
    await app.getByRole("button", { name: "Resync now" }).click();
    await page.getByText("A full resync has started.").first().waitFor({ timeout: 30_000 });
    await t.settle();
    const after = (await t.db.shopSettings.findUniqueOrThrow({ where: { shop: shop().domain } })).lastReconciledAt;
    expect(after!.getTime()).toBeGreaterThan(before?.getTime() ?? 0);
    // The resync's own entry names the merchant as its cause.
    await page.reload();
    await app.getByText("Your action in the app").first().waitFor({ timeout: 30_000 });
    expect(pageErrors).toEqual([]);
    await page.close();
  });
});
