import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { startStack, type Stack } from "../support/stack";
import { launchChromium, openPage } from "../support/browser";
import { strings } from "../../app/i18n/strings";

let stack: Stack;
let browser: Browser;

beforeAll(async () => {
  [stack, browser] = await Promise.all([startStack({ seed: true }), launchChromium()]);
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe("the embedded app in the sandbox admin shell", () => {
  it("loads inside the iframe through token exchange and shows the shop's data from the Admin API and the dashboard", async () => {
    const snapshot = stack.sandbox.shop.snapshot();

    const page = await openPage(browser);
    const pageErrors: string[] = [];
    page.on("pageerror", (error) => pageErrors.push(error.message));
    await page.goto(stack.adminShellUrl);

    const app = page.frameLocator("iframe");
    await app.getByText(snapshot.shop.name, { exact: true }).waitFor({ timeout: 30_000 });
    // The home page's dashboard, read from the app's own database.
    await expect(app.getByRole("heading", { name: strings.dashboard.activityHeading }).isVisible()).resolves.toBe(true);
    for (const location of snapshot.locations) {
      await expect(app.getByRole("listitem").filter({ hasText: location.name }).count()).resolves.toBe(1);
    }

    // The app's title bar is drawn by the shell, as Shopify admin does.
    await page.getByText("Backorder Manager").first().waitFor();
    // The app reached the Admin API with the token the sandbox issued in the exchange.
    const requests = stack.sandbox.adminApiRequests();
    expect(requests.some((r) => r.operationName === "StockOverview" && r.status === 200)).toBe(true);
    expect(pageErrors).toEqual([]);
    await page.close();
  });
});
