// The default transport loads ky, and the client zod with the body schemas, on first use. Tests on
// fake timers would advance the clock past those real, asynchronous loads; loading them here first
// keeps their timing exact.
import { loadBodyCheck } from '../../src/core/body-checks';
import { loadKy } from '../../src/core/ky-transport';

await Promise.all([loadKy(), loadBodyCheck('POST /servers')]);
