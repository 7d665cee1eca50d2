/**
 * The "chosen products" scope: the products listed by title, each with a remove
 * button, and App Bridge's resource picker to choose them. The form carries
 * their GIDs in one field ("gid…/1, gid…/2"); the server checks them.
 */
import { BlockStack, Button, errorTextID, InlineError, InlineStack, Text } from "@shopify/polaris";
import { useAppBridge } from "@shopify/app-bridge-react";
import { joinIds, splitIds } from "../models/id-list";
import { strings } from "../i18n/strings";

const text = strings.settings.scope;
const FIELD_NAME = "scopeProductIds";
const PICKER_BUTTON_ID = "chosen-products-picker";
const LIST_LABEL_ID = "chosen-products-label";

/** The picker's answer in the order the merchant already had, new products last: picking the same set again changes nothing. */
export function mergeSelection(current: readonly string[], picked: readonly string[]): string[] {
  const chosen = new Set(picked);
  const kept = current.filter((id) => chosen.has(id));
  const keptSet = new Set(kept);
  return [...kept, ...picked.filter((id) => !keptSet.has(id))];
}

export interface ChosenProductsFieldProps {
  /** The form value: product GIDs separated by commas. */
  value: string;
  /** Titles known so far, by GID: from the loader, and from the picker for new picks. */
  titles: Readonly<Record<string, string>>;
  error?: string;
  /** A new value, with the titles the picker told us. */
  onChange(value: string, pickedTitles: Record<string, string>): void;
}

export function ChosenProductsField({ value, titles, error, onChange }: ChosenProductsFieldProps) {
  const shopify = useAppBridge();
  const productIds = splitIds(value);

  const choose = async () => {
    try {
      const picked = await shopify.resourcePicker({ type: "product", action: "select", multiple: true, selectionIds: productIds.map((id) => ({ id })) });
      // Undefined when the merchant cancels: nothing changes.
      if (!picked) return;
      const ids = mergeSelection(productIds, picked.map((product) => product.id));
      onChange(joinIds(ids), Object.fromEntries(picked.map((product) => [product.id, product.title])));
    } catch {
      shopify.toast.show(text.pickerFailed, { isError: true });
    }
  };
  const remove = (id: string) => onChange(joinIds(productIds.filter((other) => other !== id)), {});

  return (
    <BlockStack gap="200">
      <Text as="h3" variant="headingSm" id={LIST_LABEL_ID}>
        {text.productsLabel}
      </Text>
      {productIds.length === 0 ? (
        <Text as="p" tone="subdued">
          {text.noProducts}
        </Text>
      ) : (
        <ul aria-labelledby={LIST_LABEL_ID} style={{ listStyle: "none", margin: 0, padding: 0, display: "grid", gap: "var(--p-space-100)" }}>
          {productIds.map((id) => {
            const title = titles[id] ?? text.missingProduct(id);
            return (
              <li key={id}>
                <InlineStack align="space-between" blockAlign="center" gap="200" wrap={false}>
                  <Text as="span" truncate>
                    {title}
                  </Text>
                  <Button variant="plain" tone="critical" accessibilityLabel={text.removeProduct(title)} onClick={() => remove(id)}>
                    {text.remove}
                  </Button>
                </InlineStack>
              </li>
            );
          })}
        </ul>
      )}
      <InlineStack>
        <Button id={PICKER_BUTTON_ID} onClick={() => void choose()} ariaDescribedBy={error ? errorTextID(PICKER_BUTTON_ID) : undefined}>
          {productIds.length === 0 ? text.chooseProducts : text.changeProducts}
        </Button>
      </InlineStack>
      {error && <InlineError message={error} fieldID={PICKER_BUTTON_ID} />}
      <Text as="p" tone="subdued">
        {text.productsHelp}
      </Text>
      <input type="hidden" name={FIELD_NAME} value={value} />
    </BlockStack>
  );
}
