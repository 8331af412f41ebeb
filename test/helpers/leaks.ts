import { inspect } from 'node:util';

/** The forms a secret can take on its way out: as is, and base64 of its UTF-8 (as in `Authorization: Bearer base64(...)`), padded, unpadded and base64url. */
export function secretForms(secret: string): string[] {
  const bytes = new TextEncoder().encode(secret);
  const base64 = btoa(String.fromCharCode(...bytes));
  const base64url = base64.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  return [...new Set([secret, base64, base64.replace(/=+$/, ''), base64url])];
}

function safely(render: () => unknown): string {
  try {
    const text = render();
    return typeof text === 'string' ? text : String(text);
  } catch (error) {
    return `<render failed: ${error instanceof Error ? error.message : String(error)}>`;
  }
}

/** Every way a caller may print an error: its message, stack, toJSON, JSON.stringify and util.inspect, and the same of its causes. */
export function renderingsOf(error: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  let current: unknown = error;
  for (let depth = 0; current !== undefined && current !== null && depth < 4; depth += 1) {
    const at = depth === 0 ? '' : `cause${depth}.`;
    const value = current as { message?: unknown; stack?: unknown; toJSON?: () => unknown; cause?: unknown };
    out[`${at}message`] = safely(() => value.message);
    out[`${at}stack`] = safely(() => value.stack);
    if (typeof value.toJSON === 'function') out[`${at}toJSON`] = safely(() => JSON.stringify(value.toJSON!()));
    out[`${at}JSON.stringify`] = safely(() => JSON.stringify(current));
    out[`${at}inspect`] = safely(() => inspect(current, { depth: 6, showHidden: false }));
    out[`${at}fields`] = safely(() => JSON.stringify({ ...(current as object) }));
    current = value.cause;
  }
  return out;
}

/** Where in `renderings` any form of a secret appears, as `"<rendering>"` names. */
export function leaksIn(renderings: Record<string, string>, forms: readonly string[]): string[] {
  return Object.entries(renderings)
    .filter(([, text]) => forms.some((form) => form !== '' && text.includes(form)))
    .map(([where]) => where);
}
