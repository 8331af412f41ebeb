import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

/** Where the vendor's OpenAPI export sits: shared/ beside the checkout (never copied into the project). */
export const VENDOR_EXPORT = fileURLToPath(new URL('../../../shared/reference/virtfusion-openapi.vendor.yaml', import.meta.url));

/** The vendor export's path, or undefined in a clone that has no `../shared` beside it. */
export function vendorExportPath(): string | undefined {
  const path = process.env.VIRTFUSION_VENDOR_OPENAPI ?? VENDOR_EXPORT;
  return existsSync(path) ? path : undefined;
}

export interface VendorExample {
  route: string;
  status: number;
  example: unknown;
}

type Document = {
  paths: Record<string, Record<string, { responses?: Record<string, { content?: Record<string, { example?: unknown; examples?: Record<string, { value: unknown }> }> }> }>>;
};

/** Every success-status example of an OpenAPI document, with its route template. */
export function successExamples(file: string): VendorExample[] {
  const document = parse(readFileSync(file, 'utf8')) as Document;
  const out: VendorExample[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, op] of Object.entries(item)) {
      for (const [status, response] of Object.entries(op.responses ?? {})) {
        if (!/^2\d\d$/.test(status)) continue;
        for (const media of Object.values(response.content ?? {})) {
          const examples = media.example !== undefined ? [media.example] : Object.values(media.examples ?? {}).map((e) => e.value);
          for (const example of examples) out.push({ route: `${method.toUpperCase()} ${path}`, status: Number(status), example });
        }
      }
    }
  }
  return out;
}
