import type { SettingsFormValues } from "../../app/models/settings.server";

/** The Settings form as a new shop first sees it: every field valid. */
export const DEFAULT_SETTINGS_FORM: SettingsFormValues = {
  scopeKind: "all",
  scopeTag: "",
  scopeProductIds: "",
  waitingCapPerVariant: "",
  defaultLeadTimeDays: "14",
  handlingDays: "1",
  restockMessage: "",
  soldOutMessage: "",
  dateStyle: "medium",
  fulfilmentMode: "hold_release",
  locationMoves: "off",
};
