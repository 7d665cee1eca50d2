import { ChoiceList, Filters, type AppliedFilterInterface, type FilterInterface } from "@shopify/polaris";
import { strings } from "../i18n/strings";
import type { FilterChoices, VariantFilters } from "../models/variant-filters.server";
import { FILTER_PARAMS } from "../models/variant-list-params";
import type { ListParamChanges } from "./use-list-params";

const text = strings.variants;

interface ChoiceFilter {
  param: string;
  label: string;
  choices: { label: string; value: string }[];
  selected: string[];
}

interface Props {
  search: string;
  onSearchChange(search: string): void;
  query: VariantFilters & { statuses: string[] };
  choices: FilterChoices;
  update(changes: ListParamChanges): void;
  loading: boolean;
}

/** Search plus the status, vendor, product type and location filters, each a multiple choice kept in the URL. */
export function VariantListFilters({ search, onSearchChange, query, choices, update, loading }: Props) {
  const choiceFilters: ChoiceFilter[] = [
    { param: "status", label: text.statusFilter, choices: Object.keys(text.status).map((status) => ({ label: text.status[status] ?? status, value: status })), selected: query.statuses },
    { param: FILTER_PARAMS.vendors, label: text.vendorFilter, choices: choices.vendors.map((vendor) => ({ label: vendor, value: vendor })), selected: query.vendors },
    { param: FILTER_PARAMS.productTypes, label: text.productTypeFilter, choices: choices.productTypes.map((type) => ({ label: type, value: type })), selected: query.productTypes },
    { param: FILTER_PARAMS.locations, label: text.locationFilter, choices: choices.locations.map((location) => ({ label: location.name, value: location.id })), selected: query.locations },
  ];
  const filters: FilterInterface[] = choiceFilters.map(({ param, label, choices: options, selected }) => ({
    key: param,
    label,
    pinned: true,
    // A shop without vendors (or types, or synced locations) has nothing to choose from.
    disabled: options.length === 0,
    filter: <ChoiceList title={label} titleHidden allowMultiple choices={options} selected={selected} onChange={(values) => update({ [param]: values })} />,
  }));
  const appliedFilters: AppliedFilterInterface[] = choiceFilters
    .filter(({ selected }) => selected.length > 0)
    .map(({ param, label, choices: options, selected }) => ({
      key: param,
      label: text.appliedFilter(label, selected.map((value) => options.find((option) => option.value === value)?.label ?? value)),
      onRemove: () => update({ [param]: null }),
    }));

  return (
    <Filters
      queryValue={search}
      queryPlaceholder={text.searchPlaceholder}
      onQueryChange={onSearchChange}
      onQueryClear={() => onSearchChange("")}
      onClearAll={() => {
        onSearchChange("");
        update({ q: null, ...Object.fromEntries(choiceFilters.map(({ param }) => [param, null])) });
      }}
      filters={filters}
      appliedFilters={appliedFilters}
      loading={loading}
    />
  );
}
