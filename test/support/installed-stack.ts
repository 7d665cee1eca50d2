/**
 * One installed stack (and Chromium when a file needs it) per test file: started before its tests, stopped after them.
 * Called inside a `describe` block, the stack is that block's instead.
 */
import { afterAll, beforeAll } from "vitest";
import type { Browser } from "playwright-core";
import type { PrismaClient } from "@prisma/client";
import type { SandboxShop } from "../sandbox/state/shop";
import { openAppDatabase } from "./app-database";
import { launchChromium } from "./browser";
import { appRequest, settle, startInstalledStack } from "./engine";
import { startStack, type Stack, type StartStackOptions } from "./stack";

export interface InstalledStack {
  stack: Stack;
  db: PrismaClient;
  /** Only when asked for with `browser: true`. */
  browser: Browser;
  shop(): SandboxShop;
  /** A request to the app signed with a session token, as App Bridge sends it. */
  request(path: string, init?: Parameters<typeof appRequest>[2]): ReturnType<typeof appRequest>;
  /** Waits until webhooks and jobs are all done (60 s unless told). */
  settle(timeoutMs?: number): Promise<void>;
}

export interface StackForThisFileOptions extends StartStackOptions {
  browser?: boolean;
  /** `false`: the stack as `startStack` starts it (seeded unless `seed: false`), the app not yet opened by the merchant, so not installed. */
  install?: boolean;
}

export function stackForThisFile(options: StackForThisFileOptions = {}): InstalledStack {
  const { browser: withBrowser, install = true, ...stackOptions } = options;
  const under = {
    shop: () => under.stack.sandbox.shop,
    request: (path, init) => appRequest(under.stack, path, init),
    settle: (timeoutMs) => settle(under.stack, under.db, timeoutMs),
  } as InstalledStack;
  const start = async () => {
    if (install) return startInstalledStack(stackOptions);
    const stack = await startStack(stackOptions);
    return { stack, db: openAppDatabase(stack.databaseUrl) };
  };
  beforeAll(async () => {
    const [started, browser] = await Promise.all([start(), withBrowser ? launchChromium() : undefined]);
    Object.assign(under, started, browser ? { browser } : {});
  }, 180_000);
  afterAll(async () => {
    await under.browser?.close();
    await under.db?.$disconnect();
    await under.stack?.stop();
  });
  return under;
}
