import Bottleneck from 'bottleneck';
import { AbortError } from '../../core/errors';

/** Lets go of a turn; safe to call more than once. */
export type Release = () => void;

/**
 * First come, first served turns per key (an owner, an instance name), on bottleneck's per-key
 * queues. A turn is held from when it is granted until its release is called, which can be long
 * before the task that took it ends: creates of one owner hold theirs only until the new server's
 * id is recorded.
 */
export class Turns {
  readonly #queues = new Bottleneck.Group({ maxConcurrent: 1 });

  /** Waits for the key's turn. An abort while waiting rejects at once; the turn, when it comes, is passed on. */
  take(key: string, signal?: AbortSignal): Promise<Release> {
    signal?.throwIfAborted();
    return new Promise((granted, refused) => {
      let gone = false;
      const onAbort = () => {
        gone = true;
        refused(new AbortError({ message: 'Aborted while waiting for an earlier create of the same owner.', cause: signal?.reason }));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      void this.#queues.key(key).schedule(
        () =>
          new Promise<void>((done) => {
            signal?.removeEventListener('abort', onAbort);
            if (gone) return done();
            let released = false;
            granted(() => {
              if (released) return;
              released = true;
              done();
            });
          }),
      );
    });
  }

  /** Runs `task` in the key's turn, held until it settles. */
  async run<T>(key: string, task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    const release = await this.take(key, signal);
    try {
      return await task();
    } finally {
      release();
    }
  }
}
