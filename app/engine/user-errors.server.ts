export interface UserError {
  field?: readonly string[] | null;
  message: string;
  code?: string | null;
}

export class ShopifyUserError extends Error {
  constructor(
    readonly operation: string,
    readonly userErrors: readonly UserError[],
  ) {
    super(`${operation}: ${userErrors.map((error) => `${error.message}${error.code ? ` (${error.code})` : ""}`).join("; ")}`);
    this.name = "ShopifyUserError";
  }
}

/** A mutation Shopify refused is a failed job (retried, then a visible dead letter), never silence. */
export function assertNoUserErrors(operation: string, userErrors: readonly UserError[] | null | undefined, tolerated: readonly string[] = []): void {
  const errors = (userErrors ?? []).filter((error) => !(error.code && tolerated.includes(error.code)));
  if (errors.length > 0) throw new ShopifyUserError(operation, errors);
}
