import type { WebhookSecret } from './secrets';

/** The text forms of the secrets (a `whsec_` secret also as its key part), for redaction. */
export function secretTexts(secrets: readonly WebhookSecret[]): string[] {
  return secrets.flatMap((secret) => (typeof secret !== 'string' ? [] : secret.startsWith('whsec_') ? [secret, secret.slice(6)] : [secret]));
}

/** Runs a verification; an error it throws never quotes a secret, even from a header that carried one. */
export async function scrubbingSecrets<T>(secrets: readonly string[], verify: () => Promise<T>): Promise<T> {
  try {
    return await verify();
  } catch (error) {
    // Loaded on a failure only: a delivery that verifies never needs the scrubber.
    const { scrubError } = await import('../core/scrub-error');
    throw scrubError(error, secrets);
  }
}
