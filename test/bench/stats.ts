/** Small statistics for benchmark output. */
export function percentile(sortedMs: readonly number[], p: number): number {
  if (sortedMs.length === 0) return Number.NaN;
  const index = Math.min(sortedMs.length - 1, Math.ceil((p / 100) * sortedMs.length) - 1);
  return sortedMs[Math.max(0, index)]!;
}

export const round = (value: number, digits = 1) => Number(value.toFixed(digits));

/** Runs `task` `total` times with at most `concurrency` at once; returns each run's duration in ms. */
export async function timedPool(total: number, concurrency: number, task: (index: number) => Promise<void>): Promise<{ durations: number[]; elapsedMs: number }> {
  const durations: number[] = [];
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < total) {
      const index = next++;
      const t0 = performance.now();
      await task(index);
      durations.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { durations: durations.sort((a, b) => a - b), elapsedMs: performance.now() - started };
}
