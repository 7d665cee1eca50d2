import { describe, expect, it } from "vitest";
import { stackForThisFile } from "../support/installed-stack";
import { openAppPage } from "../support/shop-story";
import { strings } from "../../app/i18n/strings";

// Not installed: the test's visit is the merchant's first, which installs the app.
const t = stackForThisFile({ seed: true, install: false, browser: true });

describe("the embedded app in the sandbox admin shell", () => {
  it("loads inside the iframe through token exchange and shows the shop's data from the Admin API and the dashboard", async () => {
    const snapshot = t.shop().snapshot();

    const { page, app, pageErrors } = await openAppPage(t.browser, t.stack, "/");
    await app.getByText(snapshot.shop.name, { exact: true }).waitFor({ timeout: 30_000 });
    // The home page's dashboard, read from the app's own database.
    await expect(app.getByRole("heading", { name: strings.dashboard.activityHeading }).isVisible()).resolves.toBe(true);
    for (const location of snapshot.locations) {
      await expect(app.getByRole("listitem").filter({ hasText: location.name }).count()).resolves.toBe(1);
    }

    // The app's title bar is drawn by the shell, as Shopify admin does.
    await page.getByText("Backorder Manager").first().waitFor();
    // The app reached the Admin API with the token the sandbox issued in the exchange.
    const requests = t.stack.sandbox.adminApiRequests();
    expect(requests.some((r) => r.operationName === "StockOverview" && r.status === 200)).toBe(true);
    expect(pageErrors).toEqual([]);
    await page.close();
  });
});
