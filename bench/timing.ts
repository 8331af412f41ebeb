/** Runs `fn` `count` times in a row and returns each run's duration in milliseconds. */
export async function time(fn: () => Promise<unknown>, count: number): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < count; i += 1) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  return samples;
}

export const sorted = (values: number[]): number[] => [...values].sort((a, b) => a - b);
export const median = (values: number[]): number => sorted(values)[Math.floor(values.length / 2)]!;
export const mean = (values: number[]): number => values.reduce((a, b) => a + b, 0) / values.length;
export const p99 = (values: number[]): number => sorted(values)[Math.floor(values.length * 0.99)]!;
