/**
 * One Polaris Viz chart, drawn in the browser only: the library measures its
 * container and animates with springs, so the server renders the chart's
 * table instead (see home-charts.tsx) and this module never reaches the server.
 *
 * The chart is a picture for the eye, hidden from assistive technology: the
 * library's own ARIA does not hold up (line points are role="image" labelled by
 * a tooltip that does not exist yet, lists nest in lists, rows hold images), so
 * screen readers get the card's table instead. Hidden content must not take
 * keyboard focus, so the points the library makes tabbable are taken out of the
 * tab order; hovering still shows the tooltips, and the table has every value.
 */
import { useEffect, useRef } from "react";
import "@shopify/polaris-viz/build/esm/styles.css";
import { BarChart, LineChart, PolarisVizProvider, type DataSeries } from "@shopify/polaris-viz";

export interface ChartVisualProps {
  /** A line over time, horizontal bars (their labels stay whole, however long), or columns (one a period, some maybe empty). */
  kind: "line" | "bars" | "columns";
  series: DataSeries[];
  /** Pixels; the chart fills the width of its card. */
  height: number;
  formatKey: (key: string) => string;
  formatValue: (value: number) => string;
  /** Labels of the value axis (shorter money; blank between whole numbers). */
  formatAxisValue?: (value: number) => string;
  /** The tooltip's title for a key (a full date where the axis shows a short one). */
  formatTitle?: (key: string) => string;
  integersOnly?: boolean;
}

export default function ChartVisual({ kind, series, height, formatKey, formatValue, formatAxisValue, formatTitle, integersOnly }: ChartVisualProps) {
  const key = (value: string | number | null) => formatKey(String(value ?? ""));
  const value = (formatter: (value: number) => string) => (raw: string | number | null) => (raw === null ? "" : formatter(Number(raw)));
  const common = {
    data: series,
    // The library's legend measures itself after the first draw and briefly sizes the chart below zero; the cards draw their own.
    showLegend: false,
    // Horizontal bars swap the axes: x carries the values, y the keys.
    xAxisOptions: { labelFormatter: kind === "bars" ? value(formatAxisValue ?? formatValue) : key },
    yAxisOptions: { labelFormatter: kind === "bars" ? key : value(formatAxisValue ?? formatValue), integersOnly },
    tooltipOptions: { keyFormatter: key, valueFormatter: value(formatValue), titleFormatter: (raw: string | number | null) => (formatTitle ?? formatKey)(String(raw ?? "")) },
  };
  const picture = useUntabbable<HTMLDivElement>();
  return (
    <PolarisVizProvider defaultTheme="Light">
      <div style={{ height }} aria-hidden="true" ref={picture}>
        {kind === "line" ? <LineChart {...common} /> : <BarChart {...common} direction={kind === "bars" ? "horizontal" : "vertical"} />}
      </div>
    </PolarisVizProvider>
  );
}

/** Keeps everything inside the element out of the tab order, including what the library adds or redraws later. */
function useUntabbable<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  useEffect(() => {
    const root = ref.current;
    if (!root) return;
    const untab = () => root.querySelectorAll('[tabindex]:not([tabindex="-1"])').forEach((element) => element.setAttribute("tabindex", "-1"));
    untab();
    const observer = new MutationObserver(untab);
    observer.observe(root, { subtree: true, childList: true, attributes: true, attributeFilter: ["tabindex"] });
    return () => observer.disconnect();
  }, []);
  return ref;
}
