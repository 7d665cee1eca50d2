import type { ReactNode } from "react";
import { EmptyState } from "@shopify/polaris";

/** A list's empty state when it has nothing to show, else the list itself. */
export function EmptyOr({ empty, heading, body, children }: { empty: boolean; heading: string; body: string; children: ReactNode }) {
  if (!empty) return <>{children}</>;
  return (
    <EmptyState heading={heading} image="">
      <p>{body}</p>
    </EmptyState>
  );
}
