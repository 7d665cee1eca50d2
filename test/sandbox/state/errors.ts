import { SandboxError } from "./contract";

/**
 * A business refusal the Admin API reports as a `userErrors` entry (never thrown to
 * the client). The control API can treat it as any SandboxError (422).
 */
export class ShopUserError extends SandboxError {
  constructor(
    message: string,
    readonly field: string[] | null = null,
    readonly code: string | null = null,
  ) {
    super(message, 422);
  }
}
