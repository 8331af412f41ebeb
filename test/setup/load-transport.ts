// The default transport loads ky on a client's first request. Tests on fake timers would advance
// the clock past that real, asynchronous load; loading it here first keeps their timing exact.
import { loadKy } from '../../src/core/ky-transport';

await loadKy();
