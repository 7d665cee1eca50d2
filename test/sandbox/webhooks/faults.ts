/**
 * Delivery faults the sandbox can inject so the app is tested against what Shopify
 * really does: duplicates, out-of-order arrival, late arrival, lost deliveries.
 * Every random choice comes from one seeded generator, so a run can be replayed.
 */

import { seededRandom } from "../support/seeded-random";

export interface WebhookFaults {
  /** Below 1: probability that a delivery is sent twice. 1 or more: the next N deliveries are. */
  duplicate?: number;
  /** Hold deliveries in a window and send the window in shuffled order. */
  reorder?: boolean;
  /** How many deliveries a reorder window holds (default 3). */
  reorderWindow?: number;
  /** The longest a partly filled window waits before it is sent anyway (default 100 ms). */
  reorderHoldMs?: number;
  /** Extra wait before the first attempt of every delivery. */
  delayMs?: number;
  /** Below 1: probability that a delivery is never sent. 1 or more: the next N deliveries are not. */
  drop?: number;
  seed?: number;
}


/** Fisher–Yates with the given generator; a window of two or more never comes out unchanged. */
export function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  if (out.length > 1 && out.every((item, index) => item === items[index])) out.push(out.shift() as T);
  return out;
}

/** Decides, delivery by delivery, which faults apply. Counts are consumed as they fire. */
export class FaultPlan {
  private random: () => number = seededRandom(1);
  private faults: WebhookFaults = {};
  private duplicatesLeft = 0;
  private dropsLeft = 0;

  set(faults: WebhookFaults): void {
    this.faults = { ...faults };
    this.random = seededRandom(faults.seed ?? 1);
    this.duplicatesLeft = countOf(faults.duplicate);
    this.dropsLeft = countOf(faults.drop);
  }

  current(): WebhookFaults {
    return { ...this.faults };
  }

  get reorder(): boolean {
    return this.faults.reorder === true;
  }
  get reorderWindow(): number {
    return Math.max(2, this.faults.reorderWindow ?? 3);
  }
  get reorderHoldMs(): number {
    return this.faults.reorderHoldMs ?? 100;
  }
  get delayMs(): number {
    return this.faults.delayMs ?? 0;
  }

  shouldDrop(): boolean {
    return this.fires(this.faults.drop, () => (this.dropsLeft > 0 ? (this.dropsLeft--, true) : false));
  }

  shouldDuplicate(): boolean {
    return this.fires(this.faults.duplicate, () => (this.duplicatesLeft > 0 ? (this.duplicatesLeft--, true) : false));
  }

  shuffle<T>(items: readonly T[]): T[] {
    return shuffled(items, this.random);
  }

  private fires(setting: number | undefined, takeCount: () => boolean): boolean {
    if (setting === undefined || setting <= 0) return false;
    return setting < 1 ? this.random() < setting : takeCount();
  }
}

function countOf(setting: number | undefined): number {
  return setting !== undefined && setting >= 1 ? Math.floor(setting) : 0;
}
