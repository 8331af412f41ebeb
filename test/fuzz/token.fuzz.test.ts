import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isConfigurationError, isVirtFusionError, VirtFusion } from '../../src/index';
import { leaksIn, renderingsOf, secretForms } from '../helpers/leaks';
import { json, PANEL, recordingFetch } from '../helpers/recording-fetch';
import { hostileString } from './arbitraries';
import { check } from './wire';

/** A token with a distinctive core, so that finding it in a message is never a coincidence, and anything around it. */
const token = fc.tuple(hostileString, fc.constantFrom('Zq7vK2pWx9', 'tök€n-Zq7vK2pWx9', 'Zq7v\u200bK2pWx9'), hostileString).map((parts) => parts.join(''));

describe('fuzz: API tokens of any form', () => {
  it('are refused at construction with a typed error that does not quote them, or sent exactly in Authorization', async () => {
    const seen = { accepted: 0, refused: 0 };
    await fc.assert(
      fc.asyncProperty(token, async (candidate) => {
        const { fetch, requests } = recordingFetch(() => json({ data: {} }));
        let vf: VirtFusion;
        try {
          vf = new VirtFusion({ url: PANEL, token: candidate, fetch, middleware: [], logger: { warn: () => undefined } });
        } catch (error) {
          seen.refused += 1;
          check(isConfigurationError(error), `construction threw ${String(error)}`);
          const leaks = leaksIn(renderingsOf(error), secretForms(candidate));
          check(leaks.length === 0, `the token is in the ConfigurationError's ${leaks.join(', ')}`);
          // A token refused only for a character a header cannot carry is told which character, and where.
          const wide = /[^\u0000-\u00ff]/u.exec(candidate);
          if (wide !== null && !/[\s\u0000-\u001f\u007f]/.test(candidate) && !/^bearer\s/i.test(candidate)) {
            const hex = `U+${wide[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
            check(error.message.includes(hex) && error.message.includes(`character ${wide.index + 1}`), `not told ${hex} at ${wide.index + 1}: ${error.message}`);
          }
          return;
        }
        // Headers carry bytes: a character above U+00FF can never be sent, so it must have been refused above.
        check(![...candidate].some((char) => char.codePointAt(0)! > 0xff), `a token with ${JSON.stringify(candidate)} was accepted`);
        const outcome = await vf.request('GET /connect').then(
          () => undefined,
          (error: unknown) => error,
        );
        check(outcome === undefined, `an accepted token failed the call: ${isVirtFusionError(outcome) ? outcome.message : String(outcome)}`);
        check(requests.length === 1 && requests[0]!.headers.get('authorization') === `Bearer ${candidate}`, 'the token was not sent as given');
        seen.accepted += 1;
      }),
      { numRuns: 1_500 },
    );
    expect(seen.accepted).toBeGreaterThan(30);
    expect(seen.refused).toBeGreaterThan(100);
  }, 30_000);
});
