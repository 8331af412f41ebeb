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

export interface Interleaved {
  /** Mean ms per call of each contender, over all rounds. */
  meanMs: Record<string, number>;
  /** The median over rounds of (contender's round mean / baseline's round mean). */
  ratio(contender: string, baseline: string): number;
}

/** The contenders' names in the order of `round`: each round starts one further along, so no one always follows the same peer. */
export function orderOf<T>(names: T[], round: number): T[] {
  const start = round % names.length;
  return [...names.slice(start), ...names.slice(0, start)];
}

/**
 * Times contenders round by round, interleaved, so that drift in a shared machine's load falls
 * on all of them alike; ratios are taken within each round, then their median.
 */
export async function interleave(contenders: Record<string, () => Promise<unknown>>, options: { rounds: number; perRound: number; warmup: number }): Promise<Interleaved> {
  for (const fn of Object.values(contenders)) await time(fn, options.warmup);
  const rounds: Record<string, number>[] = [];
  const all: Record<string, number[]> = Object.fromEntries(Object.keys(contenders).map((name) => [name, []]));
  for (let round = 0; round < options.rounds; round += 1) {
    const means: Record<string, number> = {};
    for (const name of orderOf(Object.keys(contenders), round)) {
      const fn = contenders[name]!;
      const samples = await time(fn, options.perRound);
      all[name]!.push(...samples);
      means[name] = mean(samples);
    }
    rounds.push(means);
  }
  return {
    meanMs: Object.fromEntries(Object.entries(all).map(([name, values]) => [name, mean(values)])),
    ratio: (contender, baseline) => median(rounds.map((means) => means[contender]! / means[baseline]!)),
  };
}
