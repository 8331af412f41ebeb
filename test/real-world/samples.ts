import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** shared/ sits beside the checkout on developers' machines and in CI, never in a user's clone. */
export const SAMPLES_DIR = process.env.VIRTFUSION_REAL_WORLD_SAMPLES ?? fileURLToPath(new URL('../../../shared/reference/real-world-samples', import.meta.url));

export interface SampleMeta {
  kind: 'request' | 'response' | 'error' | 'webhook';
  operation?: string;
  path?: Record<string, string | number>;
  query?: Record<string, string | number | boolean>;
  status?: number;
  requestBody?: unknown;
  contentType?: string;
  expectError?: string;
  provenance: string;
  bodyFile: string;
  note?: string;
}

export interface Sample {
  /** Folder and file, e.g. `vendor-docs-7.1/disk-delete`. */
  name: string;
  meta: SampleMeta;
  /** The body file's text. */
  text: string;
}

export function samplesAvailable(): boolean {
  return existsSync(SAMPLES_DIR);
}

/** Every sample whose provenance is vendor evidence (`vendor-*`); third-party fixtures are left out. */
export function vendorSamples(): Sample[] {
  const out: Sample[] = [];
  for (const folder of readdirSync(SAMPLES_DIR, { withFileTypes: true })) {
    if (!folder.isDirectory()) continue;
    const dir = join(SAMPLES_DIR, folder.name);
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.meta.json')).sort()) {
      const meta = JSON.parse(readFileSync(join(dir, file), 'utf8')) as SampleMeta;
      if (!meta.provenance.startsWith('vendor')) continue;
      out.push({ name: `${folder.name}/${file.replace(/\.meta\.json$/, '')}`, meta, text: readFileSync(join(dir, meta.bodyFile), 'utf8') });
    }
  }
  return out;
}
