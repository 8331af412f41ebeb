import { redactText } from '../core/redact';

const secrets: string[] = [];

/** Remembers a secret (the API token) that nothing this process prints may show. */
export function keepSecret(value: string): void {
  if (value !== '' && !secrets.includes(value)) secrets.push(value);
}

/** The text with every remembered secret masked. */
export function masked(text: string): string {
  return secrets.length === 0 ? text : redactText(text, secrets);
}

/** How the CLI shows a URL: scheme, host and path, never a user name, password, query or fragment. */
export function shownUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return masked(`${parsed.protocol}//${parsed.host}${parsed.pathname}`);
  } catch {
    return '(not a valid URL)';
  }
}
