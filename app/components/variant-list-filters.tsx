import { ChoiceList, Filters, type AppliedFilterInterface, type FilterInterface } from "@shopify/polaris";
import { strings } from "../i18n/strings";
import type { FilterChoices, VariantFilters } from "../models/variant-filters.server";
import { ALL_STATUSES, FILTER_PARAMS, STATUS_PARAM } from "../models/variant-list-params";
import type { ListParamChanges } from "./use-list-params";

const text = strings.variants;

interface ChoiceFilter {
  param: string;
  label: string;
  choices: { label: string; value: string }[];
  selected: string[];
  /** The URL value once the filter is removed: none, or `all` for the status filter, whose absence is the default. */
  removed: string | null;
  /** Shows no applied filter (the status filter set to every status). */
  showsAll?: boolean;
}

/** "All" and single statuses exclude each other: the one just ticked wins; nothing ticked is all. */
function nextStatuses(previous: readonly string[], ticked: string[]): string[] {
  const justTickedAll = ticked.includes(ALL_STATUSES) && !previous.includes(ALL_STATUSES);
  const statuses = justTickedAll ? [] : ticked.filter((value) => value !== ALL_STATUSES);
  return statuses.length > 0 ? statuses : [ALL_STATUSES];
}

interface Props {
  search: string;
  onSearchChange(search: string): void;
  query: VariantFilters & { statuses: string[] };
  choices: FilterChoices;
  update(changes: ListParamChanges): void;
  loading: boolean;
}

/**
 * Search plus the status, vendor, product type and location filters, each a multiple choice kept in the URL.
 * The status filter starts on back-ordered and sold out (the server's default); "All" shows every variant.
 */
export function VariantListFilters({ search, onSearchChange, query, choices, update, loading }: Props) {
  const allStatuses = query.statuses.length === 0;
  const choiceFilters: ChoiceFilter[] = [
    {
      param: STATUS_PARAM,
      label: text.statusFilter,
      choices: [{ label: text.allStatuses, value: ALL_STATUSES }, ...Object.keys(text.status).map((status) => ({ label: text.status[status] ?? status, value: status }))],
      selected: allStatuses ? [ALL_STATUSES] : query.statuses,
      removed: ALL_STATUSES,
      showsAll: allStatuses,
    },
    { param: FILTER_PARAMS.vendors, label: text.vendorFilter, choices: choices.vendors.map((vendor) => ({ label: vendor, value: vendor })), selected: query.vendors, removed: null },
    { param: FILTER_PARAMS.productTypes, label: text.productTypeFilter, choices: choices.productTypes.map((type) => ({ label: type, value: type })), selected: query.productTypes, removed: null },
    { param: FILTER_PARAMS.locations, label: text.locationFilter, choices: choices.locations.map((location) => ({ label: location.name, value: location.id })), selected: query.locations, removed: null },
  ];
  const filters: FilterInterface[] = choiceFilters.map(({ param, label, choices: options, selected }) => ({
    key: param,
    label,
    pinned: true,
    // A shop without vendors (or types, or synced locations) has nothing to choose from.
    disabled: options.length === 0,
    filter: (
      <ChoiceList
        title={label}
        titleHidden
        allowMultiple
        choices={options}
        selected={selected}
        onChange={(values) => update({ [param]: param === STATUS_PARAM ? nextStatuses(selected, values) : values })}
      />
    ),
  }));
  const appliedFilters: AppliedFilterInterface[] = choiceFilters
    .filter(({ selected, showsAll }) => selected.length > 0 && !showsAll)
    .map(({ param, label, choices: options, selected, removed }) => ({
      key: param,
      label: text.appliedFilter(label, selected.map((value) => options.find((option) => option.value === value)?.label ?? value)),
      onRemove: () => update({ [param]: removed }),
    }));

  return (
    <Filters
      queryValue={search}
      queryPlaceholder={text.searchPlaceholder}
      onQueryChange={onSearchChange}
      onQueryClear={() => onSearchChange("")}
      onClearAll={() => {
        onSearchChange("");
        update({ q: null, ...Object.fromEntries(choiceFilters.map(({ param, removed }) => [param, removed])) });
      }}
      filters={filters}
      appliedFilters={appliedFilters}
      loading={loading}
    />
  );
}
