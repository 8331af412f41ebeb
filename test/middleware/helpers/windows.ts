/** The most arrivals (times in ms) in any half-open window [t, t + width). */
export function busiestWindow(times: number[], width: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  for (let i = 0, j = 0; i < sorted.length; i += 1) {
    while (sorted[j]! <= sorted[i]! - width) j += 1;
    most = Math.max(most, i - j + 1);
  }
  return most;
}
