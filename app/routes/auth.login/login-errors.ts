import { LoginErrorType, type LoginError } from "@shopify/shopify-app-remix/server";
import { strings } from "../../i18n/strings";

/** The library's login error codes in the merchant's words. */
export function loginErrorMessage(errors: LoginError): { shop?: string } {
  if (errors.shop === LoginErrorType.MissingShop) return { shop: strings.login.missingShop };
  if (errors.shop === LoginErrorType.InvalidShop) return { shop: strings.login.invalidShop };
  return {};
}
