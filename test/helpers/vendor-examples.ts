import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

/** Where the vendor's OpenAPI export sits: shared/ beside the checkout (never copied into the project). */
export const VENDOR_EXPORT = fileURLToPath(new URL('../../../shared/reference/virtfusion-openapi.vendor.yaml', import.meta.url));

export interface VendorExample {
  route: string;
  status: number;
  example: unknown;
}

/** Every success-status example of the vendor export, with its route template. */
export function vendorSuccessExamples(): VendorExample[] {
  const document = parse(readFileSync(process.env.VIRTFUSION_VENDOR_OPENAPI ?? VENDOR_EXPORT, 'utf8')) as {
    paths: Record<string, Record<string, { responses?: Record<string, { content?: Record<string, { example?: unknown; examples?: Record<string, { value: unknown }> }> }> }>>;
  };
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
