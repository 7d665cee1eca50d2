/**
 * Ids and error texts kept out of the merchant's sentences, one click away for
 * support: a native disclosure (keyboard and screen readers know it as is).
 */
import { Text } from "@shopify/polaris";
import { strings } from "../i18n/strings";

export function TechnicalDetails({ items }: { items: readonly { label: string; value: string }[] }) {
  if (items.length === 0) return null;
  return (
    <details>
      <summary>
        <Text as="span" tone="subdued" variant="bodySm">{strings.activity.technical}</Text>
      </summary>
      <dl style={{ margin: 0 }}>
        {items.map((item) => (
          <div key={item.label}>
            <Text as="dt" variant="bodySm" fontWeight="semibold">{item.label}</Text>
            <Text as="dd" variant="bodySm" tone="subdued">
              <span style={{ overflowWrap: "anywhere" }}>{item.value}</span>
            </Text>
          </div>
        ))}
      </dl>
    </details>
  );
}
