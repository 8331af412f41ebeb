import { describeComputeProvider } from '../../src/provider/conformance';
import { createMemoryProvider } from './memory-provider';
import { emulator, FIXTURE, provider } from './helpers';

describeComputeProvider('in-memory provider', () => ({
  provider: createMemoryProvider(),
  input: { planId: 'small', imageId: 'debian-12', regionId: 'ams', owner: 'acct-1' },
}));

describeComputeProvider('VirtFusion on the emulator', async () => {
  const emu = await emulator();
  return { provider: provider(emu), input: { ...FIXTURE, owner: '7001' }, cleanup: () => emu.stop() };
}, { settle: { interval: 10 } });
