import { describe, expect, it } from 'vitest';
import { ConfigurationError, VirtFusion, type Logger } from '../../src/index';
import { json, PANEL, recordingFetch, TOKEN } from '../helpers/recording-fetch';

// Found by the soak's "every throw is typed" rule: the answer-shape warning goes to the logger
// unguarded, so a logger that fails turns a good answer into the logger's own untyped exception.
// Listener and event-log failures are already kept away from requests (middleware/events.ts).

function client(logger: Logger) {
  const { fetch } = recordingFetch(() => json({ data: { id: 'not-a-number', name: 7 } }));
  return new VirtFusion({ url: PANEL, token: TOKEN, fetch, middleware: [], logger });
}

describe('a failing logger never fails a request', () => {
  it('a logger whose warn() throws: the call still returns the answer (validate: warn)', async () => {
    const vf = client({
      warn: () => {
        throw new Error('log sink is down');
      },
    });
    await expect(vf.servers.get(1)).resolves.toMatchObject({ id: 'not-a-number' });
  });

  it('a logger object without warn() (plain JavaScript callers): refused at construction, or the call still returns the answer', async () => {
    let vf: VirtFusion;
    try {
      vf = client({} as Logger);
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigurationError);
      return;
    }
    await expect(vf.servers.get(1)).resolves.toMatchObject({ id: 'not-a-number' });
  });
});
