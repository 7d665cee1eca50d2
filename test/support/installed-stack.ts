/** One installed stack (and Chromium when a file needs it) per test file: started before its tests, stopped after them. */
import { afterAll, beforeAll } from "vitest";
import type { Browser } from "playwright-core";
import type { PrismaClient } from "@prisma/client";
import type { SandboxShop } from "../sandbox/state/shop";
import { launchChromium } from "./browser";
import { appRequest, settle, startInstalledStack } from "./engine";
import type { Stack, StartStackOptions } from "./stack";

export interface InstalledStack {
  stack: Stack;
  db: PrismaClient;
  /** Only when asked for with `browser: true`. */
  browser: Browser;
  shop(): SandboxShop;
  /** A request to the app signed with a session token, as App Bridge sends it. */
  request(path: string, init?: Parameters<typeof appRequest>[2]): ReturnType<typeof appRequest>;
  /** Waits until webhooks and jobs are all done. */
  settle(): Promise<void>;
}

export function stackForThisFile(options: StartStackOptions & { browser?: boolean } = {}): InstalledStack {
  const { browser: withBrowser, ...stackOptions } = options;
  const under = {
    shop: () => under.stack.sandbox.shop,
    request: (path, init) => appRequest(under.stack, path, init),
    settle: () => settle(under.stack, under.db),
  } as InstalledStack;
  beforeAll(async () => {
    const [started, browser] = await Promise.all([startInstalledStack(stackOptions), withBrowser ? launchChromium() : undefined]);
    Object.assign(under, started, browser ? { browser } : {});
  }, 180_000);
  afterAll(async () => {
    await under.browser?.close();
    await under.db?.$disconnect();
    await under.stack?.stop();
  });
  return under;
}
