/**
 * Whether a customer may still cancel an order line's back-ordered units, from the app's records of
 * the line (one per location it waits at): only units still waiting in the queue can be cancelled;
 * a line the merchant or the customer cancelled says so; anything released, fulfilled or taken out
 * of the queue by the merchant is on its way.
 */
export interface CancellableLine {
  orderName: string;
  state: string;
  merchantAction: string | null;
  waitingUnits: number;
}

export type CustomerCancelState<L extends CancellableLine> =
  | { kind: "unknown" }
  | { kind: "cancellable"; orderName: string; lines: L[] }
  | { kind: "already_cancelled" | "no_longer_waiting"; orderName: string };

export function customerCancelState<L extends CancellableLine>(lines: readonly L[]): CustomerCancelState<L> {
  const first = lines[0];
  if (!first) return { kind: "unknown" };
  const waiting = lines.filter((line) => line.state === "waiting" && line.merchantAction === null && line.waitingUnits > 0);
  if (waiting.length > 0) return { kind: "cancellable", orderName: first.orderName, lines: waiting };
  const cancelled = lines.some((line) => line.merchantAction === "cancelled" || line.state === "cancelled");
  return { kind: cancelled ? "already_cancelled" : "no_longer_waiting", orderName: first.orderName };
}
