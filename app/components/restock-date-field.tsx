/** A restock date picked from Polaris' calendar (in a popover), from the shop's today on; blank means none. */
import { useState } from "react";
import { Box, Button, DatePicker, InlineStack, Popover, TextField } from "@shopify/polaris";
import { strings } from "../i18n/strings";

/** "2027-03-12" as the calendar's local day, and back: the picker works in local dates, the app in ISO days. */
const localDayOf = (iso: string) => {
  const [year, month, day] = iso.split("-").map(Number);
  return new Date(year!, month! - 1, day!);
};
const isoDayOf = (date: Date) => [date.getFullYear(), date.getMonth() + 1, date.getDate()].map((part, index) => String(part).padStart(index === 0 ? 4 : 2, "0")).join("-");

export interface RestockDateFieldProps {
  label: string;
  /** ISO day, or "" for none. */
  value: string;
  onChange(value: string): void;
  /** The shop's today: earlier days cannot be picked. */
  today: string;
  formatDate(value: string): string;
  helpText?: string;
  error?: string;
}

export function RestockDateField({ label, value, onChange, today, formatDate, helpText, error }: RestockDateFieldProps) {
  const [open, setOpen] = useState(false);
  const shown = localDayOf(value || today);
  const [month, setMonth] = useState({ month: shown.getMonth(), year: shown.getFullYear() });
  const openPicker = () => {
    setMonth({ month: shown.getMonth(), year: shown.getFullYear() });
    setOpen(true);
  };
  const text = strings.restockDatePicker;
  // The button opens the calendar (and carries aria-expanded); the field only shows the chosen day.
  const calendar = (
    <Popover
      active={open}
      onClose={() => setOpen(false)}
      preferredAlignment="right"
      autofocusTarget="first-node"
      activator={
        <Button onClick={open ? () => setOpen(false) : openPicker} accessibilityLabel={text.chooseLabel(label)}>
          {text.choose}
        </Button>
      }
    >
      <Box padding="400">
        <DatePicker
          month={month.month}
          year={month.year}
          onMonthChange={(nextMonth, nextYear) => setMonth({ month: nextMonth, year: nextYear })}
          selected={value ? localDayOf(value) : undefined}
          disableDatesBefore={localDayOf(today)}
          onChange={({ start }) => {
            onChange(isoDayOf(start));
            setOpen(false);
          }}
        />
      </Box>
    </Popover>
  );
  return (
    <TextField
      label={label}
      value={value ? formatDate(value) : ""}
      placeholder={text.none}
      readOnly
      autoComplete="off"
      helpText={helpText}
      error={error}
      connectedRight={
        <InlineStack gap="100" wrap={false}>
          {calendar}
          {value && (
            <Button onClick={() => onChange("")} accessibilityLabel={text.removeLabel(label)}>
              {text.remove}
            </Button>
          )}
        </InlineStack>
      }
    />
  );
}
