// The peers the benchmarks compare against, installed as dev dependencies. A missing one stops
// the run: a ratio against a peer that was not measured is never printed.
export const PEERS = ['ky', 'axios', 'openapi-fetch', 'undici'] as const;

export async function requirePeers(): Promise<void> {
  const missing: string[] = [];
  for (const name of PEERS) {
    try {
      await import(name);
    } catch {
      missing.push(name);
    }
  }
  if (missing.length > 0) {
    console.error(`Cannot benchmark: peer${missing.length > 1 ? 's' : ''} ${missing.join(', ')} not installed (npm install --no-save ${missing.join(' ')}, or npm ci). No figures were printed.`);
    process.exit(1);
  }
}
