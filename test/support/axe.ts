/**
 * axe-core in Chromium: injects it into a page or frame, runs the WCAG 2.1 A/AA
 * rules, and describes what failed so a failing test says what to fix and where.
 */
import fs from "node:fs";
import { createRequire } from "node:module";
import type { AxeResults, Result, RunOptions } from "axe-core";
import type { Frame, Page } from "playwright-core";

const AXE_SOURCE = fs.readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/** The success criteria the app is held to: WCAG 2.0 and 2.1, levels A and AA. */
export const WCAG_21_AA_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] as const;

/** One rule not applied to the elements one CSS selector matches, because the fault is in code we don't own. */
export interface AxeException {
  rule: string;
  selector: string;
  reason: string;
}

type AxeWindow = { axe: { run(context: Document, options: RunOptions): Promise<AxeResults> } };

/**
 * Violations of the WCAG 2.1 A/AA rules in a page or a frame (e.g. the app's iframe
 * in the admin shell), minus the listed exceptions. Frames inside it are not
 * visited: each document is checked on its own, by passing its frame.
 */
export async function axeViolations(target: Page | Frame, exceptions: readonly AxeException[] = []): Promise<Result[]> {
  const frame = "mainFrame" in target ? target.mainFrame() : target;
  if (!(await frame.evaluate(() => "axe" in window))) await frame.evaluate(AXE_SOURCE);
  const runOptions: RunOptions = { runOnly: { type: "tag", values: [...WCAG_21_AA_TAGS] }, resultTypes: ["violations"], iframes: false };
  // Exceptions are matched in the page, on the elements themselves: axe's selectors are built from generated ids.
  return frame.evaluate(
    async ({ runOptions, exceptions }) => {
      const { violations } = await (window as unknown as AxeWindow).axe.run(document, runOptions);
      const excepted = (rule: string, target: unknown[]) => {
        const element = target.length === 1 && typeof target[0] === "string" ? document.querySelector(target[0]) : null;
        return exceptions.some((exception) => exception.rule === rule && element?.matches(exception.selector));
      };
      return violations
        .map((violation) => ({ ...violation, nodes: violation.nodes.filter((node) => !excepted(violation.id, node.target)) }))
        .filter((violation) => violation.nodes.length > 0);
    },
    { runOptions, exceptions },
  );
}

/** Each violation with its rule id, impact, help text and link, then every element it was found on. */
export function describeViolations(violations: readonly Result[]): string {
  return violations
    .map((violation) => {
      const nodes = violation.nodes.map((node) => `    ${node.target.join(" ")}\n      ${node.html}\n      ${(node.failureSummary ?? "").replace(/\n\s*/g, "\n      ")}`);
      return `${violation.id} (${violation.impact ?? "no impact"}): ${violation.help}\n  ${violation.helpUrl}\n${nodes.join("\n")}`;
    })
    .join("\n\n");
}

/** Throws, naming every violation, unless the page or frame passes the WCAG 2.1 A/AA rules. */
export async function assertAccessible(target: Page | Frame, where: string, exceptions: readonly AxeException[] = []): Promise<void> {
  const violations = await axeViolations(target, exceptions);
  if (violations.length > 0) throw new Error(`${where}: ${violations.length} accessibility violation(s)\n\n${describeViolations(violations)}`);
}
