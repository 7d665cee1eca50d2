/**
 * A restock date that went by without the stock, in Chromium in the admin shell:
 * the variant page says it has passed, and the storefront is not promised it.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { addDays } from "../../app/domain/restock-eta";
import { todayIn } from "../../app/engine/settings.server";
import { formatDate } from "../../app/i18n/dates";
import { strings } from "../../app/i18n/strings";
import { ADMIN_LOCALE } from "../../app/components/use-shop-dates";
import { stackForThisFile } from "../support/installed-stack";
import { openAppPage, storyIn } from "../support/shop-story";

const t = stackForThisFile({ browser: true });
const shop = t.shop;
const { variantOf, addVariant, buy } = storyIn(shop);
const numeric = (gid: string) => gid.split("/").pop()!;

let warehouse: string;

beforeAll(() => {
  warehouse = shop().addLocation("Warehouse");
});

describe("a restock date gone by", () => {
  it("is shown as past on the variant page and promised nowhere", async () => {
    const chair = addVariant("Late Chair", warehouse, 0);
    await t.settle();
    buy(chair, "Ada");
    await t.settle();
    const settings = await t.db.shopSettings.findUniqueOrThrow({ where: { shop: shop().domain } });
    const today = todayIn(settings.timezone);
    // Saved when it was still ahead; the stock did not come.
    const passed = addDays(today, -2);
    await t.db.variantRule.create({ data: { shop: shop().domain, variantId: chair, restockDate: passed } });
    expect((await t.request("/app/activity.data", { method: "POST", fields: { intent: "resync" } })).status).toBe(200);
    await t.settle();

    expect(settings.defaultLeadTimeDays).not.toBeNull();
    const shipsOn = variantOf(chair).metafields.find((m) => m.namespace.includes("backorder") && m.key === "ships_on")?.value;
    expect(shipsOn).toBe(addDays(today, (settings.defaultLeadTimeDays ?? 0) + settings.handlingDays));

    const { page, app, pageErrors } = await openAppPage(t.browser, t.stack, `/app/variants/${numeric(chair)}`);
    const shown = formatDate(passed, { style: "medium", locale: ADMIN_LOCALE });
    await app.getByText(`${strings.variants.incomingUnits(0)} · ${strings.variants.restockPassed(shown)}`, { exact: true }).waitFor({ timeout: 30_000 });
    expect(pageErrors).toEqual([]);
    await page.close();
  });
});
